"""Problems as the page lists them: sorted by file and row, what was found in its own column (read from the cell
when the message only says it in words), warnings of one kind grouped into one line with their count and first
rows, and each file, row and column a link to the table that shows that row."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from reportgen.errors import InputError, Problem
from reportgen.inputs.workbook import column_letter

FIRST_ROWS = 5  # rows named on a group's line
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")
_NIP_SEPARATORS = re.compile(r"[,;\n]+")


def parse_nips(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Return the NIPs typed (18 digits each, spaces and dots allowed, separated by commas or lines) and the
    entries that are not one."""
    good, wrong = [], []
    for part in _NIP_SEPARATORS.split(text):
        part = part.strip()
        if not part:
            continue
        digits = re.sub(r"[\s.]", "", part)
        (good if re.fullmatch(r"\d{18}", digits) else wrong).append(digits if re.fullmatch(r"\d{18}", digits)
                                                                    else part[:40])
    return tuple(dict.fromkeys(good)), wrong


def sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.sheet or "", problem.row if problem.row is not None else 0, problem.column or "",
            problem.key or "")


def sorted_problems(problems) -> list[Problem]:
    """Return the problems by file, sheet, row and column."""
    return sorted(problems, key=sort_key)


@dataclass
class Group:
    """Warnings of one kind in one file: the first one's words, how many, and all of them (sorted)."""

    file: str
    column: str | None
    message: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.problems)

    @property
    def rows(self) -> list[int]:
        return [p.row for p in self.problems if p.row is not None]

    @property
    def first_rows(self) -> str:
        rows = self.rows
        shown = ", ".join(str(r) for r in rows[:FIRST_ROWS])
        return shown + (f" dan {len(rows) - FIRST_ROWS} baris lainnya" if len(rows) > FIRST_ROWS else "")


def _pattern(message: str) -> str:
    return _NUMBERS.sub("#", _QUOTED.sub("'…'", message))


def problem_groups(problems) -> list[Group]:
    """Return warnings grouped by file, column and the shape of their message (numbers and quoted values set
    aside), in the order of their first row."""
    groups: dict[tuple, Group] = {}
    for p in sorted_problems(problems):
        key = (p.file, p.column, _pattern(p.message))
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(p.file, p.column, p.message)
        group.problems.append(p)
    return list(groups.values())


# ---------------------------------------------------------------- what was found, read from the cell


def _header_column(rows: list[list], column: str, before: int) -> int | None:
    """Return the index of the column headed `column` in the rows above `before` (0-based), or None."""
    wanted = column.strip().casefold()
    for row in rows[:min(before, 30)]:
        for index, value in enumerate(row):
            if value is not None and str(value).strip().casefold() == wanted:
                return index
    return None


def with_found(problems: list[Problem], path: Path) -> list[Problem]:
    """Return the problems of one workbook, each with the value its cell holds where the problem names a row and a
    column but not what was found (the message says it only in words)."""
    wanting = [p for p in problems if p.found is None and p.row is not None and p.column]
    if not wanting or path.suffix.lower() != ".xlsx" or not path.is_file():
        return problems
    from reportgen.inputs.tables import read_grid

    grids: dict[str | None, list[list]] = {}
    filled = []
    for p in problems:
        if p in wanting:
            try:
                rows = grids.get(p.sheet)
                if rows is None:
                    rows = grids[p.sheet] = read_grid(path, p.sheet).rows
            except (InputError, OSError, ValueError):
                rows = grids[p.sheet] = []
            index = _header_column(rows, p.column, p.row - 1)
            if index is not None and p.row - 1 < len(rows) and index < len(rows[p.row - 1]):
                value = rows[p.row - 1][index]
                text = "" if value is None else str(value).strip()
                p = dataclasses.replace(p, found=text[:80] if text else "(kosong)")
        filled.append(p)
    return filled


# ---------------------------------------------------------------- links into the table that shows a row


def place(problem: Problem) -> tuple[int | None, str] | None:
    """Return (year or None for the unit's own files, file name) of a problem's file as the page names it."""
    parts = problem.file.split("/")
    if len(parts) == 1:
        return None, parts[0]
    if len(parts) == 2 and parts[0].isdigit():
        return int(parts[0]), parts[1]
    return None


def link(problem: Problem, year: int, rejected: bool = False) -> str | None:
    """Return where the page shows the place of a problem: a spreadsheet's row in its table, a settings file's
    field in its form (None when it has no such place)."""
    where = place(problem)
    if where is None:
        return None
    file_year, name = where
    shown_year = file_year or year
    if name.endswith(".yaml"):
        if rejected or not problem.key:
            return f"/tahun/{shown_year}/isian/{quote(name)}"
        from reportgen.web.settings_form import field_id

        return f"/tahun/{shown_year}/isian/{quote(name)}#{field_id(problem.key)}"
    if name.endswith(".xlsx") and problem.row is not None:
        query = {"baris": problem.row}
        if problem.column:
            query["kolom"] = problem.column
        if problem.sheet:
            query["lembar"] = problem.sheet
        if rejected:
            query["ditolak"] = 1
        return f"/tahun/{shown_year}/lihat/{quote(name)}?{urlencode(query)}"
    return None


# ---------------------------------------------------------------- the rows of a workbook, as the page shows them


@dataclass(frozen=True)
class SheetView:
    """Some rows of one sheet: its name and the other sheets, column letters, rows (Excel's number, cells), the row
    and column asked for, and a message when the sheet cannot be read."""

    sheet: str | None
    sheets: tuple[str, ...]
    letters: list[str]
    rows: list[tuple[int, list[str]]]
    marked_row: int
    marked_column: int | None
    header: tuple[int, list[str]] | None
    error: str | None = None


MAX_COLUMNS = 40
AROUND = 8  # rows shown above and below the row asked for


def sheet_rows(path: Path, sheet: str | None, row: int, column: str) -> SheetView:
    """Return the rows around `row` (Excel's number; the first 60 rows without one) of a workbook's sheet, with the
    column headed `column` marked."""
    from reportgen.inputs.tables import read_grid

    try:
        grid = read_grid(path, sheet)
    except InputError as exc:
        return SheetView(sheet, (), [], [], row, None, None, "; ".join(p.message for p in exc.problems))
    rows = grid.rows
    width = min(MAX_COLUMNS, max((len(r) for r in rows), default=0))
    marked = _header_column(rows, column, max(row - 1, 1)) if column else None
    header_index = next((i for i, r in enumerate(rows[:30]) if column and any(
        v is not None and str(v).strip().casefold() == column.strip().casefold() for v in r)), None)
    if header_index is None:
        header_index = next((i for i, r in enumerate(rows[:10]) if sum(v is not None for v in r) >= 2), None)
    first, last = (max(1, row - AROUND), row + AROUND) if row else (1, 60)

    def cells(r: list) -> list[str]:
        return [("" if v is None else str(v)) for v in (r + [None] * width)[:width]]

    shown = [(n, cells(rows[n - 1])) for n in range(first, min(last, len(rows)) + 1)]
    header = (header_index + 1, cells(rows[header_index])) if header_index is not None and \
        header_index + 1 < first else None
    return SheetView(grid.sheet, grid.sheets, [column_letter(i) for i in range(width)], shown, row, marked, header)
