"""Each bad assessment or laporan.yaml: its message (file, row, column), exit code 1, output untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli, snapshot

HEADER = "Tahun,Area,Komponen,Nilai,Bobot"
GOOD = [
    "2020,1,Pemenuhan,\"1,80\",2",
    "2020,1,Reform,3,3",
    "2021,1,Pemenuhan,\"1,90\",2",
    "2021,Manajemen Perubahan,Reform,3,3",
    "2021,,Kualitas Pelayanan Publik,8,10",
]
LKE_HEADER = "Tahun,Area,Komponen,Sub Komponen,Pertanyaan,Jenis Jawaban,Jawaban,Bobot"


@pytest.fixture
def outputs(tmp_path) -> Path:
    """An output folder holding an earlier report, which a failed run must leave as it was."""
    folder = tmp_path / "out"
    (folder / "2021").mkdir(parents=True)
    (folder / "2021" / "laporan-capaian-rb-2021.pdf").write_bytes(b"%PDF earlier report")
    return folder


def run_report(example: Path, outputs: Path, rows: list[str], header: str = HEADER, name: str = "nilai.csv"):
    path = example.parent / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    before = snapshot(outputs)
    result = run_cli("annual-report", "2021", "--inputs", example, "--out", outputs, "--penilaian", path)
    assert result.exit_code == 1, result.output
    assert snapshot(outputs) == before
    assert "Tidak ada berkas yang ditulis" in result.output
    return result.output


def test_good_rows_pass(example, tmp_path):
    path = tmp_path / "nilai.csv"
    path.write_text("\n".join([HEADER, *GOOD]) + "\n", encoding="utf-8")
    result = run_cli("score", "2021", "--inputs", example, "--penilaian", path)
    assert result.exit_code == 0, result.output
    assert "Indeks Reformasi Birokrasi" in result.output


def test_weight_zero_or_less(example, outputs):
    out = run_report(example, outputs, GOOD + ["2021,2,Reform,0,0", "2021,3,Reform,1,-2"])
    assert "baris 7, kolom 'Bobot': ditemukan '0,00'; bobot harus lebih dari 0" in out
    assert "baris 8, kolom 'Bobot': ditemukan '-2,00'; bobot harus lebih dari 0" in out


def test_score_above_weight(example, outputs):
    out = run_report(example, outputs, GOOD + ["2021,2,Reform,\"2,50\",2"])
    assert "baris 7, kolom 'Nilai': ditemukan '2,50'; nilai melebihi bobotnya (2,00)" in out


def test_answer_not_fitting_its_type(example, outputs):
    rows = ["2021,1,Pemenuhan,Tim RB,Apakah Tim RB dibentuk?,Ya/Tidak,B,1",
            "2021,1,Reform,Komitmen,Kualitas agen perubahan,A-D,E,2",
            "2021,1,Reform,Komitmen,Persentase pegawai,%,banyak,2"]
    out = run_report(example, outputs, rows, header=LKE_HEADER, name="lke.csv")
    assert "baris 2, kolom 'Jawaban': ditemukan 'B'; jawaban tidak sesuai jenis jawaban 'Ya/Tidak'; " \
           "diharapkan Ya / Tidak" in out
    assert "baris 3, kolom 'Jawaban': ditemukan 'E'; jawaban tidak sesuai jenis jawaban 'A-D'" in out
    assert "baris 4, kolom 'Jawaban': ditemukan 'banyak'" in out


def test_unknown_area_and_component(example, outputs):
    out = run_report(example, outputs, GOOD + ["2021,Area Sembilan,Reform,1,2", "2021,2,Inovasi,1,2",
                                               "2021,,Reform,1,2"])
    assert "baris 7, kolom 'Area': area 'Area Sembilan' tidak dikenal" in out
    assert "baris 8, kolom 'Komponen': ditemukan 'Inovasi'; komponen tidak dikenal" in out
    assert "baris 9, kolom 'Area': komponen 'Reform' dinilai per area" in out


def test_report_year_missing(example, outputs):
    out = run_report(example, outputs, [r for r in GOOD if r.startswith("2020")])
    assert "kolom 'Tahun': tidak ada nilai untuk tahun laporan 2021; tahun yang ada: 2020" in out


def test_same_area_component_and_year_twice(example, outputs):
    out = run_report(example, outputs, GOOD + ["2021,Manajemen Perubahan,Pemenuhan,\"1,70\",2"])
    assert ("baris 7, kolom 'Komponen': tahun 2021, area 1 Manajemen Perubahan, komponen Pemenuhan "
            "sudah ada di baris 4") in out


def test_every_problem_at_once(example, outputs):
    out = run_report(example, outputs, GOOD + ["2021,2,Reform,3,2", "2021,9,Reform,1,2", "2021,3,Reform,1,0",
                                               "20x1,4,Reform,1,2"])
    assert "Ditemukan 4 masalah" in out
    for row in (7, 8, 9, 10):
        assert f"baris {row}," in out


def test_worksheet_weight_differs_within_subcomponent(example, outputs):
    rows = ["2021,1,Pemenuhan,Tim RB,Apakah Tim RB dibentuk?,Ya/Tidak,Ya,1",
            "2021,1,Pemenuhan,Tim RB,Apakah ada rencana kerja?,Ya/Tidak,Ya,2"]
    out = run_report(example, outputs, rows, header=LKE_HEADER, name="lke.csv")
    assert "baris 3, kolom 'Bobot': ditemukan '2,00'; bobot sub komponen 'Tim RB' berbeda dengan baris 2" in out


def test_unknown_form(example, outputs):
    out = run_report(example, outputs, ["2021,1,2"], header="Tahun,Area,Skor Akhir")
    assert "bentuk lembar penilaian tidak dikenali" in out


def test_bad_report_yaml(example, outputs):
    (example / "2021" / "laporan.yaml").write_text(
        "ambang_baik: 120\ntanggal: 30-12-2021\nkata_sambutan: x\ntindak_lanjut:\n  - kegiatan: [5]\n",
        encoding="utf-8")
    before = snapshot(outputs)
    result = run_cli("annual-report", "2021", "--inputs", example, "--out", outputs)
    assert result.exit_code == 1
    assert snapshot(outputs) == before
    out = result.output
    assert "kunci 'ambang_baik', baris 1: ditemukan '120'; harus angka lebih dari 0 sampai 100 (persen)" in out
    assert "kunci 'tanggal', baris 2: ditemukan '30-12-2021'; tanggal harus berbentuk TTTT-BB-HH" in out
    assert "kunci 'kata_sambutan', baris 3: kunci tidak dikenal" in out
    assert "kunci 'tindak_lanjut[1].kegiatan', baris 5: harus berupa teks, bukan daftar" in out
