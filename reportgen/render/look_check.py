"""Say what of a unit's reference.docx the PDF cannot follow: each note names the style and the property, so
the two formats never differ without a word; and which styles make a form too long for its pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.model import blocks as b
from reportgen.model import styles as vocabulary
from reportgen.render.fonts import font_is_available, install_hint, resolved_family
from reportgen.render.look_css import BORDER_STYLES
from reportgen.render.template_folder import shipped_templates_dir
from reportgen.render.word_look import WordLook, read_look

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


def _grown(look: WordLook, shipped: WordLook, name: str) -> tuple[float, str] | None:
    """Return how much more room a style of `look` takes than reportgen's own, and what a user changes in Word
    (its size, spacing or line spacing), or None when it takes no more. A style's size counts only where the style
    sets its own: one that follows Normal grows with Normal, which is named for it."""
    normal = name == "Normal"
    style = look.normal if normal else look.style(name)
    own = shipped.normal if normal else shipped.style(name)
    if style is None or own is None or style.kind != "paragraph":
        return None
    size = (style.size_pt if normal else style.own_size_pt) or look.normal.size_pt or 0
    own_size = own.size_pt or shipped.normal.size_pt or 1
    changes, growth = [], 1.0
    if (normal or style.own_size_pt) and size > own_size * 1.05:
        changes.append(f"ukuran huruf {size:g} pt (bawaan reportgen {own_size:g} pt)")
        growth = size / own_size
    spacing, own_spacing = style.space_before_pt + style.space_after_pt, own.space_before_pt + own.space_after_pt
    if spacing > own_spacing + 6:
        changes.append(f"jarak sebelum/sesudah {spacing:g} pt (bawaan {own_spacing:g} pt)")
        growth = max(growth, (spacing + own_size) / (own_spacing + own_size))
    if style.line_rule == own.line_rule == "auto" and style.line > own.line * 1.05:
        changes.append(f"spasi baris {style.line:g} (bawaan {own.line:g})")
        growth = max(growth, style.line / own.line)
    return (growth, f"gaya {name}: " + ", ".join(changes)) if changes else None


def refusal_of_the_look(reference: Path, document: b.Document, pages: int, name: str) -> str:
    """Return why a reference.docx is refused when even the shortest document of a form (`document`, already in
    its smallest variant) is laid out on more than `pages` pages: the styles that take more room than reportgen's
    own, largest first (or the paper and margins, when no style does)."""
    look, shipped = read_look(reference), read_look(shipped_templates_dir() / "reference.docx")
    grown = sorted(filter(None, (_grown(look, shipped, style) for style in ("Normal", *VOCABULARY))),
                   key=lambda found: -found[0])
    if grown:
        cause = "; ".join(text for _, text in grown[:3])
    else:
        page = look.page
        cause = (f"kertas {page.width_mm:g} x {page.height_mm:g} mm dengan margin {page.margin_top:g}, "
                 f"{page.margin_right:g}, {page.margin_bottom:g}, {page.margin_left:g} mm")
    limit = "satu halaman" if pages == 1 else f"{pages} halaman"
    return (f"{reference}: tampilannya membuat setiap {name} lebih dari {limit}, bahkan {name} terpendek dengan "
            f"huruf {document.page.font_size_pt:g} pt ({cause}). Perbaiki di Word (Beranda > Gaya > Ubah) atau pakai "
            "templat bawaan (reportgen templat). Tidak ada berkas yang ditulis")
