"""The unit's verification address (profile verifikasi.url): its {id} field, its check, what a QR code holds."""

from __future__ import annotations

import re

URL_FIELD = "{id}"


# Without a verification address, the QR code and the footer both say how to check the code: with reportgen.
CHECK_COMMAND = "reportgen periksa {id}"


def qr_payload(url_pattern: str | None, doc_id: str) -> str:
    """Return what the QR code holds, the same text the footer prints: the unit's verification URL with the ID,
    or, without one, the command that checks it ("reportgen periksa 7K3M-Q9PX-2HDA")."""
    return (url_pattern or CHECK_COMMAND).replace(URL_FIELD, doc_id)


def check_url_pattern(pattern: str) -> str | None:
    """Return what is wrong with a verification URL pattern (profile verifikasi.url), or None."""
    if pattern.count(URL_FIELD) != 1:
        return "harus memuat {id} tepat satu kali, mis. https://polpum.kemendagri.go.id/verifikasi/{id}"
    if re.search(r"\s", pattern) or "{" in pattern.replace(URL_FIELD, "") or "}" in pattern.replace(URL_FIELD, ""):
        return "tidak boleh memuat spasi atau kurung kurawal selain {id}"
    return None
