"""Lay out a batch's documents of one form (the pacts) with what they share laid out once, for the PDF writer.

Documents of one *shape* (render/docx_fill.py: the block tree without its free texts) whose texts agree but for
some are a *family*. The texts that differ (a name, a NIP, a jabatan) sit in *holes*: the paragraphs or cells that
hold them, and the verification mark. Documents whose holes lay out to lines of the same heights share one
*layout*, since nothing else on their page moves: it is laid out once by WeasyPrint, and each document's page is
that layout's constant part (form XObjects, painted once per PDF) with its holes' lines on top, laid out again by
WeasyPrint's own line layout in the same boxes (render/weasy.py). Such a page is the single-pass page, pixel for
pixel and in the same painting order. A document that fits no layout of its family is laid out in one pass.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ElementTree
from collections import OrderedDict
from dataclasses import dataclass, field

from reportgen.model import blocks as b
from reportgen.render.docx_fill import NotFillable, sentinel_document, shape
from reportgen.render.qr import qr_image
from reportgen.render.weasy import (KeptLayout, LayeredForm, LayeredPage, LightHtml, NotLayerable, TextHole,
                                    find_margin_holes, line_heights)

# The metadata a document's body never shows (the HTML's head holds the batch's): left out of its shape.
_NO_META = b.DocumentMeta(title="", author="")
_SLOT = re.compile("\ue000([0-9]+)\ue001")
_CSS_SLOT = re.compile(r"\\00e000([0-9]+)\\00e001")  # a slot in a CSS string (render/qr.py css_string)

FAMILIES = 16  # families remembered per process (a batch of pacts has a handful)
LAYOUTS = 8  # layouts per family (the pacts of a real roster have about five)
TRIES = 3  # documents tried as a family's first layout before its documents are all laid out in one pass


def _content(document: b.Document) -> b.Document:
    """Return what a document's body shows: without its metadata and its verification mark."""
    return dataclasses.replace(document, meta=_NO_META, verification=None)


@dataclass(frozen=True)
class _Node:
    """A text node of the HTML that holds slots: its element (index in document order), which of the element's
    text nodes (0 its text, k + 1 the tail of its k-th child), and its text with the slots' sentinels."""

    element: int
    node: int
    template: str

    def text(self, texts: list[str]) -> str:
        return _SLOT.sub(lambda m: texts[int(m.group(1))], self.template)


@dataclass
class _Shape:
    """Where a shape's slots land in its HTML: text nodes of the body, or anywhere else (attributes, the head,
    the stylesheet), where a slot's text is part of the family; and the slots of elements found not to be holes
    (a label in an inline block), whose texts are part of the family too."""

    nodes: list[_Node]
    elsewhere: set[int]


class _Spills(NotLayerable):
    """A document whose layout has more than one page: laid out in one pass, where the batch sees its pages."""


class _NotAHole(NotLayerable):
    """An element that holds varying text but cannot be a hole: its texts become part of its family."""

    def __init__(self, element: int):
        super().__init__(f"element {element} is not a hole")
        self.element = element


def _analyse(html: str) -> _Shape:
    """Return the slots' places in the HTML of a document whose slots hold sentinels."""
    root = ElementTree.fromstring(html)  # the templates write XML; a unit's own may not: NotLayerable
    nodes, counted = [], {}
    body = root.find("body")
    in_body = {id(e) for e in body.iter()} if body is not None else set()
    for index, element in enumerate(root.iter()):
        if id(element) not in in_body:
            continue
        for node, text in enumerate([element.text] + [child.tail for child in element]):
            if text and _SLOT.search(text):
                nodes.append(_Node(index, node, text))
                for m in _SLOT.finditer(text):
                    counted[int(m.group(1))] = counted.get(int(m.group(1)), 0) + 1
    everywhere: dict[int, int] = {}
    for m in _SLOT.finditer(html):
        everywhere[int(m.group(1))] = everywhere.get(int(m.group(1)), 0) + 1
    elsewhere = {slot for slot, count in everywhere.items() if count != counted.get(slot, 0)}
    elsewhere |= {int(m.group(1)) for m in _CSS_SLOT.finditer(html)}
    return _Shape(nodes, elsewhere)


@dataclass
class _Layout:
    """One layout of a family: its WeasyPrint layout, its holes (text holes, then the mark's), their lines'
    heights, and the constant part."""

    layout: KeptLayout
    holes: list
    signature: tuple
    form: LayeredForm


@dataclass
class _Family:
    """The documents of one shape and texts: where their holes are, and their layouts by the holes' heights."""

    holes: list[tuple[int, tuple[int, ...]]]  # (element index, varying text nodes) of each text hole
    first: _Layout | None = None
    tries: int = 0
    layouts: dict = field(default_factory=dict)  # signature -> _Layout, or None: laid out in one pass


@dataclass(frozen=True)
class Placed:
    """A document's page in a two-layer PDF: its layout's form, its holes' lines, the layout's anchors."""

    form: LayeredForm
    filled: dict
    anchors: dict
    document: object  # the layout's WeasyPrint document: the batch's metadata, fonts and URL fetcher

    def page(self, anchors: dict) -> LayeredPage:
        """Return the page, its anchors named as given."""
        return LayeredPage(self.form, self.filled, anchors)


class LayeredPlanner:
    """Place documents on layouts laid out once; one per PDF writer (and so per process), remembering its families."""

    def __init__(self, html_writer, stylesheets: list, font_config, base_url: str):
        self.html, self.stylesheets, self.fonts, self.base_url = html_writer, stylesheets, font_config, base_url
        self.shapes: dict = {}
        self.families: OrderedDict = OrderedDict()
        self.images: dict = {}  # WeasyPrint's images of the QR codes, per PDF written: cleared per batch

    def new_pdf(self) -> None:
        """Forget the QR codes' images of the PDF written before (they are drawn once, in one PDF)."""
        self.images.clear()

    def place(self, documents: list[b.Document], meta: b.DocumentMeta) -> list[Placed | None]:
        """Return each document's two-layer page, or None for a document to lay out in one pass."""
        keyed = []
        for document in documents:
            try:
                key, texts = shape(_content(document))
                keyed.append((key, texts))
            except NotFillable:
                keyed.append(None)
        varying: dict = {}  # shape key -> slots whose texts differ in this batch
        for found in keyed:
            if found is not None:
                first = varying.setdefault(found[0], (found[1], set()))
                first[1].update(i for i, (x, y) in enumerate(zip(first[0], found[1])) if x != y)
        placed = []
        for document, found in zip(documents, keyed):
            placed.append(None if found is None else self._place_learning(document, meta, *found,
                                                                          varying[found[0]][1]))
        return placed

    def _place_learning(self, document: b.Document, meta: b.DocumentMeta, key, texts: list[str],
                        varying: set[int]) -> Placed | None:
        """Return a document's placement, or None; an element found not to be a hole has its slots made part of
        the family, and the document is placed again."""
        for _ in range(8):
            try:
                return self._place(document, meta, key, texts, varying)
            except _NotAHole as exc:
                found = self.shapes[key]
                found.elsewhere |= {int(m.group(1)) for node in found.nodes if node.element == exc.element
                                    for m in _SLOT.finditer(node.template)}
            except NotLayerable:
                return None
        return None

    def _shape(self, key, document: b.Document, meta: b.DocumentMeta) -> _Shape:
        if key not in self.shapes:
            try:
                self.shapes[key] = _analyse(self.html.render([sentinel_document(_content(document))], meta))
            except ElementTree.ParseError:
                self.shapes[key] = None
        if self.shapes[key] is None:
            raise NotLayerable("HTML the XML parser cannot read")
        return self.shapes[key]

    def _place(self, document: b.Document, meta: b.DocumentMeta, key, texts: list[str], varying: set[int]) -> Placed:
        found = self._shape(key, document, meta)
        variable = varying - found.elsewhere
        holes: dict[int, list[_Node]] = {}
        for node in found.nodes:
            if any(int(m.group(1)) in variable for m in _SLOT.finditer(node.template)):
                holes.setdefault(node.element, []).append(node)
        mark = document.verification
        picture = qr_image(mark.payload, document.page.verification_mark_mm) if mark else None
        family_key = (key, meta, tuple(None if i in variable else t for i, t in enumerate(texts)),
                      (len(mark.lines), picture.dpi) if mark else None)
        family = self.families.get(family_key)
        if family is None:
            family = _Family([(element, tuple(n.node for n in nodes)) for element, nodes in sorted(holes.items())])
            self.families[family_key] = family
            if len(self.families) > FAMILIES:
                self.families.popitem(last=False)
        self.families.move_to_end(family_key)
        contents = [tuple(n.text(texts) for n in nodes) for _, nodes in sorted(holes.items())]
        if mark:
            contents += ["\n".join(mark.lines), picture.uri]
        if family.first is None:
            if family.tries >= TRIES:
                raise NotLayerable("no layout of this family")
            try:
                family.first = self._lay_out(family, document, meta, contents)
            except _Spills:
                raise  # a pact too long for its page says nothing of its family
            except NotLayerable:
                family.tries += 1
                raise
            family.layouts[family.first.signature] = family.first
            return self._placed(family.first, [list(hole.block.children) for hole in family.first.holes])
        lines = [hole.lines(content) for hole, content in zip(family.first.holes, contents)]
        signature = tuple(line_heights(found) for found in lines)
        if signature == family.first.signature:
            return self._placed(family.first, lines)
        if signature not in family.layouts:
            if len(family.layouts) >= LAYOUTS:
                raise NotLayerable("too many layouts in one family")
            try:
                family.layouts[signature] = self._lay_out(family, document, meta, contents)
            except NotLayerable:
                family.layouts[signature] = None
                raise
        layout = family.layouts[signature]
        if layout is None:
            raise NotLayerable("a layout of this family the two layers cannot make")
        lines = [hole.lines(content) for hole, content in zip(layout.holes, contents)]
        if tuple(line_heights(found) for found in lines) != layout.signature:
            raise NotLayerable("the holes' lines differ from the layout's")
        return self._placed(layout, lines)

    def _lay_out(self, family: _Family, document: b.Document, meta: b.DocumentMeta, contents: list) -> _Layout:
        """Return a new layout of a family, laid out with `document` (its holes' own content: `contents`)."""
        text = self.html.render([document], meta)
        try:
            ElementTree.fromstring(text)  # as the shape was read: the same elements in the same order
        except ElementTree.ParseError:
            raise NotLayerable("HTML the XML parser cannot read") from None
        html = LightHtml.from_text(text, base_url=self.base_url)
        layout = KeptLayout(html, self.stylesheets, self.fonts)
        if len(layout.document.pages) != 1:
            raise _Spills("more than one page")
        elements = list(html.etree_element.iter())
        holes = []
        for index, nodes in family.holes:
            try:
                holes.append(TextHole(layout, elements[index], nodes))
            except NotLayerable:
                raise _NotAHole(index) from None
        for hole, content in zip(holes, contents):
            if hole.own != content:
                raise NotLayerable("the layout's own texts are not the document's")
        mark = document.verification
        holes += find_margin_holes(layout, contents[-2] if mark else None, contents[-1] if mark else None,
                                   self.images)
        return _Layout(layout, holes, tuple(line_heights(list(h.block.children)) for h in holes),
                       LayeredForm(layout, holes))

    @staticmethod
    def _placed(layout: _Layout, lines: list[list]) -> Placed:
        filled = {id(hole): found for hole, found in zip(layout.holes, lines)}
        return Placed(layout.form, filled, dict(layout.layout.document.pages[0].anchors), layout.layout.document)
