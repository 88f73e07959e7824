"""Write outputs so that a failed or killed run never leaves a half-written file in their place."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

from reportgen.errors import OutputError

STAGING_PREFIX = ".reportgen-sementara-"


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
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise OutputError(f"Tidak dapat menulis {path}: folder {path.parent} tidak dapat ditulis "
                          f"({exc.strerror or exc})") from None


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
        raise OutputError(f"folder {folder} tidak dapat ditulis ({exc.strerror or exc}); pilih folder lain "
                          "atau periksa izin aksesnya. Tidak ada berkas yang ditulis") from None


class StagedFolder:
    """A folder filled beside its final place and swapped in whole when every file is written.

    Until `commit()`, the final folder keeps its earlier content; a run that fails or is killed leaves
    at most a hidden staging folder, removed by the next run.
    """

    def __init__(self, final: Path):
        self.final = Path(final)
        self.parent = self.final.parent
        self.staging = self.parent / f"{STAGING_PREFIX}{self.final.name}-{os.getpid()}"

    def __enter__(self) -> "StagedFolder":
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            for stale in self.parent.glob(f"{STAGING_PREFIX}{self.final.name}-*"):
                shutil.rmtree(stale, ignore_errors=True)
            self.staging.mkdir()
        except OSError as exc:
            raise OutputError(f"Tidak dapat membuat folder keluaran {self.final}: folder {self.parent} tidak dapat "
                              f"ditulis ({exc.strerror or exc}). Tidak ada berkas yang ditulis") from None
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    def commit(self) -> None:
        """Replace the final folder by the staged one."""
        old = self.parent / f"{STAGING_PREFIX}{self.final.name}-{os.getpid()}-lama"
        try:
            if self.final.exists():
                os.replace(self.final, old)
            os.replace(self.staging, self.final)
        except OSError as exc:
            raise OutputError(f"Tidak dapat memindahkan hasil ke {self.final}: {exc.strerror}") from None
        shutil.rmtree(old, ignore_errors=True)
