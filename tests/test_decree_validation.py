"""Bad team rosters and decree files: every problem at once with file/row/column or YAML key, exit 1,
the output folder (documents and register) untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT, run_cli, snapshot

DECREE = DATA / "decree"
TEAM_LINES = (DECREE / "tim-kecil.csv").read_text(encoding="utf-8").splitlines()
GOOD_YAML = 'tanggal: 2021-03-08\nkode_klasifikasi: "120.05"\n'
NEW_MEMBER = "Joko Susilo,19700101 200003 1 011,Analis Kebijakan Ahli Muda"


@pytest.fixture
def out(tmp_path) -> Path:
    """An output folder holding an earlier decree (as a user would have it)."""
    folder = tmp_path / "out"
    (folder / "2021").mkdir(parents=True)
    (folder / "2021" / "keputusan-tim-rb-2021.pdf").write_bytes(b"%PDF-1.7 hasil sebelumnya")
    return folder


def team(tmp_path: Path, replace: dict[int, str] | None = None, append: tuple[str, ...] = ()) -> Path:
    """Write the small valid team with some rows (numbered as in Excel, header is 1) replaced or added."""
    lines = list(TEAM_LINES)
    for row, text in (replace or {}).items():
        lines[row - 1] = text
    path = tmp_path / "tim.csv"
    path.write_text("\n".join(lines + list(append)) + "\n", encoding="utf-8")
    return path


def decree(tmp_path: Path, out: Path, team_file: Path | None = None, yaml_text: str = GOOD_YAML,
           inputs: Path = ROOT / "inputs"):
    meta = tmp_path / "keputusan.yaml"
    meta.write_text(yaml_text, encoding="utf-8")
    return run_cli("decree", "--year", "2021", "--inputs", inputs, "--team", team_file or DECREE / "tim-kecil.csv",
                   "--meta", meta, "--out", out, "--format", "docx", "--register", out / "register.sqlite")


def fails(result, out: Path, before: dict, *expected: str) -> str:
    assert result.exit_code == 1, result.output
    for part in expected:
        assert part in result.output, f"{part!r} not in:\n{result.output}"
    assert "Traceback" not in result.output
    assert "Tidak ada berkas yang ditulis" in result.output
    assert snapshot(out) == before
    return result.output


def test_unknown_position(tmp_path, out):
    before = snapshot(out)
    result = decree(tmp_path, out, team(tmp_path, append=(f"{NEW_MEMBER},Bendahara,1",)))
    fails(result, out, before, "tim.csv, baris 15, kolom 'Kedudukan': ditemukan 'Bendahara'",
          "kedudukan tidak dikenal", "Pengarah, Penanggung Jawab, Ketua, Wakil Ketua, Sekretaris, Koordinator, Anggota")


@pytest.mark.parametrize("area, expected", [
    ("9", "nomor area 9 tidak dikenal; diharapkan nomor 1-8 atau nama area"),
    ("0", "nomor area 0 tidak dikenal"),
    ("Area Keuangan", "area 'Area Keuangan' tidak dikenal; diharapkan nomor 1-8 atau nama area: 1 Manajemen"),
])
def test_area_not_1_to_8_nor_a_known_name(tmp_path, out, area, expected):
    before = snapshot(out)
    result = decree(tmp_path, out, team(tmp_path, append=(f"{NEW_MEMBER},Anggota,{area}",)))
    fails(result, out, before, "tim.csv, baris 15, kolom 'Area'", expected)


def test_area_missing_for_an_area_member(tmp_path, out):
    before = snapshot(out)
    result = decree(tmp_path, out, team(tmp_path, append=(f"{NEW_MEMBER},Anggota,",
                                                          "Lina Marlina,,Staf,Koordinator,")))
    fails(result, out, before, "Ditemukan 2 masalah",
          "baris 15, kolom 'Area': 'Area' wajib diisi untuk kedudukan Anggota",
          "baris 16, kolom 'Area': 'Area' wajib diisi untuk kedudukan Koordinator")


def test_no_area_column_at_all_is_reported_once(tmp_path, out):
    path = tmp_path / "tim.csv"
    path.write_text("Nama,Jabatan,Kedudukan\nSiti,Kepala Bagian,Ketua\nBudi,Staf,Anggota\nAni,Staf,Anggota\n",
                    encoding="utf-8")
    before = snapshot(out)
    output = fails(decree(tmp_path, out, path), out, before, "Ditemukan 1 masalah",
                   "kolom 'Area' tidak ada, padahal wajib untuk Koordinator dan Anggota")
    assert output.count("kolom 'Area' tidak ada") == 1


def test_no_chair(tmp_path, out):
    before = snapshot(out)
    no_chair = TEAM_LINES[2].replace(",Ketua,", ",Wakil Ketua,")
    result = decree(tmp_path, out, team(tmp_path, replace={3: no_chair}))
    fails(result, out, before, "tim.csv, kolom 'Kedudukan': tim belum memiliki Ketua; tepat satu orang")


def test_two_chairs(tmp_path, out):
    before = snapshot(out)
    result = decree(tmp_path, out, team(tmp_path, append=(f"{NEW_MEMBER},Ketua,",)))
    fails(result, out, before, "tim.csv, baris 15, kolom 'Kedudukan': Ketua tercantum 2 kali (baris 3, 15)")


def test_duplicate_person_by_nip_and_by_name(tmp_path, out):
    before = snapshot(out)
    result = decree(tmp_path, out, team(tmp_path, append=(
        "Siti R. S.H.,197501012000032001,Kepala Bagian Perencanaan,Anggota,2",   # NIP of row 3, other spelling
        "Eko  Gunawan,,Staf,Anggota,3",                                          # name of row 13, no NIP
    )))
    fails(result, out, before, "Ditemukan 2 masalah",
          "baris 15, kolom 'NIP': ditemukan '19750101200003200", "orang yang sama (NIP sama dengan baris 3)",
          "baris 16, kolom 'Nama': ditemukan 'Eko Gunawan'; orang yang sama (nama sama dengan baris 13)")


def test_same_name_with_different_nip_is_two_people(tmp_path):
    from conftest import docx_text

    out = tmp_path / "out"
    result = decree(tmp_path, out, team(tmp_path, append=(
        "Budi Santoso,19810101 200501 1 012,Analis Kebijakan Ahli Pertama,Anggota,2",)))
    assert result.exit_code == 0, result.output
    assert "orang yang sama" not in result.output
    text = " ".join(docx_text(out / "2021" / "keputusan-tim-rb-2021.docx").split())
    # both are in the attachment: the coordinator of area 1 and the new member of area 2, each with his office
    assert "Budi Santoso Direktur Politik Dalam Negeri Koordinator" in text
    assert "Budi Santoso Analis Kebijakan Ahli Pertama Anggota" in text


@pytest.mark.parametrize("nip, expected", [
    ("19700101 200003 3 011", "angka ke-15 (jenis kelamin) adalah 3"),
    ("1970010120000310", "NIP harus 18 angka, ditemukan 16 angka"),
    ("19701301 200003 1 011", "tanggal lahir 19701301 (angka ke-1 s.d. 8) tidak mungkin"),
])
def test_bad_nip(tmp_path, out, nip, expected):
    before = snapshot(out)
    result = decree(tmp_path, out, team(tmp_path, append=(f"Joko Susilo,{nip},Staf,Anggota,1",)))
    fails(result, out, before, "tim.csv, baris 15, kolom 'NIP'", expected)


def test_missing_subject(tmp_path, out):
    before = snapshot(out)
    result = decree(tmp_path, out, yaml_text=GOOD_YAML + 'tentang: ""\n')
    fails(result, out, before, "keputusan.yaml, kunci 'tentang', baris 3: tentang kosong; isi, atau hapus kunci ini")


@pytest.mark.parametrize("date", ["2021-02-30", "30 Februari 2021", "31-04-2021"])
def test_impossible_date(tmp_path, out, date):
    before = snapshot(out)
    result = decree(tmp_path, out, yaml_text=f'tanggal: {date}\nkode_klasifikasi: "120.05"\n')
    fails(result, out, before, f"keputusan.yaml, kunci 'tanggal', baris 1: ditemukan '{date}'",
          "tanggal tidak mungkin (tidak ada di kalender)")


def test_missing_date_and_unreadable_month(tmp_path, out):
    before = snapshot(out)
    result = decree(tmp_path, out, yaml_text='kode_klasifikasi: "120.05"\n')
    fails(result, out, before, "kunci 'tanggal': tanggal penetapan wajib diisi")
    result = decree(tmp_path, out, yaml_text='tanggal: 8 Maretz 2021\nkode_klasifikasi: "120.05"\n')
    fails(result, out, before, "kunci 'tanggal', baris 1: ditemukan '8 Maretz 2021'; nama bulan tidak dikenal")


def test_yaml_syntax_error_gives_its_line(tmp_path, out):
    before = snapshot(out)
    result = decree(tmp_path, out, yaml_text='tanggal: 2021-03-08\nkode_klasifikasi: "120.05"\nmenimbang:\n'
                                             '  - bahwa satu\n - bahwa dua\n')
    fails(result, out, before, "keputusan.yaml: baris 5, kolom 2, format YAML tidak sah: penjorokan")


@pytest.mark.parametrize("yaml_text, expected", [
    ("tanggal: 2021-03-08\nkode_klasifikasi: 120.10\n",
     ["kunci 'kode_klasifikasi', baris 2: ditemukan '120.1'; tulis kode klasifikasi di antara tanda petik"]),
    ('tanggal: 2021-03-08\nkode_klasifikasi: "120.05"\nnomor: "120.05-9 TAHUN 2021"\n',
     ["kunci 'nomor', baris 3: isi salah satu saja"]),
    ("tanggal: 2021-03-08\n", ["kunci 'kode_klasifikasi': isi kode_klasifikasi"]),
    ('tanggal: 2021-03-08\nkode_klasifikasi: "120.05"\ntentangg: Tim\n',
     ["kunci 'tentangg', baris 3: kunci tidak dikenal; kunci yang sah: nomor, kode_klasifikasi",
      "; maksud Anda 'tentang'?"]),
    ('tanggal: 2021-03-08\nkode_klasifikasi: "120.05"\ndiktum:\n  - teks: ""\n  - ""\n',
     ["kunci 'diktum[1].teks', baris 4: teks diktum wajib diisi", "kunci 'diktum[2]', baris 5: diktum kosong"]),
    ('tanggal: 2021-03-08\nkode_klasifikasi: "120.05"\npenandatangan:\n  nama: Budi\n  nip: "123"\n',
     ["kunci 'penandatangan.jabatan': jabatan wajib diisi", "kunci 'penandatangan.nip', baris 5",
      "NIP harus 18 angka"]),
], ids=["code as number", "number and code", "neither", "unknown key", "empty diktum", "signer"])
def test_number_keys_and_sections(tmp_path, out, yaml_text, expected):
    before = snapshot(out)
    fails(decree(tmp_path, out, yaml_text=yaml_text), out, before, *expected)


def test_every_problem_of_both_files_at_once(tmp_path, out):
    before = snapshot(out)
    no_chair = TEAM_LINES[2].replace(",Ketua,", ",Anggota,1")
    result = decree(tmp_path, out, team(tmp_path, replace={3: no_chair}, append=(f"{NEW_MEMBER},Bendahara,1",)),
                    yaml_text='tanggal: 2021-02-30\nkode_klasifikasi: "120.05"\ntentang: ""\n')
    fails(result, out, before, "Ditemukan 4 masalah", "kunci 'tanggal'", "kunci 'tentang'",
          "ditemukan 'Bendahara'", "tim belum memiliki Ketua")


def test_a_consideration_without_bahwa_is_a_warning_only(tmp_path):
    result = decree(tmp_path, tmp_path / "out", yaml_text=GOOD_YAML + "menimbang:\n  - bahwa satu\n"
                                                          "  - dalam rangka dua\n")
    assert result.exit_code == 0, result.output
    assert ("Peringatan: " in result.output and "kunci 'menimbang[2]'" in result.output
            and 'pertimbangan huruf b sebaiknya diawali kata "bahwa"' in result.output)
    assert (tmp_path / "out" / "2021" / "keputusan-tim-rb-2021.docx").is_file()


def test_a_number_another_decree_holds_is_refused(tmp_path, out):
    register = tmp_path / "register.sqlite"
    first = decree(tmp_path, tmp_path / "first", yaml_text=GOOD_YAML + "tentang: Tim Pertama\n")
    assert first.exit_code == 0 and "120.05-1 TAHUN 2021" in first.output
    shutil.move(tmp_path / "first" / "register.sqlite", register)
    shutil.copy(register, out / "register.sqlite")
    before = snapshot(out)
    result = decree(tmp_path, out, yaml_text='tanggal: 2021-03-09\nnomor: "120.05-1 tahun 2021"\ntentang: Tim Kedua\n')
    fails(result, out, before, "kunci 'nomor': Nomor 120.05-1 TAHUN 2021 sudah tercatat di register",
          "untuk dokumen lain: keputusan tanggal 2021-03-08 tentang Tim Pertama")


def test_a_bad_number_pattern_in_the_profile(tmp_path, out):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    profile = inputs / "unit.yaml"
    profile.write_text(profile.read_text().replace('pola: "{kode}-{nomor} TAHUN {tahun}"',
                                                   'pola: "{kode}-{urut}/{tahun}"'), encoding="utf-8")
    before = snapshot(out)
    result = decree(tmp_path, out, inputs=inputs)
    fails(result, out, before, "unit.yaml, kunci 'penomoran.pola'", "isian pola nomor tidak dikenal: urut")


def test_missing_team_file(tmp_path, out):
    before = snapshot(out)
    fails(decree(tmp_path, out, tmp_path / "tidak-ada.xlsx"), out, before, "tidak-ada.xlsx: berkas tidak ditemukan")
