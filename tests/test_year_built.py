"""The example year built once (`reportgen semua 2021`, PDF and DOCX) and what every kind carries: its
verification mark, its register entry and files, its main signer's space, the priorities plan and report
share. One module, so the year is built once per run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, pdf_pages, pdf_text, run_cli
from reportgen.model.blocks import MAIN_SIGNER
from reportgen.trust.register import Register
from test_verification import ID_SHAPE, page_qr_codes


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The example year built once for the module (`reportgen semua 2021`, PDF and DOCX): (inputs, out).
    Tests that only read what was written share it; a test that changes files makes its own."""
    base = tmp_path_factory.mktemp("semua")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    out = base / "out"
    result = run_cli("semua", "2021", "--inputs", inputs, "--out", out, "--format", "pdf,docx", "--jobs", "2")
    assert result.exit_code == 0, result.output
    return inputs, out


@pytest.mark.slow
def test_every_document_kind_carries_its_mark(tmp_path, built):
    example, out = built
    with Register(example / "register.sqlite", read_only=True) as reg:
        entries = {e.kind: e for e in reg.entries()}
    assert {"pakta-integritas", "pakta-integritas-cetak", "keputusan", "rencana-aksi", "realisasi-rencana-aksi",
            "laporan-capaian-rb"} <= set(entries)
    for name, kind in (("keputusan-tim-rb-2021.pdf", "keputusan"), ("rencana-aksi-rb-2021.pdf", "rencana-aksi"),
                       ("realisasi-rencana-aksi-rb-2021.pdf", "realisasi-rencana-aksi"),
                       ("laporan-capaian-rb-2021.pdf", "laporan-capaian-rb")):
        pdf = out / "2021" / name
        doc_id = entries[kind].doc_id
        assert ID_SHAPE.match(doc_id)
        pages = pdf_pages(pdf)
        for page in {1, pages}:  # first and last page alike
            assert f"Kode verifikasi: {doc_id}" in pdf_text(pdf, page), (name, page)
            # the footer says how to check the code, in the words the QR code holds
            assert f"Periksa keaslian: reportgen periksa {doc_id}" in pdf_text(pdf, page), (name, page)
        # no URL in the example profile: the command that checks the ID, as the footer says it
        assert page_qr_codes(pdf, tmp_path, pages) == [f"reportgen periksa {doc_id}"]


@pytest.mark.slow
def test_every_kind_is_registered_with_its_files_and_verify_knows_them(tmp_path, built):
    example, out = tmp_path / "inputs", tmp_path / "out"  # the year built once (PDF and DOCX), copied
    shutil.copytree(built[0], example)
    shutil.copytree(built[1], out)
    files = sorted(p for p in (out / "2021").rglob("*") if p.suffix in (".pdf", ".docx"))
    assert len(files) == 21 + 21 + 1 + 4 + 2 + 2 + 3 * 2  # ... and the ZI report, charter and minutes
    check = run_cli("verify", "--out", out, "--inputs", example, *files)
    assert check.exit_code == 0, check.output
    for text in ("Keputusan Nomor 120.05-1487 TAHUN 2021, tanggal 8 Maret 2021", "Rencana Aksi, tanggal",
                 "Realisasi Rencana Aksi, tanggal", "Laporan Capaian RB, tanggal 31 Desember 2021"):
        assert text in check.output, text
    with Register(example / "register.sqlite") as reg:
        entries = reg.entries(year=2021)
    assert len(entries) == 21 + 1 + 1 + 2 + 1 + 3
    # the minutes are numbered from the register like the decree: the next serial of their classification code
    minutes = next(e for e in entries if e.kind == "berita-acara-pencanangan-zi")
    assert minutes.number == "700-1 TAHUN 2021" and minutes.code == "700"
    for entry in entries:
        assert entry.doc_id and entry.inputs_sha256 and entry.version and entry.files, entry
        assert all(f.sha256 and f.size for f in entry.files)
    # built again, the same inputs give the same IDs and the same files
    again = run_cli("build", "2021", "--inputs", example, "--out", out, "--format", "pdf,docx")
    assert again.exit_code == 0
    with Register(example / "register.sqlite") as reg:
        assert [(e.kind, e.identity, e.doc_id) for e in reg.entries(year=2021)] == \
            [(e.kind, e.identity, e.doc_id) for e in entries]
        for entry, old in zip(reg.entries(year=2021), entries):  # the copy's files: those of the first build
            here = sorted((Path(f.path).relative_to(out), f.sha256) for f in entry.files
                          if Path(f.path).is_relative_to(out))
            first = sorted((Path(f.path).relative_to(built[1]), f.sha256) for f in old.files)
            assert here == first, entry.identity



def test_sign_finds_the_main_signer_of_every_kind_by_its_name(built):
    from pypdf import PdfReader

    from reportgen.trust.sign import signature_box

    _, out = built
    files = sorted((out / "2021").glob("*.pdf")) + sorted((out / "2021" / "pakta-integritas").glob("1*.pdf"))[:1]
    assert len(files) == 8  # 4 documents + 3 of the Zona Integritas + 1 pact
    for pdf in files:
        names = PdfReader(str(pdf)).named_destinations
        assert any(n == MAIN_SIGNER or n.startswith(MAIN_SIGNER + "-") for n in names), pdf.name
        found = signature_box(pdf.read_bytes())
        assert found is not None, pdf.name
    report = out / "2021" / "laporan-capaian-rb-2021.pdf"
    page, _ = signature_box(report.read_bytes())
    assert "KATA PENGANTAR" in pdf_text(report, page + 1)  # the foreword's signature, not the last page


def test_the_plan_and_the_report_state_the_same_priority_programmes(built):
    inputs, out = built
    plan = pdf_text(out / "2021" / "rencana-aksi-rb-2021.pdf")
    report = " ".join(pdf_text(out / "2021" / "laporan-capaian-rb-2021.pdf").split())
    for programme in ("Penataan Regulasi", "Peningkatan Kapasitas Aparatur", "Transformasi Teknologi Sistem Informasi"):
        assert programme in plan and programme in report, programme
