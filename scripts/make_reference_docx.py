"""Build templates/reference.docx: every paragraph and table style the DOCX writer names.

Run once after changing a style (`python scripts/make_reference_docx.py`); the file is committed and a
unit may restyle it in Word. Each style here has a CSS class of the same name in templates/print.css.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from reportgen.render.docx_package import save_docx  # noqa: E402

LANGUAGE = "id-ID"

LEFT, CENTER, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER,
                                WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)

# name: (alignment, size pt or None to inherit, bold, space before pt, space after pt,
#        left indent mm, first-line indent mm, tab stops mm, extra)
PARAGRAPH_STYLES = {
    "teks": (JUSTIFY, None, False, 0, 6, 0, 0, (), {}),
    "teks-tengah": (CENTER, None, False, 0, 6, 0, 0, (), {}),
    "teks-kanan": (RIGHT, None, False, 0, 0, 0, 0, (), {}),
    "teks-menjorok": (JUSTIFY, None, False, 0, 6, 0, 12.5, (), {}),
    "judul": (CENTER, None, True, 6, 0, 0, 0, (), {}),
    "judul-akhir": (CENTER, None, True, 0, 12, 0, 0, (), {}),
    "judul-besar": (CENTER, 14, True, 0, 6, 0, 0, (), {}),
    "kop-1": (CENTER, 14, True, 0, 0, 0, 0, (), {}),
    "kop-2": (CENTER, 16, True, 0, 0, 0, 0, (), {}),
    "kop-logo": (CENTER, None, False, 0, 0, 0, 0, (), {}),
    "kop-alamat": (CENTER, 10, False, 0, 0, 0, 0, (), {}),
    "kop-garis": (LEFT, 4, False, 0, 8, 0, 0, (), {"border": "double"}),
    "isian": (LEFT, None, False, 0, 1, 50, -50, (45, 50), {}),
    "daftar": (JUSTIFY, None, False, 0, 4, 44, -44, (32, 36, 44), {}),
    "butir": (JUSTIFY, None, False, 0, 2, 8, -8, (8,), {}),
    "butir-a": (JUSTIFY, None, False, 0, 3, 16, -8, (16,), {}),
    "ttd": (LEFT, None, False, 0, 0, 0, 0, (), {}),
    "ttd-nama": (LEFT, None, True, 0, 0, 0, 0, (), {"underline": True}),
    "materai": (CENTER, 8, False, 0, 0, 0, 0, (), {"color": "808080"}),
    "ttd-ruang": (LEFT, None, False, 0, 0, 0, 0, (), {"exact": 48}),
    "ttd-jarak": (LEFT, None, False, 0, 0, 0, 0, (), {"exact": 8, "keep_next": True}),
    "tabel-kepala": (CENTER, 11, True, 1, 1, 0, 0, (), {}),
    "tabel-isi": (LEFT, 11, False, 1, 1, 0, 0, (), {}),
    "tabel-isi-tengah": (CENTER, 11, False, 1, 1, 0, 0, (), {}),
    "tabel-isi-kanan": (RIGHT, 11, False, 1, 1, 0, 0, (), {}),
    "tabel-grup": (LEFT, 11, True, 1, 1, 0, 0, (), {"shade": "E7E6E6", "keep_next": True}),
    "tabel-arsir": (CENTER, 11, False, 1, 1, 0, 0, (), {"shade": "808080"}),
    "tabel-jumlah": (RIGHT, 11, True, 1, 1, 0, 0, (), {}),
    "tabel-kecil-kepala": (CENTER, 8, True, 0, 0, 0, 0, (), {}),
    "tabel-kecil-isi": (LEFT, 8, False, 0, 0, 0, 0, (), {}),
    "tabel-kecil-isi-tengah": (CENTER, 8, False, 0, 0, 0, 0, (), {}),
    "tabel-kecil-isi-kanan": (RIGHT, 8, False, 0, 0, 0, 0, (), {}),
    "tabel-kecil-grup": (LEFT, 8, True, 0, 0, 0, 0, (), {"shade": "E7E6E6"}),
    "tabel-kecil-arsir": (CENTER, 8, False, 0, 0, 0, 0, (), {"shade": "808080"}),
    "tabel-kecil-jumlah": (RIGHT, 8, True, 0, 0, 0, 0, (), {}),
    "lampiran": (LEFT, None, False, 0, 0, 28, -28, (25, 28), {}),
    "lampiran-teks": (LEFT, None, False, 0, 0, 0, 0, (), {}),
    "keputusan-judul": (CENTER, None, True, 0, 0, 0, 0, (), {"keep_next": True}),
    "keputusan-tengah": (CENTER, None, False, 0, 12, 0, 0, (), {"keep_next": True}),
    "keputusan-jarak": (LEFT, 6, False, 0, 0, 0, 0, (), {}),
    "diktum": (JUSTIFY, None, False, 0, 4, 36, -36, (32, 36), {}),
    "daftar-lebar": (JUSTIFY, None, False, 0, 4, 56, -56, (44, 48, 56), {}),
    "diktum-lebar": (JUSTIFY, None, False, 0, 4, 48, -48, (44, 48), {}),
    "diktum-akhir": (JUSTIFY, None, False, 0, 4, 36, -36, (32, 36), {"keep_next": True}),
    "diktum-lebar-akhir": (JUSTIFY, None, False, 0, 4, 48, -48, (44, 48), {"keep_next": True}),
    "nomor-halaman": (CENTER, None, False, 0, 0, 0, 0, (), {}),
    "tanda-verifikasi": (LEFT, 7, False, 0, 0, 0, 0, (), {"color": "555555"}),
    "ganti-halaman": (LEFT, 1, False, 0, 0, 0, 0, (), {}),
    "bab": (CENTER, 13, True, 0, 12, 0, 0, (), {"outline": 0, "keep_next": True}),
    "subbab": (LEFT, None, True, 6, 6, 0, 0, (), {"outline": 1, "keep_next": True}),
    "daftar-isi": (LEFT, None, False, 0, 3, 0, 0, (), {"toc_tab": True}),
    "daftar-isi-2": (LEFT, None, False, 0, 3, 8, 0, (), {"toc_tab": True}),
    "gambar": (CENTER, None, False, 6, 0, 0, 0, (), {}),
    "keterangan-gambar": (CENTER, 10, False, 3, 9, 0, 0, (), {}),
    "catatan": (LEFT, 10, False, 6, 2, 0, 0, (), {"keep_next": True}),
    "catatan-butir": (JUSTIFY, 10, False, 0, 1, 6, -6, (6,), {"keep_next": True}),
    "sampul-judul": (CENTER, 16, True, 36, 12, 0, 0, (), {}),
    "sampul-teks": (CENTER, 14, True, 0, 6, 0, 0, (), {}),
    "sampul-jarak": (CENTER, None, False, 0, 0, 0, 0, (), {"exact": 72}),
    "sampul-logo": (CENTER, None, False, 0, 0, 0, 0, (), {}),
    "keterangan-tabel": (CENTER, 10, False, 6, 3, 0, 0, (), {"keep_next": True}),
    "tabel-tebal": (LEFT, 11, True, 1, 1, 0, 0, (), {}),
    "tabel-tebal-kanan": (RIGHT, 11, True, 1, 1, 0, 0, (), {}),
}


def _border(ppr, kind: str) -> None:
    pbdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), kind)
    bottom.set(qn("w:sz"), "12")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    pbdr.append(bottom)
    ppr.append(pbdr)


def _dashed_box(style) -> None:
    """Give a table style a dashed grey border on every side (the duty stamp's box)."""
    tblpr = style.element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        style.element.append(tblpr)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "dashed")
        edge.set(qn("w:sz"), "6")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "808080")
        borders.append(edge)
    tblpr.append(borders)


def _language(rpr, tag: str) -> None:
    """Set the proofing language of run properties (Latin, East Asian and complex scripts alike)."""
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), tag)
    rpr.append(lang)


def _shade(ppr, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.append(shd)


def _outline(ppr, level: int) -> None:
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level))
    ppr.append(el)


def _cell_margins(style, left_right_pt: float) -> None:
    """Give a table style the cell margins of its CSS padding (Table Grid has 5.4pt)."""
    tblpr = style.element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        style.element.append(tblpr)
    margins = OxmlElement("w:tblCellMar")
    for side, points in (("top", 0), ("left", left_right_pt), ("bottom", 0), ("right", left_right_pt)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(int(points * 20)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tblpr.append(margins)


KEEP_BUILTIN = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid", "header",
                "footer", "Header", "Footer", "toc 1", "toc 2", "TOC Heading", "Hyperlink", "Caption"}


def _prune(doc) -> None:
    """Drop the default template's unused styles and parts, so every DOCX stays small."""
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in KEEP_BUILTIN:
            styles.remove(style)
    drop = ("stylesWithEffects", "thumbnail", "customXml", "webSettings")
    for owner in (doc.part.package, doc.part):
        for rid, rel in list(owner.rels.items()):
            if not rel.is_external and any(d in str(rel.target_part.partname) for d in drop):
                del owner.rels[rid]


def build(path: Path, page_width_mm: float = 165) -> None:
    """Write the reference document with all styles to `path`."""
    doc = Document()
    _prune(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Arial")
    # proofing language Indonesian, so Word checks the text as Indonesian (not English: every word underlined)
    _language(rpr, LANGUAGE)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is None:
            run_defaults = OxmlElement("w:rPrDefault")
            defaults.insert(0, run_defaults)
        default_rpr = run_defaults.find(qn("w:rPr"))
        if default_rpr is None:
            default_rpr = OxmlElement("w:rPr")
            run_defaults.append(default_rpr)
        _language(default_rpr, LANGUAGE)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.widow_control = True

    for name, (align, size, bold, before, after, left, first, tabs, extra) in PARAGRAPH_STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        pf = style.paragraph_format
        pf.alignment = align
        pf.space_before = Pt(before)
        pf.space_after = Pt(after)
        pf.left_indent = Mm(left)
        pf.first_line_indent = Mm(first)
        for stop in tabs:
            pf.tab_stops.add_tab_stop(Mm(stop))
        if extra.get("toc_tab"):
            pf.tab_stops.add_tab_stop(Mm(page_width_mm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if extra.get("keep_next"):
            pf.keep_with_next = True
        if size:
            style.font.size = Pt(size)
        style.font.bold = bold
        if extra.get("underline"):
            style.font.underline = True
        if extra.get("color"):
            style.font.color.rgb = RGBColor.from_string(extra["color"])
        ppr = style.element.get_or_add_pPr()
        if "border" in extra:
            _border(ppr, extra["border"])
        if "shade" in extra:
            _shade(ppr, extra["shade"])
        if "right" in extra:
            pf.right_indent = Mm(extra["right"])
        if "exact" in extra:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(extra["exact"])
        if "outline" in extra:
            _outline(ppr, extra["outline"])

    for name in ("tabel", "tabel-kecil", "tanpa-garis", "materai-kotak"):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
        style.base_style = doc.styles["Table Grid" if name in ("tabel", "tabel-kecil") else "Normal Table"]
        if name == "materai-kotak":  # as print.css: a dashed grey box, the text centred without margins
            _dashed_box(style)
            _cell_margins(style, left_right_pt=0)
        if name == "tabel":
            # as print.css: padding 1pt 4pt; with Table Grid's 5.4pt a narrow column wraps where the PDF
            # does not (a row number "100." fell apart as "100" and "." in the decree's No column)
            _cell_margins(style, left_right_pt=4)
        elif name == "tabel-kecil":
            _cell_margins(style, left_right_pt=2)  # as print.css: padding 0 2pt
    # the page every document starts from, as reportgen's defaults (unit.yaml tata_letak): A4, margins top 20,
    # right 20, bottom 25, left 30 mm (render/word_look.py reads it; the PDF follows it too)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = Mm(20), Mm(20), Mm(25), Mm(30)
    section.header_distance, section.footer_distance = Mm(10), Mm(25 / 3)
    doc.core_properties.title = "reportgen reference"
    doc.core_properties.author = "reportgen"
    save_docx(doc, path)


if __name__ == "__main__":
    build(ROOT / "templates" / "reference.docx")
    print("templates/reference.docx ditulis")
