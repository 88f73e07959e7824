"""The server's accounts and sessions (SQLite in the data folder): names, roles, argon2 password hashes, and the
sessions signed in with them, so that a session ends on the server (logout, a new password or role, a disabled
or deleted account, idle or too old) whatever a copied cookie says."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from reportgen.errors import ReportgenError

ROLES = ("operator", "pimpinan")
ROLE_NAMES = {"operator": "Operator", "pimpinan": "Pimpinan"}
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # longer is no stronger, only slower to hash
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
_HASHER = PasswordHasher()
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS users (
        name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS sessions (
        token_hash TEXT PRIMARY KEY, name TEXT NOT NULL, created REAL NOT NULL, seen REAL NOT NULL,
        address TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX IF NOT EXISTS sessions_by_name ON sessions (name)",
)
_ADDED_COLUMNS = (("users", "active", "INTEGER NOT NULL DEFAULT 1"),
                  ("users", "changed_at", "TEXT"))


@dataclass(frozen=True)
class User:
    """A signed-in person: account name and role."""

    name: str
    role: str


@dataclass(frozen=True)
class Account:
    """An account as `reportgen pengguna daftar` lists it."""

    name: str
    role: str
    active: bool
    created_at: str
    changed_at: str | None
    sessions: int


def normal_name(name: str) -> str:
    """Return an account name as it is stored and counted: trimmed and case-folded."""
    return str(name).strip().casefold()


def _open(path: Path) -> sqlite3.Connection:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():  # owner-only from the first byte: it holds the password hashes
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    for statement in _SCHEMA:
        db.execute(statement)
    present = {row[1] for row in db.execute("PRAGMA table_info(users)")}
    for table, column, sql_type in _ADDED_COLUMNS:
        if column not in present:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")
    return db


def _check_name(name: str) -> str:
    name = normal_name(name)
    if not _NAME.match(name):
        raise ReportgenError(f"Nama pengguna '{name}' tidak dapat dipakai: 2-32 huruf kecil, angka, titik, "
                             "garis bawah atau tanda hubung, diawali huruf atau angka")
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ReportgenError(f"Kata sandi terlalu pendek: paling sedikit {MIN_PASSWORD} karakter")
    if len(password) > MAX_PASSWORD:
        raise ReportgenError(f"Kata sandi terlalu panjang: paling banyak {MAX_PASSWORD} karakter")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ReportgenError(f"Peran '{role}' tidak dikenal: pilih {' atau '.join(ROLES)}")


def add_user(path: Path, name: str, password: str, role: str = "operator") -> User:
    """Create or replace an account (a replaced one is active again and its sessions end); the password is
    stored only as an argon2 hash."""
    name = _check_name(name)
    _check_role(role)
    _check_password(password)
    db = _open(Path(path))
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT OR REPLACE INTO users (name, role, hash, created_at, active, changed_at) "
                   "VALUES (?, ?, ?, COALESCE((SELECT created_at FROM users WHERE name = ?), datetime('now')), 1, "
                   "datetime('now'))", (name, role, _HASHER.hash(password), name))
        db.execute("DELETE FROM sessions WHERE name = ?", (name,))
        db.execute("COMMIT")
    finally:
        db.close()
    return User(name, role)


def _change(path: Path, name: str, sql: str, args: tuple) -> None:
    """Run one change of an existing account and end its sessions; raise when there is no such account."""
    name = normal_name(name)
    db = _open(Path(path))
    try:
        db.execute("BEGIN IMMEDIATE")
        changed = db.execute(sql, args + (name,)).rowcount
        db.execute("DELETE FROM sessions WHERE name = ?", (name,))
        db.execute("COMMIT")
    finally:
        db.close()
    if not changed:
        raise ReportgenError(f"Tidak ada akun bernama '{name}' (lihat: reportgen pengguna daftar)")


def set_password(path: Path, name: str, password: str) -> None:
    """Give an account a new password; its sessions end."""
    _check_password(password)
    _change(path, name, "UPDATE users SET hash = ?, changed_at = datetime('now') WHERE name = ?",
            (_HASHER.hash(password),))


def set_role(path: Path, name: str, role: str) -> None:
    """Give an account another role; its sessions end."""
    _check_role(role)
    _change(path, name, "UPDATE users SET role = ?, changed_at = datetime('now') WHERE name = ?", (role,))


def set_active(path: Path, name: str, active: bool) -> None:
    """Disable an account (its sessions end and it cannot sign in) or enable it again."""
    _change(path, name, "UPDATE users SET active = ?, changed_at = datetime('now') WHERE name = ?", (int(active),))


def delete_user(path: Path, name: str) -> None:
    """Delete an account and its sessions."""
    _change(path, name, "DELETE FROM users WHERE name = ?", ())


def list_users(path: Path) -> list[Account]:
    """Return every account with its number of open sessions."""
    if not Path(path).is_file():
        return []
    db = _open(Path(path))
    try:
        rows = db.execute("SELECT u.name, u.role, u.active, u.created_at, u.changed_at, "
                          "(SELECT COUNT(*) FROM sessions s WHERE s.name = u.name) FROM users u ORDER BY u.name")
        return [Account(r[0], r[1], bool(r[2]), r[3], r[4], r[5]) for r in rows]
    finally:
        db.close()


def check_password(path: Path, name: str, password: str) -> User | None:
    """Return the account when it is active and the password is right, else None (the same work for an unknown
    name)."""
    row = None
    if Path(path).is_file():
        db = _open(Path(path))
        try:
            row = db.execute("SELECT name, role, hash, active FROM users WHERE name = ?",
                             (normal_name(name),)).fetchone()
        finally:
            db.close()
    stored = row[2] if row else _DUMMY
    try:
        _HASHER.verify(stored, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return None
    return User(row[0], row[1]) if row and row[3] else None


def count_users(path: Path) -> int:
    """Return how many accounts exist."""
    if not Path(path).is_file():
        return 0
    db = _open(Path(path))
    try:
        return db.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    finally:
        db.close()


# ---------------------------------------------------------------- sessions


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()  # a copy of the table opens no session


def open_session(path: Path, user: User, address: str) -> str:
    """Return the token of a new session of the user (kept only as its hash); sessions long ended are dropped."""
    token = secrets.token_urlsafe(32)
    now = time.time()
    db = _open(Path(path))
    try:
        db.execute("DELETE FROM sessions WHERE seen < ?", (now - 7 * 24 * 3600,))
        db.execute("INSERT INTO sessions (token_hash, name, created, seen, address) VALUES (?, ?, ?, ?, ?)",
                   (_token_hash(token), user.name, now, now, address[:64]))
    finally:
        db.close()
    return token


def session_user(path: Path, token: str, idle: float, longest: float) -> User | None:
    """Return the user of a session still open (neither idle longer than `idle` seconds nor older than `longest`,
    its account active), noting that it was used; None otherwise (an ended session is dropped)."""
    if not token or not Path(path).is_file():
        return None
    now = time.time()
    key = _token_hash(token)
    db = _open(Path(path))
    try:
        row = db.execute("SELECT s.created, s.seen, u.name, u.role, u.active FROM sessions s "
                         "JOIN users u ON u.name = s.name WHERE s.token_hash = ?", (key,)).fetchone()
        if row is None:
            return None
        created, seen, name, role, active = row
        if not active or now - seen > idle or now - created > longest:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (key,))
            return None
        if now - seen > 30:  # one write a half-minute, not one a request
            db.execute("UPDATE sessions SET seen = ? WHERE token_hash = ?", (now, key))
        return User(name, role)
    finally:
        db.close()


def close_session(path: Path, token: str) -> None:
    """End one session (logout)."""
    if token and Path(path).is_file():
        db = _open(Path(path))
        try:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))
        finally:
            db.close()


_DUMMY = _HASHER.hash("tidak-ada-akun-dengan-kata-sandi-ini")
