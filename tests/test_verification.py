"""Document IDs and the verification mark: stable, unguessable IDs; a QR code on every page that decodes
to the ID (PDF and DOCX); the mark never changes pagination; --tanpa-qr leaves it out."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, docx_text, pdf_pages, pdf_text, run_cli
from factories import make_roster
from reportgen.errors import InputError, ProblemCollector
from reportgen.model.pact import PactOptions, build_pact
from reportgen.inputs.profile import load_profile
from reportgen.inputs.schemas.roster import load_roster
from reportgen.conventions.verification_url import qr_payload
from reportgen.trust.ids import Marker, document_hash, document_id, mark, normalize_id

ID_SHAPE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
URL = "https://polpum.kemendagri.go.id/verifikasi/{id}"


def decode_qr_codes(png: Path) -> list[str]:
    """Return the texts of the QR codes zxing-cpp finds in an image."""
    import zxingcpp
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]


def page_qr_codes(pdf: Path, tmp_path: Path, page: int = 1) -> list[str]:
    """Return the QR codes found on a rendered PDF page."""
    prefix = tmp_path / f"halaman-{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
                   check=True)
    return decode_qr_codes(next(tmp_path.glob(f"{prefix.name}*.png")))


@pytest.fixture(scope="module")
def pact():
    profile = load_profile(ROOT / "inputs" / "unit.yaml")
    signer = load_roster(ROOT / "inputs" / "2021" / "pegawai.xlsx", None, ProblemCollector())[0]
    return build_pact(profile, signer, PactOptions(dt.date(2021, 3, 17), "Jakarta"))


def test_a_field_added_to_the_model_later_keeps_the_ids_of_documents_made_before_it(pact):
    """A field added with ADDED_LATER (PageSetup.columns) leaves the hash of every document that keeps its
    default as it was before the field existed; a document that sets it hashes differently."""
    from reportgen.model.blocks import ADDED_LATER

    @dataclasses.dataclass(frozen=True)
    class Thing:  # as it was
        text: str = "isi"

    before = Thing

    @dataclasses.dataclass(frozen=True)
    class Thing:  # noqa: F811 - the same block with a field added later
        text: str = "isi"
        extra: int = dataclasses.field(default=0, metadata=ADDED_LATER)

    def hashed(block) -> str:
        return document_hash(dataclasses.replace(pact, blocks=(block,)))

    assert hashed(Thing()) == hashed(before())
    assert hashed(Thing(extra=2)) != hashed(before())
    assert document_hash(dataclasses.replace(pact, page=dataclasses.replace(pact.page, columns=2))) \
        != document_hash(pact)


def test_ids_are_short_grouped_stable_and_depend_on_secret_kind_and_content(pact):
    digest = document_hash(pact)
    first = document_id(b"k" * 32, "pakta-integritas", digest)
    assert ID_SHAPE.match(first)
    assert document_id(b"k" * 32, "pakta-integritas", digest) == first  # same inputs, same ID
    assert document_id(b"x" * 32, "pakta-integritas", digest) != first  # another register's secret
    assert document_id(b"k" * 32, "keputusan", digest) != first
    changed = dataclasses.replace(pact, meta=dataclasses.replace(pact.meta, date=dt.date(2021, 3, 18)))
    assert document_hash(changed) != digest
    # the mark itself is not part of what the ID covers
    marked = Marker(b"k" * 32, None).mark("pakta-integritas", pact)
    assert marked.doc_id == first and document_hash(marked.document) == digest
    # 1,000 different documents, 1,000 different IDs
    ids = {document_id(b"k" * 32, "pakta-integritas", f"{n:064x}") for n in range(1000)}
    assert len(ids) == 1000


def test_the_hash_names_files_by_content_not_by_where_they_lie(pact, tmp_path):
    logo = tmp_path / "lain" / "logo.png"
    logo.parent.mkdir()
    shutil.copy(pact.blocks[0].logo, logo)
    moved = dataclasses.replace(pact, blocks=(dataclasses.replace(pact.blocks[0], logo=logo),) + pact.blocks[1:])
    assert document_hash(moved) == document_hash(pact)
    logo.write_bytes(logo.read_bytes() + b"\0")
    assert document_hash(moved) != document_hash(pact)


@pytest.mark.parametrize("typed", ["7K3M-Q9PX-2HDA", "7k3mq9px2hda", " 7K3M Q9PX 2HDA ",
                                   "https://polpum.kemendagri.go.id/verifikasi/7K3M-Q9PX-2HDA",
                                   "reportgen periksa 7K3M-Q9PX-2HDA"])
def test_a_typed_or_scanned_id_is_read_back(typed):
    assert normalize_id(typed) == "7K3M-Q9PX-2HDA"


def test_lookalike_letters_read_as_digits_and_non_ids_are_refused():
    assert normalize_id("7K3M-Q9PX-2HDO") == "7K3M-Q9PX-2HD0" and normalize_id("IL00-0000-0000") == "1100-0000-0000"
    assert normalize_id("7K3M-Q9PX") is None and normalize_id("UUUU-UUUU-UUUU") is None


def test_qr_payload_and_lines():
    assert qr_payload(URL, "7K3M-Q9PX-2HDA") == "https://polpum.kemendagri.go.id/verifikasi/7K3M-Q9PX-2HDA"
    assert qr_payload(None, "7K3M-Q9PX-2HDA") == "reportgen periksa 7K3M-Q9PX-2HDA"
    assert mark("7K3M-Q9PX-2HDA", None).lines == ("Kode verifikasi: 7K3M-Q9PX-2HDA",
                                                  "Periksa keaslian: reportgen periksa 7K3M-Q9PX-2HDA")
    # the footer says what the QR code holds, and what it holds reads back as the code
    without = mark("7K3M-Q9PX-2HDA", None)
    assert without.lines[1].endswith(without.payload) and normalize_id(without.payload) == "7K3M-Q9PX-2HDA"
    assert mark("7K3M-Q9PX-2HDA", URL).lines[1].endswith("/verifikasi/7K3M-Q9PX-2HDA")


@pytest.mark.parametrize("url, message", [("https://contoh.go.id/verifikasi", "harus memuat {id}"),
                                          ("https://contoh.go.id/{id}/{nomor}", "kurung kurawal")])
def test_a_bad_verification_url_in_the_profile_is_named(example, url, message):
    unit = example / "unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + f'\nverifikasi:\n  url: "{url}"\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_profile(unit)
    assert "verifikasi.url" in str(error.value) and message in str(error.value)


@pytest.fixture(scope="module")
def marked_pacts(tmp_path_factory):
    """Three pacts with the unit's verification URL, and the same three without marks."""
    tmp = tmp_path_factory.mktemp("tanda")
    inputs = tmp / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    unit = inputs / "unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + f'\nverifikasi:\n  url: "{URL}"\n', encoding="utf-8")
    make_roster(tmp / "r.xlsx", 3, long_names=1)
    runs = {}
    for name, extra in (("dengan", ()), ("tanpa", ("--tanpa-qr",))):
        out = tmp / name
        result = run_cli("pacts", "--inputs", inputs, "--out", out, "--year", "2021", "--tanggal", "2021-03-17",
                         "--roster", tmp / "r.xlsx", "--jobs", "1", "--register", tmp / "register.sqlite", *extra)
        assert result.exit_code == 0, result.output
        folder = out / "2021" / "pakta-integritas"
        with open(folder / "manifest.csv", encoding="utf-8-sig") as f:
            runs[name] = (folder, list(csv.DictReader(f)))
    return runs


@pytest.mark.slow
def test_every_pact_page_carries_a_qr_code_that_decodes_to_its_id(marked_pacts, tmp_path):
    folder, rows = marked_pacts["dengan"]
    for row in rows:
        doc_id = row["kode_verifikasi"]
        assert ID_SHAPE.match(doc_id)
        pdf = folder / row["berkas_pdf"]
        assert pdf_pages(pdf) == 1  # the mark lives in the bottom margin: the pact stays on one page
        assert page_qr_codes(pdf, tmp_path) == [URL.replace("{id}", doc_id)]
        assert f"Kode verifikasi: {doc_id}" in pdf_text(pdf)
    # the print file: every page has its own pact's code
    combined = folder / "pakta-integritas-2021-cetak.pdf"
    for page, row in enumerate(rows, start=1):
        assert page_qr_codes(combined, tmp_path, page) == [URL.replace("{id}", row["kode_verifikasi"])]


def test_the_docx_footer_holds_the_qr_picture_and_the_id(marked_pacts, tmp_path, to_pdf_with_libreoffice):
    folder, rows = marked_pacts["dengan"]
    docxs = [folder / row["berkas_docx"] for row in rows]
    for row, docx in zip(rows, docxs):
        with zipfile.ZipFile(docx) as archive:
            footers = [n for n in archive.namelist() if re.fullmatch(r"word/footer\d+\.xml", n)]
            assert footers and all(row["kode_verifikasi"] in archive.read(n).decode() for n in footers)
            picture = tmp_path / f"{docx.stem}.png"
            picture.write_bytes(archive.read("word/media/kode-verifikasi.png"))
        assert decode_qr_codes(picture) == [URL.replace("{id}", row["kode_verifikasi"])]
        assert row["kode_verifikasi"] not in docx_text(docx)  # in the footer, not in the body
    # laid out by LibreOffice: still one page each, and the printed page shows the right code
    for row, converted in zip(rows, to_pdf_with_libreoffice(docxs)):
        assert pdf_pages(converted) == 1
        assert page_qr_codes(converted, tmp_path) == [URL.replace("{id}", row["kode_verifikasi"])]


def test_without_qr_no_mark_is_printed_but_the_ids_are_the_same(marked_pacts, tmp_path):
    folder, rows = marked_pacts["tanpa"]
    marked_rows = marked_pacts["dengan"][1]
    assert [r["kode_verifikasi"] for r in rows] == [r["kode_verifikasi"] for r in marked_rows]
    pdf = folder / rows[0]["berkas_pdf"]
    assert "Kode verifikasi" not in pdf_text(pdf) and page_qr_codes(pdf, tmp_path) == []
    with zipfile.ZipFile(folder / rows[0]["berkas_docx"]) as archive:
        assert not [n for n in archive.namelist() if "footer" in n or "kode-verifikasi" in n]


def test_batch_docx_parts_never_leak_from_one_document_to_the_next(marked_pacts):
    """The DOCX writer caches constant parts per batch: footers and QR pictures must still be each pact's own."""
    folder, rows = marked_pacts["dengan"]
    pictures = set()
    for row in rows:
        with zipfile.ZipFile(folder / row["berkas_docx"]) as archive:
            pictures.add(archive.read("word/media/kode-verifikasi.png"))
    assert len(pictures) == len(rows)


def test_a_character_no_font_has_in_yaml_text_is_an_error_not_a_blank(example, tmp_path):
    """Texts from unit.yaml and laporan.yaml reach the page without a table schema: they are checked too."""
    report = example / "2021" / "laporan.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("judul: Laporan Capaian",
                                                                 "judul: Laporan \U00013000 Capaian"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("annual-report", "2021", "--inputs", example, "--out", out, "--format", "pdf")
    assert result.exit_code == 1 and "U+13000" in result.output and "tidak dapat dicetak" in result.output
    assert not out.exists()  # nothing written, not even a register
    unit = example / "unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("alamat: Jalan", "alamat: \U00013000 Jalan"),
                    encoding="utf-8")
    result = run_cli("pacts", "--inputs", example, "--out", out, "--year", "2021", "--jobs", "1")
    assert result.exit_code == 1 and "U+13000" in result.output and "Jalan Medan Merdeka" in result.output
    assert not out.exists()


def test_the_qr_pictures_are_segnos_own_png_byte_for_byte():
    """render/qr.py writes a code's PNG itself, faster than segno: the same bytes, so every DOCX and PDF stays."""
    import io
    import random

    from reportgen.render.qr import _code, png

    rng = random.Random(3)
    for i in range(60):
        payload = "".join(rng.choice("ABCDEFGHJKMNPQRSTVWXYZ0123456789-") for _ in range(rng.randint(5, 150)))
        code = _code(("https://verifikasi.contoh.go.id/" if i % 2 else "") + payload)
        for scale in (1, 6):
            theirs = io.BytesIO()
            code.save(theirs, kind="png", scale=scale, border=0)
            assert png(code, scale) == theirs.getvalue()
