"""Write block-tree documents as PDF: HTML from the templates, laid out by WeasyPrint.

Many documents are laid out in one WeasyPrint call, then split per document with pypdf.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ..model import blocks as b
from .html import HtmlWriter

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def _pdf_date(meta: b.DocumentMeta) -> str:
    return f"D:{meta.date:%Y%m%d}000000Z"


class PdfRenderer:
    """Lay out documents with WeasyPrint; stylesheet and templates compiled once per instance."""

    def __init__(self, templates_dir: Path):
        self.templates_dir = Path(templates_dir)
        self.html = HtmlWriter(self.templates_dir)
        self.fonts = FontConfiguration()
        self.css = CSS(filename=str(self.templates_dir / "print.css"), font_config=self.fonts)

    def layout(self, documents: list[b.Document], meta: b.DocumentMeta | None = None):
        """Return the WeasyPrint document of the given documents, one after another."""
        text = self.html.render(documents, meta)
        html = HTML(string=text, base_url=str(self.templates_dir) + "/")
        return html.render(stylesheets=[self.css], font_config=self.fonts)

    def render(self, document: b.Document) -> bytes:
        """Return the PDF bytes of one document."""
        return self.layout([document]).write_pdf(pdf_identifier=False)

    def render_batch(self, documents: list[b.Document],
                     meta: b.DocumentMeta) -> tuple[bytes, list[bytes], list[int]]:
        """Return the combined PDF of the documents, one PDF per document, and their page counts."""
        laid_out = self.layout(documents, meta)
        pages_per_document = [0] * len(documents)
        index = -1
        seen: set[str] = set()
        for page in laid_out.pages:
            # a document split over pages has its anchor on each of them: count only its first page
            starts = {name for name in page.anchors if name.startswith("dokumen-")} - seen
            seen |= starts
            index += len(starts)
            pages_per_document[max(index, 0)] += 1
        combined = laid_out.write_pdf(pdf_identifier=False)
        return combined, split_pdf(combined, pages_per_document, documents), pages_per_document


def split_pdf(combined: bytes, page_counts: list[int], documents: list[b.Document]) -> list[bytes]:
    """Return one PDF per document, cutting `combined` by the documents' page counts."""
    reader = PdfReader(io.BytesIO(combined))
    outputs = []
    start = 0
    for count, document in zip(page_counts, documents):
        writer = PdfWriter()
        for number in range(start, start + count):
            writer.add_page(reader.pages[number])
        start += count
        meta = document.meta
        writer.add_metadata({
            "/Title": meta.title, "/Author": meta.author, "/Subject": meta.subject,
            "/Keywords": ", ".join(meta.keywords), "/Creator": "reportgen", "/Producer": "reportgen",
            "/CreationDate": _pdf_date(meta), "/ModDate": _pdf_date(meta),
        })
        buffer = io.BytesIO()
        writer.write(buffer)
        outputs.append(buffer.getvalue())
    return outputs
