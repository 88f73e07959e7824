"""Validate laporan.yaml, the parts of the annual RB report people write, filling sensible defaults.

Every key is optional; a missing file gives the defaults. Texts are one string (paragraphs separated
by a blank line) or a list of paragraphs; lists are lists of strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportgen.errors import ProblemCollector
from reportgen.inputs.yaml_file import read_yaml_lines

DEFAULT_TITLE = "Laporan Capaian Pelaksanaan Reformasi Birokrasi"
DEFAULT_THRESHOLD = Decimal(70)


@dataclass(frozen=True)
class FollowUp:
    """A follow-up step taken in the year: what was done and, when known, its date."""

    text: str
    date: dt.date | None = None


@dataclass(frozen=True)
class ReportText:
    """What laporan.yaml says; None (or empty) where the builder writes its default text."""

    path: Path
    title: str
    date: dt.date | None
    place: str | None
    good_threshold: Decimal  # achievement (%) from which an area counts as "baik"
    foreword: tuple[str, ...] = ()
    background: tuple[str, ...] = ()
    purpose: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    policy: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    legal_bases: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()


def _paragraphs(texts: list[str] | None) -> tuple[str, ...]:
    return tuple(" ".join(t.split()) for t in texts or () if t.strip())


def load_report_text(path: Path, problems: ProblemCollector) -> ReportText:
    """Return what laporan.yaml says (defaults where it is silent or absent); problems go to `problems`."""
    from reportgen.conventions.settings_schema import validate_settings
    from reportgen.inputs.settings_files import FollowUpItem, ReportTextFile

    path = Path(path)
    data, lines = read_yaml_lines(path) if path.is_file() else ({}, {})
    given = validate_settings(ReportTextFile, {} if data is None else data, path, problems, lines)
    if given is None:
        given = ReportTextFile()
    threshold = DEFAULT_THRESHOLD if given.ambang_baik is None else Decimal(str(given.ambang_baik))
    follow_ups = tuple(FollowUp(" ".join(step.kegiatan.split()), step.tanggal) if isinstance(step, FollowUpItem)
                       else FollowUp(" ".join(step.split())) for step in given.tindak_lanjut or ())
    return ReportText(
        path=path, title=" ".join((given.judul or DEFAULT_TITLE).split()), date=given.tanggal,
        place=" ".join(given.tempat.split()) if given.tempat else None, good_threshold=threshold,
        foreword=_paragraphs(given.kata_pengantar), background=_paragraphs(given.latar_belakang),
        purpose=_paragraphs(given.maksud_tujuan), scope=_paragraphs(given.ruang_lingkup),
        policy=_paragraphs(given.kebijakan), closing=_paragraphs(given.penutup),
        legal_bases=_paragraphs(given.dasar_hukum), priorities=_paragraphs(given.program_prioritas),
        follow_ups=follow_ups,
    )
