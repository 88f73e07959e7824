"""Unbreakable long words (issue 17) stay inside the page: each word's box, as pdftotext -bbox reports it,
lies within the page width; a realistic long office keeps a pact on one page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import pdf_pages, pdf_text, run_cli
from factories import write_sheet
from hostile_cases import PLAN_HEADER, PLAN_ROW

LONG_WORD_NAME = "Budi" + "a" * 196  # 200 characters without a break
LONG_WORD_OFFICE = "Kepala Subbagian " + "Tatausaha" * 7  # a 63-character word
REALISTIC_OFFICE = ("Kepala Subdirektorat Fasilitasi Kelembagaan Partai Politik dan Organisasi Kemasyarakatan "
                    "pada Direktorat Politik Dalam Negeri")
LONG_ACTIVITY = "Penyusunan" + "peta" * 73  # 302 characters


def word_boxes(pdf: Path) -> list[tuple[float, float, float, str]]:
    """Return (page width, xMin, xMax, word) of every word pdftotext finds."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    boxes = []
    for page in re.finditer(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', html, re.S):
        width = float(page.group(1))
        for word in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>',
                                page.group(2)):
            boxes.append((width, float(word.group(1)), float(word.group(2)), word.group(3)))
    return boxes


def assert_inside(pdf: Path) -> None:
    outside = [(w, x0, x1, t[:30]) for w, x0, x1, t in word_boxes(pdf) if x0 < 0 or x1 > w]
    assert not outside, f"text past the page edge in {pdf.name}: {outside[:5]}"


def test_long_words_in_pacts_stay_on_the_page(example, tmp_path):
    roster = write_sheet(tmp_path / "r.xlsx", ["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"], [
        [1, LONG_WORD_NAME, "19700101 200003 1 001", "IV/a", LONG_WORD_OFFICE],
        [2, "Siti Rahmawati, S.H.", "19700101 200003 2 002", "IV/a", REALISTIC_OFFICE],
    ])
    out = tmp_path / "out"
    result = run_cli("pacts", "--inputs", example, "--out", out, "--year", "2021", "--roster", roster, "--format",
                     "pdf", "--tanggal", "2021-03-17", "--jobs", "1", "--register", tmp_path / "register.sqlite")
    assert result.exit_code == 0, result.output
    pdfs = sorted(p for p in (out / "2021").rglob("*.pdf") if p.name[0].isdigit())
    assert len(pdfs) == 2
    for pdf in pdfs:
        assert_inside(pdf)
    realistic = next(p for p in pdfs if p.name.startswith("197001012000032"))
    assert pdf_pages(realistic) == 1
    assert "Kemasyarakatan" in pdf_text(realistic)


def test_a_long_activity_word_stays_on_the_page(example, tmp_path):
    row = list(PLAN_ROW)
    row[2] = LONG_ACTIVITY
    plan = write_sheet(tmp_path / "ra.xlsx", PLAN_HEADER, [row, PLAN_ROW])
    out = tmp_path / "out"
    result = run_cli("action-plan", "2021", "--plan", plan, "--inputs", example, "--out", out, "--format", "pdf",
                     "--tanggal", "2021-03-17", "--register", tmp_path / "register.sqlite")
    assert result.exit_code == 0, result.output
    pdf = next((out / "2021").glob("*.pdf"))
    assert_inside(pdf)
