"""The year's priority programmes are written once (rencana-aksi.yaml); the plan and the report both read them."""

from __future__ import annotations

import pytest

from conftest import pdf_text, run_cli


def test_an_activity_of_an_unlisted_programme_is_named_with_its_row(example, tmp_path):
    dates = example / "2021" / "rencana-aksi.yaml"
    dates.write_text(dates.read_text(encoding="utf-8").replace("  - Penataan Regulasi\n", ""), encoding="utf-8")
    result = run_cli("rencana-aksi", "2021", "--inputs", example, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "kolom 'Program Prioritas': ditemukan 'Penataan Regulasi'; bukan salah satu program prioritas" in result.output
    assert "baris" in result.output and not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_different_list_in_laporan_yaml_is_a_warning_naming_both_files(example, tmp_path):
    report = example / "2021" / "laporan.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "\nprogram_prioritas:\n  - Program Lain\n",
                      encoding="utf-8")
    result = run_cli("laporan", "2021", "--inputs", example, "--out", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert "laporan.yaml, kunci 'program_prioritas': program_prioritas berbeda dengan daftar di" in result.output
    assert "Program Lain" not in pdf_text(tmp_path / "out" / "2021" / "laporan-capaian-rb-2021.pdf")


def test_a_post_held_by_two_people_is_a_warning_naming_both_places(example, tmp_path):
    """Cross-document checks run with the decree: within the team, and against the year's pacts roster."""
    import openpyxl

    team = example / "2021" / "tim-rb.xlsx"
    book = openpyxl.load_workbook(team)
    sheet = book.active
    assert sheet.cell(5, 4).value == "Kepala Bagian Perencanaan"
    sheet.cell(6, 4).value = "Kepala Bagian Perencanaan"  # row 6: a second person given the post row 5 holds
    sheet.cell(5, 2).value = "Budi Lain, S.H."        # row 5: the team's Kepala Bagian Perencanaan is not
    sheet.cell(5, 3).value = "19800101 200501 1 001"  # the official the pacts' roster names for that post
    book.save(team)
    result = run_cli("keputusan", "2021", "--inputs", example, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert "jabatan 'Kepala Bagian Perencanaan' hanya dapat dipegang satu orang" in result.output
    assert "tim-rb.xlsx, baris 6, kolom 'Jabatan'" in result.output
    assert "tim-rb.xlsx, baris 5, kolom 'Jabatan': ditemukan 'Kepala Bagian Perencanaan'" in result.output
    assert "tim dan daftar pakta tahun yang sama harus menyebut pejabat yang sama" in result.output
