"""Check files and document IDs against the register (`reportgen verify`): issued, altered or unknown."""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from reportgen.conventions.dates import format_date
from reportgen.trust.register import Entry, FileRecord, Register
from reportgen.trust.ids import normalize_id

ISSUED = "asli"            # exactly a file the register issued
ISSUED_PLUS = "ditambah"   # an issued file followed by later incremental updates (another tool's signature...)
ALTERED = "diubah"         # claims to be an issued document (its ID or its place) but its bytes differ
UNKNOWN = "tidak dikenal"  # nothing links it to the register
MISSING = "tidak ada"

SIGNED_FORMAT = "pdf-ttd"  # a PDF signed by `reportgen sign`, recorded under the document it signs

_PRINTED_ID = re.compile(r"Kode\s+verifikasi\s*:\s*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")


@dataclass(frozen=True)
class Finding:
    """What the register says about one file."""

    path: Path
    status: str
    entry: Entry | None = None
    record: FileRecord | None = None
    printed_id: str | None = None


def printed_id(path: Path, data: bytes) -> str | None:
    """Return the document ID printed in a PDF's or DOCX's verification mark, or None when none can be read."""
    text = ""
    try:
        if data[:5] == b"%PDF-":
            import io
            import logging

            from pypdf import PdfReader
            logging.getLogger("pypdf").setLevel(logging.ERROR)
            reader = PdfReader(io.BytesIO(data))
            text = "\n".join((reader.pages[i].extract_text() or "") for i in range(min(2, len(reader.pages))))
        elif data[:2] == b"PK":
            import io

            with zipfile.ZipFile(io.BytesIO(data)) as archive:  # a zip bomb is no document: its ID is not read
                if sum(i.file_size for i in archive.infolist()) > 200_000_000:
                    return None
            from docx import Document as open_docx
            document = open_docx(io.BytesIO(data))
            for section in document.sections:  # the footers of every section, as Word shows them
                for footer in (section.footer, section.first_page_footer, section.even_page_footer):
                    if not footer.is_linked_to_previous or section is document.sections[0]:
                        text += "\n".join(p.text for p in footer.paragraphs) + "\n"
                        text += "\n".join(c.text for t in footer.tables for r in t.rows for c in r.cells) + "\n"
    except Exception:  # a damaged file: whatever cannot be read simply gives no ID
        return None
    found = _PRINTED_ID.search(text)
    return found.group(1) if found else None


# How many earlier revisions of a PDF are looked up: an issued file, its signature and a few later
# additions. A file of repeated %%EOF lines would otherwise have every one of its prefixes hashed.
MAX_REVISIONS = 32


def _revision_hashes(data: bytes):
    """Yield the SHA-256 of the earlier revisions of a PDF: its bytes up to each %%EOF but the last.

    At most MAX_REVISIONS end markers are considered, the first ones (the issued file comes first), and
    the prefixes are hashed in one pass.
    """
    end = len(data.rstrip())
    hasher = hashlib.sha256()
    done = 0
    for count, match in enumerate(re.finditer(rb"%%EOF(\r\n|\r|\n)?", data)):
        if count >= MAX_REVISIONS or match.end() >= end:
            return
        hasher.update(data[done:match.start() + 5])
        done = match.start() + 5
        if match.group(1):
            short = hasher.copy().hexdigest()
            hasher.update(data[done:match.end()])
            done = match.end()
            yield hasher.copy().hexdigest()
            yield short
        else:
            yield hasher.copy().hexdigest()


def check_file(reg: Register, path: Path) -> Finding:
    """Return what the register knows of one file."""
    path = Path(path)
    if not path.is_file():
        return Finding(path, MISSING)
    data = path.read_bytes()
    found = reg.find_file(hashlib.sha256(data).hexdigest())
    if found:
        entry, record = found[-1]
        return Finding(path, ISSUED, entry, record, record.doc_id)
    if data[:5] == b"%PDF-":
        for digest in _revision_hashes(data):
            found = reg.find_file(digest)
            if found:
                entry, record = found[-1]
                return Finding(path, ISSUED_PLUS, entry, record, record.doc_id)
    doc_id = printed_id(path, data)
    if doc_id:
        claimed = reg.find_id(doc_id)
        if claimed:
            entry, records = claimed[-1]
            return Finding(path, ALTERED, entry, records[-1] if records else None, doc_id)
    same_place = reg.find_path(path)
    if same_place:
        entry, record = same_place[-1]
        return Finding(path, ALTERED, entry, record, doc_id)
    return Finding(path, UNKNOWN, printed_id=doc_id)


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
    reason = (f"memuat kode verifikasi {finding.printed_id} milik dokumen ini" if finding.printed_id
              else "berada di tempat berkas terbitan dokumen ini")
    return ([f"DIUBAH  {path}"] + about
            + [f"   berkas {reason}, tetapi isinya berbeda dari setiap berkas yang diterbitkan:",
               "   berkas telah diubah sesudah diterbitkan; jangan dipercaya, minta salinan asli"])


def verify_files(paths: list[Path], register: Path,
                 names: Mapping[str, str] = {}) -> tuple[list[Finding], list[str]]:
    """Return the findings for the files and the report's lines (a summary line last)."""
    with Register(register, create=False, read_only=True) as reg:
        findings = [check_file(reg, p) for p in paths]
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
