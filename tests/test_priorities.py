"""The year's priority programmes are written once (rencana-aksi.yaml); the plan and the report both read them."""

from __future__ import annotations

from conftest import pdf_text, run_cli


def test_the_plan_and_the_report_state_the_same_priority_programmes(built):
    inputs, out = built
    plan = pdf_text(out / "2021" / "rencana-aksi-rb-2021.pdf")
    report = " ".join(pdf_text(out / "2021" / "laporan-capaian-rb-2021.pdf").split())
    for programme in ("Penataan Regulasi", "Peningkatan Kapasitas Aparatur", "Transformasi Teknologi Sistem Informasi"):
        assert programme in plan and programme in report, programme


def test_an_activity_of_an_unlisted_programme_is_named_with_its_row(example, tmp_path):
    dates = example / "2021" / "rencana-aksi.yaml"
    dates.write_text(dates.read_text(encoding="utf-8").replace("  - Penataan Regulasi\n", ""), encoding="utf-8")
    result = run_cli("rencana-aksi", "2021", "--inputs", example, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "kolom 'Program Prioritas': ditemukan 'Penataan Regulasi'; bukan salah satu program prioritas" in result.output
    assert "baris" in result.output and not (tmp_path / "out").exists()


def test_a_different_list_in_laporan_yaml_is_a_warning_naming_both_files(example, tmp_path):
    report = example / "2021" / "laporan.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "\nprogram_prioritas:\n  - Program Lain\n",
                      encoding="utf-8")
    result = run_cli("laporan", "2021", "--inputs", example, "--out", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert "laporan.yaml, kunci 'program_prioritas': program_prioritas berbeda dengan daftar di" in result.output
    assert "Program Lain" not in pdf_text(tmp_path / "out" / "2021" / "laporan-capaian-rb-2021.pdf")
