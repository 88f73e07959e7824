"""Validate an assessment file (area scores or the item worksheet, told apart by its headers).

Area scores: Tahun, Area, Komponen, Nilai, Bobot (one row per year, area and component; result
components leave Area empty). Item worksheet (LKE): Tahun, Area, Komponen, Sub Komponen, Pertanyaan,
Jenis Jawaban, Jawaban, Bobot (the sub-component's weight, repeated on each of its items), optional
Bobot Butir (items weighted individually). Components are those of the year's regulation
(scoring/rules/*.yaml); answer types Jumlah and Rupiah are inputs to a percentage item, not scored.
Every problem is collected with its file, Excel row and column.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.conventions.areas import parse_area
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.inputs.schemas.base import Field, Record, normalize_header, text_value, validate_rows
from reportgen.inputs.tables import RawTable, read_table
from reportgen.scoring.pmprb import (Assessment, Item, Score, ScoreKey, fmt_score, parse_answer_type,
                                     parse_score_number, scores_from_items, weight_warnings)
from reportgen.scoring.regulations import regulation_for


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
    _check_subcomponents(table, items, problems)
    return scores_from_items(items)


def same_weight(weight_of: dict, key, weight, row: int, what: str, file: str, problems: ProblemCollector) -> bool:
    """Record the weight of `what` (a sub-component, an indicator) first given at `row`; return False, with the
    problem added, when an earlier row gave it another weight."""
    if key in weight_of and weight_of[key][0] != weight:
        known, first = weight_of[key]
        problems.add(file, f"bobot {what} berbeda dengan baris {first} ({fmt_score(known)}); tulis bobot yang sama "
                     "pada setiap butirnya", row=row, column="Bobot", found=fmt_score(weight))
        return False
    weight_of.setdefault(key, (weight, row))
    return True


def _check_subcomponents(table: RawTable, items: list[Item], problems: ProblemCollector) -> None:
    """Report sub-components with no scored item, or whose item weights do not add up to their weight."""
    by_sub: dict[tuple, list[Item]] = {}
    for item in items:
        by_sub.setdefault((item.key, " ".join(item.subcomponent.casefold().split())), []).append(item)
    for members in by_sub.values():
        scored = [m for m in members if m.answer_type.scored]
        first = members[0]
        if not scored:
            problems.add(table.file, f"sub komponen '{first.subcomponent}' hanya berisi baris Jumlah/Rupiah "
                         "(masukan untuk butir persentase); tambahkan butir yang dinilai", row=first.row,
                         column="Jenis Jawaban")
            continue
        weighted = [m for m in scored if m.item_weight is not None]
        if not weighted:
            continue
        if len(weighted) != len(scored):
            row = next(m.row for m in scored if m.item_weight is None)
            problems.add(table.file, f"sub komponen '{first.subcomponent}' memakai bobot butir; isi 'Bobot Butir' "
                         "pada setiap butirnya yang dinilai", row=row, column="Bobot Butir")
            continue
        total = sum((m.item_weight for m in weighted), Decimal(0))
        if total != first.weight:
            problems.add(table.file, f"jumlah bobot butir sub komponen '{first.subcomponent}' "
                         f"{fmt_score(total)}, tidak sama dengan bobot sub komponennya {fmt_score(first.weight)}",
                         row=weighted[-1].row, column="Bobot Butir", found=fmt_score(weighted[-1].item_weight))


def load_assessment(path: Path, sheet: str | None, year: int, problems: ProblemCollector) -> Assessment | None:
    """Return the validated assessment, which must hold `year`; every problem goes to `problems`."""
    table = read_table(path, sheet, is_header=_is_header)
    form = detect_form(table)
    if form is None:
        found = ", ".join(f"'{h}'" for h in table.headers if h) or "(tidak ada)"
        problems.add(table.file, f"bentuk lembar penilaian tidak dikenali dari baris judul (baris "
                     f"{table.header_rows}): untuk nilai "
                     "per area diperlukan kolom Tahun, Area, Komponen, Nilai, Bobot; untuk lembar kerja "
                     "evaluasi (LKE) kolom Tahun, Area, Komponen, Sub Komponen, Pertanyaan, Jenis Jawaban, "
                     f"Jawaban, Bobot. Judul kolom yang ditemukan: {found}", row=table.header_row)
        return None
    years: set[int] = set()
    scores = (_area_scores if form == "nilai" else _worksheet)(table, problems, years)
    if years and year not in years:
        listed = ", ".join(str(y) for y in sorted(years))
        problems.add(table.file, f"tidak ada nilai untuk tahun laporan {year}; tahun yang ada: {listed}",
                     column="Tahun")
    assessment = Assessment(source=table.file, form=form, scores=scores)
    for note in weight_warnings(assessment):
        problems.warn(table.file, note, column="Bobot")
    return assessment
