"""Check files and document IDs against the register (`reportgen verify`): issued, altered or unknown."""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ReportgenError
from reportgen.conventions.dates import format_date
from reportgen.trust.register import KIND_NAMES, Entry, FileRecord, Register, register_path
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


def open_register(register: Path | None, inputs: Path, out: Path) -> Path:
    """Return the register to check against (option, else the profile's, else OUT/register.sqlite); it must exist."""
    profile = None
    if register is None and (Path(inputs) / "unit.yaml").is_file():
        from reportgen.inputs.profile import load_profile
        profile = load_profile(Path(inputs) / "unit.yaml")
    path = register_path(profile, out, register)
    if not path.is_file():
        raise ReportgenError(f"Register {path} tidak ditemukan: tanpa register keaslian dokumen tidak dapat "
                             "diperiksa. Sebutkan register unit dengan --register BERKAS.")
    return path


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
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in sorted((i for i in archive.infolist() if re.fullmatch(r"word/footer\d*\.xml", i.filename)),
                                   key=lambda i: i.filename):
                    if info.file_size > 4_000_000:  # a footer is a few KB; a bigger one is a zip bomb, not a mark
                        continue
                    text += re.sub(r"<[^>]+>", "", archive.read(info).decode("utf-8", "replace")) + "\n"
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


def describe_document(entry: Entry) -> str:
    """Return one line naming a registered document: kind, number or person, date, ID."""
    text = KIND_NAMES.get(entry.kind, entry.kind)
    if entry.number:
        text += f" Nomor {entry.number}"
    if entry.person:
        text += f", {entry.person}"
    text += f", tanggal {format_date(entry.date)}"
    return text


def finding_lines(finding: Finding) -> list[str]:
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
    about = [f"   {describe_document(entry)}", f"   tentang {entry.subject}"]
    doc_id = (record.doc_id if record else None) or entry.doc_id
    if finding.status == ISSUED:
        signed = " (ditandatangani secara elektronik)" if record.format == SIGNED_FORMAT else ""
        return ([f"ASLI  {path}"] + about
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


def verify_files(paths: list[Path], register: Path) -> tuple[list[Finding], list[str]]:
    """Return the findings for the files and the report's lines (a summary line last)."""
    with Register(register, create=False, read_only=True) as reg:
        findings = [check_file(reg, p) for p in paths]
    lines: list[str] = []
    for finding in findings:
        lines += finding_lines(finding)
    issued = sum(f.status == ISSUED for f in findings)
    if issued == len(findings):
        lines.append(f"Semua {len(findings)} berkas asli: sama persis dengan berkas yang tercatat di register {register}.")
    else:
        lines.append(f"{issued} dari {len(findings)} berkas asli; {len(findings) - issued} berkas tidak sama "
                     f"persis dengan berkas terbitan di register {register}.")
    return findings, lines


def verify_id(text: str, register: Path) -> tuple[bool, list[str]]:
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
        lines += [f"TERDAFTAR  kode verifikasi {doc_id}", f"   {describe_document(entry)}",
                  f"   tentang {entry.subject}", f"   dicatat {entry.created_at}"]
        for record in records:
            lines.append(f"   berkas {record.path} (diterbitkan {record.written_at})")
        if entry.doc_id and entry.doc_id != doc_id:
            lines.append(f"   catatan: dokumen ini kemudian diterbitkan ulang dengan isi lain, kode {entry.doc_id}")
    return True, lines
