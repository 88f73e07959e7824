"""Score a validated Zona Integritas worksheet (LKE ZI) and judge it against the WBK and WBBM conditions.

The structure (groups, areas, parts, weights) and every threshold are data: a rules file per regulation
(scoring/rules/zi-90-2021.yaml, shaped as scoring/rules_files.py ZiRulesFile), turned into `ZiRules` by
`rules_from_model`. A part scores as the PMPRB
worksheet does (`pmprb.subcomponent_score`: mean of its items' values x the indicator's weight, a survey
`Nilai (0-4)` valued value / 4). Conditions compare the score as printed (two decimals) with the threshold,
so the tables and the sentences agree. This module reads no file: inputs/schemas/zi.py does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reportgen.errors import InvalidValue
from reportgen.scoring.pmprb import AnswerType, Score, fmt_score, subcomponent_score
from reportgen.scoring.regulations import component_key

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def as_printed(value: Decimal) -> Decimal:
    """Return a value rounded as the tables print it (two decimals, half up)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- the rules (data: scoring/rules/zi-*.yaml)


@dataclass(frozen=True)
class ZiPart:
    """A scored part of an area (Pemenuhan, Reform, a survey, Capaian Kinerja) and its weight."""

    key: str
    name: str
    weight: Decimal
    aliases: tuple[str, ...] = ()
    survey: bool = False


@dataclass(frozen=True)
class ZiArea:
    """An area of the ZI assessment (six Pengungkit areas, two Hasil areas) and its parts."""

    key: str
    name: str
    group: str
    parts: tuple[ZiPart, ...]
    aliases: tuple[str, ...] = ()

    @property
    def weight(self) -> Decimal:
        return sum((p.weight for p in self.parts), Decimal(0))

    def find_part(self, text) -> ZiPart | None:
        """Return the part a cell names (case, spacing and punctuation ignored), or None."""
        wanted = component_key(text)
        return next((p for p in self.parts if wanted in {component_key(n) for n in (p.name, p.key, *p.aliases)}),
                    None)


@dataclass(frozen=True)
class ZiGroup:
    """Pengungkit or Hasil: its name, its weight and its areas."""

    key: str
    name: str
    weight: Decimal
    areas: tuple[ZiArea, ...]


@dataclass(frozen=True)
class ConditionRule:
    """One condition of a predicate as the rules file states it.

    `measure` is "total", a group key, an area key or "area/part"; `minimum` a score. With `each_area`
    (a group key) the condition applies to each area of that group with `minimum_percent` of its weight.
    `earlier` asks for a predicate already obtained (WBBM needs WBK).
    """

    measure: str | None = None
    minimum: Decimal | None = None
    each_area: str | None = None
    minimum_percent: Decimal | None = None
    earlier: str | None = None


@dataclass(frozen=True)
class Predicate:
    """A predicate (WBK, WBBM): its short and full name and its conditions."""

    key: str
    short: str
    name: str
    conditions: tuple[ConditionRule, ...]


@dataclass(frozen=True)
class ZiRules:
    """One regulation's ZI structure and thresholds."""

    key: str
    name: str
    short: str
    subject: str
    source: str
    threshold_note: str
    total_name: str
    total_weight: Decimal
    groups: tuple[ZiGroup, ...]
    predicates: tuple[Predicate, ...]

    @property
    def areas(self) -> tuple[ZiArea, ...]:
        return tuple(a for g in self.groups for a in g.areas)

    def group(self, key: str) -> ZiGroup:
        return next(g for g in self.groups if g.key == key)

    def area(self, key: str) -> ZiArea:
        return next(a for a in self.areas if a.key == key)

    def predicate(self, key: str) -> Predicate:
        return next(p for p in self.predicates if p.key == key)

    def find_area(self, text) -> ZiArea | None:
        """Return the area a cell names (its name, key, another spelling, or its number 1-8), or None."""
        raw = " ".join(str(text).split())
        number = raw.rstrip(".")
        if number.isdigit() and 1 <= int(number) <= len(self.areas):
            return self.areas[int(number) - 1]
        wanted = component_key(raw)
        return next((a for a in self.areas if wanted in {component_key(n) for n in (a.name, a.key, *a.aliases)}),
                    None)

    def parse_area(self, text) -> ZiArea:
        """Return the area a cell names, or raise InvalidValue listing the areas."""
        found = self.find_area(text)
        if found is None:
            names = "; ".join(f"{i}. {a.name}" for i, a in enumerate(self.areas, start=1))
            raise InvalidValue(f"area tidak dikenal menurut {self.short}; diharapkan salah satu dari: {names}")
        return found


def _decimal(value) -> Decimal:
    return Decimal(str(value))


def rules_from_data(data) -> ZiRules:
    """Return the rules a parsed rules file states, or raise InvalidValue saying what is wrong in it."""
    from reportgen.conventions.settings_schema import validate_settings
    from reportgen.errors import ProblemCollector
    from reportgen.scoring.rules_files import ZiRulesFile

    problems = ProblemCollector()
    model = validate_settings(ZiRulesFile, data, "", problems)
    if model is None:
        raise InvalidValue("berkas aturan salah bentuk: " + "; ".join(f"kunci '{p.key}': {p.message}" if p.key else
                                                                      p.message for p in problems.problems))
    return rules_from_model(model)


def rules_from_model(data) -> ZiRules:
    """Return the rules a validated rules file (rules_files.ZiRulesFile) states, or raise InvalidValue when its
    weights do not add up (each group's areas to the group's weight, the groups to the total) or a condition
    names what the file does not have."""
    groups = tuple(
        ZiGroup(g.kunci, g.nama, _decimal(g.bobot), tuple(
            ZiArea(key=a.kunci, name=a.nama, group=g.kunci, aliases=tuple(a.ejaan_lain or ()),
                   parts=tuple(ZiPart(key=p.kunci, name=p.nama, weight=_decimal(p.bobot),
                                      aliases=tuple(p.ejaan_lain or ()), survey=p.survei) for p in a.bagian))
            for a in g.area))
        for g in data.kelompok)
    predicates = tuple(
        Predicate(p.kunci, p.singkat, p.nama, tuple(
            ConditionRule(measure=c.nilai, minimum=None if c.paling_rendah is None else _decimal(c.paling_rendah),
                          each_area=c.setiap_area,
                          minimum_percent=(None if c.paling_rendah_persen is None
                                           else _decimal(c.paling_rendah_persen)),
                          earlier=c.predikat_sebelumnya)
            for c in p.syarat))
        for p in data.predikat)
    rules = ZiRules(key=data.kunci, name=data.nama, short=data.singkat, subject=" ".join(data.tentang.split()),
                    source=" ".join(data.sumber.split()), threshold_note=" ".join((data.catatan_ambang or "").split()),
                    total_name=data.total.nama, total_weight=_decimal(data.total.bobot), groups=groups,
                    predicates=predicates)
    _check_rules(rules)
    return rules


def _check_rules(rules: ZiRules) -> None:
    wrong = []
    for group in rules.groups:
        total = sum((a.weight for a in group.areas), Decimal(0))
        if total != group.weight:
            wrong.append(f"jumlah bobot area {group.name} {fmt_score(total)}, bukan {fmt_score(group.weight)}")
    total = sum((g.weight for g in rules.groups), Decimal(0))
    if total != rules.total_weight:
        wrong.append(f"jumlah bobot kelompok {fmt_score(total)}, bukan {fmt_score(rules.total_weight)}")
    measures = {"total"} | {g.key for g in rules.groups} | {a.key for a in rules.areas} | {
        f"{a.key}/{p.key}" for a in rules.areas for p in a.parts}
    for predicate in rules.predicates:
        for c in predicate.conditions:
            if c.measure is not None and (c.measure not in measures or c.minimum is None):
                wrong.append(f"syarat {predicate.short}: '{c.measure}' tidak dikenal atau tanpa paling_rendah")
            if c.each_area is not None and (c.each_area not in {g.key for g in rules.groups}
                                            or c.minimum_percent is None):
                wrong.append(f"syarat {predicate.short}: setiap_area '{c.each_area}' tidak dikenal atau tanpa "
                             "paling_rendah_persen")
            if c.earlier is not None and c.earlier not in {p.key for p in rules.predicates}:
                wrong.append(f"syarat {predicate.short}: predikat_sebelumnya '{c.earlier}' tidak dikenal")
    if wrong:
        raise InvalidValue("; ".join(wrong))


# ---------------------------------------------------------------- the worksheet


@dataclass(frozen=True)
class ZiItem:
    """One worksheet row: area, part, indicator, its answer, the indicator's weight and the unit's note."""

    row: int
    area: ZiArea
    part: ZiPart
    subcomponent: str
    question: str
    answer_type: AnswerType
    answer: object
    weight: Decimal
    item_weight: Decimal | None = None
    note: str = ""

    @property
    def value(self) -> Decimal:
        return self.answer_type.value(self.answer)


@dataclass(frozen=True)
class ZiWorksheet:
    """A validated LKE ZI: its file, its year, its rules, its items in row order, and whose answers they are."""

    source: str
    year: int
    rules: ZiRules
    items: tuple[ZiItem, ...]
    answered_by: str = "unit"  # "tpi": the evaluators' (Tim Penilai Internal) answers were scored

    def notes(self, area: ZiArea) -> list[str]:
        """Return the unit's notes on one area's items, in row order, each once, after their indicator:
        "Penyusunan Tim Kerja: SK Tim Kerja ZI Nomor ..."."""
        return list(dict.fromkeys(f"{i.subcomponent}: {i.note}" for i in self.items if i.area == area and i.note))


def part_scores(items) -> dict[tuple[str, str], Score]:
    """Return (area key, part key) -> score: each indicator's score (pmprb.subcomponent_score) summed."""
    indicators: dict[tuple[str, str, str], list[ZiItem]] = {}
    for item in items:
        indicators.setdefault((item.area.key, item.part.key, component_key(item.subcomponent)), []).append(item)
    scores: dict[tuple[str, str], Score] = {}
    for (area, part, _), members in indicators.items():
        score = subcomponent_score(members)
        scores[(area, part)] = scores[(area, part)] + score if (area, part) in scores else score
    return scores


# ---------------------------------------------------------------- scores


@dataclass(frozen=True)
class ZiLine:
    """One line of the score table: key ("total", "pengungkit", "sdm", "sdm/reform"), label, level, score."""

    key: str
    label: str
    level: str  # "bagian", "area", "kelompok" or "total"
    score: Score
    area: ZiArea | None = None
    part: ZiPart | None = None


@dataclass(frozen=True)
class ZiScores:
    """The score table of a worksheet under its rules, lines in the order printed."""

    year: int
    source: str
    rules: ZiRules
    lines: tuple[ZiLine, ...]
    answered_by: str = "unit"  # "tpi": scored from the evaluators' (Tim Penilai Internal) answers

    def line(self, key: str) -> ZiLine:
        return next(line for line in self.lines if line.key == key)

    def score(self, key: str) -> Score:
        return self.line(key).score

    @property
    def total(self) -> Score:
        return self.score("total")

    def area_lines(self, group: str | None = None) -> list[ZiLine]:
        return [line for line in self.lines if line.level == "area" and (group is None or line.area.group == group)]


def score_worksheet(sheet: ZiWorksheet) -> ZiScores:
    """Return the score table: each part, each area, each group and the total."""
    rules = sheet.rules
    parts = part_scores(sheet.items)
    lines: list[ZiLine] = []
    group_totals = []
    for group in rules.groups:
        group_lines = []
        for area in group.areas:
            area_parts = [ZiLine(f"{area.key}/{p.key}", p.name, "bagian",
                                 parts.get((area.key, p.key), Score(Decimal(0), p.weight)), area, p)
                          for p in area.parts]
            total = _sum([line.score for line in area_parts])
            group_lines.append(ZiLine(area.key, area.name, "area", total, area))
            group_lines += area_parts
        total = _sum([line.score for line in group_lines if line.level == "area"])
        lines += group_lines
        lines.append(ZiLine(group.key, f"Jumlah {group.name}", "kelompok", total))
        group_totals.append(total)
    lines.append(ZiLine("total", rules.total_name, "total", _sum(group_totals)))
    return ZiScores(sheet.year, sheet.source, rules, tuple(lines), sheet.answered_by)


def _sum(scores: list[Score]) -> Score:
    total = Score(Decimal(0), Decimal(0))
    for score in scores:
        total = total + score
    return total


# ---------------------------------------------------------------- the verdict


@dataclass(frozen=True)
class Condition:
    """One condition judged: what, its threshold (a score, or a share of the weight), the unit's value,
    met or not, and for an unmet one the points missing and the points still to earn."""

    key: str
    label: str
    unit: str            # "nilai" (threshold and value are scores) or "persen" (shares of the weight)
    threshold: Decimal | None
    value: Decimal | None
    met: bool
    gap: Decimal | None = None     # points missing (None when met, or when points cannot close it)
    room: Decimal | None = None    # weight not yet earned where the points can come from
    weight: Decimal | None = None
    earlier: str | None = None     # the predicate asked for, for a condition on earlier status

    @property
    def cost(self) -> Decimal | None:
        """Return the gap relative to the points left to earn (what sorts the cheapest first), or None."""
        if self.gap is None:
            return None
        return self.gap / self.room if self.room else Decimal("Infinity")


@dataclass(frozen=True)
class Verdict:
    """Whether the unit qualifies for one predicate, with every condition in the rules' order."""

    predicate: Predicate
    conditions: tuple[Condition, ...]

    @property
    def qualifies(self) -> bool:
        return all(c.met for c in self.conditions)

    @property
    def unmet(self) -> list[Condition]:
        """Return the unmet conditions, cheapest to close first; those points cannot close come last."""
        missing = [c for c in self.conditions if not c.met]
        return sorted(missing, key=lambda c: (c.cost is None, c.cost or 0, c.gap or 0))


def _measure_label(scores: ZiScores, measure: str) -> str:
    rules = scores.rules
    if measure == "total":
        return rules.total_name
    if "/" in measure:
        area_key, part_key = measure.split("/")
        area = rules.area(area_key)
        return next(p.name for p in area.parts if p.key == part_key)
    if measure in {g.key for g in rules.groups}:
        return rules.group(measure).name
    return rules.area(measure).name


def judge(scores: ZiScores, predicate: Predicate, obtained: frozenset[str] = frozenset()) -> Verdict:
    """Return the verdict for one predicate; `obtained` holds the predicates (keys) the unit already has."""
    rules = scores.rules
    conditions = []
    for rule in predicate.conditions:
        if rule.measure is not None:
            score = scores.score(rule.measure)
            value = as_printed(score.score)
            met = value >= rule.minimum
            conditions.append(Condition(
                rule.measure, _measure_label(scores, rule.measure), "nilai", rule.minimum, value, met,
                gap=None if met else rule.minimum - value, room=score.weight - value, weight=score.weight))
        elif rule.each_area is not None:
            for area in rules.group(rule.each_area).areas:
                score = scores.score(area.key)
                share = as_printed(score.achievement)
                met = share >= rule.minimum_percent
                needed = as_printed(rule.minimum_percent * score.weight / HUNDRED)
                value = as_printed(score.score)
                conditions.append(Condition(
                    f"{area.key}%", area.name, "persen", rule.minimum_percent, share, met,
                    gap=None if met else max(needed - value, CENT), room=score.weight - value,
                    weight=score.weight))
        elif rule.earlier is not None:
            earlier = rules.predicate(rule.earlier)
            met = rule.earlier in obtained
            conditions.append(Condition(f"predikat-{earlier.key}", f"Telah memperoleh predikat {earlier.short}",
                                        "predikat", None, None, met, earlier=earlier.short))
    return Verdict(predicate, tuple(conditions))


def judge_all(scores: ZiScores, obtained: frozenset[str] = frozenset()) -> tuple[Verdict, ...]:
    """Return the verdict for every predicate of the rules, in their order (WBK, then WBBM)."""
    return tuple(judge(scores, p, obtained) for p in scores.rules.predicates)
