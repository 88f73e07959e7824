"""`reportgen verify`: issued files are recognised, altered or unknown ones reported in Indonesian with exit 1,
a typed or scanned ID is looked up; every document kind is registered with its files and ID."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    """The example's pacts (PDF and DOCX), generated once: (output folder, pacts folder, manifest rows)."""
    base = tmp_path_factory.mktemp("terbit")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    out = base / "outputs"
    result = run_cli("pacts", "--inputs", inputs, "--out", out, "--year", "2021", "--tanggal", "2021-03-17",
                     "--jobs", "2", "--register", out / "register.sqlite")
    assert result.exit_code == 0, result.output
    assert f"Dicatat di register {out / 'register.sqlite'}" in result.output
    folder = out / "2021" / "pakta-integritas"
    with open(folder / "manifest.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    return out, folder, rows


def verify(out: Path, *args):
    return run_cli("verify", "--out", out, "--inputs", out / "tidak-ada", "--register", out / "register.sqlite", *args)


def test_every_generated_pact_is_reported_as_issued(issued):
    out, folder, rows = issued
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 22
    result = verify(out, *pdfs)
    assert result.exit_code == 0, result.output
    assert result.output.count("\nASLI  ") + result.output.startswith("ASLI  ") == 22
    assert "Semua 22 berkas asli" in result.output
    first = rows[0]
    assert (f"Pakta Integritas, {first['nama']}, tanggal 17 Maret 2021" in result.output
            and f"kode verifikasi {first['kode_verifikasi']}" in result.output)
    assert "Berkas cetak Pakta Integritas, tanggal 17 Maret 2021" in result.output
    docx = verify(out, *sorted(folder.glob("*.docx")))
    assert docx.exit_code == 0 and "Semua 21 berkas asli" in docx.output


def test_a_copy_elsewhere_is_still_issued(issued, tmp_path):
    out, folder, rows = issued
    copy = tmp_path / "kiriman.pdf"
    shutil.copy(folder / rows[3]["berkas_pdf"], copy)
    result = verify(out, copy)
    assert result.exit_code == 0 and f"ASLI  {copy}" in result.output and rows[3]["nama"] in result.output


def flip_one_byte(path: Path, where: float = 0.5) -> None:
    data = bytearray(path.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("where", [0.0005, 0.5, 0.999])
def test_one_changed_byte_makes_the_file_altered(issued, tmp_path, where):
    out, folder, rows = issued
    row = rows[1]
    # altered and sent elsewhere: only the ID printed on the page still links it to the register
    moved = tmp_path / "diubah.pdf"
    shutil.copy(folder / row["berkas_pdf"], moved)
    flip_one_byte(moved, where)
    good = folder / rows[2]["berkas_pdf"]
    result = verify(out, good, moved)
    assert result.exit_code == 1, result.output
    assert f"ASLI  {good}" in result.output
    if where == 0.5:  # a changed content stream: the ID printed on the page is still readable
        assert f"DIUBAH  {moved}" in result.output, result.output
        assert f"kode verifikasi {row['kode_verifikasi']} milik dokumen ini" in result.output
        assert row["nama"] in result.output and "jangan dipercaya" in result.output
    else:
        assert (f"DIUBAH  {moved}" in result.output) or (f"TIDAK DIKENAL  {moved}" in result.output)
    assert "1 dari 2 berkas asli" in result.output


def test_altering_a_file_in_its_place_is_always_reported_as_altered(issued, tmp_path):
    out, folder, rows = issued
    target = folder / rows[4]["berkas_pdf"]
    original = target.read_bytes()
    try:
        for where in (0.0005, 0.5, 0.999):
            target.write_bytes(original)
            flip_one_byte(target, where)
            result = verify(out, target)
            assert result.exit_code == 1 and f"DIUBAH  {target}" in result.output, (where, result.output)
            assert rows[4]["nama"] in result.output
    finally:
        target.write_bytes(original)
    assert verify(out, target).exit_code == 0


def test_an_unknown_file_and_a_forged_id(issued, tmp_path):
    out, folder, rows = issued
    stranger = tmp_path / "lain.pdf"
    stranger.write_bytes(b"%PDF-1.7\n%%EOF\n")
    result = verify(out, stranger, tmp_path / "tidak-ada.pdf")
    assert result.exit_code == 1
    assert f"TIDAK DIKENAL  {stranger}" in result.output and "tidak pernah diterbitkan" in result.output
    assert f"TIDAK ADA  {tmp_path / 'tidak-ada.pdf'}" in result.output
    forged = verify(out, "--id", "7K3M-Q9PX-2HDA")
    assert forged.exit_code == 1 and "TIDAK DIKENAL  kode verifikasi 7K3M-Q9PX-2HDA" in forged.output
    nonsense = verify(out, "--id", "12345")
    assert nonsense.exit_code == 1 and "bukan kode verifikasi" in nonsense.output


def test_a_scanned_or_typed_id_names_the_document_and_its_files(issued):
    out, folder, rows = issued
    row = rows[5]
    for typed in (row["kode_verifikasi"], row["kode_verifikasi"].lower().replace("-", ""),
                  f"https://polpum.kemendagri.go.id/verifikasi/{row['kode_verifikasi']}"):
        result = verify(out, "--id", typed)
        assert result.exit_code == 0, result.output
        assert f"TERDAFTAR  kode verifikasi {row['kode_verifikasi']}" in result.output
        assert row["nama"] in result.output and row["berkas_pdf"] in result.output and row["berkas_docx"] in result.output


def test_an_incremental_update_of_an_issued_pdf_is_recognised_but_not_taken_as_issued(issued, tmp_path):
    out, folder, rows = issued
    updated = tmp_path / "ditambah.pdf"
    original = (folder / rows[6]["berkas_pdf"]).read_bytes()
    updated.write_bytes(original + b"1 0 obj\n<< /Tambahan true >>\nendobj\n%%EOF\n")
    result = verify(out, updated)
    assert result.exit_code == 1
    assert f"ASLI DENGAN TAMBAHAN  {updated}" in result.output and rows[6]["nama"] in result.output


def test_without_a_register_verify_explains_itself(tmp_path):
    result = run_cli("verify", "--out", tmp_path, "--inputs", tmp_path, str(tmp_path / "a.pdf"))
    assert result.exit_code == 1 and "Register unit tidak diketahui" in result.output and "--register" in result.output
    result = run_cli("verify", "--register", tmp_path / "r.sqlite", str(tmp_path / "a.pdf"))
    assert result.exit_code == 1 and "Register" in result.output and "tidak ditemukan" in result.output
    assert "Traceback" not in result.output
    usage = run_cli("verify", "--out", tmp_path)
    assert usage.exit_code == 2 and "--id KODE" in usage.output
