"""Sign issued PDFs electronically (`reportgen sign`): PAdES B-B through pyHanko, in the signature block's place.

Only files the register issued are signed; each signed copy is recorded in the register under the same
document, so `reportgen verify` still identifies it. The password of the key file is taken as bytes from
the caller (a hidden prompt or a file) and never printed, logged or passed on a command line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Collection, Mapping

from reportgen.errors import ReportgenError, mention, system_reason
from reportgen.model.blocks import MAIN_SIGNER
from reportgen.output.atomic import write_atomic
from reportgen.trust.register import Register
from reportgen.trust.check import ISSUED, SIGNED_FORMAT, check_file, describe_document

FIELD_NAME = "TandaTangan"
SUFFIX = "-ttd"
MM = 72 / 25.4
STAMP_TEXT = "Ditandatangani secara elektronik oleh:\n%(signer)s\n%(ts)s"


@dataclass(frozen=True)
class Signed:
    """One signed file: the original, the signed copy, the document, and whether the box was found."""

    source: Path
    target: Path
    document: str
    placed: bool


# ---------------------------------------------------------------- where the signature goes


@dataclass(frozen=True)
class _Run:
    x: float
    y: float
    text: str
    size: float  # in points


def _text_runs(page) -> list[_Run]:
    """Return the text runs of a PDF page with their baseline origin in page coordinates (y upwards)."""
    runs: list[_Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append(_Run(x, y, text.strip(), abs(font_size * tm[3] * cm[3]) or font_size))
    page.extract_text(visitor_text=visit)
    return runs


def _main_signer(reader) -> tuple[int, float, float] | None:
    """Return (page index, left, top) of the main signer's space as the document names it (a named
    destination MAIN_SIGNER, or MAIN_SIGNER-N in a file cut from a batch), or None."""
    for name, destination in reader.named_destinations.items():
        if name == MAIN_SIGNER or name.startswith(MAIN_SIGNER + "-"):
            return reader.get_destination_page_number(destination), float(destination.left), float(destination.top)
    return None


def signature_box(pdf: bytes) -> tuple[int, tuple[int, int, int, int]] | None:
    """Return (page index, box) of the space where the main signer signs, or None when none is found.

    The signature block of every reportgen document ends its last page: lines ending with a comma (the
    office, or "Pembuat Pernyataan,") above a blank space and the signer's name. The main signer's column
    is the rightmost; the box fills the blank space of that column, right of anything drawn in it (the
    duty-stamp box of a pact).
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    marked = _main_signer(reader)
    index = marked[0] if marked else len(reader.pages) - 1
    page = reader.pages[index]
    width = float(page.mediabox.width)
    runs = [r for r in _text_runs(page) if r.y > 25 * MM]  # the footer's verification mark is not the block
    if marked:  # the top left corner of the signer's space, named by the document
        _, x, y = marked
        anchor = _Run(x, y, "", 0.0)
    else:  # a PDF without the name: the lowest, then rightmost, "...," line of the last page
        anchors = [r for r in runs if r.text.endswith(",") and r.x > width * 0.4]
        if not anchors:
            return None
        anchor = min(anchors, key=lambda r: (r.y, -r.x))
    below = [r for r in runs if abs(r.x - anchor.x) < 3 and r.y < anchor.y - 20]
    if not below:
        return None
    name = max(below, key=lambda r: r.y)
    top, bottom = anchor.y - 0.3 * anchor.size, name.y + 0.9 * name.size
    if top - bottom < 10 * MM:
        return None
    left = anchor.x
    inside = [r for r in runs if bottom < r.y < top and r.x >= anchor.x - 3]
    if inside:  # e.g. the duty-stamp box: its text centred in a 30 mm box
        left = max(r.x + 0.5 * r.size * len(r.text) for r in inside) + 12 * MM
    right = min(width - 20 * MM, left + 75 * MM)
    if right - left < 35 * MM:
        return None
    return index, (round(left), round(bottom), round(right), round(top))


# ---------------------------------------------------------------- signing


def check_certificate(cert, p12: Path, now: dt.datetime | None = None) -> None:
    """Raise ReportgenError when a certificate cannot sign now: expired, not yet valid, or not for signing.

    `cert` is a cryptography x509 certificate. A key usage extension, when present, must allow digital
    signatures or non-repudiation (content commitment).
    """
    from cryptography import x509
    from reportgen.conventions.dates import format_date

    now = now or dt.datetime.now(dt.timezone.utc)
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    if now < start:
        raise ReportgenError(mention("Sertifikat ", Path(p12),
                                     f" belum berlaku (berlaku mulai {format_date(start.date())}); tidak ada berkas "
                                     "yang ditandatangani"))
    if now > end:
        raise ReportgenError(mention("Sertifikat ", Path(p12),
                                     f" sudah kedaluwarsa (berlaku sampai {format_date(end.date())}); perpanjang "
                                     "sertifikat. Tidak ada berkas yang ditandatangani"))
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise ReportgenError(mention("Sertifikat ", Path(p12),
                                     " tidak untuk tanda tangan (penggunaan kunci tanpa digitalSignature atau "
                                     "nonRepudiation); minta sertifikat penanda tangan. Tidak ada berkas yang "
                                     "ditandatangani"))


def load_signer(p12: Path, password: bytes | None, now: dt.datetime | None = None):
    """Return a pyHanko signer from a PKCS#12 file; a wrong password, a bad file, a file without its key, or a
    certificate that cannot sign now is a ReportgenError."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign import signers

    try:
        data = Path(p12).read_bytes()
    except OSError as exc:
        raise ReportgenError(mention("Berkas sertifikat ", Path(p12),
                                     f" tidak dapat dibaca: {system_reason(exc)}")) from None
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, password or None)
    except (ValueError, TypeError):
        raise ReportgenError(mention("Berkas sertifikat ", Path(p12),
                                     " tidak dapat dibuka: kata sandi salah, atau bukan berkas PKCS#12 (.p12/.pfx) "
                                     "yang berisi kunci dan sertifikat")) from None
    if key is None:
        raise ReportgenError(mention("Berkas sertifikat ", Path(p12),
                                     " hanya berisi sertifikat, tanpa kunci privat; ekspor ulang sertifikat BESERTA "
                                     "kuncinya (PKCS#12 .p12/.pfx dengan kunci privat)"))
    if cert is None:
        raise ReportgenError(mention("Berkas sertifikat ", Path(p12),
                                     " hanya berisi kunci, tanpa sertifikat penanda tangan"))
    check_certificate(cert, p12, now)
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=password or None)
    except (ValueError, TypeError, AttributeError):
        raise ReportgenError(mention("Berkas sertifikat ", Path(p12),
                                     " tidak dapat dibuka: kata sandi salah, atau bukan berkas PKCS#12 (.p12/.pfx) "
                                     "yang berisi kunci dan sertifikat")) from None


def read_password_file(path: Path) -> bytes:
    """Return the first line of a password file, as bytes; a UTF-8 BOM (Notepad) and CR/LF are not part of it."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReportgenError(mention("Berkas kata sandi ", Path(path),
                                     f" tidak dapat dibaca: {system_reason(exc)}")) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = data.splitlines()
    return lines[0] if lines else b""


def check_folder_writable(folder: Path) -> None:
    """Raise OutputError unless files can be created in `folder` (created when missing)."""
    from reportgen.output.atomic import ensure_writable_folder

    ensure_writable_folder(folder)


def sign_pdf(pdf: bytes, signer, reason: str, location: str | None) -> tuple[bytes, bool]:
    """Return the PDF signed PAdES B-B (an incremental update) and whether the visible box was placed."""
    from pyhanko.pdf_utils import text
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    logging.getLogger("pyhanko").setLevel(logging.ERROR)
    place = signature_box(pdf)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    existing = {name for name, *_ in fields.enumerate_sig_fields(writer)}
    name = next(f"{FIELD_NAME}{n}" for n in range(1, 100) if f"{FIELD_NAME}{n}" not in existing)
    if place:
        page, box = place
        fields.append_signature_field(writer, fields.SigFieldSpec(name, on_page=page, box=box))
    else:
        fields.append_signature_field(writer, fields.SigFieldSpec(name))
    # pyHanko's standard Courier: its embedded-font engine (HarfBuzz) spaced the letters apart here
    style = TextStampStyle(stamp_text=STAMP_TEXT, text_box_style=text.TextBoxStyle(font_size=7), border_width=1,
                           timestamp_format="%d-%m-%Y %H:%M:%S %Z")
    meta = signers.PdfSignatureMetadata(field_name=name, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256", reason=reason, location=location)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer, stamp_style=style).sign_pdf(writer, output=out)
    return out.getvalue(), place is not None


def signed_path(source: Path, folder: Path | None) -> Path:
    """Return where the signed copy of `source` is written: NAME-ttd.pdf beside it, or in `folder`."""
    return Path(folder or source.parent) / f"{source.stem}{SUFFIX}.pdf"


def _signers_named(pdf: bytes) -> int:
    """Return how many main signers' spaces a PDF names (one per document it holds; 0 when it names none)."""
    from pypdf import PdfReader

    try:
        names = PdfReader(io.BytesIO(pdf)).named_destinations
    except Exception:  # noqa: BLE001 -- pypdf's many errors on a damaged file: the box is then looked for by its text
        return 0
    return sum(1 for name in names if name == MAIN_SIGNER or name.startswith(MAIN_SIGNER + "-"))


def _written_by_reportgen(reg: Register, path: Path) -> bool:
    """Return whether the file at `path` is one the register knows written there (a signed copy made before)."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return False
    return any(record.sha256 == digest for _, record in reg.find_path(path))


def sign_files(files: list[Path], p12: Path, password: bytes | None, register: Path,
               folder: Path | None = None, location: str | None = None, names: Mapping[str, str] = {},
               many_people: Collection[str] = ()) -> list[Signed]:
    """Sign every file (each must be exactly a PDF the register issued, of one person or one document), write
    NAME-ttd.pdf, record it.

    Every file is checked before any is signed: one file that is not an issued PDF, a file of a kind in
    `many_people` (a batch's print file) or a PDF naming more than one signer's space, or a signed copy that
    would replace a file reportgen did not write there, stops the whole batch.
    """
    signer = load_signer(p12, password)
    with Register(register, create=False) as reg:
        findings = [check_file(reg, Path(f)) for f in files]
        wrong = []
        targets: dict[Path, Path] = {}
        for finding in findings:
            if finding.status != ISSUED:
                wrong += ["\n  - ", finding.path, f": bukan berkas terbitan register ini ({finding.status}); "
                          "periksa keasliannya dulu"]
            elif not finding.record.format.startswith("pdf"):
                wrong += ["\n  - ", finding.path, ": hanya berkas PDF yang dapat ditandatangani"]
            elif finding.record.format == SIGNED_FORMAT:
                wrong += ["\n  - ", finding.path, ": sudah ditandatangani; tanda tangani berkas aslinya"]
            elif finding.entry.kind in many_people or _signers_named(finding.path.read_bytes()) > 1:
                wrong += ["\n  - ", finding.path, ": berkas ini memuat dokumen banyak orang (berkas cetak); setiap "
                          "dokumen ditandatangani sendiri: tanda tangani berkas per orangnya (mis. NIP-nama.pdf)"]
            else:
                target = signed_path(finding.path, folder)
                other = targets.get(target.resolve())
                if other is not None:
                    wrong += ["\n  - ", finding.path, " dan ", other, ": tanda tangan keduanya akan ditulis ke ",
                              target, "; tanda tangani dengan --ke ke folder berbeda"]
                elif target.exists() and not _written_by_reportgen(reg, target):
                    wrong += ["\n  - ", target, " sudah ada dan bukan tanda tangan yang ditulis reportgen; berkas "
                              "itu tidak ditimpa: pindahkan atau ganti namanya, atau pilih folder lain dengan --ke"]
                targets[target.resolve()] = finding.path
        if wrong:
            raise ReportgenError(mention("Tidak ada berkas yang ditandatangani:", *wrong))
        for target_folder in sorted({signed_path(Path(f), folder).parent for f in files}):
            check_folder_writable(target_folder)  # before the first signature, not after it
        done = []
        for finding in findings:
            entry = finding.entry
            data = finding.path.read_bytes()
            signed, placed = sign_pdf(data, signer, reason=f"Menandatangani {describe_document(entry, names)}",
                                      location=location)
            target = signed_path(finding.path, folder)
            write_atomic(target, signed)
            reg.record_copy(entry, target, SIGNED_FORMAT, hashlib.sha256(signed).hexdigest(), len(signed),
                            finding.record.doc_id)
            done.append(Signed(finding.path, target, describe_document(entry, names), placed))
    return done
