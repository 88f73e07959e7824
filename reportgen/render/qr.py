"""Draw the verification QR code for the writers: a PNG per format (segno; the same payload gives the same bytes)."""

from __future__ import annotations

import base64
import functools
import io
import struct
import zlib
from dataclasses import dataclass

import segno
from markupsafe import Markup

# Error correction M (15 %) survives a smudged print; segno raises it further when that costs no size.
ERROR_LEVEL = "m"
PNG_SCALE = 6  # pixels per module: about 350 dpi at the printed size


# A fixed mask pattern: choosing the best of the eight costs five times as long (about 2.5 ms a code, for a
# batch of 1,000 pacts several seconds) and any mask decodes alike.
MASK = 2


@functools.lru_cache(maxsize=64)  # the PDF and the DOCX of a document share one code
def _code(payload: str) -> segno.QRCode:
    return segno.make(payload, error=ERROR_LEVEL, micro=False, mask=MASK)


@dataclass(frozen=True)
class QrImage:
    """A QR code as a CSS image: `uri` for url(), printed `side_mm` wide at `dpi` (image-resolution)."""

    uri: Markup
    dpi: float


@functools.lru_cache(maxsize=256)
def qr_image(payload: str, side_mm: float) -> QrImage:
    """Return the QR code of `payload` for the PDF: a PNG of one pixel per module, as a data: URI of URL-safe
    characters, and the resolution that prints it `side_mm` wide.

    Drawn without smoothing (print.css: image-rendering) it is sharp at any size, and far cheaper for
    WeasyPrint than an SVG path.
    """
    code = _code(payload)
    modules = code.symbol_size(border=0)[0]
    return QrImage(Markup("data:image/png;base64," + base64.b64encode(png(code, 1)).decode("ascii")),
                   round(modules / (side_mm / 25.4), 4))


def css_string(text: str) -> Markup:
    """Return `text` as a quoted CSS string: every character but ASCII letters and digits hex-escaped, so
    nothing in it can end the string or the stylesheet."""
    escaped = "".join(c if c.isalnum() and c.isascii() else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{escaped}"')


@functools.lru_cache(maxsize=256)
def qr_png(payload: str) -> bytes:
    """Return the QR code of `payload` as PNG bytes (no quiet zone: the page around it is blank)."""
    return png(_code(payload), PNG_SCALE)


def _chunk(name: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + name + data + struct.pack(">I", zlib.crc32(name + data))


def png(code: segno.QRCode, scale: int) -> bytes:
    """Return a QR code as segno writes it (`save(kind="png", scale=scale, border=0)`: 1-bit greyscale, each row
    filtered None and repeated by the Up filter), byte for byte, about ten times faster: its writer packs the bits
    one by one in Python, a second of a thousand pacts' DOCX."""
    matrix = code.matrix
    if any(value not in (0, 1) for row in matrix for value in row):
        out = io.BytesIO()
        code.save(out, kind="png", scale=scale, border=0)
        return out.getvalue()
    width = len(matrix[0]) * scale
    size = (width + 7) // 8
    padding = "0" * (size * 8 - width)
    again = (b"\x02" + bytes(size)) * (scale - 1)  # the row above, again ("Up" filter, all zero)
    rows = []
    for row in matrix:  # dark modules are black, 0 in a greyscale image of one bit
        bits = "".join("0" * scale if value else "1" * scale for value in row) + padding
        rows.append(b"\x00" + int(bits, 2).to_bytes(size, "big") + again)
    height = len(matrix) * scale
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">2I5B", width, height, 1, 0, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))
