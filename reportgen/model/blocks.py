"""The shared document tree: every builder produces it, every writer consumes it.

Blocks carry text and a style name; the style name is both a paragraph/table style in
`reference.docx` and a CSS class in `print.css`, so the two formats agree by construction.
Writers never ask which kind of document they are writing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.model import styles

# The metadata of a field added to the model after documents were issued: at its default it is left out of the
# model's hash (trust/ids.py), so every document made before it keeps its verification ID.
ADDED_LATER = {"hash": "omit-default"}


@dataclass(frozen=True)
class Span:
    """A run of text inside a paragraph, optionally bold or italic."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text in a named style."""

    spans: tuple[Span, ...]
    style: str = "teks"
    kind: str = "paragraph"
    keep_with_previous: bool = False  # never starts a page: goes with the block before (see Table.closing_rows)
    size_pt: float | None = field(default=None, metadata=ADDED_LATER)  # a title made smaller to fit

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def para(text: str, style: str = "teks", bold: bool = False, keep_with_previous: bool = False) -> Paragraph:
    """Return a paragraph of one span."""
    return Paragraph((Span(text, bold=bold),), style, keep_with_previous=keep_with_previous)


@dataclass(frozen=True)
class Letterhead:
    """The kop: logo at the left, centred lines of identity, closed by a rule."""

    logo: Path | None
    lines: tuple[Paragraph, ...]
    kind: str = "letterhead"


@dataclass(frozen=True)
class DefinitionRow:
    """One row of an aligned list: label, colon, marker and text with a hanging indent."""

    label: str
    text: str
    marker: str = ""


@dataclass(frozen=True)
class DefinitionList:
    """Aligned 'Label : a. text' rows (pact fields, Menimbang, Mengingat, diktum)."""

    rows: tuple[DefinitionRow, ...]
    style: str = "daftar"
    kind: str = "definitions"

    @property
    def has_markers(self) -> bool:
        return any(r.marker for r in self.rows)


@dataclass(frozen=True)
class ListItem:
    """One numbered item: its marker ('1.', 'a.') and its text; `spans`, when given, are that text in runs
    (a foreign term in italics)."""

    marker: str
    text: str
    spans: tuple[Span, ...] = ()


def with_italics(text: str, terms: tuple[str, ...] | None = None) -> tuple[Span, ...]:
    """Return the text as spans with every foreign term in italics (whole words, case ignored; `terms` None: the
    shipped list, conventions/foreign_terms.yaml), or () when none occurs."""
    from reportgen.conventions.foreign_terms import foreign_spans

    found = foreign_spans(text, terms)
    if not found:
        return ()
    spans: list[Span] = []
    start = 0
    for at, end in found:
        if at > start:
            spans.append(Span(text[start:at]))
        spans.append(Span(text[at:end], italic=True))
        start = end
    if start < len(text):
        spans.append(Span(text[start:]))
    return tuple(spans)


@dataclass(frozen=True)
class NumberedList:
    """Items with their markers and a hanging indent."""

    items: tuple[ListItem, ...]
    style: str = "butir"
    kind: str = "list"
    keep_with_previous: bool = False  # never starts a page: goes with the block before


@dataclass(frozen=True)
class Cell:
    """One table cell; `style` names the cell's paragraph style, `shade` fills it; `spans`, when given, are its
    text in runs (a foreign term in italics)."""

    text: str
    colspan: int = 1
    style: str | None = None
    shade: bool = False
    spans: tuple[Span, ...] = field(default=(), metadata=ADDED_LATER)


@dataclass(frozen=True)
class Column:
    """A table column: header text, share of the table width (percent), alignment."""

    header: str
    width: float
    align: str = "left"


@dataclass(frozen=True)
class Row:
    """A table row; `style` marks special rows (a group heading, a subtotal)."""

    cells: tuple[Cell, ...]
    style: str = ""


@dataclass(frozen=True)
class Table:
    """A ruled table whose header repeats on every page and whose rows never split.

    `closing_rows`: the table's last rows that never stand alone at the top of a page. They stay on one
    page together, and with every block right after the table that keeps with the previous one (a note,
    a signature block): a total row with its terbilang, the last row with the note under it. Writers keep
    the group whole (PDF: no break before each of them; DOCX: the group in one row that cannot split).
    """

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    style: str = "tabel"
    kind: str = "table"
    closing_rows: int = 0

    def styled_cells(self, row: Row) -> list[tuple[Cell, Column, str]]:
        """Return each cell of a row with the column it starts in and its paragraph style."""
        found, index = [], 0
        for cell in row.cells:
            column = self.columns[index]
            found.append((cell, column, styles.cell_style(self.style, row.style, cell.style, cell.shade,
                                                          column.align)))
            index += cell.colspan
        return found


MAIN_SIGNER = "ttd-utama"  # the anchor (PDF named destination) of the main signer's space


@dataclass(frozen=True)
class SignatureColumn:
    """One signer: lines above the signature space, the space, then name and NIP."""

    lines_before: tuple[str, ...]
    name: str
    lines_after: tuple[str, ...] = ()
    stamp_box: str | None = None  # text inside a dashed duty-stamp box, when one is drawn
    stamp_mm: tuple[float, float] = (38.0, 28.0)  # the box's width and height: the stamp's own size
    anchor: str | None = None  # MAIN_SIGNER on the column of the document's main signer (where `sign` signs)


@dataclass(frozen=True)
class Signatures:
    """Signature blocks side by side; one column alone sits in the right half."""

    columns: tuple[SignatureColumn, ...]
    kind: str = "signatures"
    keep_with_previous: bool = False  # never starts a page: goes with the block before
    left: bool = field(default=False, metadata=ADDED_LATER)  # one signer alone sits in the left half (a grid's row)

    def placed(self) -> list[tuple[SignatureColumn | None, float]]:
        """Return the columns as laid out, with their share of the text width: one signer alone gets an
        empty left column (an empty right one when `left`)."""
        columns: list[SignatureColumn | None] = list(self.columns)
        if len(columns) == 1:
            columns.insert(1 if self.left else 0, None)
        stamped = any(c is not None and c.stamp_box for c in columns)
        return list(zip(columns, styles.signature_shares(len(columns), columns[0] is None, stamped)))


@dataclass(frozen=True)
class AttachmentHeader:
    """The LAMPIRAN block at the right: label lines and their values."""

    rows: tuple[DefinitionRow, ...]
    title: str
    kind: str = "attachment_header"


@dataclass(frozen=True)
class Image:
    """A picture (a chart or a logo) with its width in millimetres."""

    path: Path
    width_mm: float
    caption: str = ""
    style: str = "gambar"
    kind: str = "image"
    raster: Path | None = None  # a PNG of the same picture, for writers that cannot embed `path` (SVG)


@dataclass(frozen=True)
class ChartSeries:
    """One series of a bar chart: its name in the legend and one value per label (None leaves a gap)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartLine:
    """A reference value drawn across a chart's bars (a threshold), named in the legend."""

    name: str
    value: float


@dataclass(frozen=True)
class Chart:
    """A grouped bar chart as data: one group of bars per label, one bar per series, values written on the bars.

    The writers draw it (render/charts.py): SVG in the PDF, PNG in the DOCX, where the picture is named
    `stem`.png. `horizontal` puts the labels on the vertical axis (long names); `maximum` is the value axis'
    top (None: a little above the largest value); a label may hold line breaks.
    """

    labels: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    axis_label: str
    stem: str
    maximum: float | None = None
    horizontal: bool = False
    width_mm: float = 150
    height_mm: float = 90
    lines: tuple[ChartLine, ...] = ()
    decimals: int = 2  # of the values written on the bars
    caption: str = ""
    style: str = "gambar"
    kind: str = "chart"


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""

    kind: str = "page_break"


@dataclass(frozen=True)
class Heading:
    """A chapter (level 1) or section (level 2) heading: a target of the table of contents.

    `lines` are printed one below the other ("BAB I", "PENDAHULUAN"); the contents list them joined.
    """

    lines: tuple[str, ...]
    level: int
    anchor: str  # unique id, letters, digits and '-'
    style: str = "bab"
    kind: str = "heading"

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents: its text, level, target and page label.

    `page` is the page label as laid out (written by the report pipeline after a first layout, for
    writers that cannot compute it); `numbering` is the numbering of the target's section.
    """

    text: str
    level: int
    anchor: str
    page: str = ""
    numbering: str = "arab"  # "arab" (1, 2, 3) or "romawi" (i, ii, iii)

    @property
    def style(self) -> str:
        return "daftar-isi" if self.level == 1 else f"daftar-isi-{self.level}"


@dataclass(frozen=True)
class TableOfContents:
    """The Daftar Isi: entries with dot leaders and page numbers (a TOC field in the DOCX)."""

    entries: tuple[TocEntry, ...]
    kind: str = "toc"


@dataclass(frozen=True)
class Section:
    """Blocks that start on a new page with their own page numbering, restarted at 1.

    `numbering` is "romawi" (i, ii, ... for front matter) or "arab" (1, 2, ...). The page setup's
    `numbers_from` still hides the number on the document's first page.
    """

    blocks: tuple["Block", ...]
    numbering: str = "arab"
    kind: str = "section"


def keeps_with_previous(block) -> bool:
    """Return whether a block never starts a page (it goes with the block before it)."""
    return getattr(block, "keep_with_previous", False)


Block = (
    Paragraph | Letterhead | DefinitionList | NumberedList | Table | Signatures
    | AttachmentHeader | Image | Chart | PageBreak | Heading | TableOfContents | Section
)




@dataclass(frozen=True)
class PageSetup:
    """Paper, orientation, margins (mm), base font and page numbering of a document."""

    width_mm: float
    height_mm: float
    margin_top: float
    margin_right: float
    margin_bottom: float
    margin_left: float
    font: str
    font_size_pt: float
    landscape: bool = False
    numbers_from: int | None = 2  # first numbered page, None for no page numbers
    columns: int = field(default=1, metadata=ADDED_LATER)  # text columns on a page (a style sample)

    @property
    def page_width(self) -> float:
        return self.height_mm if self.landscape else self.width_mm

    @property
    def page_height(self) -> float:
        return self.width_mm if self.landscape else self.height_mm

    @property
    def text_width(self) -> float:
        """Return the width (mm) of one text column: the page less its margins (and the gaps between columns)."""
        text = self.page_width - self.margin_left - self.margin_right
        return (text - styles.COLUMN_GAP_MM * (self.columns - 1)) / self.columns

    @property
    def verification_mark_mm(self) -> float:
        """Return the side of the verification QR code: 14 mm, smaller when the bottom margin cannot hold it."""
        return max(8.0, min(14.0, self.margin_bottom - 11.0))


@dataclass(frozen=True)
class DocumentMeta:
    """Metadata written into both files; the date also fixes their timestamps."""

    title: str
    author: str
    subject: str = ""
    keywords: tuple[str, ...] = ()
    date: dt.date = dt.date(2000, 1, 1)
    language: str = "id"


@dataclass(frozen=True)
class Verification:
    """The verification mark in the footer of every page: a QR code of `payload` and the lines beside it.

    `id` is the document ID the register issued; `payload` what the QR code holds (the unit's
    verification URL with the ID, or the ID alone).
    """

    id: str
    payload: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    """A complete document: metadata, page setup and its blocks in reading order."""

    meta: DocumentMeta
    page: PageSetup
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    verification: Verification | None = None  # printed in every page's footer when set


def document_texts(document: Document):
    """Yield every piece of text a document shows, block by block."""
    yield from _block_texts(document.blocks)


def _block_texts(blocks):
    for block in blocks:
        if isinstance(block, Section):
            yield from _block_texts(block.blocks)
        elif isinstance(block, (Paragraph, Heading)):
            yield block.text
        elif isinstance(block, Letterhead):
            yield from (line.text for line in block.lines)
        elif isinstance(block, (DefinitionList, AttachmentHeader)):
            for row in block.rows:
                yield from (row.label, row.marker, row.text)
            if isinstance(block, AttachmentHeader):
                yield block.title
        elif isinstance(block, NumberedList):
            for item in block.items:
                yield from (item.marker, item.text)
        elif isinstance(block, TableOfContents):
            yield from (entry.text for entry in block.entries)
        elif isinstance(block, Table):
            yield from (c.header for c in block.columns)
            for row in block.rows:
                yield from (c.text for c in row.cells)
        elif isinstance(block, Signatures):
            for column in block.columns:
                yield from column.lines_before + column.lines_after + (column.name, column.stamp_box or "")
        elif isinstance(block, (Image, Chart)):  # a chart's labels are drawn in the chart's own font
            yield block.caption
