"""The Zona Integritas kinds: the self-assessment report from the LKE ZI, and the charter and minutes of the
declaration (pencanangan) from pencanangan-zi.yaml; and the score table and verdicts `reportgen zi` prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.conventions.dates import format_date
from reportgen.documents.kinds import Draft, Drafts, DocumentKind, Request
from reportgen.documents.pacts import PACT_SETTINGS, ROSTER
from reportgen.errors import InputError, ProblemCollector, ReportgenError, mention
from reportgen.inputs.catalogue import Column, InputFile
from reportgen.scoring.pmprb import ANSWER_TYPES, fmt_score
from reportgen.scoring.zona_integritas import Verdict, ZiScores, ZiWorksheet, judge_all, score_worksheet
from reportgen.trust.register import Register
from reportgen.unit import Unit

if TYPE_CHECKING:  # read when a ZI document is made, not for --help
    from reportgen.inputs.schemas.zi import Ceremony

LKE_FILE = "lke-zi.xlsx"
CEREMONY_FILE = "pencanangan-zi.yaml"
ROSTER_FILE = ROSTER.name
PACT_SETTINGS_FILE = PACT_SETTINGS.name
AREAS = tuple(str(n) for n in range(1, 9))



def lke_example_rows() -> list[tuple]:
    """Return one example row per area and part of the shipped ZI rules, with its weight: the smallest LKE
    that scores (every part must be answered)."""
    from reportgen.inputs.schemas.zi import load_zi_rules

    rules = load_zi_rules(None, ProblemCollector())
    rows = []
    for group in rules.groups:
        for area in group.areas:
            for part in area.parts:
                answer = ("Nilai (0-4)", 3.5) if part.survey else ("Ya/Tidak", "Ya")  # a survey's index, 0-4
                rows.append((len(rows) + 1, area.name, part.name, f"Contoh indikator {part.name}",
                             "Ganti dengan pertanyaan LKE", *answer, float(part.weight), None, None))
    return rows


LKE = InputFile(
    LKE_FILE, "LKE Zona Integritas", "xlsx", next_year="LKE Zona Integritas tahun baru", sheet="LKE ZI",
    example_rows=lke_example_rows,
    columns=(
        Column("No", False, 5, "nomor urut (boleh dikosongkan)", example=1),
        Column("Area", True, 26, "area pengungkit (nama atau 1-8)", "Area Perubahan, Area Pengungkit",
               example="Manajemen Perubahan"),
        Column("Bagian", True, 16, "Pemenuhan, Reform, IPAK, Capaian Kinerja atau IPKP", "Aspek, Sub Area",
               choices=("Pemenuhan", "Reform", "IPAK", "Capaian Kinerja", "IPKP"), example="Pemenuhan"),
        Column("Indikator", True, 30, "indikator", "Sub Komponen, Sub Indikator", example="Penyusunan Tim Kerja"),
        Column("Pertanyaan", True, 50, "pertanyaan LKE", "Butir, Butir Pertanyaan, Kriteria",
               example="Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas"),
        Column("Jenis Jawaban", True, 14, "bentuk jawaban", "Tipe Jawaban",
               choices=tuple(t.name for t in ANSWER_TYPES), example="Ya/Tidak"),
        Column("Jawaban", True, 10, "jawaban unit: Ya/Tidak, huruf, persen, nilai 0-4, jumlah atau rupiah",
               "Jawaban Unit", example="Ya"),
        Column("Bobot", True, 8, "bobot indikator", "Bobot Indikator, Bobot Sub Komponen", example=1),
        Column("Bobot Butir", False, 8, "bobot pertanyaan dalam indikatornya (bila berbeda-beda)",
               "Bobot Pertanyaan, Bobot Item"),
        Column("Catatan", False, 40, "catatan atau bukti dukung (dimuat di laporan)", "Bukti, Bukti Dukung",
               example="SK Tim Kerja ZI"),
    ))
CEREMONY = InputFile(CEREMONY_FILE, "Pencanangan Zona Integritas (tanggal, saksi, teks piagam)", "yaml",
                     carries_over=True, next_year="hanya bila ada pencanangan ulang", settings_model="CeremonyFile")
PACT_KIND = "pakta-integritas"  # the register's kind of a pact (documents/pacts.py)
REPORT_KEY = "laporan-penilaian-zi"
CHARTER_KEY = "piagam-pencanangan-zi"
MINUTES_KEY = "berita-acara-pencanangan-zi"


@dataclass(frozen=True)
class ZiReportChoices:
    """What a run may choose for the self-assessment report: another LKE ZI (and its sheet), another rules file,
    the WBK already obtained, the report's date (else 31 December of the year), the evaluators' (TPI) answers
    of the official LKE instead of the unit's."""

    lke: Path | None = None
    sheet: str | None = None
    rules: Path | None = None
    wbk: bool = False
    date: dt.date | None = None
    tpi: bool = False


@dataclass(frozen=True)
class Assessed:
    """A validated LKE ZI, its score table and its verdicts (WBK, WBBM)."""

    sheet: ZiWorksheet
    scores: ZiScores
    verdicts: tuple[Verdict, ...]
    ceremony: Ceremony | None


def assess(unit: Unit, year: int, path: Path | None = None, sheet: str | None = None, rules: Path | None = None,
           wbk: bool = False, problems: ProblemCollector | None = None, tpi: bool = False) -> Assessed | None:
    """Return the year's ZI scores and verdicts, or raise InputError listing every problem.

    The worksheet is `path`, else INPUTS/YEAR/lke-zi.xlsx; `rules` another rules file; the unit already has
    WBK when `wbk` or when pencanangan-zi.yaml says `predikat_wbk` in an earlier year; `tpi` scores the evaluators'
    (Tim Penilai Internal) answers of the official LKE instead of the unit's. With `problems`
    given, problems are only collected there and None is returned when nothing can be scored.
    """
    from reportgen.inputs.schemas.zi import load_ceremony, load_lke_zi, load_zi_rules

    collector = problems if problems is not None else ProblemCollector()
    folder = unit.folder
    ceremony = load_ceremony(folder.year_file(year, CEREMONY_FILE), collector)
    zi_rules = load_zi_rules(rules, collector)
    worksheet = None
    if zi_rules is not None:
        worksheet = load_lke_zi(Path(path) if path else folder.year_file(year, LKE_FILE), sheet, zi_rules, year,
                                collector, answers="tpi" if tpi else "unit")
    if problems is None:
        collector.raise_if_any()
    if worksheet is None or any(not p.warning for p in collector.problems):
        return None
    obtained = frozenset({"wbk"} if wbk or (ceremony and ceremony.wbk_since and ceremony.wbk_since < year) else ())
    scores = score_worksheet(worksheet)
    return Assessed(worksheet, scores, judge_all(scores, obtained), ceremony)


# ---------------------------------------------------------------- the self-assessment report


def report_stem(year: int) -> str:
    return f"laporan-penilaian-mandiri-zi-{year}"


def load_report(request: Request, problems: ProblemCollector) -> Assessed | None:
    """Return the year's assessment (options `lke`, `sheet`, `rules`, `wbk`, `tpi`)."""
    chosen = request.options
    return assess(request.unit, request.year, path=chosen.lke, sheet=chosen.sheet, rules=chosen.rules,
                  wbk=chosen.wbk, problems=problems, tpi=chosen.tpi)


def draft_report(request: Request, assessed: Assessed, number) -> Drafts:
    """Return the report."""
    from reportgen.model.zi import ZiReportOptions, build_zi_report

    profile, year = request.profile, request.year
    ceremony = assessed.ceremony
    options = ZiReportOptions(date=request.options.date or dt.date(year, 12, 31), place=profile.city,
                              declared=ceremony.date if ceremony else None)
    document = build_zi_report(profile, assessed.sheet, assessed.scores, assessed.verdicts, options)
    facts = [f"nilai {fmt_score(assessed.scores.total.score)}"]
    facts += [f"{v.predicate.short} {'memenuhi' if v.qualifies else 'belum memenuhi'}" for v in assessed.verdicts]
    return Drafts([Draft(kind=REPORT_KEY, document=document, stem=report_stem(year), identity=report_stem(year))],
                  facts=tuple(facts))


REPORT = DocumentKind(key=REPORT_KEY, title="Laporan penilaian mandiri ZI", inputs=(LKE,), reads=(CEREMONY,),
                      load=load_report,
                      draft=draft_report, register_names={REPORT_KEY: "Laporan Penilaian Mandiri Zona Integritas"},
                      options=ZiReportChoices)


# ---------------------------------------------------------------- the declaration: charter and minutes


@dataclass(frozen=True)
class Declared:
    """The declaration as pencanangan-zi.yaml states it, and how many pacts were signed that day."""

    ceremony: Ceremony
    pacts: int | None
    pacts_note: str


def count_pacts(request: Request, ceremony: Ceremony) -> tuple[int | None, str]:
    """Return the number of pacts signed at the declaration and where that number comes from.

    `jumlah_pakta` in pencanangan-zi.yaml; else the pacts the unit's register holds dated that day; else the
    officials of the year's roster when the year's pacts are dated that day (pakta-integritas.yaml), as
    `reportgen pacts` issues them; else unknown.
    """
    from reportgen.inputs.schemas.pact import load_pact_settings
    from reportgen.inputs.schemas.roster import load_roster

    if ceremony.pacts is not None:
        return ceremony.pacts, f"jumlah pakta {ceremony.pacts} dari {ceremony.path.name} (jumlah_pakta)"
    try:
        register = request.unit.register
    except ReportgenError:  # a register left in the output folder: the run itself says how to move it
        register = None
    if register is not None and register.is_file():
        with Register(register, read_only=True) as store:
            issued = {e.identity for e in store.entries(year=request.year, kind=PACT_KIND) if e.date == ceremony.date}
        if issued:
            return len(issued), mention(f"jumlah pakta {len(issued)}: pakta integritas bertanggal "
                                        f"{format_date(ceremony.date)} di register ", register)
    quiet = ProblemCollector()  # the roster's own problems belong to the pacts, not to the minutes
    settings = load_pact_settings(request.year_file(PACT_SETTINGS_FILE), quiet)
    roster = request.year_file(ROSTER_FILE)
    if settings.date is not None and settings.date == ceremony.date and roster.is_file():
        try:
            signers = load_roster(roster, None, quiet)
        except InputError:  # an unreadable roster only leaves the number out
            signers = []
        if signers and not any(not p.warning for p in quiet.problems):
            return len(signers), (f"jumlah pakta {len(signers)}: pegawai di {ROSTER_FILE}, yang paktanya bertanggal "
                                  f"hari pencanangan ({PACT_SETTINGS_FILE})")
    return None, (f"jumlah pakta tidak diketahui (isi jumlah_pakta di {CEREMONY_FILE}); berita acara menyebut "
                  "pakta integritas tanpa jumlah")


def load_declaration(request: Request, problems: ProblemCollector) -> Declared | None:
    """Return pencanangan-zi.yaml (required) and the number of pacts signed at the declaration."""
    from reportgen.inputs.schemas.zi import load_ceremony

    path = request.year_file(CEREMONY_FILE)
    if not path.is_file():
        problems.add(path, "berkas tidak ditemukan; tulis tanggal pencanangan, mis. 'tanggal: 2021-03-17'")
        return None
    ceremony = load_ceremony(path, problems)
    if ceremony is None or ceremony.date is None:
        return None
    pacts, note = count_pacts(request, ceremony)
    return Declared(ceremony, pacts, note)


def charter_stem(year: int) -> str:
    return f"piagam-pencanangan-zi-{year}"


def minutes_stem(year: int) -> str:
    return f"berita-acara-pencanangan-zi-{year}"


def draft_charter(request: Request, declared: Declared, number) -> Drafts:
    """Return the charter, dated the declaration's day."""
    from reportgen.model.zi import build_charter

    ceremony = declared.ceremony
    place = ceremony.city or request.profile.city
    document = build_charter(request.profile, ceremony, ceremony.date, place)
    return Drafts([Draft(kind=CHARTER_KEY, document=document, stem=charter_stem(request.year),
                         identity=charter_stem(request.year))],
                  facts=(f"{len(ceremony.witnesses)} saksi",))


def draft_minutes(request: Request, declared: Declared, number) -> Drafts:
    """Return the minutes of the declaration."""
    from reportgen.model.zi import build_minutes

    ceremony = declared.ceremony
    place = ceremony.city or request.profile.city
    document = build_minutes(request.profile, ceremony, ceremony.date, place, declared.pacts)
    facts = (f"{declared.pacts} pakta",) if declared.pacts else ()
    return Drafts([Draft(kind=MINUTES_KEY, document=document, stem=minutes_stem(request.year),
                         identity=minutes_stem(request.year))], facts=facts, notes=(declared.pacts_note,))


CHARTER = DocumentKind(key=CHARTER_KEY, title="Piagam pencanangan ZI", inputs=(CEREMONY,),
                       load=load_declaration, draft=draft_charter,
                       register_names={CHARTER_KEY: "Piagam Pencanangan Zona Integritas"})
MINUTES = DocumentKind(key=MINUTES_KEY, title="Berita acara pencanangan ZI", inputs=(CEREMONY,),
                       reads=(ROSTER, PACT_SETTINGS),
                       load=load_declaration, draft=draft_minutes,
                       register_names={MINUTES_KEY: "Berita Acara Pencanangan Zona Integritas"})
