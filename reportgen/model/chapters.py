"""A report with numbered chapters (BAB I, II ...), lettered sections, numbered tables and figures: the
annual report and the Zona Integritas report are built with it."""

from __future__ import annotations

import dataclasses

from reportgen.conventions.numbers import roman
from reportgen.model.blocks import Block, Chart, Heading, ListItem, NumberedList, PageBreak, Table, para
from reportgen.model.parts import closing_rows


class Chapters:
    """Collect blocks with numbered chapters and sections, and numbered table and figure captions."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.chapter = self.section = self.tables = self.figures = 0

    def chapter_heading(self, title: str) -> None:
        self.chapter += 1
        self.section = self.tables = self.figures = 0
        if self.chapter > 1:
            self.blocks.append(PageBreak())
        self.blocks.append(Heading((f"BAB {roman(self.chapter)}", title.upper()), 1, f"bab-{self.chapter}"))

    def section_heading(self, title: str) -> None:
        letter = chr(ord("A") + self.section)
        self.section += 1
        self.blocks.append(Heading((f"{letter}. {title}",), 2, f"bab-{self.chapter}-{letter.lower()}",
                                   style="subbab"))

    def paragraphs(self, *texts) -> None:
        """Add indented paragraphs: texts, or lists of texts; empty ones are left out."""
        for text in texts:
            for one in (text if isinstance(text, (list, tuple)) else [text]):
                if one:
                    self.blocks.append(para(one, "teks-menjorok"))

    def numbered(self, texts) -> None:
        if texts:
            self.blocks.append(NumberedList(tuple(ListItem(f"{i}.", t) for i, t in enumerate(texts, start=1))))

    def table(self, caption: str, table: Table, note: str | None = None) -> None:
        """Add a table with its numbered caption, and a note under it. The table keeps its end: a total row
        (style "jumlah") with the row above it, and the last row with the note, never alone on a page."""
        self.tables += 1
        self.blocks.append(para(f"Tabel {self.chapter}.{self.tables} {caption}", "keterangan-tabel"))
        ending = 2 if table.rows and table.rows[-1].style == "jumlah" else 1 if note else 0
        if ending > table.closing_rows:
            table = dataclasses.replace(table, closing_rows=closing_rows(table.rows, ending))
        self.blocks.append(table)
        if note:
            self.blocks.append(para(note, "catatan", keep_with_previous=True))

    def figure(self, caption: str, chart: Chart | None) -> None:
        """Add a chart with its numbered caption (nothing without a chart)."""
        if chart is None:
            return
        self.figures += 1
        self.blocks.append(dataclasses.replace(chart, caption=f"Gambar {self.chapter}.{self.figures} {caption}"))
