"""The layouts of the official worksheets (the LKE PMPRB of PermenPAN-RB 26/2020, the LKE Zona Integritas of
PermenPAN-RB 90/2021) as their rules files state them: title words, the header words of each column, the names
of section rows and of the Hasil items, the answer kinds with their values, the rows that end the items.

Read from scoring/rules/lke-*.yaml (`jenis: lembar-kerja`), so that next year's form is a data change;
inputs/schemas/lke_form.py reads a sheet with them. This module reads no worksheet.

    form_rules("lke-zi-90-2021")      # -> FormRules
    forms_for("pmprb")                # every shipped form scored by PMPRB rules
    rules.kind("A/B/C")               # -> the AnswerType the form's Pilihan Jawaban names
    rules.section("I. PEMENUHAN")     # -> NamedRow setting {"bagian": "pemenuhan"}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import yaml

from reportgen.errors import InvalidValue
from reportgen.scoring.pmprb import AnswerType
from reportgen.scoring.regulations import component_key

KIND = "lembar-kerja"
ROLES = ("nomor", "uraian", "bobot", "jenis", "jawaban", "jawaban_tpi", "catatan")
NUMBERING = ("huruf_besar", "romawi_besar", "angka", "romawi_kecil", "huruf_kecil", "tanda")


@dataclass(frozen=True)
class NamedRow:
    """A row the form names: its spellings (reduced by `component_key`), what it sets ("bagian": "pemenuhan"),
    and for a Hasil item the answer kind it takes when its own cell names none."""

    names: tuple[str, ...]
    sets: tuple[tuple[str, str], ...]
    kind: str | None = None

    @property
    def values(self) -> dict[str, str]:
        return dict(self.sets)


@dataclass(frozen=True)
class FormRules:
    """One official worksheet's layout (see the module docstring); `kinds` are its answer kinds."""

    key: str
    name: str
    assessment: str           # "pmprb" or "zona-integritas": the scoring it feeds
    rules: str                # the key of the scoring rules file
    source: str
    title_words: tuple[str, ...]
    year_pattern: re.Pattern
    summary_sheets: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    numbering: tuple[str, ...]
    slots: tuple[str, ...]
    sections: tuple[NamedRow, ...]
    items: tuple[NamedRow, ...]
    end_rows: tuple[re.Pattern, ...]
    kinds: tuple[AnswerType, ...]
    spellings: dict[str, dict[str, str]]  # kind key -> reduced spelling of an answer -> the answer it means
    shares: frozenset[str]                # kinds whose plain number up to 1 is a share (1 = 100 %)

    def kind(self, text) -> AnswerType | None:
        """Return the answer kind a Pilihan Jawaban cell names ("A/B/C", "Ya / Tidak", "%"), or None."""
        raw = " ".join(str(text).split())
        wanted = component_key(raw) or raw  # "%" reduces to nothing
        for kind in self.kinds:
            for name in (kind.name, kind.key, *kind.aliases):
                if wanted == (component_key(name) or name):
                    return kind
        return None

    def kind_by_key(self, key: str) -> AnswerType:
        return next(k for k in self.kinds if k.key == key)

    def section(self, text) -> NamedRow | None:
        """Return the section a row's name is (the whole name, case and punctuation ignored), or None."""
        wanted = component_key(text)
        return next((s for s in self.sections if wanted in {component_key(n) for n in s.names}), None)

    def item(self, text) -> NamedRow | None:
        """Return the Hasil item a row's text names (a name matching the text from its start), or None."""
        wanted = component_key(text)
        return next((i for i in self.items for n in i.names if wanted.startswith(component_key(n))), None)

    def ends(self, text: str) -> bool:
        """Return True when a row reading `text` ends the items (a total row)."""
        line = " ".join(str(text).split()).casefold()
        return any(p.search(line) for p in self.end_rows)

    def is_summary_sheet(self, name: str | None) -> bool:
        """Return True for a sheet that summarises the form (REKAP ...), never read as items."""
        key = component_key(name or "")
        return bool(key) and any(key.startswith(component_key(w)) for w in self.summary_sheets)

    def names_title(self, text: str) -> bool:
        """Return True when a title row's text says it is this form."""
        line = " ".join(str(text).split()).casefold()
        return any(w.casefold() in line for w in self.title_words)


def _decimal(value, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidValue(f"{where}: diharapkan angka, ditemukan {value!r}")
    return Decimal(str(value))


def _texts(value) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()))


def _named(entry: dict, slots: tuple[str, ...]) -> NamedRow:
    sets = tuple((slot, str(entry[slot])) for slot in slots if slot in entry)
    return NamedRow(_texts(entry["nama"]), sets, str(entry["jenis"]) if entry.get("jenis") else None)


def _kind(entry: dict) -> tuple[AnswerType, dict[str, str]]:
    key = str(entry["kunci"])
    choices = {str(k): _decimal(v, f"jenis_jawaban {key}") for k, v in (entry.get("pilihan") or {}).items()}
    kind = AnswerType(
        key, str(entry["nama"]), _texts(entry.get("tulisan")), choices,
        scale=_decimal(entry["skala"], f"skala {key}") if "skala" in entry else None,
        scored=not entry.get("masukan"),
        maximum=_decimal(entry["paling_tinggi"], f"paling_tinggi {key}") if "paling_tinggi" in entry else None,
        minimum=_decimal(entry.get("paling_rendah", 0), f"paling_rendah {key}"))
    spellings = {component_key(k): str(v) for k, v in (entry.get("ejaan") or {}).items()}
    return kind, spellings


def form_from_data(data) -> FormRules:
    """Return the layout a parsed rules file states, or raise InvalidValue saying what is wrong in it."""
    try:
        slots = tuple(str(s) for s in data["isian"])
        kinds, spellings, shares = [], {}, set()
        for entry in data["jenis_jawaban"]:
            kind, spelled = _kind(entry)
            kinds.append(kind)
            spellings[kind.key] = spelled
            if entry.get("persen"):
                shares.add(kind.key)
        columns = {role: tuple(str(w) for w in words) for role, words in data["kolom"].items()}
        form = FormRules(
            key=str(data["kunci"]), name=str(data["nama"]), assessment=str(data["penilaian"]),
            rules=str(data["aturan"]), source=" ".join(str(data["sumber"]).split()),
            title_words=_texts(data.get("judul")), year_pattern=re.compile(str(data["tahun_judul"]), re.IGNORECASE),
            summary_sheets=_texts(data.get("lembar_ringkasan")), columns=columns,
            required=tuple(str(r) for r in data["wajib"]), numbering=tuple(str(n) for n in data["penomoran"]),
            slots=slots, sections=tuple(_named(e, slots) for e in data["baris_bagian"]),
            items=tuple(_named(e, slots) for e in data.get("butir_hasil") or ()),
            end_rows=tuple(re.compile(str(p), re.IGNORECASE) for p in data.get("baris_akhir") or ()),
            kinds=tuple(kinds), spellings=spellings, shares=frozenset(shares))
    except (KeyError, TypeError, re.error) as exc:
        raise InvalidValue(f"berkas bentuk lembar kerja tidak lengkap: kunci {exc} tidak ada atau salah bentuk") \
            from None
    wrong = [r for r in (*form.columns, *form.required) if r not in ROLES]
    wrong += [n for n in form.numbering if n not in NUMBERING]
    wrong += [i.kind for i in form.items if i.kind and i.kind not in {k.key for k in form.kinds}]
    if wrong:
        raise InvalidValue(f"berkas bentuk lembar kerja {form.key}: tidak dikenal: {', '.join(wrong)}")
    return form


@lru_cache(maxsize=1)
def forms() -> tuple[FormRules, ...]:
    """Return every shipped form (scoring/rules/lke-*.yaml), in file name order."""
    folder = resources.files("reportgen.scoring") / "rules"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda f: f.name):
        if entry.name.endswith(".yaml"):
            data = yaml.safe_load(entry.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("jenis") == KIND:
                found.append(form_from_data(data))
    return tuple(found)


def form_rules(key: str) -> FormRules:
    """Return the shipped form with this key."""
    return next(f for f in forms() if f.key == key)


def forms_for(assessment: str) -> tuple[FormRules, ...]:
    """Return the shipped forms scored by one kind of assessment ("pmprb", "zona-integritas")."""
    return tuple(f for f in forms() if f.assessment == assessment)
