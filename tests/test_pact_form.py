"""The pact form as the official signs it (issue 16): the stamp box says "Meterai" and has a real Rp10.000
stamp's size, a foreign term is in italics, and the witness is the direct superior or the head of unit (but
never the official himself), in the PDF and in the DOCX laid out by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, docx_text, normalize, pdf_text
from reportgen.conventions.civil_service import parse_pangkat
from reportgen.render.docx import DocxWriter
from reportgen.render.pdf import PdfRenderer
from reportgen.render.template_folder import templates_dir
from reportgen.inputs.profile import load_profile
from reportgen.inputs.schemas.roster import Signer
from reportgen.model.pact import PactOptions, build_pact

pytestmark = pytest.mark.slow  # the pact laid out by LibreOffice for every test

PROFILE = load_profile(ROOT / "inputs" / "unit.yaml")


def render_document(document, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Return format -> bytes of a document, as reportgen renders it."""
    rendered = {}
    if "pdf" in formats:
        rendered["pdf"] = PdfRenderer(templates_dir(None)).render(document)
    if "docx" in formats:
        rendered["docx"] = DocxWriter(templates_dir(None) / "reference.docx").render(document)
    return rendered


def signer(nip: str = "197001012000031001", supervisor: bool = False) -> Signer:
    return Signer(row=2, name="Budi Santoso, S.H.", nip=nip, pangkat=parse_pangkat("IV/a"),
                  office="Kepala Bagian Umum", agency=None,
                  supervisor_name="Siti Rahma, M.Si." if supervisor else None,
                  supervisor_nip="196505051990032002" if supervisor else None,
                  supervisor_office="Sekretaris Direktorat Jenderal" if supervisor else None)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The example pact as PDF, DOCX, and the DOCX laid out by LibreOffice."""
    folder = tmp_path_factory.mktemp("pakta")
    document = build_pact(PROFILE, signer(), PactOptions(dt.date(2021, 3, 8), "Jakarta"))
    files = {}
    for fmt, data in render_document(document, ("pdf", "docx")).items():
        files[fmt] = folder / f"pakta.{fmt}"
        files[fmt].write_bytes(data)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(files["docx"])],
                   check=True, capture_output=True, timeout=300)
    files["lo"] = folder / "lo" / "pakta.pdf"
    return files


def test_the_stamp_box_says_meterai(rendered):
    for text in (pdf_text(rendered["pdf"]), pdf_text(rendered["lo"]), docx_text(rendered["docx"])):
        assert "Meterai" in text and "Rp10.000" in text
        assert "Materai" not in text


def stamp_box_mm(pdf: Path) -> tuple[float, float]:
    """Return the width and height of the grey dashed box around the word "Meterai", measured on a 150 dpi
    picture: within 30 mm of the word, the box's sides are the columns, then the rows, holding the most grey."""
    dpi = 150
    scale = dpi / 72
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    word = next(line for line in boxes.splitlines() if ">Meterai<" in line)
    values = dict(part.split("=") for part in word.split("<word ")[1].split(">")[0].split())
    cx = (float(values["xMin"].strip('"')) + float(values["xMax"].strip('"'))) / 2 * scale
    cy = (float(values["yMin"].strip('"')) + float(values["yMax"].strip('"'))) / 2 * scale
    reach = 30 * dpi / 25.4
    png = subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)],
                         check=True, capture_output=True).stdout
    image = Image.open(io.BytesIO(png)).convert("L")
    pixels = image.load()
    grey = [(x, y) for y in range(int(cy - reach), int(cy + reach)) for x in range(int(cx - reach), int(cx + reach))
            if 100 <= pixels[x, y] <= 200]
    per_column: dict[int, int] = {}
    for x, _ in grey:
        per_column[x] = per_column.get(x, 0) + 1
    longest = max(per_column.values())
    sides = [x for x, count in per_column.items() if count > 0.6 * longest]
    left, right = min(sides), max(sides)
    per_row: dict[int, int] = {}
    for x, y in grey:
        if left <= x <= right:
            per_row[y] = per_row.get(y, 0) + 1
    widest = max(per_row.values())
    edges = [y for y, count in per_row.items() if count > 0.6 * widest]
    return (right - left) / dpi * 25.4, (max(edges) - min(edges)) / dpi * 25.4


@pytest.mark.parametrize("fmt", ["pdf", "lo"])
def test_the_stamp_box_has_the_size_of_a_real_stamp(rendered, fmt):
    width, height = stamp_box_mm(rendered[fmt])
    assert abs(width - 38) < 1.5 and abs(height - 28) < 1.5, (width, height)


def italic_texts(pdf: Path) -> tuple[str, str]:
    """Return the text drawn in an italic font and the text drawn in any other font, in drawing order."""
    italic, upright = [], []

    def visit(text, cm, tm, font, size):
        name = str(font.get("/BaseFont", "")) if font else ""
        (italic if "Italic" in name or "Oblique" in name else upright).append(text)

    PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    return normalize(" ".join(italic)), normalize(" ".join(upright))


@pytest.mark.parametrize("fmt", ["pdf", "lo"])
def test_a_foreign_term_is_in_italics(rendered, fmt):
    italic, upright = italic_texts(rendered[fmt])
    assert "conflict of interest" in italic
    assert "Menghindari pertentangan kepentingan" in upright and "conflict" not in upright


def test_the_docx_marks_only_the_foreign_term_italic():
    document = build_pact(PROFILE, signer(), PactOptions(dt.date(2021, 3, 8), "Jakarta"))
    data = render_document(document, ("docx",))["docx"]
    runs = [run for para in open_docx(io.BytesIO(data)).paragraphs for run in para.runs]
    assert [run.text for run in runs if run.italic] == ["conflict of interest"]


def witness_text(document) -> str:
    return normalize(" ".join(t for block in document.blocks if block.kind == "signatures"
                              for column in block.columns for t in column.lines_before + (column.name,)))


def test_the_witness_is_the_direct_superior_else_the_head_of_unit_never_oneself():
    options = PactOptions(dt.date(2021, 3, 8), "Jakarta")
    with_superior = witness_text(build_pact(PROFILE, signer(supervisor=True), options))
    assert "Menyaksikan, Sekretaris Direktorat Jenderal, Siti Rahma, M.Si." in with_superior
    without = witness_text(build_pact(PROFILE, signer(), options))
    assert f"Menyaksikan, {PROFILE.head.office}, {PROFILE.head.name}" in without
    own = witness_text(build_pact(PROFILE, signer(nip=PROFILE.head.nip), options))
    assert "Menyaksikan" not in own and "Pembuat Pernyataan," in own
