"""Read a table (XLSX, CSV or YAML) into raw rows numbered as the user sees them in Excel."""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as safe_iterparse
from lxml.etree import XMLSyntaxError
from openpyxl.utils.exceptions import InvalidFileException
from xml.etree.ElementTree import ParseError

from reportgen.errors import InputError, Problem
from reportgen.inputs.yaml_file import read_yaml

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
TABLE_SUFFIXES = EXCEL_SUFFIXES | {".csv", ".yaml", ".yml"}


@dataclass(frozen=True)
class RawRow:
    """One data row: its number in the sheet (header is row 1) and its cells by header."""

    number: int
    cells: dict[str, object]


@dataclass(frozen=True)
class RawTable:
    """A table as read: its file, its headers in order, its non-empty rows, read warnings."""

    file: str
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    warnings: tuple[Problem, ...] = ()


def _clean(value: object) -> object:
    """Return a cell value with NaN as None and text stripped."""
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
        return value or None
    return value


def _frame_to_table(path: Path, frame: pd.DataFrame, warnings: list[Problem]) -> RawTable:
    headers = tuple("" if (h is None or str(h).startswith("Unnamed:")) else str(h).strip()
                    for h in frame.columns)
    rows = []
    for index, values in enumerate(frame.itertuples(index=False, name=None)):
        cells = {h: _clean(v) for h, v in zip(headers, values) if h}
        if any(v is not None for v in cells.values()):
            rows.append(RawRow(number=index + 2, cells=cells))
    return RawTable(str(path), headers, tuple(rows), tuple(warnings))


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
        raise _broken(path, f"bagian {name} bukan XML yang sah ({exc})") from None
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


def _read_excel(path: Path, sheet: str | None) -> pd.DataFrame:
    """Return the sheet as a frame of cell values (header in row 1), read with openpyxl."""
    _check_xml_prologs(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, InvalidFileException):
        raise InputError([Problem(str(path), "bukan buku kerja Excel (.xlsx) yang sah; "
                                  "simpan ulang dari Excel sebagai .xlsx atau .csv")]) from None
    except (ParseError, XMLSyntaxError, DefusedXmlException) as exc:
        raise _broken(path, f"isi XML tidak sah ({exc})") from None
    try:
        if sheet and sheet not in workbook.sheetnames:
            names = ", ".join(f"'{n}'" for n in workbook.sheetnames)
            raise InputError([Problem(str(path), f"lembar kerja (sheet) '{sheet}' tidak ada; yang ada: {names}")])
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        try:
            rows = [[_cell_value(c) for c in row] for row in worksheet.iter_rows()]
        except (ParseError, XMLSyntaxError, DefusedXmlException) as exc:
            raise _broken(path, f"lembar '{worksheet.title}' bukan XML yang sah ({exc})") from None
        pending = _formulas_without_value(path, getattr(worksheet, "_worksheet_path", None))
    finally:
        workbook.close()
    if pending:
        shown = ", ".join(pending[:10]) + (f" dan {len(pending) - 10} sel lain" if len(pending) > 10 else "")
        raise InputError([Problem(str(path), f"sel berisi rumus tanpa hasil hitungan: {shown}. Berkas disimpan "
                                  "oleh program yang tidak menghitung rumus; buka di Excel atau LibreOffice, "
                                  "lalu simpan ulang (atau ganti rumus dengan nilainya)")])
    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    header = [("" if h is None else str(h)) for h in rows[0]] + [""] * (width - len(rows[0]))
    header = [h if h else f"Unnamed: {i}" for i, h in enumerate(header)]
    body = [r + [None] * (width - len(r)) for r in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=object)


def _read_csv(path: Path, raw: bytes, warnings: list[Problem]) -> pd.DataFrame:
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
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, na_values=[""])
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InputError([Problem(str(path), f"berkas CSV tidak dapat dibaca: {exc}")]) from None
    return _with_csv_headers(frame, first_line, delimiter)


def _with_csv_headers(frame: pd.DataFrame, first_line: str, delimiter: str) -> pd.DataFrame:
    """Return the frame with its headers as written: pandas renames a repeated 'NIP' to 'NIP.1', which
    would hide the repetition from the schema (it refuses a column given twice)."""
    try:
        written = next(csv.reader([first_line.rstrip("\r")], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return frame
    if len(written) != len(frame.columns):
        return frame
    frame.columns = [w.strip() if w.strip() else str(c) for w, c in zip(written, frame.columns)]
    return frame


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


def read_table(path: Path, sheet: str | None = None) -> RawTable:
    """Return the rows of an XLSX, CSV or YAML table, or raise InputError saying why not."""
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
        frame = _read_excel(path, sheet)
    elif suffix == ".csv":
        frame = _read_csv(path, raw, warnings)
    else:
        return _read_yaml_table(path)
    return _frame_to_table(path, frame, warnings)
