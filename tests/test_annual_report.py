"""The annual RB report on the example: structure, generated sentences, numbers equal to `reportgen score`,
table of contents right in the PDF and in the DOCX as LibreOffice lays it out, charts in both formats."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, assert_in_order, content_words, docx_text, normalize, pdf_pages, pdf_text, run_cli, snapshot

REFORM_SENTENCE = (
    "Pada komponen Reform tahun 2021, dari 8 area perubahan, 4 area telah mencapai nilai 100 persen, yaitu: "
    "Manajemen Perubahan, Deregulasi Kebijakan, Penguatan Pengawasan, dan Peningkatan Kualitas Pelayanan "
    "Publik; 3 area bernilai baik namun belum 100 persen, yaitu: Penataan Tatalaksana, Penataan Sistem "
    "Manajemen SDM Aparatur, dan Penguatan Akuntabilitas; 1 area belum maksimal, yaitu Penataan dan "
    "Penguatan Organisasi.")
# Header rows of the tables that flow over pages (full score table, BAB IV obstacles), repeated on each page.
REPEATED_HEADERS = ["Uraian Nilai Bobot Capaian (%) Nilai 2020 Perubahan", "No Kegiatan Kendala Tindak Lanjut",
                    "No Area Perubahan Nilai 2020 Nilai 2021 Bobot Capaian (%) Perubahan"]
NUMBER = re.compile(r"\d+(?:\.\d{3})*,\d{2}")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The example report, generated once: (pdf, docx, score JSON, output folder)."""
    base = tmp_path_factory.mktemp("laporan")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    result = run_cli("annual-report", "2021", "--inputs", inputs, "--out", base / "out")
    assert result.exit_code == 0, result.output
    scores = json.loads(run_cli("score", "2021", "--inputs", inputs, "--json", "-").output)
    text = run_cli("score", "2021", "--inputs", inputs).output
    folder = base / "out" / "2021"
    return folder / "laporan-capaian-rb-2021.pdf", folder / "laporan-capaian-rb-2021.docx", scores, text, inputs


def layout_text(pdf: Path, page: int | None = None) -> str:
    """Return the text of a PDF (or one page) as pdftotext lays it out: table rows stay on one line."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def page_texts(pdf: Path) -> list[str]:
    return [layout_text(pdf, page) for page in range(1, pdf_pages(pdf) + 1)]


def toc_entries(pages: list[str]) -> list[tuple[str, str]]:
    """Return (text, page label) of each contents line, read from the page titled DAFTAR ISI."""
    toc_page = next(i for i, t in enumerate(pages) if "DAFTAR ISI" in t and "BAB I" in t)
    entries = []
    for line in pages[toc_page].splitlines():
        match = re.match(r"^(.*?)\s*\.{3,}\s*([0-9]+|[ivx]+)\s*$", line.strip())
        if match:
            entries.append((match[1].strip(), match[2]))
    return entries


def printed_label(page: str) -> str | None:
    """Return the page number printed at the top of a page ("- 3 -" -> "3"), or None."""
    for line in page.splitlines():
        match = re.fullmatch(r"-\s*([0-9]+|[ivx]+)\s*-", line.strip())
        if match:
            return match[1]
    return None


def assert_toc_right(pages: list[str]) -> int:
    """Assert each contents entry's heading is on the page printed with the entry's number."""
    entries = toc_entries(pages)
    labels = [printed_label(p) for p in pages]
    for text, label in entries:
        assert labels.count(label) == 1, f"page label {label} printed {labels.count(label)} times: {labels}"
        page = pages[labels.index(label)]
        assert normalize(text) in normalize(page), f"{text!r} not on the page numbered {label}"
        if text != "DAFTAR ISI":  # a heading is not on an earlier page than its number says
            earlier = [normalize(p) for p in pages[:labels.index(label)]]
            body = [p for p in earlier if "DAFTAR ISI" not in p]
            assert not any(normalize(text) + " " in p and text.startswith("BAB") for p in body)
    return len(entries)


@pytest.mark.slow
def test_structure_and_generated_sentence(report):
    pdf, docx, *_ = report
    expected = ["LAPORAN CAPAIAN PELAKSANAAN REFORMASI BIROKRASI", "TAHUN 2021", "DIREKTORAT JENDERAL POLITIK",
                "KATA PENGANTAR", "Dr. Bahtiar Wicaksono, M.Si.", "DAFTAR ISI", "BAB I", "PENDAHULUAN",
                "A. Latar Belakang", "B. Dasar Hukum",
                # the team's decree, as its own file says it (one source for its number)
                "Keputusan Direktur Jenderal Politik dan Pemerintahan Umum Nomor 120.05-1487 Tahun 2021 tentang Tim "
                "Reformasi Birokrasi Direktorat Jenderal Politik dan Pemerintahan Umum Tahun 2021.", "BAB II", "KEBIJAKAN DAN PROGRAM REFORMASI BIROKRASI",
                "Manajemen Perubahan:", "C. Program Prioritas", "D. Langkah Tindak Lanjut Tahun 2021",
                "8 Maret 2021", "17 Maret 2021", "BAB III", "CAPAIAN REFORMASI BIROKRASI",
                "Gambar 3.1", "Gambar 3.2", REFORM_SENTENCE, "BAB IV", "PELAKSANAAN RENCANA AKSI",
                "A. Realisasi per Area Perubahan", "B. Kendala dan Tindak Lanjut", "BAB V", "PENUTUP",
                "LAMPIRAN", "Nilai PMPRB"]
    assert_in_order(pdf_text(pdf), expected)
    assert_in_order(docx_text(docx), expected)
    # the unit's own score is no index of the ministry's: no category, and foreign terms in italics
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "Memuaskan" not in text and "Indeks RB" not in text and "kategori A" not in text
    assert normalize(pdf_text(pdf)).count(REFORM_SENTENCE) == 1


def test_every_number_equals_score_output(report):
    pdf, docx, scores, score_text, _ = report
    rows, numbers = [], []
    for record in scores["baris"]:
        values = [record["nilai"], record["bobot"], record["capaian_persen"], record["nilai_sebelumnya"]]
        cells = [f"{n:.2f}".replace(".", ",") for n in values]
        change = record["perubahan_nilai"]
        cells.append(("+" if change > 0 else "") + f"{change:.2f}".replace(".", ","))
        # the unit's own score: "Nilai PMPRB" in the report, where `reportgen nilai` names the index's structure
        label = "Nilai PMPRB" if record["uraian"] == "Indeks Reformasi Birokrasi" else record["uraian"]
        rows.append(" ".join([label, *cells]))
        numbers.append(" ".join(cells))
    pdf_all, docx_all = layout_text(pdf), docx_text(docx)
    appendix = pdf_all[pdf_all.rindex("LAMPIRAN"):]
    # the appendix is the score table, line for line (PDF: each row's numbers; DOCX: whole rows)
    assert_in_order(appendix, numbers)
    assert_in_order(pdf_text(pdf)[pdf_text(pdf).rindex("LAMPIRAN"):],
                    [r["uraian"].replace("Indeks Reformasi Birokrasi", "Nilai PMPRB") for r in scores["baris"]])
    assert_in_order(docx_all[docx_all.rindex("LAMPIRAN"):], rows)
    pdf_all = pdf_text(pdf)
    appendix = pdf_all[pdf_all.rindex("LAMPIRAN"):]
    # every number in BAB III and the appendix (sentences, tables) is one `reportgen score` printed
    printed = {n for n in NUMBER.findall(score_text)}
    chapter = pdf_all[pdf_all.index("CAPAIAN REFORMASI BIROKRASI\nA. "):pdf_all.index("PELAKSANAAN RENCANA AKSI\nA.")]
    found = NUMBER.findall(chapter + appendix)
    assert len(found) > 150
    assert sorted(set(found) - printed) == []
    assert "nilai PMPRB (penilaian mandiri) Ditjen Polpum mencapai 85,35 dari nilai maksimal 100,00, naik 7,10 " \
           "dibanding tahun 2020 (78,25)" in normalize(chapter)


def test_contents_pages_right_in_pdf(report):
    pdf, *_ = report
    pages = page_texts(pdf)
    assert printed_label(pages[0]) is None  # the cover
    assert [printed_label(p) for p in pages[1:3]] == ["ii", "iii"]
    assert printed_label(pages[3]) == "1" and "PENDAHULUAN" in pages[3]
    assert assert_toc_right(pages) == 22


def test_docx_contents_field(report):
    pdf, docx, *_ = report
    with zipfile.ZipFile(docx) as z:
        document = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
        media = [n for n in z.namelist() if n.startswith("word/media/") and "kode-verifikasi" not in n]  # QR: issue 6
    assert 'w:fldCharType="begin"' in document and 'TOC \\o "1-2" \\h' in document
    assert document.index('w:fldCharType="begin"') < document.index('w:fldCharType="separate"') \
        < document.index('w:fldCharType="end"')
    assert "updateFields" not in settings  # Word opens it without asking to update fields (issue 16)
    assert 'w:fmt="lowerRoman"' in document and 'w:fmt="decimal"' in document
    # the stored entries carry the page numbers of the PDF layout
    stored = re.findall(r"<w:t xml:space=\"preserve\">([^<]+)</w:t></w:r><w:r><w:tab/></w:r><w:r>"
                        r"<w:t xml:space=\"preserve\">([^<]*)</w:t>", document)
    assert stored == toc_entries(page_texts(pdf))
    # two charts as PNG (sharp: 300 dpi at 150 mm is about 1.770 pixels wide) plus the logo
    assert len(media) == 3
    from PIL import Image
    with zipfile.ZipFile(docx) as z:
        widths = sorted(Image.open(z.open(name)).width for name in media)
    assert widths[-2] >= 1700


def chart_pixels(png: Path) -> int:
    """Return how many pixels have the chart's colour of this year's bars (the last series)."""
    from PIL import Image
    from reportgen.render.charts import SERIES_LOOKS
    red, green, blue = bytes.fromhex(SERIES_LOOKS[-1][0].lstrip("#"))
    image = Image.open(png).convert("RGB")
    data = image.tobytes()
    return sum(1 for i in range(0, len(data), 3)
               if abs(data[i] - red) < 24 and abs(data[i + 1] - green) < 24 and abs(data[i + 2] - blue) < 24)


def figure_pages(pages: list[str]) -> list[int]:
    return [i + 1 for i, t in enumerate(pages) if re.search(r"Gambar 3\.\d", t)]


def test_charts_vector_in_pdf(report, tmp_path):
    pdf, *_ = report
    from pypdf import PdfReader
    reader = PdfReader(str(pdf))
    for number in figure_pages(page_texts(pdf)):
        page = reader.pages[number - 1]
        xobjects = page["/Resources"].get("/XObject") or {}
        images = [k for k in xobjects if xobjects[k].get_object().get("/Subtype") == "/Image"]
        # at most the logo and the verification QR code (shared resources): the chart is drawn as vector paths
        assert len(images) <= 2
        assert len(page.get_contents().get_data()) > 50_000


def test_docx_as_libreoffice_lays_it_out(report, to_pdf_with_libreoffice, tmp_path):
    pdf, docx, *_ = report
    converted = to_pdf_with_libreoffice([docx])[0]
    pages, lo_pages = page_texts(pdf), page_texts(converted)
    # the stored contents of the DOCX are right as LibreOffice lays the document out
    assert assert_toc_right(lo_pages) == 22
    assert abs(len(pages) - len(lo_pages)) <= 2
    # word for word the same text in the same order, cover to appendix
    assert content_words(pdf, REPEATED_HEADERS) == content_words(converted, REPEATED_HEADERS)
    # the charts appear in both formats: this year's bars are drawn on the figure pages
    assert figure_pages(pages) == figure_pages(lo_pages)
    for source, name in ((pdf, "pdf"), (converted, "lo")):
        for number in figure_pages(pages):
            prefix = tmp_path / f"{name}-{number}"
            subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", str(number), "-l", str(number), str(source),
                            str(prefix)], check=True)
            png = next(tmp_path.glob(f"{name}-{number}*.png"))
            assert chart_pixels(png) > 300, f"no chart drawn on page {number} of the {name} file"


@pytest.mark.slow
def test_same_inputs_same_bytes(report, tmp_path):
    pdf, docx, _, _, inputs = report
    # the same register as the first run: the same document ID (issue 6)
    result = run_cli("annual-report", "2021", "--inputs", inputs, "--out", tmp_path / "out")
    assert result.exit_code == 0
    again = tmp_path / "out" / "2021"
    assert (again / pdf.name).read_bytes() == pdf.read_bytes()
    assert (again / docx.name).read_bytes() == docx.read_bytes()


@pytest.mark.slow
def test_defaults_without_plan_and_texts(tmp_path):
    inputs = tmp_path / "inputs"
    (inputs / "2021").mkdir(parents=True)
    for name in ("unit.yaml", "logo.png"):
        shutil.copy(ROOT / "inputs" / name, inputs / name)
    shutil.copy(ROOT / "inputs" / "2021" / "penilaian.xlsx", inputs / "2021")
    result = run_cli("build", "2021", "--inputs", inputs, "--out", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert re.search(r"Laporan capaian RB: nilai PMPRB [\d,]+; 1 berkas", result.output), result.output
    pdf = tmp_path / "out" / "2021" / "laporan-capaian-rb-2021.pdf"
    text = pdf_text(pdf)
    assert_in_order(text, ["Puji syukur", "31 Desember 2021", "Peraturan Presiden Nomor 81 Tahun 2010",
                           REFORM_SENTENCE[:60], "Data realisasi rencana aksi tahun 2021 belum tersedia.",
                           "Demikian Laporan Capaian"])
    assert "Program Prioritas" not in text
    assert assert_toc_right(page_texts(pdf)) >= 15
    assert sorted(snapshot(tmp_path / "out")) == ["2021/laporan-capaian-rb-2021.pdf"]  # the register: beside unit.yaml
