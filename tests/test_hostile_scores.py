"""Hostile values in the assessment worksheets (issue 28): a percentage above 100 or a weight of 1e308 is a
problem naming its cell, exit 1, nothing written; never a silent cap, never a traceback."""

from __future__ import annotations

import shutil

import pytest

from conftest import DATA, ROOT, run_cli, snapshot
from factories import make_lke_zi, zi_rows

LKE_HEADER = "Tahun,Area,Komponen,Sub Komponen,Pertanyaan,Jenis Jawaban,Jawaban,Bobot"


@pytest.mark.parametrize("answer", ["150%", "250"])
def test_a_percentage_above_100_in_an_lke_is_named_not_capped(tmp_path, answer):
    lines = (DATA / "assessment" / "lke.csv").read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6].replace(",100%,", f",{answer},")  # row 7 of the sheet as Excel shows it
    lke = tmp_path / "lke.csv"
    lke.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("nilai", "2021", "--penilaian", lke)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"lke.csv, baris 7, kolom 'Jawaban': ditemukan '{answer}'" in result.output
    assert "di atas 100" in result.output and "tidak dibulatkan diam-diam" in result.output


@pytest.mark.parametrize("weight", [1e308, "1e308", float("inf")])
def test_an_absurd_weight_in_the_lke_zi_is_named(tmp_path, weight):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    rows = zi_rows()
    rows[0][6] = weight                                   # row 2: the first lever item
    make_lke_zi(inputs / "2021" / "lke-zi.xlsx", rows)
    out = tmp_path / "out"
    result = run_cli("zi", "2021", "--inputs", inputs, "--dokumen", "--out", out)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "lke-zi.xlsx, baris 2, kolom 'Bobot'" in result.output
    assert snapshot(out) == {}
