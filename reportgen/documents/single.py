"""Render one document to the chosen formats and write them only once all are rendered."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import ReportgenError
from reportgen.render.fonts import undrawable
from reportgen.model.blocks import Document, document_texts
from reportgen.output.atomic import sha256, write_atomic
from reportgen.render.docx import DocxWriter
from reportgen.render.pdf import PdfRenderer
from reportgen.render.template_folder import templates_dir


def check_drawable(document: Document) -> None:
    """Raise ReportgenError when some text of the document holds a character no installed font has."""
    found = []
    for text in document_texts(document):
        missing = undrawable(text)
        if missing:
            chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
            found.append(f"  - {chars} dalam: {text[:80]}")
    if found:
        raise ReportgenError("Ada karakter yang tidak dapat dicetak karena tidak ada huruf (font) terpasang "
                             "yang memilikinya; ganti atau hapus di masukan:\n" + "\n".join(found))


def render_document(document: Document, formats: tuple[str, ...], templates: Path | None = None,
                    pdfa: bool = False) -> dict[str, bytes]:
    """Return format -> bytes of one document (the PDF as PDF/A-2b with `pdfa`)."""
    check_drawable(document)
    tpl = templates_dir(templates)
    rendered: dict[str, bytes] = {}
    if "pdf" in formats:
        rendered["pdf"] = PdfRenderer(tpl).render(document, pdfa=pdfa)
    if "docx" in formats:
        rendered["docx"] = DocxWriter(tpl / "reference.docx").render(document)
    return rendered


def write_document(document: Document, folder: Path, stem: str, formats: tuple[str, ...],
                   templates: Path | None = None, pdfa: bool = False) -> dict[str, tuple[Path, str]]:
    """Render the document, then write `stem.pdf`/`stem.docx` atomically; return format -> (path, SHA-256).

    Nothing is written when rendering fails, and an earlier file stays until its replacement is complete.
    """
    rendered = render_document(document, formats, templates, pdfa=pdfa)
    written = {}
    for fmt, data in rendered.items():
        path = Path(folder) / f"{stem}.{fmt}"
        write_atomic(path, data)
        written[fmt] = (path, sha256(data))
    return written
