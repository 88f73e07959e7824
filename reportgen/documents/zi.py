"""The Zona Integritas kinds: the self-assessment report from the LKE ZI, and the charter and minutes of the
declaration (pencanangan) from pencanangan-zi.yaml; and the score table and verdicts `reportgen zi` prints."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.conventions.dates import format_date
from reportgen.documents.kinds import Draft, Drafts, DocumentKind, Numbering, Request
from reportgen.documents.pacts import PACT_SETTINGS, ROSTER
from reportgen.errors import InputError, PathText, Problem, ProblemCollector, ReportgenError, mention
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
TEAM_FILE = "tim-rb.xlsx"          # documents/decree.py: the team the decree appoints
DECREE_FILE = "keputusan-tim-rb.yaml"
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
MINUTES_SUBJECT = "Berita Acara Pencanangan Pembangunan Zona Integritas"


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
    from reportgen.inputs.year_order import ZI_REPORT, Dated, check_year_order

    chosen = request.options
    if chosen.date:  # the report speaks of the declaration as done: it is dated after it
        dated = Dated("Laporan Penilaian Mandiri Zona Integritas", chosen.date, None, "opsi --tanggal")
        problems.problems.extend(check_year_order(request.unit.year_folder(request.year), request.year,
                                                  (ZI_REPORT,), {ZI_REPORT: dated}))
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


def count_pacts(request: Request, ceremony: Ceremony, problems: ProblemCollector | None = None
                ) -> tuple[int | None, str]:
    """Return the number of pacts signed at the declaration and where that number comes from.

    The pacts the unit's register holds dated that day; else the officials of the year's roster when the year's
    pacts are dated that day (pakta-integritas.yaml), as `reportgen pacts` issues them; else `jumlah_pakta` in
    pencanangan-zi.yaml (pacts not made with reportgen); else unknown. A `jumlah_pakta` that differs from the
    pacts reportgen knows of is a warning naming both.
    """
    counted, note = _pacts_known(request, ceremony)
    if counted is not None:
        if ceremony.pacts is not None and problems is not None:
            from reportgen.inputs.year_facts import check_pacts_count

            problems.problems.extend(check_pacts_count(ceremony.pacts, counted, note, ceremony.path))
        return counted, note
    if ceremony.pacts is not None:
        return ceremony.pacts, f"jumlah pakta {ceremony.pacts} dari {ceremony.path.name} (jumlah_pakta)"
    return None, (f"jumlah pakta tidak diketahui (isi jumlah_pakta di {CEREMONY_FILE}); berita acara menyebut "
                  "pakta integritas tanpa jumlah")


def _pacts_known(request: Request, ceremony: Ceremony) -> tuple[int | None, str]:
    """Return the pacts reportgen issued (the register) or will issue (the roster) dated the declaration's day."""
    from reportgen.inputs.schemas.pact import load_pact_settings
    from reportgen.inputs.schemas.roster import load_roster

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
    return None, ""


def _witnesses_of_the_year(request: Request, ceremony: Ceremony, problems: ProblemCollector) -> Ceremony:
    """Return the declaration with its witnesses taken from the documents that appoint them (the team's chair from
    tim-rb.xlsx), warning of a file that names someone else; and warn of implausible witnesses' NIPs."""
    import dataclasses

    from reportgen.inputs.plausibility import check_official
    from reportgen.inputs.year_facts import chosen_witnesses

    team, team_path, holders = _year_people(request)
    witnesses, found = chosen_witnesses(ceremony.witnesses, ceremony.path, team, team_path, holders,
                                        request.profile.unit)
    problems.problems.extend(found)
    for number, witness in enumerate(ceremony.witnesses, start=1):
        problems.problems.extend(check_official(witness.name, witness.nip, ceremony.path, f"saksi[{number}]",
                                                request.year))
    return dataclasses.replace(ceremony, witnesses=witnesses)


def _year_people(request: Request) -> tuple[list, Path, list]:
    """Return the year's team (tim-rb.xlsx, empty when it does not read), its path, and each list of people with
    its file (team, roster), quietly: their own problems are their documents' to report."""
    from reportgen.inputs.schemas.decree import load_decree
    from reportgen.inputs.schemas.roster import load_roster
    from reportgen.inputs.schemas.team import Positions, load_team

    quiet = ProblemCollector()
    team_path, roster_path = request.year_file(TEAM_FILE), request.year_file(ROSTER_FILE)
    team, roster = [], []
    positions = Positions()
    decree_path = request.year_file(DECREE_FILE)
    if decree_path.is_file():
        try:
            settings = load_decree(decree_path, request.profile, request.year, quiet)
        except InputError:
            settings = None
        positions = settings.positions if settings else positions
    for path, load in ((team_path, lambda p: load_team(p, None, quiet, positions)),
                       (roster_path, lambda p: load_roster(p, None, quiet))):
        if path.is_file():
            try:
                (team if path == team_path else roster).extend(load(path))
            except InputError:
                pass
    return team, team_path, [(team, team_path), (roster, roster_path)]


def load_declaration(request: Request, problems: ProblemCollector) -> Declared | None:
    """Return pencanangan-zi.yaml (required), its witnesses as the year's documents name them, and the number of
    pacts signed at the declaration."""
    from reportgen.inputs.schemas.zi import load_ceremony
    from reportgen.inputs.year_order import CEREMONY as CEREMONY_DATE, check_year_order

    path = request.year_file(CEREMONY_FILE)
    if not path.is_file():
        problems.add(path, "berkas tidak ditemukan; tulis tanggal pencanangan, mis. 'tanggal: 2021-03-17'")
        return None
    ceremony = load_ceremony(path, problems)
    if ceremony is None or ceremony.date is None:
        return None
    if ceremony.date.year != request.year:  # a file carried over by tahun-baru: that declaration was its year's
        problems.add(path, f"pencanangan ini bertanggal {ceremony.date.isoformat()}, tahun {ceremony.date.year}; "
                           f"piagam dan berita acara tahun {request.year} hanya dibuat bila ada pencanangan pada tahun "
                           f"{request.year}: ubah tanggalnya, atau biarkan (semua dokumen tahun ini melewatinya)",
                     key="tanggal")
        return None
    ceremony = _witnesses_of_the_year(request, ceremony, problems)
    if not (ceremony.code or ceremony.number):
        problems.warn(path, "berita acara tidak bernomor: isi kode_klasifikasi (mis. \"700\", nomor urut diambil "
                            "dari register) atau nomor lengkap", key="kode_klasifikasi")
    problems.problems.extend(check_year_order(request.unit.year_folder(request.year), request.year,
                                              (CEREMONY_DATE,)))
    pacts, note = count_pacts(request, ceremony, problems)
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
    """Return the minutes of the declaration, numbered like every numbered document: the number written in
    pencanangan-zi.yaml, or the next serial of its classification code from the register."""
    from reportgen.conventions.document_numbers import NumberPattern
    from reportgen.model.zi import build_minutes
    from reportgen.trust.register import NumberTaken

    ceremony = declared.ceremony
    place = ceremony.city or request.profile.city
    issued, notes = None, [declared.pacts_note] if declared.pacts_note else []
    numbering = None
    if ceremony.code or ceremony.number:
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in (request.profile.path, ceremony.path)
                                         if p.is_file())).hexdigest()  # its inputs: its number is in its model
        numbering = Numbering(code=ceremony.code, number=ceremony.number,
                              pattern=NumberPattern(request.profile.number_pattern), inputs_sha256=digest)
        identity = minutes_stem(request.year)
        try:
            issued = number(numbering, identity, ceremony.date, f"{MINUTES_SUBJECT} {request.year}")
        except NumberTaken as exc:
            raise InputError([Problem(str(ceremony.path), exc.args[0], key="nomor")]) from None
    document = build_minutes(request.profile, ceremony, ceremony.date, place, declared.pacts, issued)
    facts = ((f"Nomor {issued}",) if issued else ()) + ((f"{declared.pacts} pakta",) if declared.pacts else ())
    return Drafts([Draft(kind=MINUTES_KEY, document=document, stem=minutes_stem(request.year),
                         identity=minutes_stem(request.year), numbering=numbering, number=issued)],
                  facts=facts, notes=tuple(notes))


def declared_in_another_year(unit: Unit, year: int) -> PathText | None:
    """Return why the year has no charter and minutes of its own: its pencanangan-zi.yaml (as tahun-baru carries
    it over) dates the declaration in another year; None otherwise (a file that cannot be read is its loader's)."""
    from reportgen.inputs.schemas.zi import load_ceremony

    path = unit.year_file(year, CEREMONY_FILE)
    ceremony = load_ceremony(path, ProblemCollector())
    if ceremony is None or ceremony.date is None or ceremony.date.year == year:
        return None
    return mention(path, f" menyebut pencanangan {format_date(ceremony.date)}: piagam dan berita acara hanya dibuat "
                         "pada tahun pencanangan")


CHARTER = DocumentKind(key=CHARTER_KEY, title="Piagam pencanangan ZI", inputs=(CEREMONY,),
                       load=load_declaration, draft=draft_charter, unavailable=declared_in_another_year,
                       register_names={CHARTER_KEY: "Piagam Pencanangan Zona Integritas"})
MINUTES = DocumentKind(key=MINUTES_KEY, title="Berita acara pencanangan ZI", inputs=(CEREMONY,),
                       reads=(ROSTER, PACT_SETTINGS), unavailable=declared_in_another_year,
                       load=load_declaration, draft=draft_minutes,
                       register_names={MINUTES_KEY: "Berita Acara Pencanangan Zona Integritas"})
