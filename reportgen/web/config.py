"""Where the server keeps things and what it allows: the unit it publishes for (inputs, outputs, register), its own
data folder (owner-only), and its limits (upload sizes per route, how many at once, how often, how long a session
lives)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.inputs.profile import MAX_LOGO_BYTES
from reportgen.trust.check import PUBLIC_LIMITS
from reportgen.unit import Unit

MIB = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MIB  # the largest spreadsheet accepted (a 10,000-row export fits)


@dataclass(frozen=True)
class Limits:
    """What the server accepts: bytes per route while the body streams, how many at once, how often per address."""

    workbook: int = MAX_UPLOAD_BYTES       # a spreadsheet (XLSX)
    settings: int = 1 * MIB                # a settings file (YAML)
    picture: int = MAX_LOGO_BYTES          # the logo (PNG), as large as unit.yaml's loader takes it
    public_check: int = PUBLIC_LIMITS.pdf_bytes  # a PDF or DOCX a stranger checks
    certificate: int = 512 * 1024          # the leader's PKCS#12 certificate
    form: int = 64 * 1024                  # any other form
    uploads_at_once: int = 2               # uploads read and checked at the same time (the others wait a little)
    checks_at_once: int = 2                # public file checks at the same time
    wait_seconds: float = 1.0              # how long an upload waits for its turn before it is told to come back
    check_wait_seconds: float = 0.5        # and a public check (a stranger's answer stays quick, even when "busy")
    checks_per_minute: int = 12            # public file checks per address
    codes_per_minute: int = 120            # public code look-ups per address
    sign_ins_at_once: int = 2              # password checks at the same time (argon2 takes 64 MB each)
    failures_per_address: int = 10         # failed sign-ins per address in `window`, then it waits
    failures_per_name: int = 5             # failed sign-ins per account in `window`, then each try is delayed
    window: float = 300.0                  # seconds
    longest_delay: float = 60.0            # the longest an account's next try is delayed


@dataclass(frozen=True)
class WebConfig:
    """One unit's server: the unit (inputs, outputs, register, the server's data folder) and its limits."""

    unit: Unit
    jobs: int | None = None       # worker processes of a batch (None: one per core)
    cluster: str | None = None    # a Dask scheduler's address: batches rendered there (--klaster)
    storage: str | None = None    # where the cluster's workers write, when the output folder is not shared
    apart: bool = False           # runs executed by a runner process of their own (`reportgen web` always), not by
                                  # a thread of the app rendering in its own process alone (tests)
    secure_cookie: bool = False   # True behind HTTPS: the session cookie is sent over HTTPS only
    limits: Limits = field(default_factory=Limits)
    idle_minutes: float = 60      # a session unused this long ends
    session_hours: float = 12     # and every session ends this long after signing in

    @property
    def max_upload(self) -> int:
        """Return the largest upload of the year's inputs (a spreadsheet)."""
        return self.limits.workbook

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
    def audit(self) -> Path:
        return self.data / "audit.sqlite"

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
            self.data.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(48))
        return path.read_text().strip()


def private_folder(folder: Path) -> None:
    """Make the data folder owner-only: the folder and every folder in it 0700, every file 0600 (a folder moved
    from an earlier version's outputs/server had its accounts readable by all)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    for root, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(root, name), 0o700)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o600)
