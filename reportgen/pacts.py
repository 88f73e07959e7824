"""Generate the integrity pacts of a roster: validate all, build each pact, render the batch."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .batch import BatchItem, BatchResult, run_batch
from .errors import ProblemCollector
from .indonesian import format_nip, slugify_filename
from .inputs import InputFolder
from .model.blocks import DocumentMeta
from .model.pact import PactOptions, build_pact
from .outputs import StagedFolder
from .resources import templates_dir
from .schemas.roster import load_roster

ROSTER_FILE = "pegawai.xlsx"
FOLDER = "pakta-integritas"


@dataclass(frozen=True)
class PactsResult:
    """A finished batch of pacts: the batch, its folder, its warnings and the time it took."""

    batch: BatchResult
    count: int
    seconds: float
    warnings: list


def pacts_folder(out: Path, year: int) -> Path:
    """Return the folder a year's pacts are written to."""
    return Path(out) / str(year) / FOLDER


def generate_pacts(inputs: Path, out: Path, year: int | None = None, roster: Path | None = None, sheet: str | None = None,
                   formats: tuple[str, ...] = ("pdf", "docx"), date: dt.date | None = None,
                   place: str | None = None, witness: bool = True, duplex: bool = False, jobs: int = 1,
                   templates: Path | None = None,
                   progress_start: Callable[[int], Callable[[int], None]] | None = None) -> PactsResult:
    """Validate the roster and write one pact per official, the print file and the manifest."""
    started = time.perf_counter()
    folder = InputFolder(Path(inputs))
    problems = ProblemCollector()
    profile = folder.profile()
    year = year or folder.latest_year()
    roster_path = Path(roster) if roster else folder.year_file(year, ROSTER_FILE)
    signers = load_roster(roster_path, sheet, problems)
    problems.raise_if_any()
    tpl = templates_dir(templates)

    options = PactOptions(date=date or dt.date.today(), place=place or profile.city, with_witness=witness)
    items = [
        BatchItem(build_pact(profile, s, options), f"{s.nip}-{slugify_filename(s.name)}",
                  {"baris": str(s.row), "nama": s.name, "nip": format_nip(s.nip)})
        for s in signers
    ]
    meta = DocumentMeta(title=f"Pakta Integritas {year} - berkas cetak", author=profile.full_name,
                        subject=f"Pakta Integritas {profile.short_name} tahun {year}", date=options.date)
    progress = progress_start(len(items)) if progress_start else None
    with StagedFolder(pacts_folder(out, year)) as staged:
        batch = run_batch(items, staged.staging, formats, tpl, jobs, meta,
                          print_file=f"pakta-integritas-{year}-cetak.pdf", duplex=duplex, progress=progress)
        staged.commit()
    batch.folder = staged.final
    return PactsResult(batch, len(items), time.perf_counter() - started, problems.warnings)
