"""Errors and results as data: a problem's place and remedy are fields, a message keeps the files it names
apart, each face words them its own way (the command line as given with its options, the web page as the user
knows the files and with its own controls); a run's result knows its print file and manifest."""

from __future__ import annotations

import pytest

from pathlib import Path, PurePath

from conftest import run_cli
from reportgen.documents.publish import OthersMissing, ShorterList, UnknownIdentities
from reportgen.errors import Problem, ReportgenError, mention
from reportgen.unit import Unit
from reportgen.web.wording import error_text, problem_for_page


def test_a_problem_carries_its_place_what_was_found_and_expected_as_fields(tmp_path):
    unit = Unit(tmp_path / "inputs", tmp_path / "out")
    roster = unit.year_file(2021, "pegawai.xlsx")
    problem = Problem(str(roster), mention("lihat juga ", unit.year_file(2021, "tim-rb.xlsx")), row=7,
                      column="NIP", found="1234", sheet="Pegawai", expected="18 angka", remedy=None)
    assert (problem.file, problem.sheet, problem.row, problem.column, problem.found, problem.expected) == (
        str(roster), "Pegawai", 7, "NIP", "1234", "18 angka")
    assert str(problem) == (f"{roster}, lembar 'Pegawai', baris 7, kolom 'NIP': ditemukan '1234'; lihat juga "
                            f"{unit.year_file(2021, 'tim-rb.xlsx')} (diharapkan: 18 angka)")
    shown = problem_for_page(problem, unit)
    assert shown.file == "2021/pegawai.xlsx" and shown.message == "lihat juga 2021/tim-rb.xlsx"
    assert str(tmp_path) not in str(shown)


def test_each_face_words_an_error_and_its_remedy_its_own_way(tmp_path):
    from reportgen.cli.commands import error_text as cli_text
    from reportgen.documents.kinds import Batch

    unit = Unit(tmp_path / "inputs", tmp_path / "out")
    folder = unit.out_folder(2021) / "pakta-integritas"
    shorter = ShorterList(19, 20, folder, ("a", "b", "c"))
    assert (shorter.gone, shorter.earlier, shorter.folder, shorter.remedy) == (19, 20, folder, "ganti_semua")
    cli = cli_text(shorter)
    assert str(folder) in cli and "--ganti-semua" in cli and "--nip NIP" in cli
    web = error_text(shorter, unit)
    assert "di 2021/pakta-integritas (mis. a, b, c)" in web and "pilih 'Ganti semua dokumen lama' lalu buat lagi" in web
    assert "--" not in web and str(tmp_path) not in web
    others = OthersMissing(("x.pdf",), folder, Batch())
    assert "jalankan tanpa --nip" in cli_text(others) and others.remedy == "tanpa_nip"
    unknown = UnknownIdentities(("199901012020011001",), Batch())
    assert str(unknown) == ("NIP 199901012020011001 tidak ada di daftar pegawai; periksa NIP-nya "
                            "(18 angka tanpa spasi)") and unknown.remedy is None
    register = ReportgenError(mention("Register ", unit.inputs / "register.sqlite", " rusak"))
    assert error_text(register, unit) == "Register register.sqlite rusak"
    elsewhere = ReportgenError(mention("Sertifikat ", PurePath("/tmp/acak-123/pejabat.p12"), " kedaluwarsa"))
    assert error_text(elsewhere, unit) == "Sertifikat pejabat.p12 kedaluwarsa"  # never a server folder


@pytest.mark.slow
def test_a_batch_knows_its_print_file_and_manifest(example, tmp_path):
    from factories import make_roster

    from reportgen.documents import pacts
    from reportgen.documents.kinds import Ask
    from reportgen.documents.publish import Settings, publish

    make_roster(tmp_path / "tiga.xlsx", 3)
    unit = Unit(example, tmp_path / "out")
    options = pacts.PactChoices(roster=tmp_path / "tiga.xlsx")
    (published,) = publish([Ask(pacts.KIND, options)], Settings(unit, year=2021, formats=("pdf",))).published
    folder = unit.out_folder(2021) / "pakta-integritas"
    assert published.print_file.path == folder / "pakta-integritas-2021-cetak.pdf" and published.print_file.pages == 3
    assert published.manifest.path == folder / "manifest.csv" and published.manifest.format == "csv"
    assert len(published.document_files) == 3 and published.print_file not in published.document_files


def test_the_legacy_register_is_refused_with_its_mv_and_the_way_on_of_each_face(example, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "register.sqlite").write_bytes(b"")
    result = run_cli("daftar", "--inputs", example, "--out", out)
    assert result.exit_code == 1 and f"mv {out / 'register.sqlite'} {example / 'register.sqlite'}" in result.output
    assert "--register BERKAS" in result.output
    try:
        Unit(example, out).register
    except ReportgenError as exc:
        web = error_text(exc, Unit(example, out))
    assert "mv register.sqlite register.sqlite" in web and "--register" not in web and str(tmp_path) not in web
    assert not Path(example / "register.sqlite").exists()
