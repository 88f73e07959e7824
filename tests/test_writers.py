"""The shared writers: golden HTML and word/document.xml, one style vocabulary, text order in both formats."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from lxml import etree

import sys

from conftest import ROOT, docx_text, pdf_text, words

sys.path.insert(0, str(ROOT / "scripts"))
from reportgen.errors import ProblemCollector
from reportgen.model import blocks as b
from reportgen.model.pact import PactOptions, build_pact
from reportgen.inputs.profile import load_profile
from reportgen.render.docx import DocxWriter
from reportgen.render.html import HtmlWriter
from reportgen.render.pdf import PdfRenderer
from reportgen.inputs.schemas.roster import load_roster
from reportgen.model.page import page_setup

TEMPLATES = ROOT / "templates"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def pact() -> b.Document:
    profile = load_profile(ROOT / "inputs" / "unit.yaml")
    signers = load_roster(ROOT / "inputs" / "2021" / "pegawai.xlsx", None, ProblemCollector())
    return build_pact(profile, signers[0], PactOptions(dt.date(2021, 3, 17), "Jakarta"))


@pytest.fixture(scope="module")
def drafted(drafted_kinds) -> dict[str, b.Document]:
    """Every kind's first document."""
    return {key: documents[0] for key, documents in drafted_kinds.items()}


def check_golden(name: str, text: str, update: bool) -> None:
    """Compare with the golden file; --update-golden rewrites it. A missing golden file fails: it never
    writes itself, so a test cannot pass by comparing a file with itself."""
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{name} has no golden file; review the output and run pytest --update-golden"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; review and run pytest --update-golden"


KIND_KEYS = ("pakta-integritas", "rencana-aksi", "realisasi-rencana-aksi", "keputusan", "laporan-capaian-rb",
             "piagam-pencanangan-zi", "berita-acara-pencanangan-zi", "laporan-penilaian-zi")
DOCX_PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml")


@pytest.mark.slow
@pytest.mark.parametrize("key", KIND_KEYS)
def test_every_kind_html_with_its_page_css_matches_golden(drafted, key, update_golden):
    html = HtmlWriter(TEMPLATES).render([drafted[key]])
    html = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "data:(gambar)", html)
    html = re.sub(r'url\("data:[^"]+"\)', 'url("data:(gambar)")', html)
    check_golden(f"{key}.html", html, update_golden)


@pytest.mark.parametrize("key", KIND_KEYS)
def test_every_kind_docx_parts_match_golden(drafted, key, update_golden):
    archive = zipfile.ZipFile(io.BytesIO(DocxWriter(TEMPLATES / "reference.docx").render(drafted[key])))
    footers = sorted(n for n in archive.namelist() if re.fullmatch(r"word/footer\d*\.xml", n))
    assert footers, "the page numbers and the verification mark live in the footers"
    for part in DOCX_PARTS + tuple(footers):
        pretty = etree.tostring(etree.fromstring(archive.read(part)), pretty_print=True, encoding="unicode")
        check_golden(f"{key}.{part.split('/')[-1]}", pretty, update_golden)


def styles_named(document: b.Document) -> set[str]:
    """Return every paragraph style a document's blocks name, cell styles derived as the writers do."""
    names: set[str] = set()

    def walk(blocks):
        for block in blocks:
            if isinstance(block, b.Paragraph):
                names.add(block.style)
            elif isinstance(block, b.Letterhead):
                names.update({line.style for line in block.lines} | {"kop-logo", "kop-garis"})
            elif isinstance(block, (b.DefinitionList, b.NumberedList)):
                names.add(block.style)
            elif isinstance(block, b.Table):
                names.add(f"{block.style}-kepala")
                for row in block.rows:
                    names.update(style for _, _, style in block.styled_cells(row))
            elif isinstance(block, b.Signatures):
                names.update({"ttd", "ttd-nama", "ttd-ruang", "ttd-jarak", "materai"})
            elif isinstance(block, (b.Image, b.Chart)):
                names.update({block.style} | ({"keterangan-gambar"} if block.caption else set()))
            elif isinstance(block, b.Section):
                walk(block.blocks)
    walk(document.blocks)
    return names


def test_every_style_the_code_names_exists_in_both_templates(pact, drafted):
    from reportgen.model import styles

    reference = open_docx(str(TEMPLATES / "reference.docx"))
    docx_styles = {s.name for s in reference.styles}
    from reportgen.render.look_css import stylesheet_of

    # the PDF's classes: generated from reference.docx's styles, then print.css
    css = stylesheet_of(TEMPLATES / "reference.docx") + (TEMPLATES / "print.css").read_text(encoding="utf-8")
    css_classes = set(re.findall(r"\.([a-z][a-z0-9-]*)", css))
    named = styles_named(pact) | {"nomor-halaman", "ganti-halaman", "teks", "tabel-kepala"}
    for document in drafted.values():
        named |= styles_named(document)
    vocabulary = set(styles.PARAGRAPH_STYLES)
    assert named - vocabulary == set(), "a builder names a style outside model/styles.py"
    assert vocabulary - docx_styles == set()
    assert vocabulary - css_classes == set()
    assert set(styles.TABLE_STYLES) - docx_styles == set()
    # reference.docx is generated from the same list
    generated = set(__import__("make_reference_docx").PARAGRAPH_STYLES)
    assert generated == vocabulary


@dataclasses.dataclass(frozen=True)
class Strange:
    kind: str = "strange"


def test_the_html_templates_refuse_an_unknown_block_kind(pact):
    with pytest.raises(ValueError, match="strange"):
        HtmlWriter(TEMPLATES).render([dataclasses.replace(pact, blocks=pact.blocks + (Strange(),))])


def test_both_writers_give_the_same_text_in_the_same_order(pact, tmp_path, to_pdf_with_libreoffice):
    pdf = tmp_path / "pact.pdf"
    pdf.write_bytes(PdfRenderer(TEMPLATES).render(pact))
    docx = tmp_path / "pact.docx"
    docx.write_bytes(DocxWriter(TEMPLATES / "reference.docx").render(pact))
    (converted,) = to_pdf_with_libreoffice([docx])
    assert words(pdf_text(pdf, layout=True)) == words(pdf_text(converted, layout=True))
    assert "PAKTA INTEGRITAS" in docx_text(docx)


def test_a_table_repeats_its_header_and_keeps_rows_whole(tmp_path, to_pdf_with_libreoffice):
    profile = load_profile(ROOT / "inputs" / "unit.yaml")
    rows = tuple(b.Row((b.Cell(str(i)), b.Cell(f"Baris nomor {i} " + "isi panjang " * (i % 5)), b.Cell("x"))) for i in range(1, 121))
    table = b.Table((b.Column("No", 10, "center"), b.Column("Uraian", 70), b.Column("Ket", 20)), rows)
    doc = b.Document(b.DocumentMeta("Uji tabel", "reportgen", date=dt.date(2021, 1, 1)), page_setup(profile),
                     (b.para("JUDUL", "judul"), table))
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(PdfRenderer(TEMPLATES).render(doc))
    docx = tmp_path / "t.docx"
    docx.write_bytes(DocxWriter(TEMPLATES / "reference.docx").render(doc))
    (converted,) = to_pdf_with_libreoffice([docx])
    from pypdf import PdfReader
    for path in (pdf, converted):
        pages = len(PdfReader(str(path)).pages)
        assert pages >= 3
        for page in range(1, pages + 1):
            text = pdf_text(path, page, layout=True)
            assert re.search(r"No\s+Uraian\s+Ket", text), f"{path.name} page {page} lacks the header"
            if page > 1:
                assert re.search(rf"-\s?{page}\s?-", text), f"{path.name} page {page} has no number"
    assert abs(len(PdfReader(str(pdf)).pages) - len(PdfReader(str(converted)).pages)) <= 1


def test_each_pdf_of_a_batch_holds_only_the_pictures_its_pages_draw(drafted_kinds):
    """WeasyPrint shares one resource dictionary between the pages of a batch's layout: each pact's own PDF still
    carries its own QR code and the logo, never another pact's code."""
    import hashlib

    import pikepdf

    pacts = drafted_kinds["pakta-integritas"][:3]
    for layered in (True, False):  # two layers (the logo in a form), and one pass
        singles = PdfRenderer(TEMPLATES).render_batch(pacts, pacts[0].meta, layered=layered).singles
        held = []
        for single in singles:
            with pikepdf.open(io.BytesIO(single)) as pdf:
                held.append({hashlib.sha256(o.read_raw_bytes()).hexdigest() for o in pdf.objects
                             if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"})
        assert all(len(pictures) == 2 for pictures in held), held  # the logo and the pact's QR code
        shared = set.intersection(*held)
        assert len(shared) == 1  # the logo; each QR code is in one file only
        assert all(len(pictures - shared) == 1 for pictures in held)


def charts_of(document: b.Document) -> list[b.Chart]:
    """Return the chart blocks of a document, in reading order."""
    found = []
    for block in document.blocks:
        found += charts_of(dataclasses.replace(document, blocks=block.blocks)) if isinstance(block, b.Section) else []
        found += [block] if isinstance(block, b.Chart) else []
    return found


def test_the_reports_charts_are_blocks_of_data_from_the_scores(drafted):
    component, area = charts_of(drafted["laporan-capaian-rb"])
    assert component.caption == "Gambar 3.1 Nilai per Komponen Tahun 2020 dan 2021" and component.stem == "komponen"
    assert [s.name for s in component.series] == ["Bobot", "Tahun 2020", "Tahun 2021"]
    assert component.axis_label == "Nilai" and not component.horizontal
    assert area.caption == "Gambar 3.2 Capaian per Area Perubahan Tahun 2020 dan 2021 (%)" and area.horizontal
    assert len(area.labels) == 8 and area.labels[0] == "Manajemen Perubahan" and area.maximum == 100
    assert [s.name for s in area.series] == ["Tahun 2020", "Tahun 2021"] and len(area.series[1].values) == 8
    (zi,) = charts_of(drafted["laporan-penilaian-zi"])
    assert zi.stem == "zi-area" and [line.name.split(" (")[0] for line in zi.lines] == ["Ambang WBK", "Ambang WBBM"]
    assert all(0 <= v <= 100 for v in zi.series[0].values)


@pytest.mark.slow
def test_a_chart_is_drawn_once_for_its_id_and_both_formats(drafted, monkeypatch):
    from reportgen.render import charts
    from reportgen.render.one_document import Renderers
    from reportgen.trust.ids import Marker

    document = drafted["laporan-penilaian-zi"]
    chart = dataclasses.replace(charts_of(document)[0], axis_label="Capaian terhadap bobot (%) - sekali gambar")
    document = dataclasses.replace(document, blocks=(b.para("Grafik"), chart))
    drawn = []
    grouped_bars = charts.grouped_bars
    monkeypatch.setattr(charts, "grouped_bars", lambda *args, **kwargs: drawn.append(args) or grouped_bars(*args, **kwargs))
    marked = Marker(b"\x01" * 32, None).mark("laporan-penilaian-zi", document).document
    files = Renderers(TEMPLATES).render(marked, ("pdf", "docx")).files
    assert len(drawn) == 1
    picture = charts.draw(chart)
    archive = zipfile.ZipFile(io.BytesIO(files["docx"]))
    assert picture.png in [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    assert 'name="zi-area.png"' in archive.read("word/document.xml").decode()
    assert "Grafik" in pdf_text_of(files["pdf"]) and chart.caption in pdf_text_of(files["pdf"])


def pdf_text_of(data: bytes) -> str:
    """Return the text of a PDF held in memory, as pdftotext reads it."""
    import subprocess

    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def test_a_chart_keeps_the_id_it_had_as_a_picture_file(drafted, tmp_path):
    """Before charts were blocks a report held an Image of the chart's SVG (and its PNG): the same report keeps its
    model hash, hence its ID and the register's record of it."""
    from reportgen.render.charts import draw
    from reportgen.trust.ids import document_hash

    document = drafted["laporan-capaian-rb"]
    pictures = {}
    for chart in charts_of(document):
        image = draw(chart)
        (tmp_path / f"{chart.stem}.svg").write_bytes(image.svg)
        (tmp_path / f"{chart.stem}.png").write_bytes(image.png)
        pictures[chart] = b.Image(tmp_path / f"{chart.stem}.svg", chart.width_mm, caption=chart.caption,
                                  raster=tmp_path / f"{chart.stem}.png")

    def as_pictures(blocks):
        return tuple(dataclasses.replace(x, blocks=as_pictures(x.blocks)) if isinstance(x, b.Section) else
                     pictures.get(x, x) for x in blocks)

    before = dataclasses.replace(document, blocks=as_pictures(document.blocks))
    assert len(pictures) == 2 and before != document
    assert document_hash(before) == document_hash(document)


def test_a_units_templates_from_before_charts_still_draw_them(drafted, pact, tmp_path):
    own = tmp_path / "templat-unit"
    shutil.copytree(TEMPLATES, own, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    blocks_template = own / "blocks.html.j2"
    text = blocks_template.read_text(encoding="utf-8")
    text = text.replace('{%- elif block.kind == "chart" %}{{ chart(block) }}\n', "")
    blocks_template.write_text(text, encoding="utf-8")
    (chart,) = charts_of(drafted["laporan-penilaian-zi"])
    html = HtmlWriter(own).render([dataclasses.replace(pact, blocks=pact.blocks + (chart,))])
    assert "data:image/svg+xml;base64," in html and f'<p class="keterangan-gambar">{chart.caption}</p>' in html
    with pytest.raises(ValueError, match="strange"):  # a kind neither knows still fails
        HtmlWriter(own).render([dataclasses.replace(pact, blocks=pact.blocks + (Strange(),))])
