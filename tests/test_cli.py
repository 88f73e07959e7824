"""The command line as a user meets it: Indonesian help and errors, template override, summaries."""

from __future__ import annotations

import pytest

import re

from conftest import docx_text, pdf_text, run_cli


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
    assert "Opsi '--tidak-ada' tidak dikenal" in result.output and "Coba 'reportgen pakta --help'" in result.output
    result = run_cli("pacts", "--tanggal", "17-03-2021")
    assert result.exit_code == 2 and "TTTT-BB-HH" in result.output
    result = run_cli("pacts", "--format", "odt")
    assert result.exit_code == 2 and "pilih pdf, docx" in result.output
    result = run_cli("pacts", "--jobs", "0")  # Click's own message and its range, in Indonesian (cli/click_internals.py)
    assert result.exit_code == 2 and "Nilai tidak sah untuk '--jobs': 0 di luar rentang 1 sampai 64." in result.output


@pytest.mark.slow
def test_a_unit_can_use_its_own_templates(example, tmp_path):
    own = tmp_path / "templat-unit"
    result = run_cli("templat", own)
    assert result.exit_code == 0 and "berkas templat disalin" in result.output
    # a sample of every style by name, in both formats, so a clerk sees what each one changes
    from reportgen.model.style_sample import NOT_SHOWN
    from reportgen.model.styles import PARAGRAPH_STYLES

    sample = pdf_text(own / "contoh-gaya.pdf")
    assert [name for name in PARAGRAPH_STYLES if f"{name}: contoh teks" not in sample
            and name not in NOT_SHOWN and not name.startswith("tabel")] == []
    assert "Peringatan" not in result.output
    docx_sample = docx_text(own / "contoh-gaya.docx")  # the same styles, named the same way, in the DOCX
    assert [name for name in PARAGRAPH_STYLES if f"{name}: contoh teks" in sample
            and f"{name}: contoh teks" not in docx_sample] == []
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


ALLOWED_ENGLISH = {"pdf", "docx", "csv", "json", "yaml", "xlsx", "qr", "sha", "nip", "pdfa", "pades", "sqlite",
                   "p12", "pfx", "pkcs", "xmp", "id", "html", "css", "word", "excel", "siasn", "simpeg", "lke",
                   "pmprb", "rb", "url", "dipa", "duplex", "jobs", "inputs", "out", "format", "templates", "roster",
                   "sheet", "plan", "meta", "register", "team", "version", "help", "b", "pakta", "unit",
                   "reportgen", "tanpa", "bita"}
ENGLISH_WORDS = {"the", "and", "or", "of", "to", "is", "not", "file", "exists", "error", "unable", "open",
                 "database", "usage", "options", "show", "this", "message", "exit", "required", "did", "you",
                 "mean", "got", "unexpected", "extra", "argument", "arguments", "invalid", "value", "for",
                 "missing", "no", "such", "option", "command", "commands", "try", "found", "character", "that",
                 "cannot", "start", "any", "token", "while", "scanning", "default", "range", "directory", "does",
                 "which", "with", "from", "in", "be", "must", "expected", "at", "line", "column", "x"}


def english_words(text: str) -> set[str]:
    """Return the English words of a text a user reads (paths and quoted values left out)."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\S*/\S*|--[\w-]+|\b[A-Z_]{2,}\b", " ", text)
    return {w for w in re.findall(r"[A-Za-z]+", text.lower()) if w in ENGLISH_WORDS} - ALLOWED_ENGLISH


def test_no_english_word_in_any_help_or_usage_error(tmp_path):
    from reportgen.cli import main

    outputs = [run_cli("--help").output]
    for name in main.commands:
        outputs.append(run_cli(name, "--help").output)
    provoked = [("pakt",), ("nilai", "2021", "lebih"), ("pakta", "--tidak-ada"), ("semua",),
                ("pakta", "--jobs", "0"), ("pakta", "--jobs", "dua"), ("pakta", "--tanggal", "2025-02-30"),
                ("pakta", "--tanggal", "30/02/2025"), ("periksa",), ("tandatangani",),
                ("nilai", "2021", "--inputs", tmp_path / "tidak-ada")]
    for args in provoked:
        result = run_cli(*args)
        assert result.exit_code != 0, args
        outputs.append(result.output)
    for content in ("instansi:\n\tunit: x\n", "tanggal: [2021\n", "tempat: Jakarta: Pusat\n", "a:\n  - x\n - y\n"):
        inputs = tmp_path / f"yaml-{len(outputs)}"
        (inputs / "2021").mkdir(parents=True)
        (inputs / "unit.yaml").write_text(content, encoding="utf-8")
        result = run_cli("pakta", "2021", "--inputs", inputs, "--out", tmp_path / "out")
        assert result.exit_code == 1 and "baris" in result.output, result.output
        outputs.append(result.output)
    blocked = tmp_path / "berkas"
    blocked.write_text("")  # a file where a folder should be: the system's refusal, in Indonesian
    outputs.append(run_cli("templat", blocked / "templat").output)
    outputs.append(run_cli("daftar", "--register", blocked / "r.sqlite").output)
    found = {word for text in outputs for word in english_words(text)}
    assert not found, found


def test_a_date_that_does_not_exist_says_so():
    result = run_cli("pakta", "2021", "--tanggal", "2025-02-30")
    assert result.exit_code == 2 and "tanggal 2025-02-30 tidak ada: Februari 2025 hanya sampai tanggal 28" in result.output


def test_commands_have_indonesian_names_and_the_english_ones_still_work(example, tmp_path):
    output = run_cli("--help").output
    for indonesian, english in (("pakta", "pacts"), ("keputusan", "decree"), ("rencana-aksi", "action-plan"),
                                ("nilai", "score"), ("laporan", "annual-report"), ("semua", "build"),
                                ("daftar", "register"), ("periksa", "verify"), ("tandatangani", "sign")):
        assert f"{indonesian} ({english})" in output
        assert run_cli(english, "--help").output == run_cli(indonesian, "--help").output
        assert "Contoh:" in run_cli(indonesian, "--help").output
    result = run_cli("keputusan", "2021", "--inputs", example, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 0, result.output and "Keputusan Tim RB: Nomor" in result.output
