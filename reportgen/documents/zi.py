"""The Zona Integritas kinds: the self-assessment report from the LKE ZI, and the charter and minutes of the
declaration (pencanangan) from pencanangan-zi.yaml; and the score table and verdicts `reportgen zi` prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.dates import format_date
from reportgen.conventions.numbers import format_number
from reportgen.documents.kinds import Draft, Drafts, DocumentKind, Request
from reportgen.errors import InputError, ProblemCollector, ReportgenError
from reportgen.inputs.folder import InputFolder
from reportgen.inputs.schemas.pact import load_pact_settings
from reportgen.inputs.schemas.roster import load_roster
from reportgen.inputs.schemas.zi import Ceremony, load_ceremony, load_lke_zi, load_zi_rules
from reportgen.model.chapters import ChartFiles
from reportgen.model.zi import ZiReportOptions, build_charter, build_minutes, build_zi_report
from reportgen.scoring.pmprb import fmt_score, rounded
from reportgen.scoring.zona_integritas import Verdict, ZiScores, ZiWorksheet, judge_all, score_worksheet
from reportgen.trust.register import Register, register_path

LKE_FILE = "lke-zi.xlsx"
CEREMONY_FILE = "pencanangan-zi.yaml"
ROSTER_FILE = "pegawai.xlsx"
PACT_SETTINGS_FILE = "pakta-integritas.yaml"
PACT_KIND = "pakta-integritas"  # the register's kind of a pact (documents/pacts.py)
REPORT_KEY = "laporan-penilaian-zi"
CHARTER_KEY = "piagam-pencanangan-zi"
MINUTES_KEY = "berita-acara-pencanangan-zi"


@dataclass(frozen=True)
class Assessed:
    """A validated LKE ZI, its score table and its verdicts (WBK, WBBM)."""

    sheet: ZiWorksheet
    scores: ZiScores
    verdicts: tuple[Verdict, ...]
    ceremony: Ceremony | None


def assess(inputs: Path, year: int, path: Path | None = None, sheet: str | None = None, rules: Path | None = None,
           wbk: bool = False, problems: ProblemCollector | None = None, tpi: bool = False) -> Assessed | None:
    """Return the year's ZI scores and verdicts, or raise InputError listing every problem.

    The worksheet is `path`, else INPUTS/YEAR/lke-zi.xlsx; `rules` another rules file; the unit already has
    WBK when `wbk` or when pencanangan-zi.yaml says `predikat_wbk` in an earlier year; `tpi` scores the evaluators'
    (Tim Penilai Internal) answers of the official LKE instead of the unit's. With `problems`
    given, problems are only collected there and None is returned when nothing can be scored.
    """
    collector = problems if problems is not None else ProblemCollector()
    folder = InputFolder(Path(inputs))
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


def draw_chart(assessed: Assessed, folder: Path) -> ChartFiles | None:
    """Return the chart of each lever area's share of its weight, with each predicate's line, drawn into `folder`."""
    from reportgen.render.charts import grouped_bars, wrap_label

    rules = assessed.scores.rules
    group = rules.groups[0].key
    lines = assessed.scores.area_lines(group)
    if not lines:
        return None
    thresholds = [(f"Ambang {p.short} ({format_number(c.minimum_percent, 0 if c.minimum_percent % 1 == 0 else 2)} %)",
                   float(c.minimum_percent))
                  for p in rules.predicates for c in p.conditions if c.each_area == group]
    image = grouped_bars([wrap_label(line.label, 24) for line in lines],
                         [(f"Tahun {assessed.scores.year}", [rounded(line.score.achievement) for line in lines])],
                         "Capaian terhadap bobot (%)", horizontal=True, maximum=100, width_mm=150, height_mm=95,
                         lines=thresholds)
    svg, png = folder / "zi-area.svg", folder / "zi-area.png"
    svg.write_bytes(image.svg)
    png.write_bytes(image.png)
    return ChartFiles(svg, png, image.width_mm)


def load_report(request: Request, problems: ProblemCollector) -> Assessed | None:
    """Return the year's assessment (options `lke`, `sheet`, `rules`, `wbk`, `tpi`)."""
    return assess(request.folder.root, request.year, path=request.option("lke"), sheet=request.option("sheet"),
                  rules=request.option("rules"), wbk=request.option("wbk", False), problems=problems,
                  tpi=request.option("tpi", False))


def draft_report(request: Request, assessed: Assessed, number) -> Drafts:
    """Return the report, its chart drawn into the run's scratch folder."""
    profile, year = request.profile, request.year
    ceremony = assessed.ceremony
    options = ZiReportOptions(date=request.option("date") or dt.date(year, 12, 31), place=profile.city,
                              declared=ceremony.date if ceremony else None)
    chart = draw_chart(assessed, request.workdir)
    document = build_zi_report(profile, assessed.sheet, assessed.scores, assessed.verdicts, chart, options)
    facts = [f"nilai {fmt_score(assessed.scores.total.score)}"]
    facts += [f"{v.predicate.short} {'memenuhi' if v.qualifies else 'belum memenuhi'}" for v in assessed.verdicts]
    return Drafts([Draft(kind=REPORT_KEY, document=document, stem=report_stem(year), identity=report_stem(year))],
                  facts=tuple(facts))


REPORT = DocumentKind(key=REPORT_KEY, title="Laporan penilaian mandiri ZI", inputs=(LKE_FILE,), load=load_report,
                      draft=draft_report, register_names={REPORT_KEY: "Laporan Penilaian Mandiri Zona Integritas"})


# ---------------------------------------------------------------- the declaration: charter and minutes


@dataclass(frozen=True)
class Declared:
    """The declaration as pencanangan-zi.yaml states it, and how many pacts were signed that day."""

    ceremony: Ceremony
    pacts: int | None
    pacts_note: str


def count_pacts(request: Request, ceremony: Ceremony) -> tuple[int | None, str]:
    """Return the number of pacts signed at the declaration and where that number comes from.

    `jumlah_pakta` in pencanangan-zi.yaml; else the pacts the register holds dated that day (the register of
    option `register`, else the unit's register beside unit.yaml or in penomoran.register); else the officials of the year's roster when
    the year's pacts are dated that day (pakta-integritas.yaml), as `reportgen pacts` issues them; else unknown.
    """
    if ceremony.pacts is not None:
        return ceremony.pacts, f"jumlah pakta {ceremony.pacts} dari {ceremony.path.name} (jumlah_pakta)"
    register = request.option("register")
    if register is None:
        try:  # the unit's register (beside unit.yaml, or penomoran.register): no output folder needed
            register = register_path(request.profile, request.folder.root / ".tanpa-folder-hasil")
        except ReportgenError:
            register = None
    if register is not None and Path(register).is_file():
        with Register(Path(register), read_only=True) as store:
            issued = {e.identity for e in store.entries(year=request.year, kind=PACT_KIND) if e.date == ceremony.date}
        if issued:
            return len(issued), (f"jumlah pakta {len(issued)}: pakta integritas bertanggal "
                                 f"{format_date(ceremony.date)} di register {register}")
    quiet = ProblemCollector()  # the roster's own problems belong to the pacts, not to the minutes
    settings = load_pact_settings(request.folder.year_file(request.year, PACT_SETTINGS_FILE), quiet)
    roster = request.folder.year_file(request.year, ROSTER_FILE)
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
    path = request.folder.year_file(request.year, CEREMONY_FILE)
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
    ceremony = declared.ceremony
    place = ceremony.city or request.profile.city
    document = build_charter(request.profile, ceremony, ceremony.date, place)
    return Drafts([Draft(kind=CHARTER_KEY, document=document, stem=charter_stem(request.year),
                         identity=charter_stem(request.year))],
                  facts=(f"{len(ceremony.witnesses)} saksi",))


def draft_minutes(request: Request, declared: Declared, number) -> Drafts:
    """Return the minutes of the declaration."""
    ceremony = declared.ceremony
    place = ceremony.city or request.profile.city
    document = build_minutes(request.profile, ceremony, ceremony.date, place, declared.pacts)
    facts = (f"{declared.pacts} pakta",) if declared.pacts else ()
    return Drafts([Draft(kind=MINUTES_KEY, document=document, stem=minutes_stem(request.year),
                         identity=minutes_stem(request.year))], facts=facts, notes=(declared.pacts_note,))


CHARTER = DocumentKind(key=CHARTER_KEY, title="Piagam pencanangan ZI", inputs=(CEREMONY_FILE,),
                       load=load_declaration, draft=draft_charter,
                       register_names={CHARTER_KEY: "Piagam Pencanangan Zona Integritas"})
MINUTES = DocumentKind(key=MINUTES_KEY, title="Berita acara pencanangan ZI", inputs=(CEREMONY_FILE,),
                       load=load_declaration, draft=draft_minutes,
                       register_names={MINUTES_KEY: "Berita Acara Pencanangan Zona Integritas"})
