"""Staff lists as SIASN and SIMPEG export them are read as is: pacts roster and RB team, no edit to the file."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from conftest import pdf_text, run_cli
from factories import EXPORT_PEOPLE, exact_numbers, make_siasn_export, make_simpeg_export, write_sheet
from reportgen.errors import InputError, ProblemCollector
from reportgen.inputs.schemas.roster import load_roster
from reportgen.inputs.schemas.team import Positions, load_team

EXPORTS = {"siasn": (make_siasn_export, "5", 7), "simpeg": (make_simpeg_export, "5-6", 8)}


def _load(loader, path, **kwargs):
    problems = ProblemCollector()
    result = loader(path, None, problems, **kwargs)
    problems.raise_if_any()
    return result, [str(w) for w in problems.warnings]


@pytest.mark.parametrize("kind", EXPORTS)
def test_an_export_gives_every_official_for_the_pacts(tmp_path, kind):
    make, header_rows, first = EXPORTS[kind]
    signers, warnings = _load(load_roster, make(tmp_path / f"{kind}.xlsx"))
    assert [s.name for s in signers] == [p["printed"] for p in EXPORT_PEOPLE]
    assert [s.nip for s in signers] == [p["nip"] for p in EXPORT_PEOPLE]
    assert [str(s.pangkat) for s in signers] == [p["grade"] for p in EXPORT_PEOPLE]
    assert [s.office for s in signers] == [p["jabatan"] for p in EXPORT_PEOPLE]
    assert [s.agency for s in signers] == [p["unit"] for p in EXPORT_PEOPLE]
    assert [s.pppk for s in signers] == [p["jenis"] == "PPPK" for p in EXPORT_PEOPLE]
    assert [s.row for s in signers] == list(range(first, first + len(EXPORT_PEOPLE)))
    text = "\n".join(warnings)
    assert f"judul kolom dibaca dari baris {header_rows}" in text
    assert "baris 1-3 di atasnya (judul daftar) tidak dibaca" in text
    assert f"baris {first - 1} berisi nomor kolom" in text
    last = first + len(EXPORT_PEOPLE) - 1
    assert f"baris {last + 2}-{last + 7} di bawah tabel dianggap bagian penutup" in text


@pytest.mark.parametrize("kind", EXPORTS)
def test_an_export_with_team_columns_gives_the_team(tmp_path, kind):
    make, _, first = EXPORTS[kind]
    members, _ = _load(load_team, make(tmp_path / f"{kind}.xlsx", team=True), positions=Positions())
    assert [(m.name, m.nip, m.office, m.position, m.area) for m in members] == [
        (p["printed"], p["nip"], p["jabatan"], p["kedudukan"], p["area"]) for p in EXPORT_PEOPLE]
    assert members[0].row == first


def test_the_file_is_not_edited(tmp_path):
    path = make_siasn_export(tmp_path / "siasn.xlsx")
    before = path.read_bytes()
    _load(load_roster, path)
    assert path.read_bytes() == before


@pytest.mark.slow
def test_pacts_from_a_siasn_export_print_titles_golongan_and_ni_pppk(example, tmp_path):
    roster = make_siasn_export(tmp_path / "siasn.xlsx")
    out = tmp_path / "out"
    result = run_cli("pacts", "--inputs", example, "--out", out, "--year", "2021", "--roster", roster,
                     "--format", "pdf", "--tanggal", "2021-03-17", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "judul kolom dibaca dari baris 5" in result.output
    pdfs = sorted(out.rglob("*.pdf"))
    texts = {p.name: pdf_text(p) for p in pdfs}
    pppk = next(t for t in texts.values() if "Hendra Gunawan" in t)
    assert "Ir. Hendra Gunawan, M.T." in pppk and "NI PPPK" in pppk and "19881130 201902 1 005" in pppk
    assert "Golongan" in pppk and "Pangkat/Golongan" not in pppk
    budi = next(t for t in texts.values() if "Budi Santoso" in t and "Hendra" not in t)
    assert "Dr. Budi Santoso, S.H., M.H." in budi and "Pembina Utama Muda (IV/c)" in budi
    assert "19670214 199202 1 003" in budi


def _edit(path, changes: dict[str, object]):
    """Change some cells, keeping the exact 18-digit numbers the export holds (openpyxl would round them)."""
    wb = load_workbook(path)
    ws = wb.active
    exact = {c.coordinate: c.value for row in ws.iter_rows() for c in row
             if isinstance(c.value, int) and c.value >= 10 ** 15}
    for ref, value in changes.items():
        ws[ref] = value
        exact.pop(ref, None)
        if isinstance(value, int) and value >= 10 ** 15:
            exact[ref] = value
    wb.save(path)
    exact_numbers(path, exact)
    return path


def _problems(loader, path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        _load(loader, path, **kwargs)
    return str(info.value)


def test_every_check_still_holds_on_an_export_with_excel_row_numbers(tmp_path):
    # SIASN rows 7-12 hold the people; column C is NIP BARU, J GOL AKHIR NAMA, E NAMA
    path = _edit(make_siasn_export(tmp_path / "siasn.xlsx"), {
        "C8": 196702141992021003,          # the same NIP as row 7
        "C9": "'19801325 200801 1 004",     # no 25th day of a 13th month
        "C10": 1.99104172015032e17,         # digits lost by Excel
        "J11": "III/f",                     # no such golongan
        "E12": "Hendra\x85 Gunawan",        # a control character (C1 NEL)
    })
    text = _problems(load_roster, path)
    assert "baris 8, kolom 'NIP BARU'" in text and "NIP sama dengan baris 7" in text
    assert "baris 9, kolom 'NIP BARU'" in text and "tanggal lahir 19801325" in text
    assert "baris 10, kolom 'NIP BARU'" in text and "Excel menyimpan NIP sebagai angka" in text
    assert "baris 11, kolom 'GOL AKHIR NAMA'" in text and "golongan III/f tidak dikenal" in text
    assert "baris 12, kolom 'NAMA'" in text and "karakter kendali" in text


def test_a_pns_nip_is_still_checked_for_its_pns_parts(tmp_path):
    # row 10 is Dewi (PNS): a sex digit 3 is refused; the PPPK number of row 11 has a TMT 202221 and passes
    path = _edit(make_siasn_export(tmp_path / "siasn.xlsx"), {"C10": "'199104172015033001"})
    text = _problems(load_roster, path)
    assert "baris 10, kolom 'NIP BARU'" in text and "jenis kelamin" in text
    assert "baris 11" not in text


def test_a_golongan_that_does_not_fit_the_pangkat_column(tmp_path):
    # SIMPEG rows 8-13; column E GOLRU, F PANGKAT, row 10 is Agus (III/c, Penata)
    path = _edit(make_simpeg_export(tmp_path / "simpeg.xlsx"), {"F10": "Pembina"})
    text = _problems(load_roster, path)
    assert "baris 10, kolom 'PANGKAT'" in text and "golongan III/c adalah 'Penata', bukan 'Pembina'" in text


def test_a_pppk_kind_with_a_pns_golongan(tmp_path):
    path = _edit(make_siasn_export(tmp_path / "siasn.xlsx"), {"J11": "III/b"})
    text = _problems(load_roster, path)
    assert "baris 11, kolom 'JENIS PEGAWAI'" in text and "golongan PPPK ditulis I sampai XVII" in text


def test_a_close_but_unknown_header_gets_a_suggestion(tmp_path):
    path = write_sheet(tmp_path / "r.xlsx", ["Nama", "NIP", "Golongan", "Jabtan"],
                       [["Budi", "19700101 200003 1 001", "IV/a", "Kepala"]])
    text = _problems(load_roster, path)
    assert "kolom wajib 'Jabatan' tidak ditemukan pada baris judul (baris 1)" in text
    assert "kolom 'Jabtan' tidak dikenal: maksud Anda 'Jabatan'?" in text


def test_an_optional_close_header_is_a_warning(tmp_path):
    path = write_sheet(tmp_path / "r.xlsx", ["Nama", "NIP", "Golongan", "Jabatan", "Instansii"],
                       [["Budi", "19700101 200003 1 001", "IV/a", "Kepala", "Kemendagri"]])
    signers, warnings = _load(load_roster, path)
    assert signers[0].agency is None
    assert any("kolom 'Instansii' tidak dikenal dan tidak dibaca; maksud Anda 'Instansi'?" in w for w in warnings)


def test_a_plain_roster_keeps_row_1_as_header_and_gives_no_notes(tmp_path):
    path = write_sheet(tmp_path / "r.xlsx", ["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"],
                       [[1, "Budi", "19700101 200003 1 001", "IV/a", "Kepala"]])
    signers, warnings = _load(load_roster, path)
    assert signers[0].row == 2 and warnings == []


def test_a_siasn_export_saved_as_csv(tmp_path):
    wb = load_workbook(make_siasn_export(tmp_path / "siasn.xlsx"))
    lines = []
    for row in wb.active.iter_rows(values_only=True):
        lines.append(";".join("" if v is None else str(v) for v in row).rstrip(";"))
    path = tmp_path / "siasn.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    signers, warnings = _load(load_roster, path)
    assert [s.name for s in signers] == [p["printed"] for p in EXPORT_PEOPLE]
    assert [s.row for s in signers] == list(range(7, 13))


def test_the_blank_staff_list_has_text_nip_cells_and_reads_back_once_filled(tmp_path):
    path = tmp_path / "pegawai.xlsx"
    assert run_cli("templat-pegawai", path).exit_code == 0
    wb = load_workbook(path)
    ws = wb["Pegawai"]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"]
    nip = headers.index("NIP") + 1
    assert ws.cell(row=2, column=nip).number_format == "@" and ws.cell(row=400, column=nip).number_format == "@"
    assert "Petunjuk" in wb.sheetnames
    ws.delete_rows(2)  # the example row, replaced by the unit's people
    ws.append([1, "Budi Santoso", "197001012000031001", "IV/a", "Kepala Bagian Umum"])
    wb.save(path)
    signers, _ = _load(load_roster, path)
    assert [(s.name, s.nip, str(s.pangkat)) for s in signers] == [("Budi Santoso", "197001012000031001",
                                                                   "Pembina (IV/a)")]
    again = run_cli("templat-pegawai", path)
    assert again.exit_code == 1 and "sudah ada" in again.output


def test_the_team_decree_from_a_simpeg_export(tmp_path):
    from conftest import ROOT, docx_text

    team = make_simpeg_export(tmp_path / "simpeg.xlsx", team=True)
    meta = tmp_path / "keputusan.yaml"
    meta.write_text('tanggal: 2021-03-08\nkode_klasifikasi: "120.05"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("decree", "--year", "2021", "--inputs", ROOT / "inputs", "--team", team, "--meta", meta,
                     "--out", out, "--format", "docx", "--register", out / "register.sqlite")
    assert result.exit_code == 0, result.output
    assert "judul kolom dibaca dari baris 5-6 (judul dua baris digabung)" in result.output
    text = docx_text(next(out.rglob("*.docx")))
    attachment = text[text.rindex("LAMPIRAN"):]
    for person in EXPORT_PEOPLE:
        assert person["printed"] in attachment
    assert attachment.index("Dr. Budi Santoso, S.H., M.H.") < attachment.index("Ir. Hendra Gunawan, M.T.")
    assert "5 Januari 2021" not in text  # the export's signature block is not a member


# ---------------------------------------------------------------- issue 22: a SIMPEG DUK, SIASN's numeric NIPs


def test_a_simpeg_duk_with_three_header_rows_and_repeated_page_headers(tmp_path):
    from official_layouts import DUK_PEOPLE, make_duk
    from reportgen.inputs.consistency import check_roster_posts

    path = make_duk(tmp_path / "duk.xlsx")
    signers, warnings = _load(load_roster, path)
    # the five people, on rows 9-11 (page 1) and 21-22 (page 2); nobody read from a title, header, column
    # number or "Halaman" row
    assert [(s.row, s.name, s.nip, str(s.pangkat)) for s in signers] == [
        (9, "Dr. Budi Santoso, S.H., M.H.", "196702141992021003", "Pembina Utama Muda (IV/c)"),
        (10, "Drs. Agus Prasetyo, M.Si.", "197003211995031002", "Pembina Tingkat I (IV/b)"),
        (11, "Siti Rahmawati, S.Sos., M.Si.", "197803122005012002", "Pembina (IV/a)"),
        (21, "Yuliana Handayani, S.E.", "198208172006042011", "Penata Tingkat I (III/d)"),
        (22, "Dewi Lestari, S.Kom.", "199104172015032001", "Penata Muda (III/a)")]
    assert [s.office for s in signers] == [p[3] for p in DUK_PEOPLE]
    assert [s.agency for s in signers] == [p[4] for p in DUK_PEOPLE]  # UNIT KERJA
    text = "\n".join(warnings)
    assert "judul kolom dibaca dari baris 5-7 (judul tiga baris digabung); baris 1-3 di atasnya" in text
    assert "baris 8 berisi nomor kolom" in text
    # said once, every row named: "Halaman 1", page 2's title, header and numbers, "Halaman 2"
    assert text.count("mengulang judul halaman") == 1
    assert "baris 12-15, 17-20, 23 mengulang judul halaman, judul kolom atau nomor halaman" in text
    assert "baris 25-30 di bawah tabel dianggap bagian penutup" in text
    # three heads of Tata Usaha, one in each directorate: three posts, no warning
    assert check_roster_posts(signers, str(path)) == []


def test_the_single_holder_rule_within_one_unit(tmp_path):
    from official_layouts import make_duk
    from reportgen.inputs.consistency import check_roster_posts

    path = make_duk(tmp_path / "duk.xlsx")
    wb = load_workbook(path)
    wb.active["O11"] = "Direktorat Politik Dalam Negeri"  # Siti now heads Tata Usaha where Agus does (row 10)
    wb.save(path)
    signers, _ = _load(load_roster, path)
    (problem,) = check_roster_posts(signers, str(path))
    assert problem.warning and problem.row == 11
    assert ("jabatan 'Kepala Subbagian Tata Usaha' di Direktorat Politik Dalam Negeri hanya dapat dipegang satu "
            "orang") in problem.message
    assert "Drs. Agus Prasetyo, M.Si. (NIP 19700321 199503 1 002)" in problem.message


def test_pacts_from_a_simpeg_duk_print_names_nips_and_golongan(example, tmp_path):
    from official_layouts import make_duk

    out = tmp_path / "out"
    result = run_cli("pacts", "--inputs", example, "--out", out, "--year", "2021", "--roster",
                     make_duk(tmp_path / "duk.xlsx"), "--format", "pdf", "--tanggal", "2021-03-17", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "judul kolom dibaca dari baris 5-7" in result.output
    texts = [pdf_text(p) for p in sorted(out.rglob("*.pdf")) if "cetak" not in p.name]
    assert len(texts) == 5
    yuliana = next(t for t in texts if "Yuliana Handayani" in t)
    assert "19820817 200604 2 011" in yuliana and "Penata Tingkat I (III/d)" in yuliana
    assert "Kepala Subbagian Tata Usaha" in yuliana


def test_a_nip_stored_as_a_number_is_read_only_when_exact(tmp_path):
    from official_layouts import make_siasn_numbers

    # the two NIPs the file holds as integers, digit for digit
    signers, _ = _load(load_roster, make_siasn_numbers(tmp_path / "exact.xlsx", only_exact=True))
    assert [(s.row, s.nip) for s in signers] == [(4, "196702141992021003"), (5, "198209142008012004")]
    text = _problems(load_roster, make_siasn_numbers(tmp_path / "siasn.xlsx"))
    # <v>1.9770805200408280e+17</v>: would print ... 2 800 for a NIP ending in 801
    assert "baris 5, kolom 'NIP BARU': NIP ditemukan 1.977080520040828e+17; NIP tersimpan sebagai bilangan " \
           "pecahan" in text
    assert "19770805 200408 2 800" not in text
    # <v>197512252001121001.0</v>: every digit there, but written as a float: refused all the same
    assert "baris 7, kolom 'NIP BARU': NIP ditemukan 1.97512252001121e+17" in text
    assert "baris 8, kolom 'NIP BARU': NIP ditemukan 1.98803032010122e+17" in text
    assert text.count("format kolom NIP sebagai Teks (Text) lalu ketik ulang NIP") == 3
    assert "baris 4" not in text and "baris 6" not in text
