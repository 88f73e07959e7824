"""Score a validated PMPRB assessment: per area and component, totals, RB index and its category.

The rules are those of domain.md section 6: achievement (capaian) = score / weight x 100; the index is
the sum of every component's score; worksheet (LKE) answers are valued Ya/Tidak 1/0, A-C 1/0,5/0,
A-D 1/0,67/0,33/0, A-E 1/0,75/0,5/0,25/0, a percentage value/100 capped at 1, a 0-4 survey scale
value/4 (`Nilai (0-4)`); `Jumlah` and `Rupiah` rows are inputs, not scored; a sub-component scores the
mean of its items' values times its weight, or the sum of value x item weight. Weights always come from
the data; the structure (components, parts, categories) is that of the year's regulation
(scoring/regulations.py). This module knows no files: schemas/assessment.py reads and validates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.conventions.areas import AREAS, Area
from reportgen.conventions.numbers import format_number
from reportgen.errors import InvalidValue
from reportgen.scoring.regulations import (Category, Component, Regulation, component_key, regulation_for,
                                           regulations, uncovered_note)

# ---------------------------------------------------------------- components (data: scoring/rules/*.yaml)


def _key(text: str) -> str:
    return component_key(text)


def parse_component(value) -> Component:
    """Return the component a cell names in any shipped regulation (newest first), or raise InvalidValue.

    Schemas resolve a component within the regulation of the row's year (`Regulation.component`);
    this is for callers that know no year.
    """
    for regulation in regulations():
        found = regulation.find(value)
        if found is not None:
            return found
    names = "; ".join(dict.fromkeys(c.name for r in regulations() for c in r.components))
    raise InvalidValue(f"komponen tidak dikenal; diharapkan salah satu dari: {names}")


# ---------------------------------------------------------------- worksheet answers


@dataclass(frozen=True)
class AnswerType:
    """A worksheet answer type: its printed name, input spellings and the value of each answer."""

    key: str
    name: str
    aliases: tuple[str, ...]
    choices: dict[str, Decimal] = field(default_factory=dict)  # empty for numeric types
    scale: Decimal | None = None  # numeric types: the value that scores 1
    scored: bool = True  # False for Jumlah and Rupiah: inputs to a percentage item, left out of the mean
    maximum: Decimal | None = None  # numeric types: a larger number is refused (None: capped at 1 as before)
    minimum: Decimal = Decimal(0)  # numeric types: a smaller number is refused (a level starts at 1)

    def value(self, answer) -> Decimal:
        """Return the value (0..1) of an answer, or raise InvalidValue saying what fits."""
        if self.choices:
            text = _key(answer)
            for label, value in self.choices.items():
                if text == _key(label):
                    return value
            raise InvalidValue(f"jawaban tidak sesuai jenis jawaban '{self.name}'; "
                               f"diharapkan {' / '.join(self.choices)}")
        number = _amount(answer) if not self.scored else _number(answer)
        if not self.scored:
            if number is None:
                raise InvalidValue(f"jawaban tidak sesuai jenis jawaban '{self.name}'; diharapkan angka, "
                                   "mis. 25 atau 1.500.000")
            return number
        if number is None or number < 0:
            raise InvalidValue(f"jawaban tidak sesuai jenis jawaban '{self.name}'; diharapkan angka "
                               f"0 sampai {format_number(self.scale)}, mis. 87,5")
        if self.key == "skala4" and number > self.scale:
            raise InvalidValue(f"jawaban di atas {format_number(self.scale)}; jenis jawaban '{self.name}' "
                               f"diharapkan angka 0 sampai {format_number(self.scale)}")
        if self.maximum is not None and not self.minimum <= number <= self.maximum:
            side = "di atas" if number > self.maximum else "di bawah"
            limit = self.maximum if number > self.maximum else self.minimum
            raise InvalidValue(f"jawaban {format_number(number)} {side} {format_number(limit)}; jenis jawaban "
                               f"'{self.name}' diharapkan angka {format_number(self.minimum)} sampai "
                               f"{format_number(self.maximum)} (tidak dibulatkan diam-diam: periksa isi selnya)")
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
    AnswerType("persen", "%", ("%", "persen", "persentase"), scale=_d("100"), maximum=_d("100")),
    AnswerType("skala4", "Nilai (0-4)", ("skala 0-4", "skala4", "0-4", "indeks 0-4", "nilai (0-4)", "nilai 0-4"),
               scale=_d("4")),
    AnswerType("jumlah", "Jumlah", ("jumlah", "angka"), scored=False),
    AnswerType("rupiah", "Rupiah", ("rupiah", "rp"), scored=False),
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


_THOUSANDS = re.compile(r"^(?:rp\.?\s*)?(?P<int>\d{1,3}(?:\.\d{3})+)(?:,(?P<dec>\d+))?$", re.IGNORECASE)


def _amount(value) -> Decimal | None:
    """Return a Jumlah or Rupiah cell as a Decimal (25, "1.500.000", "Rp1.500.000,00"), or None."""
    if isinstance(value, str):
        thousands = _THOUSANDS.match("".join(value.split()))
        if thousands:
            return Decimal(f"{thousands['int'].replace('.', '')}.{thousands['dec'] or 0}")
    return _number(value)


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


SCORE_LIMIT = Decimal(100)  # every score and weight is a part of an index out of 100


def parse_score_number(value) -> Decimal:
    """Return a score or weight cell as a Decimal ("4,50", 4.5, "4.5"), or raise InvalidValue (also for a number
    beyond what an index out of 100 can hold, e.g. 1e308, which would overflow every sum after it)."""
    if isinstance(value, bool):
        raise InvalidValue("diharapkan angka, mis. 4,50")
    if isinstance(value, (int, float)):
        number = Decimal(str(value))
    else:
        text = " ".join(str(value).split())
        match = re.fullmatch(r"(?P<sign>-?)(?P<int>\d+)(?:[.,](?P<dec>\d+))?", text)
        if not match:
            raise InvalidValue("bukan angka; diharapkan angka dengan koma desimal, mis. 4,50")
        number = Decimal(f"{match['sign']}{match['int']}.{match['dec'] or 0}")
    if not number.is_finite() or abs(number) > SCORE_LIMIT:
        raise InvalidValue(f"di luar batas: nilai dan bobot adalah bagian dari indeks 100, jadi paling besar "
                           f"{format_number(SCORE_LIMIT)}")
    return number


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


def category_of(index: Decimal, categories: tuple[Category, ...] | None = None) -> Category:
    """Return the category of an index out of 100: AA above 90, A above 80, ... D from 0 to 30 (by default the
    newest regulation's categories, for callers without a year)."""
    if categories is None:  # read here, not at import: the rules files are validated when first read
        categories = regulations()[0].categories
    for category in categories:
        if index > category.above:
            return category
    return categories[-1]


# ---------------------------------------------------------------- validated input


@dataclass(frozen=True)
class ScoreKey:
    """Where a score belongs: year, area (None for result components) and component."""

    year: int
    area: Area | None
    component: Component


@dataclass(frozen=True)
class Item:
    """One worksheet row: its answer, the weight of its sub-component and, optionally, its own weight."""

    row: int
    key: ScoreKey
    subcomponent: str
    question: str
    answer_type: AnswerType
    answer: object
    weight: Decimal
    item_weight: Decimal | None = None

    @property
    def value(self) -> Decimal:
        return self.answer_type.value(self.answer)


def subcomponent_score(members: list[Item]) -> Score:
    """Return one sub-component's score: the mean of its scored items' values times its weight, or, when
    its items carry their own weights (LHKPN 1 + non-LHKPN 1 inside 2), the sum of value x item weight.

    Jumlah and Rupiah rows are inputs to a percentage item: they are left out.
    """
    weight = members[0].weight
    scored = [m for m in members if m.answer_type.scored]
    if not scored:
        return Score(Decimal(0), weight)
    if any(m.item_weight is not None for m in scored):
        return Score(sum((m.value * (m.item_weight or 0) for m in scored), Decimal(0)), weight)
    mean = sum((m.value for m in scored), Decimal(0)) / len(scored)
    return Score(mean * weight, weight)


def scores_from_items(items: list[Item]) -> dict[ScoreKey, Score]:
    """Return the score of each (year, area, component) from worksheet items.

    A component's score and weight are the sums over its sub-components (see subcomponent_score).
    """
    groups: dict[tuple[ScoreKey, str], list[Item]] = {}
    for item in items:
        groups.setdefault((item.key, _key(item.subcomponent)), []).append(item)
    scores: dict[ScoreKey, Score] = {}
    for (key, _), members in groups.items():
        part = subcomponent_score(members)
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
    """One line of the score table: what it totals, its score this year and the year before.

    Across a change of regulation (`by_achievement`), scores are not comparable: the change shown is
    that of the achievement, in percentage points.
    """

    key: str  # stable id: "area-3/reform", "area-3", "pengungkit/reform", "pengungkit", "hasil/bersih", "indeks"
    label: str
    level: str  # "komponen", "area", "jumlah" or "indeks"
    current: Score
    previous: Score | None
    area: Area | None = None
    component: Component | None = None
    by_achievement: bool = False

    @property
    def change(self) -> Decimal | None:
        """Return the score's change from the previous year, or None when there is none or scores differ
        in kind (another regulation)."""
        if self.previous is None or self.by_achievement:
            return None
        return self.current.score - self.previous.score

    @property
    def achievement_change(self) -> Decimal | None:
        """Return the achievement's change in percentage points, or None."""
        return None if self.previous is None else self.current.achievement - self.previous.achievement

    @property
    def shown_change(self) -> Decimal | None:
        """Return the change the tables print: of the score, or of the achievement across regulations."""
        return self.achievement_change if self.by_achievement else self.change


@dataclass(frozen=True)
class YearSummary:
    """The score table of one year compared with the year before it, under each year's regulation."""

    year: int
    previous_year: int | None
    lines: tuple[Line, ...]
    years: tuple[int, ...]  # every year in the data, for trends
    index_by_year: dict[int, Score]  # complete indexes only
    source: str
    rules: Regulation
    previous_rules: Regulation | None = None

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
    def complete(self) -> bool:
        """Return True when the year has every group of its regulation (Pengungkit and Hasil)."""
        return self.find("indeks") is not None

    @property
    def index(self) -> Line:
        """Return the index line; for an incomplete year, the total of the groups it has."""
        found = self.find("indeks")
        if found is not None:
            return found
        return next(line for line in self.lines if line.level == "jumlah")

    @property
    def category(self) -> Category | None:
        """Return the index category (from the index as a percentage of its weight), or None when the
        index is incomplete: a category belongs to Pengungkit + Hasil together."""
        if not self.complete:
            return None
        return category_of(self.index.current.achievement, self.rules.categories)

    @property
    def previous_category(self) -> Category | None:
        previous = self.index.previous
        if previous is None or not self.complete or self.previous_year not in self.index_by_year:
            return None
        rules = self.previous_rules or self.rules
        return category_of(previous.achievement, rules.categories)

    @property
    def regulation_changed(self) -> bool:
        """Return True when the previous year was assessed under another regulation."""
        return self.previous_rules is not None and self.previous_rules.key != self.rules.key

    def incomplete_reason(self) -> str | None:
        """Return why the year has no index category, in Indonesian, or None when it has one."""
        if self.complete:
            return None
        have = [g.name for g in self.rules.groups if self.find(g.key)]
        missing = [g.name for g in self.rules.groups if not self.find(g.key)]
        return (f"kategori indeks tahun {self.year} tidak diberikan: data hanya memuat nilai "
                f"{' dan '.join(have)}, tanpa {' dan '.join(missing)}; kategori hanya berlaku untuk indeks "
                f"lengkap ({' + '.join(g.name for g in self.rules.groups)})")

    def comparison_note(self) -> str | None:
        """Return the note on comparing with a year under another regulation, or None."""
        if not self.regulation_changed:
            return None
        return (f"tahun {self.year} dinilai menurut {self.rules.short}, sedangkan tahun {self.previous_year} "
                f"menurut {self.previous_rules.short}; karena struktur dan bobotnya berbeda, perubahan "
                "dibandingkan dari capaian (persen), bukan dari nilai")

    def area_lines(self) -> list[Line]:
        """Return the per-area total lines, in area order."""
        return [line for line in self.lines if line.level == "area"]

    def component_lines(self, component: Component | str) -> list[Line]:
        """Return the lines of one lever component (or component key) per area, in area order."""
        key = component if isinstance(component, str) else component.key
        return [line for line in self.lines
                if line.level == "komponen" and line.area is not None and line.component.key == key]

    def group_components(self, group: str) -> tuple[Component, ...]:
        """Return the components of one group ("pengungkit" or "hasil") under this year's regulation."""
        return self.rules.group(group).components


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
    rules = regulation_for(year)
    levers = tuple(c for g in rules.groups if g.per_area for c in g.components)
    lines: dict = {}
    for area in AREAS:
        parts = {comp: score for comp in levers if (score := assessment.get(year, area, comp)) is not None}
        total = _total(list(parts.values()))
        if total is not None:  # the area's total first, as the heading of its components
            lines[f"area-{area.number}"] = (f"{area.number}. {area.name}", "area", total, area, None)
        for comp, score in parts.items():
            lines[f"area-{area.number}/{comp.key}"] = (comp.name, "komponen", score, area, comp)
    group_totals = []
    for group in rules.groups:
        group_parts = []
        for comp in group.components:
            if comp.per_area:
                score = _total([s for a in AREAS if (s := assessment.get(year, a, comp)) is not None])
            else:
                score = assessment.get(year, None, comp)
            if score is not None:
                label = f"{comp.name} (seluruh area)" if comp.per_area else comp.name
                lines[f"{group.key}/{comp.key}"] = (label, "komponen", score, None, comp)
                group_parts.append(score)
        total = _total(group_parts)
        if total is not None:
            lines[group.key] = (f"Jumlah {group.name}", "jumlah", total, None, None)
            group_totals.append(total)
    if len(group_totals) == len(rules.groups):  # a category belongs to a complete index only
        lines["indeks"] = (rules.index_name, "indeks", _total(group_totals), None, None)
    return lines


def summarize(assessment: Assessment, year: int) -> YearSummary:
    """Return the score table of `year` with changes from the latest earlier year in the data."""
    if year not in assessment.years:
        raise KeyError(year)
    earlier = [y for y in assessment.years if y < year]
    previous_year = earlier[-1] if earlier else None
    rules = regulation_for(year)
    previous_rules = regulation_for(previous_year) if previous_year else None
    by_achievement = previous_rules is not None and previous_rules.key != rules.key
    current = _year_lines(assessment, year)
    before = _year_lines(assessment, previous_year) if previous_year else {}
    lines = tuple(
        Line(key=key, label=label, level=level, current=score,
             previous=before[key][2] if key in before else None, area=area, component=comp,
             by_achievement=by_achievement)
        for key, (label, level, score, area, comp) in current.items())
    index_by_year = {}
    for y in assessment.years:
        found = _year_lines(assessment, y).get("indeks")
        if found:
            index_by_year[y] = found[2]
    return YearSummary(year=year, previous_year=previous_year, lines=lines, years=assessment.years,
                       index_by_year=index_by_year, source=assessment.source, rules=rules,
                       previous_rules=previous_rules)


def weight_warnings(assessment: Assessment) -> list[str]:
    """Return, per year, where the worksheet's weights differ from its regulation's structure (Indonesian).

    Weights are always taken from the worksheet; these are warnings for the user to check.
    """
    notes = []
    for year in assessment.years:
        rules = regulation_for(year)
        if (uncovered := uncovered_note(year)) is not None:
            notes.append(uncovered)
        lines = _year_lines(assessment, year)
        expected: list[tuple[str, Decimal, Decimal]] = []
        for group in rules.groups:
            if group.key in lines:
                expected.append((group.name, lines[group.key][2].weight, group.weight))
            for comp in group.components:
                line = lines.get(f"{group.key}/{comp.key}")
                if line and comp.weight is not None:
                    expected.append((comp.name, line[2].weight, comp.weight))
                for number, weight in enumerate(comp.area_weights or (), start=1):
                    area_line = lines.get(f"area-{number}/{comp.key}")
                    if area_line:
                        expected.append((f"{comp.name} area {number} ({AREAS[number - 1].name})",
                                         area_line[2].weight, weight))
            for number, weight in enumerate(group.area_weights or (), start=1):
                area_line = lines.get(f"area-{number}")
                if area_line:
                    expected.append((f"area {number} ({AREAS[number - 1].name})", area_line[2].weight, weight))
        if "indeks" in lines:
            expected.append((rules.index_name, lines["indeks"][2].weight, rules.index_weight))
        for name, found, wanted in expected:
            if found != wanted:
                notes.append(f"tahun {year}: jumlah bobot {name} {fmt_score(found)}, sedangkan menurut "
                             f"{rules.short} {fmt_score(wanted)}; periksa bobot di lembar penilaian (nilai tetap "
                             "dihitung dengan bobot lembar penilaian)")
    return notes


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
