"""The structure of the RB index per regulation (components, parts, weights, categories), read from rules/*.yaml.

Which regulation applies to a year is data too (each file's year range). Scoring and schemas ask this
module; no component name or weight is written in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import yaml

from reportgen.errors import InvalidValue, ProblemCollector


def component_key(text: str) -> str:
    """Return a name reduced for matching: lower-case letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@dataclass(frozen=True)
class Component:
    """A scored part of the index: key, official name, group, input spellings, its weight and per-area weights."""

    key: str
    name: str
    group: str  # "pengungkit" (scored per area) or "hasil" (scored for the whole unit)
    aliases: tuple[str, ...] = ()
    weight: Decimal | None = None
    area_weights: tuple[Decimal, ...] | None = None
    per_area: bool = False


@dataclass(frozen=True)
class Group:
    """Pengungkit or Hasil: its name, weight, whether scored per area, its components, per-area weights."""

    key: str
    name: str
    weight: Decimal
    per_area: bool
    components: tuple[Component, ...]
    area_weights: tuple[Decimal, ...] | None = None


@dataclass(frozen=True)
class Category:
    """An RB index category: its code, its name and its lower bound (exclusive above 0)."""

    code: str
    name: str
    above: Decimal


@dataclass(frozen=True)
class Regulation:
    """One regulation's index structure and the years it applies to."""

    key: str
    name: str
    short: str
    subject: str
    source: str
    first_year: int
    last_year: int
    index_name: str
    index_weight: Decimal
    groups: tuple[Group, ...]
    categories: tuple[Category, ...]
    self_category: bool = False  # the unit's own score (PMPRB) has a category: the report may print it
    category_source: str = ""

    @property
    def components(self) -> tuple[Component, ...]:
        return tuple(c for g in self.groups for c in g.components)

    def group(self, key: str) -> Group:
        """Return the group with this key."""
        return next(g for g in self.groups if g.key == key)

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def find(self, text) -> Component | None:
        """Return the component a cell names (case, spacing and punctuation ignored), or None."""
        wanted = component_key(text)
        return next((c for c in self.components
                     if wanted in {component_key(n) for n in (c.name, c.key, *c.aliases)}), None)

    def component(self, text, year: int | None = None) -> Component:
        """Return the component a cell names, or raise InvalidValue listing this regulation's components."""
        found = self.find(text)
        if found is not None:
            return found
        names = "; ".join(c.name for c in self.components)
        where = f" untuk tahun {year}" if year else ""
        other = next((r for r in regulations() if r is not self and r.find(text)), None)
        hint = f" ('{other.find(text).name}' adalah komponen {other.short})" if other else ""
        raise InvalidValue(f"komponen tidak dikenal{where} menurut {self.short}{hint}; diharapkan salah satu "
                           f"dari: {names}")


def _regulation(data) -> Regulation:
    """Return the regulation a validated rules file (rules_files.RegulationFile) states."""
    groups = []
    for g in data.kelompok:
        components = tuple(
            Component(key=c.kunci, name=c.nama, group=g.kunci, aliases=tuple(c.ejaan_lain or ()),
                      weight=_decimal(c.bobot), per_area=g.per_area,
                      area_weights=tuple(_decimal(w) for w in c.bobot_per_area) if c.bobot_per_area else None)
            for c in g.komponen)
        groups.append(Group(g.kunci, g.nama, _decimal(g.bobot), g.per_area, components,
                            tuple(_decimal(w) for w in g.bobot_per_area) if g.bobot_per_area else None))
    first, last = data.tahun
    return Regulation(
        key=data.kunci, name=data.nama, short=data.singkat, subject=data.tentang, source=" ".join(data.sumber.split()),
        first_year=first, last_year=last, index_name=data.indeks.nama, index_weight=_decimal(data.indeks.bobot),
        groups=tuple(groups), categories=tuple(Category(k.kode, k.nama, _decimal(k.di_atas)) for k in data.kategori),
        self_category=data.kategori_penilaian_mandiri, category_source=" ".join((data.sumber_kategori or "").split()))


@lru_cache(maxsize=1)
def regulations() -> tuple[Regulation, ...]:
    """Return every shipped regulation, the newest first; a rules file of the wrong shape raises InputError
    naming its keys."""
    from reportgen.conventions.settings_schema import validate_settings
    from reportgen.scoring.rules_files import RegulationFile

    folder = resources.files("reportgen.scoring") / "rules"
    problems = ProblemCollector()
    found = []
    for file in sorted(folder.iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("jenis", "pmprb") != "pmprb":
            continue  # ZI rules live beside them
        rules = validate_settings(RegulationFile, data, f"reportgen/scoring/rules/{file.name}", problems)
        if rules is not None:
            found.append(_regulation(rules))
    problems.raise_if_any()
    return tuple(sorted(found, key=lambda r: r.first_year, reverse=True))


def regulation_for(year: int) -> Regulation:
    """Return the regulation that applies to `year`: the one whose years cover it, else the nearest earlier
    (the newest for later years), else the oldest."""
    shipped = regulations()
    covering = next((r for r in shipped if r.covers(year)), None)
    if covering:
        return covering
    return next((r for r in shipped if r.first_year <= year), shipped[-1])


def uncovered_note(year: int) -> str | None:
    """Return a warning when no regulation file covers `year` (the nearest one is then used), else None."""
    if any(r.covers(year) for r in regulations()):
        return None
    used = regulation_for(year)
    return (f"tahun {year} tidak tercakup aturan PMPRB yang dikenal; struktur {used.short} "
            f"({used.first_year}-{used.last_year}) dipakai untuk memeriksa bobot")
