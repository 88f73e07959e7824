"""Fonts as the renderers will find them: the unit's font must exist, and every character must be drawable.

WeasyPrint drops a character that no installed font has without a word; reportgen checks the text
before rendering instead, so the user learns which cell holds it.
"""

from __future__ import annotations

import functools
import subprocess

from fontTools.ttLib import TTCollection, TTFont

# Families a metric-compatible free font stands in for, as LibreOffice and fontconfig substitute them.
STAND_INS = {
    "arial": {"liberation sans", "arimo"},
    "helvetica": {"liberation sans", "arimo"},
    "times new roman": {"liberation serif", "tinos"},
    "courier new": {"liberation mono", "cousine"},
    "bookman old style": {"tex gyre bonum", "urw bookman", "urw bookman l"},
}


def _fc(args: list[str]) -> str:
    try:
        return subprocess.run(["fc-match", *args], capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def resolved_family(font: str) -> str:
    """Return the family fontconfig uses for `font` (empty when fontconfig is unavailable)."""
    return _fc(["-f", "%{family[0]}", font]).strip()


def font_is_available(font: str) -> bool:
    """Return whether `font`, or a metric-compatible stand-in, is installed."""
    family = resolved_family(font).lower()
    if not family:
        return True  # no fontconfig to ask: let the renderer decide
    return family == font.lower() or family in STAND_INS.get(font.lower(), set())


@functools.lru_cache(maxsize=1)
def drawable_characters() -> frozenset[int]:
    """Return every code point that some installed font can draw (fontconfig's fallback reaches them all)."""
    try:
        listing = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True,
                                 check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    points: set[int] = set()
    for path in sorted(set(listing.split())):
        try:
            fonts = TTCollection(path).fonts if path.lower().endswith(".ttc") else [TTFont(path, lazy=True)]
        except Exception:  # a font file fontTools cannot read: skip it, the others still count
            continue
        for font in fonts:
            cmap = font.getBestCmap() if "cmap" in font else None
            if cmap:
                points.update(cmap)
    return frozenset(points)


def undrawable(text: str) -> list[str]:
    """Return the characters of `text` that no installed font can draw (whitespace ignored)."""
    known = drawable_characters()
    if not known:
        return []
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in known})
