"""Read a table (XLSX, CSV or YAML) into raw rows numbered as the user sees them in Excel."""

from __future__ import annotations

import csv
import io
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

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


def _read_excel(path: Path, sheet: str | None) -> pd.DataFrame:
    """Return the sheet as a frame of cell values (header in row 1), read with openpyxl."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, InvalidFileException):
        raise InputError([Problem(str(path), "bukan buku kerja Excel (.xlsx) yang sah; "
                                  "simpan ulang dari Excel sebagai .xlsx atau .csv")]) from None
    try:
        if sheet and sheet not in workbook.sheetnames:
            names = ", ".join(f"'{n}'" for n in workbook.sheetnames)
            raise InputError([Problem(str(path), f"lembar kerja (sheet) '{sheet}' tidak ada; yang ada: {names}")])
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = [[_cell_value(c) for c in row] for row in worksheet.iter_rows()]
    finally:
        workbook.close()
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
        return pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                           skip_blank_lines=False, na_values=[""])
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InputError([Problem(str(path), f"berkas CSV tidak dapat dibaca: {exc}")]) from None


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
