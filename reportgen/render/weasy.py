# Relies on internals of weasyprint==70.0 and cssselect2==0.10.1 (pinned in pyproject.toml).
# When upgrading, check: HTML.__init__ still sets exactly base_url, url_fetcher, media_type, wrapper_element and
# etree_element; HTML._ua_stylesheets(forms) still returns the user-agent stylesheets; css/html5_ua.css still
# holds that stylesheet with one rule per line; Page._page_box.page_type.name is still the CSS named page.
# tests/test_html_parsing.py (same bytes from both parsers) and tests/test_annual_report.py (the contents' page
# labels, i, ii ... then 1, 2 ...) fail if not.
# For two-layer pages, check too: Document._render still takes the steps KeptLayout takes (with
# Document._build_layout_context) and layout_document still lays out copies, leaving the box tree before layout
# reusable; iter_line_boxes(context, line, position_y, bottom_space, skip_stack, containing_block, absolute_boxes,
# fixed_boxes, first_letter_style, first_line_style) and layout_box_backgrounds keep their parameters; draw_page,
# draw_stacking_context and draw_block_level still paint backgrounds and borders, floats, then every block's lines
# in tree order, then positioned boxes, then the margin boxes; Stream.clone, Stream._resources and
# Stream.draw_x_object still serve a form XObject that pdf._use_references writes with its own Resources (pydyf's
# Dictionary and Array); TextBox.process_whitespace and process_text_transform still prepare a text box's text;
# images.get_image_from_uri still names an image by the MD5 of its URI. tests/test_layered_pacts.py (each pact
# of both paths rasterised in no pixel different, the same text in the same order) fails if not.
"""WeasyPrint's internals the PDF writer relies on, in one place: a lighter user-agent stylesheet, a document
read by the XML parser, the named page of a laid-out page, and two-layer pages (render/layered.py): a page laid
out once whose varying text is laid out again per document by WeasyPrint's own line layout, in the same boxes,
and painted over the page's constant part, drawn once per PDF as form XObjects."""

from __future__ import annotations

import functools
import hashlib
import math
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import cssselect2
import pydyf
import weasyprint
from weasyprint import CSS, DEFAULT_OPTIONS, HTML, Document, Page
from weasyprint.css.counters import CounterStyle
from weasyprint.draw import draw_background, draw_inline_level, draw_stacking_context
from weasyprint.draw.border import draw_border, set_mask_border
from weasyprint.formatting_structure import boxes
from weasyprint.formatting_structure.build import build_formatting_structure
from weasyprint.html import get_html_metadata
from weasyprint.images import get_image_from_uri
from weasyprint.layout import inline as inline_layout
from weasyprint.layout import layout_document
from weasyprint.layout.background import layout_box_backgrounds
from weasyprint.layout.inline import iter_line_boxes
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.stacking import StackingContext
from weasyprint.urls import URLFetcher


@functools.lru_cache(maxsize=1)
def user_agent_stylesheet() -> CSS:
    """Return WeasyPrint's HTML5 user-agent stylesheet without its rules for pseudo-elements of every
    element (footnote and note calls and markers, list markers).

    The templates use none of them, but a rule like `::footnote-call` makes WeasyPrint compute a style
    for that pseudo-element of every element: about 5 ms of a 35 ms pact page. Every other default
    (margins, table display, bold headings) is WeasyPrint's own, so the look does not change.
    """
    source = Path(weasyprint.__file__).parent / "css" / "html5_ua.css"
    rules = [line for line in source.read_text(encoding="utf-8").splitlines() if not line.startswith("::")]
    return CSS(string="\n".join(rules))


class LightHtml(HTML):
    """WeasyPrint's HTML document with the lighter user-agent stylesheet."""

    def _ua_stylesheets(self, forms=False):
        return [user_agent_stylesheet()]

    @classmethod
    def from_text(cls, text: str, base_url: str) -> "LightHtml":
        """Return the document of an HTML text, read by the XML parser when the text is well-formed.

        The templates write well-formed markup, which expat reads about 30 times faster than WeasyPrint's
        HTML5 parser (2 ms of a pact page) into a tree that lays out to the same bytes (tests/test_html_parsing.py).
        Anything else, such as a unit's own templates, goes through the HTML5 parser.
        """
        try:
            tree = ElementTree.fromstring(text)
        except ElementTree.ParseError:
            return cls(string=text, base_url=base_url)
        document = cls.__new__(cls)
        # what HTML.__init__ sets once it has parsed
        document.base_url = base_url
        document.url_fetcher = URLFetcher()
        document.media_type = "print"
        document.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
        document.etree_element = document.wrapper_element.etree_element
        return document


def page_name(page) -> str:
    """Return the CSS named page of a laid-out page ('' when it has none)."""
    return page._page_box.page_type.name


# ---------------------------------------------------------------- two-layer pages


def free_below(page) -> float:
    """Return the room, in points, between the last thing a page's flow draws (a line of text, a picture, a rule)
    and the bottom of its content area: a page laid out with little of it left may need one more line in another
    renderer (LibreOffice wraps a long name a word earlier), so a batch that must keep a document on its pages
    asks for some. `page` is a laid-out Page, or a two-layer page's form (its layout's first page)."""
    box = page.page_box if isinstance(page, LayeredForm) else page._page_box
    bottom = box.content_box_y() + box.height
    ink = [box.content_box_y()]

    def visit(parent) -> None:
        for child in getattr(parent, "children", ()):
            if isinstance(child, (boxes.LineBox, boxes.ReplacedBox)) or (
                    isinstance(child, boxes.BlockBox) and child.style["border_bottom_width"] > 0):
                ink.append(child.position_y + child.margin_height())
            if not isinstance(child, boxes.LineBox):
                visit(child)

    visit(box.children[0])  # the root's flow, not the margin boxes (page number, verification footer)
    return (bottom - max(ink)) * 0.75  # CSS pixels to points


class NotLayerable(Exception):
    """A page (or a document's text in it) the two layers cannot reproduce exactly: laid out in one pass instead."""


class KeptLayout:
    """A WeasyPrint layout of one HTML document that keeps what laying parts of it out again needs: the layout
    context and the box tree before layout (layout lays out copies of its boxes, so it stays reusable)."""

    def __init__(self, html: LightHtml, stylesheets: list, font_config):
        options = dict(DEFAULT_OPTIONS, stylesheets=stylesheets)
        counter_style = CounterStyle()
        # the steps of Document._render, keeping the context and the box tree
        self.html = html
        self.options = options
        self.context = Document._build_layout_context(html, font_config, counter_style, {}, options)
        self.root = build_formatting_structure(
            html.etree_element, self.context.style_for, self.context.get_image_from_uri, html.base_url,
            self.context.target_collector, counter_style, self.context.footnotes)
        page_boxes = list(layout_document(html, self.root, self.context))
        self.document = Document([Page(box) for box in page_boxes], DocumentMetadata(**get_html_metadata(html)),
                                 html.url_fetcher, font_config, {}, options["output_intent"])
        self.document._html = html
        self._lay_out_inline_block = inline_layout.inline_block_box_layout
        self._inline_blocks: dict = {}

    @property
    def page_box(self):
        """Return the box of the layout's first page."""
        return self.document.pages[0]._page_box

    def image(self, uri: str, cache: dict):
        """Return WeasyPrint's image of a data: URI, as the layout would load it (`cache` per PDF written)."""
        return get_image_from_uri(cache, self.html.url_fetcher, self.options, uri)

    def _inline_block(self, context, box, position_x, skip_stack, containing_block, absolute_boxes, fixed_boxes):
        """Return an inline block laid out (inline.inline_block_box_layout), once per box and place: a hole's
        label and colon are the same blocks in the same place in every document's line."""
        key = (id(box), position_x, containing_block.width)
        laid = self._inline_blocks.get(key)
        if laid is None:
            placed = (len(absolute_boxes), len(fixed_boxes))
            laid = self._lay_out_inline_block(context, box, position_x, skip_stack, containing_block,
                                              absolute_boxes, fixed_boxes)
            if skip_stack is not None or placed != (len(absolute_boxes), len(fixed_boxes)):
                return laid  # split, or with positioned boxes inside: laid out each time
            self._inline_blocks[key] = laid
        return laid.deepcopy()  # the line moves its boxes into place: never the remembered one

    def lay_out_lines(self, line, position_y: float, block) -> list:
        """Return the lines of a line box laid out from `position_y` in `block` (its containing block), with the
        backgrounds of their boxes as the page's layout gives them."""
        self.context.create_block_formatting_context(None)  # no float beside it: else Hole.check refuses the hole
        inline_layout.inline_block_box_layout = self._inline_block
        try:
            lines = [laid for laid, _ in iter_line_boxes(self.context, line, position_y, -math.inf, None, block,
                                                         [], [], None, None)]
        finally:
            inline_layout.inline_block_box_layout = self._lay_out_inline_block
            self.context.finish_block_formatting_context(None)
        for laid in lines:
            layout_box_backgrounds(self.page_box, laid, self.context.get_image_from_uri)
        return lines


def _walk(box):
    yield box
    if isinstance(box, boxes.ParentBox):
        for child in box.children:
            yield from _walk(child)


def _fingerprint(lines: list) -> tuple:
    """Return what a list of laid-out lines draws and where: every box's kind, text, position and size."""
    return tuple((type(box).__name__, getattr(box, "text", None), box.position_x, box.position_y, box.width,
                  box.height, getattr(box, "baseline", None)) for line in lines for box in _walk(line))


def line_heights(lines: list) -> tuple:
    """Return the height and baseline of each line: equal for two texts, they move nothing else on the page."""
    return tuple((line.height, line.baseline) for line in lines)


class Hole:
    """A box of a laid-out page whose content differs per document; `block` is its box in the page."""

    block = None

    def lines(self, content) -> list:
        """Return the box's lines laid out with a document's content."""
        raise NotImplementedError

    def check(self, content) -> None:
        """Raise NotLayerable unless laying the layout's own content out again gives the page's own lines."""
        if _fingerprint(self.lines(content)) != _fingerprint(list(self.block.children)):
            raise NotLayerable("laid out again, the text is not where the page has it")


def _one_box(found: list, what: str):
    if len(found) != 1:
        raise NotLayerable(f"{len(found)} boxes for {what}")
    return found[0]


def _processed(template, text: str) -> str:
    """Return a text as the box builder leaves it in a text box like `template` (spaces, text-transform)."""
    box = template.copy_with_text(text)
    box.process_whitespace(False)
    box.process_text_transform()
    return box.text


class TextHole(Hole):
    """A block of text (a paragraph, a cell) some of whose own text nodes differ per document: its content is
    the texts of those nodes, in order (`nodes`: 0 the element's text, k + 1 the tail of its k-th child)."""

    def __init__(self, layout: KeptLayout, element, nodes: tuple[int, ...]):
        self.layout = layout
        before = _one_box([b for b in _walk(layout.root) if isinstance(b, boxes.BlockContainerBox)
                           and b.element is element and not isinstance(b, boxes.InlineBlockBox)], "a text block")
        self.block = _one_box([b for b in _walk(layout.page_box) if type(b) is type(before) and b.element is element],
                              "a text block in the page")
        if len(before.children) != 1 or not isinstance(before.children[0], boxes.LineBox):
            raise NotLayerable("not a block of inline text")
        self.line = before.children[0]
        texts = [element.text] + [child.tail for child in element]
        present = [k for k, text in enumerate(texts) if text]
        own = [i for i, child in enumerate(self.line.children)
               if isinstance(child, boxes.TextBox) and child.element is element]
        if len(own) != len(present):
            raise NotLayerable("text nodes and text boxes differ")
        places = dict(zip(present, own))
        if any(k not in places for k in nodes):
            raise NotLayerable("an empty text node")
        self.places = tuple(places[k] for k in nodes)
        for k, place in zip(nodes, self.places):
            if _processed(self.line.children[place], texts[k]) != self.line.children[place].text:
                raise NotLayerable("the text box is not the node's text")
        self.own = tuple(texts[k] for k in nodes)
        self.check(self.own)

    def lines(self, content: tuple[str, ...]) -> list:
        children = list(self.line.children)
        for place, text in zip(self.places, content):
            children[place] = children[place].copy_with_text(text)
            children[place].process_whitespace(False)
            children[place].process_text_transform()
        return self.layout.lay_out_lines(self.line.copy_with_children(children), self.block.children[0].position_y,
                                         self.block)


class MarginTextHole(Hole):
    """A page margin box of text only (the verification mark's lines): its content is its whole text."""

    def __init__(self, layout: KeptLayout, margin_box, text: str):
        self.layout, self.block = layout, margin_box
        lines = margin_box.children
        if not lines or not all(isinstance(line, boxes.LineBox) and line.children
                                and all(isinstance(c, boxes.TextBox) for c in line.children) for line in lines):
            raise NotLayerable("a margin box of more than text")
        if margin_box.style["width"] == "auto":
            raise NotLayerable("a margin box as wide as its text")
        self.text_box = lines[0].children[0]
        self.check(text)

    def lines(self, content: str) -> list:
        first = self.block.children[0]
        return self.layout.lay_out_lines(first.copy_with_children([self.text_box.copy_with_text(content)]),
                                         first.position_y, self.block)

    def check(self, content) -> None:
        text = _processed(self.text_box, content)
        if "".join(c.text for line in self.block.children for c in line.children) != text.replace("\n", ""):
            raise NotLayerable("the margin box's text is not the document's")
        super().check(content)


class PictureHole(Hole):
    """A page margin box holding one picture (the verification QR code): its content is the picture's data: URI."""

    def __init__(self, layout: KeptLayout, margin_box, cache: dict):
        self.layout, self.block = layout, margin_box
        if (len(margin_box.children) != 1 or len(margin_box.children[0].children) != 1
                or not isinstance(margin_box.children[0].children[0], boxes.InlineReplacedBox)):
            raise NotLayerable("a margin box of more than a picture")
        if margin_box.style["width"] == "auto":
            raise NotLayerable("a margin box as wide as its picture")
        self.line = margin_box.children[0]
        self.picture = self.line.children[0]
        self.cache = cache

    def lines(self, content: str) -> list:
        image = self.layout.image(content, self.cache)
        own = self.picture.replacement
        if image is None or (image.width, image.height) != (own.width, own.height):
            raise NotLayerable("a picture of another size")
        picture = self.picture.copy()
        picture.replacement = image
        return [self.line.copy_with_children([picture])]

    def check(self, content) -> None:
        pass


def find_margin_holes(layout: KeptLayout, text: str | None, picture_uri: str | None, cache: dict) -> list[Hole]:
    """Return the holes of the page's margin boxes: the one whose text is `text`, and the one showing the picture of
    `picture_uri` (WeasyPrint names an image by the MD5 of its URI)."""
    holes: list[Hole] = []
    margins = [box for box in layout.page_box.children if isinstance(box, boxes.MarginBox)]
    if text is not None:
        found = []
        for margin in margins:
            try:
                found.append(MarginTextHole(layout, margin, text))
            except NotLayerable:
                pass
        holes.append(_one_box(found, "the mark's lines"))
    if picture_uri is not None:
        image_id = hashlib.md5(picture_uri.encode(), usedforsecurity=False).hexdigest()
        found = [m for m in margins if any(isinstance(b, boxes.InlineReplacedBox)
                                           and getattr(b.replacement, "id", None) == image_id for b in _walk(m))]
        holes.append(PictureHole(layout, _one_box(found, "the mark's picture"), cache))
    return holes


def _simple_context(box) -> bool:
    """Return whether a box paints in its parent's stacking context, in normal flow (none of its own)."""
    style = box.style
    return not (box.is_floated() or style["position"] != "static" or style["opacity"] < 1 or style["transform"]
                or style["overflow"] != "visible")


def _text_blocks(box, found: list) -> list:
    """Return the blocks whose lines the root's stacking context paints, in the order it paints them."""
    for child in box.children:
        if isinstance(child, boxes.LineBox) or not isinstance(child, boxes.ParentBox) or not _simple_context(child):
            if isinstance(child, boxes.ReplacedBox) and _simple_context(child):
                found.append(child)  # a picture of the flow, painted among the texts
            continue
        if child.children and isinstance(child.children[-1], boxes.LineBox):
            found.append(child)
        _text_blocks(child, found)
    return found


def _pruned(box, empty: set[int], drop: set[int]):
    """Return a copy of a box tree with the boxes of `empty` without children and those of `drop` left out (a box
    untouched below is returned as is)."""
    if id(box) in empty:
        return box.copy_with_children([])
    if not isinstance(box, boxes.ParentBox) or not any(id(b) in empty or id(b) in drop for b in _walk(box)):
        return box
    return box.copy_with_children([_pruned(child, empty, drop) for child in box.children if id(child) not in drop])


class LayeredForm:
    """The constant part of one laid-out page, painted once per PDF as form XObjects, and its holes.

    A document's page paints what the single-pass page paints, in the same order: the first form (the page's and
    the blocks' backgrounds and borders, the text before the first hole), the text of each hole laid out with the
    document's content, the constant text up to the next hole as the next form, and so on; the last form ends with
    the boxes the root paints after all text (a floated logo that clips); then the page's margin boxes, the holes
    among them filled.
    """

    def __init__(self, layout: KeptLayout, holes: list[Hole]):
        if len(layout.document.pages) != 1:
            raise NotLayerable("more than one page")
        self.layout, self.holes = layout, holes
        page = layout.page_box
        root = page.children[0]
        if (page.style["overflow"] != "visible" or not _simple_context(root) or root.style["outline_style"] != "none"
                or not isinstance(root, boxes.BlockBox)):
            raise NotLayerable("a root that clips, moves or outlines")
        self.margins = list(page.children[1:])
        if not all(isinstance(box, boxes.MarginBox) for box in self.margins):
            raise NotLayerable("footnotes")
        in_margins = {id(hole.block) for hole in holes} & {id(m) for m in self.margins}
        order = _text_blocks(root, [])
        position = {id(block): i for i, block in enumerate(order)}
        flow_holes = [h for h in holes if id(h.block) not in in_margins]
        if any(id(h.block) not in position for h in flow_holes):
            raise NotLayerable("a hole outside the flow of text")
        flow_holes.sort(key=lambda h: position[id(h.block)])
        self._check_ancestors(root, {id(h.block) for h in flow_holes})
        # the constant text between two holes: the blocks of `order` between them
        cuts = [position[id(h.block)] for h in flow_holes]
        self.segments = [order[a + 1:c] for a, c in zip([-1] + cuts, cuts + [len(order)])]
        if any(isinstance(box, boxes.ReplacedBox) for segment in self.segments[1:] for box in segment):
            raise NotLayerable("a picture among the texts after a hole")
        later = {id(box) for segment in self.segments[1:] for box in segment}
        first = _pruned(page, later | {id(h.block) for h in flow_holes}, {id(m) for m in self.margins})
        self.first = StackingContext.from_page(first)
        html = self.first.zero_z_contexts[0]
        # what the root paints after all its text (its step 8 and 9): at the end of the last form
        self.late = html.zero_z_contexts + html.positive_z_contexts
        html.zero_z_contexts, html.positive_z_contexts = [], []
        self.flow_holes = flow_holes
        self.margin_holes = {id(h.block): h for h in holes if id(h.block) in in_margins}
        self.page = layout.document.pages[0]
        self._write = (None, [])  # the resources of the PDF being written, and the forms painted into it

    @staticmethod
    def _check_ancestors(root, targets: set[int]) -> None:
        """Refuse a hole inside a box whose size or place depends on its content's width (a float, an inline
        block, a table laid out by its content, a flex or grid container)."""
        def visit(box, path):
            if id(box) in targets:
                for ancestor in path:
                    if isinstance(ancestor, (boxes.FlexContainerBox, boxes.GridContainerBox, boxes.InlineBlockBox)):
                        raise NotLayerable("a hole in a box sized by its content")
                    if isinstance(ancestor, boxes.TableBox) and ancestor.style["table_layout"] != "fixed":
                        raise NotLayerable("a hole in a table laid out by its content")
                return
            if isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
                for child in box.children:
                    visit(child, path + [box])
        visit(root, [])

    @property
    def page_box(self):
        return self.layout.page_box

    def _paint_first(self, stream) -> None:
        """Paint the first form: draw_page with the root's late boxes left for the last form."""
        page = self.first.box
        draw_background(stream, page.background, clip_box=False, bleed=page.bleed, marks=page.style["marks"])
        set_mask_border(stream, page)
        draw_background(stream, page.canvas_background, clip_box=False)
        draw_border(stream, page)
        draw_stacking_context(stream, self.first)

    def _forms(self, stream, scale: float) -> list[str | None]:
        """Return the names of the constant forms in the PDF `stream` belongs to, painting them the first time."""
        resources = stream._resources
        if self._write[0] is not resources:
            self._write = (resources, [])
        names = self._write[1]
        if names:
            return names
        x, y, width, height = stream.page_rectangle
        last = len(self.segments) - 1
        for index, segment in enumerate(self.segments):
            if index and not segment and not (index == last and self.late):
                names.append(None)
                continue
            own = pydyf.Dictionary({"ExtGState": pydyf.Dictionary(), "XObject": pydyf.Dictionary(),
                                    "Pattern": pydyf.Dictionary(), "Shading": pydyf.Dictionary(),
                                    "ColorSpace": resources["ColorSpace"], "Font": None})
            extra = pydyf.Dictionary({"Type": "/XObject", "Subtype": "/Form", "Resources": own,
                                      "BBox": pydyf.Array((x * scale, y * scale, (x + width) * scale,
                                                           (y + height) * scale))})
            form = stream.clone(resources=own, extra=extra)
            form.id = f"x{len(resources['XObject'])}"
            resources["XObject"][form.id] = form
            form.transform(d=-1, f=self.page.height * scale)  # the page's own flip (see paint)
            with form.stacked():
                form.transform(a=scale, d=scale)
                if index == 0:
                    self._paint_first(form)
                else:
                    _draw_lines(form, self.page_box, segment)
                if index == last:
                    for context in self.late:
                        draw_stacking_context(form, context)
            names.append(form.id)
        return names

    def paint(self, stream, scale: float, filled: dict[int, list]) -> None:
        """Paint a document's page: the forms, and the holes' lines in `filled` (id of the hole -> lines)."""
        forms = self._forms(stream, scale)
        for index, name in enumerate(forms):
            if index:
                hole = self.flow_holes[index - 1]
                with stream.stacked():
                    stream.transform(a=scale, d=scale)
                    _draw_lines(stream, self.page_box, [hole.block.copy_with_children(filled[id(hole)])])
            if name is not None:
                # drawn in the page's default space: the form flips the page itself (as generate_pdf flips the
                # page's own content), so a reader that ignores the space a form is drawn in (pypdf's text
                # extraction, which trust/sign.py reads) still finds its text where it is
                with stream.stacked():
                    stream.transform(d=-1, f=self.page.height * scale)
                    stream.draw_x_object(name)
        with stream.stacked():
            stream.transform(a=scale, d=scale)
            for margin in self.margins:
                hole = self.margin_holes.get(id(margin))
                box = margin if hole is None else margin.copy_with_children(filled[id(hole)])
                draw_stacking_context(stream, StackingContext.from_box(box, self.page_box))


def _draw_lines(stream, page_box, blocks: list) -> None:
    """Paint the lines of blocks as the stacking context of the page's root paints them (its step 7)."""
    for block in blocks:
        if isinstance(block, boxes.ReplacedBox):
            raise NotLayerable("a picture among the texts")
        dispatched = StackingContext.from_box(block, page_box).box  # inline blocks as stacking contexts
        for line in dispatched.children:
            draw_inline_level(stream, page_box, line)


class LayeredPage(Page):
    """A page of a two-layer PDF: a form's constant part and one document's holes."""

    def __init__(self, form: LayeredForm, filled: dict[int, list], anchors: dict):
        page = form.page
        self.width, self.height, self.bleed = page.width, page.height, page.bleed
        self.bookmarks, self.links, self.forms = [], [], {None: []}
        self.anchors = anchors
        self._page_box = page._page_box
        self._form, self._filled = form, filled

    def paint(self, stream, scale=1):
        self._form.paint(stream, scale, self._filled)


def pages_document(pages: list, laid_out: Document) -> Document:
    """Return a WeasyPrint document of pages from several layouts (two-layer pages among them), with the metadata,
    fonts and URL fetcher of the layout `laid_out` (every layout of a batch has the batch's)."""
    return laid_out.copy(pages)
