"""Validate an assessment file (area scores, the item worksheet, or the LKE PMPRB in its official layout).

Area scores: Tahun, Area, Komponen, Nilai, Bobot (one row per year, area and component; result
components leave Area empty). Item worksheet (LKE): Tahun, Area, Komponen, Sub Komponen, Pertanyaan,
Jenis Jawaban, Jawaban, Bobot (the sub-component's weight, repeated on each of its items), optional
Bobot Butir (items weighted individually). Components are those of the year's regulation
(scoring/rules/*.yaml); answer types Jumlah and Rupiah are inputs to a percentage item, not scored.
The official LKE PMPRB is read in its own layout (scoring/rules/lke-pmprb-26-2020.yaml, schemas/lke_form.py):
its section rows name the component and the area, its title the year. A workbook's sheets are all read
(the year's LKE beside earlier years' area scores), summary sheets (REKAP) excepted.
Every problem is collected with its file, sheet, Excel row and column.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from reportgen.conventions.areas import AREAS, parse_area
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.inputs.schemas.base import Field, Record, normalize_header, text_value, validate_rows
from reportgen.inputs.schemas.lke_form import FormSheet, describe_rows, find_header, names_form, read_form
from reportgen.inputs.tables import (HEADER_SEARCH_ROWS, Grid, RawTable, locate_header, read_grid, read_table,
                                     sheet_names)
from reportgen.scoring.pmprb import (Assessment, Item, Score, ScoreKey, fmt_score, parse_answer_type,
                                     parse_score_number, scores_from_items, weight_warnings)
from reportgen.scoring.forms import forms_for
from reportgen.scoring.regulations import component_key, regulation_for


def parse_year(value) -> int:
    """Return a year cell (2021, "2021", 2021.0) as an int, or raise InvalidValue."""
    text = text_value(value)
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise InvalidValue("diharapkan tahun empat angka, mis. 2021")
    return int(text)


def _area_or_none(value):
    text = text_value(value)
    if text in ("-", "--"):
        return None
    return parse_area(value)


_YEAR = Field("tahun", "Tahun", ("tahun", "tahunpenilaian", "periode"), parse=parse_year)
_AREA = Field("area", "Area", ("area", "areaperubahan"), parse=_area_or_none, required_value=False)
_COMPONENT = Field("komponen", "Komponen", ("komponen", "komponennilai", "komponenpenilaian"))
_ITEM_WEIGHT = Field("bobot_butir", "Bobot Butir", ("bobotbutir", "bobotpertanyaan", "bobotitem"),
                     parse=parse_score_number, required=False)
_WEIGHT = Field("bobot", "Bobot", ("bobot", "nilaimaksimal", "bobotsubkomponen"), parse=parse_score_number)

AREA_SCORE_FIELDS = [
    _YEAR, _AREA, _COMPONENT,
    Field("nilai", "Nilai", ("nilai", "skor", "nilaipmprb"), parse=parse_score_number),
    _WEIGHT,
]
WORKSHEET_FIELDS = [
    _YEAR, _AREA, _COMPONENT,
    Field("subkomponen", "Sub Komponen", ("subkomponen", "subkomponennilai")),
    Field("pertanyaan", "Pertanyaan", ("pertanyaan", "butir", "butirpertanyaan", "kriteria")),
    Field("jenis", "Jenis Jawaban", ("jenisjawaban", "tipejawaban"), parse=parse_answer_type),
    Field("jawaban", "Jawaban", ("jawaban",), parse=lambda v: v),
    _WEIGHT,
    _ITEM_WEIGHT,
]
HEADER_WORDS = (("tahun", "tahunpenilaian", "periode"), ("komponen",))


def _is_header(headers: tuple[str, ...]) -> bool:
    found = {normalize_header(h) for h in headers if h}
    return all(found & set(words) for words in HEADER_WORDS)


def detect_form(table: RawTable) -> str | None:
    """Return "lke" when the headers are those of the item worksheet, "nilai" for area scores, or None."""
    headers = {normalize_header(h) for h in table.headers if h}
    if "jawaban" in headers:
        return "lke"
    if headers & {"nilai", "skor", "nilaipmprb"}:
        return "nilai"
    return None


def _key_of(table: RawTable, rec: Record, problems: ProblemCollector, years: set[int],
            column: str = "Komponen") -> ScoreKey | None:
    """Return the record's (year, area, component) under the year's regulation, reporting what does not fit."""
    area, year = rec.get("area"), rec["tahun"]
    years.add(year)
    try:
        comp = regulation_for(year).component(rec["komponen"], year)
    except InvalidValue as exc:
        problems.add(table.file, str(exc), row=rec.row, column=column, found=text_value(rec["komponen"]))
        return None
    if comp.per_area and area is None:
        problems.add(table.file, f"komponen '{comp.name}' dinilai per area; isi kolom Area (1-8 atau nama area)",
                     row=rec.row, column="Area")
        return None
    if not comp.per_area and area is not None:
        problems.add(table.file, f"komponen hasil '{comp.name}' dinilai untuk seluruh unit, bukan per area; "
                     "kosongkan kolom Area", row=rec.row, column="Area", found=area.name)
        return None
    return ScoreKey(year, area, comp)


def _where(key: ScoreKey) -> str:
    area = f"area {key.area.number} {key.area.name}, " if key.area else ""
    return f"tahun {key.year}, {area}komponen {key.component.name}"


def _area_scores(table: RawTable, problems: ProblemCollector, years: set[int]) -> dict[ScoreKey, Score]:
    scores: dict[ScoreKey, Score] = {}
    first_row: dict[ScoreKey, int] = {}
    for rec in validate_rows(table, AREA_SCORE_FIELDS, problems):
        key = _key_of(table, rec, problems, years)
        score, weight = rec["nilai"], rec["bobot"]
        ok = key is not None
        if weight <= 0:
            problems.add(table.file, "bobot harus lebih dari 0", row=rec.row, column="Bobot",
                         found=fmt_score(weight))
            ok = False
        if score < 0:
            problems.add(table.file, "nilai tidak boleh negatif", row=rec.row, column="Nilai",
                         found=fmt_score(score))
            ok = False
        elif weight > 0 and score > weight:
            problems.add(table.file, f"nilai melebihi bobotnya ({fmt_score(weight)}); nilai paling tinggi "
                         "sama dengan bobot", row=rec.row, column="Nilai", found=fmt_score(score))
            ok = False
        if key is not None and key in first_row:
            problems.add(table.file, f"{_where(key)} sudah ada di baris {first_row[key]}; "
                         "setiap tahun, area dan komponen hanya boleh satu baris", row=rec.row, column="Komponen")
            continue
        if key is not None:
            first_row[key] = rec.row
        if ok:
            scores[key] = Score(score, weight)
    return scores


def _worksheet(table: RawTable, problems: ProblemCollector, years: set[int]) -> dict[ScoreKey, Score]:
    items: list[Item] = []
    weight_of: dict[tuple, tuple[Decimal, int]] = {}
    question_row: dict[tuple, int] = {}
    for rec in validate_rows(table, WORKSHEET_FIELDS, problems):
        key = _key_of(table, rec, problems, years)
        ok = key is not None
        weight = rec["bobot"]
        if weight <= 0:
            problems.add(table.file, "bobot harus lebih dari 0", row=rec.row, column="Bobot",
                         found=fmt_score(weight))
            ok = False
        item_weight = rec.get("bobot_butir")
        if item_weight is not None and item_weight < 0:
            problems.add(table.file, "bobot butir tidak boleh negatif", row=rec.row, column="Bobot Butir",
                         found=fmt_score(item_weight))
            ok = False
        try:
            rec["jenis"].value(rec["jawaban"])
        except InvalidValue as exc:
            problems.add(table.file, str(exc), row=rec.row, column="Jawaban", found=text_value(rec["jawaban"]))
            ok = False
        if not ok:
            continue
        sub = (key, " ".join(rec["subkomponen"].casefold().split()))
        if not same_weight(weight_of, sub, weight, rec.row, f"sub komponen '{rec['subkomponen']}'", table.file,
                           problems):
            continue
        question = sub + (" ".join(rec["pertanyaan"].casefold().split()),)
        if question in question_row:
            problems.add(table.file, f"pertanyaan yang sama sudah ada di baris {question_row[question]} "
                         f"({_where(key)}, sub komponen {rec['subkomponen']})", row=rec.row, column="Pertanyaan")
            continue
        question_row[question] = rec.row
        items.append(Item(rec.row, key, rec["subkomponen"], rec["pertanyaan"], rec["jenis"], rec["jawaban"],
                          weight, item_weight if rec["jenis"].scored else None))
    _check_subcomponents(table.file, items, problems)
    return scores_from_items(items)


def same_weight(weight_of: dict, key, weight, row: int, what: str, file: str, problems: ProblemCollector,
                column: str = "Bobot") -> bool:
    """Record the weight of `what` (a sub-component, an indicator) first given at `row`; return False, with the
    problem added, when an earlier row gave it another weight."""
    if key in weight_of and weight_of[key][0] != weight:
        known, first = weight_of[key]
        problems.add(file, f"bobot {what} berbeda dengan baris {first} ({fmt_score(known)}); tulis bobot yang sama "
                     "pada setiap butirnya", row=row, column=column, found=fmt_score(weight))
        return False
    weight_of.setdefault(key, (weight, row))
    return True


FLAT_COLUMNS = {"jenis": "Jenis Jawaban", "bobot_butir": "Bobot Butir"}


def _check_subcomponents(file: str, items: list[Item], problems: ProblemCollector,
                         columns: dict[str, str | None] = FLAT_COLUMNS) -> None:
    """Report sub-components with no scored item, or whose item weights do not add up to their weight."""
    by_sub: dict[tuple, list[Item]] = {}
    for item in items:
        by_sub.setdefault((item.key, " ".join(item.subcomponent.casefold().split())), []).append(item)
    check_item_weights(by_sub.values(), file, problems, columns, "sub komponen", "'Bobot Butir'")


def check_item_weights(groups, file: str, problems: ProblemCollector, columns: dict[str, str | None], group: str,
                       fill: str) -> None:
    """Report each group of items (a sub-component, a ZI indicator: `group` names it) with no scored item, or whose
    item weights, where it gives them, are not on every scored item or do not add up to the group's weight
    (the first item's); `fill` names the column to fill in."""
    for members in groups:
        scored = [m for m in members if m.answer_type.scored]
        first = members[0]
        if not scored:
            problems.add(file, f"{group} '{first.subcomponent}' hanya berisi baris Jumlah/Rupiah (masukan untuk "
                         "butir persentase); tambahkan butir yang dinilai", row=first.row, column=columns["jenis"])
            continue
        weighted = [m for m in scored if m.item_weight is not None]
        if not weighted:
            continue
        if len(weighted) != len(scored):
            row = next(m.row for m in scored if m.item_weight is None)
            problems.add(file, f"{group} '{first.subcomponent}' memakai bobot butir; isi {fill} pada setiap "
                         "butirnya yang dinilai", row=row, column=columns["bobot_butir"])
            continue
        total = sum((m.item_weight for m in weighted), Decimal(0))
        if total != first.weight:
            problems.add(file, f"jumlah bobot butir {group} '{first.subcomponent}' {fmt_score(total)}, tidak sama "
                         f"dengan bobot {group}nya {fmt_score(first.weight)}", row=weighted[-1].row,
                         column=columns["bobot_butir"], found=fmt_score(weighted[-1].item_weight))


def load_assessment(path: Path, sheet: str | None, year: int, problems: ProblemCollector) -> Assessment | None:
    """Return the validated assessment, which must hold `year`; every problem goes to `problems`.

    Each sheet is read (the named one only, when `sheet` is given): area scores or reportgen's flat item
    worksheet, told apart by their headers, or the LKE PMPRB in its official layout (lke-pmprb-26-2020.yaml),
    whose year is the one its title states. Summary sheets (REKAP ...) are never read as items; a workbook
    may hold the year's LKE beside earlier years' area scores.
    """
    path = Path(path)
    forms = forms_for("pmprb")
    names = (sheet,) if sheet else sheet_names(path) or (None,)
    several = len(names) > 1
    scores: dict[ScoreKey, Score] = {}
    found_in: dict[ScoreKey, str | None] = {}
    years: set[int] = set()
    titled: list[tuple[str | None, int, int | None]] = []  # official sheets: (sheet, title year, its row)
    kinds: list[str] = []
    unread: list[Grid] = []
    file = str(path)
    for name in names:
        if not sheet and any(f.is_summary_sheet(name) for f in forms):
            problems.notice(file, f"lembar '{name}' adalah ringkasan atau petunjuk dan tidak dibaca sebagai butir")
            continue
        flat_only = path.suffix.lower() in (".yaml", ".yml")
        grid = None if flat_only else read_grid(path, name)
        local = ProblemCollector()
        read = None
        if grid is None or locate_header(grid.rows, _is_header, grid.merges) is not None:
            table = read_table(path, name, is_header=_is_header)
            form = detect_form(table)
            if form is not None:
                kinds.append(form)
                sheet_years: set[int] = set()
                read = (_area_scores if form == "nilai" else _worksheet)(table, local, sheet_years)
                years |= sheet_years
        else:
            form = next((f for f in forms if find_header(grid, f) is not None), None)
            official = read_form(grid, form, _area_names(), local) if form is not None else None
            if official is not None:
                kinds.append("lke")
                sheet_year = official.year or year
                if official.year is not None:
                    titled.append((name, official.year, official.year_row))
                years.add(sheet_year)
                read = _official(official, sheet_year, local)
        if read is None:
            if grid is not None:
                unread.append(grid)
            continue
        for problem in local.problems:
            problems.problems.append(replace(problem, sheet=name) if several and problem.sheet is None else problem)
        for key, score in read.items():
            if key in scores:
                problems.add(file, f"{_where(key)} sudah ada di lembar '{found_in[key]}'; setiap tahun, area dan "
                             "komponen hanya boleh dinilai di satu lembar", sheet=name)
                continue
            scores[key] = score
            found_in[key] = name
    if not kinds:
        grid = unread[0] if unread else None
        where = f" lembar '{grid.sheet}'" if grid is not None and grid.sheet else ""
        titled = next((row for f in forms if (row := names_form(grid, f)) is not None), None) if grid else None
        if titled is not None:
            where += f" (judulnya di baris {titled} menyebut lembar kerja evaluasi, tetapi judul kolomnya tidak ditemukan)"
        problems.add(file, f"bentuk lembar penilaian tidak dikenali pada{where}: judul kolom dicari pada baris "
                     f"1-{HEADER_SEARCH_ROWS}; untuk nilai per area diperlukan kolom Tahun, Area, Komponen, Nilai, "
                     "Bobot; untuk lembar kerja evaluasi (LKE) kolom Tahun, Area, Komponen, Sub Komponen, "
                     "Pertanyaan, Jenis Jawaban, Jawaban, Bobot, atau LKE PMPRB dalam bentuk resminya (kolom "
                     "Bobot, Pilihan Jawaban, Jawaban di bawah judulnya). Yang ditemukan: "
                     + (describe_rows(grid) if grid is not None else "(tidak ada lembar)"))
        return None
    for grid in unread:
        problems.warn(file, f"lembar '{grid.sheet}' tidak dibaca: bukan lembar penilaian yang dikenali")
    if years and year not in years:
        listed = ", ".join(str(y) for y in sorted(years))
        titles = "".join(f"; judul lembar{f' {n!r}' if n else ''} (baris {row}) menyebut tahun {y}"
                         for n, y, row in titled)
        problems.add(file, f"tidak ada nilai untuk tahun laporan {year}; tahun yang ada: {listed}{titles}",
                     column="Tahun" if not titled else None)
    assessment = Assessment(source=file, form="lke" if "lke" in kinds else "nilai", scores=scores)
    for note in weight_warnings(assessment):
        problems.warn(file, note, column="Bobot")
    return assessment


def _area_names() -> dict[str, dict[str, str]]:
    """Return what a section row named after one of the eight areas sets."""
    return {component_key(name): {"area": str(area.number)} for area in AREAS for name in (area.name, *area.aliases)}


def _official(read: FormSheet, year: int, problems: ProblemCollector) -> dict[ScoreKey, Score]:
    """Return the scores of an LKE PMPRB read in its official layout, checked as the flat worksheet is."""
    rules = regulation_for(year)
    items: list[Item] = []
    weight_of: dict[tuple, tuple[Decimal, int]] = {}
    question_row: dict[tuple, int] = {}
    reported: set[int] = set()
    for item in read.items:
        component = next((c for c in rules.components if c.key == item.slots.get("komponen")), None)
        number = item.slots.get("area")
        area = AREAS[int(number) - 1] if number else None
        wrong = None
        if component is None:
            wrong = (f"tidak berada di bawah komponen {rules.short} yang dikenal (baris komponen di atasnya, mis. "
                     "'PEMENUHAN', 'REFORM', 'AKUNTABILITAS KINERJA DAN KEUANGAN', tidak ditemukan atau namanya lain)")
        elif component.per_area and area is None:
            wrong = (f"termasuk komponen '{component.name}' yang dinilai per area, tetapi tidak berada di bawah baris "
                     "area (mis. '1 MANAJEMEN PERUBAHAN')")
        if wrong:
            if item.indicator_row not in reported:
                reported.add(item.indicator_row)
                problems.add(read.file, f"butir indikator '{item.indicator[:60]}' {wrong}", row=item.row)
            continue
        key = ScoreKey(year, area if component.per_area else None, component)
        sub = (key, " ".join(item.indicator.casefold().split()))
        if not same_weight(weight_of, sub, item.weight, item.indicator_row, f"indikator '{item.indicator}'",
                           read.file, problems, column=read.columns.get("bobot", "Bobot")):
            continue
        question = sub + (" ".join(item.question.casefold().split()), item.row if not item.kind.scored else 0)
        if question in question_row:
            problems.add(read.file, f"pertanyaan yang sama sudah ada di baris {question_row[question]}", row=item.row)
            continue
        question_row[question] = item.row
        items.append(Item(item.row, key, item.indicator, item.question, item.kind, item.answer, item.weight,
                          item.item_weight if item.kind.scored else None))
    _check_subcomponents(read.file, items, problems, {"jenis": read.columns.get("jenis"),
                                                      "bobot_butir": read.columns.get("bobot")})
    return scores_from_items(items)
