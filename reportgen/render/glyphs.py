"""Before rendering: every character of a document must be drawable by an installed font."""

from __future__ import annotations

from reportgen.errors import ReportgenError
from reportgen.model.blocks import Document, document_texts
from reportgen.render.fonts import undrawable


def check_drawable(document: Document) -> None:
    """Raise ReportgenError when some text of the document holds a character no installed font has."""
    found = []
    for text in document_texts(document):
        missing = undrawable(text)
        if missing:
            chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
            found.append(f"  - {chars} dalam: {text[:80]}")
    if found:
        raise ReportgenError("Ada karakter yang tidak dapat dicetak karena tidak ada huruf (font) terpasang "
                             "yang memilikinya; ganti atau hapus di masukan:\n" + "\n".join(found))
