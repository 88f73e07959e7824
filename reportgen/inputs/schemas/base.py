"""Validate raw table rows against a list of fields, collecting every problem with its location."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from reportgen.conventions.printable import CONTROL_CHARACTERS
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.inputs.tables import RawTable
from reportgen.inputs.workbook import column_letter

# Characters that XML 1.0 (and so DOCX) cannot hold, C1 controls, and the invisible or reordering
# characters (zero-width spaces and joiners, byte order mark, bidirectional overrides) that would print
# a name invisible or reversed: refused alike.
_CONTROL = CONTROL_CHARACTERS

# How long a cell's text may be: a name, NIP, office or other short field, and a paragraph. A longer cell
# is a mistake (a pasted document, a runaway formula) that a page cannot hold; refusing it first also
# keeps a 10 MB cell from stalling the run.
SHORT_TEXT_MAX = 500
PARAGRAPH_MAX = 5000
_SHORT_KEYS = {"nama", "nip", "pangkat", "jabatan", "instansi", "nama_atasan", "nip_atasan", "jabatan_atasan",
               "no", "area", "target", "satuan", "jadwal", "anggaran", "realisasi", "kedudukan", "tahun",
               "komponen", "bobot", "nilai", "jenis", "pj", "prioritas"}

# openpyxl keeps Excel's escapes of characters XML cannot hold (_x0007_ for BEL, _x000D_ for CR) as text.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def decode_excel_escapes(text: str) -> str:
    """Return text with Excel's _xHHHH_ escapes decoded (_x005F_ is the escaped underscore itself)."""
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def text_limit(key: str) -> int:
    """Return how many characters field `key` may hold."""
    return SHORT_TEXT_MAX if key in _SHORT_KEYS else PARAGRAPH_MAX


def normalize_header(text: str) -> str:
    """Return a header reduced to lower-case letters and digits ('Pangkat / Gol.' -> 'pangkatgol')."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


def text_value(value: object) -> str:
    """Return a cell as one line of text with inner whitespace collapsed."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def date_value(value, path: Path, key: str, problems: ProblemCollector) -> dt.date | None:
    """Return a YAML value as a date (a YAML date, or text TTTT-BB-HH); None, and a problem, if it is neither."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.add(path, "tanggal harus berbentuk TTTT-BB-HH, mis. 2021-03-17", key=key, found=str(value))
    return None


@dataclass(frozen=True)
class Field:
    """A column of an input: its key, display name, accepted headers, parser, and whether required."""

    key: str
    label: str
    aliases: tuple[str, ...]
    parse: Callable[[object], Any] = text_value
    required: bool = True
    required_value: bool | None = None  # None: a value is required exactly when the column is

    @property
    def value_required(self) -> bool:
        return self.required if self.required_value is None else self.required_value


@dataclass(frozen=True)
class Record:
    """A validated row: its Excel row number, its values by field key, and the headers used."""

    row: int
    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value


def _suggestion(header: str, fields: list[Field], taken: set[str]) -> Field | None:
    """Return the field whose accepted header is close to `header` (a likely misspelling), or None."""
    by_alias = {a: f for f in fields if f.key not in taken for a in f.aliases}
    close = difflib.get_close_matches(normalize_header(header), list(by_alias), n=1, cutoff=0.8)
    return by_alias[close[0]] if close else None


def map_columns(table: RawTable, fields: list[Field], problems: ProblemCollector,
                ignored: tuple[str, ...] = ()) -> dict[str, str] | None:
    """Return field key -> header found in the table, or None after reporting missing columns.

    A header no field accepts but close to one it would accept gets a warning naming that field
    (never one of `ignored`, normalised headers the input knows it does not read).
    """
    by_norm: dict[str, str] = {}
    for header in table.headers:
        if header:
            by_norm.setdefault(normalize_header(header), header)
    if _report_repeated_headers(table, fields, problems):
        return None
    mapping: dict[str, str] = {}
    missing = []
    for f in fields:
        header = next((by_norm[a] for a in f.aliases if a in by_norm), None)
        if header is not None:
            mapping[f.key] = header
    # A header over several rows names a column by all its labels ("KEPANGKATAN GOLRU"); a field no joined
    # label names may be named by a column's lowest label alone (GOLRU), never by a column already taken.
    lowest: dict[str, str] = {}
    for header, parts in zip(table.headers, table.parts):
        if header and len(parts) > 1 and header not in mapping.values():
            lowest.setdefault(normalize_header(parts[-1]), header)
    for f in fields:
        if f.key not in mapping:
            header = next((lowest[a] for a in f.aliases if a in lowest), None)
            if header is not None and header not in mapping.values():
                mapping[f.key] = header
            elif f.required:
                missing.append(f)
    known = {a for f in fields for a in f.aliases} | set(ignored)
    suggested: dict[str, str] = {}
    for header in table.headers:
        if not header or normalize_header(header) in known or header in mapping.values():
            continue
        field = _suggestion(header, fields, set(mapping))
        if field is not None and field.key not in suggested:
            suggested[field.key] = header
            if field not in missing:
                problems.warn(table.file, f"kolom '{header}' tidak dikenal dan tidak dibaca; maksud Anda "
                              f"'{field.label}'? Ganti judul kolomnya bila ya", row=table.header_row,
                              column=header)
    if missing:
        found = ", ".join(f"'{h}'" for h in table.headers if h) or "(tidak ada)"
        for f in missing:
            hint = (f"; kolom '{suggested[f.key]}' tidak dikenal: maksud Anda '{f.label}'? Ganti judul kolomnya"
                    if f.key in suggested else "")
            problems.add(table.file, f"kolom wajib '{f.label}' tidak ditemukan pada baris judul (baris "
                         f"{table.header_rows}); judul kolom yang ditemukan: {found}{hint}",
                         row=table.header_row, column=f.label)
        return None
    return mapping


def _report_repeated_headers(table: RawTable, fields: list[Field], problems: ProblemCollector) -> bool:
    """Report every field whose column appears twice or more in the header row; True when any did."""
    known = {alias: f for f in fields for alias in f.aliases}
    columns: dict[str, list[int]] = {}
    for index, header in enumerate(table.written or table.headers):
        norm = normalize_header(header) if header else ""
        if norm in known:
            columns.setdefault(known[norm].key, []).append(index)
    repeated = False
    for f in fields:
        where = columns.get(f.key, [])
        if len(where) > 1:
            named = " dan ".join(f"kolom {column_letter(i)} ('{(table.written or table.headers)[i]}')" for i in where)
            problems.add(table.file, f"kolom '{f.label}' ada lebih dari satu: {named}; hapus atau ganti nama "
                         "salah satunya agar jelas kolom mana yang dipakai", row=1, column=f.label)
            repeated = True
    return repeated


def validate_rows(table: RawTable, fields: list[Field], problems: ProblemCollector,
                  incomplete: list[Record] | None = None, ignored: tuple[str, ...] = ()) -> list[Record]:
    """Return one record per row whose every field parsed; every failure goes to `problems`.

    Rows with a problem are left out; pass `incomplete` to receive them too (their failed fields are
    missing), e.g. to also check them for duplicates.
    """
    for warning in table.warnings:
        problems.problems.append(warning)
    mapping = map_columns(table, fields, problems, ignored)
    if mapping is None:
        return []
    if not table.rows:
        problems.add(table.file, "tidak ada baris data di bawah baris judul; isi minimal satu baris")
        return []
    records = []
    for raw in table.rows:
        values: dict[str, Any] = {}
        ok = True
        for f in fields:
            header = mapping.get(f.key)
            value = raw.cells.get(header) if header else None
            if value is None:
                if f.value_required and header:
                    problems.add(table.file, f"'{f.label}' wajib diisi", row=raw.number, column=header)
                    ok = False
                values[f.key] = None
                continue
            if isinstance(value, str):
                value = decode_excel_escapes(value)
                limit = text_limit(f.key)
                if len(value) > limit:
                    problems.add(table.file, f"isi sel terlalu panjang ({len(value):,} karakter; paling banyak "
                                 f"{limit:,} karakter untuk '{f.label}')".replace(",", "."),
                                 row=raw.number, column=header, found=value[:40] + "...")
                    ok = False
                    continue
            if isinstance(value, str) and _CONTROL.search(value):
                char = _CONTROL.search(value).group()
                problems.add(table.file, f"berisi karakter kendali tak terlihat (kode U+{ord(char):04X}) "
                             "yang akan merusak dokumen; hapus dan ketik ulang isi sel ini",
                             row=raw.number, column=header, found=value)
                ok = False
                continue
            missing = problems.undrawable(value) if problems.undrawable and isinstance(value, str) else []
            if missing:
                chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
                problems.add(table.file, f"berisi karakter {chars} yang tidak dapat dicetak: tidak ada huruf "
                             "(font) terpasang yang memilikinya; ganti atau hapus karakter itu",
                             row=raw.number, column=header, found=value)
                ok = False
                continue
            try:
                values[f.key] = f.parse(value)
            except InvalidValue as exc:
                message = str(exc)
                found = None if str(value) in message else str(value)  # the parser already quoted it
                problems.add(table.file, message, row=raw.number, column=header, found=found)
                ok = False
        if ok:
            records.append(Record(raw.number, values))
        elif incomplete is not None:
            incomplete.append(Record(raw.number, values))
    return records
