"""Write outputs so that a failed or killed run never leaves a half-written file in their place."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from pathlib import Path

from reportgen.errors import OutputError

STAGING_PREFIX = ".reportgen-sementara-"
BACKUP_PREFIX = ".reportgen-lama-"
LOCK_PREFIX = ".reportgen-kunci-"


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary file renamed into place."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"Tidak dapat menulis {path}: {exc.strerror}") from None


class StagedFolder:
    """A folder filled beside its final place and swapped in whole when every file is written.

    One run at a time writes a folder: a lock file beside it is held from entry to exit, and a second
    run into the same folder is refused with a message. Until `commit()`, the final folder keeps its
    earlier content. The swap keeps the earlier folder under a backup name until the new one is in
    place; a run killed at any point leaves the old or the new folder whole, and the next run puts
    back the old one if the new one never arrived, and removes what a dead run left behind.
    """

    def __init__(self, final: Path):
        self.final = Path(final)
        self.parent = self.final.parent
        self.staging = self.parent / f"{STAGING_PREFIX}{self.final.name}-{os.getpid()}"
        self.backup = self.parent / f"{BACKUP_PREFIX}{self.final.name}"
        self.lock_path = self.parent / f"{LOCK_PREFIX}{self.final.name}"
        self._lock = None

    def __enter__(self) -> "StagedFolder":
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.lock_path, "a+")
        except OSError as exc:
            raise OutputError(f"Folder keluaran {self.parent} tidak dapat ditulis ({exc.strerror})") from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            self._lock = None
            raise OutputError(f"Folder {self.final} sedang ditulis oleh proses reportgen lain; tunggu sampai "
                              "proses itu selesai, lalu jalankan lagi") from None
        try:
            self._recover()
            self.staging.mkdir()
        except OSError as exc:
            self._unlock()
            raise OutputError(f"Tidak dapat membuat folder keluaran {self.parent}: {exc.strerror}") from None
        return self

    def _recover(self) -> None:
        """Undo what a killed run left: its staging folders, and a swap stopped halfway."""
        for stale in self.parent.glob(f"{STAGING_PREFIX}{self.final.name}-*"):
            shutil.rmtree(stale, ignore_errors=True)  # no other run holds the lock: these are dead runs'
        if self.backup.exists():
            if self.final.exists():
                shutil.rmtree(self.backup, ignore_errors=True)
            else:
                os.replace(self.backup, self.final)

    def _unlock(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()

    def commit(self) -> None:
        """Replace the final folder by the staged one."""
        try:
            if self.final.exists():
                os.replace(self.final, self.backup)
            os.replace(self.staging, self.final)
        except OSError as exc:
            raise OutputError(f"Tidak dapat memindahkan hasil ke {self.final}: {exc.strerror}") from None
        shutil.rmtree(self.backup, ignore_errors=True)


class StagedFiles:
    """Files written beside their final names, then renamed into place together by `commit()`.

    Until `commit()`, every final file keeps its earlier content; `discard()` (or leaving the block
    without a commit) removes the staged copies.
    """

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path]] = []  # (staged copy, final path)

    def __enter__(self) -> "StagedFiles":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.discard()

    def add(self, path: Path, data: bytes) -> None:
        """Write `data` as the staged copy of `path`."""
        path = Path(path)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise OutputError(f"Tidak dapat menulis {path}: folder {path.parent} tidak dapat ditulis "
                              f"({exc.strerror})") from None
        self.staged.append((tmp, path))

    def commit(self) -> None:
        """Rename every staged copy to its final name."""
        try:
            while self.staged:
                tmp, path = self.staged[0]
                os.replace(tmp, path)
                self.staged.pop(0)
        except OSError as exc:
            raise OutputError(f"Tidak dapat memindahkan hasil ke {path}: {exc.strerror}") from None

    def discard(self) -> None:
        """Remove the staged copies not yet committed."""
        for tmp, _ in self.staged:
            tmp.unlink(missing_ok=True)
        self.staged.clear()
