"""Generate the integrity pacts of a roster: validate all, build each pact, render the batch."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reportgen.output.batch import BatchItem, BatchResult, run_batch
from reportgen.errors import ProblemCollector
from reportgen.conventions.civil_service import format_nip
from reportgen.conventions.file_names import slugify_filename
from reportgen.inputs.folder import InputFolder
from reportgen.model.blocks import DocumentMeta
from reportgen.model.pact import PactOptions, build_pact
from reportgen.output.atomic import StagedFolder
from reportgen.trust.register import IssueRequest, Register, register_path
from reportgen.render.template_folder import templates_dir
from reportgen.inputs.schemas.pact import load_pact_settings
from reportgen.inputs.schemas.roster import load_roster
from reportgen.documents.single import check_drawable
from reportgen.trust.ids import Marker, document_id

ROSTER_FILE = "pegawai.xlsx"
SETTINGS_FILE = "pakta-integritas.yaml"
FOLDER = "pakta-integritas"
KIND = "pakta-integritas"
PRINT_KIND = "pakta-integritas-cetak"


@dataclass(frozen=True)
class PactsResult:
    """A finished batch of pacts: the batch, its folder, its warnings and the time it took."""

    batch: BatchResult
    count: int
    seconds: float
    warnings: list
    register: Path | None = None


def pacts_folder(out: Path, year: int) -> Path:
    """Return the folder a year's pacts are written to."""
    return Path(out) / str(year) / FOLDER


def generate_pacts(inputs: Path, out: Path, year: int | None = None, roster: Path | None = None, sheet: str | None = None,
                   formats: tuple[str, ...] = ("pdf", "docx"), date: dt.date | None = None,
                   place: str | None = None, witness: bool = True, duplex: bool = False, jobs: int = 1,
                   templates: Path | None = None,
                   progress_start: Callable[[int], Callable[[int], None]] | None = None,
                   qr: bool = True, pdfa: bool = False, register: Path | None = None) -> PactsResult:
    """Validate the roster and write one pact per official, the print file and the manifest.

    The signing date and place come from `date` and `place`, else from the year's pakta-integritas.yaml,
    else today and the unit's city.

    Every pact gets its document ID (and, unless `qr` is False, its verification mark); once all are
    written, each pact and the print file are recorded in the register with their files' SHA-256.
    """
    started = time.perf_counter()
    folder = InputFolder(Path(inputs))
    problems = ProblemCollector()
    profile = folder.profile()
    year = year or folder.latest_year()
    roster_path = Path(roster) if roster else folder.year_file(year, ROSTER_FILE)
    signers = load_roster(roster_path, sheet, problems)
    settings = load_pact_settings(folder.year_file(year, SETTINGS_FILE), problems)
    problems.raise_if_any()
    tpl = templates_dir(templates)

    # the options given win over the year's file; without either, the pacts are signed today in the unit's city
    options = PactOptions(date=date or settings.date or dt.date.today(),
                          place=place or settings.place or profile.city, with_witness=witness)
    documents = [build_pact(profile, s, options) for s in signers]
    if documents:  # the roster's cells were checked by the schema; this checks the profile's and options' text
        check_drawable(documents[0])
    register_file = register_path(profile, out, register)
    with Register(register_file) as reg:
        secret = reg.secret()
    marker = Marker(secret, profile.verification_url, show=qr)
    marked = [marker.mark(KIND, d) for d in documents]
    items = [
        BatchItem(m.document, f"{s.nip}-{slugify_filename(s.name)}",
                  {"baris": str(s.row), "nama": s.name, "nip": format_nip(s.nip), "kode_verifikasi": m.doc_id})
        for s, m in zip(signers, marked)
    ]
    meta = DocumentMeta(title=f"Pakta Integritas {year} - berkas cetak", author=profile.full_name,
                        subject=f"Pakta Integritas {profile.short_name} tahun {year}", date=options.date)
    print_file = f"pakta-integritas-{year}-cetak.pdf"
    progress = progress_start(len(items)) if progress_start else None
    with StagedFolder(pacts_folder(out, year)) as staged:
        batch = run_batch(items, staged.staging, formats, tpl, jobs, meta,
                          print_file=print_file, duplex=duplex, progress=progress, pdfa=pdfa)
        staged.commit()
    batch.folder = staged.final

    requests = []
    for signer, m, result in zip(signers, marked, batch.items):
        files = tuple((batch.folder / name, fmt, digest, (batch.folder / name).stat().st_size)
                      for fmt, (name, digest) in result.files.items())
        requests.append(IssueRequest(kind=KIND, year=year, identity=signer.nip, date=options.date,
                                     subject=m.document.meta.subject, person=signer.name,
                                     inputs_sha256=m.digest, doc_id=m.doc_id, files=files))
    if batch.print_file:
        path = batch.folder / batch.print_file
        digest = hashlib.sha256("\n".join([meta.title, str(duplex)] + [m.digest for m in marked]).encode()).hexdigest()
        requests.append(IssueRequest(kind=PRINT_KIND, year=year, identity=str(year), date=options.date,
                                     subject=meta.subject, person=None, inputs_sha256=digest,
                                     doc_id=document_id(secret, PRINT_KIND, digest),
                                     files=((path, "pdf", hashlib.sha256(path.read_bytes()).hexdigest(),
                                             path.stat().st_size),)))
    with Register(register_file) as reg:
        reg.issue_batch(requests)
    return PactsResult(batch, len(items), time.perf_counter() - started, problems.warnings, register_file)
