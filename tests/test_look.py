"""reference.docx is the one source of the look (issue 15): a property changed in a copy of it with python-docx
reaches both formats, measured in the PDF and in the DOCX as LibreOffice lays it out; tata_letak conflicts and
what the PDF cannot follow are warnings that name the style and the property."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, libreoffice_available, run_cli
from reportgen.documents.look import apply_look
from reportgen.documents.style_sample import write_style_sample
from reportgen.errors import ProblemCollector
from reportgen.inputs.profile import load_profile
from reportgen.model import blocks as b
from reportgen.model.style_sample import IN_TABLES, NOT_SHOWN
from reportgen.model.styles import PARAGRAPH_STYLES
from reportgen.render.look_check import look_notes
from reportgen.render.one_document import Renderers
from reportgen.render.template_folder import shipped_templates_dir
from reportgen.render.word_look import read_look
from reportgen.model.page import page_setup

pytestmark = pytest.mark.slow  # twelve looks laid out by WeasyPrint and LibreOffice

ALFA = ("ALFA " + "kalimat uji tampilan yang cukup panjang agar paragraf ini terbagi atas beberapa baris " * 3
        + "OMEGA").strip()


def _fonts(style, name: str) -> None:
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _table_lines(doc) -> None:
    """Give the table style `tabel` red lines 1.5 pt wide and its cells' style a yellow shading."""
    tblpr = doc.styles["tabel"].element.find(qn("w:tblPr"))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        for attr, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "0"), ("w:color", "FF0000")):
            edge.set(qn(attr), value)
        borders.append(edge)
    tblpr.insert(0, borders)
    shd = OxmlElement("w:shd")
    for attr, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "FFFF00")):
        shd.set(qn(attr), value)
    doc.styles["tabel-isi"].element.get_or_add_pPr().append(shd)


def _set(style_name: str, **changes):
    def change(doc):
        style = doc.styles[style_name]
        for key, value in changes.items():
            target = style.font if key in ("bold", "italic", "underline", "size") else style.paragraph_format
            setattr(target, key, value)
    return change


def _color(doc):
    doc.styles["teks"].font.color.rgb = RGBColor(0xFF, 0x00, 0x00)


def _page(doc):
    section = doc.sections[0]
    section.page_width, section.page_height, section.left_margin = Mm(215), Mm(330), Mm(45)


VARIANTS = {
    "dasar": lambda doc: None,
    "huruf": lambda doc: _fonts(doc.styles["Normal"], "Times New Roman"),
    "ukuran": _set("Normal", size=Pt(15)),
    "tebal-miring-garis": _set("teks", bold=True, italic=True, underline=True),
    "warna": _color,
    "rata": _set("teks", alignment=WD_ALIGN_PARAGRAPH.RIGHT),
    "menjorok": _set("teks", left_indent=Mm(25)),
    "jarak-sesudah": _set("teks", space_after=Pt(30)),
    "jarak-sebelum": lambda doc: (_set("teks", space_after=Pt(0))(doc), _set("teks-kanan", space_before=Pt(40))(doc)),
    "spasi": _set("Normal", line_spacing=2.0),
    "halaman": _page,
    "tabel": _table_lines,
}


def tiny_document(page: b.PageSetup) -> b.Document:
    """Return a small document: a long paragraph, a short one, a one-row table."""
    table = b.Table(columns=(b.Column("KOLOM", 50), b.Column("NILAI", 50)),
                    rows=(b.Row((b.Cell("CHARLIE"), b.Cell("DELTA"))),))
    blocks = (b.Paragraph((b.Span(ALFA),), "teks"), b.Paragraph((b.Span("BRAVO"),), "teks-kanan"), table)
    return b.Document(b.DocumentMeta("Uji tampilan", "reportgen", date=dt.date(2021, 3, 17)), page, blocks)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each variant's templates folder, PDF (WeasyPrint) and DOCX as LibreOffice lays it out (one soffice call)."""
    base = tmp_path_factory.mktemp("tampilan")
    profile = dataclasses.replace(load_profile(ROOT / "inputs" / "unit.yaml"), layout_set=frozenset())
    out = {}
    for name, change in VARIANTS.items():
        folder = base / name
        shutil.copytree(shipped_templates_dir(), folder, ignore=shutil.ignore_patterns("__*"))
        doc = open_docx(str(folder / "reference.docx"))
        change(doc)
        doc.save(str(folder / "reference.docx"))
        problems = ProblemCollector()
        page = page_setup(apply_look(profile, folder, problems), numbers_from=None)
        files = Renderers(folder).render(tiny_document(page), ("pdf", "docx")).files
        (base / f"{name}.pdf").write_bytes(files["pdf"])
        (base / f"{name}.docx").write_bytes(files["docx"])
        out[name] = {"pdf": base / f"{name}.pdf", "warnings": [str(p) for p in problems.warnings]}
    # the style sample `reportgen templat` writes, from the shipped templates
    sample = base / "contoh"
    shutil.copytree(shipped_templates_dir(), sample, ignore=shutil.ignore_patterns("__*"))
    write_style_sample(sample)
    shutil.copy(sample / "contoh-gaya.docx", base / "contoh-gaya.docx")
    out["contoh-gaya"] = {"pdf": sample / "contoh-gaya.pdf", "warnings": []}
    if libreoffice_available():
        lo = base / "lo"
        subprocess.run(["soffice", f"-env:UserInstallation=file://{base / 'lo-profile'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(lo)]
                       + [str(base / f"{n}.docx") for n in [*VARIANTS, "contoh-gaya"]],
                       check=True, capture_output=True, timeout=600)
        for name in [*VARIANTS, "contoh-gaya"]:
            out[name]["docx"] = lo / f"{name}.pdf"
    elif os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required under CI")
    return out


def both(rendered, name: str) -> list[Path]:
    """Return the variant's PDF and its DOCX laid out by LibreOffice (skipped without LibreOffice)."""
    if "docx" not in rendered[name]:
        pytest.skip("LibreOffice (soffice) not installed: DOCX layout checks skipped")
    return [rendered[name]["pdf"], rendered[name]["docx"]]


def words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Return the words of the first page with their boxes (x0, top, x1, bottom), in points."""
    text = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [(m[4], float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', text)]


def word(pdf: Path, text: str) -> tuple[str, float, float, float, float]:
    return next(w for w in words(pdf) if w[0] == text)


def fonts_of(pdf: Path, marker: str) -> set[tuple[str, float]]:
    """Return (font name without subset prefix and hyphens, size in points) of the text pieces holding `marker`."""
    found = set()

    def visit(text, cm, tm, font, size):
        if marker in text and font is not None:
            scale = abs(tm[3] * cm[3]) or 1
            found.add((str(font.get("/BaseFont", "")).split("+")[-1].replace("-", ""), round(size * scale, 1)))

    PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def pixels(pdf: Path, test) -> int:
    """Return how many pixels of the first page (at 72 dpi) pass `test(r, g, b)`."""
    subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf),
                    str(pdf.with_suffix(""))], check=True)
    data = Image.open(pdf.with_suffix(".png")).convert("RGB").tobytes()
    return sum(1 for i in range(0, len(data), 3) if test(data[i], data[i + 1], data[i + 2]))


def lines_of(pdf: Path, first: str = "ALFA", last: str = "OMEGA") -> list[float]:
    """Return the tops of the lines of the paragraph from `first` to `last`."""
    tops = []
    inside = False
    for text, _, top, _, _ in words(pdf):
        inside = inside or text == first
        if inside and (not tops or abs(top - tops[-1]) > 1):
            tops.append(top)
        if text == last:
            break
    return tops


def test_the_style_sample_is_one_page_in_both_formats_with_every_style_by_name(rendered):
    for pdf in both(rendered, "contoh-gaya"):
        assert len(PdfReader(str(pdf)).pages) == 1, pdf
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert [name for name in PARAGRAPH_STYLES if name not in NOT_SHOWN + IN_TABLES
                and f"{name}: contoh teks" not in text] == [], pdf
        squeezed = re.sub(r"[-\s]", "", text)  # a name wraps at its hyphen in a narrow sample cell
        assert [name for name in IN_TABLES if name.replace("-", "") not in squeezed] == [], pdf


def test_font_name_follows_normal(rendered):
    for pdf in both(rendered, "huruf"):
        assert {name for name, _ in fonts_of(pdf, "ALFA")} == {"LiberationSerif"}, pdf
    for pdf in both(rendered, "dasar"):
        assert {name for name, _ in fonts_of(pdf, "ALFA")} == {"LiberationSans"}, pdf


def test_font_size_follows_normal(rendered):
    for pdf in both(rendered, "ukuran"):
        assert {size for _, size in fonts_of(pdf, "ALFA")} == {15.0}, pdf
    for pdf in both(rendered, "dasar"):
        assert {size for _, size in fonts_of(pdf, "ALFA")} == {12.0}, pdf


def test_bold_italic_underline_follow_the_style(rendered):
    for pdf in both(rendered, "tebal-miring-garis"):
        assert {name for name, _ in fonts_of(pdf, "ALFA")} == {"LiberationSansBoldItalic"}, pdf
        assert {name for name, _ in fonts_of(pdf, "BRAVO")} == {"LiberationSans"}, pdf  # another style
    # the underline: a dark line as long as the first line of text, under it
    for variant, expected in (("tebal-miring-garis", True), ("dasar", False)):
        for pdf in both(rendered, variant):
            _, x0, top, x1, bottom = word(pdf, "ALFA")
            image_pixels = pixels(pdf, lambda r, g, bl: r + g + bl < 200)
            assert image_pixels > 0
            image = Image.open(pdf.with_suffix(".png")).convert("L")
            rows = [sum(1 for x in range(int(x0), int(x0) + 200) if image.getpixel((x, y)) < 100)
                    for y in range(int(bottom) - 3, int(bottom) + 4)]
            assert (max(rows) > 150) is expected, (pdf, rows)


def test_colour_follows_the_style(rendered):
    red = lambda r, g, bl: r > 180 and g < 90 and bl < 90  # noqa: E731
    for pdf in both(rendered, "warna"):
        assert pixels(pdf, red) > 300, pdf
    for pdf in both(rendered, "dasar"):
        assert pixels(pdf, red) == 0, pdf


def test_alignment_follows_the_style(rendered):
    for pdf in both(rendered, "rata"):
        right_edge = float(PdfReader(str(pdf)).pages[0].mediabox.width) - 20 / 25.4 * 72
        assert word(pdf, "OMEGA")[3] == pytest.approx(right_edge, abs=1.5), pdf  # the last line too
    for pdf in both(rendered, "dasar"):  # justified: the last line ends where it ends
        assert word(pdf, "OMEGA")[3] < float(PdfReader(str(pdf)).pages[0].mediabox.width) - 100


def test_indent_follows_the_style(rendered):
    for pdf in both(rendered, "menjorok"):
        assert word(pdf, "ALFA")[1] == pytest.approx((30 + 25) / 25.4 * 72, abs=1), pdf
        assert word(pdf, "BRAVO")[1] > 400  # another style keeps its own


def test_spacing_after_and_before_follow_the_styles(rendered):
    def gap(pdf):
        return word(pdf, "BRAVO")[2] - lines_of(pdf)[-1]

    for pdf, base in zip(both(rendered, "jarak-sesudah"), both(rendered, "dasar")):
        assert gap(pdf) - gap(base) == pytest.approx(30 - 6, abs=1.5), pdf
    for pdf, base in zip(both(rendered, "jarak-sebelum"), both(rendered, "dasar")):
        assert gap(pdf) - gap(base) == pytest.approx(40 - 6, abs=1.5), pdf


def test_line_spacing_follows_normal(rendered):
    for pdf, base in zip(both(rendered, "spasi"), both(rendered, "dasar")):
        single, double = lines_of(base), lines_of(pdf)
        assert single[1] - single[0] == pytest.approx(13.8, abs=0.3), base
        assert double[1] - double[0] == pytest.approx(27.6, abs=0.6), pdf


def test_page_size_and_left_margin_follow_the_section(rendered):
    for pdf in both(rendered, "halaman"):
        box = PdfReader(str(pdf)).pages[0].mediabox
        assert (float(box.width), float(box.height)) == pytest.approx((215 / 25.4 * 72, 330 / 25.4 * 72), abs=1)
        assert word(pdf, "ALFA")[1] == pytest.approx(45 / 25.4 * 72, abs=1), pdf
    for pdf in both(rendered, "dasar"):
        assert float(PdfReader(str(pdf)).pages[0].mediabox.height) == pytest.approx(297 / 25.4 * 72, abs=1)
        assert word(pdf, "ALFA")[1] == pytest.approx(30 / 25.4 * 72, abs=1), pdf


def test_table_lines_and_shading_follow_the_styles(rendered):
    red = lambda r, g, bl: r > 180 and g < 90 and bl < 90  # noqa: E731
    yellow = lambda r, g, bl: r > 200 and g > 200 and bl < 90  # noqa: E731
    for pdf in both(rendered, "tabel"):
        assert pixels(pdf, red) > 200, pdf
        assert pixels(pdf, yellow) > 200, pdf
    for pdf in both(rendered, "dasar"):
        assert pixels(pdf, red) == 0 and pixels(pdf, yellow) == 0, pdf


def test_the_shipped_reference_says_what_the_defaults_say_and_needs_no_warning(rendered):
    assert rendered["dasar"]["warnings"] == []
    shipped = read_look(shipped_templates_dir() / "reference.docx")
    assert look_notes(shipped, shipped) == []
    page = shipped.page
    assert (page.width_mm, page.height_mm, page.margin_top, page.margin_right, page.margin_bottom,
            page.margin_left) == (210, 297, 20, 20, 25, 30)
    assert (shipped.normal.font, shipped.normal.size_pt) == ("Arial", 12)


def _template(tmp_path: Path, change) -> Path:
    folder = tmp_path / "templat"
    shutil.copytree(shipped_templates_dir(), folder, ignore=shutil.ignore_patterns("__*"))
    doc = open_docx(str(folder / "reference.docx"))
    change(doc)
    doc.save(str(folder / "reference.docx"))
    return folder


def test_a_conflict_with_unit_yaml_names_both_values_and_the_template_wins(tmp_path):
    folder = _template(tmp_path, lambda doc: (_set("Normal", size=Pt(11))(doc), _page(doc)))
    profile = load_profile(ROOT / "inputs" / "unit.yaml")  # sets ukuran_huruf 12, kertas A4, margin_kiri 30
    problems = ProblemCollector()
    page = page_setup(apply_look(profile, folder, problems))
    assert (page.font_size_pt, page.width_mm, page.height_mm, page.margin_left) == (11, 215, 330, 45)
    messages = {p.key: p.message for p in problems.warnings}
    assert "12 pt di unit.yaml" in messages["tata_letak.ukuran_huruf"]
    assert "yang dipakai: 11 pt dari reference.docx" in messages["tata_letak.ukuran_huruf"]
    assert "A4 (210 x 297 mm)" in messages["tata_letak.kertas"] and "F4 (215 x 330 mm)" in messages["tata_letak.kertas"]
    assert "30 mm di unit.yaml" in messages["tata_letak.margin_kiri"]


def test_unit_yaml_is_a_shortcut_where_the_template_keeps_the_default(tmp_path):
    profile = dataclasses.replace(load_profile(ROOT / "inputs" / "unit.yaml"),
                                  layout={**load_profile(ROOT / "inputs" / "unit.yaml").layout, "ukuran_huruf": 11,
                                          "kertas": "F4"})
    problems = ProblemCollector()
    page = page_setup(apply_look(profile, shipped_templates_dir(), problems))
    assert (page.font_size_pt, page.height_mm) == (11, 330)
    assert problems.warnings == []


def test_what_the_pdf_cannot_follow_is_named(tmp_path):
    def change(doc):
        _fonts(doc.styles["kop-2"], "Bookman Old Style")
        doc.styles["judul"].font.small_caps = True
        doc.sections[0].header.paragraphs[0].text = "KOP TEMPELAN"
        doc.styles.add_style("gaya-saya", 1)

    look = read_look(_template(tmp_path, change) / "reference.docx")
    shipped = read_look(shipped_templates_dir() / "reference.docx")
    notes = {(n.style, n.property): n.message for n in look_notes(look, shipped)}
    assert "KOP TEMPELAN" in notes[("kepala/kaki halaman", "isi")]
    assert "tidak termasuk kosakata" in notes[("gaya-saya", "nama gaya")]
    assert ("judul", "kapital kecil (small caps)") in notes
    from reportgen.render.fonts import font_is_available
    if not font_is_available("Bookman Old Style"):
        message = notes[("kop-2", "huruf")]
        assert "TeX Gyre Bonum" in message and "URW Bookman" in message
        assert "sudo apt install tex-gyre fonts-urw-base35" in message


@pytest.mark.parametrize("content", [b"bukan docx", b"PK\x05\x06" + b"\x00" * 18], ids=["teks", "zip-kosong"])
def test_a_broken_reference_docx_is_named_and_nothing_is_written(example, tmp_path, content):
    own = tmp_path / "templat-unit"
    shutil.copytree(shipped_templates_dir(), own, ignore=shutil.ignore_patterns("__*"))
    (own / "reference.docx").write_bytes(content)
    out = tmp_path / "out"
    for args in (("keputusan", "2021", "--inputs", example, "--out", out, "--templates", own),
                 ("templat", own, "--contoh-saja")):
        result = run_cli(*args)
        assert result.exit_code == 1, result.output
        assert "reference.docx: berkas rusak atau bukan dokumen Word (.docx)" in result.output
        assert "Traceback" not in result.output
    assert not out.exists() and not (own / "contoh-gaya.pdf").exists()
