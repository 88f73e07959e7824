"""Reading tables: rows numbered as Excel shows them, values as the user sees them, clear refusals."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from reportgen.errors import InputError
from reportgen.inputs.schemas.base import normalize_header
from reportgen.inputs.tables import read_table


def test_rows_keep_their_excel_numbers_across_blank_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Nama", "Nilai"])
    ws.append(["a", 1])
    ws.append([None, None])
    ws.append(["b", 2])
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    assert [r.number for r in table.rows] == [2, 4]
    assert table.rows[1].cells == {"Nama": "b", "Nilai": 2}


def test_a_percent_formatted_cell_reads_as_shown(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Realisasi"])
    ws.append([0.755])
    ws["A2"].number_format = "0.0%"
    wb.save(tmp_path / "t.xlsx")
    assert read_table(tmp_path / "t.xlsx").rows[0].cells["Realisasi"] == pytest.approx(75.5)


def test_a_named_sheet_and_a_missing_one(tmp_path):
    wb = Workbook()
    wb.active.append(["x"])
    other = wb.create_sheet("Pejabat")
    other.append(["Nama"])
    other.append(["Budi"])
    wb.save(tmp_path / "t.xlsx")
    assert read_table(tmp_path / "t.xlsx", "Pejabat").rows[0].cells == {"Nama": "Budi"}
    with pytest.raises(InputError, match="'Lain' tidak ada; yang ada: 'Sheet', 'Pejabat'"):
        read_table(tmp_path / "t.xlsx", "Lain")


def test_csv_row_numbers_count_blank_lines(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Nama;Nilai\na;1\n\nb;2\n", encoding="utf-8")
    table = read_table(path)
    assert [(r.number, r.cells["Nama"]) for r in table.rows] == [(2, "a"), (4, "b")]


def test_yaml_tables(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("- Nama: a\n  Nilai: 1\n- Nama: b\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ("Nama", "Nilai") and table.rows[1].cells == {"Nama": "b"}


@pytest.mark.parametrize("header, normal", [("Pangkat / Gol.", "pangkatgol"), ("NIP", "nip"),
                                            (" Nama Lengkap ", "namalengkap"), ("Tindak-Lanjut", "tindaklanjut")])
def test_headers_ignore_case_spaces_and_punctuation(header, normal):
    assert normalize_header(header) == normal


def _has(*names):
    return lambda headers: all(n in {normalize_header(h) for h in headers} for n in names)


def test_a_table_under_title_rows_with_a_two_row_header(tmp_path):
    wb = Workbook()
    ws = wb.active
    for row in (["DAFTAR URUT KEPANGKATAN"], ["Tahun 2021"], [], ["No", "Nama", "NIP", None, "Gol"],
                [None, None, "Baru", "Lama", None], [], [1, 2, 3, 4, 5], [1, "'Budi", "'1970", None, "IV/a"],
                [2, "Siti", "1985", "0101", "III/b"], [], ["Jakarta, 5 Januari 2021"], ["Kepala Bagian Umum"]):
        ws.append(row)
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx", is_header=_has("nama", "nipbaru"))
    assert table.headers == ("No", "Nama", "NIP Baru", "NIP Lama", "Gol")
    assert (table.header_row, table.header_rows) == (4, "4-5")
    assert [r.number for r in table.rows] == [8, 9]
    assert table.rows[0].cells == {"No": 1, "Nama": "Budi", "NIP Baru": "1970", "NIP Lama": None, "Gol": "IV/a"}
    assert table.notes == ("judul kolom dibaca dari baris 4-5 (judul dua baris digabung); baris 1-2 di atasnya "
                           "(judul daftar) tidak dibaca",
                           "baris 7 berisi nomor kolom (1, 2, 3, ...) dan dilewati",
                           "baris 11-12 di bawah tabel dianggap bagian penutup (tempat, tanggal, tanda tangan) "
                           "dan tidak dibaca")
    # without a header test the header is row 1, as it always was
    assert read_table(tmp_path / "t.xlsx").header_row == 1


def test_a_short_last_row_is_data_not_a_signature_block(tmp_path):
    wb = Workbook()
    ws = wb.active
    for row in (["No", "Nama", "NIP", "Gol"], [1, "Budi", "1970", "IV/a"], [2, "Siti", None, None]):
        ws.append(row)
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx", is_header=_has("nama", "nip"))
    assert [r.number for r in table.rows] == [2, 3] and table.notes == ()
