"""Render one document to each chosen format, in memory: bytes per format and the PDF's page count.

A document whose contents need the pages of its headings (a table of contents in the DOCX) is laid
out as PDF first; the pages read from that layout are handed to its `paginate` step before the DOCX
is written, so both formats show the same page numbers.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reportgen.model.blocks import Document
from reportgen.render.docx import DocxWriter
from reportgen.render.paginate import anchor_pages
from reportgen.render.pdf import PdfRenderer, pdf_options
from reportgen.render.roomy_stack import roomy

Paginate = Callable[[Document, dict[str, str]], Document]


@dataclass(frozen=True)
class RenderedDocument:
    """One document's files in memory: format -> bytes, and the page count of its PDF layout (None without PDF)."""

    files: dict[str, bytes]
    pages: int | None


class Renderers:
    """The writers of one templates folder, built once and used for every document of a run."""

    def __init__(self, templates: Path):
        self.templates = Path(templates)
        self._pdf: PdfRenderer | None = None
        self._docx: DocxWriter | None = None

    @property
    def pdf(self) -> PdfRenderer:
        if self._pdf is None:
            self._pdf = PdfRenderer(self.templates)
        return self._pdf

    @property
    def docx(self) -> DocxWriter:
        if self._docx is None:
            self._docx = DocxWriter(self.templates / "reference.docx")
        return self._docx

    def render(self, document: Document, formats: tuple[str, ...], pdfa: bool = False,
               paginate: Paginate | None = None) -> RenderedDocument:
        """Return the document in every format of `formats` (the PDF as PDF/A-2b with `pdfa`)."""
        files: dict[str, bytes] = {}
        pages = None
        if "pdf" in formats or paginate is not None:
            pdf, pages, anchors = self._pdf_with_anchors(document, pdfa, "pdf" in formats)
            if pdf is not None:
                files["pdf"] = pdf
            if paginate is not None:
                document = paginate(document, anchors)
        if "docx" in formats:
            files["docx"] = self.docx.render(document)
        return RenderedDocument(files, pages)

    @roomy
    def _pdf_with_anchors(self, document: Document, pdfa: bool, write: bool):
        laid_out = self.pdf.lay_out([document])
        anchors = anchor_pages(laid_out)
        # the layout's cyclic garbage, before the PDF is written beside its pages: a long document's peak
        # memory falls by about a tenth (2,000-row plan: 632 to 558 MB) for one collection
        gc.collect()
        return (laid_out.write_pdf(**pdf_options(pdfa)) if write else None), len(laid_out.pages), anchors
