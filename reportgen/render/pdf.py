"""Write block-tree documents as PDF: HTML from the templates, laid out by WeasyPrint.

A batch's documents of one form are laid out in two layers (render/layered.py): what they share once per layout,
their own text per document; any other document with the rest of its chunk in one WeasyPrint call (the single
pass, also an option). The batch's PDF is then cut per document with pikepdf.
"""

from __future__ import annotations

import copy
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pikepdf
from weasyprint import CSS
from weasyprint.text.fonts import FontConfiguration

from reportgen.model import blocks as b
from reportgen.render.html import HtmlWriter
from reportgen.render.layered import LayeredPlanner
from reportgen.render.look_css import stylesheet_of
from reportgen.render.roomy_stack import roomy
from reportgen.render.weasy import LightHtml, free_below, pages_document

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def pdf_date(meta: b.DocumentMeta) -> str:
    return f"D:{meta.date:%Y%m%d}000000Z"


# PDF/A-2b for the archive: fonts embedded, sRGB output intent, XMP metadata; the file identifier
# is an MD5 of the content, so the same document still gives the same bytes.
PDFA_OPTIONS = {"pdf_variant": "pdf/a-2b", "pdf_identifier": True}
PLAIN_OPTIONS = {"pdf_identifier": False}
DOCUMENT_ANCHOR = "dokumen-"  # the id of each document's article in the HTML (document.html.j2)


def pdf_options(pdfa: bool) -> dict:
    """Return WeasyPrint's write_pdf options: PDF/A-2b or plain PDF."""
    return dict(PDFA_OPTIONS if pdfa else PLAIN_OPTIONS)


def write_pages(laid_out, pages, meta: b.DocumentMeta, pdfa: bool) -> bytes:
    """Return the PDF of some laid-out pages with one document's metadata (used for PDF/A, whose catalog
    entries a split would lose)."""
    part = laid_out.copy(pages)
    part.metadata = copy.copy(laid_out.metadata)
    part.metadata.title = meta.title
    part.metadata.authors = [meta.author]
    part.metadata.description = meta.subject
    part.metadata.keywords = list(meta.keywords)
    part.metadata.created = part.metadata.modified = f"{meta.date.isoformat()}T00:00:00Z"
    return part.write_pdf(**pdf_options(pdfa))


class Fit(Protocol):
    """How many pages a batch's document may have, the smaller looks to try, in order, when it has more, the
    shortest document of its form (what every look must fit), and what users call such a document."""

    pages: int
    name: str

    def variants(self, document: b.Document) -> tuple[b.Document, ...]: ...

    def room(self, document: b.Document) -> float:
        """Return the points a document's last page should keep free below its text (0: none): another renderer
        may need a line more (LibreOffice wraps a long name a word earlier than WeasyPrint)."""
        ...

    def shortest(self, document: b.Document) -> b.Document: ...


@dataclass
class BatchPdf:
    """A batch laid out: the combined PDF and each document's own (None when not written), each document's page
    count, the document each one shows (a smaller variant of it when the first had too many pages), and the
    indexes of the documents with too many pages in every variant."""

    combined: bytes | None
    singles: list[bytes] | None
    pages: list[int]
    documents: list[b.Document]
    spilled: list[int]


def renamed_anchors(anchors: dict, source: tuple[int, int], target: tuple[int, int]) -> dict:
    """Return a page's anchors named as in an HTML of `target[1]` documents where this one is number `target[0]`,
    from the names of an HTML of `source[1]` documents where it was number `source[0]` (document.html.j2:
    'dokumen-N', and every other id with '-N' when the HTML holds more than one document)."""
    (number, count), (new_number, new_count) = source, target
    renamed = {}
    for name, place in anchors.items():
        if name.startswith(DOCUMENT_ANCHOR):
            name = f"{DOCUMENT_ANCHOR}{new_number}"
        else:
            if count > 1 and name.endswith(f"-{number}"):
                name = name[:-len(f"-{number}")]
            if new_count > 1:
                name = f"{name}-{new_number}"
        renamed[name] = place
    return renamed


def _pages_per_document(laid_out, count: int) -> list[list]:
    """Return the pages of each document of a layout of `count` documents one after another."""
    found: list[list] = [[] for _ in range(count)]
    index, seen = -1, set()
    for page in laid_out.pages:
        # a document split over pages has its anchor on each of them: count only its first page
        starts = {name for name in page.anchors if name.startswith(DOCUMENT_ANCHOR)} - seen
        seen |= starts
        index += len(starts)
        found[max(index, 0)].append(page)
    return found


class PdfRenderer:
    """Lay out documents with WeasyPrint; stylesheet and templates compiled once per instance."""

    def __init__(self, templates_dir: Path):
        self.templates_dir = Path(templates_dir)
        self.html = HtmlWriter(self.templates_dir)
        self.fonts = FontConfiguration()
        # the look of every style, generated from reference.docx, then what Word cannot say (print.css)
        self.look_css = CSS(string=stylesheet_of(self.templates_dir / "reference.docx"), font_config=self.fonts)
        self.css = CSS(filename=str(self.templates_dir / "print.css"), font_config=self.fonts)
        self.base_url = str(self.templates_dir) + "/"
        self.planner = LayeredPlanner(self.html, [self.look_css, self.css], self.fonts, self.base_url)

    def lay_out(self, documents: list[b.Document], meta: b.DocumentMeta | None = None):
        """Return the WeasyPrint document of the given documents, one after another (called from a roomy stack:
        `layout` is the same with one)."""
        text = self.html.render(documents, meta)
        html = LightHtml.from_text(text, base_url=self.base_url)
        return html.render(stylesheets=[self.look_css, self.css], font_config=self.fonts)

    layout = roomy(lay_out)  # the entry points run with a roomy stack once, and call lay_out inside it

    @roomy
    def render(self, document: b.Document, pdfa: bool = False) -> bytes:
        """Return the PDF bytes of one document (PDF/A-2b with `pdfa`)."""
        return self.lay_out([document]).write_pdf(**pdf_options(pdfa))

    @roomy
    def page_count(self, document: b.Document) -> int:
        """Return how many pages a document is laid out on."""
        return len(self.lay_out([document]).pages)

    def _single_pass(self, documents: list[b.Document], meta: b.DocumentMeta) -> tuple[object, list[list]]:
        """Return the layout of documents in one WeasyPrint call and each one's pages, anchors named as in it."""
        laid_out = self.lay_out(documents, meta)
        count = len(documents)
        pages = _pages_per_document(laid_out, count)
        return laid_out, [[(page, (i + 1, count)) for page in found] for i, found in enumerate(pages)]

    def _pages(self, documents: list[b.Document], meta: b.DocumentMeta, layered: bool) -> tuple[object, list]:
        """Return a WeasyPrint document holding the batch's metadata, and each document's pages as (page or
        two-layer placement, the (number, count) its anchors are named for)."""
        if not layered:
            return self._single_pass(documents, meta)
        placed = self.planner.place(documents, meta)
        alone = [i for i, found in enumerate(placed) if found is None]
        laid_out, pages = self._single_pass([documents[i] for i in alone], meta) if alone else (None, [])
        found: list = [[(p, (1, 1))] if p is not None else None for p in placed]
        for i, own in zip(alone, pages):
            found[i] = own
        if laid_out is None:
            laid_out = next(p.document for p in placed if p is not None)
        return laid_out, found

    @roomy
    def render_batch(self, documents: list[b.Document], meta: b.DocumentMeta, pdfa: bool = False,
                     layered: bool = True, fit: Fit | None = None, write: bool = True) -> BatchPdf:
        """Return the combined PDF of the documents, one PDF per document, their page counts and what each shows.

        With `pdfa`, every file is PDF/A-2b: each document is written from the layout on its own. With `layered`
        (the default), the documents of one form are laid out in two layers; else in one WeasyPrint call. With
        `fit`, a document with more pages than it allows is laid out again in each of its smaller variants until
        one fits. Without `write`, only the page counts and the documents shown are returned.
        """
        self.planner.new_pdf()
        count = len(documents)
        shown = list(documents)
        variants: dict[int, tuple[b.Document, ...]] = {}
        pages: list = [None] * count
        spilled, todo, step, laid_out = [], list(range(count)), 0, None
        while todo:
            layout, found = self._pages([shown[i] for i in todo], meta, layered)
            laid_out = laid_out or layout
            retry = []
            for i, own in zip(todo, found):
                pages[i] = own
                if fit is None:
                    continue
                fits = len(own) <= fit.pages
                if fits and _free_below(own[-1][0]) >= fit.room(shown[i]):
                    continue
                options = variants.setdefault(i, fit.variants(documents[i]))
                if step < len(options):
                    shown[i] = options[step]
                    retry.append(i)
                elif not fits:  # the smallest variant still too long; one that fits with little room is kept
                    spilled.append(i)
            todo, step = retry, step + 1
        counts = [len(own) for own in pages]
        if not write:
            return BatchPdf(None, None, counts, shown, sorted(spilled))
        ordered = []
        for number, own in enumerate(pages, start=1):
            for page, source in own:
                target = (number, count)
                if hasattr(page, "form"):  # a two-layer placement
                    ordered.append(page.page(renamed_anchors(page.anchors, source, target)))
                else:
                    page.anchors = renamed_anchors(page.anchors, source, target)
                    ordered.append(page)
        document = pages_document(ordered, laid_out)
        combined = document.write_pdf(**pdf_options(pdfa))
        if pdfa:
            singles, start = [], 0
            for pages_count, shown_document in zip(counts, shown):
                singles.append(write_pages(document, document.pages[start:start + pages_count], shown_document.meta,
                                           True))
                start += pages_count
        else:
            del document, ordered, pages  # free the layouts' boxes before splitting
            singles = split_pdf(combined, counts, shown)
        return BatchPdf(combined, singles, counts, shown, sorted(spilled))


def _free_below(page) -> float:
    """Return the room below a laid-out page's text, in points (a two-layer page: its form's layout)."""
    return free_below(page.form if hasattr(page, "form") else page)


def _destinations(pdf: pikepdf.Pdf) -> dict[str, tuple[int, list]]:
    """Return the main signers' named destinations of a PDF: name -> (page index, the destination's other values)."""
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    found = {}
    for name, destination in pikepdf.NameTree(names.Dests).items():
        if name == b.MAIN_SIGNER or name.startswith(b.MAIN_SIGNER + "-"):
            array = destination.get("/D", destination) if isinstance(destination, pikepdf.Dictionary) else destination
            found[name] = (pages[array[0].objgen], list(array[1:]))
    return found


def save_pdf(pdf: pikepdf.Pdf, version: str) -> bytes:
    """Return a PDF's bytes as pikepdf writes them with an identifier made from its content (same content, same
    bytes) and its metadata as given."""
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, fix_metadata_version=False, min_version=version)
    return buffer.getvalue()


def info_of(meta: b.DocumentMeta) -> dict[str, str]:
    """Return the document information of `meta` (its keywords only when it has some)."""
    info = {"/Title": meta.title, "/Author": meta.author, "/Subject": meta.subject,
            "/Keywords": ", ".join(meta.keywords), "/Creator": "reportgen", "/Producer": "reportgen",
            "/CreationDate": pdf_date(meta), "/ModDate": pdf_date(meta)}
    if not meta.keywords:
        del info["/Keywords"]
    return info


def document_info(pdf: pikepdf.Pdf, meta: b.DocumentMeta) -> None:
    """Give a PDF the document information of `meta`."""
    pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(info_of(meta)))


def _keep_own_pictures(pdf: pikepdf.Pdf) -> None:
    """Give each page resources that name only the pictures and forms (XObjects) its content draws.

    WeasyPrint gives every page of a PDF one resource dictionary naming all the batch's XObjects: cut per
    document as is, every file would carry every other document's QR code. A page's own content is short (a
    two-layer page draws its forms and its own text), so reading its `Do` operators is quick; the forms' own
    resources are their own already.
    """
    for page in pdf.pages:
        shared = page.obj.get("/Resources")
        if shared is None or "/XObject" not in shared:
            continue
        drawn = {str(operands[0]) for operands, _ in pikepdf.parse_content_stream(page, "Do")}
        own = pikepdf.Dictionary({key: value for key, value in shared.items() if key != "/XObject"})
        own.XObject = pikepdf.Dictionary({name: shared.XObject[name] for name in sorted(drawn)
                                          if name in shared.XObject})
        page.obj.Resources = own


def split_pdf(combined: bytes, page_counts: list[int], documents: list[b.Document]) -> list[bytes]:
    """Return one PDF per document, cutting `combined` by the documents' page counts.

    Each page is first left the pictures it draws, so no file carries another document's QR code. The main
    signer's named destination stays with the page it is on.
    """
    outputs = []
    with pikepdf.open(io.BytesIO(combined)) as pdf:
        destinations = _destinations(pdf)
        _keep_own_pictures(pdf)
        start = 0
        for count, document in zip(page_counts, documents):
            with pikepdf.new() as part:
                part.pages.extend(pdf.pages[start:start + count])
                names = []
                for name, (number, rest) in sorted(destinations.items()):
                    if start <= number < start + count:
                        names += [pikepdf.String(name), pikepdf.Array([part.pages[number - start].obj, *rest])]
                if names:
                    part.Root.Names = pikepdf.Dictionary({"/Dests": pikepdf.Dictionary({
                        "/Names": pikepdf.Array(names)})})
                document_info(part, document.meta)
                outputs.append(save_pdf(part, pdf.pdf_version))
            start += count
    return outputs
