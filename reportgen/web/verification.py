"""The public verification answers: a code or an uploaded file checked against the register, described only by
kind, number, date and the issuing unit (never the personal data of a document)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.dates import format_date
from reportgen.documents.registry import kind_names
from reportgen.trust.check import ALTERED, BY_METADATA, ISSUED, ISSUED_PLUS, PUBLIC_LIMITS, UNKNOWN, check_file
from reportgen.trust.ids import normalize_id
from reportgen.trust.register import Register
from reportgen.unit import Unit

STATUS_NAMES = {ISSUED: "ASLI", ISSUED_PLUS: "ASLI DENGAN TAMBAHAN", ALTERED: "DIUBAH", UNKNOWN: "TIDAK DIKENAL"}


@dataclass(frozen=True)
class Answer:
    """What the page says: the status, its explanation, and the document's public facts (or none)."""

    status: str            # ASLI, DIUBAH, TIDAK DIKENAL, ASLI DENGAN TAMBAHAN, or "" for a code that is not one
    explanation: str
    kind: str | None = None
    number: str | None = None
    date: str | None = None
    unit: str | None = None
    code: str | None = None
    person: str | None = None      # a personal document (a pact): whose it is, so that a checker can match the paper
    nip: str | None = None         # and the NIP masked: birth date and serial only, 19700101 ****** * 001


def _register(unit: Unit) -> tuple[Path | None, str]:
    """Return the unit's register (None before the unit has a profile) and the unit's full name."""
    if not unit.has_profile:
        return None, ""
    return unit.register, unit.profile.full_name


def masked_nip(identity: str) -> str | None:
    """Return a NIP as the public page shows it: the birth date and the serial, the rest masked
    (19700101 ****** * 001); None for an identity that is no NIP."""
    digits = "".join(c for c in identity if c.isdigit())
    if len(digits) != 18 or len(digits) != len(identity.replace(" ", "")):
        return None
    return f"{digits[:8]} ****** * {digits[15:]}"


def _facts(entry, unit: str, code: str | None) -> dict:
    person = entry.person if entry.person else None
    return {"kind": kind_names().get(entry.kind, entry.kind), "number": entry.number,
            "date": format_date(entry.date), "unit": unit, "code": code, "person": person,
            "nip": masked_nip(entry.identity) if person else None}


def check_code(text: str, unit: Unit) -> Answer:
    """Return the answer for a verification code typed in or read from a QR code."""
    code = normalize_id(text)
    if code is None:
        return Answer("", "Ini bukan kode verifikasi: kode terdiri atas 12 huruf dan angka, mis. 7K3M-Q9PX-2HDA.")
    path, name = _register(unit)
    if path is None or not path.is_file():
        return Answer(STATUS_NAMES[UNKNOWN], "Belum ada dokumen yang diterbitkan di server ini.", code=code)
    with Register(path, read_only=True) as reg:
        found = reg.find_id(code)
    if not found:
        return Answer(STATUS_NAMES[UNKNOWN], "Tidak ada dokumen dengan kode ini di register unit: kemungkinan "
                                             "dokumen palsu.", code=code)
    entry, _ = found[-1]
    note = ("Kode ini tercatat di register unit: dokumen asli diterbitkan dengan kode ini. Cocokkan isinya dengan "
            "dokumen yang Anda pegang.")
    if entry.doc_id and entry.doc_id != code:
        note += " Catatan: dokumen ini kemudian diterbitkan ulang dengan isi lain (kode baru)."
    return Answer(STATUS_NAMES[ISSUED], note, **_facts(entry, name, code))


def check_upload(path: Path, unit: Unit) -> Answer:
    """Return the answer for an uploaded PDF or DOCX (a file the page received, within its limit): exactly an
    issued file, altered, or unknown, read within the limits for what strangers send."""
    register, name = _register(unit)
    if register is None or not register.is_file():
        return Answer(STATUS_NAMES[UNKNOWN], "Belum ada dokumen yang diterbitkan di server ini.")
    with Register(register, create=False, read_only=True) as reg:
        finding = check_file(reg, path, PUBLIC_LIMITS)
    status = STATUS_NAMES.get(finding.status, STATUS_NAMES[UNKNOWN])
    if finding.status == ISSUED:
        text = "Berkas ini sama persis dengan berkas yang diterbitkan unit."
    elif finding.status == ISSUED_PLUS:
        text = ("Bagian awal berkas sama persis dengan berkas terbitan, tetapi sesudahnya ada perubahan tambahan "
                "(mis. tanda tangan dari aplikasi lain); periksa perubahan itu sebelum mempercayai isinya.")
    elif finding.status == ALTERED:
        what = ("Kode verifikasinya tidak terbaca lagi atau tidak dikenal, tetapi metadatanya milik dokumen terbitan"
                if finding.evidence == BY_METADATA else "Berkas memuat kode verifikasi dokumen terbitan")
        text = f"{what}, tetapi isinya berbeda dari berkas yang diterbitkan: berkas telah diubah; jangan dipercaya, " \
               "minta salinan asli."
    else:
        text = "Berkas ini tidak pernah diterbitkan dengan register unit."
        if finding.refused:
            text += f" Berkas {finding.refused}."
        if finding.printed_id:
            text += f" Kode verifikasi yang tertera ({finding.printed_id}) tidak terdaftar: kemungkinan dokumen palsu."
    if finding.entry is None:
        return Answer(status, text, code=finding.printed_id)
    return Answer(status, text, **_facts(finding.entry, name, finding.printed_id or finding.entry.doc_id))
