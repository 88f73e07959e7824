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


def sign_result(result: dict, year_folder: Path, unit: Unit, p12: bytes, password: str,
                name: str = "") -> list[str]:
    """Sign the PDFs of one kind's published result; return the signed files' paths under OUT/TAHUN. The
    certificate is kept under the name it was uploaded with (`name`), so that a message names it as the user
    knows it."""
    if result.get("zip"):
        raise ReportgenError("Dokumen satu per pegawai ditandatangani oleh masing-masing pegawai, bukan dari halaman ini")
    if not p12 or len(p12) > MAX_P12:
        raise ReportgenError("Pilih berkas sertifikat PKCS#12 (.p12 atau .pfx) penanda tangan")
    pdfs = [year_folder / f["path"] for f in result["files"] if f["format"] == "pdf"]
    profile = unit.profile
    with tempfile.TemporaryDirectory(prefix="reportgen-ttd-") as work:
        path = Path(work) / _safe_name(name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(p12)
        done = sign_files(pdfs, path, password.encode("utf-8"), unit.register, location=profile.city,
                          names=kind_names())
    return [str(item.target.relative_to(year_folder)) for item in done]


def _safe_name(name: str) -> str:
    """Return the uploaded certificate's file name without any folder (or a plain one when it has none)."""
    base = Path(name.replace("\\", "/")).name.strip()
    return base if base and not base.startswith(".") and len(base) <= 100 else "sertifikat.p12"
