# Relies on internals of pypdf==7.1.1 (pinned in pyproject.toml).
# When upgrading, check: PdfWriter still writes the trailer's /ID from its _ID attribute (an ArrayObject of two
# byte strings), and still has no public way to give it (generate_file_identifiers draws random bytes).
# tests/test_pdfa.py (the print file is PDF/A with its identifier) fails if not.
"""pypdf's internals the print file relies on, in one place: the file identifier PDF/A asks for, given by us."""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject


def set_file_identifier(writer: PdfWriter, identifier: bytes) -> None:
    """Make `writer` write `identifier` as both parts of the trailer's /ID (the same content, the same ID)."""
    writer._ID = ArrayObject([ByteStringObject(identifier)] * 2)
