"""The server's accounts (SQLite in the data folder): names, roles and argon2 password hashes."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from reportgen.errors import ReportgenError

ROLES = ("operator", "pimpinan")
ROLE_NAMES = {"operator": "Operator", "pimpinan": "Pimpinan"}
MIN_PASSWORD = 10
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
_HASHER = PasswordHasher()
_SCHEMA = """CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created_at TEXT NOT NULL)"""


@dataclass(frozen=True)
class User:
    """A signed-in person: account name and role."""

    name: str
    role: str


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    db.execute(_SCHEMA)
    return db


def add_user(path: Path, name: str, password: str, role: str = "operator") -> User:
    """Create or replace an account; the password is stored only as an argon2 hash."""
    name = name.strip().lower()
    if not _NAME.match(name):
        raise ReportgenError(f"Nama pengguna '{name}' tidak dapat dipakai: 2-32 huruf kecil, angka, titik, "
                             "garis bawah atau tanda hubung, diawali huruf atau angka")
    if role not in ROLES:
        raise ReportgenError(f"Peran '{role}' tidak dikenal: pilih {' atau '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise ReportgenError(f"Kata sandi terlalu pendek: paling sedikit {MIN_PASSWORD} karakter")
    db = _open(Path(path))
    try:
        db.execute("INSERT OR REPLACE INTO users (name, role, hash, created_at) "
                   "VALUES (?, ?, ?, datetime('now'))", (name, role, _HASHER.hash(password)))
    finally:
        db.close()
    return User(name, role)


def check_password(path: Path, name: str, password: str) -> User | None:
    """Return the account when the password is right, else None (same work for unknown names)."""
    row = None
    if Path(path).is_file():
        db = _open(Path(path))
        try:
            row = db.execute("SELECT name, role, hash FROM users WHERE name = ?", (name.strip().lower(),)).fetchone()
        finally:
            db.close()
    stored = row[2] if row else _DUMMY
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row[0], row[1]) if row else None


def count_users(path: Path) -> int:
    """Return how many accounts exist."""
    if not Path(path).is_file():
        return 0
    db = _open(Path(path))
    try:
        return db.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    finally:
        db.close()


_DUMMY = _HASHER.hash("tidak-ada-akun-dengan-kata-sandi-ini")
