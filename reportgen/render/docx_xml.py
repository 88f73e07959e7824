# Relies on internals of python-docx==1.2.0 (pinned in pyproject.toml).
# When upgrading, check: Paragraph._p, Table._tbl, _Cell._tc and _Row._tr are still the proxies' XML elements;
# ImagePart still serializes the bytes it holds in _blob; docx.opc.pkgwriter._ContentTypesItem still writes
# [Content_Types].xml; CT_Inline.new_pic_inline still takes (shape id, rId, file name, cx, cy); a style lookup still
# goes through the part's get_style_id. tests/test_docx_fill.py and the golden files (tests/golden) fail if not.
"""python-docx's internals the DOCX writer relies on, in one place: the XML element of a paragraph, table, cell
or row, a picture part's bytes, the content-types part, a picture's inline shape, and the style-id lookup."""

from __future__ import annotations

from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml.shape import CT_Inline


def paragraph_xml(paragraph):
    """Return the w:p element of a python-docx paragraph."""
    return paragraph._p


def table_xml(table):
    """Return the w:tbl element of a python-docx table."""
    return table._tbl


def cell_xml(cell):
    """Return the w:tc element of a python-docx table cell."""
    return cell._tc


def row_xml(row):
    """Return the w:tr element of a python-docx table row."""
    return row._tr


def replace_image(part, blob: bytes) -> None:
    """Give a picture part other bytes of the same format (the verification QR code of the next document)."""
    part._blob = blob


def content_types_xml(parts) -> bytes:
    """Return the [Content_Types].xml python-docx writes for a package of these parts."""
    return _ContentTypesItem.from_parts(parts).blob


def picture_inline(shape_id: int, rid: str, filename: str, cx: int, cy: int):
    """Return a wp:inline element showing the picture of relationship `rid` at size (cx, cy) in EMU."""
    return CT_Inline.new_pic_inline(shape_id, rid, filename, cx, cy)


def cache_style_ids(doc) -> None:
    """Memoize python-docx's style-id lookup, which scans every style on each call (most of the time)."""
    part = doc.part
    lookup = part.get_style_id
    cache: dict = {}

    def cached(style_or_name, style_type):
        key = (style_or_name if isinstance(style_or_name, str) else style_or_name.style_id, style_type)
        if key not in cache:
            cache[key] = lookup(style_or_name, style_type)
        return cache[key]

    part.get_style_id = cached
