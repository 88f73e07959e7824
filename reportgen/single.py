"""Render one document to the chosen formats and write them only once all are rendered."""

from __future__ import annotations

from pathlib import Path

from .model.blocks import Document
from .outputs import sha256, write_atomic
from .render.docx import DocxWriter
from .render.pdf import PdfRenderer
from .resources import templates_dir


def render_document(document: Document, formats: tuple[str, ...], templates: Path | None = None) -> dict[str, bytes]:
    """Return format -> bytes of one document."""
    tpl = templates_dir(templates)
    rendered: dict[str, bytes] = {}
    if "pdf" in formats:
        rendered["pdf"] = PdfRenderer(tpl).render(document)
    if "docx" in formats:
        rendered["docx"] = DocxWriter(tpl / "reference.docx").render(document)
    return rendered


def write_document(document: Document, folder: Path, stem: str, formats: tuple[str, ...],
                   templates: Path | None = None) -> dict[str, tuple[Path, str]]:
    """Render the document, then write `stem.pdf`/`stem.docx` atomically; return format -> (path, SHA-256).

    Nothing is written when rendering fails, and an earlier file stays until its replacement is complete.
    """
    rendered = render_document(document, formats, templates)
    written = {}
    for fmt, data in rendered.items():
        path = Path(folder) / f"{stem}.{fmt}"
        write_atomic(path, data)
        written[fmt] = (path, sha256(data))
    return written
