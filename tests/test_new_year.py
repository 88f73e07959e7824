"""Starting a new year: what carries over is copied, what still names last year is pointed at with its line."""

from __future__ import annotations

from conftest import run_cli


def test_a_new_year_copies_what_carries_over_and_points_at_last_years_texts(example, tmp_path):
    result = run_cli("tahun-baru", "2022", "--inputs", example)
    assert result.exit_code == 0, result.output
    target = example / "2022"
    assert sorted(p.name for p in target.iterdir()) == [
        "keputusan-tim-rb.yaml", "laporan.yaml", "pakta-integritas.yaml", "pegawai.xlsx", "pencanangan-zi.yaml",
        "tim-rb.xlsx"]
    decree = target / "keputusan-tim-rb.yaml"
    assert f"{decree}, kunci 'tentang', baris 12: masih menyebut 'Tahun 2021'" in result.output
    assert f"{decree}, kunci 'menimbang', baris 18" in result.output
    assert f"{decree}, kunci 'tanggal', baris 5: tanggal 2021-03-08 jatuh di tahun 2021" in result.output
    assert "rencana-aksi.xlsx: rencana aksi tahun baru" in result.output
    # nothing is ever overwritten
    decree.write_text("tanggal: 2022-03-01\n", encoding="utf-8")
    again = run_cli("tahun-baru", "2022", "--inputs", example)
    assert again.exit_code == 1 and "tidak ada berkas yang ditimpa" in again.output
    assert decree.read_text(encoding="utf-8") == "tanggal: 2022-03-01\n"


def test_a_missing_year_says_how_to_start(example):
    result = run_cli("tahun-baru", "2031", "--inputs", example)
    assert result.exit_code == 1 and "Folder tahun 2030 tidak ada" in result.output
    assert "reportgen templat-pegawai" in result.output


def test_publishing_a_year_warns_of_a_date_in_another_year(example, tmp_path):
    decree = example / "2021" / "keputusan-tim-rb.yaml"
    decree.write_text(decree.read_text(encoding="utf-8").replace("tanggal: 2021-03-08", "tanggal: 2022-03-08"),
                      encoding="utf-8")
    result = run_cli("keputusan", "2021", "--inputs", example, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert f"{decree}, kunci 'tanggal', baris 5: tanggal 2022-03-08 jatuh di tahun 2022" in result.output
