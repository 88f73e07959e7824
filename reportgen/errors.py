"""The one error family reportgen raises for a user's mistake, as data: each face (the CLI, the web page) says
it in its own words.

A message that names a file keeps the path apart (`mention`), so that the command line shows it as typed
and the web page as the user knows it (2021/pegawai.xlsx), never a server's folder. An error the user can
get past with an option carries that option as `remedy` (e.g. "ganti_semua"); each face names it its way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

Show = Callable[[PurePath], str]  # how a face names a file


class PathText(str):
    """A message that names files: as text, each path as given; `render` names them the way a face does."""

    parts: tuple

    def __new__(cls, *parts):
        made = super().__new__(cls, "".join(str(p) for p in parts))
        made.parts = parts
        return made

    def render(self, show: Show) -> str:
        """Return the message with each path named by `show`."""
        return "".join(show(p) if isinstance(p, PurePath) else str(p) for p in self.parts)


def mention(*parts) -> PathText:
    """Return a message of texts and paths (pathlib paths), e.g. mention("Register ", path, " rusak")."""
    return PathText(*parts)


def render(message: str, show: Show) -> str:
    """Return a message with its paths named by `show` (a plain text as it is)."""
    return message.render(show) if isinstance(message, PathText) else str(message)


class ReportgenError(Exception):
    """Base of every error caused by the user's inputs or options (never a bug).

    `remedy` names the option that lets the user go on (None: there is none), for each face to offer in its
    own words: the command line a flag, the web page a checkbox.
    """

    remedy: str | None = None

    def __init__(self, *args, remedy: str | None = None):
        super().__init__(*args)
        if remedy is not None:
            self.remedy = remedy

    def render(self, show: Show) -> str:
        """Return the message with its files named by `show`."""
        return render(self.args[0], show) if len(self.args) == 1 and isinstance(self.args[0], str) else str(self)


class InvalidValue(ValueError):
    """A single value that does not follow a convention; the message says what was expected.

    Raised by parsers in `indonesian.py` and friends; schemas add file, row and column.
    """


@dataclass(frozen=True)
class Problem:
    """One problem found in an input: where it is (file, sheet, row, column, key), what was found, what was
    expected, and the option a user can use to go on (`remedy`, e.g. "ganti_semua")."""

    file: str
    message: str
    row: int | None = None  # row number as Excel shows it (header is row 1)
    column: str | None = None
    found: str | None = None
    key: str | None = None  # YAML key path, for YAML inputs
    warning: bool = False
    sheet: str | None = None     # the workbook's sheet, when it is not the only one read
    expected: str | None = None  # what the cell or key should hold, when the message does not say it
    remedy: str | None = None
    notice: bool = False  # a warning that only says what was read or left out (a title row, a summary sheet)

    def __str__(self) -> str:
        return self.render(str)

    def render(self, show: Show) -> str:
        """Return the problem in one line, its file and any file its message names as `show` names them."""
        where = [show(PurePath(self.file)) if show is not str else self.file]
        if self.sheet:
            where.append(f"lembar '{self.sheet}'")
        if self.key:
            where.append(f"kunci '{self.key}'")
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        text = ", ".join(where) + ": "
        if self.found is not None:
            text += f"ditemukan {self.found!r}; "
        text += render(self.message, show)
        if self.expected is not None:
            text += f" (diharapkan: {self.expected})"
        return text


class InputError(ReportgenError):
    """Every problem found while loading inputs, reported all at once."""

    def __init__(self, problems: list[Problem]):
        problems = list(dict.fromkeys(problems))  # an input read for two documents reports its problems once
        self.problems = [p for p in problems if not p.warning]
        self.warnings = [p for p in problems if p.warning]
        count = len(self.problems)
        lines = [f"Ditemukan {count} masalah pada data masukan:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class ProblemCollector:
    """Accumulate problems while validating, then raise them together.

    `undrawable`, given by the stage that renders (render/fonts.py), returns the characters of a text no
    installed font can draw: the schemas then name the cell that holds one (none are checked without it).
    """

    def __init__(self, undrawable: Callable[[str], list[str]] | None = None) -> None:
        self.problems: list[Problem] = []
        self.undrawable = undrawable

    def add(self, file: str, message: str, **where) -> None:
        self.problems.append(Problem(file=str(file), message=message, **where))

    def warn(self, file: str, message: str, **where) -> None:
        self.problems.append(Problem(file=str(file), message=message, warning=True, **where))

    def notice(self, file: str, message: str, **where) -> None:
        """Say what was read of a file or left out of it: shown apart from warnings, never a problem."""
        self.problems.append(Problem(file=str(file), message=message, warning=True, notice=True, **where))

    @property
    def warnings(self) -> list[Problem]:
        return list(dict.fromkeys(p for p in self.problems if p.warning))

    def raise_if_any(self) -> None:
        if any(not p.warning for p in self.problems):
            raise InputError(self.problems)


class OutputError(ReportgenError):
    """The output could not be written (folder not writable, disk full...)."""


_OS_REASONS = {
    "ENOENT": "tidak ada", "EACCES": "izin ditolak", "EPERM": "izin ditolak", "EEXIST": "sudah ada",
    "ENOTDIR": "sebagian jalurnya berupa berkas, bukan folder", "EISDIR": "berupa folder, bukan berkas",
    "ENOSPC": "disk penuh", "EROFS": "sistem berkas hanya-baca", "EBUSY": "sedang dipakai",
    "ENAMETOOLONG": "nama terlalu panjang", "EDQUOT": "kuota disk habis", "EIO": "kesalahan baca/tulis disk",
}
_DATABASE_REASONS = (
    ("unable to open database file", "berkas tidak dapat dibuka (folder tidak ada atau tidak dapat ditulis)"),
    ("database is locked", "sedang dipakai proses lain"),
    ("file is not a database", "bukan basis data SQLite"),
    ("disk I/O error", "kesalahan baca/tulis disk"),
    ("attempt to write a readonly database", "hanya dapat dibaca"),
    ("database disk image is malformed", "isinya rusak"),
    ("no such table", "tabelnya tidak ada"),
)


def system_reason(exc: BaseException) -> str:
    """Return in Indonesian why the system refused (an OSError or a database error), never its English text."""
    import errno
    import sqlite3

    if isinstance(exc, OSError) and exc.errno is not None:
        name = errno.errorcode.get(exc.errno, "")
        return _OS_REASONS.get(name, f"kesalahan sistem {name or exc.errno}")
    if isinstance(exc, sqlite3.Error):
        text = str(exc)
        for english, indonesian in _DATABASE_REASONS:
            if english in text:
                return indonesian
        return "kesalahan basis data"
    return "kesalahan sistem"
