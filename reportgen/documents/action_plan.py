"""The year's action plan (Rencana Aksi) for the 8 areas of change, and its realization report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from reportgen.conventions.dates import format_date
from reportgen.documents.kinds import Draft, Drafts, DocumentKind, Request
from reportgen.errors import PathText, ProblemCollector, mention
from reportgen.inputs.catalogue import Column, InputFile
from reportgen.unit import Unit

if TYPE_CHECKING:  # read when a plan is made, not for --help
    from reportgen.inputs.schemas.plan import Activity
    from reportgen.model.action_plan import PlanOptions

PLAN_FILE = "rencana-aksi.xlsx"
DATES_FILE = "rencana-aksi.yaml"
PLAN_KEY = "rencana-aksi"
REALIZATION_KEY = "realisasi-rencana-aksi"
AREAS = tuple(str(n) for n in range(1, 9))

# The year's activities: read by the plan, its realization and the annual report (BAB IV).
PLAN_INPUT = InputFile(
    PLAN_FILE, "Rencana aksi", "xlsx", next_year="rencana aksi tahun baru (kegiatan, jadwal, anggaran)",
    sheet="Rencana Aksi",
    columns=(
        Column("No", False, 5, "nomor urut (boleh dikosongkan)", example=1),
        Column("Area", True, 10, "area perubahan 1-8 atau namanya, mis. 1 atau Manajemen Perubahan",
               "Area Perubahan", choices=AREAS, example=1),
        Column("Kegiatan", True, 40, "nama kegiatan", "Rencana Aksi, Nama Kegiatan",
               example="Penyusunan rencana kerja Tim RB"),
        Column("Output", False, 30, "keluaran kegiatan", "Keluaran", example="Dokumen rencana kerja"),
        Column("Indikator", True, 30, "indikator keberhasilan", "Indikator Kinerja",
               example="Rencana kerja ditetapkan"),
        Column("Target", True, 10, "angka atau teks, mis. 1 atau 100%", example=1),
        Column("Satuan", False, 12, "satuan target, mis. Dokumen", example="Dokumen"),
        Column("Jadwal", True, 16, "bulan pelaksanaan: Jan-Des, Mar, Jun, Sep, Des, 3-12, TW I-IV",
               "Jadwal Pelaksanaan, Waktu", example="Jan-Mar"),
        Column("Penanggung Jawab", True, 24, "unit atau pejabat penanggung jawab", "PJ, Pelaksana",
               example="Bagian Perencanaan"),
        Column("Anggaran", True, 16, "rupiah, mis. 15000000 atau Rp15.000.000", "Pagu, Biaya", example=15000000),
        Column("Program Prioritas", False, 24, "salah satu program_prioritas di rencana-aksi.yaml (bila ada)",
               "Prioritas"),
        Column("Realisasi", False, 12, "persen realisasi 0-100 (untuk laporan realisasi)", "Realisasi (%), Capaian"),
        Column("Kendala", False, 24, "kendala pelaksanaan", "Hambatan, Permasalahan"),
        Column("Tindak Lanjut", False, 24, "rencana tindak lanjut", "Solusi"),
        Column("Keterangan", False, 24, "keterangan", "Catatan"),
    ))
PLAN_DATES = InputFile(DATES_FILE, "Tanggal rencana aksi dan realisasi", "yaml", required=False,
                       next_year="tanggal penandatanganan rencana aksi dan tanggal keadaan realisasi",
                       settings_model="PlanDatesFile")


@dataclass(frozen=True)
class PlanChoices:
    """What a run may choose for the plan and its realization: another plan (and its sheet), the schedule by
    quarter, the cut-off date of the realization and the date of signing (else rencana-aksi.yaml)."""

    plan: Path | None = None
    sheet: str | None = None
    quarterly: bool = False
    per: dt.date | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Loaded:
    """The validated activities and the dates the documents state."""

    activities: list[Activity]
    options: PlanOptions
    notes: tuple[str, ...]


def plan_stem(year: int) -> str:
    """Return the file name (without suffix) of a year's action plan."""
    return f"rencana-aksi-rb-{year}"


def realization_stem(year: int) -> str:
    """Return the file name (without suffix) of a year's realization report."""
    return f"realisasi-rencana-aksi-rb-{year}"


def without_realization(unit: Unit, year: int) -> PathText | None:
    """Return why the year's realization report cannot be written (its plan has no 'Realisasi' column), or None."""
    from reportgen.inputs.schemas.plan import has_realization_column
    from reportgen.inputs.tables import read_table

    plan = unit.year_file(year, PLAN_FILE)
    if has_realization_column(read_table(plan).headers):
        return None
    return mention(plan, " tidak memiliki kolom Realisasi")


def _year_date(request: Request, option: str, key: str, given: dt.date | None, what: str,
               problems: ProblemCollector, notes: list[str]) -> dt.date:
    """Return a date the documents state: the option (`date` or `per`), else the year's rencana-aksi.yaml; a
    past year without either is a problem (a document never takes today's date silently), the current year
    takes today and says so."""
    chosen = getattr(request.options, option)
    if chosen:
        return chosen
    if given:
        return given
    today = dt.date.today()
    path = request.year_file(DATES_FILE)
    if request.year < today.year:
        flag = "--tanggal" if option == "date" else f"--{option}"
        problems.add(path, f"{what} untuk tahun {request.year} belum ditulis, dan dokumen tahun yang telah lewat "
                           f"tidak memakai tanggal hari ini; isi kunci '{key}' (mis. {key}: {request.year}-12-31) "
                           f"atau pakai opsi {flag}", key=key)
    else:
        notes.append(mention(f"{what}: {format_date(today)} (hari ini; tulis '{key}' di ", path, " agar tetap)"))
    return today


def _load(request: Request, problems: ProblemCollector, realization: bool) -> Loaded:
    from reportgen.inputs.schemas.plan import load_plan
    from reportgen.inputs.schemas.plan_dates import load_plan_dates
    from reportgen.model.action_plan import PlanOptions

    chosen = request.options
    activities = load_plan(request.input_path(chosen.plan, PLAN_FILE), chosen.sheet, problems,
                           realization=realization)
    dates_path = request.year_file(DATES_FILE)
    dates = load_plan_dates(dates_path, problems)
    if dates.priorities is not None:
        check_priorities(activities, dates.priorities, request.input_path(chosen.plan, PLAN_FILE), dates_path,
                         problems)
    notes: list[str] = []
    if realization:
        per = _year_date(request, "per", "per", dates.per, "Tanggal keadaan realisasi", problems, notes)
        date = chosen.date or dates.date or per
    else:
        date = _year_date(request, "date", "tanggal", dates.date, "Tanggal penandatanganan", problems, notes)
        per = chosen.per or dates.per or date
    options = PlanOptions(year=request.year, date=date, per=per, quarterly=chosen.quarterly)
    _check_order(request, dates, options, realization, problems)
    return Loaded(activities, options, tuple(notes))


def _check_order(request: Request, dates, options: PlanOptions, realization: bool,
                 problems: ProblemCollector) -> None:
    """Warn of the plan dated before the team's decree, or its realization's cut-off before the plan or after the
    report (each date as this run uses it: an option's, else the file's, else today's)."""
    from reportgen.inputs.year_order import PER, PLAN, SOURCES, Dated, check_year_order

    which, option, flag, given = ((PER, "per", "--per", dates.per) if realization else
                                  (PLAN, "date", "--tanggal", dates.date))
    used = options.per if realization else options.date
    own = None
    if getattr(request.options, option) or not given:  # not the file's: say where it came from
        own = Dated(SOURCES[which][2], used, None, f"opsi {flag}" if getattr(request.options, option) else "hari ini")
    problems.problems.extend(check_year_order(request.unit.year_folder(request.year), request.year, (which,),
                                              {which: own}))


def check_priorities(activities: list[Activity], priorities: tuple[str, ...], plan: Path, listed: Path,
                     problems: ProblemCollector) -> None:
    """Report every activity whose priority programme is not one of the year's list (rencana-aksi.yaml)."""
    known = {p.casefold(): p for p in priorities}
    for activity in activities:
        if activity.priority and " ".join(activity.priority.split()).casefold() not in known:
            problems.add(plan, mention("bukan salah satu program prioritas tahun ini di ", Path(listed),
                                       f" ({'; '.join(priorities)}); samakan namanya atau tambahkan ke daftar itu"),
                         row=activity.row, column="Program Prioritas", found=activity.priority)


def load_plan_request(request: Request, problems: ProblemCollector) -> Loaded:
    """Return the activities (option `plan`, else rencana-aksi.xlsx) and the plan's signing date."""
    return _load(request, problems, realization=False)


def load_realization_request(request: Request, problems: ProblemCollector) -> Loaded:
    """Return the activities with their realization and the cut-off date of the report."""
    return _load(request, problems, realization=True)


def draft_plan(request: Request, loaded: Loaded, number) -> Drafts:
    """Return the action plan: activities per area, schedule, budget, signed by the head of the unit."""
    from reportgen.model.action_plan import build_plan

    document = build_plan(request.profile, loaded.activities, loaded.options)
    return Drafts([Draft(kind=PLAN_KEY, document=document, stem=plan_stem(request.year),
                         identity=plan_stem(request.year))],
                  facts=(f"{len(loaded.activities)} kegiatan",), notes=loaded.notes)


def draft_realization(request: Request, loaded: Loaded, number) -> Drafts:
    """Return the realization report: status of every activity as of the cut-off date."""
    from reportgen.model.action_plan import build_realization

    document = build_realization(request.profile, loaded.activities, loaded.options)
    return Drafts([Draft(kind=REALIZATION_KEY, document=document, stem=realization_stem(request.year),
                         identity=realization_stem(request.year))],
                  facts=(f"{len(loaded.activities)} kegiatan", f"keadaan per {format_date(loaded.options.per)}"),
                  notes=loaded.notes)


PLAN = DocumentKind(key=PLAN_KEY, title="Rencana aksi", inputs=(PLAN_INPUT,), reads=(PLAN_DATES,), load=load_plan_request,
                    draft=draft_plan, register_names={PLAN_KEY: "Rencana Aksi"}, options=PlanChoices)
REALIZATION = DocumentKind(key=REALIZATION_KEY, title="Realisasi rencana aksi", inputs=(PLAN_INPUT,),
                           reads=(PLAN_DATES,),
                           load=load_realization_request, draft=draft_realization, unavailable=without_realization,
                           register_names={REALIZATION_KEY: "Realisasi Rencana Aksi"}, options=PlanChoices)
