"""Where the server keeps things: the unit it publishes for (inputs, outputs, register), and its own data folder."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from reportgen.unit import Unit

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # the largest spreadsheet or YAML accepted (a 10,000-row export fits)


@dataclass(frozen=True)
class WebConfig:
    """One unit's server: the unit (inputs, outputs, register, the server's data folder) and its limits."""

    unit: Unit
    max_upload: int = MAX_UPLOAD_BYTES
    jobs: int | None = None       # worker processes of a batch (None: one per core)
    secure_cookie: bool = False   # True behind HTTPS: the session cookie is sent over HTTPS only

    @property
    def inputs(self) -> Path:
        return self.unit.inputs

    @property
    def out(self) -> Path:
        return self.unit.out

    @property
    def data(self) -> Path:
        return self.unit.data

    @property
    def accounts(self) -> Path:
        return self.data / "pengguna.sqlite"

    @property
    def uploads(self) -> Path:
        return self.data / "unggahan"

    @property
    def jobs_folder(self) -> Path:
        return self.data / "proses"

    def session_key(self) -> str:
        """Return the key that signs session cookies, made once and kept in the data folder (owner-only)."""
        path = self.data / "kunci-sesi"
        if not path.is_file():
            self.data.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(48))
        return path.read_text().strip()
