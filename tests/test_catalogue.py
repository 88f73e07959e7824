"""The catalogue of input files: a kind defined here, with its own input files, shows up in every face
(`semua --help`, `tahun-baru`, `templat-kosong`, the web's year page) with no other change; every blank
spreadsheet loads without a problem."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook

from conftest import ROOT, run_cli
from reportgen.documents.kinds import Draft, Drafts, DocumentKind, Request, files_of
from reportgen.documents.registry import KINDS, all_kinds, catalogue, readers, registered
from reportgen.errors import InputError, ProblemCollector
from reportgen.inputs.catalogue import Column, InputFile
from reportgen.inputs.blank import blank_workbook
from reportgen.model.blocks import Document, DocumentMeta, para
from reportgen.model.page import page_setup
from reportgen.unit import Unit

NOTE = InputFile("nota.yaml", "Isi nota dinas", "yaml", carries_over=True, next_year="isi nota untuk tahun baru")
GUESTS = InputFile(
    "daftar-tamu.xlsx", "Daftar tamu rapat", "xlsx", required=False, next_year="tamu rapat tahun baru",
    sheet="Tamu",
    columns=(Column("Nama", True, 30, "nama tamu", example="Budi Santoso"),
             Column("NIP", False, 22, "NIP tamu", text=True, example="19700101 200003 1 001"),
             Column("Golongan", False, 10, "golongan tamu", choices=("III/a", "IV/a"), example="IV/a")))


def _draft(request: Request, loaded, number) -> Drafts:
    document = Document(DocumentMeta("Nota", request.profile.full_name, date=dt.date(request.year, 5, 2)),
                        page_setup(request.profile), (para("NOTA DINAS"),))
    return Drafts([Draft(kind="nota-rapat", document=document, stem="nota-rapat", identity="nota")])


MEETING = DocumentKind(key="nota-rapat", title="Nota rapat kelak", inputs=(NOTE,), reads=(GUESTS,),
                       load=lambda request, problems: None, draft=_draft)


@pytest.mark.slow
def test_a_kind_defined_in_a_test_reaches_every_face_with_no_other_change(example, tmp_path):
    from starlette.testclient import TestClient

    from test_web_app import PASSWORD, sign_in
    from reportgen.web.accounts import add_user
    from reportgen.web.app import create_app
    from reportgen.web.config import WebConfig

    assert "daftar-tamu.xlsx" not in run_cli("semua", "--help").output
    (example / "2021" / "nota.yaml").write_text("isi: rapat\n", encoding="utf-8")
    (example / "2021" / "daftar-tamu.xlsx").write_bytes(blank_workbook(GUESTS))
    with registered(MEETING):
        assert MEETING in all_kinds() and {NOTE, GUESTS} <= set(catalogue())
        # semua --help lists it, the file it starts from and the one it also reads
        assert "nota.yaml" in run_cli("semua", "--help").output
        assert "Nota rapat kelak (dengan daftar-tamu.xlsx)" in run_cli("semua", "--help").output
        # tahun-baru carries its settings file over and names what to change; its list is filled in fresh
        started = run_cli("tahun-baru", "2022", "--inputs", example)
        assert started.exit_code == 0, started.output
        assert (example / "2022" / "nota.yaml").is_file() and not (example / "2022" / "daftar-tamu.xlsx").exists()
        assert "nota.yaml: isi nota untuk tahun baru" in started.output
        assert "daftar-tamu.xlsx: tamu rapat tahun baru" in started.output
        assert "nota.yaml" in run_cli("tahun-baru", "--help").output
        # a blank template, from its columns
        written = run_cli("templat-kosong", "daftar-tamu.xlsx", "--ke", tmp_path / "kosong")
        assert written.exit_code == 0, written.output
        book = load_workbook(tmp_path / "kosong" / "daftar-tamu.xlsx")
        assert [c.value for c in book["Tamu"][1]] == ["Nama", "NIP", "Golongan"]
        assert book["Tamu"]["B3"].number_format == "@" and "Petunjuk" in book.sheetnames
        assert [v.formula1 for v in book["Tamu"].data_validations.dataValidation] == ['"III/a,IV/a"']
        # the web's year page shows its inputs, with the blank template to download
        config = WebConfig(Unit(example, tmp_path / "out", data_option=tmp_path / "data"), jobs=1)
        add_user(config.accounts, "ani", PASSWORD)
        client = TestClient(create_app(config))
        assert sign_in(client).status_code == 303
        page = client.get("/tahun/2021").text
        assert "<code>nota.yaml</code>" in page and "<code>daftar-tamu.xlsx</code>" in page
        assert "Daftar tamu rapat" in page and "/tahun/2021/templat/daftar-tamu.xlsx" in page
        blank = client.get("/tahun/2021/templat/daftar-tamu.xlsx")
        assert blank.status_code == 200 and blank.content[:2] == b"PK"
    assert MEETING not in all_kinds() and "nota.yaml" not in run_cli("semua", "--help").output


def test_a_kind_is_registered_once():
    with registered(MEETING):
        with pytest.raises(ValueError):
            with registered(MEETING):
                pass
    assert all_kinds() == KINDS


def test_a_file_read_by_several_kinds_is_declared_once():
    roster = next(f for f in catalogue() if f.name == "pegawai.xlsx")
    assert {k.key for k in readers(roster)} == {"pakta-integritas", "keputusan", "berita-acara-pencanangan-zi"}
    names = [f.name for f in catalogue()]
    assert len(names) == len(set(names)) and names[:2] == ["unit.yaml", "logo.png"]
    for kind in KINDS:  # every file a kind needs is required; what it only reads may be left out
        assert all(f.required for f in kind.inputs), kind.key


@pytest.mark.parametrize("name", [f.name for f in catalogue() if f.blank])
def test_every_blank_spreadsheet_loads_without_a_problem(name, tmp_path):
    """Put a blank template in place of the example's file: every kind that reads it loads it cleanly (its
    example rows are valid data), and its fixed choices and NIP columns are set up for Excel."""
    file = next(f for f in catalogue() if f.name == name)
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    (inputs / "2021" / name).write_bytes(blank_workbook(file))
    book = load_workbook(inputs / "2021" / name)
    sheet = book[file.sheet]
    assert [c.value for c in sheet[1]] == [c.header for c in file.columns] and "Petunjuk" in book.sheetnames
    for index, column in enumerate(file.columns, start=1):
        if column.text:
            assert sheet.cell(row=300, column=index).number_format == "@", column.header
    assert len(sheet.data_validations.dataValidation) == sum(bool(c.choices) for c in file.columns)
    unit = Unit(inputs)
    for kind in readers(file):
        problems = ProblemCollector()
        try:
            kind.load(Request(unit, unit.profile, 2021, kind.options(), tmp_path), problems)
        except InputError as exc:
            problems.problems.extend(exc.problems)
        assert not [str(p) for p in problems.problems if not p.warning and name in p.file], kind.key
        assert file in files_of(kind)


def test_a_blank_template_is_never_written_over_a_file_or_under_another_suffix(tmp_path):
    wrong = run_cli("templat-pegawai", tmp_path / "pegawai.csv")
    assert wrong.exit_code == 1 and ".xlsx" in wrong.output and not (tmp_path / "pegawai.csv").exists()
    assert run_cli("templat-kosong", "--ke", tmp_path).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in catalogue() if f.blank)
    (tmp_path / "tim-rb.xlsx").write_bytes(b"milik unit")
    again = run_cli("templat-kosong", "tim-rb", "--ke", tmp_path)
    assert again.exit_code == 1 and "sudah ada" in again.output
    assert (tmp_path / "tim-rb.xlsx").read_bytes() == b"milik unit"
    unknown = run_cli("templat-kosong", "unit.yaml", "--ke", tmp_path)
    assert unknown.exit_code == 1 and "pegawai.xlsx" in unknown.output


def test_every_settings_file_of_the_catalogue_has_the_model_its_loader_validates_with():
    from reportgen.inputs.settings_files import SETTINGS_FILES

    settings = [f for f in catalogue() if f.format == "yaml"]
    assert {f.name for f in settings} == set(SETTINGS_FILES)
    for file in settings:
        assert file.model() is SETTINGS_FILES[file.name], file.name
    assert all(f.model() is None for f in catalogue() if f.format != "yaml")
