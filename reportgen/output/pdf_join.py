"""Join PDFs' pages into one PDF written object by object as each source is read, one source open at a time.

A print file of 2,000 pacts joined by copying pages into a new pikepdf document held every page copied (about
25 KB a page in qpdf) until the file was written: the main process grew with the print file. Here each source's
objects that its pages use are written to the file as soon as they are read, renumbered; what is kept is one
offset per object written and one number per page, so memory does not grow with the pages. The file is written
beside its place and moved there whole by `finish`; its identifier is made from its bytes (same pages, same bytes).
"""

from __future__ import annotations

import decimal
import hashlib
import os
from array import array
from pathlib import Path

import pikepdf

from reportgen.output.atomic import cannot_write

PAGES, CATALOG = 1, 2  # the page tree and the catalogue: numbered first, written last


class JoinedPdf:
    """A PDF written page by page from other PDFs (`add`), completed and moved into place by `finish`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.growing = self.path.with_name(f".{self.path.name}.{os.getpid()}.part")
        self.offsets = array("q", [0, 0, 0])  # by object number; 1 and 2 are filled at the end
        self.kids = array("q")
        self.digest = hashlib.md5(usedforsecurity=False)
        self.handle = None
        self.position = 0
        self.kept: dict[str, int] = {}  # the first source's PDF/A identification: catalogue key -> object number
        self.info: int | None = None

    def add(self, source: Path, page_counts: list[int] | None = None, duplex: bool = False,
            keep_identity: bool = False) -> int:
        """Write the pages of `source`, document by document (`page_counts`; all its pages as one document when
        None), with a blank back after a document of an odd page count when `duplex`; return the pages written.
        With `keep_identity` (the first source of a PDF/A file) its XMP metadata, output intent and document
        information become the file's own."""
        with pikepdf.open(source) as pdf:
            if self.handle is None:
                self._start(pdf.pdf_version)
            numbers: dict[tuple[int, int], int] = {}
            pending: list = []

            def ref(obj) -> bytes:
                key = obj.objgen
                if key not in numbers:
                    numbers[key] = self._reserve()
                    pending.append(obj)
                return b"%d 0 R" % numbers[key]

            def flush() -> None:
                while pending:
                    obj = pending.pop()
                    self._write_object(numbers[obj.objgen], _body(obj, ref))

            if keep_identity:
                for key in ("/Metadata", "/OutputIntents"):
                    if key in pdf.Root:
                        value = pdf.Root[key]
                        self.kept[key] = _number(ref(value)) if value.is_indirect else self._keep(value, ref)
                if "/Info" in pdf.trailer:
                    self.info = _number(ref(pdf.trailer.Info))
                flush()
            counts = page_counts if page_counts is not None else [len(pdf.pages)]
            written, page = 0, 0
            for count in counts:
                for number in range(page, page + count):
                    obj = pdf.pages[number].obj
                    own = self._reserve()
                    numbers[obj.objgen] = own
                    self._write_object(own, _body(obj, ref, parent=b"%d 0 R" % PAGES))
                    self.kids.append(own)
                    flush()
                    written += 1
                page += count
                if duplex and count % 2:
                    box = _direct(pdf.pages[page - 1].obj.MediaBox, ref)
                    blank = self._reserve()
                    self._write_object(blank, b"<< /Type /Page /Parent %d 0 R /MediaBox %s /Resources << >> >>"
                                       % (PAGES, box))
                    self.kids.append(blank)
                    written += 1
        return written

    def finish(self, info: dict[str, str] | None = None) -> int:
        """Write the page tree, catalogue, document information (`info`, unless the first source's was kept),
        cross-reference table and trailer; move the file into place; return its page count."""
        if self.handle is None:
            raise ValueError("a joined PDF needs at least one source")
        if self.info is None and info is not None:
            self.info = self._reserve()
            self._write_object(self.info, b"<< " + b" ".join(
                pikepdf.Name(key).unparse() + b" " + pikepdf.String(value).unparse() for key, value in info.items())
                + b" >>")
        kids = b" ".join(b"%d 0 R" % k for k in self.kids)
        self._write_object(PAGES, b"<< /Type /Pages /Kids [ %s ] /Count %d >>" % (kids, len(self.kids)))
        extra = b"".join(b" %s %d 0 R" % (pikepdf.Name(key).unparse(), number) for key, number in self.kept.items())
        self._write_object(CATALOG, b"<< /Type /Catalog /Pages %d 0 R%s >>" % (PAGES, extra))
        start = self.position
        table = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)]
        table += [b"%010d 00000 n \n" % offset for offset in self.offsets[1:]]
        self._write(b"".join(table))
        ident = self.digest.hexdigest().encode()
        self._write(b"trailer\n<< /Size %d /Root %d 0 R%s /ID [ <%s> <%s> ] >>\nstartxref\n%d\n%%%%EOF\n"
                    % (len(self.offsets), CATALOG, b" /Info %d 0 R" % self.info if self.info else b"", ident, ident,
                       start))
        try:
            self.handle.close()
            os.replace(self.growing, self.path)
        except OSError as exc:
            raise cannot_write(self.path, exc) from None
        finally:
            self.handle = None
        return len(self.kids)

    def close(self) -> None:
        """Let go of a file not finished (a failed batch): nothing is left of it."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
            self.growing.unlink(missing_ok=True)

    def _start(self, version: str) -> None:
        try:
            self.handle = open(self.growing, "wb")
        except OSError as exc:
            raise cannot_write(self.path, exc) from None
        self._write(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % version.encode())

    def _reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def _keep(self, value, ref) -> int:
        number = self._reserve()
        self._write_object(number, _direct(value, ref))
        return number

    def _write_object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.position
        self._write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def _write(self, data: bytes) -> None:
        try:
            self.handle.write(data)
        except OSError as exc:
            raise cannot_write(self.path, exc) from None
        self.digest.update(data)
        self.position += len(data)


def _body(obj, ref, parent: bytes | None = None) -> bytes:
    """Return an indirect object's body: a stream with its raw (still compressed) data, else its value; a page's
    /Parent becomes `parent`."""
    if isinstance(obj, pikepdf.Stream):
        raw = obj.read_raw_bytes()
        entries = b"".join(_entry(key, value, ref) for key, value in obj.stream_dict.items() if key != "/Length")
        return b"<<%s /Length %d >>\nstream\n%s\nendstream" % (entries, len(raw), raw)
    if parent is not None and isinstance(obj, pikepdf.Dictionary):
        return b"<<%s /Parent %s >>" % (b"".join(_entry(key, value, ref) for key, value in obj.items()
                                                 if key != "/Parent"), parent)
    return _direct(obj, ref)


def _entry(key: str, value, ref) -> bytes:
    return b" " + pikepdf.Name(key).unparse() + b" " + _value(value, ref)


def _value(value, ref) -> bytes:
    """Return a value inside another object: a reference when it is an indirect object, else the value itself."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return ref(value)
    return _direct(value, ref)


def _number(reference: bytes) -> int:
    return int(reference.split()[0])


def _direct(value, ref) -> bytes:
    """Return a value in PDF syntax, the objects inside it that are indirect as references (`ref`)."""
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, decimal.Decimal):
        return format(value, "f").encode()
    if isinstance(value, float):
        return format(decimal.Decimal(repr(value)), "f").encode()
    if value is None:
        return b"null"
    if isinstance(value, pikepdf.Dictionary):
        return b"<<" + b"".join(_entry(key, inner, ref) for key, inner in value.items()) + b" >>"
    if isinstance(value, pikepdf.Array):
        return b"[ " + b" ".join(_value(inner, ref) for inner in value) + b" ]"
    return value.unparse()
