"""Document IDs and the verification mark: between the builders (a document model) and the writers.

A document's ID is an HMAC-SHA256, keyed with the register's secret, of the kind and a canonical hash
of its model (everything it shows). The same inputs give the same model, hence the same ID and the same
bytes; nobody without the register can compute a valid ID. IDs are 12 characters of Crockford's base32
(no I, L, O, U), printed in groups of four: ``7K3M-Q9PX-2HDA``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import hmac
import json
import re
from pathlib import Path

from reportgen.model.blocks import ADDED_LATER, Chart, Document, Verification
from reportgen.conventions.verification_url import qr_payload

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ID_LENGTH = 12  # 60 bits: a forged ID matches one of a million documents with odds of one in 10^12


# ---------------------------------------------------------------- canonical hash of a model


@functools.lru_cache(maxsize=64)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[tuple[str, object], ...]:
    """Return each field's name and, for a field added later (model.blocks.ADDED_LATER), its default (else a marker
    never equal to a value): at its default such a field is left out, so documents made before it keep their IDs."""
    return tuple((f.name, f.default if f.metadata == ADDED_LATER else _ALWAYS)
                 for f in dataclasses.fields(cls))


_ALWAYS = object()


def _plain(value):
    """Return a JSON-able form of a model value; a file is named by its content, never by where it lies."""
    if isinstance(value, str) or value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        stat = value.stat()
        return {"file": _file_digest(str(value), stat.st_mtime_ns, stat.st_size)}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Chart):
        return _chart_as_picture(value)
    if dataclasses.is_dataclass(value):
        cls = type(value)
        return [cls.__name__] + [_plain(getattr(value, name)) for name, default in _field_names(cls)
                                 if default is _ALWAYS or getattr(value, name) != default]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    raise TypeError(f"cannot hash a {type(value).__name__} in a document model")


def _chart_as_picture(chart: Chart) -> list:
    """Return a chart's form as the picture block it was before charts were blocks: an Image of its SVG file with
    its PNG, each named by its bytes. A chart shows its picture, and documents issued then keep their IDs."""
    from reportgen.render.charts import draw  # matplotlib: only for a document that has a chart; drawn once

    image = draw(chart)
    width = int(chart.width_mm) if float(chart.width_mm).is_integer() else chart.width_mm
    return ["Image", {"file": hashlib.sha256(image.svg).hexdigest()}, width, chart.caption, chart.style, "image",
            {"file": hashlib.sha256(image.png).hexdigest()}]


def document_hash(document: Document) -> str:
    """Return the SHA-256 of everything a document shows (its verification mark left out)."""
    plain = _plain(dataclasses.replace(document, verification=None))
    return hashlib.sha256(json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- IDs


def document_id(secret: bytes, kind: str, digest: str) -> str:
    """Return the document ID of a document of `kind` whose model hash is `digest`, grouped XXXX-XXXX-XXXX."""
    mac = hmac.new(secret, f"{kind}\n{digest}".encode("utf-8"), hashlib.sha256).digest()
    number = int.from_bytes(mac[:8], "big") >> (64 - 5 * ID_LENGTH)
    chars = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(ID_LENGTH)))
    return "-".join(chars[i:i + 4] for i in range(0, ID_LENGTH, 4))


_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalize_id(text: str) -> str | None:
    """Return the grouped ID a user typed or scanned (any case, with or without dashes, O for 0, I or L
    for 1, or a whole verification URL), or None when it cannot be an ID."""
    candidates = re.findall(r"[0-9A-Za-z]+(?:[-\s]+[0-9A-Za-z]+)*", str(text))
    for candidate in reversed(candidates):  # in a URL the ID is the last part
        words = candidate.split()
        for start in range(len(words)):  # "reportgen periksa 7K3M-Q9PX-2HDA": the last words
            chars = re.sub(r"[-\s]", "", " ".join(words[start:])).upper().translate(_LOOKALIKES)
            if len(chars) == ID_LENGTH and all(c in ALPHABET for c in chars):
                return "-".join(chars[i:i + 4] for i in range(0, ID_LENGTH, 4))
    return None



def mark(doc_id: str, url_pattern: str | None) -> Verification:
    """Return the verification mark of a document: its QR payload and the lines printed beside the code."""
    payload = qr_payload(url_pattern, doc_id)  # the QR code holds what the footer says: a URL or the command
    return Verification(doc_id, payload, (f"Kode verifikasi: {doc_id}", f"Periksa keaslian: {payload}"))


@dataclasses.dataclass(frozen=True)
class Marked:
    """A document with its ID (and, unless left out, its mark), the model hash the ID came from, and its kind."""

    document: Document
    kind: str
    digest: str
    doc_id: str


class Marker:
    """Give documents their IDs and marks with one register's secret."""

    def __init__(self, secret: bytes, url_pattern: str | None, show: bool = True):
        self.secret = secret
        self.url_pattern = url_pattern
        self.show = show

    def mark(self, kind: str, document: Document) -> Marked:
        """Return the document with its ID, and its verification mark unless marks are left out (--tanpa-qr)."""
        digest = document_hash(document)
        doc_id = document_id(self.secret, kind, digest)
        if self.show:
            document = dataclasses.replace(document, verification=mark(doc_id, self.url_pattern))
        return Marked(document, kind, digest, doc_id)
