"""Locate template files: a unit's own folder first (--templates), then the ones shipped with reportgen."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from reportgen.errors import ReportgenError


def shipped_templates_dir() -> Path:
    """Return the folder of the templates installed with the package."""
    return Path(str(resources.files("reportgen.templates")))


def templates_dir(override: Path | None = None) -> Path:
    """Return the templates folder to use, checking that a unit's own folder is complete."""
    if override is None:
        return shipped_templates_dir()
    override = Path(override)
    if not override.is_dir():
        raise ReportgenError(f"Folder templat tidak ditemukan: {override}")
    needed = [p.name for p in shipped_templates_dir().iterdir() if p.suffix in (".j2", ".css", ".docx")]
    missing = sorted(name for name in needed if not (override / name).is_file())
    if missing:
        raise ReportgenError(f"Folder templat {override} belum lengkap; salin dari templat bawaan "
                             f"(reportgen templat DIR) berkas: {', '.join(missing)}")
    return override
