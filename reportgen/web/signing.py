"""Signing from the page (role pimpinan): the PDFs of one published document, signed with the leader's
PKCS#12 certificate through trust.sign (the same path as `reportgen sign`); the certificate and its password
are used in memory and a private temporary file only, never kept."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportgen.documents.registry import kind_names
from reportgen.errors import ReportgenError
from reportgen.trust.sign import sign_files
from reportgen.unit import Unit

MAX_P12 = 256 * 1024


def sign_result(result: dict, year_folder: Path, unit: Unit, p12: bytes, password: str) -> list[str]:
    """Sign the PDFs of one kind's published result; return the signed files' paths under OUT/TAHUN."""
    if result.get("zip"):
        raise ReportgenError("Dokumen satu per pegawai ditandatangani oleh masing-masing pegawai, bukan dari halaman ini")
    if not p12 or len(p12) > MAX_P12:
        raise ReportgenError("Pilih berkas sertifikat PKCS#12 (.p12 atau .pfx) penanda tangan")
    pdfs = [year_folder / f["path"] for f in result["files"] if f["format"] == "pdf"]
    profile = unit.profile
    with tempfile.TemporaryDirectory(prefix="reportgen-ttd-") as work:
        path = Path(work) / "penanda-tangan.p12"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(p12)
        try:
            done = sign_files(pdfs, path, password.encode("utf-8"), unit.register,
                              location=profile.city, names=kind_names())
        except ReportgenError as exc:  # name the certificate as the user knows it, not by its temporary place
            raise ReportgenError(str(exc).replace(f"Berkas sertifikat {path} ", "Berkas sertifikat ")) from None
    return [str(item.target.relative_to(year_folder)) for item in done]
