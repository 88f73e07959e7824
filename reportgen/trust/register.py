"""The unit's register of issued documents (a SQLite file, or a PostgreSQL database): numbers from it, files and
their hashes into it.

Every generated document is one entry, found again by (kind, year, identity): generating the same
document again keeps its entry and its number. A serial is taken per classification code and year
inside a transaction that writers take in turns (SQLite's `BEGIN IMMEDIATE`; on PostgreSQL a transaction-level
advisory lock of the register's schema), so concurrent runs, from one machine or several, never share one, and a
serial once given is never given again (the counter only grows). The same entry later carries the document's files
and their SHA-256, so a file can be traced back to the document it belongs to.

Both databases hold one schema, written in the SQL they share (upserts with ON CONFLICT, RETURNING); what differs
(opening, the turn of writers, the catalogue of tables and columns) is said once per database here. psycopg is
imported only when a register is a `postgresql://` URL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import re
import secrets
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from reportgen import __version__
from reportgen.conventions.document_numbers import NumberPattern
from reportgen.errors import ReportgenError, mention, system_reason

SCHEMA_VERSION = 2  # 2: files.doc_id, the document ID each file carries (issue 6)
# How long a run waits while another program holds the register locked, then says so: a writer's own
# transactions last well under a second (every file is rendered before one opens), so a longer lock is held
# by something else (an open database tool), and waiting minutes for it helps no one.
BUSY_TIMEOUT_S = 10.0   # a run that writes
READ_TIMEOUT_S = 5.0    # `periksa`, `daftar`, the numbers a run drafts with

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS serials (
    code TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (code, year)
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    identity TEXT NOT NULL,
    number TEXT,
    code TEXT,
    serial INTEGER,
    date TEXT NOT NULL,
    subject TEXT NOT NULL,
    person TEXT,
    doc_id TEXT UNIQUE,
    inputs_sha256 TEXT,
    version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    UNIQUE (kind, year, identity),
    UNIQUE (code, year, serial)
);
CREATE TABLE IF NOT EXISTS files (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    written_at TEXT NOT NULL,
    PRIMARY KEY (document_id, path, sha256)
);
CREATE INDEX IF NOT EXISTS files_by_hash ON files (sha256);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    status TEXT NOT NULL,
    owner TEXT,
    beat DOUBLE PRECISION NOT NULL,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_year ON runs (year, created_at);
"""
# The runs table holds the web page's runs (web/jobs.py): state, progress and owner of each, so that every server
# process sharing the register sees them. It is no part of the documents' record: never copied by a move. A year
# keeps its RUNS_KEPT newest runs; older ended ones are removed when a new one starts.
RUNS_KEPT = 20

# Columns added after schema 1, each with its migration (added to registers made by an older reportgen).
_ADDED_COLUMNS = (("files", "doc_id", "TEXT"), ("files", "person", "TEXT"), ("files", "subject", "TEXT"))


class NumberTaken(ReportgenError):
    """A number given by hand already belongs to another document of the register."""


class NumberMoved(ReportgenError):
    """The number a document was drafted with was taken by another run before its files were recorded."""


# ---------------------------------------------------------------- where a register is


URL_SCHEMES = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class RegisterUrl:
    """A register in a PostgreSQL database, by its libpq URL (postgresql://USER@HOST:PORT/DATABASE; a password is
    better kept in ~/.pgpass or PGPASSWORD than in the URL). Shown with its password hidden."""

    url: str

    def __str__(self) -> str:
        return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", self.url)

    @property
    def name(self) -> str:
        return str(self)

    def exists(self) -> bool:
        """Return whether the database holds a register (its tables); a database that cannot be reached is said
        (ReportgenError), never taken for an empty one."""
        with _PgDb(self, read_only=True, wait=READ_TIMEOUT_S) as db:
            try:
                return "info" in db.tables()
            except sqlite3.Error as exc:
                raise ReportgenError(f"Register {self} tidak dapat dibaca ({exc})") from None

    is_file = exists  # a register "file" is there: the face's checks read the same for both places


def register_location(text: str | Path | RegisterUrl) -> Path | RegisterUrl:
    """Return where a register is from an option or a setting: a postgresql:// URL, else a file path."""
    if isinstance(text, (RegisterUrl, Path)):
        return text
    return RegisterUrl(text) if str(text).startswith(URL_SCHEMES) else Path(text)


def _pg_errors():
    import psycopg

    return psycopg


class _PgDb:
    """A PostgreSQL connection that runs the register's statements as sqlite3 runs them (? and :name parameters,
    BEGIN IMMEDIATE as the writers' turn) and says its failures as sqlite3's exceptions, so the register's own
    handling (locked, damaged, unreachable) is the same for both databases."""

    # the writers' turn: PostgreSQL's own transaction-level advisory lock, one per register (its schema)
    TURN = "SELECT pg_advisory_xact_lock(hashtextextended('reportgen-register:' || current_schema(), 0))"

    def __init__(self, location: RegisterUrl, read_only: bool, wait: float):
        try:
            import psycopg
        except ImportError:
            raise ReportgenError("Register PostgreSQL memerlukan paket psycopg: pip install "
                                 "'reportgen[postgresql]'") from None
        self.location, self.wait = location, wait
        try:
            self.conn = psycopg.connect(location.url, autocommit=True, connect_timeout=max(1, int(wait)))
        except psycopg.Error as exc:
            raise ReportgenError(f"Register {location} tidak dapat dihubungi: {_first_line(exc)}") from None
        if read_only:
            self.conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")

    def __enter__(self) -> "_PgDb":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def execute(self, sql: str, args=()):
        """Run one statement; return its cursor."""
        psycopg = _pg_errors()
        try:
            if sql == "BEGIN IMMEDIATE":
                self.conn.execute("BEGIN")
                try:
                    self.conn.execute(f"SET LOCAL lock_timeout = '{int(self.wait * 1000)}ms'")
                    return self.conn.execute(self.TURN)
                except psycopg.Error:
                    self.conn.execute("ROLLBACK")
                    raise
            return self.conn.execute(_pg_sql(sql), args if args else None)
        except psycopg.errors.LockNotAvailable:
            raise sqlite3.OperationalError("database is locked") from None
        except psycopg.errors.IntegrityError as exc:
            raise sqlite3.IntegrityError(_first_line(exc)) from None
        except psycopg.OperationalError as exc:
            raise sqlite3.OperationalError(_first_line(exc)) from None
        except psycopg.Error as exc:
            raise sqlite3.DatabaseError(_first_line(exc)) from None

    def tables(self) -> set[str]:
        """Return the register's tables (in the connection's schema)."""
        return {r[0] for r in self.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = current_schema()")}

    def columns(self, table: str) -> set[str]:
        return {r[0] for r in self.execute("SELECT column_name FROM information_schema.columns "
                                           "WHERE table_schema = current_schema() AND table_name = ?", (table,))}

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _pg_sql(sql: str) -> str:
    """Return a statement with sqlite3's parameters (? and :name) written as psycopg's."""
    sql = re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", sql)
    return sql.replace("?", "%s")


def _schema_statements(postgres: bool) -> list[str]:
    """Return the statements that make the register's tables (one schema; PostgreSQL's integers are 64-bit and its
    ids an identity, as SQLite's INTEGER PRIMARY KEY is)."""
    schema = _SCHEMA
    if postgres:
        schema = schema.replace("id INTEGER PRIMARY KEY", "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
        schema = schema.replace("INTEGER", "BIGINT")
    return [statement for statement in schema.split(";") if statement.strip()]


# ---------------------------------------------------------------- entries


@dataclass(frozen=True)
class FileRecord:
    """One file written for a document: its path, format, SHA-256, size and when it was written."""

    path: str
    format: str
    sha256: str
    size: int
    written_at: str
    doc_id: str | None = None  # the document ID printed in the file (None: written without one)
    person: str | None = None   # the document's person and subject as this file shows them (a later
    subject: str | None = None  # file of the same document may show a corrected name)


@dataclass(frozen=True)
class IssueRequest:
    """One unnumbered document to register with its ID and files, for `Register.issue_batch`."""

    kind: str
    year: int
    identity: str
    date: dt.date
    subject: str
    person: str | None
    inputs_sha256: str | None
    doc_id: str | None
    files: tuple[tuple[Path, str, str, int], ...]  # (path, format, SHA-256, size)
    code: str | None = None           # a numbered document: its classification code (next serial) ...
    number: str | None = None         # ... or its number written by hand,
    pattern: NumberPattern | None = None  # in the unit's pattern,
    drafted_number: str | None = None     # and the number its files carry, which must still be its own


@dataclass(frozen=True)
class Entry:
    """One issued document as the register knows it."""

    id: int
    kind: str
    year: int
    identity: str
    number: str | None
    code: str | None
    serial: int | None
    date: dt.date
    subject: str
    person: str | None
    doc_id: str | None
    inputs_sha256: str | None
    version: str
    created_at: str
    issued_at: str
    files: tuple[FileRecord, ...] = ()
    reused: bool = False  # True when the entry (and its number) existed before this run


def normalize_identity(text: str) -> str:
    """Return an identity key: lower case, inner whitespace collapsed, final full stop dropped."""
    return " ".join(str(text).split()).rstrip(" .").casefold()


def key_fingerprint(secret: bytes) -> str:
    """Return a short public fingerprint of a register's key, to tell which register checked a document."""
    digest = hashlib.sha256(b"reportgen-register\n" + secret).hexdigest().upper()
    return f"{digest[:4]}-{digest[4:8]}"


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


_FILE_COLUMNS = ("path", "format", "sha256", "size", "written_at", "doc_id", "person", "subject")
_TABLES = ("info", "serials", "documents", "files")
_RESTORE = ("pulihkan register dari cadangan terakhir (dibuat dengan 'reportgen daftar --cadangan BERKAS'); "
            "jangan menghapusnya: register baru memberi kunci baru, dan semua kode verifikasi yang sudah "
            "tercetak menjadi TIDAK DIKENAL")


def _create_new(path: Path) -> None:
    """Create a whole, empty register at `path` unless one appears there meanwhile.

    Built under a temporary name and linked into place (never overwriting), so no process ever sees a
    half-made register, and two runs starting together end with the same one.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.baru")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        db = sqlite3.connect(str(partial), isolation_level=None)
        try:
            db.execute("BEGIN")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT INTO info (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            db.execute("INSERT INTO info (key, value) VALUES ('id_secret', ?)", (secrets.token_hex(32),))
            db.execute("COMMIT")
        finally:
            db.close()
        try:
            os.link(partial, path)
        except FileExistsError:
            pass  # another run created it first: use that one
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(partial, path)
    except (OSError, sqlite3.Error) as exc:
        raise ReportgenError(mention("Register ", Path(path), " tidak dapat dibuat: folder ", Path(path.parent),
                                     f" tidak dapat ditulis ({getattr(exc, 'strerror', None) or exc})")) from None
    finally:
        partial.unlink(missing_ok=True)


def check_whole(path: Path) -> None:
    """Raise ReportgenError unless `path` holds a whole register: every table, its schema, and its key.

    Read-only: never creates or repairs anything. The key may only be missing while no document carries
    an ID made with it.
    """
    if isinstance(path, RegisterUrl):
        return _check_whole_database(path)
    path = Path(path)
    if not path.is_file():
        raise ReportgenError(mention("Register ", Path(path), " bukan berkas"))
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise ReportgenError(mention("Register ", Path(path), f" tidak dapat dibaca: {system_reason(exc)}")) from None
    if size == 0:
        raise ReportgenError(mention("Register ", Path(path), f" kosong (0 bita), tidak utuh: {_RESTORE}"))
    if head != b"SQLite format 3\x00":
        raise ReportgenError(mention("Register ", Path(path),
                                     " tidak dapat dibuka: bukan register reportgen (bukan basis data SQLite); "
                                     f"{_RESTORE}"))
    # A run killed mid-transaction leaves a hot journal; a read-write connection rolls it back on first
    # read (a read-only one cannot, and would report the register as damaged).
    hot = Path(f"{path}-journal").exists() and os.access(path.parent, os.W_OK)
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode={'rw' if hot else 'ro'}", uri=True,
                             timeout=READ_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise ReportgenError(mention("Register ", Path(path), f" tidak dapat dibuka: {system_reason(exc)}")) from None
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in _TABLES if t not in tables]
        if missing:
            raise ReportgenError(mention("Register ", Path(path),
                                         f" tidak utuh (tabel {', '.join(missing)} hilang): {_RESTORE}"))
        info = dict(db.execute("SELECT key, value FROM info"))
        if "schema" not in info:
            raise ReportgenError(mention("Register ", Path(path), f" tidak utuh (versi skema hilang): {_RESTORE}"))
        with_id = db.execute("SELECT COUNT(*) FROM documents WHERE doc_id IS NOT NULL").fetchone()[0]
        if with_id and "id_secret" not in info:
            raise ReportgenError(mention("Register ", Path(path),
                                         f" tidak utuh (kunci kode verifikasi hilang, padahal {with_id} dokumen "
                                         f"memakai kode darinya): {_RESTORE}"))
    except sqlite3.OperationalError as exc:
        if _locked(exc):
            raise _busy(Path(path), READ_TIMEOUT_S) from None
        raise ReportgenError(mention("Register ", Path(path), f" tidak dapat dibaca ({system_reason(exc)})")) from None
    except sqlite3.DatabaseError as exc:
        raise ReportgenError(mention("Register ", Path(path), f" rusak ({system_reason(exc)}): {_RESTORE}")) from None
    finally:
        db.close()


def _check_whole_database(location: RegisterUrl) -> None:
    """Raise ReportgenError unless the PostgreSQL register holds every table, its schema and (once used) its key."""
    try:
        with _PgDb(location, read_only=True, wait=READ_TIMEOUT_S) as db:
            tables = db.tables()
            if "info" not in tables:
                raise ReportgenError(f"Register tidak ditemukan: {location} belum berisi register reportgen")
            missing = [t for t in _TABLES if t not in tables]
            if missing:
                raise ReportgenError(f"Register {location} tidak utuh (tabel {', '.join(missing)} hilang): {_RESTORE}")
            info = dict(db.execute("SELECT key, value FROM info").fetchall())
            if "schema" not in info:
                raise ReportgenError(f"Register {location} tidak utuh (versi skema hilang): {_RESTORE}")
            with_id = db.execute("SELECT COUNT(*) FROM documents WHERE doc_id IS NOT NULL").fetchone()[0]
            if with_id and "id_secret" not in info:
                raise ReportgenError(f"Register {location} tidak utuh (kunci kode verifikasi hilang, padahal {with_id} "
                                     f"dokumen memakai kode darinya): {_RESTORE}")
    except sqlite3.OperationalError as exc:
        if _locked(exc):
            raise _busy(location, READ_TIMEOUT_S) from None
        raise ReportgenError(f"Register {location} tidak dapat dibaca ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise ReportgenError(f"Register {location} rusak ({exc}): {_RESTORE}") from None


def backup_register(path: Path, target: Path) -> int:
    """Write a consistent copy of the register to `target` (SQLite's online backup); return its document count.

    Safe while another run writes: the backup API copies one consistent state. The copy is written
    beside the target under a temporary name and renamed, so a failed backup never leaves half a file.
    """
    check_whole(path)
    target = Path(target)
    if target.resolve() == Path(path).resolve():
        raise ReportgenError("Cadangan tidak boleh ditulis ke berkas register itu sendiri")
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        if partial.exists():
            partial.unlink()
        source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=READ_TIMEOUT_S)
        try:
            copy = sqlite3.connect(str(partial))
            try:
                source.backup(copy)
                count = copy.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise ReportgenError(mention("Cadangan tidak dapat ditulis ke ", Path(target), ": folder ", Path(target.parent),
                                     f" tidak dapat ditulis ({system_reason(exc)})")) from None
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if not partial.parent.is_dir():
            raise ReportgenError(mention("Cadangan tidak dapat ditulis ke ", Path(target), ": folder ",
                                         Path(target.parent), " tidak dapat ditulis")) from None
        raise ReportgenError(mention("Cadangan register ", Path(path), " ke ", Path(target),
                                     f" gagal: {system_reason(exc)}")) from None
    check_whole(target)
    return count


_ORDER = {"info": "key", "serials": "code, year", "documents": "id", "files": "document_id, path, sha256"}


def _rows(db, table: str, columns: list[str]) -> list[tuple]:
    return [tuple(row) for row in db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {_ORDER[table]}")]


def copy_register(source: Path | RegisterUrl, target: Path | RegisterUrl) -> int:
    """Copy a whole register (its key, counters, documents and files, each document keeping its id) into `target`,
    which must hold no document yet, and check every row there against the source in the same transaction (a
    difference leaves the target as it was); return the number of documents. The source is only read."""
    check_whole(source)
    with Register(source, create=False, read_only=True) as src:
        dump = src.dump()
    with Register(target) as dst:
        dst.fill(dump)
    return len(dump["documents"][1])


def move_register(source: Path, target: RegisterUrl) -> int:
    """Move a SQLite register into PostgreSQL (copy_register), then mark the SQLite file as moved, so no run numbers
    there again (its rows stay, readable, as the copy they are); return the number of documents."""
    if isinstance(source, RegisterUrl) or not isinstance(target, RegisterUrl):
        raise ReportgenError("Register hanya dapat dipindahkan dari berkas SQLite ke PostgreSQL "
                             "(--pindahkan-ke postgresql://...)")
    count = copy_register(source, target)
    with Register(source, create=False) as src:
        src.mark_moved(target)
    return count


def _table_columns(table: str) -> list[str]:
    """Return every column of a register table, as the schema and its migrations make it."""
    found = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\n\);", _SCHEMA, re.S).group(1)
    columns = [line.strip().split()[0] for line in found.splitlines()
               if line.strip() and not line.strip().startswith(("PRIMARY", "UNIQUE"))]
    return columns + [c for t, c, _ in _ADDED_COLUMNS if t == table]


def _locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _busy(path: Path, seconds: float) -> ReportgenError:
    return ReportgenError(mention("Register ", Path(path), f" dikunci program lain (mis. aplikasi basis data yang "
                                  f"sedang membukanya) lebih dari {seconds:.0f} detik; tutup program itu atau tunggu "
                                  "prosesnya selesai, lalu jalankan lagi"))


def _reading(method):
    """Say a register damaged or locked where it is read (a page read only now may be the damaged one) in
    Indonesian, as every other fault of the register: integrity is checked at every read, not only at opening."""
    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise _busy(self.path, getattr(self, "wait", BUSY_TIMEOUT_S)) from None
            raise ReportgenError(mention("Register ", self.path, f" tidak dapat dibaca ({system_reason(exc)}): "
                                         f"{_RESTORE}")) from None
        except sqlite3.DatabaseError as exc:
            raise ReportgenError(mention("Register ", self.path, f" rusak ({system_reason(exc)}): "
                                         f"{_RESTORE}")) from None
    return read


_COLUMNS = ("id, kind, year, identity, number, code, serial, date, subject, person, doc_id, inputs_sha256, "
            "version, created_at, issued_at")


class Register:
    """An open register; use as a context manager (`with Register(path) as register:`)."""

    def __init__(self, path: Path, create: bool = True, read_only: bool = False):
        """Open the register at `path`; only a path that does not exist yet (and `create`) makes a new one.

        An existing file that is not a whole register (empty, a table or the key missing) is refused:
        recreating it would give a new key, and every printed verification code would stop matching.
        `read_only` opens it without any write (SQLite mode=ro), for `verify`, `register` and the numbers
        a run drafts with.
        """
        self.path = register_location(path)
        self._file_columns = ", ".join(_FILE_COLUMNS)
        self.postgres = isinstance(self.path, RegisterUrl)
        if self.postgres:
            self._open_database(create, read_only)
            return
        exists = self.path.exists()
        if (read_only or not create) and not exists:
            raise ReportgenError(mention("Register tidak ditemukan: ", self.path))
        if not exists:
            _create_new(self.path)
        check_whole(self.path)
        try:
            if read_only:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, timeout=READ_TIMEOUT_S, isolation_level=None)
                self.db.execute("PRAGMA query_only = ON")
                if self._needs_migration() and os.access(self.path, os.W_OK):
                    # made by an older reportgen: bring it up to date once (this needs write access)
                    self.db.close()
                    Register(self.path).close()
                    self.db = sqlite3.connect(uri, uri=True, timeout=READ_TIMEOUT_S, isolation_level=None)
                    self.db.execute("PRAGMA query_only = ON")
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
                self.db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise _busy(self.path, READ_TIMEOUT_S if read_only else BUSY_TIMEOUT_S) from None
            raise ReportgenError(mention("Register ", self.path,
                                         f" tidak dapat dibuka: {system_reason(exc)}")) from None
        except (OSError, sqlite3.Error) as exc:
            raise ReportgenError(mention("Register ", self.path,
                                         f" tidak dapat dibuka: {system_reason(exc)}")) from None
        self.wait = READ_TIMEOUT_S if read_only else BUSY_TIMEOUT_S
        if read_only:  # a register made by an older reportgen lacks the later columns: read them as empty
            present = self._reading_columns("files")
            self._file_columns = ", ".join(c if c in present else f"NULL AS {c}" for c in _FILE_COLUMNS)
            return
        try:
            self._write(self._create_schema)
        except ReportgenError:
            self.db.close()
            raise

    def _open_database(self, create: bool, read_only: bool) -> None:
        """Open a register in PostgreSQL: made (its tables, its key) on first use unless `read_only` or not `create`;
        brought up to date by the same migrations as a SQLite register."""
        self.wait = READ_TIMEOUT_S if read_only else BUSY_TIMEOUT_S
        self.db = _PgDb(self.path, read_only, self.wait)
        try:
            present = "info" in self._read_tables()
            if not present and (read_only or not create):
                raise ReportgenError(f"Register tidak ditemukan: {self.path} belum berisi register reportgen")
            if read_only:
                columns = self._columns("files")
                self._file_columns = ", ".join(c if c in columns else f"NULL AS {c}" for c in _FILE_COLUMNS)
                return
            self._write(self._create_schema)
            self.secret()  # a new register gets its key with its tables, as a new SQLite file does
        except BaseException:
            self.db.close()
            raise

    @_reading
    def _read_tables(self) -> set[str]:
        return self.db.tables()

    def _columns(self, table: str) -> set[str]:
        """Return the columns a table of the register has."""
        if self.postgres:
            return self.db.columns(table)
        return {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}

    @_reading
    def _needs_migration(self) -> bool:
        for table, column, _ in _ADDED_COLUMNS:
            if column not in self._columns(table):
                return True
        return False

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @_reading
    def _read_rows(self, sql: str, args=()) -> list:
        return self.db.execute(sql, args).fetchall()

    @_reading
    def _reading_columns(self, table: str) -> set[str]:
        return self._columns(table)

    # -- transactions --------------------------------------------------------------------------------
    def _write(self, work, *args, **kwargs):
        """Run `work(*args)` in one immediate transaction: the register's writers take turns."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                result = work(*args, **kwargs)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise _busy(self.path, BUSY_TIMEOUT_S) from None
            raise ReportgenError(mention("Register ", self.path,
                                         f" tidak dapat ditulis: {system_reason(exc)}")) from None
        except sqlite3.DatabaseError as exc:
            raise ReportgenError(mention("Register ", self.path,
                                         " tidak dapat dibuka: bukan register reportgen atau rusak "
                                         f"({system_reason(exc)})")) from None
        return result

    @_reading
    def dump(self) -> dict[str, tuple[list[str], list[tuple]]]:
        """Return every row of every table (table -> its columns, its rows in key order), for copy_register."""
        found = {}
        for table in _TABLES:
            present = self._columns(table)
            columns = [c for c in _table_columns(table) if c in present]
            found[table] = (columns, [r for r in _rows(self.db, table, columns)
                                      if table != "info" or r[0] != "moved_to"])
        return found

    def fill(self, dump: dict[str, tuple[list[str], list[tuple]]]) -> None:
        """Make this register, which holds no document yet, hold the rows of `dump` (its key replacing this one's),
        each row checked as written in the same transaction."""
        def work():
            held = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            if held:
                raise ReportgenError(mention("Register tujuan ", self.path, f" sudah berisi {held} dokumen; register "
                                             "hanya dapat dipindahkan ke register yang masih kosong"))
            for table in ("files", "serials", "info"):  # the target's own new key gives way to the source's
                self.db.execute(f"DELETE FROM {table}")
            for table in ("info", "serials", "documents", "files"):
                columns, rows = dump[table]
                marks = ", ".join("?" for _ in columns)
                for row in rows:
                    self.db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", row)
            if self.postgres:  # the next document's id follows the copied ones
                self.db.execute("SELECT setval(pg_get_serial_sequence('documents', 'id'), "
                                "(SELECT coalesce(max(id), 0) + 1 FROM documents), false)")
            for table, (columns, rows) in dump.items():
                if _rows(self.db, table, columns) != [tuple(r) for r in rows]:
                    raise ReportgenError(mention("Register ", self.path, " berbeda dengan sumbernya setelah disalin "
                                                 f"(tabel {table}); tidak ada yang dipindahkan"))
        self._write(work)

    def mark_moved(self, target: RegisterUrl) -> None:
        """Mark this register as moved to `target`: no run writes into it again."""
        def work():
            self.db.execute("INSERT INTO info (key, value) VALUES ('moved_to', ?) ON CONFLICT (key) DO UPDATE SET "
                            "value = excluded.value", (str(target),))
        self._write(work)

    def _check_not_moved(self) -> None:
        """Refuse to write into a SQLite register whose documents were moved to PostgreSQL (daftar --pindahkan-ke):
        numbers taken here would be given again there."""
        row = self.db.execute("SELECT value FROM info WHERE key = 'moved_to'").fetchone()
        if row:
            raise ReportgenError(mention("Register ", self.path, f" sudah dipindahkan ke {row[0]}; sebutkan register "
                                         f"itu (penomoran.register: {row[0]} di unit.yaml, atau --register): nomor "
                                         "yang diambil di sini akan terulang di sana"))

    def _create_schema(self) -> None:
        # executescript() would commit the open transaction: run the statements one by one instead
        for statement in _schema_statements(self.postgres):
            self.db.execute(statement)
        self.db.execute("INSERT INTO info (key, value) VALUES ('schema', ?) ON CONFLICT (key) DO NOTHING",
                        (str(SCHEMA_VERSION),))
        version = int(self.db.execute("SELECT value FROM info WHERE key = 'schema'").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise ReportgenError(mention("Register ", self.path,
                                         f" dibuat oleh reportgen yang lebih baru (skema {version}); "
                                         "perbarui reportgen"))
        if not self.postgres:
            self._check_not_moved()
        for table, column, sql_type in _ADDED_COLUMNS:
            if column not in self._columns(table):
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")
        self.db.execute("CREATE INDEX IF NOT EXISTS files_by_doc_id ON files (doc_id)")
        if version < SCHEMA_VERSION:
            self.db.execute("UPDATE info SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))

    # -- issuing -------------------------------------------------------------------------------------
    def issue(self, *, kind: str, year: int, identity: str, date: dt.date, subject: str,
              code: str | None = None, number: str | None = None, pattern: NumberPattern | None = None,
              person: str | None = None, inputs_sha256: str | None = None) -> Entry:
        """Return the register entry of a document, creating it or updating the existing one.

        With `code` (and `pattern`), the document keeps the number it already had for that code, or takes
        the next serial of the code and year. With `number`, that number is recorded as is (its serial,
        when it follows the pattern, is never given again) unless another document holds it: NumberTaken.
        With neither, the document is registered without a number (integrity pacts, reports).
        """
        if code is not None and pattern is None:
            raise ValueError("a classification code needs a number pattern")
        return self._write(self._issue, kind, year, normalize_identity(identity), date, subject, code, number,
                           pattern, person, inputs_sha256)

    def _issue(self, kind, year, identity, date, subject, code, number, pattern, person, inputs_sha256) -> Entry:
        now = _now()
        row = self.db.execute(f"SELECT {_COLUMNS} FROM documents WHERE kind = ? AND year = ? AND identity = ?",
                              (kind, year, identity)).fetchone()
        existing = self._entry(row) if row else None
        serial = None
        if code is not None:
            serial = self._serial(code, year, date, pattern, existing, take=True)
            number = pattern.format(code, serial, date)
        elif number is not None:
            parsed = pattern.parse(number, year) if pattern else None
            code, serial = parsed if parsed else (None, None)
            self._check_free(kind, year, identity, number, code, serial)
            if serial is not None:
                self._raise_counter(code, year, serial)
        values = dict(number=number, code=code, serial=serial, date=date.isoformat(), subject=subject,
                      person=person, inputs_sha256=inputs_sha256, version=__version__, issued_at=now)
        if existing:
            sets = ", ".join(f"{k} = :{k}" for k in values)
            self.db.execute(f"UPDATE documents SET {sets} WHERE id = :id", {**values, "id": existing.id})
            entry_id = existing.id
        else:
            values.update(kind=kind, year=year, identity=identity, created_at=now)
            keys = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            entry_id = self.db.execute(f"INSERT INTO documents ({keys}) VALUES ({marks}) RETURNING id",
                                       values).fetchone()[0]
        entry = self.get(entry_id)
        return replace(entry, reused=existing is not None and existing.number == entry.number)

    @_reading
    def peek_number(self, *, kind: str, year: int, identity: str, date: dt.date, code: str | None,
                    number: str | None, pattern: NumberPattern | None) -> tuple[str | None, bool]:
        """Return the number `issue` would give this document now, and whether it is the one it already has.

        Nothing is written: the number is taken only when the document's files are recorded (`issue_batch`
        with `drafted_number`), so a run that fails before leaves no trace in the register.
        """
        identity = normalize_identity(identity)
        row = self.db.execute(f"SELECT {_COLUMNS} FROM documents WHERE kind = ? AND year = ? AND identity = ?",
                              (kind, year, identity)).fetchone()
        existing = self._entry(row) if row else None
        if code is not None:
            serial = self._serial(code, year, date, pattern, existing, take=False)
            number = pattern.format(code, serial, date)
        elif number is not None:
            parsed = pattern.parse(number, year) if pattern else None
            found_code, serial = parsed if parsed else (None, None)
            self._check_free(kind, year, identity, number, found_code, serial)
        return number, existing is not None and existing.number == number

    def _serial(self, code: str, year: int, date: dt.date, pattern: NumberPattern, existing: Entry | None,
                take: bool) -> int:
        """Return the serial of a document numbered from `code`: the one it has, else the next of the code and
        year (counted up when `take`). A serial recorded without the counter (never expected), or whose number
        another document already holds in any year (a date in another year prints that year), is skipped: a
        number is never given twice."""
        if existing and existing.code == code and existing.serial is not None:
            return existing.serial
        row = self.db.execute("SELECT last FROM serials WHERE code = ? AND year = ?", (code, year)).fetchone()
        serial = (row[0] if row else 0) + 1
        while self.db.execute("SELECT 1 FROM documents WHERE (code = ? AND year = ? AND serial = ?) OR "
                              "(upper(number) = upper(?) AND id != ?)",
                              (code, year, serial, pattern.format(code, serial, date),
                               existing.id if existing else -1)).fetchone():
            serial += 1
        if take:
            self._raise_counter(code, year, serial)
        return serial

    def _raise_counter(self, code: str, year: int, serial: int) -> None:
        self.db.execute("INSERT INTO serials (code, year, last) VALUES (?, ?, ?) "
                        "ON CONFLICT (code, year) DO UPDATE SET last = CASE WHEN excluded.last > serials.last "
                        "THEN excluded.last ELSE serials.last END",
                        (code, year, serial))

    def _check_free(self, kind, year, identity, number, code, serial) -> None:
        # a number is never given twice, in any year: a 2022 decree carrying 2021's number (its settings copied
        # by `tahun-baru`) is refused as that number's second use
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE NOT (kind = ? AND year = ? AND identity = ?) AND "
            "(upper(number) = upper(?) OR (code = ? AND year = ? AND serial = ?))",
            (kind, year, identity, number, code, year, serial)).fetchall()
        if rows:
            other = self._entry(rows[0])
            raise NumberTaken(mention(f"Nomor {number} sudah tercatat di register ", self.path,
                                      f" untuk dokumen lain: {other.kind} tanggal {other.date.isoformat()} tentang "
                                      f"{other.subject} (tahun {other.year}, dicatat {other.created_at}). Nomor tidak "
                                      "boleh dipakai dua "
                                      "kali; pakai nomor lain atau hanya kode klasifikasi agar nomor diambil dari "
                                      "register."))

    def record_files(self, entry: Entry, files: Iterable[tuple[Path, str, str, int]],
                     doc_id: str | None = None) -> Entry:
        """Return the entry after recording its written files: (path, format, SHA-256, size) each.

        With `doc_id`, the files carry that document ID, which becomes the entry's ID.
        """
        entry_id = entry.id

        def work():
            self._record_files(entry_id, files, doc_id, _now())
        self._write(work)
        return replace(self.get(entry_id), reused=entry.reused)

    def _record_files(self, entry_id: int, files, doc_id: str | None, now: str, person: str | None = None,
                      subject: str | None = None) -> None:
        for path, fmt, digest, size in files:
            self.db.execute(
                "INSERT INTO files (document_id, path, format, sha256, size, written_at, doc_id, person, subject) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, path, sha256) DO UPDATE SET "
                "written_at = excluded.written_at, doc_id = coalesce(excluded.doc_id, files.doc_id)",
                (entry_id, str(Path(path).resolve()), fmt, digest, size, now, doc_id, person, subject))
        if doc_id is not None:
            # an ID names one document: another entry that held it (never expected) gives it up
            self.db.execute("UPDATE documents SET doc_id = NULL WHERE doc_id = ? AND id != ?", (doc_id, entry_id))
            self.db.execute("UPDATE documents SET doc_id = ? WHERE id = ?", (doc_id, entry_id))
        self.db.execute("UPDATE documents SET issued_at = ? WHERE id = ?", (now, entry_id))

    def record_copy(self, entry: Entry, path: Path, fmt: str, sha256: str, size: int, doc_id: str | None) -> Entry:
        """Return the entry after recording a file made from one of its files (a signed copy), with that
        file's document ID; the entry's own ID stays as it is."""
        def work():
            self.db.execute(
                "INSERT INTO files (document_id, path, format, sha256, size, written_at, doc_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, path, sha256) DO UPDATE SET "
                "written_at = excluded.written_at",
                (entry.id, str(Path(path).resolve()), fmt, sha256, size, _now(), doc_id))
        self._write(work)
        return replace(self.get(entry.id), reused=entry.reused)

    def issue_batch(self, requests: Iterable[IssueRequest]) -> list[Entry]:
        """Return the entries of many unnumbered documents, each issued with its ID and files, in one transaction."""
        return self._write(lambda: list(self._issued(requests)))

    def record_batch(self, requests: Iterable[IssueRequest]) -> int:
        """Issue many unnumbered documents with their IDs and files in one transaction, as `issue_batch`, keeping
        none of their entries (a batch of 250,000 read from a spool); return how many."""
        return self._write(lambda: sum(1 for _ in self._issued(requests)))

    def _issued(self, requests: Iterable[IssueRequest]) -> Iterator[Entry]:
        now = _now()
        for r in requests:
            entry = self._issue(r.kind, r.year, normalize_identity(r.identity), r.date, r.subject, r.code,
                                r.number, r.pattern, r.person, r.inputs_sha256)
            if r.drafted_number is not None and entry.number != r.drafted_number:
                raise NumberMoved(f"nomor {r.drafted_number} telah diambil proses lain; menjadi {entry.number}")
            self._record_files(entry.id, r.files, r.doc_id, now, r.person, r.subject)
            yield replace(entry, doc_id=r.doc_id, issued_at=now)

    # -- the web page's runs --------------------------------------------------------------------------------
    def add_run(self, run_id: str, year: int, state: str, now: float, stale_s: float) -> str | None:
        """Record a new waiting run of `year` (`state` its JSON) unless the year has one waiting or running whose
        beat is newer than `stale_s` seconds; return that one's id then, else None."""
        def work():
            row = self.db.execute("SELECT id FROM runs WHERE year = ? AND status IN ('menunggu', 'berjalan') "
                                  "AND beat > ? ORDER BY created_at DESC", (year, now - stale_s)).fetchone()
            if row:
                return row[0]
            self.db.execute("INSERT INTO runs (id, year, status, owner, beat, state, created_at) "
                            "VALUES (?, ?, 'menunggu', NULL, ?, ?, ?)",
                            (run_id, year, now, state, dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")))
            # the page shows a year's last run only: older ended ones go (a run's state lists every file it wrote)
            self.db.execute("DELETE FROM runs WHERE year = ? AND status NOT IN ('menunggu', 'berjalan') AND id NOT IN "
                            "(SELECT id FROM runs WHERE year = ? ORDER BY created_at DESC LIMIT ?)",
                            (year, year, RUNS_KEPT))
            return None
        return self._write(work)

    def claim_run(self, owner: str, now: float, run_id: str | None = None) -> tuple[str, str] | None:
        """Return (id, state JSON) of the oldest waiting run (or of `run_id`, if waiting), now running by `owner`;
        None when there is none. One transaction: two runners never take the same run."""
        def work():
            sql = "SELECT id, state FROM runs WHERE status = 'menunggu'"
            row = self.db.execute(sql + (" AND id = ?" if run_id else "") + " ORDER BY created_at LIMIT 1",
                                  (run_id,) if run_id else ()).fetchone()
            if row is None:
                return None
            self.db.execute("UPDATE runs SET status = 'berjalan', owner = ?, beat = ? WHERE id = ?",
                            (owner, now, row[0]))
            return row[0], row[1]
        return self._write(work)

    def save_run(self, run_id: str, status: str, state: str, now: float) -> None:
        """Keep a run's state (its JSON) and status, and that its owner is alive at `now`; so are the waiting runs'
        (a runner busy with one run takes the next when it is done: they are not stopped)."""
        def work():
            self.db.execute("UPDATE runs SET status = ?, state = ?, beat = ? WHERE id = ?",
                            (status, state, now, run_id))
            self.db.execute("UPDATE runs SET beat = ? WHERE status = 'menunggu' AND beat < ?", (now, now))
        self._write(work)

    @_reading
    def waiting_run(self) -> bool:
        """Return whether a run waits for a runner (a read: runners look every second without writing)."""
        if "status" not in self._columns("runs"):
            return False
        return self.db.execute("SELECT 1 FROM runs WHERE status = 'menunggu' LIMIT 1").fetchone() is not None

    @_reading
    def last_run(self, year: int) -> tuple[str, str, float] | None:
        """Return (status, state JSON, beat) of the year's latest run, or None (none, or a register made before
        runs were kept here)."""
        if "status" not in self._columns("runs"):
            return None
        row = self.db.execute("SELECT status, state, beat FROM runs WHERE year = ? ORDER BY created_at DESC LIMIT 1",
                              (year,)).fetchone()
        return (row[0], row[1], float(row[2])) if row else None

    # -- document IDs ----------------------------------------------------------------------------------
    def secret(self) -> bytes:
        """Return the register's secret key for document IDs, created (random, 32 bytes) on first use."""
        def work():
            self.db.execute("INSERT INTO info (key, value) VALUES ('id_secret', ?) ON CONFLICT (key) DO NOTHING",
                            (secrets.token_hex(32),))
            return bytes.fromhex(self.db.execute("SELECT value FROM info WHERE key = 'id_secret'").fetchone()[0])
        return self._write(work)

    @_reading
    def fingerprint(self) -> str | None:
        """Return the fingerprint of the register's key (None when no document was ever issued with it)."""
        row = self.db.execute("SELECT value FROM info WHERE key = 'id_secret'").fetchone()
        return key_fingerprint(bytes.fromhex(row[0])) if row else None

    @_reading
    def find_id(self, doc_id: str) -> list[tuple[Entry, tuple[FileRecord, ...]]]:
        """Return the entries that carry this document ID, each with the files written with it."""
        ids = [r[0] for r in self.db.execute(
            "SELECT id FROM documents WHERE doc_id = ? UNION SELECT document_id FROM files WHERE doc_id = ?",
            (doc_id, doc_id))]
        found = []
        for entry_id in sorted(ids):
            entry = self.get(entry_id)
            found.append((entry, tuple(f for f in entry.files if f.doc_id == doc_id)))
        return found

    @_reading
    def find_path(self, path: Path) -> list[tuple[Entry, FileRecord]]:
        """Return the entries and file records written at this path (resolved), newest last."""
        rows = self.db.execute(f"SELECT document_id, {self._file_columns} FROM files "
                               "WHERE path = ? ORDER BY written_at", (str(Path(path).resolve()),)).fetchall()
        return [(self.get(r[0]), FileRecord(*r[1:])) for r in rows]

    # -- reading -------------------------------------------------------------------------------------
    @_reading
    def get(self, entry_id: int) -> Entry:
        """Return one entry with every file ever written for it."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM documents WHERE id = ?", (entry_id,)).fetchone()
        return self._entry(row, with_files=True)

    @_reading
    def entries(self, year: int | None = None, kind: str | None = None) -> list[Entry]:
        """Return the entries, oldest first, optionally of one year or kind."""
        where, args = [], []
        if year is not None:
            where.append("year = ?")
            args.append(year)
        if kind is not None:
            where.append("kind = ?")
            args.append(kind)
        sql = f"SELECT {_COLUMNS} FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.db.execute(sql + " ORDER BY id", args).fetchall()
        return [self._entry(r, with_files=True) for r in rows]

    @_reading
    def find_file(self, sha256: str) -> list[tuple[Entry, FileRecord]]:
        """Return the entries and file records whose file had this SHA-256."""
        rows = self.db.execute(f"SELECT document_id, {self._file_columns} FROM files "
                               "WHERE sha256 = ?", (sha256,)).fetchall()
        return [(self.get(r[0]), FileRecord(*r[1:])) for r in rows]

    @_reading
    def file_sizes(self, upto: int) -> set[int]:
        """Return the sizes of the files recorded, no larger than `upto` (a file of another size is none of them)."""
        return {row[0] for row in self.db.execute("SELECT DISTINCT size FROM files WHERE size <= ?", (upto,))}

    @_reading
    def find_subject(self, subject: str) -> list[Entry]:
        """Return the entries whose subject, or one of whose files' subject, is this one, newest first."""
        ids = [row[0] for row in self.db.execute(
            "SELECT document_id FROM files WHERE subject = ? UNION SELECT id FROM documents WHERE subject = ?",
            (subject, subject))]
        return [self.get(i) for i in sorted(ids, reverse=True)]

    def _entry(self, row, with_files: bool = False) -> Entry:
        values = dict(zip([c.strip() for c in _COLUMNS.split(",")], row))
        values["date"] = dt.date.fromisoformat(values["date"])
        files: tuple[FileRecord, ...] = ()
        if with_files:
            files = tuple(FileRecord(*f) for f in self.db.execute(
                f"SELECT {self._file_columns} FROM files WHERE document_id = ? "
                "ORDER BY written_at, path", (values["id"],)))
        return Entry(**values, files=files)
