"""The unit's verification address (profile verifikasi.url): its {id} field, its check, what a QR code holds."""

from __future__ import annotations

import re

URL_FIELD = "{id}"


def qr_payload(url_pattern: str | None, doc_id: str) -> str:
    """Return what the QR code holds: the unit's verification URL with the ID, or the ID alone."""
    return url_pattern.replace(URL_FIELD, doc_id) if url_pattern else doc_id


def check_url_pattern(pattern: str) -> str | None:
    """Return what is wrong with a verification URL pattern (profile verifikasi.url), or None."""
    if pattern.count(URL_FIELD) != 1:
        return "harus memuat {id} tepat satu kali, mis. https://polpum.kemendagri.go.id/verifikasi/{id}"
    if re.search(r"\s", pattern) or "{" in pattern.replace(URL_FIELD, "") or "}" in pattern.replace(URL_FIELD, ""):
        return "tidak boleh memuat spasi atau kurung kurawal selain {id}"
    return None
