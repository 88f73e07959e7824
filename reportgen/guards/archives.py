"""Bound what a ZIP package (a workbook, a Word document) holds before anything parses it: the number of its
parts, each part's and all parts' inflated size, and how much a large part inflates.

A small file can inflate to gigabytes (a "zip bomb"): openpyxl, python-docx and lxml would read it whole.
Python's zipfile never inflates a part past the size its central directory declares (a part that inflates
further fails its CRC check), so checking the declared sizes here bounds every later read.
"""

from __future__ import annotations

import fnmatch
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from reportgen.errors import ReportgenError

MIB = 1024 * 1024
RATIO_FLOOR = 1 * MIB  # parts smaller than this may inflate as much as they like: they stay small


@dataclass(frozen=True)
class ArchiveLimits:
    """What one package may hold. The defaults let a workbook of a few hundred thousand rows through and stop
    a bomb long before it costs memory; a server may set lower ones for what strangers send."""

    members: int = 10_000              # parts in the package
    member_bytes: int = 512 * MIB      # one part, inflated (a 250,000-row staff list's sheet is about 150 MB)
    total_bytes: int = 1024 * MIB      # all parts together, inflated
    ratio: int = 200                   # inflated / compressed, for a part above RATIO_FLOOR
    # tighter caps for parts read whole into memory, by name pattern (fnmatch), e.g. the shared strings
    part_bytes: Mapping[str, int] = field(default_factory=dict)


WORKBOOK_LIMITS = ArchiveLimits(part_bytes={
    "xl/sharedStrings.xml": 64 * MIB,  # read whole by openpyxl, every string kept in memory
    "xl/styles.xml": 16 * MIB,
    "xl/workbook.xml": 16 * MIB,
    "[Content_Types].xml": 4 * MIB,
    "*.rels": 4 * MIB,
})
DOCUMENT_LIMITS = ArchiveLimits(member_bytes=128 * MIB, total_bytes=256 * MIB, part_bytes={
    "word/styles.xml": 16 * MIB,       # reference.docx's styles are read whole to make the PDF's stylesheet
    "word/theme/*.xml": 16 * MIB,
    "word/numbering.xml": 16 * MIB,
    "word/settings.xml": 4 * MIB,
    "word/header*.xml": 4 * MIB,
    "word/footer*.xml": 4 * MIB,
    "[Content_Types].xml": 4 * MIB,
    "*.rels": 4 * MIB,
})


class ArchiveRefused(ReportgenError):
    """A package holds more than its limits allow; nothing of it was parsed."""

    def __init__(self, why: str, part: str | None = None):
        super().__init__(why)
        self.why, self.part = why, part


def _count(n: int) -> str:
    """Return a count with the thousands dot, e.g. 10.000."""
    return f"{n:,}".replace(",", ".")


def _size(n: int) -> str:
    """Return a size as people read it (MB with one decimal, or bytes)."""
    if n >= MIB:
        return f"{n / MIB:.1f} MB".replace(".", ",")
    return f"{n} byte"


def check_archive(source: Path | bytes, limits: ArchiveLimits = WORKBOOK_LIMITS) -> list[zipfile.ZipInfo]:
    """Return the parts of a package whose declared sizes keep within `limits`; raise ArchiveRefused naming the
    first part (and the limit) that does not, or zipfile.BadZipFile for what is not a ZIP package."""
    declared = declared_parts(source)
    if declared is not None and declared > limits.members:  # said before zipfile makes an object of each part
        raise ArchiveRefused(f"berisi {_count(declared)} bagian, lebih dari batas {_count(limits.members)}; "
                             "berkas seperti ini bukan buatan Excel atau Word")
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source) as package:
        parts = package.infolist()
    if len(parts) > limits.members:
        raise ArchiveRefused(f"berisi {_count(len(parts))} bagian, lebih dari batas {_count(limits.members)}; "
                             "berkas seperti ini bukan buatan Excel atau Word")
    total = 0
    for part in parts:
        size = part.file_size
        total += size
        cap = min([limits.member_bytes] + [b for pattern, b in limits.part_bytes.items()
                                           if fnmatch.fnmatchcase(part.filename, pattern)])
        if size > cap:
            raise ArchiveRefused(f"bagian {part.filename} berukuran {_size(size)} bila dibuka, lebih dari batas "
                                 f"{_size(cap)}", part.filename)
        if size > RATIO_FLOOR and size > limits.ratio * max(part.compress_size, 1):
            raise ArchiveRefused(f"bagian {part.filename} mengembang {_count(size // max(part.compress_size, 1))} "
                                 f"kali (dari {_size(part.compress_size)} menjadi {_size(size)}), lebih dari batas "
                                 f"{_count(limits.ratio)} kali; berkas seperti ini bukan buatan Excel atau Word",
                                 part.filename)
        if total > limits.total_bytes:
            raise ArchiveRefused(f"seluruh isinya berukuran lebih dari {_size(limits.total_bytes)} bila dibuka",
                                 part.filename)
    return parts


def declared_parts(source: Path | bytes) -> int | None:
    """Return how many parts a package's end record declares (read from its last 64 kB), or None when it has no
    plain one (zipfile then decides): a directory of a million parts is refused before it is listed."""
    if isinstance(source, (bytes, bytearray)):
        tail = bytes(source[-(65536 + 22):])
    else:
        with open(source, "rb") as f:
            f.seek(0, 2)
            f.seek(max(0, f.tell() - (65536 + 22)))
            tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    count = int.from_bytes(tail[at + 10:at + 12], "little")
    return None if count == 0xFFFF else count  # 0xFFFF: a ZIP64 package, whose real count zipfile reads
