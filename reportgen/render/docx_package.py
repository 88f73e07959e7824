"""Serialize a python-docx document to DOCX bytes that depend only on its content.

The zip is assembled from entries deflated one by one, byte for byte as `zipfile` writes them
(`ZipFile.writestr`, level 6, fixed timestamp), so that an entry deflated once (a part that stays
the same for a whole batch) can be reused in every document.
"""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

from reportgen.render.docx_xml import content_types_xml

# Zip entries carry this timestamp, so the same document gives the same bytes.
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
FILE_MODE = 0o644 << 16
UTF8_NAME_FLAG = 0x800  # general purpose bit 11 (APPNOTE 4.4.4)


@dataclass(frozen=True)
class ZipEntry:
    """One deflated zip member: its local header with data, and its central directory record cut
    around the local header's offset (the only field that depends on the entries before it)."""

    name: str
    blob: bytes  # the uncompressed content, to tell whether a cached entry still fits
    local: bytes
    central_head: bytes
    central_tail: bytes


def zip_entry(name: str, blob: bytes) -> ZipEntry:
    """Return `blob` deflated as zipfile's writestr would write it under `name`."""
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = FILE_MODE
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)  # as zipfile._get_compressor
    data = compressor.compress(blob) + compressor.flush()
    info.file_size = len(blob)
    info.compress_size = len(data)
    info.CRC = zlib.crc32(blob)
    if info.file_size > zipfile.ZIP64_LIMIT or len(data) > zipfile.ZIP64_LIMIT:
        raise ValueError(f"{name}: too large for a DOCX part")
    local = info.FileHeader(False) + data
    # the central directory record, as ZipFile._write_end_record packs it (no ZIP64 fields)
    dosdate = (FIXED_ZIP_TIME[0] - 1980) << 9 | FIXED_ZIP_TIME[1] << 5 | FIXED_ZIP_TIME[2]
    dostime = FIXED_ZIP_TIME[3] << 11 | FIXED_ZIP_TIME[4] << 5 | (FIXED_ZIP_TIME[5] // 2)
    try:  # the name's bytes and flags as ZipInfo encodes them: UTF-8, and its flag, for a name that is not ASCII
        filename, flag_bits = name.encode("ascii"), info.flag_bits
    except UnicodeEncodeError:
        filename, flag_bits = name.encode("utf-8"), info.flag_bits | UTF8_NAME_FLAG
    record = struct.pack(zipfile.structCentralDir, zipfile.stringCentralDir, info.create_version,
                         info.create_system, info.extract_version, info.reserved, flag_bits,
                         info.compress_type, dostime, dosdate, info.CRC, info.compress_size,
                         info.file_size, len(filename), len(info.extra), len(info.comment), 0,
                         info.internal_attr, info.external_attr, 0)
    return ZipEntry(name, blob, local, record[:-4], filename + info.extra + info.comment)


def zip_bytes(entries: list[ZipEntry]) -> bytes:
    """Return the zip archive of `entries` in order, as zipfile writes it to a seekable file."""
    out = bytearray()
    central = bytearray()
    for entry in entries:
        central += entry.central_head
        central += struct.pack("<L", len(out))
        central += entry.central_tail
        out += entry.local
    if len(out) > zipfile.ZIP64_LIMIT or len(entries) > zipfile.ZIP_FILECOUNT_LIMIT:
        raise ValueError("too large for a DOCX file")
    end = struct.pack(zipfile.structEndArchive, zipfile.stringEndArchive, 0, 0, len(entries), len(entries),
                      len(central), len(out), 0)
    return bytes(out + central + end)


class EntryCache:
    """Deflated entries by member name, reused while the member's content stays the same."""

    def __init__(self):
        self._entries: dict[str, ZipEntry] = {}

    def entry(self, name: str, blob: bytes) -> ZipEntry:
        """Return the entry of `blob` under `name`, deflating it only when it changed."""
        cached = self._entries.get(name)
        if cached is None or cached.blob != blob:
            cached = self._entries[name] = zip_entry(name, blob)
        return cached


def package_members(document) -> list[tuple[str, bytes]]:
    """Return the zip members of a python-docx document, (name, bytes), in the order they are written."""
    package = document.part.package
    parts = sorted(package.iter_parts(), key=lambda p: str(p.partname))
    members = [(CONTENT_TYPES_URI.membername, content_types_xml(parts)),
               (PACKAGE_URI.rels_uri.membername, package.rels.xml)]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    return members


def docx_bytes(document, cache: EntryCache | None = None) -> bytes:
    """Return the DOCX bytes of a python-docx document, with fixed zip timestamps.

    With `cache`, members whose bytes did not change since an earlier document are not deflated again.
    """
    make = cache.entry if cache is not None else zip_entry
    return zip_bytes([make(name, blob) for name, blob in package_members(document)])


def core_texts(title: str, author: str, subject: str, keywords: str) -> tuple[str, str, str, str]:
    """Return the core properties' texts as written: each cut to the 255 characters a property may hold."""
    return _fit(title), _fit(author), _fit(subject), _fit(keywords)


def set_core_properties(document, title: str, author: str, subject: str, keywords: str,
                        date: dt.date) -> None:
    """Set the document's core properties, with timestamps taken from its date."""
    props = document.core_properties
    title, author, subject, keywords = core_texts(title, author, subject, keywords)
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
