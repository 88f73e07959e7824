"""Write a block-tree document as DOCX with python-docx over templates/reference.docx.

The writer only names styles; the look lives in reference.docx. One writer is prepared per batch
(reference opened once per page setup). A document is built with python-docx once per shape (docx_fill:
the block tree without its free texts); the parts of later documents of that shape are its serialized
parts with their texts filled in, and parts that never change are deflated once.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.parts.image import ImagePart
from docx.shared import Mm, Pt
from lxml import etree

from reportgen.model import blocks as b
from reportgen.model import styles
from reportgen.render.docx_fill import NotFillable, PackageTemplate, sentinel_document, shape
from reportgen.render.docx_package import EntryCache, docx_bytes, package_members, set_core_properties
from reportgen.render.docx_xml import (cache_style_ids, cell_xml, paragraph_xml, picture_inline, replace_image,
                                       row_xml, table_xml)
from reportgen.render.qr import qr_png
from reportgen.render.title_lines import fitter_of

# The verification QR picture has a fixed part name (its bytes change per document, its name never),
# so a document's bytes do not depend on the documents a writer rendered before it.
MARK_IMAGE = "/word/media/kode-verifikasi.png"
MARK_SHAPE_ID = 9001  # above any id python-docx gives the body's pictures
MARK_FOOTER_DISTANCE_MM = 5.0

MAX_SHAPES = 64  # shapes remembered per writer; a batch has a handful (with or without witness, NIP...)

# A number with a hyphen ("120.05-1487"): Word and LibreOffice would break the line after its hyphen, the PDF
# (Pango) keeps it whole; the DOCX writes its hyphen as a non-breaking one (U+2011, which both draw as "-").
_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
_TEXT_FIELDS = frozenset({"text", "lines", "lines_before", "lines_after", "name", "label", "title", "header",
                          "spans", "items", "rows", "cells", "blocks", "columns", "entries"})


def _whole_numbers(value):
    """Return a model value with the hyphen of every number in its texts made non-breaking."""
    if isinstance(value, str):
        return _NUMBER_HYPHEN.sub("\u2011", value) if "-" in value else value
    if isinstance(value, tuple):
        changed = tuple(_whole_numbers(v) for v in value)
        return value if all(a is b for a, b in zip(changed, value)) else changed
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.name in _TEXT_FIELDS:
                old = getattr(value, f.name)
                new = _whole_numbers(old)
                if new is not old:
                    changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def docx_ready(document: b.Document, reference: Path) -> b.Document:
    """Return the document as the DOCX writes it: titles in balanced lines (as in the PDF), numbers unbroken."""
    document = fitter_of(reference).fitted(document)
    blocks = _whole_numbers(document.blocks)
    return document if blocks is document.blocks else dataclasses.replace(document, blocks=blocks)
_UNSEEN = object()


@dataclass(frozen=True)
class _Pristine:
    """What a prepared document holds outside its body before any document is rendered into it."""

    section_xml: bytes
    section: object  # the body's final sectPr
    update_fields: bool


def _bare_cell(cell) -> None:
    """Leave the cell with no margins and no paragraphs, ready for blocks written into it."""
    margins = OxmlElement("w:tcMar")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tc = cell_xml(cell)
    tc.get_or_add_tcPr().append(margins)
    for para in list(tc.findall(qn("w:p"))):
        tc.remove(para)


def _set_cell_width(cell, width_mm: float) -> None:
    cell.width = Mm(width_mm)


def _no_split(row) -> None:
    trpr = row_xml(row).get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    trpr = row_xml(row).get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


# The order the schema gives the children of a table's properties (Word refuses a document out of order).
_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                "tblCaption", "tblDescription")


def _order_table_properties(tblpr) -> None:
    """Put the children of a w:tblPr in schema order."""
    children = list(tblpr)
    rank = {name: i for i, name in enumerate(_TBLPR_ORDER)}
    children.sort(key=lambda child: rank.get(child.tag.rsplit("}", 1)[-1], len(rank)))
    for child in children:
        tblpr.append(child)


def _fixed_layout(table, widths_mm: list[float]) -> None:
    tblpr = table_xml(table).tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(widths_mm) * 56.6929)))
    width.set(qn("w:type"), "dxa")
    for old in tblpr.findall(qn("w:tblW")):
        tblpr.remove(old)
    tblpr.append(width)
    grid = table_xml(table).tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(int(w * 56.6929)))
    _order_table_properties(tblpr)


_TC = qn("w:tc")
_CELL_TEXT = f"{qn('w:p')}/{qn('w:r')}/{qn('w:t')}"  # the one run's text of a cell's first paragraph
_ONE_RUN = re.compile("[^\x00-\x1f\x7f]+")  # python-docx writes such a text as one w:t (no tab, break...)


def _row_shape(data: b.Row, styled: list) -> tuple | None:
    """Return what a table row's XML depends on but its texts, or None when a text is not written as one
    plain run (a tab, a line break, a space at either end: python-docx makes elements or xml:space of them)."""
    for cell_data, _column, _style in styled:
        text = cell_data.text
        if cell_data.spans or text and (not _ONE_RUN.fullmatch(text) or text.strip() != text):
            return None
    return (data.style,) + tuple((c.colspan, style, bool(c.text)) for c, _column, style in styled)


class _CellBody:
    """A table cell that takes blocks as the document body does (paragraphs and tables, one after another)."""

    def __init__(self, cell, writer: "DocxWriter"):
        self.cell = cell
        self.styles = writer.doc.styles

    def add_paragraph(self, text: str = "", style=None):
        return self.cell.add_paragraph(text, style)

    def add_table(self, rows: int, cols: int, style=None):
        table = self.cell.add_table(rows, cols)
        tc = cell_xml(self.cell)
        tc.remove(tc.findall(qn("w:p"))[-1])  # python-docx's closing paragraph
        if style:
            table.style = self.styles[style]
        return table

    def close(self) -> None:
        """End the cell with a paragraph, as Word requires: a tiny one when the last block is a table."""
        if cell_xml(self.cell)[-1].tag != qn("w:p"):
            self.cell.add_paragraph(style=self.styles["ganti-halaman"])



def _add_spans(para, spans) -> None:
    """Add a paragraph's spans as runs, bold and italic where a span is."""
    for span in spans:
        run = para.add_run(span.text)
        if span.bold:
            run.bold = True
        if span.italic:
            run.italic = True

class DocxWriter:
    """Render documents to DOCX bytes; reuse one instance for a whole batch."""

    def __init__(self, reference: Path):
        self.reference = Path(reference)
        # page setup, marked -> the prepared document and what rendering may change outside its body
        self._prepared: dict[tuple[b.PageSetup, bool], tuple[object, _Pristine]] = {}
        self._marks: dict[int, tuple[ImagePart, list]] = {}  # id(doc) -> QR part, text cells of the footers
        self._entries = EntryCache()
        self._shapes: dict[object, PackageTemplate | None] = {}  # shape key -> its template (None: not fillable)

    # -- preparation, once per page setup (with or without the verification mark) -------------
    def _prepare(self, page: b.PageSetup, marked: bool = False):
        if (page, marked) in self._prepared:
            return self._prepared[(page, marked)]
        doc = open_docx(str(self.reference))
        cache_style_ids(doc)
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
        section.page_width = Mm(page.page_width)
        section.page_height = Mm(page.page_height)
        section.top_margin = Mm(page.margin_top)
        section.right_margin = Mm(page.margin_right)
        section.bottom_margin = Mm(page.margin_bottom)
        section.left_margin = Mm(page.margin_left)
        section.header_distance = Mm(page.margin_top / 2)
        section.footer_distance = Mm(page.margin_bottom / 3)
        normal = doc.styles["Normal"]
        normal.font.size = Pt(page.font_size_pt)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), page.font)
        if page.numbers_from is not None:
            section.different_first_page_header_footer = page.numbers_from > 1
            header = section.header
            header.is_linked_to_previous = False
            para = header.paragraphs[0]
            para.style = doc.styles["nomor-halaman"]
            para.add_run("- ")
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), " PAGE ")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            p = paragraph_xml(para)
            p.append(field)
            p.append(copy.deepcopy(para.runs[0].element))
            para.runs[-1].text = " -"
            if page.numbers_from > 1:
                section.first_page_header.is_linked_to_previous = False
        self.text_width_mm = page.text_width
        if page.columns > 1:
            final = doc.element.body.find(qn("w:sectPr"))
            columns = final.find(qn("w:cols"))
            if columns is None:  # its place: after the page's size, margins and numbering, before its grid
                columns = OxmlElement("w:cols")
                grid = final.find(qn("w:docGrid"))
                grid.addprevious(columns) if grid is not None else final.append(columns)
            columns.set(qn("w:num"), str(page.columns))
            columns.set(qn("w:space"), str(round(styles.COLUMN_GAP_MM * 56.6929)))
        if marked:
            self._add_mark_footers(doc, section, page)
        final = doc.element.body.find(qn("w:sectPr"))
        pristine = _Pristine(etree.tostring(final), copy.deepcopy(final),
                             doc.settings.element.find(qn("w:updateFields")) is not None)
        self._prepared[(page, marked)] = (doc, pristine)
        return self._prepared[(page, marked)]

    # -- per document --------------------------------------------------------------------
    def render(self, document: b.Document) -> bytes:
        """Return the DOCX bytes of one document."""
        document = docx_ready(document, self.reference)
        try:
            key, texts = shape(document)
        except NotFillable:
            return self.render_alone(document)
        template = self._shapes.get(key, _UNSEEN)
        if template is _UNSEEN:
            template = self._template(document)
            if len(self._shapes) >= MAX_SHAPES:
                del self._shapes[next(iter(self._shapes))]
            self._shapes[key] = template
        if template is None:
            return self.render_alone(document)
        return template.fill(document, texts)

    def _template(self, document: b.Document) -> PackageTemplate | None:
        """Return the parts of the document's shape: rendered once, with a sentinel for every free text."""
        doc = self.build(sentinel_document(document))
        computed = {}
        if document.verification is not None:  # the QR picture comes from the payload, not from the text
            image, _ = self._marks[id(doc)]
            computed[image.partname.membername] = lambda d: qr_png(d.verification.payload)
        try:
            return PackageTemplate(package_members(doc), self._entries, computed)
        except NotFillable:
            return None

    def render_alone(self, document: b.Document) -> bytes:
        """Return the DOCX bytes of a document built with python-docx, never filled from the parts of its shape
        (for a shape that cannot be filled; the bytes the fill reproduces)."""
        document = docx_ready(document, self.reference)
        return docx_bytes(self.build(document), self._entries)

    def build(self, document: b.Document):
        """Return the prepared python-docx document holding this document (and nothing of the ones before)."""
        doc, pristine = self._prepare(document.page, document.verification is not None)
        self.doc = doc
        self.text_width_mm = document.page.text_width
        self._next_bookmark = 0
        self._break_before = False
        self._clear_body(doc.element.body)
        self._restore(doc, pristine)
        self._blocks(doc, document.blocks)
        self._drop_unused_images(doc)
        if document.verification is not None:
            self._fill_mark(doc, document.verification)
        meta = document.meta
        set_core_properties(doc, meta.title, meta.author, meta.subject, ", ".join(meta.keywords), meta.date)
        return doc

    @staticmethod
    def _clear_body(body) -> None:
        """Empty the body of the document rendered before, keeping its final sectPr (and the body's text).

        `clear()` frees the children at once. `body.remove(child)` cannot free a child its Python proxy still
        holds: lxml moves the child's whole subtree into a document of its own, fixing the namespace of every
        element below it, in time that grew with the square of a table's rows (the 500, 1,000 and 2,000-row
        plans: 1.8, 12 and 54 s, paid by the second document a writer rendered).
        """
        final, text = body.find(qn("w:sectPr")), body.text
        body.clear()
        body.text = text
        if final is not None:
            body.append(final)

    @staticmethod
    def _restore(doc, pristine: _Pristine) -> None:
        """Undo what sections and a table of contents changed outside the body (page numbering, field update),
        so that a document's bytes do not depend on the documents rendered before it."""
        body = doc.element.body
        final = body.find(qn("w:sectPr"))
        if etree.tostring(final) != pristine.section_xml:
            body.replace(final, copy.deepcopy(pristine.section))
        if not pristine.update_fields:
            settings = doc.settings.element
            for flag in settings.findall(qn("w:updateFields")):
                settings.remove(flag)

    @staticmethod
    def _drop_unused_images(doc) -> None:
        """Forget pictures of earlier documents of the batch that this one does not show."""
        used = set(doc.element.body.xpath(".//a:blip/@r:embed"))
        rels = doc.part.rels
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith("/image") and rid not in used:
                del rels[rid]

    # -- the verification mark: a footer on every page ---------------------------------------
    def _add_mark_footers(self, doc, section, page: b.PageSetup) -> None:
        """Give every page a footer with a QR picture and, beside it, the mark's lines (filled per document)."""
        side = page.verification_mark_mm
        section.footer_distance = Mm(min(MARK_FOOTER_DISTANCE_MM, page.margin_bottom / 3))
        image = ImagePart(PackURI(MARK_IMAGE), "image/png", qr_png("reportgen"))
        footers = [section.footer]
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        cells = []
        for footer in footers:
            footer.is_linked_to_previous = False
            rid = footer.part.relate_to(image, RT.IMAGE)
            body = footer.part.element
            for child in list(body):
                body.remove(child)
            widths = [side + 8, self.text_width_mm - side - 8]  # cell margins must not clip the picture
            table = footer.add_table(rows=1, cols=2, width=Mm(sum(widths)))
            table.style = doc.styles["tanpa-garis"]
            _fixed_layout(table, widths)
            picture_cell, text_cell = table.rows[0].cells
            for cell, width in zip((picture_cell, text_cell), widths):
                _set_cell_width(cell, width)
                align = OxmlElement("w:vAlign")
                align.set(qn("w:val"), "center")
                cell_xml(cell).get_or_add_tcPr().append(align)
            para = picture_cell.paragraphs[0]
            para.style = doc.styles["tanda-verifikasi"]
            inline = picture_inline(MARK_SHAPE_ID, rid, "kode-verifikasi.png", Mm(side), Mm(side))
            para.add_run().element.add_drawing(inline)
            footer.add_paragraph(style="tanda-verifikasi")  # a footer must end with a paragraph
            cells.append(text_cell)
        self._marks[id(doc)] = (image, cells)

    def _fill_mark(self, doc, mark: b.Verification) -> None:
        """Put this document's QR code and lines into the footers."""
        image, cells = self._marks[id(doc)]
        replace_image(image, qr_png(mark.payload))
        for cell in cells:
            for para in list(cell.paragraphs)[1:]:
                p = paragraph_xml(para)
                p.getparent().remove(p)
            first = cell.paragraphs[0]
            for run in list(first.runs):
                r = run.element
                r.getparent().remove(r)
            first.style = doc.styles["tanda-verifikasi"]
            first.add_run(mark.lines[0] if mark.lines else mark.id)
            for line in mark.lines[1:]:
                cell.add_paragraph(line, style="tanda-verifikasi")

    # -- blocks --------------------------------------------------------------------------
    def _blocks(self, container, blocks) -> None:
        """Write blocks in order; the blocks that keep with a table's closing rows go into the table."""
        blocks = list(blocks)
        i = 0
        while i < len(blocks):
            block = blocks[i]
            i += 1
            if block.kind != "page_break":
                self._written_break(container, block)
            if isinstance(block, b.Table) and block.closing_rows and block.rows:
                trailing = []
                while i < len(blocks) and b.keeps_with_previous(blocks[i]):
                    trailing.append(blocks[i])
                    i += 1
                self._table(container, block, trailing)
            elif isinstance(block, b.Signatures) and i < len(blocks) and b.keeps_with_previous(blocks[i]):
                trailing = [block]
                while i < len(blocks) and b.keeps_with_previous(blocks[i]):
                    trailing.append(blocks[i])
                    i += 1
                if b.keeps_with_previous(block):
                    self._keep_last_with_next(container)
                self._together(container, trailing)
            else:
                if b.keeps_with_previous(block):
                    self._keep_last_with_next(container)
                getattr(self, f"_{block.kind}")(container, block)

    def _together(self, container, blocks: list) -> None:
        """Write blocks that stay on one page (a signature block and the Tembusan under it) into the one cell of a
        borderless table whose row cannot split: Word and LibreOffice both honour that, while LibreOffice ignores
        keep-with-next from a table to the paragraph after it."""
        width = self.text_width_mm
        table = container.add_table(rows=1, cols=1, style="tanpa-garis")
        _fixed_layout(table, [width])
        row = table.rows[0]
        _no_split(row)
        cell = row.cells[0]
        _set_cell_width(cell, width)
        _bare_cell(cell)
        inner = _CellBody(cell, self)
        for block in blocks:
            getattr(self, f"_{block.kind}")(inner, block)
        inner.close()

    @staticmethod
    def _keep_last_with_next(container) -> None:
        """Keep what was written last with the next block: keep-with-next on the last paragraph (or on the
        paragraphs of a table's last row)."""
        element = cell_xml(container.cell) if isinstance(container, _CellBody) else container.element.body
        last = [child for child in element if child.tag in (qn("w:p"), qn("w:tbl"))]
        if not last:
            return
        paragraphs = [last[-1]] if last[-1].tag == qn("w:p") else last[-1].findall(qn("w:tr"))[-1].iter(qn("w:p"))
        for paragraph in paragraphs:
            paragraph.get_or_add_pPr().keepNext_val = True

    def _paragraph(self, container, block: b.Paragraph):
        para = container.add_paragraph(style=block.style)
        self._starting(para)
        _add_spans(para, block.spans)
        if block.size_pt:  # a title made smaller to keep its last word company
            for run in para.runs:
                run.font.size = Pt(block.size_pt)
        return para

    def _letterhead(self, doc, block: b.Letterhead) -> None:
        side = styles.LETTERHEAD_SIDE_MM
        widths = [side, self.text_width_mm - 2 * side, side]
        table = doc.add_table(rows=1, cols=3, style="tanpa-garis")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed_layout(table, widths)
        cells = table.rows[0].cells
        for cell, w in zip(cells, widths):
            _set_cell_width(cell, w)
        if block.logo:
            logo_para = cells[0].paragraphs[0]
            logo_para.style = doc.styles["kop-logo"]
            logo_para.add_run().add_picture(str(block.logo), width=Mm(styles.LETTERHEAD_LOGO_MM))
        text_cell = cells[1]
        first = True
        for line in block.lines:
            para = text_cell.paragraphs[0] if first else text_cell.add_paragraph()
            first = False
            para.style = doc.styles[line.style]
            for span in line.spans:
                run = para.add_run(span.text)
                if line.size_pt:
                    run.font.size = Pt(line.size_pt)
        doc.add_paragraph(style="kop-garis")

    def _definitions(self, doc, block: b.DefinitionList) -> None:
        for row in block.rows:
            head = f"{row.label}\t:\t" if row.label else "\t\t"
            marker = f"{row.marker}\t" if block.has_markers else ""
            doc.add_paragraph(head + marker + row.text, style=block.style)

    def _list(self, doc, block: b.NumberedList) -> None:
        for item in block.items:
            if not item.spans:
                doc.add_paragraph(f"{item.marker}\t{item.text}", style=block.style)
                continue
            para = doc.add_paragraph(f"{item.marker}\t", style=block.style)
            _add_spans(para, item.spans)

    def _table(self, doc, block: b.Table, trailing: list | tuple = ()) -> None:
        """Write a ruled table. Its closing rows and the blocks that keep with them (`trailing`) go into one
        last row that cannot split: a nested table of those rows, then the blocks, without outer borders.
        Word and LibreOffice both honour a row that cannot split; LibreOffice ignores keep-with-next
        between a table's rows and the paragraph after the table."""
        widths = [self.text_width_mm * c.width / 100 for c in block.columns]
        closing = min(block.closing_rows, len(block.rows))
        body_rows = block.rows[:len(block.rows) - closing]
        table = doc.add_table(rows=1 + len(body_rows) + (1 if closing else 0), cols=len(block.columns),
                              style=block.style)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed_layout(table, widths)
        header = table.rows[0]
        _repeat_header(header)
        _no_split(header)
        for cell, column, w in zip(header.cells, block.columns, widths):
            _set_cell_width(cell, w)
            cell.paragraphs[0].style = self.doc.styles[f"{block.style}-kepala"]
            cell.paragraphs[0].add_run(column.header)
        prototypes: dict = {}
        for row, data in zip(table.rows[1:1 + len(body_rows)], body_rows):
            self._table_row(block, row, data, widths, prototypes)
        if not closing:
            if block.rows:  # Word keeps the last row with what follows
                for cell in table.rows[-1].cells:
                    cell.paragraphs[0].paragraph_format.keep_with_next = True
            for extra in trailing:
                getattr(self, f"_{extra.kind}")(doc, extra)
            return
        group = table.rows[-1]
        _no_split(group)
        cell = group.cells[0].merge(group.cells[-1])
        _set_cell_width(cell, sum(widths))
        tcpr = cell_xml(cell).get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        for side in ("left", "bottom", "right"):  # the nested rows draw their own lines; the blocks have none
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "nil")
            borders.append(edge)
        tcpr.append(borders)
        _bare_cell(cell)
        inner = _CellBody(cell, self)
        nested = inner.add_table(rows=closing, cols=len(block.columns), style=block.style)
        nested.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed_layout(nested, widths)
        top = OxmlElement("w:tblBorders")  # the line above is the outer table's
        edge = OxmlElement("w:top")
        edge.set(qn("w:val"), "nil")
        top.append(edge)
        nested_properties = table_xml(nested).tblPr
        nested_properties.append(top)
        _order_table_properties(nested_properties)
        for row, data in zip(nested.rows, block.rows[len(body_rows):]):
            self._table_row(block, row, data, widths)
        for extra in trailing:
            getattr(self, f"_{extra.kind}")(inner, extra)
        inner.close()

    def _shade_from_style(self, cell, style_name: str) -> None:
        """Fill the cell with the shading its paragraph style defines in reference.docx (looked up once per
        style: python-docx finds a style by an XPath search over every style)."""
        cache = self.__dict__.setdefault("_shades", {})
        if style_name not in cache:
            ppr = self.doc.styles[style_name].element.pPr
            cache[style_name] = ppr.find(qn("w:shd")) if ppr is not None else None
        shd = cache[style_name]
        if shd is not None:
            cell_xml(cell).get_or_add_tcPr().append(copy.deepcopy(shd))

    def _table_row(self, block: b.Table, row, data: b.Row, widths: list[float], prototypes: dict | None = None) -> None:
        """Fill one table row from the model: merged cells, cell styles, shading.

        With `prototypes` (one per table), a row shaped like one written before (same row style, spans, cell
        styles and empty cells, every text written as one run) is a copy of that row's XML with its own texts:
        python-docx takes about 4 ms per row of a 20-column plan, a copy some 0.1 ms.
        """
        styled = block.styled_cells(data)
        key = _row_shape(data, styled) if prototypes is not None else None
        if key is not None and key in prototypes:
            copied = copy.deepcopy(prototypes[key])
            for tc, (cell_data, _column, _style) in zip(copied.iterchildren(_TC), styled):
                if cell_data.text:
                    tc.find(_CELL_TEXT).text = cell_data.text
            tr = row_xml(row)
            tr.getparent().replace(tr, copied)
            return
        self._write_row(row, data, styled, widths)
        if key is not None:
            prototypes[key] = copy.deepcopy(row_xml(row))

    def _write_row(self, row, data: b.Row, styled: list, widths: list[float]) -> None:
        """Fill one table row with python-docx."""
        _no_split(row)
        cells = row.cells
        index = 0
        for cell_data, _column, style in styled:
            cell = cells[index]
            span = cell_data.colspan
            if span > 1:
                cell = cell.merge(cells[index + span - 1])
            _set_cell_width(cell, sum(widths[index:index + span]))
            para = cell.paragraphs[0]
            para.style = self.doc.styles[style]
            if cell_data.spans:
                _add_spans(para, cell_data.spans)
            elif cell_data.text:
                para.add_run(cell_data.text)
            self._shade_from_style(cell, style)
            if data.style == "grup":  # as print.css: a group heading row stays with its first row
                para.paragraph_format.keep_with_next = True
            index += span

    def _signatures(self, doc, block: b.Signatures) -> None:
        placed = block.placed()
        columns = [column for column, _ in placed]
        widths = [self.text_width_mm * share for _, share in placed]
        after = max(len(c.lines_after) for c in columns if c)
        doc.add_paragraph(style="ttd-jarak")
        # each column's lines and its signature space (or stamp box) in one cell, so a short column's box starts
        # under its own lines; the names, then the lines after them, side by side
        table = doc.add_table(rows=2 + after, cols=len(columns), style="tanpa-garis")
        _fixed_layout(table, widths)
        for row in table.rows:
            _no_split(row)
        for i, column in enumerate(columns):
            cells = [row.cells[i] for row in table.rows]
            for cell in cells:
                _set_cell_width(cell, widths[i])
            if column is None:
                continue
            self._fill(cells[0], list(column.lines_before), "ttd")
            if column.stamp_box:
                self._stamp_box(cells[0], column)
            else:
                cells[0].add_paragraph(style="ttd-ruang")
            self._fill(cells[1], [column.name], "ttd-nama")
            for j, line in enumerate(column.lines_after):
                self._fill(cells[2 + j], [line], "ttd")
        # keep the whole block on one page
        for row in table.rows[:-1]:
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True

    def _stamp_box(self, cell, column: b.SignatureColumn) -> None:
        """Draw the duty stamp's box at the end of a cell: a one-cell table of the stamp's size, its text centred."""
        body = _CellBody(cell, self)
        width, height = column.stamp_mm
        box = body.add_table(rows=1, cols=1, style="materai-kotak")
        _fixed_layout(box, [width])
        row = box.rows[0]
        row.height = Mm(height)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        _no_split(row)
        inner = row.cells[0]
        _set_cell_width(inner, width)
        inner.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        self._fill(inner, [column.stamp_box], "materai")
        body.close()

    def _fill(self, cell, lines: list[str], style: str) -> None:
        para = cell.paragraphs[0]
        para.style = self.doc.styles[style]
        para.add_run(lines[0])
        for line in lines[1:]:
            cell.add_paragraph(line, style=style)

    def _attachment_header(self, doc, block: b.AttachmentHeader) -> None:
        left = self.text_width_mm * styles.ATTACHMENT_INDENT
        table = doc.add_table(rows=1, cols=2, style="tanpa-garis")
        _fixed_layout(table, [left, self.text_width_mm - left])
        cells = table.rows[0].cells
        _set_cell_width(cells[0], left)
        _set_cell_width(cells[1], self.text_width_mm - left)
        self._fill(cells[1], [block.title], "lampiran-teks")
        for row in block.rows:
            if row.label:
                cells[1].add_paragraph(f"{row.label}\t:\t{row.text}", style="lampiran")
            else:  # a line without label wraps to the left edge, not to the values' indent
                cells[1].add_paragraph(row.text, style="lampiran-teks")
        doc.add_paragraph(style="teks")

    def _image(self, doc, block: b.Image) -> None:
        para = doc.add_paragraph(style=block.style)
        para.add_run().add_picture(str(block.raster or block.path), width=Mm(block.width_mm))
        if block.caption:
            doc.add_paragraph(block.caption, style="keterangan-gambar")

    def _chart(self, doc, block: b.Chart) -> None:
        from reportgen.render.charts import draw  # matplotlib: only for a document that has a chart

        para = doc.add_paragraph(style=block.style)
        run = para.add_run()
        run.add_picture(io.BytesIO(draw(block).png), width=Mm(block.width_mm))
        for picture in run.element.iter(qn("pic:cNvPr")):  # the name Word shows: the chart's, not "image.png"
            picture.set("name", f"{block.stem}.png")
        if block.caption:
            doc.add_paragraph(block.caption, style="keterangan-gambar")

    def _page_break(self, doc, block: b.PageBreak) -> None:
        """Start the next block on a new page: a paragraph after it starts with a page break of its own (a
        break in a paragraph of its own would make an empty page after a page filled to its last line); before
        any other block, that paragraph."""
        self._break_before = True

    def _written_break(self, container, block) -> None:
        """Write a page break asked for before `block`: as its paragraph's "page break before", else a paragraph."""
        if not getattr(self, "_break_before", False):
            return
        self._break_before = False
        if block.kind in ("paragraph", "heading"):
            self._break_on_next = True
            return
        para = container.add_paragraph(style="ganti-halaman")
        para.add_run().add_break(WD_BREAK.PAGE)

    def _starting(self, para) -> None:
        """Give a new paragraph the page break asked for before it."""
        if getattr(self, "_break_on_next", False):
            self._break_on_next = False
            para.paragraph_format.page_break_before = True

    # -- headings, table of contents, sections -------------------------------------------
    @staticmethod
    def _bookmark_name(anchor: str) -> str:
        """Return a Word bookmark name for an anchor (letters, digits, '_'; hidden by the '_Toc' prefix)."""
        return ("_Toc_" + "".join(c if c.isalnum() else "_" for c in anchor))[:40]

    def _heading(self, doc, block: b.Heading) -> None:
        para = doc.add_paragraph(style=block.style)
        self._starting(para)
        self._next_bookmark = getattr(self, "_next_bookmark", 0) + 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._next_bookmark))
        start.set(qn("w:name"), self._bookmark_name(block.anchor))
        paragraph_xml(para).append(start)
        for i, line in enumerate(block.lines):
            run = para.add_run(line)
            if i < len(block.lines) - 1:
                run.add_break()
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._next_bookmark))
        paragraph_xml(para).append(end)

    @staticmethod
    def _field_char(kind: str):
        run = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
        return run

    def _toc(self, doc, block: b.TableOfContents) -> None:
        """Write a TOC field whose stored entries carry the laid-out page numbers (a user may refresh it)."""
        tab_pos = str(int(self.text_width_mm * 56.6929))
        paragraphs = []
        for entry in block.entries:
            para = doc.add_paragraph(style=entry.style)
            tabs = paragraph_xml(para).get_or_add_pPr().get_or_add_tabs()
            tab = OxmlElement("w:tab")  # right at the text width, whatever the paper
            tab.set(qn("w:val"), "right")
            tab.set(qn("w:leader"), "dot")
            tab.set(qn("w:pos"), tab_pos)
            tabs.append(tab)
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), self._bookmark_name(entry.anchor))
            link.set(qn("w:history"), "1")
            for piece in (entry.text, None, entry.page):
                run = OxmlElement("w:r")
                if piece is None:
                    run.append(OxmlElement("w:tab"))
                else:
                    text = OxmlElement("w:t")
                    text.set(qn("xml:space"), "preserve")
                    text.text = piece
                    run.append(text)
                link.append(run)
            paragraph_xml(para).append(link)
            paragraphs.append(para)
        if not paragraphs:
            return
        first, last = paragraph_xml(paragraphs[0]), paragraph_xml(paragraphs[-1])
        instr_run = OxmlElement("w:r")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = ' TOC \\o "1-2" \\h \\z \\u '
        instr_run.append(instr)
        position = list(first).index(first.find(qn("w:hyperlink")))
        for offset, element in enumerate((self._field_char("begin"), instr_run, self._field_char("separate"))):
            first.insert(position + offset, element)
        last.append(self._field_char("end"))
        # no w:updateFields: the stored entries already carry the laid-out page numbers, and the flag makes
        # Word ask "update the fields?" each time the document is opened

    def _section(self, doc, block: b.Section) -> None:
        """Start a section on a new page whose page numbers restart at 1 in the block's numbering.

        The section properties of the document's last section live in the body's sectPr; starting a
        new section closes the one before with a copy of them in an (empty, tiny) paragraph.
        """
        body = doc.element.body
        final = body.find(qn("w:sectPr"))
        has_content = any(child.tag != qn("w:sectPr") for child in body)
        if has_content:
            closing = doc.add_paragraph(style="ganti-halaman")
            paragraph_xml(closing).get_or_add_pPr().append(copy.deepcopy(final))
            title_page = final.find(qn("w:titlePg"))
            if title_page is not None:  # only the document's first page goes unnumbered
                final.remove(title_page)
        for old in final.findall(qn("w:pgNumType")):
            final.remove(old)
        numbers = OxmlElement("w:pgNumType")
        numbers.set(qn("w:fmt"), "lowerRoman" if block.numbering == "romawi" else "decimal")
        numbers.set(qn("w:start"), "1")
        # schema order: pgNumType follows pgSz, pgMar, paperSrc, pgBorders, lnNumType
        anchor = None
        for name in ("lnNumType", "pgBorders", "paperSrc", "pgMar", "pgSz"):
            anchor = final.find(qn(f"w:{name}"))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addnext(numbers)
        else:
            final.insert(0, numbers)
        self._blocks(doc, block.blocks)

