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
from reportgen.inputs.yaml_file import read_yaml
from reportgen.inputs.profile import CONTROL_CHARACTERS
from reportgen.inputs.schemas.base import PARAGRAPH_MAX, SHORT_TEXT_MAX
from reportgen.inputs.schemas.base import date_value

TEXT_KEYS = ("kata_pengantar", "latar_belakang", "maksud_tujuan", "ruang_lingkup", "kebijakan", "penutup")
LIST_KEYS = ("dasar_hukum", "program_prioritas")
KEYS = ("judul", "tanggal", "tempat", "ambang_baik", "tindak_lanjut") + TEXT_KEYS + LIST_KEYS
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


def _paragraphs(value, path: Path, key: str, problems: ProblemCollector) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(" ".join(p.split()) for p in value.split("\n\n") if p.strip())
    if isinstance(value, list) and all(isinstance(x, (str, int, float)) and not isinstance(x, bool)
                                       for x in value):
        return tuple(" ".join(str(x).split()) for x in value if str(x).strip())
    problems.add(path, "harus berupa teks, atau daftar teks (satu paragraf atau butir per baris '- ...')",
                 key=key, found=repr(value)[:80])
    return ()


def _follow_ups(value, path: Path, problems: ProblemCollector) -> tuple[FollowUp, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(path, "harus berupa daftar langkah tindak lanjut", key="tindak_lanjut")
        return ()
    steps = []
    for i, item in enumerate(value, start=1):
        key = f"tindak_lanjut[{i}]"
        if isinstance(item, str) and item.strip():
            steps.append(FollowUp(" ".join(item.split())))
        elif isinstance(item, dict) and set(item) <= {"kegiatan", "tanggal"} and isinstance(item.get("kegiatan"), str):
            steps.append(FollowUp(" ".join(item["kegiatan"].split()),
                                  date_value(item.get("tanggal"), path, f"{key}.tanggal", problems)))
        else:
            problems.add(path, "tiap langkah berupa teks, atau pasangan 'kegiatan: ...' dan 'tanggal: TTTT-BB-HH'",
                         key=key, found=repr(item)[:80])
    return tuple(steps)


def _check_lengths_and_characters(path: Path, title, place, texts: dict, problems: ProblemCollector) -> None:
    """Report a text too long for a page, or holding control, zero-width or bidi characters."""
    items = [("judul", title, SHORT_TEXT_MAX), ("tempat", place, SHORT_TEXT_MAX)]
    for key, paragraphs in texts.items():
        items += [(f"{key}[{i}]" if len(paragraphs) > 1 else key, text, PARAGRAPH_MAX)
                  for i, text in enumerate(paragraphs, start=1)]
    for key, text, limit in items:
        if not isinstance(text, str):
            continue
        if len(text) > limit:
            problems.add(path, f"terlalu panjang ({len(text)} karakter); paling banyak {limit} karakter", key=key)
        elif CONTROL_CHARACTERS.search(text):
            char = CONTROL_CHARACTERS.search(text).group()
            problems.add(path, f"berisi karakter kendali/tak terlihat (kode U+{ord(char):04X}) yang akan merusak "
                         "dokumen; hapus dan ketik ulang", key=key, found=text[:80])


def load_report_text(path: Path, problems: ProblemCollector) -> ReportText:
    """Return what laporan.yaml says (defaults where it is silent or absent); problems go to `problems`."""
    path = Path(path)
    data = read_yaml(path) if path.is_file() else {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.add(path, "harus berisi pasangan kunci: nilai")
        data = {}
    for key in data:
        if key not in KEYS:
            problems.add(path, f"kunci tidak dikenal; kunci yang sah: {', '.join(KEYS)}", key=str(key))
    threshold = data.get("ambang_baik", DEFAULT_THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, Decimal)) or not 0 < threshold <= 100:
        problems.add(path, "ambang capaian 'baik' harus angka persen lebih dari 0 sampai 100, mis. 70",
                     key="ambang_baik", found=str(threshold))
        threshold = DEFAULT_THRESHOLD
    title = data.get("judul") or DEFAULT_TITLE
    if not isinstance(title, str):
        problems.add(path, "judul harus berupa teks", key="judul", found=str(title))
        title = DEFAULT_TITLE
    place = data.get("tempat")
    texts = {key: _paragraphs(data.get(key), path, key, problems) for key in TEXT_KEYS + LIST_KEYS}
    _check_lengths_and_characters(path, title, place, texts, problems)
    return ReportText(
        path=path, title=" ".join(title.split()), date=date_value(data.get("tanggal"), path, "tanggal", problems),
        place=" ".join(str(place).split()) if place else None, good_threshold=Decimal(str(threshold)),
        foreword=texts["kata_pengantar"], background=texts["latar_belakang"], purpose=texts["maksud_tujuan"],
        scope=texts["ruang_lingkup"], policy=texts["kebijakan"], closing=texts["penutup"],
        legal_bases=texts["dasar_hukum"], priorities=texts["program_prioritas"],
        follow_ups=_follow_ups(data.get("tindak_lanjut"), path, problems),
    )
