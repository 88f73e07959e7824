"""Hostile inputs, second round (issue 28): a number is never reused, nothing is written over a file reportgen did
not write, a remake of an unchanged document gives the same bytes, and signing refuses a file of many people."""

from __future__ import annotations

import builtins
import csv
import datetime as dt
import errno
import io
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import run_cli, snapshot
from test_hostile_trust import blank_pdf, issued_register
from test_sign import PASSWORD, make_certificate

from reportgen.errors import ReportgenError
from reportgen.trust.register import NumberTaken, Register

FORMAT = ("--format", "pdf", "--jobs", "1")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _numbers(register: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(register) as db:
        return db.execute("SELECT year, number FROM documents WHERE number IS NOT NULL ORDER BY id").fetchall()


# ------------------------------------------------------------------ a number is never reused


def test_a_new_year_started_from_the_last_never_issues_the_last_years_number(example, tmp_path):
    """Issue 28: `tahun-baru 2022` then `semua 2022` issued the 2022 decree under 2021's number, already in the
    register, with only warnings."""
    out = tmp_path / "out"
    assert run_cli("keputusan", "2021", "--inputs", example, "--out", out, *FORMAT[:2]).exit_code == 0
    started = run_cli("tahun-baru", "2022", "--inputs", example)
    assert started.exit_code == 0, started.output
    refused = run_cli("semua", "2022", "--inputs", example, "--out", out, *FORMAT)
    assert refused.exit_code == 1, refused.output
    assert "Traceback" not in refused.output
    for part in ("2022/keputusan-tim-rb.yaml, kunci 'nomor', baris 10", "'120.05-1487 TAHUN 2021'",
                 "nomor ini nomor tahun 2021, padahal keputusan ini untuk tahun 2022",
                 "Tulis nomor tahun 2022, atau ganti baris 'nomor' dengan kode_klasifikasi: \"120.05\"",
                 "Tidak ada berkas yang ditulis"):
        assert part in refused.output, refused.output
    assert not (out / "2022").exists()
    assert _numbers(example / "register.sqlite") == [(2021, "120.05-1487 TAHUN 2021")]
    # the settings say so: the number is taken anew, in 2022's sequence
    decree = example / "2022" / "keputusan-tim-rb.yaml"
    _edit(decree, 'nomor: "120.05-1487 TAHUN 2021"', 'kode_klasifikasi: "120.05"')
    dated = run_cli("semua", "2022", "--inputs", example, "--out", out, *FORMAT)
    assert dated.exit_code == 1, dated.output
    assert "kunci 'tanggal', baris 5: tanggal 2021-03-08 jatuh di tahun 2021" in dated.output
    assert "akan tertulis '120.05-1 TAHUN 2021'" in dated.output
    _edit(decree, "tanggal: 2021-03-08", "tanggal: 2022-03-08")
    done = run_cli("semua", "2022", "--inputs", example, "--out", out, *FORMAT)
    assert done.exit_code == 0, done.output
    assert "Nomor 120.05-1 TAHUN 2022" in done.output
    numbers = _numbers(example / "register.sqlite")
    assert numbers == [(2021, "120.05-1487 TAHUN 2021"), (2022, "120.05-1 TAHUN 2022")]


def test_a_number_any_year_holds_is_never_given_again(tmp_path):
    from reportgen.conventions.document_numbers import NumberPattern

    pattern = NumberPattern("{kode}/{nomor}/SK")  # a pattern without the year: numbers repeat only by mistake
    with Register(tmp_path / "register.sqlite") as reg:
        reg.issue(kind="keputusan", year=2021, identity="tim 2021", date=dt.date(2021, 3, 8), subject="Tim 2021",
                  number="800/7/SK", pattern=pattern)
        with pytest.raises(NumberTaken, match=r"Nomor 800/7/SK sudah tercatat .* keputusan tanggal 2021-03-08 tentang Tim 2021 \(tahun 2021"):
            reg.peek_number(kind="keputusan", year=2022, identity="tim 2022", date=dt.date(2022, 3, 8), code=None,
                            number="800/7/SK", pattern=pattern)
        # taken from the register, 2022's serial 7 would print 2021's number: it is skipped
        reg.issue(kind="lain", year=2022, identity="a", date=dt.date(2022, 1, 3), subject="a", code="800",
                  pattern=pattern)
        for serial in range(2, 7):
            reg.issue(kind="lain", year=2022, identity=f"n{serial}", date=dt.date(2022, 1, 3), subject="x",
                      code="800", pattern=pattern)
        taken = reg.issue(kind="lain", year=2022, identity="ketujuh", date=dt.date(2022, 1, 3), subject="x",
                          code="800", pattern=pattern)
    assert taken.number == "800/8/SK"


# ------------------------------------------------------------------ nothing written over another's file


@pytest.fixture
def issued(tmp_path) -> tuple[Path, Path, Path, Path]:
    """An issued PDF, its register and a certificate with its password file."""
    pdf = blank_pdf(tmp_path / "pakta.pdf")
    register = issued_register(tmp_path, [pdf])
    p12, _ = make_certificate(tmp_path)
    password = tmp_path / "sandi.txt"
    password.write_text(PASSWORD + "\n", encoding="utf-8")
    return pdf, register, p12, password


def test_signing_into_a_folder_never_replaces_a_file_reportgen_did_not_write(issued, tmp_path):
    """Issue 28: `tandatangani --ke FOLDER` overwrote a file already in that folder."""
    pdf, register, p12, password = issued
    folder = tmp_path / "ttd"
    folder.mkdir()
    theirs = folder / "pakta-ttd.pdf"
    theirs.write_bytes(b"%PDF-1.7 milik orang lain")
    before = snapshot(tmp_path)
    args = ("tandatangani", pdf, "--p12", p12, "--password-file", password, "--register", register, "--ke", folder)
    result = run_cli(*args)
    assert result.exit_code == 1, result.output
    assert f"{theirs} sudah ada dan bukan tanda tangan yang ditulis reportgen" in result.output
    assert "Tidak ada berkas yang ditandatangani" in result.output and "Traceback" not in result.output
    assert snapshot(tmp_path) == before
    theirs.unlink()
    assert run_cli(*args).exit_code == 0
    again = run_cli(*args)  # its own signed copy, recorded in the register, is signed again
    assert again.exit_code == 0, again.output


def test_templates_are_never_copied_over_files_and_every_clash_is_named_first(tmp_path):
    folder = tmp_path / "templat-unit"
    folder.mkdir()
    (folder / "print.css").write_text("/* milik unit */")
    (folder / "contoh-gaya.pdf").write_bytes(b"milik unit")
    before = snapshot(folder)
    result = run_cli("templat", folder)
    assert result.exit_code == 1, result.output
    assert f"{folder / 'print.css'}, {folder / 'contoh-gaya.pdf'} sudah ada" in result.output
    assert snapshot(folder) == before  # nothing copied before the clash was found
    (folder / "print.css").unlink()
    (folder / "contoh-gaya.pdf").unlink()
    assert run_cli("templat", folder).exit_code == 0
    # the style sample made again: over reportgen's own, never over a copy someone saved again
    assert run_cli("templat", folder, "--contoh-saja").exit_code == 0
    from docx import Document

    sample = Document(str(folder / "contoh-gaya.docx"))
    sample.core_properties.last_modified_by = "Sekretariat"
    sample.save(str(folder / "contoh-gaya.docx"))
    before = snapshot(folder)
    edited = run_cli("templat", folder, "--contoh-saja")
    assert edited.exit_code == 1, edited.output
    assert f"{folder / 'contoh-gaya.docx'} sudah ada dan bukan contoh gaya yang ditulis reportgen" in edited.output
    assert snapshot(folder) == before


def test_blank_workbooks_are_never_written_over_a_file(tmp_path):
    folder = tmp_path / "2022"
    folder.mkdir()
    (folder / "tim-rb.xlsx").write_bytes(b"milik sekretariat")
    result = run_cli("templat-kosong", "--ke", folder)
    assert result.exit_code == 1 and f"{folder / 'tim-rb.xlsx'} sudah ada" in result.output, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["tim-rb.xlsx"]  # none written: all named first
    roster = tmp_path / "pegawai.xlsx"
    roster.write_bytes(b"milik sekretariat")
    again = run_cli("templat-pegawai", roster)
    assert again.exit_code == 1 and f"{roster} sudah ada" in again.output
    assert roster.read_bytes() == b"milik sekretariat"


def test_a_blank_staff_list_is_never_written_under_another_suffix(tmp_path):
    """Issue 28: `templat-pegawai pegawai.csv` wrote XLSX bytes into a .csv file."""
    result = run_cli("templat-pegawai", tmp_path / "pegawai.csv")
    assert result.exit_code == 1 and "beri nama berakhiran .xlsx" in result.output
    assert not (tmp_path / "pegawai.csv").exists()


def test_a_new_year_is_never_copied_over_a_file(example):
    (example / "2022").mkdir()
    (example / "2022" / "tim-rb.xlsx").write_bytes(b"susunan baru")
    before = snapshot(example)
    result = run_cli("tahun-baru", "2022", "--inputs", example)
    assert result.exit_code == 1 and "2022 sudah berisi tim-rb.xlsx" in result.output
    assert snapshot(example) == before


def test_a_new_year_into_an_inputs_folder_that_cannot_be_written(example, monkeypatch):
    """Issue 28: `tahun-baru` into a read-only inputs/ gave an OSError traceback. The tests run as root, whom
    permission bits do not stop: the file system's refusal is what a read-only mount says."""
    import reportgen.inputs.new_year as new_year

    def read_only(file, mode="r", *args, **kwargs):
        if "x" in mode or "w" in mode:
            raise OSError(errno.EROFS, "Read-only file system", str(file))
        return builtins.open(file, mode, *args, **kwargs)

    monkeypatch.setattr(new_year, "open", read_only, raising=False)
    (example / "2022").mkdir()  # the folder may exist; its files cannot be made
    before = snapshot(example)
    result = run_cli("tahun-baru", "2022", "--inputs", example)
    assert result.exit_code == 1, result.output
    assert f"Folder {example / '2022'} tidak dapat ditulis (sistem berkas hanya-baca)" in result.output
    assert "Tidak ada berkas yang disalin" in result.output and "Traceback" not in result.output
    assert snapshot(example) == before


# ------------------------------------------------------------------ remakes are exact


def _manifest(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "manifest.csv").read_text(encoding="utf-8-sig"))))


@pytest.fixture
def pacts(example, tmp_path) -> tuple[Path, Path, tuple]:
    """The example's pacts issued once (PDF and DOCX): the inputs, the pacts' folder, the command's arguments."""
    out = tmp_path / "out"
    args = ("pakta", "2021", "--inputs", example, "--out", out, "--jobs", "1")
    first = run_cli(*args)
    assert first.exit_code == 0, first.output
    return example, out / "2021" / "pakta-integritas", args


def test_a_remake_of_an_unchanged_person_gives_the_same_bytes(pacts):
    """Issue 28: `pakta 2021 --nip X` for an unchanged person wrote other bytes, said "1 berubah", and the earlier
    copy was then reported "sudah diganti"."""
    example, folder, args = pacts
    before = snapshot(folder)
    nips = [row["nip"].replace(" ", "") for row in _manifest(folder)]
    result = run_cli(*args, "--nip", nips[3], "--nip", nips[12])
    assert result.exit_code == 0, result.output
    others = len(nips) - 2
    assert f"2 pakta dibuat ulang: 0 berubah, 2 tetap sama; {others} lainnya tidak disentuh" in result.output
    assert "berkas cetak tetap sama" in result.output
    assert snapshot(folder) == before  # every file, the manifest and the print file: the same bytes
    check = run_cli("periksa", "--inputs", example, "--out", folder.parent.parent, *sorted(folder.glob("*.pdf")))
    assert check.exit_code == 0, check.output
    assert "sudah diganti" not in check.output


def test_people_no_longer_in_the_list_are_named_and_kept_or_removed_as_asked(pacts):
    """Issue 28: a person removed from the list since the last run was silently dropped from the manifest and the
    print file, and their files left behind unmentioned."""
    import openpyxl

    example, folder, args = pacts
    rows = _manifest(folder)
    leaving = rows[5]
    stem = Path(leaving["berkas_pdf"]).stem
    roster = example / "2021" / "pegawai.xlsx"
    book = openpyxl.load_workbook(roster)
    sheet = book.active
    nip_column = [c.value for c in sheet[1]].index("NIP") + 1
    for row in range(2, sheet.max_row + 1):
        if str(sheet.cell(row, nip_column).value).replace(" ", "") == leaving["nip"].replace(" ", ""):
            sheet.delete_rows(row)
            break
    book.save(roster)
    staying = rows[0]["nip"].replace(" ", "")
    kept = run_cli(*args, "--nip", staying)
    assert kept.exit_code == 0, kept.output
    assert f"1 pakta yang tidak lagi ada di daftar pegawai tetap disimpan (di manifest dan berkas cetak, di akhir): " \
           f"{stem}" in kept.output
    assert (folder / f"{stem}.pdf").is_file() and (folder / f"{stem}.docx").is_file()
    assert [r["nip"] for r in _manifest(folder)][-1] == leaving["nip"]
    assert len(PdfReader(folder / "pakta-integritas-2021-cetak.pdf").pages) == len(rows)  # kept, at the end
    removed = run_cli(*args, "--nip", staying, "--ganti-semua")
    assert removed.exit_code == 0, removed.output
    assert f"1 pakta yang tidak lagi ada di daftar pegawai dihapus (berkasnya juga): {stem}" in removed.output
    assert not (folder / f"{stem}.pdf").exists() and not (folder / f"{stem}.docx").exists()
    assert leaving["nip"] not in [r["nip"] for r in _manifest(folder)]
    assert len(PdfReader(folder / "pakta-integritas-2021-cetak.pdf").pages) == len(rows) - 1


# ------------------------------------------------------------------ signing refuses a file of many people


def test_signing_refuses_the_print_file_as_the_web_page_does(pacts, tmp_path):
    """Issue 28: `tandatangani` signed a print file of 20 pacts, its box over the 20th person's column."""
    example, folder, _ = pacts
    p12, _ = make_certificate(tmp_path)
    password = tmp_path / "sandi.txt"
    password.write_text(PASSWORD + "\n", encoding="utf-8")
    before = snapshot(folder)
    one = sorted(folder.glob("1*.pdf"))[0]
    result = run_cli("tandatangani", one, folder / "pakta-integritas-2021-cetak.pdf", "--p12", p12,
                     "--password-file", password, "--inputs", example, "--out", folder.parent.parent)
    assert result.exit_code == 1, result.output
    assert "pakta-integritas-2021-cetak.pdf: berkas ini memuat dokumen banyak orang (berkas cetak)" in result.output
    assert "Tidak ada berkas yang ditandatangani" in result.output
    assert snapshot(folder) == before


def test_signing_refuses_any_pdf_that_names_more_than_one_signer(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import Destination, Fit

    from reportgen.trust.sign import sign_files

    writer = PdfWriter()
    for n in (1, 2):  # two documents' main signers, as a batch's combined layout names them
        page = writer.add_blank_page(width=595, height=842)
        writer.add_named_destination_object(Destination(f"ttd-utama-{n}", page.indirect_reference,
                                                        Fit.xyz(300, 300)))
    buffer = io.BytesIO()
    writer.write(buffer)
    combined = tmp_path / "gabungan.pdf"
    combined.write_bytes(buffer.getvalue())
    register = issued_register(tmp_path, [combined])
    p12, _ = make_certificate(tmp_path)
    with pytest.raises(ReportgenError, match="memuat dokumen banyak orang"):
        sign_files([combined], p12, PASSWORD.encode(), register)
    assert not (tmp_path / "gabungan-ttd.pdf").exists()


def test_signed_copies_of_two_files_of_one_name_are_refused(tmp_path):
    from reportgen.trust.sign import sign_files

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = blank_pdf(tmp_path / "a" / "pakta.pdf"), blank_pdf(tmp_path / "b" / "pakta.pdf")
    with open(second, "ab") as handle:
        handle.write(b"\n% lain\n")
    register = issued_register(tmp_path, [first, second])
    p12, _ = make_certificate(tmp_path)
    with pytest.raises(ReportgenError, match="tanda tangan keduanya akan ditulis ke"):
        sign_files([first, second], p12, PASSWORD.encode(), register, folder=tmp_path / "ttd")
    assert not (tmp_path / "ttd").exists()


def test_a_single_document_never_replaces_a_file_of_its_name_reportgen_did_not_write(example, tmp_path):
    """A signed scan saved under the decree's own name stays; reportgen's own earlier file is replaced."""
    out = tmp_path / "out"
    first = run_cli("keputusan", "2021", "--inputs", example, "--out", out, "--format", "pdf")
    assert first.exit_code == 0, first.output
    again = run_cli("keputusan", "2021", "--inputs", example, "--out", out, "--format", "pdf")
    assert again.exit_code == 0, again.output  # its own file, known to the register by its content
    decree = out / "2021" / "keputusan-tim-rb-2021.pdf"
    decree.write_bytes(b"%PDF-1.7 hasil pindaian bertanda tangan")
    before = snapshot(out)
    refused = run_cli("keputusan", "2021", "--inputs", example, "--out", out, "--format", "pdf")
    assert refused.exit_code == 1, refused.output
    assert "bukan terbitan reportgen" in refused.output and str(decree) in refused.output
    assert "Traceback" not in refused.output
    assert snapshot(out) == before
