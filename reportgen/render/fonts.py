"""Fonts as the renderers will find them: the unit's font must exist, and every character must be drawable.

WeasyPrint drops a character that no installed font has without a word; reportgen checks the text
before rendering instead, so the user learns which cell holds it.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import yaml
from fontTools.ttLib import TTCollection, TTFont

STAND_INS_FILE = Path(__file__).with_name("font_stand_ins.yaml")
SINGLE_LINE = 1.15  # Word's single spacing of Arial (Liberation Sans): its ascent, descent and line gap


@functools.lru_cache(maxsize=1)
def stand_in_table() -> dict[str, dict]:
    """Return the free stand-ins of each font and their Debian packages (font_stand_ins.yaml), by lower-case name."""
    data = yaml.safe_load(STAND_INS_FILE.read_text(encoding="utf-8")) or {}
    return {name.lower(): {"name": name, "stand_ins": list(entry.get("stand_ins") or []),
                           "debian": list(entry.get("debian") or [])} for name, entry in data.items()}


def stand_ins(font: str) -> set[str]:
    """Return the lower-case families that stand in for `font` with the same widths."""
    entry = stand_in_table().get(font.strip().lower())
    return {name.lower() for name in entry["stand_ins"]} if entry else set()


def install_hint(font: str) -> str:
    """Return, in Indonesian, which free stand-ins reportgen accepts for `font` and how to install them on Debian."""
    entry = stand_in_table().get(font.strip().lower())
    if not entry:
        return (f"Pasang huruf '{font}' (salin berkas .ttf ke ~/.fonts atau /usr/local/share/fonts lalu jalankan "
                "fc-cache -f), atau pilih huruf lain di Word.")
    names = " atau ".join(entry["stand_ins"])
    packages = " ".join(entry["debian"])
    return (f"Pengganti bebas dengan lebar huruf yang sama yang diterima: {names}; di Debian/Ubuntu: "
            f"sudo apt install {packages}.")


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
    return family == font.lower() or family in stand_ins(font)


def font_file(font: str) -> str:
    """Return the file fontconfig uses for `font` (empty when fontconfig is unavailable)."""
    return _fc(["-f", "%{file}", font]).strip()


@functools.lru_cache(maxsize=32)
def single_line_factor(font: str) -> float:
    """Return the height of a single-spaced line of `font` as a multiple of its size, as Word measures it
    (ascent, descent and line gap of the font's horizontal header), to four decimals."""
    path = font_file(font) if font else ""
    try:
        face = TTCollection(path).fonts[0] if path.lower().endswith(".ttc") else TTFont(path, lazy=True)
        hhea, units = face["hhea"], face["head"].unitsPerEm
        return round((hhea.ascent - hhea.descent + hhea.lineGap) / units, 4)
    except Exception:  # no fontconfig or an unreadable file: Arial's single spacing
        return SINGLE_LINE


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
