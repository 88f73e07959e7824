"""Safe file names from people's names: ASCII, lower case, any file system."""

from __future__ import annotations

import re
import unicodedata


def slugify_filename(text: str, max_len: int = 60) -> str:
    """Return a safe lower-case ASCII file name part from a name: "Dr. Budi, S.H." -> "dr-budi-s-h"."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        cut = slug[:max_len]
        if slug[max_len] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]
        slug = cut.strip("-")
    return slug or "tanpa-nama"  # only [a-z0-9-] remain, so never "." or ".."
