"""Break titles and letterhead lines so that none leaves one word alone on its last line, in both formats alike.

A centred title that wraps ("KEPUTUSAN DIREKTUR JENDERAL POLITIK DAN PEMERINTAHAN / UMUM") is measured with the
font, size and width its style has in the templates' reference.docx, then broken into lines of about equal
width (explicit line breaks, which both writers print as they are); when no break leaves two words on the last
line, its size is lowered step by step down to a limit; past that it is left as it is and `unfitted` says so.
Both writers call `fitted` on a document before writing it, so the PDF and the DOCX break the same words.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from reportgen.model import blocks as b
from reportgen.model import styles
from reportgen.render.word_look import WordLook

PT_PER_MM = 72 / 25.4
SAFETY = 0.96          # measured widths may differ a little from the renderers' own: lines stay this much shorter
SMALLEST = 0.85        # a title is made at most this much smaller before it is left as it is
STEP_PT = 0.5


@functools.lru_cache(maxsize=16)
def _face(font: str, bold: bool, italic: bool):
    """Return (advance widths by character, units per em) of the file fontconfig gives for the font, or None."""
    from fontTools.ttLib import TTCollection, TTFont

    from reportgen.render.fonts import font_file

    style = ":bold" if bold else ""
    style += ":italic" if italic else ""
    path = font_file(f"{font}{style}")
    if not path:
        return None
    try:
        face = TTCollection(path).fonts[0] if path.lower().endswith(".ttc") else TTFont(path, lazy=True)
        cmap, metrics = face.getBestCmap(), face["hmtx"].metrics
        widths = {chr(code): metrics[name][0] for code, name in cmap.items() if name in metrics}
        return widths, face["head"].unitsPerEm
    except Exception:  # an unreadable font file: nothing is measured, titles stay as they are
        return None


def _width(text: str, face, size_pt: float) -> float:
    widths, units = face
    fallback = widths.get("n", units // 2)
    return sum(widths.get(ch, fallback) for ch in text) * size_pt / units


@dataclasses.dataclass(frozen=True)
class _Measure:
    face: tuple
    size_pt: float
    width_pt: float   # the line's room

    def lines(self, words: list[str], size_pt: float | None = None, safety: float = 1.0) -> list[list[str]]:
        """Return the words as a renderer fills lines greedily (in `safety` of the room)."""
        size = size_pt or self.size_pt
        room = self.width_pt * safety
        lines: list[list[str]] = [[]]
        for word in words:
            trial = " ".join(lines[-1] + [word])
            if lines[-1] and _width(trial, self.face, size) > room:
                lines.append([word])
            else:
                lines[-1].append(word)
        return lines


def _balanced(words: list[str], count: int, measure: _Measure) -> list[list[str]] | None:
    """Return the words in `count` lines of about equal width, each fitting and the last holding two words or
    more, or None when there is no such break."""
    room = measure.width_pt * SAFETY
    n = len(words)
    width = functools.lru_cache(maxsize=None)(
        lambda i, j: _width(" ".join(words[i:j]), measure.face, measure.size_pt))

    @functools.lru_cache(maxsize=None)
    def best(start: int, left: int) -> tuple[float, tuple[int, ...]] | None:
        """Return (cost, breaks) placing words[start:] on `left` lines: the cost is the widest line."""
        if left == 1:
            if n - start < 2 or width(start, n) > room:
                return None
            return width(start, n), ()
        found = None
        for end in range(start + 1, n - 1):
            line = width(start, end)
            if line > room:
                break
            rest = best(end, left - 1)
            if rest is None:
                continue
            cost = max(line, rest[0])
            if found is None or cost < found[0] - 0.01:
                found = (cost, (end,) + rest[1])
        return found

    result = best(0, count)
    if result is None:
        return None
    cuts = (0,) + result[1] + (n,)
    return [words[cuts[i]:cuts[i + 1]] for i in range(len(cuts) - 1)]


def _fit(text: str, measure: _Measure) -> tuple[str, float | None, bool]:
    """Return the text with its line breaks, the smaller size it needs (None: its own), and whether it fits."""
    words = text.split()
    lines = measure.lines(words)  # as the renderers fill the line: a line that fits stays one line
    if len(lines) == 1 or len(lines[-1]) > 1:
        return text, None, True
    balanced = _balanced(words, len(lines), measure)  # each line a little shorter than the room: it never rewraps
    if balanced is not None:
        return "\n".join(" ".join(line) for line in balanced), None, True
    size = measure.size_pt - STEP_PT
    while size >= measure.size_pt * SMALLEST - 0.01:
        lines = measure.lines(words, size, SAFETY)
        if len(lines) == 1 or len(lines[-1]) > 1:
            return text, size, True
        size -= STEP_PT
    return text, None, False


class TitleFitter:
    """Fit the titles and letterhead lines of documents to the look of one reference.docx."""

    def __init__(self, look: WordLook):
        self.look = look
        self.unfitted: list[str] = []

    def _measure(self, style_name: str, page: b.PageSetup, room_mm: float, bold_span: bool) -> _Measure | None:
        style = self.look.style(style_name)
        if style is None:
            return None
        font = style.own_font or page.font
        size = style.own_size_pt or page.font_size_pt
        face = _face(font, style.bold or bold_span, style.italic)
        if face is None:
            return None
        room = room_mm * PT_PER_MM - style.indent_left_pt - style.indent_right_pt
        return _Measure(face, size, room)

    def _paragraph(self, paragraph: b.Paragraph, page: b.PageSetup, room_mm: float) -> b.Paragraph:
        if paragraph.style not in styles.BALANCED_STYLES or len(paragraph.spans) != 1 or "\n" in paragraph.text:
            return paragraph
        span = paragraph.spans[0]
        measure = self._measure(paragraph.style, page, room_mm, span.bold)
        if measure is None or not span.text.strip():
            return paragraph
        text, size, fits = _fit(" ".join(span.text.split()), measure)
        if not fits:
            self.unfitted.append(span.text)
            return paragraph
        if text == span.text and size is None:
            return paragraph
        return dataclasses.replace(paragraph, spans=(dataclasses.replace(span, text=text),), size_pt=size)

    def fitted(self, document: b.Document) -> b.Document:
        """Return the document with its titles and letterhead lines broken into balanced lines."""
        page = document.page
        body = page.text_width
        # the letterhead's lines sit between its two sides, in a table cell with the borderless style's margins
        margins = dict(self.look.style("tanpa-garis").cell_margins) if self.look.style("tanpa-garis") else {}
        kop = body - 2 * styles.LETTERHEAD_SIDE_MM - (margins.get("left", 0) + margins.get("right", 0)) / PT_PER_MM

        def block(item):
            if isinstance(item, b.Paragraph):
                return self._paragraph(item, page, body)
            if isinstance(item, b.Letterhead):
                return dataclasses.replace(item, lines=tuple(self._paragraph(line, page, kop) for line in item.lines))
            if isinstance(item, b.Section):
                return dataclasses.replace(item, blocks=tuple(block(child) for child in item.blocks))
            return item

        blocks = tuple(block(item) for item in document.blocks)
        return document if blocks == document.blocks else dataclasses.replace(document, blocks=blocks)


@functools.lru_cache(maxsize=8)
def _fitter(reference: str, mtime_ns: int, size: int) -> TitleFitter:
    from reportgen.render.word_look import read_look

    return TitleFitter(read_look(Path(reference)))


def fitter_of(reference: Path) -> TitleFitter:
    """Return the title fitter of a reference.docx (one per version of the file)."""
    stat = Path(reference).stat()
    return _fitter(str(reference), stat.st_mtime_ns, stat.st_size)


def unfitted(document: b.Document, reference: Path) -> list[str]:
    """Return the titles of a document that still leave one word alone on their last line at the smallest size."""
    fitter = TitleFitter(fitter_of(reference).look)
    fitter.fitted(document)
    return fitter.unfitted
