"""Turn the look of a reference.docx (render/word_look.py) into the PDF's stylesheet: one rule per style of
the shared vocabulary, so the PDF follows what a unit set in Word; print.css adds only what Word cannot say.

The page's paper, margins and base font reach the PDF through the document's page setup (documents/look.py
resolves them from the same file), so this sheet holds the styles only.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from reportgen.model import styles as vocabulary
from reportgen.render.fonts import single_line_factor
from reportgen.render.word_look import Border, StyleLook, WordLook, read_look

# Word's border styles as CSS draws them; any other is drawn solid (and named by look_check).
BORDER_STYLES = {"single": "solid", "thick": "solid", "double": "double", "dashed": "dashed",
                 "dashSmallGap": "dashed", "dotted": "dotted", "none": "none"}
# the spans of a labelled row ("Label : a. text") in order: each takes the room up to the next tab stop
TAB_SPANS = ("d-label", "d-titik", "d-penanda")


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pt(value: float) -> str:
    return f"{_number(value)}pt"


def _mm(points: float) -> str:
    """Return a length in millimetres to 0.1 mm, as Word shows and a clerk sets indents and tab stops (0.01 cm)."""
    return f"{_number(round(points * 25.4 / 72, 1))}mm"


def _color(value: str | None) -> str:
    return f"#{value.lower()}" if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value) else "#000"


def css_font(name: str) -> str:
    """Return a font family as a quoted CSS string (only the characters a family name holds)."""
    return '"' + re.sub(r"[^\w .\-]", "", name) + '"'


def _border(border: Border) -> str:
    if border.style == "none":
        return "none"
    style = BORDER_STYLES.get(border.style, "solid")
    # a double line: two lines of the border's width and a gap as wide, as Word and LibreOffice draw it
    width = border.width_pt * (3 if style == "double" else 1)
    return f"{_pt(width)} {style} {_color(border.color)}"


def line_height(style: StyleLook, factor: float) -> str:
    """Return the CSS line height of a style: a multiple of the font's single spacing, or points."""
    if style.line_rule == "auto":
        return _number(round(style.line * factor, 3))
    return _pt(style.line)


def paragraph_rule(style: StyleLook, normal: StyleLook, factor: float) -> list[str]:
    """Return the CSS rules of one paragraph style."""
    name = style.name
    decls = []
    if style.own_font:
        decls.append(f"font-family: {css_font(style.own_font)}")
    decls.append(f"font-size: {_pt(style.own_size_pt) if style.own_size_pt else '1rem'}")
    decls.append(f"font-weight: {'bold' if style.bold else 'normal'}")
    decls.append(f"font-style: {'italic' if style.italic else 'normal'}")
    lines = [kind for kind, on in (("underline", style.underline), ("line-through", style.strike)) if on]
    if lines:
        decls.append(f"text-decoration: {' '.join(lines)}")
    if style.caps:
        decls.append("text-transform: uppercase")
    decls.append(f"color: {_color(style.color)}")
    decls.append(f"text-align: {style.align}")
    decls.append(f"margin-top: {_pt(style.space_before_pt)}")
    decls.append(f"margin-bottom: {_pt(style.space_after_pt)}")
    if style.indent_left_pt:
        decls.append(f"padding-left: {_mm(style.indent_left_pt)}")
    if style.indent_right_pt:
        decls.append(f"padding-right: {_mm(style.indent_right_pt)}")
    if style.first_line_pt:
        decls.append(f"text-indent: {_mm(style.first_line_pt)}")
    if (style.line_rule, style.line) != (normal.line_rule, normal.line):
        decls.append(f"line-height: {line_height(style, factor)}")
        if style.line_rule == "exact":  # an empty spacer paragraph is as tall as its one line, as in Word
            decls.append(f"min-height: {_pt(style.line)}")
    if style.keep_next:
        decls.append("break-after: avoid")
    if style.keep_lines:
        decls.append("break-inside: avoid")
    if style.page_break_before:
        decls.append("break-before: page")
    if style.shading:
        decls.append(f"background: {_color(style.shading)}")
    for side in ("top", "bottom", "left", "right"):
        border = style.border(side)
        if border is not None:
            decls.append(f"border-{side}: {_border(border)}")
            if border.space_pt and border.style != "none":  # the border's distance from the text, as Word keeps it
                decls.append(f"padding-{side}: {_pt(border.space_pt)}")
    rules = [f".{name} {{ {'; '.join(decls)}; }}"]
    # a style given to a table cell: its spacing before and after is the cell's padding (a cell has no margins)
    rules.append(f"td.{name}, th.{name} {{ padding-top: {_pt(style.space_before_pt)}; "
                 f"padding-bottom: {_pt(style.space_after_pt)}; }}")
    start = style.indent_left_pt + style.first_line_pt
    stops = [pos for pos, align, _ in style.tabs if align in ("left", "start") and pos > start]
    if len(stops) == 1:  # a list item: its marker up to the one tab stop
        rules.append(f".{name} .penanda {{ width: {_mm(stops[0] - start)}; }}")
    elif stops:  # a labelled row: label, colon and marker each up to the next tab stop
        previous = start
        for span, stop in zip(TAB_SPANS, stops):
            rules.append(f".{name} .{span} {{ width: {_mm(stop - previous)}; }}")
            previous = stop
    return rules


def table_rule(style: StyleLook) -> list[str]:
    """Return the CSS rules of one table style: its lines, its cells' side margins and its shading."""
    name = style.name
    cells = f"table.{name} th, table.{name} td"
    outer = [f"border-{side}: {_border(style.border(side))}" for side in ("top", "right", "bottom", "left")
             if style.border(side) is not None]
    inner = []
    for sides, inside in ((("top", "bottom"), "insideH"), (("left", "right"), "insideV")):
        border = style.border(inside)
        for side in sides:
            inner.append(f"border-{side}: {_border(border) if border is not None else 'none'}")
    margins = dict(style.cell_margins)
    vertical = style.border("insideV") or style.border("left")
    half = (vertical.width_pt / 2) if vertical is not None and vertical.style != "none" else 0.0
    # Word measures a cell's margins from the middle of its rule, CSS from the rule's inner edge
    for side in ("left", "right"):
        inner.append(f"padding-{side}: {_pt(max(0.0, margins.get(side, 5.4) - half))}")
    if style.shading:
        inner.append(f"background: {_color(style.shading)}")
    rules = [f"{cells} {{ {'; '.join(inner)}; }}"]
    if outer:
        rules.insert(0, f"table.{name} {{ {'; '.join(outer)}; }}")
    return rules


def stylesheet(look: WordLook) -> str:
    """Return the CSS of every vocabulary style of a look, with the base line height and colour."""
    normal = look.normal
    factor = single_line_factor(normal.font or "")
    out = ["/* generated from reference.docx by reportgen (render/look_css.py): change the look in Word */",
           f"html {{ line-height: {line_height(normal, factor)}; color: {_color(normal.color)}; }}"]
    for name in vocabulary.PARAGRAPH_STYLES:
        style = look.style(name)
        if style is not None and style.kind == "paragraph":
            out += paragraph_rule(style, normal, factor)
    for name in vocabulary.TABLE_STYLES:
        style = look.style(name)
        if style is not None and style.kind == "table":
            out += table_rule(style)
    mark = look.style("tanda-verifikasi")
    if mark is not None:  # the verification mark's lines in the bottom margin look like the style
        size = _pt(mark.own_size_pt) if mark.own_size_pt else "1rem"
        out.append(f"@page {{ @bottom-center {{ font-size: {size}; color: {_color(mark.color)}; }} }}")
    return "\n".join(out) + "\n"


def stylesheet_of(reference: Path) -> str:
    """Return the generated CSS of a reference.docx (cached per file version, as its look)."""
    reference = Path(reference)
    stat = reference.stat()
    return _cached(str(reference.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _cached(path: str, mtime_ns: int, size: int) -> str:
    return stylesheet(read_look(Path(path)))
