"""One pact, one page, always (issue 28): a titled name of 118 letters or a jabatan of 349 characters is set in
smaller type and stays on one page, in the PDF and in the DOCX as LibreOffice lays it out; a row too long even in
the smallest type is refused with its row; a reference.docx whose look makes every pact spill (Normal at 72 pt)
is refused before any pact is made, naming the style. Nothing is written when a run is refused."""

from __future__ import annotations

import shutil

from docx import Document as open_docx
from docx.shared import Pt

from conftest import pdf_pages, pdf_text, run_cli
from factories import write_sheet
from reportgen.render.template_folder import shipped_templates_dir

# 118 letters, with titles before and after (144 characters in all)
TITLED_NAME = ("Prof. Dr. Ir. Raden Mas Haryo Bagus Suryo Adi Kusumo Wicaksono Hadiningrat Purbonegoro "
               "Sastrowardoyo Tjokrohadisoerjono Mangkunegoro, S.H., M.H.")
# 349 characters
LONG_OFFICE = ("Kepala Subbagian Perencanaan, Evaluasi, dan Pelaporan pada Bagian Perencanaan dan Keuangan Sekretariat "
               "Direktorat Jenderal Politik dan Pemerintahan Umum yang juga merangkap sebagai Koordinator Pelaksana "
               "Kegiatan Reformasi Birokrasi serta Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korupsi dan "
               "Wilayah Birokrasi Bersih dan Melayani TA 2021")
HEADER = ["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"]


def test_the_cases_are_as_long_as_the_issue_says():
    assert sum(c.isalpha() for c in TITLED_NAME) == 118 and len(LONG_OFFICE) == 349


def written(out) -> list:
    """Return the documents, manifests and print files under `out` (its lock file aside)."""
    return [p for p in out.rglob("*") if p.suffix in (".pdf", ".docx", ".csv")]


def run(example, tmp_path, rows, *extra):
    roster = write_sheet(tmp_path / "r.xlsx", HEADER, rows)
    return run_cli("pacts", "--inputs", example, "--out", tmp_path / "out", "--year", "2021", "--roster", roster,
                   "--tanggal", "2021-03-17", "--jobs", "1", "--register", tmp_path / "register.sqlite", *extra)


def test_a_long_titled_name_or_office_is_set_smaller_and_stays_on_one_page(example, tmp_path,
                                                                           to_pdf_with_libreoffice):
    result = run(example, tmp_path, [
        [1, TITLED_NAME, "19700101 200003 1 001", "IV/a", "Analis Kebijakan Ahli Muda"],
        [2, "Siti Rahmawati, S.H.", "19700101 200003 2 002", "IV/a", LONG_OFFICE],
        [3, "Budi Santoso", "19700102 200003 1 003", "III/a", "Kepala Subbagian Tata Usaha"],
    ])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "2021" / "pakta-integritas"
    pdfs = sorted(folder.glob("1970*.pdf"))
    assert len(pdfs) == 3 and all(pdf_pages(p) == 1 for p in pdfs)
    assert pdf_pages(folder / "pakta-integritas-2021-cetak.pdf") == 3
    name, office, short = pdfs
    assert " ".join(TITLED_NAME.split()) in " ".join(pdf_text(name).split())
    assert LONG_OFFICE in " ".join(pdf_text(office).split())
    sizes = [open_docx(str(p.with_suffix(".docx"))).styles["Normal"].font.size.pt for p in pdfs]
    assert sizes[0] < 12 and sizes[1] < 12 and sizes[2] == 12  # the DOCX shows the pact the PDF shows
    for docx, converted in zip([name.with_suffix(".docx"), office.with_suffix(".docx")],
                               to_pdf_with_libreoffice([name.with_suffix(".docx"), office.with_suffix(".docx")])):
        assert pdf_pages(converted) == 1, docx.name


def test_a_row_too_long_for_one_page_even_in_small_type_is_refused_by_its_row(example, tmp_path):
    out = tmp_path / "out"
    result = run(example, tmp_path, [
        [1, "Budi Santoso", "19700102 200003 1 003", "III/a", "Kepala Subbagian Tata Usaha"],
        [2, " ".join([TITLED_NAME] * 3), "19700101 200003 1 001", "IV/a", LONG_OFFICE + ", " + LONG_OFFICE[:140]],
    ])
    assert result.exit_code != 0
    assert "1 pakta tidak muat satu halaman, bahkan dengan huruf 10 pt" in result.output
    assert "baris 3" in result.output and "Traceback" not in result.output
    assert written(out) == []


def test_a_look_that_makes_every_pact_spill_is_refused_naming_the_style(example, tmp_path):
    own = tmp_path / "templat"
    shutil.copytree(shipped_templates_dir(), own, ignore=shutil.ignore_patterns("__*"))
    doc = open_docx(str(own / "reference.docx"))
    doc.styles["Normal"].font.size = Pt(72)
    doc.save(str(own / "reference.docx"))
    out = tmp_path / "out"
    result = run(example, tmp_path, [[1, "Budi Santoso", "19700102 200003 1 003", "III/a", "Staf"]],
                 "--templates", own)
    assert result.exit_code != 0
    assert "reference.docx" in result.output and "gaya Normal: ukuran huruf 72 pt" in result.output
    assert "setiap pakta lebih dari satu halaman" in result.output and "Traceback" not in result.output
    assert written(out) == []
