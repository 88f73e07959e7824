"""End to end: `reportgen pacts` on the example and on generated rosters, as a secretariat user checks it."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import assert_in_order, docx_text, pdf_pages, pdf_text, run_cli, snapshot, words
from factories import LONG_NAME, make_roster, write_sheet

COMMITMENT_OPENINGS = [
    "1. Berperan secara proaktif", "2. Tidak meminta atau menerima pemberian",
    "3. Bersikap transparan, jujur", "4. Menghindari pertentangan kepentingan",
    "5. Memberi contoh dalam kepatuhan", "6. Akan menyampaikan informasi penyimpangan integritas di",
    "7. Bila saya melanggar hal-hal tersebut di atas",
]


def pacts(example: Path, out: Path, *extra: str):
    return run_cli("pacts", "--inputs", example, "--out", out, "--year", "2021", "--tanggal", "2021-03-17",
                   "--jobs", "2", *extra)


def write_roster(path: Path, header: list, rows: list[list]) -> Path:
    return write_sheet(path, header, rows)


@pytest.mark.slow
def test_example_gives_one_pact_per_official_with_print_file_and_manifest(example, tmp_path):
    out = tmp_path / "out"
    result = pacts(example, out)
    assert result.exit_code == 0, result.output
    folder = out / "2021" / "pakta-integritas"
    assert "Pakta integritas: 21 pakta; 44 berkas dalam" in result.output and str(folder) in result.output
    pdfs = sorted(p for p in folder.glob("*.pdf") if not p.name.endswith("-cetak.pdf"))
    docxs = sorted(folder.glob("*.docx"))
    assert len(pdfs) == len(docxs) == 21
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in pdfs] + [p.name for p in docxs] + ["pakta-integritas-2021-cetak.pdf", "manifest.csv"])

    with open(folder / "manifest.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["baris"] for r in rows] == [str(n) for n in range(2, 23)]
    for row in rows:
        for fmt in ("pdf", "docx"):
            data = (folder / row[f"berkas_{fmt}"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == row[f"sha256_{fmt}"]
        assert row["berkas_pdf"].startswith(row["nip"].replace(" ", "") + "-")

    first = rows[1]  # the head's own pact (rows[0]) has no witness
    text = pdf_text(folder / first["berkas_pdf"], layout=True)
    assert_in_order(text, ["KEMENTERIAN DALAM NEGERI", "PAKTA INTEGRITAS", "Nama", first["nama"], "NIP",
                           first["nip"], "Pangkat/Golongan", "Jabatan", "Instansi",
                           "dengan ini menyatakan bahwa saya"] + COMMITMENT_OPENINGS)
    assert "Jakarta, 17 Maret 2021" in text and "Pembuat Pernyataan," in text and "Menyaksikan," in text
    assert "Direktorat Jenderal Politik dan Pemerintahan Umum Kementerian Dalam Negeri serta" in " ".join(text.split())
    combined = folder / "pakta-integritas-2021-cetak.pdf"
    assert pdf_pages(combined) == 21
    # the print file holds the pacts in roster order
    assert rows[0]["nama"] in pdf_text(combined, 1) and rows[20]["nama"] in pdf_text(combined, 21)


def test_300_officials_each_with_its_pact_and_print_file(example, tmp_path, to_pdf_with_libreoffice):
    people = make_roster(tmp_path / "roster.xlsx", 300, long_names=3)
    out = tmp_path / "out"
    result = pacts(example, out, "--roster", tmp_path / "roster.xlsx")
    assert result.exit_code == 0, result.output
    folder = out / "2021" / "pakta-integritas"
    with open(folder / "manifest.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 300
    assert len(list(folder.glob("*.docx"))) == 300 and len(list(folder.glob("*.pdf"))) == 301
    assert pdf_pages(folder / "pakta-integritas-2021-cetak.pdf") == 300  # so every pact is one page
    for person, row in list(zip(people, rows))[:5] + list(zip(people, rows))[5::15]:  # long names first
        pdf = folder / row["berkas_pdf"]
        assert pdf_pages(pdf) == 1, pdf.name
        text = " ".join(pdf_text(pdf, layout=True).split())
        nip = person["NIP"]
        grouped = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
        assert person["Nama"] in text and grouped in text and person["Jabatan"] in text
        assert "Jakarta, 17 Maret 2021" in text
        assert_in_order(text, COMMITMENT_OPENINGS)
        assert ("(III/" in text) or ("(IV/" in text)

    # every DOCX, laid out by LibreOffice, is one page with the PDF's text in the PDF's order
    sample = [folder / r["berkas_docx"] for r in rows[:3]] + [folder / r["berkas_docx"] for r in rows[3::30]]
    for docx, converted in zip(sample, to_pdf_with_libreoffice(sample)):
        assert pdf_pages(converted) == 1, docx.name
        assert words(pdf_text(converted, layout=True)) == words(pdf_text(docx.with_suffix(".pdf"), layout=True)), docx.name


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_a_120_character_name_wraps_and_stays_on_one_page(example, tmp_path, paper, to_pdf_with_libreoffice):
    unit = example / "unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("kertas: A4", f"kertas: {paper}"), encoding="utf-8")
    make_roster(tmp_path / "roster.xlsx", 2, long_names=1)
    assert len(LONG_NAME) >= 120
    out = tmp_path / "out"
    assert pacts(example, out, "--roster", tmp_path / "roster.xlsx").exit_code == 0
    folder = out / "2021" / "pakta-integritas"
    pdf = next(p for p in folder.glob("*prof-dr-ir*.pdf"))
    assert pdf_pages(pdf) == 1
    expected_height = {"A4": 841.89, "F4": 935.43}[paper]
    from pypdf import PdfReader
    assert abs(float(PdfReader(str(pdf)).pages[0].mediabox.height) - expected_height) < 1
    assert " ".join(LONG_NAME.split()) in " ".join(pdf_text(pdf).split())
    (converted,) = to_pdf_with_libreoffice([pdf.with_suffix(".docx")])
    assert pdf_pages(converted) == 1
    assert words(pdf_text(converted, layout=True)) == words(pdf_text(pdf, layout=True))


@pytest.mark.slow
def test_duplex_adds_a_blank_back_after_each_pact(example, tmp_path):
    out = tmp_path / "out"
    assert pacts(example, out, "--duplex", "--format", "pdf").exit_code == 0
    combined = out / "2021" / "pakta-integritas" / "pakta-integritas-2021-cetak.pdf"
    assert pdf_pages(combined) == 42
    assert pdf_text(combined, 2).strip() == "" and "PAKTA INTEGRITAS" in pdf_text(combined, 3)


@pytest.mark.slow
def test_without_witness_there_is_no_menyaksikan_column(example, tmp_path):
    out = tmp_path / "out"
    assert pacts(example, out, "--tanpa-saksi", "--format", "pdf").exit_code == 0
    pdf = next((out / "2021" / "pakta-integritas").glob("1*.pdf"))
    text = pdf_text(pdf)
    assert "Menyaksikan" not in text and "Pembuat Pernyataan," in text


def test_supervisor_columns_make_the_witness(example, tmp_path):
    roster = write_roster(tmp_path / "r.xlsx",
                          ["Nama", "NIP", "Golongan", "Jabatan", "Nama Atasan", "NIP Atasan", "Jabatan Atasan"],
                          [["Budi Santoso", "19700101 200003 1 001", "IV/a", "Kepala Bagian Umum",
                            "Siti Rahma", "19650505 199003 2 002", "Sekretaris Direktorat Jenderal"]])
    out = tmp_path / "out"
    assert pacts(example, out, "--roster", roster).exit_code == 0
    text = pdf_text(next((out / "2021" / "pakta-integritas").glob("1970*.pdf")), layout=True)
    assert_in_order(text, ["Menyaksikan,", "Sekretaris Direktorat Jenderal,", "Siti Rahma", "NIP 19650505 199003 2 002"])
    assert "Pembina (IV/a)" in text


def test_file_names_are_safe_whatever_the_name_holds(example, tmp_path):
    names = ["A/B\\C 'Quoted' \"Name\"", "..", "Dr. ÉLISE Ñúñez, M.Si." + " Panjang" * 30]
    rows = [[n, f"1970010{i + 1}200003100{i + 1}", "III/a", "Staf"] for i, n in enumerate(names)]
    roster = write_roster(tmp_path / "r.xlsx", ["Nama", "NIP", "Pangkat/Golongan", "Jabatan"], rows)
    out = tmp_path / "out"
    assert pacts(example, out, "--roster", roster).exit_code == 0
    files = sorted(p.name for p in (out / "2021" / "pakta-integritas").glob("*.pdf"))
    assert files[:3] == ["197001012000031001-a-b-c-quoted-name.pdf", "197001022000031002-tanpa-nama.pdf",
                         files[2]]
    assert files[2].startswith("197001032000031003-dr-elise-nunez-m-si-panjang") and len(files[2]) < 100


def test_html_and_template_syntax_in_cells_is_printed_literally(example, tmp_path):
    name = "<b>Budi</b> {{ x }} & {% if %} Co"
    roster = write_roster(tmp_path / "r.xlsx", ["Nama", "NIP", "Pangkat/Golongan", "Jabatan"],
                          [[name, "197001012000031001", "III/a", "Staf <i>Umum</i>"]])
    out = tmp_path / "out"
    assert pacts(example, out, "--roster", roster).exit_code == 0
    folder = out / "2021" / "pakta-integritas"
    pdf = next(folder.glob("1970*.pdf"))
    assert name in pdf_text(pdf) and "Staf <i>Umum</i>" in pdf_text(pdf)
    assert name in docx_text(pdf.with_suffix(".docx"))


def test_csv_rosters_with_bom_semicolons_aliases_and_extra_columns(example, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_bytes("\ufeffNo;Jabatan;Pangkat / Gol.;NIP;Nama Lengkap;Catatan\n"
                       "1;Analis;Penata (III/c);19700101 200003 1 001;Budi Santoso;x\n".encode("utf-8"))
    out = tmp_path / "out"
    result = pacts(example, out, "--roster", roster)
    assert result.exit_code == 0, result.output
    text = pdf_text(next((out / "2021" / "pakta-integritas").glob("1970*.pdf")))
    assert "Budi Santoso" in text and "Penata (III/c)" in text


def test_windows_1252_csv_is_read_with_a_warning(example, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_bytes("Nama,NIP,Golongan,Jabatan\nJosé Núñez,197001012000031001,III/a,Staf\n".encode("cp1252"))
    out = tmp_path / "out"
    result = pacts(example, out, "--roster", roster)
    assert result.exit_code == 0
    assert "Peringatan" in result.output and "Windows-1252" in result.output
    assert "José Núñez" in pdf_text(next((out / "2021" / "pakta-integritas").glob("1970*.pdf")))


@pytest.mark.slow
def test_same_inputs_give_the_same_bytes(example, tmp_path):
    register = ("--register", tmp_path / "register.sqlite")  # one register: the same document IDs (issue 6)
    assert pacts(example, tmp_path / "a", *register).exit_code == 0
    assert pacts(example, tmp_path / "b", "--jobs", "1", *register).exit_code == 0
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


@pytest.mark.slow
def test_a_batch_killed_midway_leaves_only_complete_files(example, tmp_path):
    out = tmp_path / "out"
    assert pacts(example, out, "--format", "pdf").exit_code == 0
    before = snapshot(out)
    make_roster(tmp_path / "big.xlsx", 400)
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "pacts", "--inputs", str(example), "--out", str(out),
                             "--year", "2021", "--roster", str(tmp_path / "big.xlsx"), "--jobs", "2", "--ganti-semua"],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = out / "2021"
    deadline = time.time() + 60
    while time.time() < deadline and len(list(staging.glob(".reportgen-sementara-*/*.pdf"))) < 30:
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before it could be killed midway"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert snapshot(out / "2021" / "pakta-integritas") == {k.split("/", 2)[-1]: v for k, v in before.items()
                                                           if k.startswith("2021/pakta-integritas/")}
    from pypdf import PdfReader
    leftovers = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".pdf", ".docx")]
    for path in leftovers:
        if path.suffix == ".pdf":
            assert len(PdfReader(str(path)).pages) >= 1
    # the next run cleans the staging folder left by the killed one
    assert pacts(example, out, "--format", "pdf").exit_code == 0
    assert not list((out / "2021").glob(".reportgen-sementara-*"))


@pytest.mark.slow
def test_the_years_settings_file_dates_and_places_the_pacts_and_options_win(example, tmp_path):
    (example / "2021" / "pakta-integritas.yaml").write_text("tanggal: 2021-04-05\ntempat: Bogor\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("pakta", "2021", "--inputs", example, "--out", out, "--format", "pdf", "--jobs", "1")
    assert result.exit_code == 0, result.output
    folder = out / "2021" / "pakta-integritas"
    first = sorted(folder.glob("1*.pdf"))[0]
    assert "Bogor, 5 April 2021" in pdf_text(first)
    result = run_cli("pacts", "--inputs", example, "--out", out, "--tanggal", "2021-03-17", "--format", "pdf",
                     "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "Bogor, 17 Maret 2021" in pdf_text(first)


@pytest.mark.slow
def test_a_bad_settings_file_is_reported_with_its_keys_and_nothing_is_written(example, tmp_path):
    out = tmp_path / "out"
    assert pacts(example, out, "--format", "pdf").exit_code == 0
    before = snapshot(out)
    (example / "2021" / "pakta-integritas.yaml").write_text("tanggal: 17-03-2021\nkota: Bogor\n", encoding="utf-8")
    result = pacts(example, out, "--format", "pdf")  # checked even when --tanggal is given
    assert result.exit_code != 0
    assert "pakta-integritas.yaml" in result.output
    assert "tanggal harus berbentuk TTTT-BB-HH" in result.output and "17-03-2021" in result.output
    assert "kunci tidak dikenal" in result.output and "kota" in result.output
    assert "Traceback" not in result.output
    assert snapshot(out) == before
