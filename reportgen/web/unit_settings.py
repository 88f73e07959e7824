"""The settings of unit.yaml that every verification code rests on, guarded on the page: the register's place is
never set from it; the unit's name, its head and the verification address are changed only by a head (pimpinan)
account, shown as before and after and confirmed first. Everything else in unit.yaml stays an operator's to
upload."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from reportgen.inputs.profile import Profile
from reportgen.output.atomic import write_atomic

# The settings only a head may change: unit.yaml key, as the page names it, and how it is read from the profile
TRUSTED = (
    ("instansi.kementerian", "Kementerian", lambda p: p.ministry),
    ("instansi.unit", "Nama unit", lambda p: p.unit),
    ("instansi.nama_singkat", "Nama singkat unit", lambda p: p.short_name),
    ("instansi.nama_lengkap", "Nama lengkap unit", lambda p: p.full_name),
    ("pimpinan.nama", "Nama pimpinan", lambda p: p.head.name),
    ("pimpinan.nip", "NIP pimpinan", lambda p: p.head.nip),
    ("pimpinan.jabatan", "Jabatan pimpinan", lambda p: p.head.office),
    ("verifikasi.url", "Alamat verifikasi di kode QR", lambda p: p.verification_url or ""),
)
REGISTER_KEY = "penomoran.register"


@dataclass(frozen=True)
class Change:
    """One trusted setting as it is and as the upload would make it."""

    key: str
    label: str
    before: str
    after: str


def trust_changes(before: Profile | None, after: Profile) -> list[Change]:
    """Return the trusted settings the new profile changes (all it sets, when there is no profile yet)."""
    changes = []
    for key, label, read in TRUSTED:
        old, new = (str(read(before)) if before else ""), str(read(after))
        if old != new:
            changes.append(Change(key, label, old, new))
    return changes


def register_moved(before: Profile | None, after: Profile) -> bool:
    """Return whether the new profile names another register than the current one (or one where none was)."""
    return (after.register_path or None) != ((before.register_path or None) if before else None)


def describe(changes: list[Change]) -> str:
    """Return the changes in one line for the audit log."""
    return "; ".join(f"{c.key}: '{c.before}' -> '{c.after}'" for c in changes)


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, or '' when there is none."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


@dataclass(frozen=True)
class Pending:
    """A head's upload of unit.yaml that changes trusted settings, kept until it is confirmed or cancelled."""

    token: str
    year: int
    user: str
    original: str
    stored: str          # the candidate's file name in the pending folder
    before_sha256: str   # unit.yaml as it was when the change was shown: confirming applies to that one only
    changes: tuple[Change, ...]


class PendingChanges:
    """The pending changes of one server, each a candidate file and its description in data/unggahan/pengaturan/."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def keep(self, year: int, user: str, original: str, candidate: Path, before_sha256: str,
             changes: list[Change]) -> Pending:
        """Keep the candidate aside and return the pending change to show."""
        token = secrets.token_urlsafe(16)
        stored = f"{token}.yaml"
        write_atomic(self.folder / stored, Path(candidate).read_bytes())
        pending = Pending(token, year, user, original[-120:], stored, before_sha256, tuple(changes))
        write_atomic(self.folder / f"{token}.json", json.dumps(asdict(pending), ensure_ascii=False).encode())
        return pending

    def get(self, token: str) -> Pending | None:
        """Return the pending change of this token, or None."""
        if not token or not token.replace("-", "").replace("_", "").isalnum() or len(token) > 64:
            return None
        path = self.folder / f"{token}.json"
        if not path.is_file():
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
        record["changes"] = tuple(Change(**c) for c in record["changes"])
        return Pending(**record)

    def candidate(self, pending: Pending) -> Path:
        return self.folder / pending.stored

    def drop(self, pending: Pending) -> None:
        """Forget a pending change (confirmed or cancelled)."""
        for name in (pending.stored, f"{pending.token}.json"):
            (self.folder / name).unlink(missing_ok=True)
