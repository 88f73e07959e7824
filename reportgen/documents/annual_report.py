"""The annual RB achievement report (Laporan Capaian RB): scores, charts, the plan's realization, contents.

The report's contents need the page of every heading: the publish path lays the PDF out first and
hands those pages to `with_pages` before the DOCX is written, so both formats show the same numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.conventions.numbers import format_number
from reportgen.documents.action_plan import PLAN_DATES, PLAN_INPUT
from reportgen.documents.decree import DECREE_INPUT
from reportgen.documents.zi import CEREMONY
from reportgen.documents.kinds import Draft, Drafts, DocumentKind, Request
from reportgen.documents.scores import ASSESSMENT_FILE, compute_scores
from reportgen.errors import Problem, ProblemCollector, mention
from reportgen.conventions.dates import format_date
from reportgen.inputs.catalogue import Column, InputFile
from reportgen.scoring.pmprb import ANSWER_TYPES, YearSummary

if TYPE_CHECKING:  # read when a report is made, not for --help
    from reportgen.inputs.schemas.plan import Activity
    from reportgen.inputs.schemas.report import ReportText

REPORT_TEXT_FILE = "laporan.yaml"
PLAN_FILE = PLAN_INPUT.name
PLAN_DATES_FILE = PLAN_DATES.name
KEY = "laporan-capaian-rb"

ASSESSMENT = InputFile(
    ASSESSMENT_FILE, "Penilaian PMPRB", "xlsx",
    next_year="hasil PMPRB tahun baru (nilai tahun lalu tetap dibaca dari berkas tahun lalu)", sheet="Penilaian",
    columns=(
        Column("Tahun", True, 8, "tahun penilaian; baris tahun lalu memberi perbandingan", "Tahun Penilaian, Periode",
               example=2021),
        Column("Area", False, 28, "area perubahan (nama atau 1-8); kosong untuk komponen tanpa area",
               "Area Perubahan", choices=tuple(str(n) for n in range(1, 9)), example=1),
        Column("Komponen", True, 24, "komponen menurut aturan tahun itu, mis. Pemenuhan, Reform",
               "Komponen Nilai, Komponen Penilaian", example="Pemenuhan"),
        Column("Nilai", True, 10, "nilai yang diperoleh (bentuk nilai per area)", "Skor, Nilai PMPRB", example=1.6),
        Column("Bobot", True, 10, "bobot komponen", "Nilai Maksimal", example=2),
    ),
    notes=("Bentuk lain yang juga dibaca, lembar kerja (LKE): Tahun, Area, Komponen, Sub Komponen, Pertanyaan, "
           "Jenis Jawaban (" + ", ".join(t.name for t in ANSWER_TYPES) + "), Jawaban, Bobot (bobot sub komponen); "
           "kolom opsional Bobot Butir.",))
REPORT_TEXT = InputFile(REPORT_TEXT_FILE, "Teks laporan capaian RB", "yaml", required=False, carries_over=True,
                        next_year="tanggal, program prioritas dan tindak lanjut laporan capaian",
                        settings_model="ReportTextFile")


@dataclass(frozen=True)
class ReportChoices:
    """What a run may choose for the report: another assessment file (and its sheet), another plan."""

    assessment: Path | None = None
    sheet: str | None = None
    plan: Path | None = None


@dataclass(frozen=True)
class Loaded:
    """The score table, the report's own texts, and the plan (None without one)."""

    summary: YearSummary
    text: ReportText
    activities: list[Activity] | None
    per: dt.date | None
    team_decree: str | None = None  # the team's decree as Dasar Hukum cites it


def report_stem(year: int) -> str:
    """Return the file name (without suffix) of a year's report."""
    return f"laporan-capaian-rb-{year}"


def load(request: Request, problems: ProblemCollector) -> Loaded | None:
    """Return the scores (option `assessment`, else penilaian.xlsx), laporan.yaml and the plan when there is one."""
    from reportgen.inputs.schemas.plan import load_plan
    from reportgen.inputs.schemas.plan_dates import load_plan_dates
    from reportgen.inputs.schemas.report import load_report_text

    year = request.year
    chosen = request.options
    summary = compute_scores(request.unit, year, path=chosen.assessment, sheet=chosen.sheet, problems=problems)
    text = load_report_text(request.year_file(REPORT_TEXT_FILE), problems)
    plan_path = request.input_path(chosen.plan, PLAN_FILE)
    activities = load_plan(plan_path, None, problems) if plan_path.is_file() or chosen.plan else None
    dates_path = request.year_file(PLAN_DATES_FILE)
    plan_year = load_plan_dates(dates_path, problems)
    if plan_year.priorities is not None:  # one list for the plan and the report: the plan's
        if text.priorities and tuple(text.priorities) != plan_year.priorities:
            problems.warn(request.year_file(REPORT_TEXT_FILE),
                          mention("program_prioritas berbeda dengan daftar di ", dates_path, "; laporan memakai "
                                  "daftar rencana aksi itu. Hapus program_prioritas dari laporan.yaml agar hanya ada "
                                  "satu daftar."),
                          key="program_prioritas")
        text = dataclasses.replace(text, priorities=plan_year.priorities)
    decree = _year_facts(request, text, problems)
    if summary is None:
        return None
    return Loaded(summary, text, activities, plan_year.per, decree)


def _year_facts(request: Request, text: ReportText, problems: ProblemCollector) -> str | None:
    """Return the team decree as the report's Dasar Hukum cites it (None without a decree file), and warn of the
    report dated before the state it reports and of laporan.yaml's steps that date the decree or the declaration
    otherwise than their own files."""
    from reportgen.documents.decree import team_decree
    from reportgen.inputs.year_order import REPORT, check_year_order, year_dates, CEREMONY

    folder = request.unit.year_folder(request.year)
    problems.problems.extend(check_year_order(folder, request.year, (REPORT,)))
    decree = team_decree(request)
    ceremony = year_dates(folder, request.year).get(CEREMONY)
    cited = None
    if decree is not None:
        settings, path, number = decree
        if number:
            cited = (f"Keputusan {settings.issuer} Nomor {_in_text(number)} tentang {settings.subject}")
    problems.problems.extend(check_follow_ups(text, decree, ceremony))
    return cited


def _in_text(number: str) -> str:
    """Return a decree number as running text writes it: "120.05-1487 Tahun 2021"."""
    return re.sub(r"\bTAHUN\b", "Tahun", number)


def check_follow_ups(text: ReportText, decree, ceremony) -> list[Problem]:
    """Return a warning for each step of laporan.yaml that dates the team's decree or the Zona Integritas
    declaration otherwise than its own file, or names the decree by another number (both files named)."""
    found = []
    for index, step in enumerate(text.follow_ups, start=1):
        words = step.text.lower()
        key = f"tindak_lanjut[{index}]"
        if decree is not None and "keputusan" in words and "tim reformasi birokrasi" in words:
            settings, path, number = decree
            written = re.search(r"\bnomor\s+(\S+(?:\s+tahun\s+\d{4})?)", step.text, re.IGNORECASE)
            if written and number and _key(written.group(1)) != _key(number):
                found.append(Problem(file=str(text.path), key=key, found=written.group(1), warning=True,
                                     message=mention(f"nomor keputusan tim berbeda dengan {_in_text(number)} di ",
                                                     path, "; samakan nomornya")))
            if step.date and step.date != settings.date:
                found.append(Problem(file=str(text.path), key=key, found=step.date.isoformat(), warning=True,
                                     message=mention(f"keputusan tim ditetapkan {format_date(settings.date)} menurut ",
                                                     path, f", bukan {format_date(step.date)}; samakan tanggalnya")))
        if ceremony is not None and "pencanangan" in words and step.date and step.date != ceremony.date:
            found.append(Problem(file=str(text.path), key=key, found=step.date.isoformat(), warning=True,
                                 message=mention(f"pencanangan Zona Integritas dilakukan {format_date(ceremony.date)} "
                                                 "menurut ", ceremony.file, f", bukan {format_date(step.date)}; "
                                                 "samakan tanggalnya")))
    return found


def _key(number: str) -> str:
    return " ".join(number.upper().rstrip(".,;").split())


def draft(request: Request, loaded: Loaded, number) -> Drafts:
    """Return the report."""
    from reportgen.model.annual_report import ReportOptions, build_annual_report, with_pages

    profile, year = request.profile, request.year
    options = ReportOptions(year=year, date=loaded.text.date or dt.date(year, 12, 31),
                            place=loaded.text.place or profile.city, per=loaded.per, team_decree=loaded.team_decree)
    document = build_annual_report(profile, loaded.summary, loaded.text, loaded.activities, options)
    summary = loaded.summary
    index = summary.index.current
    headline = (f"nilai PMPRB {format_number(index.score, 2)}" if summary.complete else
                f"capaian {summary.index.label} {format_number(index.achievement, 2)} persen, nilai belum lengkap")
    return Drafts([Draft(kind=KEY, document=document, stem=report_stem(year), identity=report_stem(year),
                         paginate=with_pages)], facts=(headline,))


KIND = DocumentKind(key=KEY, title="Laporan capaian RB", inputs=(ASSESSMENT,),
                    reads=(REPORT_TEXT, PLAN_INPUT, PLAN_DATES, DECREE_INPUT, CEREMONY), load=load, draft=draft,
                    register_names={KEY: "Laporan Capaian RB"}, options=ReportChoices)
