"""Bad rosters and profiles: every problem listed at once with file/row/column, exit 1, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


from conftest import ROOT, run_cli, snapshot
from factories import write_sheet

HEADER = ["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"]
GOOD = [1, "Budi Santoso", "19700101 200003 1 001", "IV/a", "Kepala Bagian Umum"]


@pytest.fixture(scope="module")
def one_earlier_run(tmp_path_factory) -> Path:
    """The output folder of one successful run, made once for the module."""
    base = tmp_path_factory.mktemp("earlier")
    shutil.copytree(ROOT / "inputs", base / "inputs", ignore=shutil.ignore_patterns("register.sqlite*"))
    out = base / "out"
    result = run_cli("pacts", "--inputs", base / "inputs", "--out", out, "--year", "2021", "--format", "pdf",
                     "--tanggal", "2021-03-17", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def earlier_output(one_earlier_run, tmp_path) -> Path:
    """An output folder holding an earlier successful run (a copy of its own)."""
    out = tmp_path / "out"
    shutil.copytree(one_earlier_run, out)
    return out


def xlsx(path: Path, rows: list[list], header: list = HEADER) -> Path:
    return write_sheet(path, header, rows)


def fails(example, out, roster, *expected: str) -> str:
    """Run with a bad roster; assert exit 1, the expected message parts, and an untouched output folder."""
    before = snapshot(out)
    result = run_cli("pacts", "--inputs", example, "--out", out, "--year", "2021", "--roster", roster, "--jobs", "1")
    assert result.exit_code == 1, result.output
    for part in expected:
        assert part in result.output, f"{part!r} not in:\n{result.output}"
    assert "Traceback" not in result.output
    assert "Tidak ada berkas yang ditulis" in result.output
    assert snapshot(out) == before
    return result.output


@pytest.mark.slow
def test_missing_column_lists_the_headers_found(example, earlier_output, tmp_path):
    roster = xlsx(tmp_path / "r.xlsx", [[1, "Budi", "19700101 200003 1 001", "Staf"]],
                  header=["No", "Nama", "NIP", "Jabatan"])
    fails(example, earlier_output, roster, "r.xlsx", "baris 1", "kolom wajib 'Pangkat/Golongan' tidak ditemukan",
          "'No', 'Nama', 'NIP', 'Jabatan'")


def test_empty_roster(example, earlier_output, tmp_path):
    fails(example, earlier_output, xlsx(tmp_path / "r.xlsx", []), "tidak ada baris data")


def test_zero_byte_file(example, earlier_output, tmp_path):
    roster = tmp_path / "r.xlsx"
    roster.write_bytes(b"")
    fails(example, earlier_output, roster, "r.xlsx", "berkas kosong (0 bita)")


def test_a_file_that_is_not_a_workbook(example, earlier_output, tmp_path):
    roster = tmp_path / "r.xlsx"
    shutil.copy(example / "logo.png", roster)
    fails(example, earlier_output, roster, "bukan buku kerja Excel")


def test_a_binary_file_named_csv(example, earlier_output, tmp_path):
    roster = tmp_path / "r.csv"
    shutil.copy(example / "logo.png", roster)
    fails(example, earlier_output, roster, "bukan berkas CSV")


def test_an_unsupported_file_type(example, earlier_output, tmp_path):
    roster = tmp_path / "r.pdf"
    roster.write_bytes(b"%PDF-1.4")
    fails(example, earlier_output, roster, "jenis berkas tidak didukung")


@pytest.mark.parametrize("nip, message", [
    ("19700101 200003 1 01", "ditemukan 17 angka"),
    ("19701301 200003 1 001", "tanggal lahir"),
    ("19700230 200003 1 001", "tanggal lahir"),
    ("19700101 200013 1 001", "TMT"),
    ("19700101 200003 3 001", "jenis kelamin"),
    ("1970O101 200003 1 001", "hanya boleh berisi angka"),
])
def test_bad_nip(example, earlier_output, tmp_path, nip, message):
    roster = xlsx(tmp_path / "r.xlsx", [GOOD, [2, "Siti", nip, "III/a", "Staf"]])
    output = fails(example, earlier_output, roster, "baris 3", "kolom 'NIP'", nip)
    assert message.lower() in output.lower()


def test_nip_stored_by_excel_as_a_rounded_number(example, earlier_output, tmp_path):
    roster = xlsx(tmp_path / "r.xlsx", [GOOD, [2, "Siti", 1.97001012000031e17, "III/a", "Staf"]])
    output = fails(example, earlier_output, roster, "baris 3", "kolom 'NIP'")
    assert "Excel" in output and "Teks" in output


def test_the_same_nip_twice_names_both_rows(example, earlier_output, tmp_path):
    roster = xlsx(tmp_path / "r.xlsx", [GOOD, [2, "Budi Lain", "197001012000031001", "III/a", "Staf"]])
    fails(example, earlier_output, roster, "baris 3", "NIP sama dengan baris 2")


@pytest.mark.parametrize("grade", ["Pembina (IV/c)", "V/a", "IV/f", "Penata Sangat Muda"])
def test_pangkat_that_is_not_an_official_pair(example, earlier_output, tmp_path, grade):
    roster = xlsx(tmp_path / "r.xlsx", [GOOD, [2, "Siti", "19700101 200003 2 002", grade, "Staf"]])
    fails(example, earlier_output, roster, "baris 3", "kolom 'Pangkat/Golongan'", grade)


def test_control_characters_in_a_cell(example, earlier_output, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("Nama,NIP,Golongan,Jabatan\nBudi\x07 Santoso,197001012000031001,III/a,Staf\n", encoding="utf-8")
    fails(example, earlier_output, roster, "baris 2", "kolom 'Nama'", "karakter kendali", "U+0007")


def test_every_problem_is_listed_at_once(example, earlier_output, tmp_path):
    roster = xlsx(tmp_path / "r.xlsx", [
        GOOD,
        [2, "Siti", "12345", "III/a", "Staf"],
        [3, None, "19700101 200003 1 003", "III/a", "Staf"],
        [4, "Agus", "19700101 200003 1 004", "X/z", "Staf"],
        [5, "Dewi", "19700101 200003 1 001", "III/b", None],
    ])
    output = fails(example, earlier_output, roster, "Ditemukan 5 masalah", "baris 3", "baris 4", "baris 5", "baris 6")
    assert output.count("r.xlsx") >= 5


def test_unknown_and_missing_profile_keys_are_named(example, earlier_output):
    unit = example / "unit.yaml"
    text = unit.read_text(encoding="utf-8").replace("  kota: Jakarta\n", "  kota: Jakarta\n  warna: merah\n")
    unit.write_text(text.replace("  jabatan: Direktur Jenderal Politik dan Pemerintahan Umum\n", ""), encoding="utf-8")
    before = snapshot(earlier_output)
    result = run_cli("pacts", "--inputs", example, "--out", earlier_output, "--year", "2021")
    assert result.exit_code == 1
    assert "unit.yaml" in result.output
    assert "kunci 'instansi.warna'" in result.output and "tidak dikenal" in result.output
    assert "kunci 'pimpinan.jabatan'" in result.output and "wajib" in result.output
    assert snapshot(earlier_output) == before


def test_yaml_syntax_error_gives_its_line(example, earlier_output):
    unit = example / "unit.yaml"
    lines = unit.read_text(encoding="utf-8").splitlines()
    lines[4] = "  unit: [tidak ditutup"
    unit.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("pacts", "--inputs", example, "--out", earlier_output, "--year", "2021")
    assert result.exit_code == 1 and "format YAML tidak sah" in result.output and "baris" in result.output


def test_missing_inputs_folder_is_explained(tmp_path):
    result = run_cli("pacts", "--inputs", tmp_path / "tidak-ada", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "Folder masukan tidak ditemukan" in result.output and "--inputs" in result.output
    assert not (tmp_path / "out").exists()


def test_a_character_no_installed_font_can_draw(example, earlier_output, tmp_path):
    roster = xlsx(tmp_path / "r.xlsx", [GOOD, [2, "Siti \U00013000 Rahma", "19700101 200003 2 002", "III/a", "Staf"]])
    fails(example, earlier_output, roster, "baris 3", "kolom 'Nama'", "U+13000", "tidak dapat dicetak")


def test_a_profile_font_that_is_not_installed(example, earlier_output):
    unit = example / "unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("huruf: Arial", "huruf: Comic Sans Imajiner"),
                    encoding="utf-8")
    result = run_cli("pacts", "--inputs", example, "--out", earlier_output, "--year", "2021")
    assert result.exit_code == 1
    assert "kunci 'tata_letak.huruf'" in result.output and "tidak terpasang" in result.output
    assert "fc-cache -f" in result.output  # how to install it


def test_a_profile_font_with_free_stand_ins_names_them(example, earlier_output):
    unit = example / "unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("huruf: Arial", "huruf: Bookman Old Style"),
                    encoding="utf-8")
    result = run_cli("pacts", "--inputs", example, "--out", earlier_output, "--year", "2021")
    if result.exit_code == 0:
        pytest.skip("a stand-in of Bookman Old Style is installed here")
    assert "kunci 'tata_letak.huruf'" in result.output and "TeX Gyre Bonum" in result.output
    assert "sudo apt install" in result.output
