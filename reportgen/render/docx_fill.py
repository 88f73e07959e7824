"""Fill DOCX parts written once per document shape with each document's text (the DOCX writer's batch path).

A document's *shape* is its block tree with every free text replaced by a slot: what the writer branches
on stays in the shape (style names, alignment, anchors, numbers, pictures, which texts are empty, how many
rows), the texts it only writes out do not. Documents of one shape give the same DOCX but for those texts,
so the writer renders a shape once, with a sentinel in every slot, and fills the sentinels of the
serialized parts with each document's texts, escaped as lxml escapes them.

A text becomes a slot only when the writer would put it into one `<w:t>` unchanged: no tab or line
break (python-docx turns them into elements), no leading or trailing space (xml:space), no control
character. Any other text stays part of the shape, so it is rendered as before.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Callable

from reportgen.model import blocks as b
from reportgen.render.docx_package import EntryCache, ZipEntry, core_texts, zip_bytes, zip_entry

# Fields whose strings the writer reads rather than writes (style lookups, comparisons, bookmark names),
# and model values that are shape as a whole (the page setup prepares the package: font, sizes; a chart's texts
# are drawn into its picture, only its caption is written as text).
STRUCTURAL_FIELDS = frozenset({"kind", "style", "align", "anchor", "numbering", "language"})
STRUCTURAL_TYPES = (b.PageSetup, b.Chart)

SENTINEL_OPEN, SENTINEL_CLOSE = "\ue000", "\ue001"  # private use: never in a document's own text
_SENTINEL = re.compile(b"\xee\x80\x80([0-9]+)\xee\x80\x81")  # the UTF-8 of a sentinel
_SENTINEL_CHARS = (SENTINEL_OPEN.encode("utf-8"), SENTINEL_CLOSE.encode("utf-8"))

# A slot's text: characters lxml writes out as they are (but for & < >), none of them a control
# character, a surrogate, a non-character or in the private use area.
_PLAIN = re.compile("[^\x00-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]+")


class _Slot:
    """The place of a free text in a shape key."""

    def __repr__(self) -> str:
        return "SLOT"


SLOT = _Slot()


class NotFillable(Exception):
    """A document (or a shape) the fill cannot reproduce exactly; it is rendered on the slow path."""


def sentinel(index: int) -> str:
    """Return the sentinel text of slot `index`."""
    return f"{SENTINEL_OPEN}{index}{SENTINEL_CLOSE}"


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


class _Walk:
    """One pass over a document: its shape key, its slot texts and, when asked, its sentinel copy."""

    def __init__(self, build: bool):
        self.build = build
        self.texts: list[str] = []

    def text(self, value: str, structural: bool) -> tuple[object, str]:
        if not structural and value and _PLAIN.fullmatch(value) and value.strip() == value:
            self.texts.append(value)
            return SLOT, sentinel(len(self.texts) - 1) if self.build else value
        if SENTINEL_OPEN in value or SENTINEL_CLOSE in value:
            raise NotFillable("text holds a private-use character of the sentinels")
        return value, value

    def node(self, value, name: str = "") -> tuple[object, object]:
        """Return (shape key, sentinel copy) of a model value."""
        if isinstance(value, str):
            return self.text(value, name in STRUCTURAL_FIELDS)
        if isinstance(value, tuple):
            pairs = [self.node(v, name) for v in value]
            return tuple(k for k, _ in pairs), tuple(c for _, c in pairs) if self.build else value
        if isinstance(value, b.DocumentMeta):
            return self.meta(value)
        if isinstance(value, STRUCTURAL_TYPES):
            return value, value
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            cls = type(value)
            names = _field_names(cls)
            pairs = [self.node(getattr(value, n), n) for n in names]
            key = (cls,) + tuple(k for k, _ in pairs)
            copy = cls(**{n: c for n, (_, c) in zip(names, pairs)}) if self.build else value
            return key, copy
        try:
            hash(value)
        except TypeError:
            raise NotFillable(f"a {type(value).__name__} in the model") from None
        # None, numbers, booleans, dates, paths: part of the shape as they are, with their type (1 == 1.0 == True)
        return (type(value), value), value

    def meta(self, meta: b.DocumentMeta) -> tuple[object, object]:
        """The core properties: the writer cuts each text to 255 characters and joins the keywords, so the
        slots hold the texts as written."""
        written = core_texts(meta.title, meta.author, meta.subject, ", ".join(meta.keywords))
        keys, copies = [], []
        for text, original in zip(written, (meta.title, meta.author, meta.subject, meta.keywords)):
            key, copy = self.text(text, False)
            if key is SLOT:
                keys.append(SLOT)
                copies.append(copy)
            else:  # the text as given (the writer cuts and joins it itself)
                for part in (original,) if isinstance(original, str) else original:
                    self.text(part, True)  # refuses the sentinels' characters
                keys.append(original)
                copies.append(original)
        keywords = copies[3]
        if isinstance(keywords, str):  # a slot: one keyword that is the whole joined text
            keywords = (keywords,)
        copy = dataclasses.replace(meta, title=copies[0], author=copies[1], subject=copies[2],
                                   keywords=keywords) if self.build else meta
        return (b.DocumentMeta, *keys, meta.date, meta.language), copy


def shape(document: b.Document) -> tuple[object, list[str]]:
    """Return the shape key of a document and the texts of its slots, in slot order.

    Raises NotFillable for a document the fill cannot reproduce.
    """
    walk = _Walk(build=False)
    key, _ = walk.node(document)
    return key, walk.texts


def sentinel_document(document: b.Document) -> b.Document:
    """Return a copy of the document with sentinel i in place of the text of slot i."""
    _, copy = _Walk(build=True).node(document)
    return copy


def _escape(text: str) -> bytes:
    """Return text as lxml writes it in element content (UTF-8; a slot's text has no other character to escape)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


@dataclass(frozen=True)
class _FilledPart:
    """A part with sentinels: the bytes between them and the slot each sentinel stands for."""

    name: str
    pieces: tuple[bytes, ...]  # one more than slots
    slots: tuple[int, ...]

    def bytes(self, texts: list[bytes]) -> bytes:
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:]):
            out.append(texts[slot])
            out.append(piece)
        return b"".join(out)


def _split(name: str, blob: bytes) -> _FilledPart:
    """Return the part cut at its sentinels; NotFillable when one stands anywhere but in element text."""
    pieces, found, start = [], [], 0
    for match in _SENTINEL.finditer(blob):
        index = int(match.group(1))
        if blob.rfind(b"<", 0, match.start()) > blob.rfind(b">", 0, match.start()):
            raise NotFillable(f"{name}: a text went into markup")
        pieces.append(blob[start:match.start()])
        found.append(index)
        start = match.end()
    pieces.append(blob[start:])
    if any(char in piece for piece in pieces for char in _SENTINEL_CHARS):
        raise NotFillable(f"{name}: a text was cut or changed")
    return _FilledPart(name, tuple(pieces), tuple(found))


class PackageTemplate:
    """The zip members of one shape: deflated once where constant, filled per document where not."""

    def __init__(self, members: list[tuple[str, bytes]], cache: EntryCache,
                 computed: dict[str, Callable[[b.Document], bytes]]):
        """`members` are the sentinel document's (name, bytes); `computed` gives members whose bytes the
        writer derives from the document otherwise (the verification QR picture)."""
        self._members: list[ZipEntry | _FilledPart | str] = []
        self._computed = computed
        for name, blob in members:
            if name in computed:
                self._members.append(name)
            elif name.endswith((".xml", ".rels")) and _SENTINEL_CHARS[0] in blob:
                self._members.append(_split(name, blob))
            elif name.endswith((".xml", ".rels")) and _SENTINEL_CHARS[1] in blob:
                raise NotFillable(f"{name}: a text was cut or changed")
            else:
                self._members.append(cache.entry(name, blob))

    def fill(self, document: b.Document, texts: list[str]) -> bytes:
        """Return the DOCX bytes of a document of this shape whose slots hold `texts`."""
        escaped = [_escape(t) for t in texts]
        entries = []
        for member in self._members:
            if isinstance(member, ZipEntry):
                entries.append(member)
            elif isinstance(member, _FilledPart):
                entries.append(zip_entry(member.name, member.bytes(escaped)))
            else:
                entries.append(zip_entry(member, self._computed[member](document)))
        return zip_bytes(entries)
