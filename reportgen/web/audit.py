"""The server's audit log (SQLite in the data folder): who uploaded, generated, replaced, signed, downloaded or
changed a setting, when and from which address; only added to, read on the head's page."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reportgen.web.wording import moment

# What was done, as the page names it
ACTIONS = {
    "masuk": "Masuk",
    "keluar": "Keluar",
    "unggah": "Unggah berkas masukan",
    "unggah-ditolak": "Unggahan ditolak",
    "buat": "Buat dokumen",
    "ganti": "Ganti dokumen lama",
    "tahun-baru": "Mulai tahun baru",
    "tandatangani": "Tanda tangan elektronik",
    "unduh": "Unduh",
    "pengaturan": "Ubah pengaturan unit",
    "pengaturan-ditolak": "Ubah pengaturan unit ditolak",
}
_SCHEMA = """CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, address TEXT NOT NULL, action TEXT NOT NULL,
    detail TEXT NOT NULL)"""
SHOWN = 500  # rows on one page


@dataclass(frozen=True)
class Event:
    """One line of the audit log."""

    at: str
    user: str
    address: str
    action: str
    detail: str

    @property
    def label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def shown(self) -> str:
        """Return the moment as the page says it (the stored ISO text when it cannot be read)."""
        try:
            return moment(dt.datetime.fromisoformat(self.at), seconds=True)
        except ValueError:
            return self.at


class AuditLog:
    """The audit log of one server."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        db.execute(_SCHEMA)
        return db

    def add(self, user: str, address: str, action: str, detail: str = "") -> None:
        """Write one event, now."""
        db = self._open()
        try:
            db.execute("INSERT INTO audit (at, user, address, action, detail) VALUES (?, ?, ?, ?, ?)",
                       (dt.datetime.now().astimezone().isoformat(timespec="seconds"), user or "-",
                        (address or "?")[:64], action, detail[:2000]))
        finally:
            db.close()

    def events(self, user: str = "", action: str = "", limit: int = SHOWN) -> list[Event]:
        """Return the latest events, newest first, of one user and one action when given."""
        if not self.path.is_file():
            return []
        where, args = [], []
        if user:
            where.append("user = ?")
            args.append(user)
        if action:
            where.append("action = ?")
            args.append(action)
        sql = "SELECT at, user, address, action, detail FROM audit"
        if where:
            sql += " WHERE " + " AND ".join(where)
        db = self._open()
        try:
            return [Event(*row) for row in db.execute(sql + " ORDER BY id DESC LIMIT ?", (*args, limit))]
        finally:
            db.close()
