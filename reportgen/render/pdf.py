"""Write block-tree documents as PDF: HTML from the templates, laid out by WeasyPrint.

Many documents are laid out in one WeasyPrint call, then split per document with pypdf.
"""

from __future__ import annotations

import copy
import io
import logging
from pathlib import Path

import pikepdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import Destination, DictionaryObject, Fit, NameObject
from weasyprint import CSS
from weasyprint.text.fonts import FontConfiguration

from reportgen.model import blocks as b
from reportgen.render.html import HtmlWriter
from reportgen.render.look_css import stylesheet_of
from reportgen.render.roomy_stack import roomy
from reportgen.render.weasy import LightHtml

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def pdf_date(meta: b.DocumentMeta) -> str:
    return f"D:{meta.date:%Y%m%d}000000Z"


# PDF/A-2b for the archive: fonts embedded, sRGB output intent, XMP metadata; the file identifier
# is an MD5 of the content, so the same document still gives the same bytes.
PDFA_OPTIONS = {"pdf_variant": "pdf/a-2b", "pdf_identifier": True}
PLAIN_OPTIONS = {"pdf_identifier": False}


def pdf_options(pdfa: bool) -> dict:
    """Return WeasyPrint's write_pdf options: PDF/A-2b or plain PDF."""
    return dict(PDFA_OPTIONS if pdfa else PLAIN_OPTIONS)


def write_pages(laid_out, pages, meta: b.DocumentMeta, pdfa: bool) -> bytes:
    """Return the PDF of some laid-out pages with one document's metadata (used for PDF/A, whose catalog
    entries a split by pypdf would lose)."""
    part = laid_out.copy(pages)
    part.metadata = copy.copy(laid_out.metadata)
    part.metadata.title = meta.title
    part.metadata.authors = [meta.author]
    part.metadata.description = meta.subject
    part.metadata.keywords = list(meta.keywords)
    part.metadata.created = part.metadata.modified = f"{meta.date.isoformat()}T00:00:00Z"
    return part.write_pdf(**pdf_options(pdfa))


class PdfRenderer:
    """Lay out documents with WeasyPrint; stylesheet and templates compiled once per instance."""

    def __init__(self, templates_dir: Path):
        self.templates_dir = Path(templates_dir)
        self.html = HtmlWriter(self.templates_dir)
        self.fonts = FontConfiguration()
        # the look of every style, generated from reference.docx, then what Word cannot say (print.css)
        self.look_css = CSS(string=stylesheet_of(self.templates_dir / "reference.docx"), font_config=self.fonts)
        self.css = CSS(filename=str(self.templates_dir / "print.css"), font_config=self.fonts)

    def lay_out(self, documents: list[b.Document], meta: b.DocumentMeta | None = None):
        """Return the WeasyPrint document of the given documents, one after another (called from a roomy stack:
        `layout` is the same with one)."""
        text = self.html.render(documents, meta)
        html = LightHtml.from_text(text, base_url=str(self.templates_dir) + "/")
        return html.render(stylesheets=[self.look_css, self.css], font_config=self.fonts)

    layout = roomy(lay_out)  # the entry points run with a roomy stack once, and call lay_out inside it

    @roomy
    def render(self, document: b.Document, pdfa: bool = False) -> bytes:
        """Return the PDF bytes of one document (PDF/A-2b with `pdfa`)."""
        return self.lay_out([document]).write_pdf(**pdf_options(pdfa))

    @roomy
    def render_batch(self, documents: list[b.Document], meta: b.DocumentMeta,
                     pdfa: bool = False) -> tuple[bytes, list[bytes], list[int]]:
        """Return the combined PDF of the documents, one PDF per document, and their page counts.

        With `pdfa`, every file is PDF/A-2b: each document is written from the layout on its own.
        """
        laid_out = self.lay_out(documents, meta)
        pages_per_document = [0] * len(documents)
        index = -1
        seen: set[str] = set()
        for page in laid_out.pages:
            # a document split over pages has its anchor on each of them: count only its first page
            starts = {name for name in page.anchors if name.startswith("dokumen-")} - seen
            seen |= starts
            index += len(starts)
            pages_per_document[max(index, 0)] += 1
        combined = laid_out.write_pdf(**pdf_options(pdfa))
        if pdfa:
            singles, start = [], 0
            for count, document in zip(pages_per_document, documents):
                singles.append(write_pages(laid_out, laid_out.pages[start:start + count], document.meta, True))
                start += count
            return combined, singles, pages_per_document
        del laid_out  # free the layout's boxes first, or the collector walks them again and again while splitting
        return combined, split_pdf(combined, pages_per_document, documents), pages_per_document


def _pictures_drawn(combined: bytes) -> list[set[str]]:
    """Return the names of the pictures (XObjects) each page of a PDF draws, as qpdf reads its content streams
    (with the forms drawn with the page's resources)."""
    with pikepdf.open(io.BytesIO(combined)) as pdf:
        pdf.remove_unreferenced_resources()  # leaves each page the resources it uses, its own copy where shared
        return [set(page.resources.get("/XObject", {}).keys()) for page in pdf.pages]


def _keep_own_pictures(page, drawn: set[str]) -> None:
    """Give a page resources that list only the pictures it draws.

    WeasyPrint shares one resource dictionary between all pages of a layout; split per document as is,
    every file would carry the pictures of every other document (each pact's QR code in all 25 pacts).
    """
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if not xobjects:
        return
    xobjects = xobjects.get_object()
    own = DictionaryObject({k: v for k, v in resources.get_object().items()})
    own[NameObject("/XObject")] = DictionaryObject({NameObject(k): xobjects.raw_get(k) for k in sorted(drawn)
                                                    if k in xobjects})
    page[NameObject("/Resources")] = own


def _signer_destinations(reader: PdfReader) -> dict[str, tuple[int, float, float]]:
    """Return the main signers' named destinations of a combined PDF: name -> (page index, left, top)."""
    found = {}
    for name, destination in reader.named_destinations.items():
        if name == b.MAIN_SIGNER or name.startswith(b.MAIN_SIGNER + "-"):
            found[name] = (reader.get_destination_page_number(destination), float(destination.left),
                           float(destination.top))
    return found


def split_pdf(combined: bytes, page_counts: list[int], documents: list[b.Document]) -> list[bytes]:
    """Return one PDF per document, cutting `combined` by the documents' page counts."""
    reader = PdfReader(io.BytesIO(combined))
    destinations = _signer_destinations(reader)
    drawn = _pictures_drawn(combined)
    outputs = []
    start = 0
    for count, document in zip(page_counts, documents):
        writer = PdfWriter()
        added = []
        for number in range(start, start + count):
            page = reader.pages[number]
            _keep_own_pictures(page, drawn[number])
            added.append(writer.add_page(page))
        for name, (number, left, top) in destinations.items():  # the main signer's space keeps its name
            if start <= number < start + count:
                writer.add_named_destination_object(Destination(name, added[number - start].indirect_reference,
                                                                Fit.xyz(left, top)))
        start += count
        meta = document.meta
        writer.add_metadata({
            "/Title": meta.title, "/Author": meta.author, "/Subject": meta.subject,
            "/Keywords": ", ".join(meta.keywords), "/Creator": "reportgen", "/Producer": "reportgen",
            "/CreationDate": pdf_date(meta), "/ModDate": pdf_date(meta),
        })
        buffer = io.BytesIO()
        writer.write(buffer)
        outputs.append(buffer.getvalue())
    return outputs
