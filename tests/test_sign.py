"""`reportgen sign`: PAdES B-B signatures that pyHanko validates, placed in the signature block, on a batch of
pacts; the text still extracts, verify still identifies the document, and the password is never shown."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, pdf_text, run_cli

PASSWORD = "Rahasia-Sekali-7319"


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """Return a throwaway PKCS#12 (key and self-signed certificate, protected by PASSWORD) and its PEM certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Budi Santoso"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ditjen Polpum"),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    p12, pem = folder / "penanda-tangan.p12", folder / "penanda-tangan.pem"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"budi", key, cert, None,
                                                          serialization.BestAvailableEncryption(PASSWORD.encode())))
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return p12, pem


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Three pacts and a throwaway certificate."""
    base = tmp_path_factory.mktemp("tandatangan")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    out = base / "outputs"
    result = run_cli("pacts", "--inputs", inputs, "--out", out, "--register", out / "register.sqlite", "--year", "2021", "--tanggal", "2021-03-17",
                     "--jobs", "1", "--format", "pdf")
    assert result.exit_code == 0, result.output
    folder = out / "2021" / "pakta-integritas"
    with open(folder / "manifest.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))[:3]
    p12, pem = make_certificate(base)
    password_file = base / "sandi.txt"
    password_file.write_text(PASSWORD + "\n")
    return out, folder, rows, p12, pem, password_file


def validate(pdf: Path, pem: Path):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    with open(pdf, "rb") as f:
        reader = PdfFileReader(f)
        [signature] = reader.embedded_signatures
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[load_cert_from_pemder(pem)]))
        return status, signature.sig_object["/SubFilter"], signature.sig_field["/Rect"], signature.signer_cert


@pytest.fixture(scope="module")
def signed(batch):
    out, folder, rows, p12, pem, password_file = batch
    pdfs = [folder / row["berkas_pdf"] for row in rows]
    result = run_cli("sign", *pdfs, "--p12", p12, "--password-file", password_file, "--out", out, "--register", out / "register.sqlite",
                     "--inputs", out / "tidak-ada", "--tempat", "Jakarta")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert "3 berkas ditandatangani" in result.output
    return [p.with_name(p.stem + "-ttd.pdf") for p in pdfs], result.output


@pytest.mark.slow
def test_a_batch_of_signed_pacts_validates_as_pades(batch, signed):
    _, _, rows, _, pem, _ = batch
    files, output = signed
    for row, pdf in zip(rows, files):
        assert pdf.is_file() and f"Ditandatangani: {pdf}" in output and row["nama"] in output
        status, subfilter, rect, cert = validate(pdf, pem)
        assert status.intact and status.valid and status.trusted and status.bottom_line
        assert subfilter == "/ETSI.CAdES.detached"  # PAdES
        assert cert.subject.human_friendly.startswith("Common Name: Budi Santoso")


def test_the_signature_sits_in_the_declarers_signature_space_and_the_text_remains(batch, signed):
    from pypdf import PdfReader

    from reportgen.trust.sign import _text_runs

    _, folder, rows, _, pem, _ = batch
    files, _ = signed
    for row, pdf in zip(rows, files):
        _, _, rect, _ = validate(pdf, pem)
        left, bottom, right, top = (float(v) for v in rect)
        runs = _text_runs(PdfReader(str(pdf)).pages[0])
        declarer = next(r for r in runs if r.text == "Pembuat Pernyataan,")
        name = next(r for r in runs if r.text == row["nama"] and r.x > 250)
        stamp = next(r for r in runs if r.text == "Rp10.000")
        assert name.y < bottom < top < declarer.y  # between "Pembuat Pernyataan," and the name
        assert left > stamp.x and right <= 595.3 - 56  # right of the duty stamp, inside the right margin
        text = pdf_text(pdf)
        assert "PAKTA INTEGRITAS" in text and row["nama"] in text and row["kode_verifikasi"] in text
        assert pdf_text(pdf).count("Bila saya melanggar") == pdf_text(folder / row["berkas_pdf"]).count(
            "Bila saya melanggar")


def test_verify_still_identifies_a_signed_pact(batch, signed):
    out, _, rows, _, _, _ = batch
    files, _ = signed
    result = run_cli("verify", "--out", out, "--register", out / "register.sqlite", "--inputs", out / "tidak-ada", *files)
    assert result.exit_code == 0, result.output
    assert "(ditandatangani secara elektronik)" in result.output
    for row in rows:
        assert row["nama"] in result.output and f"kode verifikasi {row['kode_verifikasi']}" in result.output
    # the original, unsigned files are still issued too
    originals = [f.with_name(f.name.replace("-ttd", "")) for f in files]
    assert run_cli("verify", "--out", out, "--register", out / "register.sqlite", "--inputs", out / "tidak-ada", *originals).exit_code == 0


def test_the_password_is_asked_without_echo_and_never_shown(batch, tmp_path):
    from reportgen.cli.commands import main

    out, folder, rows, p12, pem, _ = batch
    pdf = folder / rows[0]["berkas_pdf"]
    result = CliRunner().invoke(main, ["sign", str(pdf), "--p12", str(p12), "--out", str(out), "--register", str(out / "register.sqlite"), "--inputs",
                                       str(out / "tidak-ada"), "--ke", str(tmp_path)], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Kata sandi sertifikat" in result.output and PASSWORD not in result.output
    status, *_ = validate(tmp_path / (pdf.stem + "-ttd.pdf"), pem)
    assert status.bottom_line
    wrong = CliRunner().invoke(main, ["sign", str(pdf), "--p12", str(p12), "--out", str(out), "--register", str(out / "register.sqlite"), "--inputs",
                                      str(out / "tidak-ada"), "--ke", str(tmp_path / "x")], input="salah\n")
    assert wrong.exit_code == 1 and "kata sandi salah" in wrong.output
    assert "Traceback" not in wrong.output and not (tmp_path / "x").exists()


@pytest.mark.slow
def test_the_password_never_reaches_the_process_arguments(batch, tmp_path):
    """Signing as a separate process: the password is in a file; its arguments and output never hold it."""
    out, folder, rows, p12, _, password_file = batch
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "sign", str(folder / rows[1]["berkas_pdf"]),
                                "--p12", str(p12), "--password-file", str(password_file), "--out", str(out), "--register", str(out / "register.sqlite"),
                                "--inputs", str(out / "tidak-ada"), "--ke", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    arguments = Path(f"/proc/{process.pid}/cmdline").read_bytes() if os.path.exists(f"/proc/{process.pid}") else b""
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert PASSWORD.encode() not in arguments and PASSWORD not in stdout + stderr


def test_only_issued_pdfs_are_signed(batch, tmp_path):
    out, folder, rows, p12, _, password_file = batch
    stranger = tmp_path / "lain.pdf"
    shutil.copy(folder / rows[0]["berkas_pdf"], stranger)
    stranger.write_bytes(stranger.read_bytes() + b"\n% diubah\n")
    good = folder / rows[2]["berkas_pdf"]
    result = run_cli("sign", good, stranger, "--p12", p12, "--password-file", password_file, "--out", out, "--register", out / "register.sqlite",
                     "--inputs", out / "tidak-ada", "--ke", tmp_path / "hasil")
    assert result.exit_code == 1
    assert "Tidak ada berkas yang ditandatangani" in result.output and str(stranger) in result.output
    assert not (tmp_path / "hasil").exists()  # checked first, all at once: nothing signed
