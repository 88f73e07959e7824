"""Write outputs so that a failed or killed run never leaves a half-written file in their place."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import hashlib
import os
import shutil
from pathlib import Path

from reportgen.errors import OutputError, mention, system_reason

STAGING_PREFIX = ".reportgen-sementara-"
LOCK_PREFIX = ".reportgen-kunci-"
MANIFEST = "manifest.csv"


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file, read as a stream (never whole into memory)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def cannot_write(path: Path, exc: OSError) -> OutputError:
    """Return the error that says a file could not be written into its folder, and why."""
    return OutputError(mention("Tidak dapat menulis ", path, ": folder ", path.parent,
                               f" tidak dapat ditulis ({system_reason(exc)})"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary file renamed into place."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise cannot_write(path, exc) from None


def write_new(path: Path, data: bytes) -> None:
    """Write bytes to `path`, which must not exist: written beside it, then linked into place, so a file that
    appears there meanwhile is never replaced (FileExistsError) and no half-written file is ever seen."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        raise cannot_write(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def ensure_writable_folder(folder: Path) -> None:
    """Raise OutputError "folder ... tidak dapat ditulis" unless a file can be created in `folder`.

    The folder is created when missing. Checked by creating and removing a probe file: permission bits
    say nothing for root, a read-only mount or a path whose parent is a file.
    """
    folder = Path(folder)
    probe = folder / f".reportgen-uji-tulis-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputError(mention("folder ", Path(folder),
                                  f" tidak dapat ditulis ({system_reason(exc)}); pilih folder lain atau periksa izin "
                                  "aksesnya. Tidak ada berkas yang ditulis")) from None


def manifest_files(folder: Path, manifest: str = MANIFEST) -> dict[str, str]:
    """Return the files a folder's manifest says reportgen wrote there: name -> SHA-256 (empty without one)."""
    path = Path(folder) / manifest
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    found: dict[str, str] = {}
    for row in rows:
        for column, name in row.items():
            if column and column.startswith("berkas_") and name:
                fmt = column[len("berkas_"):]
                found[name.lstrip("'")] = row.get(f"sha256_{fmt}", "")
    return found


class StagedFolder:
    """A folder filled beside its final place, then moved into it file by file when every file is written.

    One run at a time writes a folder: a lock file beside it is held from entry to exit, and a second
    run into the same folder is refused with a message. Until `commit()`, the final folder keeps its
    earlier content. The commit replaces only what reportgen wrote: each new file replaces its earlier
    version, a file the previous manifest lists that this run no longer writes is removed, and every
    other file (a signed copy, a file a person put there) stays. The manifest moves last. A run killed
    during the commit leaves every file whole, old or new; the next run removes what it left behind.
    """

    def __init__(self, final: Path, owned: tuple[str, ...] = ()):
        self.final = Path(final)
        self.parent = self.final.parent
        self.staging = self.parent / f"{STAGING_PREFIX}{self.final.name}-{os.getpid()}"
        self.lock_path = self.parent / f"{LOCK_PREFIX}{self.final.name}"
        self.owned = tuple(owned)  # names reportgen always writes here besides the manifest's (a print file)
        self._lock = None

    def __enter__(self) -> "StagedFolder":
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.lock_path, "a+")
        except OSError as exc:
            raise OutputError(f"folder {self.parent} tidak dapat ditulis ({system_reason(exc)}); pilih folder lain "
                              "atau periksa izin aksesnya. Tidak ada berkas yang ditulis") from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            self._lock = None
            raise OutputError(f"Folder {self.final} sedang ditulis oleh proses reportgen lain; tunggu sampai "
                              "proses itu selesai, lalu jalankan lagi") from None
        try:
            for stale in self.parent.glob(f"{STAGING_PREFIX}{self.final.name}-*"):
                shutil.rmtree(stale, ignore_errors=True)  # no other run holds the lock: these are dead runs'
            for part in self.final.glob(".*.part") if self.final.is_dir() else ():
                part.unlink(missing_ok=True)
            self.staging.mkdir()
        except OSError as exc:
            self._unlock()
            raise OutputError(f"Tidak dapat membuat folder keluaran {self.final}: folder {self.parent} tidak dapat "
                              f"ditulis ({system_reason(exc)}). Tidak ada berkas yang ditulis") from None
        return self

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

    def previous(self) -> dict[str, str]:
        """Return what the previous run wrote in the final folder (its manifest): name -> SHA-256."""
        return manifest_files(self.final)

    def commit(self, remove: tuple[str, ...] = ()) -> list[str]:
        """Move the staged files into the final folder, then remove the earlier files named in `remove` that the
        previous manifest lists (reportgen's own, of documents no longer made); return the names removed."""
        earlier = set(self.previous()) | {n for n in self.owned if (self.final / n).exists()}
        new = sorted(p.name for p in self.staging.iterdir())
        try:
            self.final.mkdir(parents=True, exist_ok=True)
            for name in new:
                if name != MANIFEST:
                    os.replace(self.staging / name, self.final / name)
            dropped = sorted((earlier & set(remove)) - set(new) - {MANIFEST})
            for name in dropped:
                (self.final / name).unlink(missing_ok=True)
            if MANIFEST in new:
                os.replace(self.staging / MANIFEST, self.final / MANIFEST)
        except OSError as exc:
            raise OutputError(f"Tidak dapat memindahkan hasil ke {self.final}: {system_reason(exc)}") from None
        return dropped


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
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise OutputError(mention("Tidak dapat menulis ", Path(path), ": folder ", Path(path.parent),
                                      f" tidak dapat ditulis ({system_reason(exc)}). Tidak ada berkas yang "
                                      "ditulis")) from None
        self.staged.append((tmp, path))

    def commit(self) -> None:
        """Rename every staged copy to its final name."""
        try:
            while self.staged:
                tmp, path = self.staged[0]
                os.replace(tmp, path)
                self.staged.pop(0)
        except OSError as exc:
            raise OutputError(mention("Tidak dapat memindahkan hasil ke ", Path(path),
                                      f": {system_reason(exc)}")) from None

    def discard(self) -> None:
        """Remove the staged copies not yet committed."""
        for tmp, _ in self.staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        self.staged.clear()
