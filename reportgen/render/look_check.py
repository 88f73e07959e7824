"""Say what of a unit's reference.docx the PDF cannot follow: each note names the style and the property, so
the two formats never differ without a word."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.model import styles as vocabulary
from reportgen.render.fonts import font_is_available, install_hint, resolved_family
from reportgen.render.look_css import BORDER_STYLES
from reportgen.render.word_look import WordLook

VOCABULARY = (*vocabulary.PARAGRAPH_STYLES, *vocabulary.TABLE_STYLES)


@dataclass(frozen=True)
class LookNote:
    """One thing the PDF cannot follow: the style (or part of the template), the property, and why."""

    style: str
    property: str
    message: str

    def __str__(self) -> str:
        return f"gaya '{self.style}', {self.property}: {self.message}"


def _font_notes(look: WordLook) -> list[LookNote]:
    """Return a note per font that is neither installed nor stood in for, naming the styles that use it."""
    users: dict[str, list[str]] = {}
    normal_font = look.normal.font or ""
    users.setdefault(normal_font, []).append("Normal")
    for name in VOCABULARY:
        style = look.style(name)
        if style is not None and style.kind == "paragraph" and style.own_font and style.own_font != normal_font:
            users.setdefault(style.own_font, []).append(name)
    notes = []
    for font, names in users.items():
        if not font or font_is_available(font):
            continue
        used = resolved_family(font) or "huruf bawaan sistem"
        notes.append(LookNote(", ".join(names), "huruf",
                              f"huruf '{font}' tidak terpasang di komputer ini; PDF memakai '{used}' (DOCX tetap "
                              f"menyebut '{font}', yang dipakai Word bila ada). {install_hint(font)}"))
    return notes


def _style_notes(name: str, look: WordLook) -> list[LookNote]:
    style = look.style(name)
    if style is None:
        return []
    notes = [LookNote(name, feature, "tidak ada padanannya di PDF; PDF mencetak tanpa itu")
             for feature in style.unsupported]
    if style.line_rule == "atLeast":
        notes.append(LookNote(name, "spasi baris 'paling sedikit' (at least)",
                              f"PDF memakai tepat {style.line:g} pt; pilih 'tepat' (exactly) atau kelipatan"))
    for side, border in style.borders:
        if border.style not in BORDER_STYLES:
            notes.append(LookNote(name, f"garis {side} '{border.style}'", "PDF menggambarnya sebagai garis biasa"))
    if style.kind == "table":
        margins = dict(style.cell_margins)
        if margins.get("top") or margins.get("bottom"):
            notes.append(LookNote(name, "margin sel atas/bawah", "PDF memakai jarak sebelum/sesudah paragraf "
                                  "gaya sel; atur jaraknya di gaya paragraf sel (mis. tabel-isi)"))
    return notes


def look_notes(look: WordLook, shipped: WordLook) -> list[LookNote]:
    """Return everything of `look` the PDF cannot follow; `shipped` is reportgen's own reference.docx."""
    notes = []
    for text in look.header_texts:
        notes.append(LookNote("kepala/kaki halaman", "isi", f"'{text[:60]}' ada di kepala atau kaki halaman "
                              "reference.docx: DOCX menampilkannya, PDF tidak. Hapus dari reference.docx; nomor "
                              "halaman dan tanda verifikasi dibuat reportgen sendiri"))
    known = set(VOCABULARY) | set(shipped.styles)
    for name in look.custom_styles:
        if name not in known:
            notes.append(LookNote(name, "nama gaya", "gaya ini tidak termasuk kosakata gaya reportgen, jadi "
                                  "tidak dipakai dokumen (DOCX maupun PDF); ubah gaya yang bernama sama dengan "
                                  "bagian dokumen, lihat contoh-gaya.pdf dari 'reportgen templat'"))
    for name in VOCABULARY:
        if look.style(name) is None:
            notes.append(LookNote(name, "nama gaya", "gaya ini tidak ada di reference.docx; salin dari templat "
                                  "bawaan (reportgen templat DIR)"))
    notes += _font_notes(look)
    for name in ("Normal", *VOCABULARY):
        notes += _style_notes(name, look)
    return notes
