"""Serialize a python-docx document to DOCX bytes that depend only on its content."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem

# Zip entries carry this timestamp, so the same document gives the same bytes.
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def _entry(archive: zipfile.ZipFile, name: str, blob: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, blob, compresslevel=6)


def docx_bytes(document, constant_parts: dict[str, bytes] | None = None) -> bytes:
    """Return the DOCX bytes of a python-docx document, with fixed zip timestamps.

    `constant_parts` (member name -> bytes) is a cache of parts that do not change within a batch
    (styles, theme, numbering, images...); parts found there are not serialized again.
    """
    package = document.part.package
    parts = sorted(package.iter_parts(), key=lambda p: str(p.partname))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        _entry(archive, CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
        _entry(archive, PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            name = part.partname.membername
            blob = constant_parts.get(name) if constant_parts is not None else None
            if blob is None:
                blob = part.blob
            _entry(archive, name, blob)
            if len(part.rels):
                _entry(archive, part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()


def set_core_properties(document, title: str, author: str, subject: str, keywords: str,
                        date: dt.date) -> None:
    """Set the document's core properties, with timestamps taken from its date."""
    props = document.core_properties
    title, author, subject, keywords = (_fit(v) for v in (title, author, subject, keywords))
    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)
    props.title = title
    props.author = author
    props.subject = subject
    props.keywords = keywords
    props.last_modified_by = author
    props.revision = 1
    props.created = stamp
    props.modified = stamp


def _fit(text: str, limit: int = 255) -> str:
    """Return text cut to the 255 characters a core property may hold."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def save_docx(document, path: Path) -> None:
    """Write the document to `path` with fixed timestamps."""
    Path(path).write_bytes(docx_bytes(document))
