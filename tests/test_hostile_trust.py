"""Hostile faults of the register, signing and outputs (issue 17): refused with a message, nothing lost.

Read-only folders: the tests run as root, for whom permission bits block nothing, so an unwritable
folder is simulated by a path whose parent is a regular file (mkdir and open fail with ENOTDIR, as
they fail with EACCES/EROFS on a read-only folder or mount: the same OSError path in the code).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from conftest import pdf_text, run_cli, snapshot
from factories import write_sheet
from test_sign import PASSWORD, make_certificate

from reportgen.errors import ReportgenError
from reportgen.output.atomic import sha256
from reportgen.trust.register import Register


def blank_pdf(path: Path, text: str = "") -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())
    return path


def issued_register(folder: Path, files: list[Path]) -> Path:
    """Return a register in which each file is an issued PDF of its own document (with an ID)."""
    path = folder / "register.sqlite"
    with Register(path) as reg:
        reg.secret()
        for index, file in enumerate(files):
            entry = reg.issue(kind="pakta", year=2021, identity=f"orang {index}", date=dt.date(2021, 3, 17),
                              subject="Pakta Integritas", person=f"Orang {index}")
            data = file.read_bytes()
            reg.record_files(entry, [(file, "pdf", sha256(data), len(data))], doc_id=f"ABCD-EFGH-{index:04d}")
    return path


@pytest.fixture
def register_with_document(tmp_path) -> tuple[Path, Path]:
    pdf = blank_pdf(tmp_path / "pakta.pdf")
    return issued_register(tmp_path, [pdf]), pdf


# ------------------------------------------------------------------ a register that is not whole


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _drop_files(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE files")


def _drop_secret(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM info WHERE key = 'id_secret'")


@pytest.mark.parametrize("damage, expected", [(_empty, "kosong (0 bita)"), (_drop_files, "tabel files hilang"),
                                               (_drop_secret, "kunci kode verifikasi hilang")],
                         ids=["zero-byte", "dropped-table", "deleted-secret"])
def test_a_register_that_is_not_whole_is_refused_not_recreated(register_with_document, tmp_path, damage, expected):
    register, pdf = register_with_document
    damage(register)
    before = register.read_bytes()
    with pytest.raises(ReportgenError, match=re.escape(expected)) as caught:
        Register(register)
    assert "pulihkan register dari cadangan" in str(caught.value)
    for args in (["register", "--register", register], ["verify", pdf, "--register", register]):
        result = run_cli(*args)
        assert result.exit_code == 1, result.output
        assert expected in result.output and "cadangan" in result.output
        assert "Traceback" not in result.output
    assert register.read_bytes() == before


def test_only_a_missing_path_creates_a_register(tmp_path):
    path = tmp_path / "baru" / "register.sqlite"
    with Register(path) as reg:
        secret = reg.secret()
    with Register(path) as reg:
        assert reg.secret() == secret
    assert not list(path.parent.glob(".*"))  # no temporary file left


def test_verify_and_register_open_it_read_only(register_with_document, tmp_path):
    register, pdf = register_with_document
    before, mtime = register.read_bytes(), register.stat().st_mtime_ns
    with Register(register, create=False, read_only=True) as reg:
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
            reg.db.execute("INSERT INTO info (key, value) VALUES ('x', 'y')")
    result = run_cli("verify", pdf, "--register", register)
    assert result.exit_code == 0 and "ASLI" in result.output, result.output
    result = run_cli("register", "--register", register)
    assert result.exit_code == 0 and "1 dokumen" in result.output, result.output
    assert register.read_bytes() == before and register.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in register.parent.iterdir() if p.name.startswith("register")) == ["register.sqlite"]


def test_verify_works_on_a_register_opened_through_a_read_only_uri(register_with_document, tmp_path, monkeypatch):
    """A read-only copy (CD, network share): every connection must ask for mode=ro, never create a journal."""
    register, pdf = register_with_document
    copy = tmp_path / "salinan.sqlite"
    shutil.copy(register, copy)
    real_connect = sqlite3.connect
    opened = []

    def connect(target, *args, **kwargs):
        opened.append(str(target))
        assert kwargs.get("uri") and str(target).endswith("?mode=ro"), target
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    result = run_cli("verify", pdf, "--register", copy)
    assert result.exit_code == 0, result.output
    assert opened


def test_backup_is_a_whole_register_with_the_same_key(register_with_document, tmp_path):
    register, pdf = register_with_document
    target = tmp_path / "cadangan" / "register-2021-03-17.sqlite"
    target.parent.mkdir()
    reader = sqlite3.connect(register)  # another process reading meanwhile
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM documents").fetchone()
    result = run_cli("register", "--register", register, "--cadangan", target)
    reader.close()
    assert result.exit_code == 0, result.output
    assert "1 dokumen" in result.output
    with Register(target, create=False, read_only=True) as copy, Register(register, create=False) as original:
        assert copy.db.execute("SELECT value FROM info WHERE key = 'id_secret'").fetchone()[0] == \
            original.db.execute("SELECT value FROM info WHERE key = 'id_secret'").fetchone()[0]
        assert len(copy.entries()) == 1
    result = run_cli("verify", pdf, "--register", target)
    assert result.exit_code == 0, result.output


def test_backup_into_an_unwritable_folder(register_with_document, tmp_path):
    register, _ = register_with_document
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    result = run_cli("register", "--register", register, "--cadangan", blocker / "cadangan.sqlite")
    assert result.exit_code == 1
    assert "tidak dapat ditulis" in result.output and "Traceback" not in result.output
    from reportgen.trust.register import backup_register

    with pytest.raises(ReportgenError, match="tidak boleh ditulis ke berkas register itu sendiri"):
        backup_register(register, register)


def test_verify_of_repeated_eof_lines_is_fast(register_with_document, tmp_path):
    register, _ = register_with_document
    hostile = tmp_path / "eof.pdf"
    hostile.write_bytes(b"%PDF-1.7\n" + b"%%EOF\n" * 350_000)  # 2 MB
    start = time.perf_counter()
    result = run_cli("verify", hostile, "--register", register)
    assert time.perf_counter() - start < 10
    assert result.exit_code == 1 and "TIDAK DIKENAL" in result.output, result.output


# ------------------------------------------------------------------ signing


def certificate(folder: Path, *, key: bool = True, start_days: int = -1, end_days: int = 30,
                signing: bool = True) -> Path:
    """Return a PKCS#12 file with a self-signed certificate as asked (protected by PASSWORD)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Budi Santoso")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now + dt.timedelta(days=start_days))
            .not_valid_after(now + dt.timedelta(days=end_days))
            .add_extension(x509.KeyUsage(digital_signature=signing, content_commitment=signing,
                                         key_encipherment=not signing, data_encipherment=False, key_agreement=False,
                                         key_cert_sign=False, crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .sign(private, hashes.SHA256()))
    path = folder / f"sertifikat-{key}-{start_days}-{end_days}-{signing}.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"budi", private if key else None, cert, None, serialization.BestAvailableEncryption(PASSWORD.encode())))
    return path


@pytest.fixture
def password_file(tmp_path) -> Path:
    path = tmp_path / "sandi.txt"
    path.write_bytes(b"\xef\xbb\xbf" + PASSWORD.encode() + b"\r\n")  # as Notepad saves it
    return path


@pytest.mark.parametrize("kind, expected", [
    (dict(key=False), "tanpa kunci privat"),
    (dict(end_days=-1, start_days=-30), "sudah kedaluwarsa"),
    (dict(start_days=5, end_days=30), "belum berlaku"),
    (dict(signing=False), "tidak untuk tanda tangan"),
], ids=["certificate-without-key", "expired", "not-yet-valid", "key-usage-without-signing"])
def test_sign_refuses_a_certificate_that_cannot_sign(register_with_document, tmp_path, password_file, kind, expected):
    register, pdf = register_with_document
    p12 = certificate(tmp_path, **kind)
    before = snapshot(tmp_path)
    result = run_cli("sign", pdf, "--p12", p12, "--password-file", password_file, "--register", register)
    assert result.exit_code == 1, result.output
    assert expected in result.output and str(p12) in result.output
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before


def test_sign_with_a_notepad_password_file(register_with_document, tmp_path, password_file):
    from test_sign import validate

    register, pdf = register_with_document
    p12, pem = make_certificate(tmp_path)
    result = run_cli("sign", pdf, "--p12", p12, "--password-file", password_file, "--register", register)
    assert result.exit_code == 0, result.output
    signed = tmp_path / "pakta-ttd.pdf"
    status, subfilter, _, _ = validate(signed, pem)  # the password from the file really opened the key
    assert status.intact and status.valid and subfilter == "/ETSI.CAdES.detached"
    with Register(register, read_only=True) as reg:  # the signed copy is recorded for the same document
        found = reg.find_file(sha256(signed.read_bytes()))
    assert [entry.identity for entry, _ in found] == ["orang 0"]
    checked = run_cli("verify", signed, "--register", register)
    assert checked.exit_code == 0 and "ASLI" in checked.output, checked.output


def test_sign_one_issued_one_foreign_signs_nothing(tmp_path, password_file):
    issued = blank_pdf(tmp_path / "terbit.pdf")
    register = issued_register(tmp_path, [issued])
    foreign = blank_pdf(tmp_path / "asing.pdf")
    with open(foreign, "ab") as handle:
        handle.write(b"\n% asing\n")
    p12, _ = make_certificate(tmp_path)
    before = snapshot(tmp_path)
    result = run_cli("sign", issued, foreign, "--p12", p12, "--password-file", password_file, "--register", register)
    assert result.exit_code == 1, result.output
    assert "Tidak ada berkas yang ditandatangani" in result.output and "asing.pdf" in result.output
    assert snapshot(tmp_path) == before


def test_sign_into_an_unwritable_folder_signs_nothing(register_with_document, tmp_path, password_file):
    register, pdf = register_with_document
    p12, _ = make_certificate(tmp_path)
    blocker = tmp_path / "berkas-biasa"
    blocker.write_text("x")
    before = snapshot(tmp_path)
    result = run_cli("sign", pdf, "--p12", p12, "--password-file", password_file, "--register", register,
                     "--ke", blocker / "ttd")
    assert result.exit_code == 1, result.output
    assert f"folder {blocker / 'ttd'} tidak dapat ditulis" in result.output
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before


# ------------------------------------------------------------------ unwritable targets


def test_templates_into_an_unwritable_folder(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    result = run_cli("templat", blocker / "templat")
    assert result.exit_code == 1
    assert f"folder {blocker / 'templat'} tidak dapat ditulis" in result.output
    assert "Traceback" not in result.output


def test_score_csv_into_an_unwritable_folder(example, tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    result = run_cli("score", "2021", "--inputs", example, "--csv", blocker / "nilai.csv")
    assert result.exit_code == 1
    assert f"folder {blocker} tidak dapat ditulis" in result.output
    assert "Traceback" not in result.output


def test_documents_into_an_unwritable_output_folder(example, tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    result = run_cli("action-plan", "2021", "--inputs", example, "--out", blocker / "hasil", "--format", "docx",
                     "--register", tmp_path / "register.sqlite")
    assert result.exit_code == 1
    assert "tidak dapat ditulis" in result.output
    assert "Traceback" not in result.output


# ------------------------------------------------------------------ the manifest


@pytest.mark.parametrize("cell, safe", [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+62", "'+62"), ("-1", "'-1"),
                                        ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
                                        ("Budi Santoso", "Budi Santoso"), ("", "")])
def test_spreadsheet_safe(cell, safe):
    from reportgen.output.batch import spreadsheet_safe

    assert spreadsheet_safe(cell) == safe


@pytest.mark.slow
def test_manifest_neutralises_formulas_and_documents_keep_the_names(example, tmp_path):
    names = ["=HYPERLINK(\"http://x\";\"Budi\")", "@Siti Rahmawati", "-Agus Prasetyo"]
    roster = write_sheet(tmp_path / "r.xlsx", ["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"],
                         [[i + 1, "x", f"19700101 200003 1 00{i + 1}", "IV/a", "Kepala Bagian"]
                          for i, name in enumerate(names)])
    from openpyxl import load_workbook

    workbook = load_workbook(roster)
    for i, name in enumerate(names):  # typed as text (a leading apostrophe in Excel), not as a formula
        cell = workbook.active.cell(row=i + 2, column=2)
        cell.value = name
        cell.data_type = "s"
    workbook.save(roster)
    out = tmp_path / "out"
    result = run_cli("pacts", "--inputs", example, "--out", out, "--year", "2021", "--roster", roster, "--format",
                     "pdf", "--tanggal", "2021-03-17", "--jobs", "1", "--register", tmp_path / "register.sqlite")
    assert result.exit_code == 0, result.output
    manifest = next(out.rglob("manifest.csv"))
    rows = list(csv.DictReader(io.StringIO(manifest.read_text(encoding="utf-8-sig"))))
    assert [r["nama"] for r in rows] == ["'" + n for n in names]
    pdfs = sorted(p for p in manifest.parent.glob("*.pdf") if p.name[0].isdigit())
    text = " ".join(" ".join(pdf_text(p).split()) for p in pdfs)
    for name in names:
        assert name in text


def test_verify_brings_a_register_of_an_older_reportgen_up_to_date(tmp_path):
    pdf = blank_pdf(tmp_path / "pakta.pdf")
    register = issued_register(tmp_path, [pdf])
    with sqlite3.connect(register) as db:  # as schema 1 had it: files without doc_id
        db.execute("DROP INDEX files_by_doc_id")
        db.execute("ALTER TABLE files DROP COLUMN doc_id")
    result = run_cli("verify", pdf, "--register", register)
    assert result.exit_code == 0, result.output
    assert "ASLI" in result.output and "Orang 0" in result.output
    with sqlite3.connect(register) as db:  # the missing column is back, and the file's ID with it
        columns = {row[1] for row in db.execute("PRAGMA table_info(files)")}
    assert "doc_id" in columns


def test_pacts_into_an_unwritable_output_folder(example, tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    result = run_cli("pacts", "--inputs", example, "--out", blocker / "hasil", "--year", "2021", "--format", "pdf",
                     "--tanggal", "2021-03-17", "--jobs", "1", "--register", tmp_path / "register.sqlite")
    assert result.exit_code == 1
    assert f"folder {blocker / 'hasil' / '2021'} tidak dapat ditulis" in result.output
    assert "Traceback" not in result.output


def test_a_register_left_by_a_killed_run_is_rolled_back_not_refused(tmp_path):
    """A run killed inside a transaction leaves a hot journal: the register is whole once rolled back."""
    pdfs = [blank_pdf(tmp_path / f"p{i}.pdf") for i in range(3)]
    register = issued_register(tmp_path, pdfs)
    writer = sqlite3.connect(register, isolation_level=None)
    writer.execute("PRAGMA cache_size = 1")  # pages spill to the file before the commit, as in a big run
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM files")
    writer.execute("DELETE FROM documents")
    writer.execute("CREATE TABLE filler (x)")
    writer.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 2000)
    killed = tmp_path / "mati"
    killed.mkdir()
    shutil.copy(register, killed / "register.sqlite")  # what a kill -9 leaves on disk
    shutil.copy(f"{register}-journal", killed / "register.sqlite-journal")
    writer.execute("ROLLBACK")
    writer.close()
    result = run_cli("verify", pdfs[1], "--register", killed / "register.sqlite")
    assert result.exit_code == 0 and "ASLI" in result.output, result.output
