"""Generate the RB team decree: validate YAML and roster, number it in the register, write DOCX and PDF."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import InputError, Problem, ProblemCollector
from reportgen.inputs.folder import InputFolder
from reportgen.model.decree import build_decree
from reportgen.trust.register import Entry, NumberTaken, Register, register_path
from reportgen.inputs.schemas.decree import load_decree
from reportgen.inputs.schemas.team import Positions, load_team
from reportgen.documents.single import write_document
from reportgen.trust.ids import Marker

TEAM_FILE = "tim-rb.xlsx"
DECREE_FILE = "keputusan-tim-rb.yaml"
KIND = "keputusan"


@dataclass(frozen=True)
class DecreeResult:
    """A written decree: its number, files, register entry, warnings and the time it took."""

    number: str
    files: dict[str, Path]
    entry: Entry
    register: Path
    from_register: bool  # the serial was taken (or kept) from the register, not given by hand
    members: int
    seconds: float
    warnings: list


def decree_stem(year: int) -> str:
    """Return the file name (without suffix) of a year's team decree."""
    return f"keputusan-tim-rb-{year}"


def _inputs_hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def generate_decree(inputs: Path, out: Path, year: int | None = None, team: Path | None = None, meta: Path | None = None,
                    sheet: str | None = None, formats: tuple[str, ...] = ("pdf", "docx"),
                    templates: Path | None = None, register: Path | None = None, qr: bool = True,
                    pdfa: bool = False) -> DecreeResult:
    """Validate the decree file and team roster, take or keep the number, write OUT/YEAR/keputusan-tim-rb-YEAR.*.

    The decree carries its document ID (and, unless `qr` is False, its verification mark); PDF/A-2b with `pdfa`.
    """
    started = time.perf_counter()
    folder = InputFolder(Path(inputs))
    profile = folder.profile()
    year = year or folder.latest_year()
    meta_path = Path(meta) if meta else folder.year_file(year, DECREE_FILE)
    team_path = Path(team) if team else folder.year_file(year, TEAM_FILE)

    problems = ProblemCollector()
    settings = _collect(lambda: load_decree(meta_path, profile, year, problems), problems)
    positions = settings.positions if settings else Positions()
    members = _collect(lambda: load_team(team_path, sheet, problems, positions), problems) or []
    problems.raise_if_any()

    register_file = register_path(profile, out, register)
    with Register(register_file) as reg:
        try:
            entry = reg.issue(kind=KIND, year=year, identity=settings.subject, date=settings.date,
                              subject=settings.subject, code=settings.code, number=settings.number,
                              pattern=settings.pattern, inputs_sha256=_inputs_hash(profile.path, meta_path, team_path))
        except NumberTaken as exc:
            raise InputError([Problem(str(meta_path), str(exc), key="nomor")]) from None
        document = build_decree(profile, settings, members, entry.number)
        marked = Marker(reg.secret(), profile.verification_url, show=qr).mark(KIND, document)
        written = write_document(marked.document, Path(out) / str(year), decree_stem(year), formats, templates,
                                 pdfa=pdfa)
        entry = reg.record_files(entry, [(path, fmt, digest, path.stat().st_size)
                                            for fmt, (path, digest) in written.items()], doc_id=marked.doc_id)
    return DecreeResult(number=entry.number, files={fmt: path for fmt, (path, _) in written.items()},
                        entry=entry, register=register_file, from_register=settings.code is not None,
                        members=len(members),
                        seconds=time.perf_counter() - started, warnings=problems.warnings)


def _collect(load, problems: ProblemCollector):
    """Return what `load()` returns; a file that cannot be read at all adds its problems and returns None."""
    try:
        return load()
    except InputError as exc:
        problems.problems.extend(exc.problems + exc.warnings)
        return None
