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
from reportgen.inputs.workbook import read_part, sheet_parts
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

    `header_row` is the Excel row of the header (its first row when the header spans several);
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
    parts: tuple[tuple[str, ...], ...] = ()  # each column's header labels, top row first ("KEPANGKATAN", "GOLRU")

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


def _check_package(path: Path) -> None:
    """Refuse a workbook whose parts would inflate past the limits (a small file that inflates to gigabytes),
    then one whose XML parts carry a DOCTYPE: before any part is read."""
    try:
        check_archive(path, WORKBOOK_LIMITS)
    except ArchiveRefused as exc:
        raise _broken(path, exc.why) from None
    except (zipfile.BadZipFile, OSError, EOFError):
        pass  # said by the XML check below, as for any file that is not a workbook
    _check_xml_prologs(path)


def _open_workbook(path: Path):
    """Return the workbook opened by openpyxl (read-only, saved values), its package checked first."""
    _check_package(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, InvalidFileException):
        raise InputError([Problem(str(path), "bukan buku kerja Excel (.xlsx) yang sah; "
                                  "simpan ulang dari Excel sebagai .xlsx atau .csv")]) from None
    except (ParseError, XMLSyntaxError, DefusedXmlException) as exc:
        raise _broken(path, f"isi XML tidak sah ({_xml_where(exc)})") from None


def _worksheet(workbook, path: Path, sheet: str | None):
    """Return the named worksheet, else the first; a name the workbook lacks is refused with the names it has."""
    if sheet and sheet not in workbook.sheetnames:
        names = ", ".join(f"'{n}'" for n in workbook.sheetnames)
        raise InputError([Problem(str(path), f"lembar kerja (sheet) '{sheet}' tidak ada; yang ada: {names}")])
    return workbook[sheet] if sheet else workbook.worksheets[0]


def _read_excel(path: Path, sheet: str | None) -> list[list[object]]:
    """Return the sheet's rows of cell values, row 1 first, read with openpyxl."""
    workbook = _open_workbook(path)
    try:
        worksheet = _worksheet(workbook, path, sheet)
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

MAX_HEADER_ROWS = 4  # SIMPEG's DUK: MASA KERJA over GOLONGAN over THN and BLN, under a title block
_ROW_COUNT = {2: "dua", 3: "tiga", 4: "empat"}
_FOOTER = re.compile(
    r"^(?:mengetahui|menyetujui|kepala\b|plt\b|plh\b|a\.?\s?n\.?\s|sekretaris\b|direktur\b|nip\b|"
    r"pejabat\b|yang membuat|dibuat oleh)|,\s*\d{1,2}\s+[a-z]+\s+\d{4}$", re.IGNORECASE)
# A printed page's number standing alone in a row: "Halaman 2", "Hal. 2 dari 5", "- 2 -".
_PAGE = re.compile(r"^(?:(?:halaman|hal\.?|page)\s*:?\s*\d+(?:\s*(?:dari|/|of)\s*\d+)?|-\s*\d+\s*-)$", re.IGNORECASE)

Merges = tuple[tuple[int, int, int, int], ...]


def _blank(values: list[object]) -> bool:
    return all(_clean(v) is None for v in values)


def _starts_with_digit(value: object) -> bool:
    return isinstance(value, (int, float)) or bool(re.match(r"\d", str(_clean(value) or "")))


def _spread(grid: list[list[object]], row: int, width: int, merges: Merges) -> tuple[list[str], set[int]]:
    """Return a row's labels, a label merged across columns repeated over each of them, and those columns.

    Only the first row of a merged range holds its label; the rows below it in the range are blank (the
    label is merged downwards, not repeated).
    """
    values = grid[row] if row < len(grid) else []
    labels = [_header_text(v) for v in values] + [""] * (width - len(values))
    spread: set[int] = set()
    for first_row, first_col, _, last_col in merges:
        if first_row == row and last_col > first_col and first_col < width and labels[first_col]:
            for column in range(first_col + 1, min(last_col, width - 1) + 1):
                labels[column] = labels[first_col]
                spread.add(column)
            spread.add(first_col)
    return labels, spread


def _flatten(rows: list[list[str]]) -> list[list[str]]:
    """Return each column's labels from the top header row down ("NIP" over "BARU" -> ["NIP", "BARU"]).

    A label under a blank cell belongs to the span on its left whose label has labels under it (how a
    merged span reads once its merge is lost, e.g. in a CSV); a label repeated down a column is kept once.
    """
    width = max((len(r) for r in rows), default=0)
    parts: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(rows):
        cells = row + [""] * (width - len(row))
        above = [list(p) for p in parts]
        span: list[str] | None = None
        for column, label in enumerate(cells):
            if depth and above[column]:
                span = above[column] if label else None
            elif depth and not label:
                span = None
            if depth and label and not above[column] and span is not None:
                parts[column] = list(span)
            if label and (not parts[column] or parts[column][-1] != label):
                parts[column].append(label)
    return parts


def _is_subheader(block: list[list[str]], spread: set[int], below: list[object], below_labels: list[str]) -> bool:
    """Return True when `below` is a further row of the header whose rows so far are `block`.

    It holds only labels (no numbers, no NIP); some of them stand under a span (a label merged across
    columns, or a blank cell as a span reads without its merge); and some column of the header has nothing
    under it (merged downwards).
    """
    parts = _flatten(block)
    filled = [c for c, label in enumerate(below_labels) if label]
    if not filled or any(_starts_with_digit(below[c]) for c in filled if c < len(below)):
        return False
    under_span = any(c in spread or c >= len(parts) or not parts[c] for c in filled)
    merged_down = any(p and not (c < len(below_labels) and below_labels[c]) for c, p in enumerate(parts))
    return under_span and merged_down


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


def _ranges_text(rows: list[int]) -> str:
    """Return Excel rows as ranges, at most five shown: "baris 20-22, 41-43 dan 3 rentang lain"."""
    spans: list[list[int]] = []
    for row in sorted(rows):
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    shown = [str(a) if a == b else f"{a}-{b}" for a, b in spans[:5]]
    rest = f" dan {len(spans) - 5} rentang lain" if len(spans) > 5 else ""
    return "baris " + ", ".join(shown) + rest


@dataclass(frozen=True)
class HeaderBlock:
    """Where a header stands (0-based first row, how many rows) and each column's labels, top row first."""

    index: int
    count: int
    parts: tuple[tuple[str, ...], ...]

    @property
    def labels(self) -> list[str]:
        return [" ".join(p) for p in self.parts]


def header_block(grid: list[list[object]], index: int, merges: Merges = ()) -> list[HeaderBlock]:
    """Return the header blocks that may start at row `index`, the tallest first (one row up to four)."""
    width = max((len(r) for r in grid[index:index + MAX_HEADER_ROWS]), default=0)
    rows, spread = [], set()
    labels, spread = _spread(grid, index, width, merges)
    rows.append(labels)
    blocks = [HeaderBlock(index, 1, tuple(tuple(p) for p in _flatten(rows)))]
    for below in range(index + 1, min(len(grid), index + MAX_HEADER_ROWS)):
        below_labels, below_spread = _spread(grid, below, width, merges)
        if not _is_subheader(rows, spread, grid[below], below_labels):
            break
        rows.append(below_labels)
        spread = below_spread
        blocks.append(HeaderBlock(index, len(rows), tuple(tuple(p) for p in _flatten(rows))))
    return blocks[::-1]


def _accepts(is_header: HeaderTest, block: HeaderBlock) -> bool:
    """Return True when the test accepts the block's labels (joined, or a column's lowest label alone:
    GOLRU under KEPANGKATAN is a golongan column)."""
    return is_header(tuple(block.labels) + tuple(p[-1] for p in block.parts if p))


def locate_header(grid: list[list[object]], is_header: HeaderTest, merges: Merges = ()) -> HeaderBlock | None:
    """Return the first header block (in the first rows, tallest first) the test accepts, or None."""
    for i in range(min(len(grid), HEADER_SEARCH_ROWS)):
        if _blank(grid[i]):
            continue
        for block in header_block(grid, i, merges):
            if _accepts(is_header, block):
                return block
    return None


def _find_header(grid: list[list[object]], is_header: HeaderTest, merges: Merges = ()) -> HeaderBlock:
    """Return the first header block the test accepts, else the first filled row's as a one-row header."""
    found = locate_header(grid, is_header, merges)
    if found is not None:
        return found
    first_filled = next((i for i, r in enumerate(grid) if not _blank(r)), 0)
    return header_block(grid, first_filled, merges)[-1] if grid else HeaderBlock(0, 1, ())


def _signature(values: list[object]) -> tuple:
    """Return a row's non-blank cells as (column, text) pairs: what a repeated row repeats."""
    return tuple((c, _header_text(v).casefold()) for c, v in enumerate(values) if _clean(v) is not None)


def cell_text(value: object) -> str:
    """Return a cell as one line of text ('' when blank; 3.0 as "3"), as header and label cells are read."""
    return _header_text(value)


def is_numbering_row(values: list[object]) -> bool:
    """Return True for a row of column numbers 1, 2, 3, ... (or (1), (2), ...) under a header."""
    return _numbering(values)


def reads_like_signature(text: str) -> bool:
    """Return True when a row's text opens a signature block ("Jakarta, 5 Januari 2021", "Mengetahui")."""
    return bool(_FOOTER.search(text))


def _page_row(values: list[object]) -> bool:
    filled = [_header_text(v) for v in values if _clean(v) is not None]
    return bool(filled) and all(_PAGE.match(text) for text in filled)


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


def _skip_repeats(body: list[tuple[int, list[object]]], repeated: set[tuple]) -> tuple[list, list[int]]:
    """Return the body without the page headers a printed list repeats (title, header and numbering rows
    as they stand above the table, "Halaman 2" rows), and the Excel rows left out."""
    firsts = {sig[0] for sig in repeated if sig}  # a row is compared whole only when its first cell matches
    kept, skipped = [], []
    for number, values in body:
        first = next(((c, v) for c, v in enumerate(values) if v is not None and v != ""), None)
        candidate = first is not None and (
            (first[0], _header_text(first[1]).casefold()) in firsts
            or sum(v is not None and v != "" for v in values) <= 2 and _page_row(values))
        if candidate and (_signature(values) in repeated or _page_row(values)):
            skipped.append(number)
        else:
            kept.append((number, values))
    return kept, skipped


def _build_table(path: Path, grid: list[list[object]], warnings: list[Problem],
                 is_header: HeaderTest | None, merges: Merges = ()) -> RawTable:
    """Return the table of a grid of rows (grid[0] is row 1), finding its header when asked to."""
    if not grid:
        return RawTable(str(path), (), (), tuple(warnings))
    notes: list[str] = []
    if is_header is None:
        block = HeaderBlock(0, 1, tuple((label,) if label else () for label in map(_header_text, grid[0])))
    else:
        block = _find_header(grid, is_header, merges)
    index, count = block.index, block.count
    start = index + count
    width = max(len(r) for r in grid)
    labels = block.labels
    written = labels + [""] * (width - len(labels))
    parts = tuple(block.parts) + ((),) * (width - len(block.parts))
    headers = _unique(written)
    repeated: set[tuple] = set()
    if is_header is not None:
        if index > 0 or count > 1:
            rows = (f"{index + 1}-{index + count} (judul {_ROW_COUNT[count]} baris digabung)" if count > 1
                    else str(index + 1))
            titles = [n + 1 for n in range(index) if not _blank(grid[n])]
            above = f"; {_rows_text(titles[0], titles[-1])} di atasnya (judul daftar) tidak dibaca" if titles else ""
            notes.append(f"judul kolom dibaca dari baris {rows}{above}")
        repeated = {_signature(grid[n]) for n in range(start) if not _blank(grid[n])}
        first = next((n for n in range(start, len(grid)) if not _blank(grid[n])), None)
        if first is not None and _numbering(grid[first]):
            notes.append(f"baris {first + 1} berisi nomor kolom (1, 2, 3, ...) dan dilewati")
            repeated.add(_signature(grid[first]))
            start = first + 1
    body = [(n + 1, grid[n]) for n in range(start, len(grid))]
    if is_header is not None:
        body, skipped = _skip_repeats(body, repeated)
        if skipped:
            notes.append(f"{_ranges_text(skipped)} mengulang judul halaman, judul kolom atau nomor halaman "
                         "(daftar cetak beberapa halaman) dan dilewati")
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
    warnings = warnings + [Problem(str(path), note, warning=True, notice=True) for note in notes]
    return RawTable(str(path), tuple(headers), tuple(rows), tuple(warnings), header_row=index + 1,
                    header_span=count, notes=tuple(notes), written=tuple(written), parts=parts)


def _merges_of(path: Path, sheet: str | None) -> Merges:
    """Return the merged ranges of the sheet read (the named one, else the first)."""
    parts = sheet_parts(path)
    part = parts.get(sheet) if sheet else next(iter(parts.values()), None)
    return read_part(path, part, formulas=False).merges


def read_table(path: Path, sheet: str | None = None, is_header: HeaderTest | None = None) -> RawTable:
    """Return the rows of an XLSX, CSV or YAML table, or raise InputError saying why not.

    Without `is_header` the header is row 1; with it, the first row (or rows, up to four) it accepts.
    """
    path = _checked(path)
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    warnings: list[Problem] = []
    merges: Merges = ()
    if suffix in EXCEL_SUFFIXES:
        grid = _read_excel(path, sheet)
        if is_header is not None:
            merges = _merges_of(path, sheet)
    elif suffix == ".csv":
        grid = _read_csv(path, raw, warnings)
    else:
        return _read_yaml_table(path)
    return _build_table(path, grid, warnings, is_header, merges)


def _checked(path: Path) -> Path:
    """Return the path of an existing, non-empty table file of a known kind, or raise InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem(str(path), "berkas tidak ditemukan")])
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise InputError([Problem(str(path), "jenis berkas tidak didukung; gunakan .xlsx, .csv atau .yaml")])
    if not path.read_bytes().strip():
        raise InputError([Problem(str(path), "berkas kosong (0 bita); isi data dengan baris judul kolom "
                                  "di baris 1")])
    return path


# ---------------------------------------------------------------- a sheet as a grid of cells, for official forms


@dataclass(frozen=True)
class Grid:
    """One sheet as values the user sees (row 1 first), with what an official form's reader needs besides.

    Positions are 0-based (row, column). `percent` holds the numbers shown as percentages (their value is
    already as shown: 0,75 formatted 75% is 75); `formulas` the cells whose value is a formula's saved result;
    `pending` the formula cells Excel never computed (no saved result: their value reads as empty).
    """

    file: str
    sheet: str | None
    rows: list[list[object]]
    sheets: tuple[str, ...] = ()
    merges: Merges = ()
    percent: frozenset[tuple[int, int]] = frozenset()
    formulas: frozenset[tuple[int, int]] = frozenset()
    pending: frozenset[tuple[int, int]] = frozenset()

    def value(self, row: int, column: int) -> object:
        """Return a cell's value, cleaned (None when blank or outside the sheet)."""
        if row >= len(self.rows) or column >= len(self.rows[row]):
            return None
        return _clean(self.rows[row][column])


def sheet_names(path: Path) -> tuple[str, ...]:
    """Return the sheets of an XLSX workbook in order (a CSV has one sheet, named None: returns ())."""
    path = _checked(path)
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        return ()
    _check_package(path)
    return tuple(sheet_parts(path))


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Return one sheet of an XLSX workbook (the named one, else the first) or a CSV as a Grid.

    A formula without a saved result is not refused here: the caller names the cells it needed.
    """
    path = _checked(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        warnings: list[Problem] = []
        return Grid(str(path), None, _read_csv(path, path.read_bytes(), warnings))
    if suffix not in EXCEL_SUFFIXES:
        raise InputError([Problem(str(path), "lembar kerja harus berupa .xlsx atau .csv")])
    workbook = _open_workbook(path)
    parts = sheet_parts(path)
    try:
        worksheet = _worksheet(workbook, path, sheet)
        rows, percent = [], set()
        try:
            for r, row in enumerate(worksheet.iter_rows()):
                values = []
                for c, cell in enumerate(row):
                    value = _cell_value(cell)
                    if value is not cell.value:
                        percent.add((r, c))
                    values.append(value)
                rows.append(values)
        except (ParseError, XMLSyntaxError, DefusedXmlException) as exc:
            raise _broken(path, f"lembar '{worksheet.title}' bukan XML yang sah ({_xml_where(exc)})") from None
        name, names = worksheet.title, tuple(workbook.sheetnames)
    finally:
        workbook.close()
    part = read_part(path, parts.get(name))
    return Grid(str(path), name, rows, names, part.merges, frozenset(percent), part.formulas, part.pending)
