"""Look inside an XLSX package for what cell values do not tell: which part holds a sheet, its merged ranges,
and which cells hold a formula with or without the result Excel saved.

Pure zip and XML (parsed with defusedxml; tables.py has already refused hostile parts): no openpyxl internals.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml.ElementTree import fromstring as safe_fromstring
from defusedxml.ElementTree import iterparse as safe_iterparse

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_REF = re.compile(r"^([A-Za-z]+)(\d+)$")


def column_index(letters: str) -> int:
    """Return the 0-based index of an Excel column ("A" -> 0, "AA" -> 26)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def column_letter(index: int) -> str:
    """Return the Excel column of a 0-based index (0 -> "A", 26 -> "AA")."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """Return a cell's name as Excel shows it from 0-based row and column ("C4")."""
    return f"{column_letter(column)}{row + 1}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sheet_parts(path: Path) -> dict[str, str]:
    """Return sheet name -> its part in the package ("xl/worksheets/sheet1.xml"), in workbook order."""
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = safe_fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
            rels = safe_fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    targets = {r.get("Id"): r.get("Target") or "" for r in rels if _local(r.tag) == "Relationship"}
    parts = {}
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        target = targets.get(element.get(f"{{{_REL_NS}}}id"), "")
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        parts[element.get("name") or ""] = part
    return parts


@dataclass(frozen=True)
class SheetPart:
    """What a sheet's XML says beyond its values (0-based rows and columns, ranges inclusive)."""

    merges: tuple[tuple[int, int, int, int], ...] = ()   # (first row, first column, last row, last column)
    formulas: frozenset[tuple[int, int]] = frozenset()   # cells with a formula and its saved result
    pending: frozenset[tuple[int, int]] = frozenset()    # cells with a formula and no saved result


def read_part(path: Path, part: str | None, formulas: bool = True) -> SheetPart:
    """Return the merged ranges and (unless `formulas` is False) the formula cells of one sheet part; empty
    when the part is not found."""
    if not part:
        return SheetPart()
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read(part)
    except (KeyError, zipfile.BadZipFile, OSError):
        return SheetPart()
    merges = []
    for first_col, first_row, last_col, last_row in _MERGE.findall(data):
        last_col, last_row = last_col or first_col, last_row or first_row
        merges.append((int(first_row) - 1, column_index(first_col.decode()),
                       int(last_row) - 1, column_index(last_col.decode())))
    if not formulas or not _FORMULA.search(data):
        return SheetPart(tuple(merges))
    saved, pending = set(), set()
    for _, element in safe_iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True):
        if _local(element.tag) != "c":
            continue
        children = {_local(child.tag): child for child in element}
        match = _REF.match(element.get("r") or "")
        if "f" in children and match:
            where = (int(match[2]) - 1, column_index(match[1]))
            value = children.get("v")
            # a text result may be empty ("" from =IF(...)): Excel still writes <v/> with t="str"
            has_value = value is not None and (bool((value.text or "").strip()) or element.get("t") == "str") \
                or element.get("t") == "inlineStr"
            (saved if has_value else pending).add(where)
        element.clear()
    return SheetPart(tuple(merges), frozenset(saved), frozenset(pending))
