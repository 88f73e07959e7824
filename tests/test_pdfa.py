"""`--pdfa`: PDF/A-2b identification and document metadata in the XMP, an output intent, every font embedded,
for each pact of a batch (in two layers: forms without transparency groups), its print file and a single document;
same inputs still give the same bytes. (veraPDF has no Debian or PyPI package that installs without downloading
more: these are the markers it would check first.)"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT, pdf_pages, run_cli, snapshot
from factories import make_roster

UNIT = "Direktorat Jenderal Politik dan Pemerintahan Umum Kementerian Dalam Negeri"


def embedded_fonts(pdf: Path) -> list[tuple[str, str]]:
    """Return (font name, 'yes'/'no' embedded) of every font pdffonts lists."""
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
    fonts = []
    for line in lines[2:]:
        parts = line.split()
        # name type... emb sub uni object ID: 'emb' is the 5th field from the end
        fonts.append((parts[0], parts[-5]))
    return fonts


def assert_pdfa(pdf: Path, title: str | None = None, subject: str | None = None, keywords: str | None = None):
    with pikepdf.open(pdf) as doc:
        meta = doc.open_metadata()
        assert meta.pdfa_status == "2B", pdf.name
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert "/OutputIntents" in doc.Root and doc.Root.OutputIntents[0].S == "/GTS_PDFA1"
        assert doc.trailer.get("/ID") is not None
        if title:
            assert meta["dc:title"] == title and str(doc.docinfo["/Title"]) == title
        assert UNIT in str(meta["dc:creator"]) and str(doc.docinfo["/Author"]) == UNIT
        if subject:
            assert meta["dc:description"] == subject
        if keywords:
            assert meta["pdf:Keywords"] == keywords
    fonts = embedded_fonts(pdf)
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts


@pytest.fixture(scope="module")
def pdfa_pacts(tmp_path_factory):
    base = tmp_path_factory.mktemp("pdfa")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    from reportgen.output.batch import chunk_bounds

    assert chunk_bounds(12) == [(0, 6), (6, 12)]  # two WeasyPrint chunks
    make_roster(base / "r.xlsx", 12)
    outs = []
    for name, jobs in (("a", "2"), ("b", "1")):
        out = base / name
        result = run_cli("pacts", "--inputs", inputs, "--out", out, "--year", "2021", "--tanggal", "2021-03-17",
                         "--roster", base / "r.xlsx", "--format", "pdf", "--pdfa", "--jobs", jobs,
                         "--register", base / "register.sqlite")
        assert result.exit_code == 0, result.output
        outs.append(out / "2021" / "pakta-integritas")
    return outs


@pytest.mark.slow
def test_every_pact_of_a_batch_is_pdfa_with_its_own_metadata(pdfa_pacts):
    folder = pdfa_pacts[0]
    with open(folder / "manifest.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 12
    for row in rows[:2] + rows[6:8]:  # both chunks
        pdf = folder / row["berkas_pdf"]
        assert pdf_pages(pdf) == 1
        assert_pdfa(pdf, title=f"Pakta Integritas - {row['nama']}",
                    subject=f"Pakta Integritas {row['nama']} (NIP {row['nip']})",
                    keywords="Pakta Integritas, Reformasi Birokrasi, Ditjen Polpum")
        with pikepdf.open(pdf) as doc:  # in two layers: the form's constant part drawn as form XObjects
            drawn = doc.pages[0].Resources.XObject.values()
            assert any(x.Subtype == "/Form" and "/Group" not in x for x in drawn)


def test_the_print_file_is_pdfa_too(pdfa_pacts):
    combined = pdfa_pacts[0] / "pakta-integritas-2021-cetak.pdf"
    assert pdf_pages(combined) == 12
    assert_pdfa(combined, title="Pakta Integritas 2021 - berkas cetak")


def test_pdfa_output_is_still_the_same_bytes_for_the_same_inputs(pdfa_pacts):
    assert snapshot(pdfa_pacts[0]) == snapshot(pdfa_pacts[1])


@pytest.mark.slow
def test_a_single_document_in_pdfa(tmp_path):
    out = tmp_path / "out"
    result = run_cli("decree", "--inputs", ROOT / "inputs", "--out", out, "--year", "2021", "--format", "pdf",
                     "--pdfa", "--register", out / "register.sqlite")
    assert result.exit_code == 0, result.output
    assert_pdfa(out / "2021" / "keputusan-tim-rb-2021.pdf")


@pytest.mark.slow
def test_without_pdfa_there_is_no_pdfa_claim(tmp_path):
    out = tmp_path / "out"
    result = run_cli("decree", "--inputs", ROOT / "inputs", "--out", out, "--year", "2021", "--format", "pdf",
                     "--register", out / "register.sqlite")
    assert result.exit_code == 0
    with pikepdf.open(out / "2021" / "keputusan-tim-rb-2021.pdf") as doc:
        assert doc.open_metadata().pdfa_status == ""
