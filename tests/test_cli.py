"""The command line as a user meets it: Indonesian help and errors, template override, summaries."""

from __future__ import annotations

from conftest import pdf_text, run_cli


def test_help_is_in_indonesian_and_lists_every_command():
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "Cara pakai: reportgen [OPSI] PERINTAH" in result.output and "Perintah:" in result.output
    for command in ("pacts", "decree", "action-plan", "annual-report", "score", "zi", "register", "build", "templat"):
        assert command in result.output
    assert "Usage" not in result.output and "Show this message" not in result.output


def test_command_help_teaches_the_columns_and_outputs():
    output = run_cli("pacts", "--help").output
    assert "pakta-integritas-TAHUN-cetak.pdf" in output and "manifest.csv" in output
    assert "Pangkat/Golongan" in output and "--tanpa-saksi" in output and "bawaan" in output


def test_usage_errors_are_in_indonesian():
    result = run_cli("pacts", "--tidak-ada")
    assert result.exit_code == 2
    assert "Opsi '--tidak-ada' tidak dikenal" in result.output and "Coba 'reportgen pacts --help'" in result.output
    result = run_cli("pacts", "--tanggal", "17-03-2021")
    assert result.exit_code == 2 and "TTTT-BB-HH" in result.output
    result = run_cli("pacts", "--format", "odt")
    assert result.exit_code == 2 and "pilih pdf, docx" in result.output


def test_a_unit_can_use_its_own_templates(example, tmp_path):
    own = tmp_path / "templat-unit"
    result = run_cli("templat", own)
    assert result.exit_code == 0 and "berkas templat disalin" in result.output
    css = own / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + '\n.judul-besar::after { content: " (SALINAN UNIT)"; }\n',
                   encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("pacts", "--inputs", example, "--out", out, "--year", "2021", "--format", "pdf",
                     "--templates", own, "--jobs", "1")
    assert result.exit_code == 0, result.output
    pdf = next((out / "2021" / "pakta-integritas").glob("1*.pdf"))
    assert "PAKTA INTEGRITAS (SALINAN UNIT)" in pdf_text(pdf)


def test_an_incomplete_template_folder_is_refused(example, tmp_path):
    own = tmp_path / "kosong"
    own.mkdir()
    result = run_cli("pacts", "--inputs", example, "--out", tmp_path / "out", "--year", "2021", "--templates", own)
    assert result.exit_code == 1 and "belum lengkap" in result.output and "reference.docx" in result.output
