"""`reportgen score`: the table in the terminal, CSV and JSON for other tools, same numbers everywhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import ROOT, run_cli

INPUTS = ROOT / "inputs"


def test_score_table_in_the_terminal():
    result = run_cli("score", "2021", "--inputs", INPUTS)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(l for l in lines if l.startswith("Uraian"))
    assert header.split() == ["Uraian", "Nilai", "Bobot", "Capaian", "(%)", "Nilai", "2020", "Perubahan"]
    organisation = next(l for l in lines if l.startswith("3. Penataan dan Penguatan Organisasi"))
    assert organisation.split()[-5:] == ["4,15", "6,00", "69,17", "3,55", "+0,60"]
    index = next(l for l in lines if l.startswith("Indeks Reformasi Birokrasi"))
    assert index.split()[-5:] == ["85,35", "100,00", "85,35", "78,25", "+7,10"]
    assert "Kategori indeks 2021: A (Memuaskan); tahun 2020: BB (Sangat Baik), indeks 78,25" in result.output
    assert "Indeks per tahun: 2019 69,60 (B); 2020 78,25 (BB); 2021 85,35 (A)" in result.output


def test_json_and_csv_carry_the_same_numbers(tmp_path):
    result = run_cli("score", "2021", "--inputs", INPUTS, "--json", tmp_path / "n.json", "--csv", tmp_path / "n.csv")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert data["indeks"] == 85.35 and data["kategori"] == {"kode": "A", "nama": "Memuaskan"}
    assert data["indeks_per_tahun"] == {"2019": 69.6, "2020": 78.25, "2021": 85.35}
    rows = list(csv.DictReader(io.StringIO((tmp_path / "n.csv").read_text(encoding="utf-8"))))
    # 8 areas with their parts (Manajemen Perubahan has no Hasil Antara), Pengungkit 3 + total,
    # Hasil 4 + total (PermenPAN-RB 26/2020), the index
    assert len(rows) == len(data["baris"]) == 8 + 8 * 3 - 1 + 4 + 5 + 1
    reform3 = next(r for r in rows if r["kunci"] == "area-3/reform")
    assert (reform3["nilai"], reform3["bobot"], reform3["capaian_persen"], reform3["nilai_sebelumnya"]) == \
        ("1.95", "3.0", "65.0", "1.65")
    assert data["aturan"] == "PermenPAN-RB 26/2020" and data["catatan_perbandingan"] is None
    # the terminal table prints the very same numbers, in Indonesian format
    text = run_cli("score", "2021", "--inputs", INPUTS).output.splitlines()
    table = [l for l in text[text.index(next(l for l in text if l.startswith("Uraian"))) + 1:]
             if l and not l.startswith(("-", "Indeks per", "Kategori"))]
    assert len(table) == len(data["baris"])
    for line, record in zip(table, data["baris"]):
        assert line.strip().startswith(record["uraian"])
        printed = line.split()[-5:]
        assert printed[0] == f"{record['nilai']:.2f}".replace(".", ",")
        assert printed[2] == f"{record['capaian_persen']:.2f}".replace(".", ",")


def test_stdout_alone_for_machines():
    result = run_cli("score", "2021", "--inputs", INPUTS, "--json", "-")
    assert json.loads(result.output)["tahun"] == 2021


def test_worksheet_form_is_detected(tmp_path):
    result = run_cli("score", "2021", "--inputs", INPUTS, "--penilaian",
                     Path(__file__).parent / "data" / "assessment" / "lke.csv")
    assert result.exit_code == 0, result.output
    pemenuhan = next(l for l in result.output.splitlines() if l.strip().startswith("Pemenuhan") and "0,88" in l)
    assert pemenuhan.split()[-5:] == ["0,88", "1,50", "58,33", "1,00", "-0,13"]
    assert "Catatan: jumlah bobot 14,50, bukan 100,00" in result.output


def test_missing_file_is_a_message(tmp_path):
    result = run_cli("score", "2021", "--inputs", INPUTS, "--penilaian", tmp_path / "tidak-ada.xlsx")
    assert result.exit_code == 1
    assert "berkas tidak ditemukan" in result.output
