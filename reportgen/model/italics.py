"""Set the foreign terms of a document in italics (conventions/foreign_terms.yaml): in its paragraphs, list items
and table cells, whoever wrote the text (reportgen's defaults, the unit's settings, a worksheet's cells)."""

from __future__ import annotations

import dataclasses

from reportgen.model.blocks import (Cell, Document, ListItem, NumberedList, Paragraph, Row, Section, Span, Table,
                                    with_italics)


def _spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Return spans with the foreign terms of each upright one in italics (bold kept)."""
    out: list[Span] = []
    for span in spans:
        found = () if span.italic else with_italics(span.text)
        out += [dataclasses.replace(s, bold=span.bold) for s in found] if found else [span]
    return tuple(out)


def _item(item: ListItem) -> ListItem:
    spans = _spans(item.spans) if item.spans else with_italics(item.text)
    return dataclasses.replace(item, spans=spans) if spans and spans != item.spans else item


def _cell(cell: Cell) -> Cell:
    spans = with_italics(cell.text) if not cell.spans else _spans(cell.spans)
    return dataclasses.replace(cell, spans=spans) if spans and spans != cell.spans else cell


def _block(block):
    if isinstance(block, Paragraph):
        spans = _spans(block.spans)
        return dataclasses.replace(block, spans=spans) if spans != block.spans else block
    if isinstance(block, NumberedList):
        return dataclasses.replace(block, items=tuple(_item(i) for i in block.items))
    if isinstance(block, Table):
        return dataclasses.replace(block, rows=tuple(Row(tuple(_cell(c) for c in r.cells), r.style)
                                                     for r in block.rows))
    if isinstance(block, Section):
        return dataclasses.replace(block, blocks=tuple(_block(b) for b in block.blocks))
    return block


def italicized(document: Document) -> Document:
    """Return the document with every foreign term of its paragraphs, list items and table cells in italics."""
    return dataclasses.replace(document, blocks=tuple(_block(b) for b in document.blocks))
