"""Check files and document IDs against the register (`reportgen periksa`, the public page): issued, altered or
unknown, reading only what the answer needs.

A file is hashed as a stream, and only when an issued file had its size; a PDF's earlier revisions only at the
sizes of issued files that end there. The printed code is read from the footer parts of a DOCX (found by their
local headers, so a damaged directory or part elsewhere does not hide them) or from the text of the pages where
it stands in a PDF (the first ones and the last), each part and stream inflated up to its cap. A file too large
to be parsed is still compared by its hashes.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import logging
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Mapping

from reportgen.conventions.dates import format_date
from reportgen.guards.archives import DOCUMENT_LIMITS, ArchiveLimits, ArchiveRefused, check_archive
from reportgen.trust.ids import normalize_id
from reportgen.trust.register import Entry, FileRecord, Register

ISSUED = "asli"            # exactly a file the register issued
ISSUED_PLUS = "ditambah"   # an issued file followed by later incremental updates (another tool's signature...)
ALTERED = "diubah"         # claims to be an issued document (its ID, its place or its metadata) but its bytes differ
UNKNOWN = "tidak dikenal"  # nothing links it to the register
MISSING = "tidak ada"

# What links an altered file to its document (Finding.evidence)
BY_CODE, BY_PLACE, BY_METADATA = "kode", "tempat", "metadata"

SIGNED_FORMAT = "pdf-ttd"  # a PDF signed by `reportgen sign`, recorded under the document it signs

_PRINTED_ID = re.compile(r"Kode\s+verifikasi\s*:\s*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")
MIB = 1024 * 1024
CHUNK = MIB


@dataclass(frozen=True)
class CheckLimits:
    """How much of a file is read to find its code and metadata; the rest of it is only hashed."""

    pdf_bytes: int = 64 * MIB       # a larger PDF is not parsed (pypdf reads a damaged one whole to repair it)
    rebuild_bytes: int = 64 * MIB   # a larger PDF whose structure pypdf cannot follow is not rebuilt by qpdf
    stream_bytes: int = 16 * MIB    # one PDF stream, inflated
    pages: int = 2                  # the first pages whose text is read, besides the last
    part_bytes: int = 4 * MIB       # one DOCX part read (a footer, the core properties), inflated
    docx_parts: int = 2000          # local headers walked through in a DOCX
    docx_bytes: int = 256 * MIB     # how far into a DOCX its parts are looked for
    archive: ArchiveLimits = DOCUMENT_LIMITS  # a DOCX beyond these is refused before any part is read


CHECK_LIMITS = CheckLimits()
# What a stranger's upload to the public page may cost: every issued document is far below these
PUBLIC_LIMITS = CheckLimits(pdf_bytes=16 * MIB, rebuild_bytes=4 * MIB, stream_bytes=2 * MIB, pages=2,
                            part_bytes=256 * 1024,
                            docx_parts=500, docx_bytes=16 * MIB,
                            archive=ArchiveLimits(members=500, member_bytes=32 * MIB, total_bytes=64 * MIB,
                                                  part_bytes=DOCUMENT_LIMITS.part_bytes))


@dataclass(frozen=True)
class Finding:
    """What the register says about one file."""

    path: Path
    status: str
    entry: Entry | None = None
    record: FileRecord | None = None
    printed_id: str | None = None
    evidence: str | None = None  # for an altered file: BY_CODE, BY_PLACE or BY_METADATA
    refused: str | None = None   # why the file was not read at all (a package past its limits)


@dataclass(frozen=True)
class Contents:
    """What was read of a file: the codes printed in it and the subject and date its metadata give."""

    printed_ids: tuple[str, ...] = ()  # every code read, in the order read (a page's may be damaged, not another's)
    subject: str | None = None
    date: str | None = None  # YYYY-MM-DD
    ours: bool = False       # the metadata name reportgen as the file's maker
    refused: str | None = None  # why nothing of it was read


# ---------------------------------------------------------------- hashes, read as streams


def file_digest(path: Path, upto: int | None = None) -> str:
    """Return the SHA-256 of a file (or of its first `upto` bytes), read in chunks."""
    hasher = hashlib.sha256()
    with open(path, "rb") as f:
        left = upto
        while left is None or left > 0:
            chunk = f.read(CHUNK if left is None else min(CHUNK, left))
            if not chunk:
                break
            hasher.update(chunk)
            if left is not None:
                left -= len(chunk)
    return hasher.hexdigest()


_EOF_END = re.compile(rb"%%EOF(\r\n|\r|\n)?$")


def _revision_ends(f: BinaryIO, size: int, sizes: list[int]) -> list[int]:
    """Return the sizes of issued files at which this PDF has an end-of-file marker with more after it: only there
    can an earlier revision be an issued file."""
    ends = []
    for end in sorted(s for s in sizes if 7 <= s < size):
        f.seek(end - 7)
        if not _EOF_END.search(f.read(7)):
            continue
        if size - end <= 64:  # a few bytes after: whitespace only is the same revision, not an addition
            f.seek(end)
            if not f.read().strip():
                continue
        ends.append(end)
    return ends


def _prefix_digests(f: BinaryIO, ends: list[int]):
    """Yield (end, SHA-256 of the first `end` bytes) for each of the sorted `ends`, in one pass."""
    hasher = hashlib.sha256()
    f.seek(0)
    done = 0
    for end in ends:
        while done < end:
            chunk = f.read(min(CHUNK, end - done))
            if not chunk:
                return
            hasher.update(chunk)
            done += len(chunk)
        yield end, hasher.copy().hexdigest()


# ---------------------------------------------------------------- what a DOCX says: its footers and metadata

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")  # a ZIP local file header: signature ... name and extra lengths
_LOCAL, _DIRECTORY = b"PK\x03\x04", b"PK\x01\x02"
_DOCX_PARTS = ("word/footer*.xml", "docProps/core.xml")


def _next_header(f: BinaryIO, start: int, end: int) -> int | None:
    """Return where the next local header starts at or after `start` (before `end`), or None."""
    pos = start
    while pos < end:
        f.seek(pos)
        chunk = f.read(min(CHUNK, end - pos) + 3)
        at = chunk.find(_LOCAL)
        if at >= 0:
            return pos + at
        pos += max(len(chunk) - 3, 1)
    return None


def _inflate(f: BinaryIO, length: int, method: int, cap: int) -> bytes:
    """Return a part's data read from here, inflated up to `cap` bytes (as much as can be when it is damaged)."""
    out, left = [], cap
    inflater = zlib.decompressobj(-15) if method == 8 else None
    while left > 0 and length > 0:
        chunk = f.read(min(64 * 1024, length))
        if not chunk:
            break
        length -= len(chunk)
        try:
            data = inflater.decompress(chunk, left) if inflater else chunk[:left]
        except zlib.error:
            break
        out.append(data)
        left -= len(data)
        if inflater and (inflater.eof or inflater.unconsumed_tail):
            break  # the end of the part, or `cap` reached with more to come
    return b"".join(out)


def docx_parts(f: BinaryIO, size: int, patterns: tuple[str, ...], limits: CheckLimits) -> dict[str, bytes]:
    """Return the parts of a DOCX whose names match `patterns`, each inflated up to limits.part_bytes.

    The parts are found by walking the local headers from the start, never through the central directory, so a
    package damaged elsewhere (its directory, another part) still gives its footers, and a directory announcing
    a million parts costs nothing.
    """
    found: dict[str, bytes] = {}
    end, pos, walked = min(size, limits.docx_bytes), 0, 0
    while pos is not None and pos + _LOCAL_HEADER.size <= end and walked < limits.docx_parts:
        f.seek(pos)
        head = f.read(_LOCAL_HEADER.size)
        if head[:4] == _DIRECTORY:
            break  # the parts are behind us
        if head[:4] != _LOCAL:
            pos = _next_header(f, pos + 1, end)
            continue
        walked += 1
        _, _, flags, method, _, _, _, packed, _, name_length, extra_length = _LOCAL_HEADER.unpack(head)
        name = f.read(name_length).decode("utf-8", "replace")
        data = pos + _LOCAL_HEADER.size + name_length + extra_length
        known = packed > 0 or not flags & 0x08  # else its sizes follow its data
        if name not in found and method in (0, 8) and any(fnmatch.fnmatchcase(name, p) for p in patterns):
            f.seek(data)
            found[name] = _inflate(f, packed if known else end - data, method, limits.part_bytes)
        pos = data + packed if known else _next_header(f, data, end)
    return found


def _xml_text(xml: bytes) -> str:
    """Return the text of an XML part, a line per paragraph (tags dropped in one pass, without a regex that could
    backtrack over a hostile part)."""
    text = xml.decode("utf-8", "replace").replace("</w:p>", "\n")
    pieces = text.split("<")
    return pieces[0] + "".join(p.partition(">")[2] for p in pieces[1:])


def _between(text: str, start: str, end: str) -> str | None:
    at = text.find(start)
    if at < 0:
        return None
    stop = text.find(end, at + len(start))
    return text[at + len(start):stop] if stop >= 0 else None


def _docx_contents(f: BinaryIO, size: int, limits: CheckLimits) -> Contents:
    import html

    parts = docx_parts(f, size, _DOCX_PARTS, limits)
    text = "\n".join(_xml_text(data) for name, data in sorted(parts.items()) if name.startswith("word/footer"))
    codes = _codes(html.unescape(text))
    core = parts.get("docProps/core.xml", b"").decode("utf-8", "replace")
    subject = _between(core, "<dc:subject>", "</dc:subject>")
    created = _between(core, 'W3CDTF">', "</dcterms:created>") if "<dcterms:created" in core else None
    return Contents(codes, html.unescape(subject) if subject else None,
                    created[:10] if created else None, "generated by python-docx" in core)


# ---------------------------------------------------------------- what a PDF says: its pages' text and metadata


def _pdf_contents(f: BinaryIO, size: int, limits: CheckLimits) -> Contents:
    """Return the codes printed on the first pages and the last one, and the PDF's metadata, every stream inflated
    up to limits.stream_bytes (pypdf's own limits, lowered). A PDF whose structure pypdf cannot follow (a damaged
    trailer or cross-reference) is rebuilt by qpdf first, its streams left as they are."""
    from pypdf import apply_configuration

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    cap = limits.stream_bytes
    with apply_configuration(zlib_maximum_output_length=cap, maximum_declared_stream_length=cap,
                             array_based_stream_maximum_output_length=cap, lzw_maximum_output_length=cap,
                             run_length_maximum_output_length=cap, brotli_maximum_output_length=cap,
                             jbig2_maximum_output_length=cap, image_maximum_buffer_size=cap,
                             zlib_maximum_recovery_input_length=min(cap, 5_000_000),
                             stream_decoding_work_maximum_length=4 * cap, page_tree_maximum_entries=20_000):
        contents = _read_pdf(f, limits)
        if contents is None and size <= limits.rebuild_bytes:
            repaired = _rebuilt(f)
            contents = _read_pdf(repaired, limits) if repaired is not None else None
    return contents or Contents()


def _read_pdf(f: BinaryIO, limits: CheckLimits) -> Contents | None:
    """Return what pypdf reads of the pages where the code stands and of the metadata, or None when it could read
    neither."""
    from pypdf import PdfReader

    text, info, read = [], {}, False
    try:
        reader = PdfReader(f, strict=False)  # an open file: pypdf seeks to what it needs
        count = len(reader.pages)
    except Exception:  # a structure pypdf cannot follow
        return None
    for index in dict.fromkeys([*range(min(limits.pages, count)), count - 1]):
        with contextlib.suppress(Exception):  # a damaged page: the others still say their code
            text.append(reader.pages[index].extract_text() or "")
            read = True
    with contextlib.suppress(Exception):
        info = {key: str(value) for key, value in (reader.metadata or {}).items()
                if key in ("/Subject", "/CreationDate", "/Creator")}
        read = True
    if not read:
        return None
    created = info.get("/CreationDate", "")
    date = f"{created[2:6]}-{created[6:8]}-{created[8:10]}" if re.match(r"D:\d{8}", created) else None
    return Contents(_codes("\n".join(text)), info.get("/Subject") or None, date, info.get("/Creator") == "reportgen")


def _rebuilt(f: BinaryIO):
    """Return a copy of a damaged PDF whose objects qpdf found again (in memory, streams neither inflated nor
    recompressed), or None."""
    import io

    import pikepdf

    try:
        f.seek(0)
        with pikepdf.open(f) as pdf:
            out = io.BytesIO()
            pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                     object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    except Exception:  # nothing qpdf can rebuild either
        return None
    out.seek(0)
    return out


def read_contents(path: Path, limits: CheckLimits = CHECK_LIMITS) -> Contents:
    """Return what a PDF or DOCX says of itself (its printed code, its metadata's subject and date), read within
    `limits`; nothing for any other file or one too large to parse."""
    path = Path(path)
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(1024)
        f.seek(max(0, size - 1024))
        tail = f.read(1024)
        if b"%PDF-" in head or b"startxref" in tail:  # a PDF, even with its first bytes damaged
            return _pdf_contents(f, size, limits) if size <= limits.pdf_bytes else Contents()
        if head[:4] == _LOCAL or b"PK\x05\x06" in tail:
            try:
                check_archive(path, limits.archive)
            except ArchiveRefused as exc:
                return Contents(refused=f"ditolak sebelum dibaca: {exc.why}")
            except Exception:  # a damaged package: its footers are still looked for, each within its cap
                pass
            return _docx_contents(f, size, limits)
    return Contents()


def printed_id(path: Path, limits: CheckLimits = CHECK_LIMITS) -> str | None:
    """Return the document ID printed in a PDF's or DOCX's verification mark, or None when none can be read."""
    codes = read_contents(path, limits).printed_ids
    return codes[0] if codes else None


def _codes(text: str) -> tuple[str, ...]:
    """Return the codes printed in a text, each once, in order."""
    return tuple(dict.fromkeys(m.group(1) for m in _PRINTED_ID.finditer(text)))


# ---------------------------------------------------------------- the register's answer


def _by_subject(reg: Register, contents: Contents) -> tuple[Entry, FileRecord | None] | None:
    """Return the newest document whose subject (and date, when the file gives one) the file's metadata repeats."""
    for entry in reg.find_subject(contents.subject):
        if contents.date is None or entry.date.isoformat() == contents.date:
            records = [f for f in entry.files if f.subject == contents.subject] or list(entry.files)
            return entry, (records[-1] if records else None)
    return None


def check_file(reg: Register, path: Path, limits: CheckLimits = CHECK_LIMITS) -> Finding:
    """Return what the register knows of one file, reading no more of it than `limits` allow."""
    path = Path(path)
    if not path.is_file():
        return Finding(path, MISSING)
    size = path.stat().st_size
    sizes = reg.file_sizes(size)  # a file of no issued size is hashed only where its revisions could end
    if size in sizes:
        found = reg.find_file(file_digest(path))
        if found:
            entry, record = found[-1]
            return Finding(path, ISSUED, entry, record, record.doc_id)
    with open(path, "rb") as f:
        if f.read(5) == b"%PDF-":
            for _, digest in _prefix_digests(f, _revision_ends(f, size, sorted(sizes))):
                found = reg.find_file(digest)
                if found:
                    entry, record = found[-1]
                    return Finding(path, ISSUED_PLUS, entry, record, record.doc_id)
    contents = read_contents(path, limits)
    for code in contents.printed_ids:
        claimed = reg.find_id(code)
        if claimed:
            entry, records = claimed[-1]
            return Finding(path, ALTERED, entry, records[-1] if records else None, code, BY_CODE)
    doc_id = contents.printed_ids[0] if contents.printed_ids else None
    same_place = reg.find_path(path)
    if same_place:
        entry, record = same_place[-1]
        return Finding(path, ALTERED, entry, record, doc_id, BY_PLACE)
    if contents.subject and contents.ours:  # its code unreadable or changed (one the register never gave), its
        # metadata ours
        found = _by_subject(reg, contents)
        if found:
            return Finding(path, ALTERED, found[0], found[1], None, BY_METADATA)
    return Finding(path, UNKNOWN, printed_id=doc_id, refused=contents.refused)


def describe_document(entry: Entry, names: Mapping[str, str] = {}, record: FileRecord | None = None) -> str:
    """Return one line naming a registered document: kind, number or person (as the file shows it), date."""
    text = names.get(entry.kind, entry.kind)
    if entry.number:
        text += f" Nomor {entry.number}"
    person = (record.person if record and record.person else None) or entry.person
    if person:
        text += f", {person}"
    text += f", tanggal {format_date(entry.date)}"
    return text


def _day(timestamp: str):
    import datetime as dt

    return dt.datetime.fromisoformat(timestamp).date()


def superseded_by(entry: Entry, record: FileRecord) -> FileRecord | None:
    """Return the newest file of the same document and format written after this one with other content, or
    None when this file is still the document's latest."""
    later = [f for f in entry.files if f.format == record.format and f.sha256 != record.sha256
             and f.written_at > record.written_at]
    return max(later, key=lambda f: f.written_at) if later else None


def finding_lines(finding: Finding, names: Mapping[str, str] = {}) -> list[str]:
    """Return the lines reporting one file, in Indonesian."""
    path, entry, record = finding.path, finding.entry, finding.record
    if finding.status == MISSING:
        return [f"TIDAK ADA  {path}", "   berkas tidak ditemukan"]
    if finding.status == UNKNOWN:
        lines = [f"TIDAK DIKENAL  {path}", "   berkas ini tidak pernah diterbitkan dengan register ini"]
        if finding.refused:
            lines.append(f"   berkas {finding.refused}")
        if finding.printed_id:
            lines.append(f"   kode verifikasi yang tertera ({finding.printed_id}) tidak ada di register: "
                         "kemungkinan dokumen palsu")
        return lines
    subject = (record.subject if record and record.subject else None) or entry.subject
    about = [f"   {describe_document(entry, names, record)}", f"   tentang {subject}"]
    doc_id = (record.doc_id if record else None) or entry.doc_id
    if finding.status == ISSUED:
        signed = " (ditandatangani secara elektronik)" if record.format == SIGNED_FORMAT else ""
        newer = superseded_by(entry, record)
        head = (f"ASLI, tetapi sudah diganti dengan terbitan {format_date(_day(newer.written_at))}  {path}"
                if newer else f"ASLI  {path}")
        return ([head] + about
                + ([f"   kode verifikasi {doc_id}"] if doc_id else [])
                + [f"   diterbitkan {record.written_at}{signed}, sama persis dengan {record.path}"])
    if finding.status == ISSUED_PLUS:
        return ([f"ASLI DENGAN TAMBAHAN  {path}"] + about
                + [f"   bagian awal berkas sama persis dengan berkas terbitan {record.path} ({record.written_at}),",
                   "   tetapi sesudahnya ada perubahan tambahan (mis. tanda tangan dari aplikasi lain);",
                   "   periksa perubahan itu dan tanda tangannya sebelum mempercayai isinya"])
    reason = {BY_CODE: f"memuat kode verifikasi {finding.printed_id} milik dokumen ini",
              BY_METADATA: "kodenya tidak terbaca lagi atau tidak dikenal register, tetapi metadatanya (perihal dan "
                           "tanggal) milik dokumen ini"
              }.get(finding.evidence or "", "berada di tempat berkas terbitan dokumen ini")
    return ([f"DIUBAH  {path}"] + about
            + [f"   berkas {reason}, tetapi isinya berbeda dari setiap berkas yang diterbitkan:",
               "   berkas telah diubah sesudah diterbitkan; jangan dipercaya, minta salinan asli"])


def verify_files(paths: list[Path], register: Path, names: Mapping[str, str] = {},
                 limits: CheckLimits = CHECK_LIMITS) -> tuple[list[Finding], list[str]]:
    """Return the findings for the files and the report's lines (a summary line last)."""
    with Register(register, create=False, read_only=True) as reg:
        findings = [check_file(reg, p, limits) for p in paths]
    lines: list[str] = []
    for finding in findings:
        lines += finding_lines(finding, names)
    issued = sum(f.status == ISSUED for f in findings)
    if issued == len(findings):
        lines.append(f"Semua {len(findings)} berkas asli: sama persis dengan berkas yang tercatat di register {register}.")
    else:
        lines.append(f"{issued} dari {len(findings)} berkas asli; {len(findings) - issued} berkas tidak sama "
                     f"persis dengan berkas terbitan di register {register}.")
    return findings, lines


def verify_id(text: str, register: Path, names: Mapping[str, str] = {}) -> tuple[bool, list[str]]:
    """Return whether a (typed or scanned) document ID is in the register, and the lines describing it."""
    doc_id = normalize_id(text)
    if doc_id is None:
        return False, [f"'{text}' bukan kode verifikasi: kode terdiri atas 12 huruf dan angka, "
                       "mis. 7K3M-Q9PX-2HDA"]
    with Register(register, create=False, read_only=True) as reg:
        found = reg.find_id(doc_id)
    if not found:
        return False, [f"TIDAK DIKENAL  kode verifikasi {doc_id}",
                       f"   tidak ada dokumen dengan kode ini di register {register}: kemungkinan dokumen palsu"]
    lines = []
    for entry, records in found:
        lines += [f"TERDAFTAR  kode verifikasi {doc_id}", f"   {describe_document(entry, names)}",
                  f"   tentang {entry.subject}", f"   dicatat {entry.created_at}"]
        for record in records:
            lines.append(f"   berkas {record.path} (diterbitkan {record.written_at})")
        if entry.doc_id and entry.doc_id != doc_id:
            lines.append(f"   catatan: dokumen ini kemudian diterbitkan ulang dengan isi lain, kode {entry.doc_id}")
    return True, lines
