"""Read a table (XLSX, CSV or YAML) into raw rows numbered as the user sees them in Excel.

By default the header is row 1. A caller that knows its columns passes `is_header`, and the table is
then found as exported by the civil-service systems: title rows above it, a header over one row or two
(merged cells flattened), a numbering row (1, 2, 3, ...) under it and a signature block below it.
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import openpyxl
import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as safe_iterparse
from lxml.etree import XMLSyntaxError
from openpyxl.utils.exceptions import InvalidFileException
from xml.etree.ElementTree import ParseError

from reportgen.errors import InputError, Problem
from reportgen.guards.archives import WORKBOOK_LIMITS, ArchiveRefused, check_archive
from reportgen.inputs.xlsx_parts import sheet_part
from reportgen.inputs.yaml_file import read_yaml

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
TABLE_SUFFIXES = EXCEL_SUFFIXES | {".csv", ".yaml", ".yml"}
HEADER_SEARCH_ROWS = 30  # title rows above a header are few; a header further down is not searched for

HeaderTest = Callable[[tuple[str, ...]], bool]


@dataclass(frozen=True)
class RawRow:
    """One data row: its number in the sheet (header is row 1) and its cells by header."""

    number: int
    cells: dict[str, object]


@dataclass(frozen=True)
class RawTable:
    """A table as read: its file, its headers in order, its non-empty rows, read warnings.

    `header_row` is the Excel row of the header (its first row when the header spans two);
    `notes` say in Indonesian which rows were skipped as titles, numbering or signature block.
    """

    file: str
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    warnings: tuple[Problem, ...] = ()
    header_row: int = 1
    header_span: int = 1
    notes: tuple[str, ...] = ()
    written: tuple[str, ...] = ()  # the headers as written, a repeated one not yet numbered ("NIP", "NIP")

    @property
    def header_rows(self) -> str:
        """Return the header's row(s) as a user reads them: "1" or "5-6"."""
        last = self.header_row + self.header_span - 1
        return str(self.header_row) if last == self.header_row else f"{self.header_row}-{last}"


def _clean(value: object) -> object:
    """Return a cell value with NaN as None, text stripped and an exporter's leading apostrophe removed."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("'"):  # SIASN and SIMPEG exports keep Excel's "this is text" mark
            value = value[1:].strip()
        return value or None
    return value


def _header_text(value: object) -> str:
    """Return a header cell as one line of text ('' when blank)."""
    value = _clean(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _cell_value(cell) -> object:
    """Return a cell's value as the user sees it: a number formatted as percent (0,75 shown 75%) is 75."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (getattr(cell, "number_format", "") or ""):
        return round(value * 100, 10)
    return value


_XML_PARTS = (".xml", ".rels", ".vml")
_BROKEN = ("berkas rusak atau tidak aman: {why}; buka di Excel lalu simpan ulang sebagai .xlsx baru "
           "(atau .csv)")


def _broken(path: Path, why: str) -> InputError:
    return InputError([Problem(str(path), _BROKEN.format(why=why))])


def _xml_where(exc: Exception) -> str:
    """Return where an XML parser stopped, in Indonesian ("baris 1, kolom 617"), or "" when it does not say."""
    if isinstance(exc, DefusedXmlException):
        return "memuat DOCTYPE/entitas XML yang tidak diizinkan"
    position = getattr(exc, "position", None)  # expat: (line, 0-based column)
    if position:
        return f"baris {position[0]}, kolom {position[1] + 1}"
    line, column = getattr(exc, "lineno", None), getattr(exc, "offset", None)  # lxml
    return f"baris {line}, kolom {column}" if line else "tidak dapat diurai"


def _check_xml_prologs(path: Path) -> None:
    """Refuse a workbook whose XML parts carry a DOCTYPE (external entity, entity expansion) or are not XML.

    A DOCTYPE can only stand before the root element, so each part is read with defusedxml (which
    forbids DTDs) up to its first element: cheap, and openpyxl never sees a hostile part.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not name.lower().endswith(_XML_PARTS):
                    continue
                with archive.open(name) as part:
                    for _ in safe_iterparse(part, events=("start",), forbid_dtd=True):
                        break
    except DefusedXmlException:
        raise _broken(path, f"bagian {name} memuat DOCTYPE/entitas XML yang tidak diizinkan") from None
    except ParseError as exc:
        raise _broken(path, f"bagian {name} bukan XML yang sah ({_xml_where(exc)})") from None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise InputError([Problem(str(path), "bukan buku kerja Excel (.xlsx) yang sah; "
                                  "simpan ulang dari Excel sebagai .xlsx atau .csv")]) from None


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _formulas_without_value(path: Path, part: str | None) -> list[str]:
    """Return the cells (e.g. 'C4') of a sheet part that hold a formula but no computed value.

    A workbook saved by a program that does not compute formulas keeps only the formula; read as
    values, such a cell would look empty. Parsed with defusedxml, only when the part has a formula.
    """
    if not part:
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read(part.lstrip("/"))
    except (KeyError, zipfile.BadZipFile, OSError):
        return []
    if not _FORMULA.search(data):
        return []
    cells = []
    for _, element in safe_iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True):
        if element.tag.rsplit("}", 1)[-1] != "c":
            continue
        children = {child.tag.rsplit("}", 1)[-1]: child for child in element}
        value = children.get("v")
        if "f" in children and (value is None or not (value.text or "").strip()) \
                and element.get("t") != "inlineStr":
            cells.append(element.get("r") or "?")
        element.clear()
    return cells


def _read_excel(path: Path, sheet: str | None) -> list[list[object]]:
    """Return the sheet's rows of cell values, row 1 first, read with openpyxl (its parts' sizes and XML checked
    first: a small file that inflates to gigabytes is refused before any part is read)."""
    try:
        check_archive(path, WORKBOOK_LIMITS)
    except ArchiveRefused as exc:
        raise _broken(path, exc.why) from None
    except (zipfile.BadZipFile, OSError, EOFError):
        pass  # said by the XML check below, as for any file that is not a workbook
    _check_xml_prologs(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, InvalidFileException):
        raise InputError([Problem(str(path), "bukan buku kerja Excel (.xlsx) yang sah; "
                                  "simpan ulang dari Excel sebagai .xlsx atau .csv")]) from None
    except (ParseError, XMLSyntaxError, DefusedXmlException) as exc:
        raise _broken(path, f"isi XML tidak sah ({_xml_where(exc)})") from None
    try:
        if sheet and sheet not in workbook.sheetnames:
            names = ", ".join(f"'{n}'" for n in workbook.sheetnames)
            raise InputError([Problem(str(path), f"lembar kerja (sheet) '{sheet}' tidak ada; yang ada: {names}")])
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        try:
            rows = [[_cell_value(c) for c in row] for row in worksheet.iter_rows()]
        except (ParseError, XMLSyntaxError, DefusedXmlException) as exc:
            raise _broken(path, f"lembar '{worksheet.title}' bukan XML yang sah ({_xml_where(exc)})") from None
        pending = _formulas_without_value(path, sheet_part(worksheet))
    finally:
        workbook.close()
    if pending:
        shown = ", ".join(pending[:10]) + (f" dan {len(pending) - 10} sel lain" if len(pending) > 10 else "")
        raise InputError([Problem(str(path), f"sel berisi rumus tanpa hasil hitungan: {shown}. Berkas disimpan "
                                  "oleh program yang tidak menghitung rumus; buka di Excel atau LibreOffice, "
                                  "lalu simpan ulang (atau ganti rumus dengan nilainya)")])
    return rows


def _read_csv(path: Path, raw: bytes, warnings: list[Problem]) -> list[list[object]]:
    """Return the CSV's records (rows may differ in length: title rows are short), record 1 first."""
    if b"\x00" in raw[:4096]:
        raise InputError([Problem(str(path), "bukan berkas CSV (berisi data biner); "
                                  "simpan ulang dari Excel sebagai CSV UTF-8 atau .xlsx")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        warnings.append(Problem(str(path), "berkas tidak berkode UTF-8; dibaca sebagai Windows-1252. "
                                "Periksa huruf khusus pada hasil, atau simpan ulang sebagai 'CSV UTF-8'",
                                warning=True))
    lines = [line for line in text.splitlines() if line.strip()]
    sample = max(lines[:HEADER_SEARCH_ROWS], key=lambda line: max(line.count(d) for d in ",;\t"), default="")
    delimiter = max(",;\t", key=sample.count)
    csv.field_size_limit(sys.maxsize)  # a 10 MB cell is read, then refused with its row by the length cap
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [list(record) for record in reader]
    except csv.Error as exc:
        why = "berisi karakter NUL (data biner)" if "NUL" in str(exc) else "susunan tanda kutip atau barisnya rusak"
        raise InputError([Problem(str(path), f"berkas CSV tidak dapat dibaca: {why}; simpan ulang dari Excel "
                                  "sebagai CSV UTF-8 atau .xlsx", row=reader.line_num)]) from None


def _read_yaml_table(path: Path) -> RawTable:
    data = read_yaml(path)
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise InputError([Problem(str(path), "harus berupa daftar baris, tiap baris pasangan kolom: nilai")])
    headers: list[str] = []
    for item in data:
        headers += [str(k) for k in item if str(k) not in headers]
    rows = tuple(RawRow(number=i + 1, cells={str(k): _clean(v) for k, v in item.items()})
                 for i, item in enumerate(data))
    return RawTable(str(path), tuple(headers), rows)


# ---------------------------------------------------------------- finding the table in the sheet

_FOOTER = re.compile(
    r"^(?:mengetahui|menyetujui|kepala\b|plt\b|plh\b|a\.?\s?n\.?\s|sekretaris\b|direktur\b|nip\b|"
    r"pejabat\b|yang membuat|dibuat oleh)|,\s*\d{1,2}\s+[a-z]+\s+\d{4}$", re.IGNORECASE)


def _blank(values: list[object]) -> bool:
    return all(_clean(v) is None for v in values)


def _starts_with_digit(value: object) -> bool:
    return isinstance(value, (int, float)) or bool(re.match(r"\d", str(_clean(value) or "")))


def _is_subheader(top: list[str], below: list[object]) -> bool:
    """Return True when `below` is the second row of a two-row header under `top`.

    It holds only labels (no numbers, no NIP), at least one under a blank top cell (a merged span
    such as GELAR over DEPAN and BELAKANG), and some top cell has nothing below it (merged downwards).
    """
    cells = [_header_text(v) for v in below] + [""] * (len(top) - len(below))
    filled = [(t, b, v) for t, b, v in zip(top, cells, list(below) + [None] * len(top)) if b]
    if not filled or any(_starts_with_digit(v) for _, _, v in filled):
        return False
    under_blank = any(not t for t, _, _ in filled)
    merged_down = any(t and not b for t, b in zip(top, cells))
    return under_blank and merged_down


def _flatten(top: list[str], below: list[object]) -> list[str]:
    """Return one header from two rows: a label under a merged span gets the span's name before it."""
    labels, span = [], ""
    cells = [_header_text(v) for v in below] + [""] * (len(top) - len(below))
    for head, sub in zip(top, cells):
        if head:
            span = head if sub else ""
        elif not sub:
            span = ""
        base = head or (span if sub else "")
        labels.append(" ".join(x for x in (base, sub) if x))
    return labels


def _numbering(values: list[object]) -> bool:
    """Return True for a row of column numbers 1, 2, 3, ... (or (1), (2), ...) under a header."""
    numbers = []
    for value in values:
        value = _clean(value)
        if value is None:
            continue
        text = _header_text(value).strip("()")
        if not text.isdigit():
            return False
        numbers.append(int(text))
    return len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))) \
        and numbers[0] in (0, 1)


def _unique(headers: list[str]) -> list[str]:
    """Return the headers with a repeated one numbered as pandas does ("Nama", "Nama.1")."""
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        if h and h in seen:
            seen[h] += 1
            out.append(f"{h}.{seen[h]}")
        else:
            seen.setdefault(h, 0)
            out.append(h)
    return out


def _rows_text(first: int, last: int) -> str:
    return f"baris {first}" if first == last else f"baris {first}-{last}"


def _find_header(grid: list[list[object]], is_header: HeaderTest) -> tuple[int, list[str], bool]:
    """Return (index of the header row, header labels, whether the next row was merged into it)."""
    first_filled = next((i for i, r in enumerate(grid) if not _blank(r)), 0)
    for i in range(min(len(grid), HEADER_SEARCH_ROWS)):
        top = [_header_text(v) for v in grid[i]]
        if not any(top):
            continue
        if i + 1 < len(grid) and _is_subheader(top, grid[i + 1]):
            merged = _flatten(top, grid[i + 1])
            if is_header(tuple(merged)):
                return i, merged, True
        if is_header(tuple(top)):
            return i, top, False
    return first_filled, [_header_text(v) for v in grid[first_filled]] if grid else [], False


def _footer_start(body: list[tuple[int, list[object]]], width: int) -> int | None:
    """Return the index in `body` where a signature block below the table begins, or None.

    Rows after the last full row (three cells or more, or every column of a narrow table) are a
    signature block when a blank row separates them from the table or the first of them reads like
    one ("Jakarta, 5 Januari 2021", "Kepala Bagian Umum", "NIP ...").
    """
    need = min(3, width)
    dense = [k for k, (_, values) in enumerate(body) if sum(_clean(v) is not None for v in values) >= need]
    if not dense:
        return None
    last = dense[-1]
    tail = [k for k in range(last + 1, len(body)) if not _blank(body[k][1])]
    if not tail:
        return None
    first = tail[0]
    gap = first > last + 1
    reads_like = any(_FOOTER.search(_header_text(v)) for v in body[first][1] if _clean(v) is not None)
    return first if gap or reads_like else None


def _build_table(path: Path, grid: list[list[object]], warnings: list[Problem],
                 is_header: HeaderTest | None) -> RawTable:
    """Return the table of a grid of rows (grid[0] is row 1), finding its header when asked to."""
    if not grid:
        return RawTable(str(path), (), (), tuple(warnings))
    notes: list[str] = []
    if is_header is None:
        index, labels, two_rows = 0, [_header_text(v) for v in grid[0]], False
    else:
        index, labels, two_rows = _find_header(grid, is_header)
    start = index + (2 if two_rows else 1)
    width = max(len(r) for r in grid)
    written = labels + [""] * (width - len(labels))
    headers = _unique(written)
    if is_header is not None:
        if index > 0 or two_rows:
            rows = f"{index + 1}-{index + 2} (judul dua baris digabung)" if two_rows else str(index + 1)
            titles = [n + 1 for n in range(index) if not _blank(grid[n])]
            above = f"; {_rows_text(titles[0], titles[-1])} di atasnya (judul daftar) tidak dibaca" if titles else ""
            notes.append(f"judul kolom dibaca dari baris {rows}{above}")
        first = next((n for n in range(start, len(grid)) if not _blank(grid[n])), None)
        if first is not None and _numbering(grid[first]):
            notes.append(f"baris {first + 1} berisi nomor kolom (1, 2, 3, ...) dan dilewati")
            start = first + 1
    body = [(n + 1, grid[n]) for n in range(start, len(grid))]
    if is_header is not None:
        named = sum(1 for h in headers if h)
        cut = _footer_start([(n, [v for h, v in zip(headers, values) if h] or values) for n, values in body],
                            named)
        if cut is not None:
            last_filled = max(n for n, values in body[cut:] if not _blank(values))
            notes.append(f"{_rows_text(body[cut][0], last_filled)} di bawah tabel dianggap bagian penutup "
                         "(tempat, tanggal, tanda tangan) dan tidak dibaca")
            body = body[:cut]
    rows = []
    for number, values in body:
        cells = {h: _clean(v) for h, v in zip(headers, values) if h}
        if any(v is not None for v in cells.values()):
            rows.append(RawRow(number=number, cells=cells))
    warnings = warnings + [Problem(str(path), note, warning=True) for note in notes]
    return RawTable(str(path), tuple(headers), tuple(rows), tuple(warnings), header_row=index + 1,
                    header_span=2 if two_rows else 1, notes=tuple(notes), written=tuple(written))


def read_table(path: Path, sheet: str | None = None, is_header: HeaderTest | None = None) -> RawTable:
    """Return the rows of an XLSX, CSV or YAML table, or raise InputError saying why not.

    Without `is_header` the header is row 1; with it, the first row (or pair of rows) it accepts.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem(str(path), "berkas tidak ditemukan")])
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise InputError([Problem(str(path), "jenis berkas tidak didukung; gunakan .xlsx, .csv atau .yaml")])
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError([Problem(str(path), "berkas kosong (0 bita); isi data dengan baris judul kolom "
                                  "di baris 1")])
    warnings: list[Problem] = []
    if suffix in EXCEL_SUFFIXES:
        grid = _read_excel(path, sheet)
    elif suffix == ".csv":
        grid = _read_csv(path, raw, warnings)
    else:
        return _read_yaml_table(path)
    return _build_table(path, grid, warnings, is_header)
