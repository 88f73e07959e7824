"""Generate every document of a year whose inputs exist (`reportgen build YEAR`)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from reportgen.documents.action_plan import PLAN_FILE, generate_action_plan, has_realization
from reportgen.documents.annual_report import generate_annual_report
from reportgen.documents.decree import DECREE_FILE, TEAM_FILE, generate_decree
from reportgen.conventions.numbers import format_number
from reportgen.inputs.folder import InputFolder
from reportgen.documents.pacts import ROSTER_FILE, generate_pacts
from reportgen.scoring.score_table import ASSESSMENT_FILE


def build_year(year: int, inputs: Path, out: Path, formats: tuple[str, ...], templates: Path | None,
               jobs: int, progress_start: Callable | None = None, qr: bool = True, pdfa: bool = False,
               register: Path | None = None) -> Iterator[str]:
    """Generate the year's documents one after another, yielding a summary line for each.

    Every document is recorded in the register and carries its verification mark (unless `qr` is False).
    """
    trust = {"qr": qr, "pdfa": pdfa, "register": register}
    folder = InputFolder(Path(inputs))
    folder.profile()
    roster = folder.year_file(year, ROSTER_FILE)
    if roster.is_file():
        result = generate_pacts(inputs=inputs, out=out, year=year, roster=roster, formats=formats, jobs=jobs,
                                templates=templates,
                                progress_start=progress_start("Pakta integritas") if progress_start else None,
                                **trust)
        yield (f"Pakta integritas: {format_number(result.count)} dokumen dalam "
               f"{format_number(result.seconds, 1)} detik: {result.batch.folder}/")
    else:
        yield f"Pakta integritas: dilewati, {roster} tidak ada"
    plan = folder.year_file(year, PLAN_FILE)
    if plan.is_file():
        result = generate_action_plan(inputs=inputs, out=out, year=year, plan=plan, formats=formats,
                                      realization=has_realization(plan), templates=templates, **trust)
        yield (f"Rencana aksi: {format_number(result.count)} kegiatan, {len(result.files)} berkas dalam "
               f"{format_number(result.seconds, 1)} detik: {', '.join(map(str, result.files.values()))}")
    else:
        yield f"Rencana aksi: dilewati, {plan} tidak ada"
    decree_meta, team = folder.year_file(year, DECREE_FILE), folder.year_file(year, TEAM_FILE)
    missing = [str(p) for p in (decree_meta, team) if not p.is_file()]
    if not missing:
        result = generate_decree(inputs=inputs, out=out, year=year, formats=formats, templates=templates, **trust)
        yield (f"Keputusan Tim RB Nomor {result.number}: {format_number(result.members)} anggota tim, dalam "
               f"{format_number(result.seconds, 1)} detik: {', '.join(map(str, result.files.values()))}")
    else:
        yield f"Keputusan Tim RB: dilewati, {' dan '.join(missing)} tidak ada"
    assessment = folder.year_file(year, ASSESSMENT_FILE)
    if assessment.is_file():
        report = generate_annual_report(inputs=inputs, out=out, year=year, formats=formats, templates=templates,
                                        **trust)
        yield (f"Laporan capaian RB: {len(report.files)} berkas dalam {format_number(report.seconds, 1)} detik: "
               f"{', '.join(str(path) for path, _ in report.files.values())}")
    else:
        yield f"Laporan capaian RB: dilewati, {assessment} tidak ada"
