"""Score a validated PMPRB assessment: per area and component, totals, RB index and its category.

The rules are those of domain.md section 6: achievement (capaian) = score / weight x 100; the index is
the sum of every component's score; worksheet (LKE) answers are valued Ya/Tidak 1/0, A-C 1/0,5/0,
A-D 1/0,67/0,33/0, A-E 1/0,75/0,5/0,25/0, a percentage value/100 capped at 1, a 0-4 survey scale
value/4; a sub-component scores the mean of its items' values times its weight. Weights always come
from the data. This module knows no files: schemas/assessment.py reads and validates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.conventions.areas import AREAS, Area
from reportgen.errors import InvalidValue
from reportgen.conventions.numbers import format_number

# ---------------------------------------------------------------- components


@dataclass(frozen=True)
class Component:
    """A scored component: its key, printed name, group (pengungkit or hasil) and input spellings."""

    key: str
    name: str
    group: str  # "pengungkit" (scored per area) or "hasil" (scored for the whole unit)
    aliases: tuple[str, ...] = ()

    @property
    def per_area(self) -> bool:
        return self.group == "pengungkit"


COMPONENTS: tuple[Component, ...] = (
    Component("pemenuhan", "Pemenuhan", "pengungkit"),
    Component("hasil_antara", "Hasil Antara", "pengungkit", ("hasil antara area", "hasilantara")),
    Component("reform", "Reform", "pengungkit", ("reformasi",)),
    Component("kapasitas", "Kapasitas dan Akuntabilitas Kinerja Organisasi", "hasil",
              ("akuntabilitas kinerja organisasi", "kapasitas dan akuntabilitas kinerja",
               "akuntabilitas kinerja dan keuangan")),
    Component("bersih", "Pemerintah yang Bersih dan Bebas KKN", "hasil",
              ("pemerintah yang bersih dan bebas dari kkn", "pemerintah yang bersih", "bebas kkn", "ipak")),
    Component("pelayanan", "Kualitas Pelayanan Publik", "hasil",
              ("kualitas pelayanan", "ipkp", "indeks persepsi kualitas pelayanan")),
)
LEVER_COMPONENTS = tuple(c for c in COMPONENTS if c.group == "pengungkit")
RESULT_COMPONENTS = tuple(c for c in COMPONENTS if c.group == "hasil")
GROUP_NAMES = {"pengungkit": "Pengungkit", "hasil": "Hasil"}


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


_COMPONENT_BY_KEY = {_key(n): c for c in COMPONENTS for n in (c.name, c.key, *c.aliases)}


def parse_component(value) -> Component:
    """Return the component a cell names (case, spacing and punctuation ignored), or raise InvalidValue."""
    found = _COMPONENT_BY_KEY.get(_key(value))
    if found is None:
        names = "; ".join(c.name for c in COMPONENTS)
        raise InvalidValue(f"komponen tidak dikenal; diharapkan salah satu dari: {names}")
    return found


# ---------------------------------------------------------------- worksheet answers


@dataclass(frozen=True)
class AnswerType:
    """A worksheet answer type: its printed name, input spellings and the value of each answer."""

    key: str
    name: str
    aliases: tuple[str, ...]
    choices: dict[str, Decimal] = field(default_factory=dict)  # empty for numeric types
    scale: Decimal | None = None  # numeric types: the value that scores 1

    def value(self, answer) -> Decimal:
        """Return the value (0..1) of an answer, or raise InvalidValue saying what fits."""
        if self.choices:
            text = _key(answer)
            for label, value in self.choices.items():
                if text == _key(label):
                    return value
            raise InvalidValue(f"jawaban tidak sesuai jenis jawaban '{self.name}'; "
                               f"diharapkan {' / '.join(self.choices)}")
        number = _number(answer)
        if number is None or number < 0:
            raise InvalidValue(f"jawaban tidak sesuai jenis jawaban '{self.name}'; diharapkan angka "
                               f"0 sampai {format_number(self.scale)}, mis. 87,5")
        if self.key == "skala4" and number > self.scale:
            raise InvalidValue(f"jawaban di atas {format_number(self.scale)}; jenis jawaban '{self.name}' "
                               f"diharapkan angka 0 sampai {format_number(self.scale)}")
        return min(number / self.scale, Decimal(1))


def _d(text: str) -> Decimal:
    return Decimal(text)


ANSWER_TYPES: tuple[AnswerType, ...] = (
    AnswerType("yatidak", "Ya/Tidak", ("ya/tidak", "yatidak", "y/t", "ya tidak"),
               {"Ya": _d("1"), "Tidak": _d("0")}),
    AnswerType("ac", "A-C", ("a-c", "a/b/c", "abc"), {"A": _d("1"), "B": _d("0.5"), "C": _d("0")}),
    AnswerType("ad", "A-D", ("a-d", "a/b/c/d", "abcd"),
               {"A": _d("1"), "B": _d("0.67"), "C": _d("0.33"), "D": _d("0")}),
    AnswerType("ae", "A-E", ("a-e", "a/b/c/d/e", "abcde"),
               {"A": _d("1"), "B": _d("0.75"), "C": _d("0.5"), "D": _d("0.25"), "E": _d("0")}),
    AnswerType("persen", "%", ("%", "persen", "persentase"), scale=_d("100")),
    AnswerType("skala4", "Skala 0-4", ("skala 0-4", "skala4", "0-4", "indeks 0-4"), scale=_d("4")),
)
_ANSWER_TYPE_BY_KEY = {_key(a): t for t in ANSWER_TYPES for a in (t.name, *t.aliases)}
_ANSWER_TYPE_BY_KEY["%"] = ANSWER_TYPES[4]


def parse_answer_type(value) -> AnswerType:
    """Return the answer type a cell names, or raise InvalidValue listing the known ones."""
    text = str(value).strip()
    found = _ANSWER_TYPE_BY_KEY.get("%" if text == "%" else _key(text))
    if found is None:
        raise InvalidValue("jenis jawaban tidak dikenal; diharapkan salah satu dari: "
                           + ", ".join(t.name for t in ANSWER_TYPES))
    return found


_NUMBER = re.compile(r"^(?P<int>\d+)(?:[.,](?P<dec>\d+))?\s*%?$")


def _number(value) -> Decimal | None:
    """Return a cell as a non-negative Decimal ("87,5", "87.5 %", 87.5), or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    match = _NUMBER.match(" ".join(str(value).split()))
    if not match:
        return None
    return Decimal(f"{match['int']}.{match['dec'] or 0}")


def parse_score_number(value) -> Decimal:
    """Return a score or weight cell as a Decimal ("4,50", 4.5, "4.5"), or raise InvalidValue."""
    if isinstance(value, bool):
        raise InvalidValue("diharapkan angka, mis. 4,50")
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    text = " ".join(str(value).split())
    match = re.fullmatch(r"(?P<sign>-?)(?P<int>\d+)(?:[.,](?P<dec>\d+))?", text)
    if not match:
        raise InvalidValue("bukan angka; diharapkan angka dengan koma desimal, mis. 4,50")
    return Decimal(f"{match['sign']}{match['int']}.{match['dec'] or 0}")


# ---------------------------------------------------------------- scores and categories


@dataclass(frozen=True)
class Score:
    """A score and its maximum (the weight); achievement is score / weight x 100."""

    score: Decimal
    weight: Decimal

    @property
    def achievement(self) -> Decimal:
        return self.score / self.weight * 100 if self.weight else Decimal(0)

    def __add__(self, other: "Score") -> "Score":
        return Score(self.score + other.score, self.weight + other.weight)


@dataclass(frozen=True)
class Category:
    """An RB index category: its code, its name and its lower bound (exclusive above 0)."""

    code: str
    name: str
    above: Decimal


CATEGORIES: tuple[Category, ...] = (
    Category("AA", "Sangat Memuaskan", _d("90")),
    Category("A", "Memuaskan", _d("80")),
    Category("BB", "Sangat Baik", _d("70")),
    Category("B", "Baik", _d("60")),
    Category("CC", "Cukup", _d("50")),
    Category("C", "Kurang", _d("30")),
    Category("D", "Sangat Kurang", _d("-1")),
)


def category_of(index: Decimal) -> Category:
    """Return the category of an index out of 100: AA above 90, A above 80, ... D from 0 to 30."""
    for category in CATEGORIES:
        if index > category.above:
            return category
    return CATEGORIES[-1]


# ---------------------------------------------------------------- validated input


@dataclass(frozen=True)
class ScoreKey:
    """Where a score belongs: year, area (None for result components) and component."""

    year: int
    area: Area | None
    component: Component


@dataclass(frozen=True)
class Item:
    """One worksheet question with its answer and the weight of its sub-component."""

    row: int
    key: ScoreKey
    subcomponent: str
    question: str
    answer_type: AnswerType
    answer: object
    weight: Decimal

    @property
    def value(self) -> Decimal:
        return self.answer_type.value(self.answer)


def scores_from_items(items: list[Item]) -> dict[ScoreKey, Score]:
    """Return the score of each (year, area, component) from worksheet items.

    A sub-component scores the mean of its items' values times its weight; a component's score and
    weight are the sums over its sub-components.
    """
    groups: dict[tuple[ScoreKey, str], list[Item]] = {}
    for item in items:
        groups.setdefault((item.key, _key(item.subcomponent)), []).append(item)
    scores: dict[ScoreKey, Score] = {}
    for (key, _), members in groups.items():
        weight = members[0].weight
        mean = sum((m.value for m in members), Decimal(0)) / len(members)
        part = Score(mean * weight, weight)
        scores[key] = scores[key] + part if key in scores else part
    return scores


@dataclass(frozen=True)
class Assessment:
    """Every validated score of the assessment file, by (year, area, component)."""

    source: str
    form: str  # "nilai" (area scores) or "lke" (item worksheet)
    scores: dict[ScoreKey, Score]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({k.year for k in self.scores}))

    def get(self, year: int, area: Area | None, component: Component) -> Score | None:
        """Return the score of one year, area and component, or None when the data has none."""
        return self.scores.get(ScoreKey(year, area, component))


# ---------------------------------------------------------------- the score table of a year


@dataclass(frozen=True)
class Line:
    """One line of the score table: what it totals, its score this year and the year before."""

    key: str  # stable id: "area-3/reform", "area-3", "pengungkit/reform", "pengungkit", "hasil/bersih", "indeks"
    label: str
    level: str  # "komponen", "area", "jumlah" or "indeks"
    current: Score
    previous: Score | None
    area: Area | None = None
    component: Component | None = None

    @property
    def change(self) -> Decimal | None:
        """Return the score's change from the previous year, or None when there is none."""
        return None if self.previous is None else self.current.score - self.previous.score

    @property
    def achievement_change(self) -> Decimal | None:
        """Return the achievement's change in percentage points, or None."""
        return None if self.previous is None else self.current.achievement - self.previous.achievement


@dataclass(frozen=True)
class YearSummary:
    """The score table of one year compared with the year before it."""

    year: int
    previous_year: int | None
    lines: tuple[Line, ...]
    years: tuple[int, ...]  # every year in the data, for trends
    index_by_year: dict[int, Score]
    source: str

    def line(self, key: str) -> Line:
        """Return the line with this key."""
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(key)

    def find(self, key: str) -> Line | None:
        """Return the line with this key, or None."""
        return next((line for line in self.lines if line.key == key), None)

    @property
    def index(self) -> Line:
        return self.line("indeks")

    @property
    def category(self) -> Category:
        """Return the index category, from the index as a percentage of its weight (the index itself
        when the weights total 100, as they should)."""
        return category_of(self.index.current.achievement)

    @property
    def previous_category(self) -> Category | None:
        previous = self.index.previous
        return None if previous is None else category_of(previous.achievement)

    def area_lines(self) -> list[Line]:
        """Return the per-area total lines, in area order."""
        return [line for line in self.lines if line.level == "area"]

    def component_lines(self, component: Component) -> list[Line]:
        """Return the lines of one lever component per area, in area order."""
        return [line for line in self.lines
                if line.level == "komponen" and line.area is not None and line.component == component]


def _total(scores: list[Score]) -> Score | None:
    if not scores:
        return None
    total = scores[0]
    for s in scores[1:]:
        total = total + s
    return total


def _year_lines(assessment: Assessment, year: int) -> dict[str, tuple[str, str, Score, Area | None,
                                                                      Component | None]]:
    """Return key -> (label, level, score, area, component) of every line one year has, in order."""
    lines: dict = {}
    for area in AREAS:
        parts = {comp: score for comp in LEVER_COMPONENTS
                 if (score := assessment.get(year, area, comp)) is not None}
        total = _total(list(parts.values()))
        if total is not None:  # the area's total first, as the heading of its components
            lines[f"area-{area.number}"] = (f"{area.number}. {area.name}", "area", total, area, None)
        for comp, score in parts.items():
            lines[f"area-{area.number}/{comp.key}"] = (comp.name, "komponen", score, area, comp)
    group_totals = []
    for group, components in (("pengungkit", LEVER_COMPONENTS), ("hasil", RESULT_COMPONENTS)):
        group_parts = []
        for comp in components:
            if comp.per_area:
                score = _total([s for a in AREAS if (s := assessment.get(year, a, comp)) is not None])
            else:
                score = assessment.get(year, None, comp)
            if score is not None:
                label = f"{comp.name} (seluruh area)" if comp.per_area else comp.name
                lines[f"{group}/{comp.key}"] = (label, "komponen", score, None, comp)
                group_parts.append(score)
        total = _total(group_parts)
        if total is not None:
            lines[group] = (f"Jumlah {GROUP_NAMES[group]}", "jumlah", total, None, None)
            group_totals.append(total)
    index = _total(group_totals)
    if index is not None:
        lines["indeks"] = ("Indeks Reformasi Birokrasi", "indeks", index, None, None)
    return lines


def summarize(assessment: Assessment, year: int) -> YearSummary:
    """Return the score table of `year` with changes from the latest earlier year in the data."""
    if year not in assessment.years:
        raise KeyError(year)
    earlier = [y for y in assessment.years if y < year]
    previous_year = earlier[-1] if earlier else None
    current = _year_lines(assessment, year)
    before = _year_lines(assessment, previous_year) if previous_year else {}
    lines = tuple(
        Line(key=key, label=label, level=level, current=score,
             previous=before[key][2] if key in before else None, area=area, component=comp)
        for key, (label, level, score, area, comp) in current.items())
    index_by_year = {}
    for y in assessment.years:
        found = _year_lines(assessment, y).get("indeks")
        if found:
            index_by_year[y] = found[2]
    return YearSummary(year=year, previous_year=previous_year, lines=lines, years=assessment.years,
                       index_by_year=index_by_year, source=assessment.source)


# ---------------------------------------------------------------- the printed numbers

DECIMALS = 2


def fmt_score(value: Decimal | None) -> str:
    """Return a score as printed everywhere: "4,50" (two decimals), "-" when absent."""
    return "-" if value is None else format_number(value, DECIMALS)


def fmt_percent(value: Decimal | None) -> str:
    """Return an achievement as printed everywhere: "87,50" (percent, two decimals)."""
    return "-" if value is None else format_number(value, DECIMALS)


def fmt_change(value: Decimal | None) -> str:
    """Return a change with its sign: "+1,25", "-0,50", "0,00", "-" when there is no earlier year."""
    if value is None:
        return "-"
    text = format_number(value, DECIMALS)
    return text if text.startswith("-") or text == format_number(0, DECIMALS) else "+" + text


def rounded(value: Decimal | None) -> float | None:
    """Return a number rounded as printed, for CSV and JSON."""
    if value is None:
        return None
    return float(value.quantize(Decimal(1).scaleb(-DECIMALS), rounding="ROUND_HALF_UP"))
