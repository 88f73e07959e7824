"""End to end: `reportgen action-plan` as the RB secretariat checks the plan and its realization report."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from openpyxl import Workbook

from conftest import (EXAMPLE_LETTERHEAD, ROOT, assert_in_order, content_words, docx_text,
                      libreoffice_available, pdf_pages, pdf_text, run_cli, snapshot)
from reportgen.render.docx_xml import cell_xml

pytestmark = pytest.mark.slow  # the example's plans laid out by WeasyPrint and LibreOffice for every test

AREA_NAMES = [
    "Manajemen Perubahan", "Deregulasi Kebijakan", "Penataan dan Penguatan Organisasi", "Penataan Tatalaksana",
    "Penataan Sistem Manajemen SDM Aparatur", "Penguatan Akuntabilitas", "Penguatan Pengawasan",
    "Peningkatan Kualitas Pelayanan Publik",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des"]
HEADER = ["No", "Area", "Kegiatan", "Output", "Indikator", "Target", "Satuan", "Jadwal", "Penanggung Jawab",
          "Anggaran", "Realisasi", "Kendala", "Tindak Lanjut", "Keterangan"]
# The header rows of the tables that flow over pages, as printed (repeated on each page by both programs).
PLAN_HEADER = f"No Kegiatan Output Indikator Target Satuan {' '.join(MONTHS)} Penanggung Jawab Anggaran (Rp)"
REALIZATION_HEADER = "No Kegiatan Target Jadwal Anggaran (Rp) Realisasi (%) Status Kendala Tindak Lanjut Keterangan"
REPEATED_HEADERS = {"plan": [PLAN_HEADER], "realization": [REALIZATION_HEADER], "long": [PLAN_HEADER]}


def layout_text(path: Path, page: int | None = None) -> str:
    """Return pdftotext -layout text: table rows stay on their lines, in reading order."""
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(path), "-"], check=True, capture_output=True, text=True).stdout


def write_plan(path: Path, rows: list[dict]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for number, row in enumerate(rows, start=1):
        base = {"No": number, "Output": "Dokumen", "Indikator": "Ditetapkan", "Target": 1, "Satuan": "Dokumen",
                "Jadwal": "Jan-Des", "Penanggung Jawab": "Bagian Umum", "Anggaran": 1000000, "Realisasi": 100}
        base.update(row)
        ws.append([base.get(h) for h in HEADER])
    wb.save(path)
    return path


def action_plan(example: Path, out: Path, *extra):
    return run_cli("action-plan", "2021", "--inputs", example, "--out", out, "--tanggal", "2021-03-15", *extra)


def long_rows(count: int) -> list[dict]:
    """Return `count` activities spread over the 8 areas, each with a Kegiatan cell of several lines."""
    return [{"Area": 1 + i * 8 // count,
             "Kegiatan": f"KEG{i:03d} uraian kegiatan uji yang cukup panjang sehingga sel ini terbagi atas "
                         f"beberapa baris teks AKHIR{i:03d}",
             "Output": f"Dokumen {i} ditetapkan",
             "Jadwal": ["Jan-Des", "TW II", "Mar, Jun, Sep, Des", "3-12"][i % 4],
             "Anggaran": f"{i % 90 + 10}.345,67"} for i in range(count)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The example plan and realization, and a 200-row plan; DOCX also converted by LibreOffice."""
    base = tmp_path_factory.mktemp("rencana-aksi")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    out = base / "out"
    result = action_plan(inputs, out, "--realisasi", "--per", "2021-12-31")
    assert result.exit_code == 0, result.output
    long_plan = write_plan(base / "panjang.xlsx", long_rows(200))
    long_out = base / "panjang"
    result = action_plan(inputs, long_out, "--plan", long_plan)
    assert result.exit_code == 0, result.output
    files = {
        "plan": out / "2021" / "rencana-aksi-rb-2021",
        "realization": out / "2021" / "realisasi-rencana-aksi-rb-2021",
        "long": long_out / "2021" / "rencana-aksi-rb-2021",
    }
    converted = {}
    if libreoffice_available():
        lo = base / "libreoffice"
        # one soffice call for the three documents; names must differ, so copy the long plan aside
        long_docx = base / "panjang-rencana-aksi.docx"
        shutil.copy(files["long"].with_suffix(".docx"), long_docx)
        sources = [files["plan"].with_suffix(".docx"), files["realization"].with_suffix(".docx"), long_docx]
        subprocess.run(["soffice", f"-env:UserInstallation=file://{base / 'lo-profile'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(lo)] + [str(p) for p in sources],
                       check=True, capture_output=True, timeout=600)
        converted = {key: lo / (src.stem + ".pdf") for key, src in zip(files, sources)}
    elif os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required under CI")
    return {"inputs": inputs, "out": out, "files": files, "lo": converted, "output": result.output}


def needs_libreoffice(generated):
    if not generated["lo"]:
        pytest.skip("LibreOffice (soffice) not installed: DOCX layout checks skipped")


def test_example_writes_plan_and_realization_in_both_formats(generated):
    folder = generated["out"] / "2021"
    assert sorted(p.name for p in folder.iterdir()) == [
        "realisasi-rencana-aksi-rb-2021.docx", "realisasi-rencana-aksi-rb-2021.pdf",
        "rencana-aksi-rb-2021.docx", "rencana-aksi-rb-2021.pdf"]


def test_plan_title_areas_in_official_order_totals_and_signature(generated):
    plan = generated["files"]["plan"]
    for text in (layout_text(plan.with_suffix(".pdf")), docx_text(plan.with_suffix(".docx"))):
        assert_in_order(text, [
            "KEMENTERIAN DALAM NEGERI",
            "RENCANA AKSI REFORMASI BIROKRASI DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM TAHUN 2021",
            *[f"{roman} {name}" for roman, name in zip(["I", "II", "III", "IV", "V", "VI", "VII", "VIII"],
                                                       AREA_NAMES)],
            "JUMLAH SELURUH AREA 3.355.646.913,56",
            "Terbilang: tiga miliar tiga ratus lima puluh lima juta enam ratus empat puluh enam ribu sembilan "
            "ratus tiga belas rupiah lima puluh enam sen",
            "Sel berarsir menunjukkan bulan pelaksanaan kegiatan",
            "Kegiatan program prioritas tahun 2021: Penataan Regulasi; Transformasi Teknologi Sistem Informasi; "
            "Peningkatan Kapasitas Aparatur",
            "Jakarta, 15 Maret 2021", "Direktur Jenderal Politik dan Pemerintahan Umum,",
            "Dr. Bahtiar Wicaksono, M.Si.", "NIP 19710515 199303 1 004",
        ])


def test_schedule_is_shaded_in_the_right_month_cells(generated):
    doc = open_docx(str(generated["files"]["plan"].with_suffix(".docx")))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "No")
    assert [c.text for c in table.rows[0].cells[6:18]] == MONTHS
    expected = {"Internalisasi nilai dasar ASN dan budaya kerja": {3, 6, 9, 12},  # Mar, Jun, Sep, Des
                "Pembentukan dan pemberdayaan agen perubahan": set(range(3, 13)),  # Maret - Desember
                "Pemantauan dan evaluasi pelaksanaan": set(range(1, 13)),  # TW I-IV
                "Analisis jabatan dan analisis beban kerja": set(range(5, 10)),  # 5-9
                "Evaluasi kelembagaan": {4, 5, 6}}  # TW II
    for start, months in expected.items():
        row = next(r for r in table.rows if r.cells[1].text.startswith(start))
        shaded = {m for m, cell in enumerate(row.cells[6:18], start=1)
                  if cell_xml(cell).tcPr is not None and cell_xml(cell).tcPr.find(qn("w:shd")) is not None}
        assert shaded == months, start


def test_each_activity_is_under_its_area_in_file_order(generated, tmp_path):
    rows = [{"Area": area, "Kegiatan": f"Kgt-{area}-{k}"} for k in range(2) for area in (8, 3, 1, 6, 2, 7, 5, 4)]
    plan = write_plan(tmp_path / "acak.xlsx", rows)
    out = tmp_path / "out"
    assert action_plan(generated["inputs"], out, "--plan", plan, "--format", "pdf").exit_code == 0
    text = layout_text(out / "2021" / "rencana-aksi-rb-2021.pdf")
    expected = []
    for number, name in enumerate(AREA_NAMES, start=1):
        expected += [name, f"Kgt-{number}-0", f"Kgt-{number}-1", "Jumlah Area"]
    assert_in_order(text, expected)


def test_totals_equal_the_exact_sum_of_amounts_that_do_not_round(generated, tmp_path):
    rows = [
        {"Area": 1, "Kegiatan": "A1", "Anggaran": "1.234.567,89"},
        {"Area": 1, "Kegiatan": "A2", "Anggaran": 2345678.91},
        {"Area": "Deregulasi Kebijakan", "Kegiatan": "B1", "Anggaran": "Rp 1,5 juta"},
        {"Area": 2, "Kegiatan": "B2", "Anggaran": "Rp1.500.000"},
        {"Area": 2, "Kegiatan": "B3", "Anggaran": "1.500.000,00"},
        {"Area": 3, "Kegiatan": "C1", "Anggaran": "0,01"},
        {"Area": 3, "Kegiatan": "C2", "Anggaran": "-"},
    ] + [{"Area": area, "Kegiatan": f"D{area}", "Anggaran": "1.000.000,33"} for area in range(4, 9)]
    plan = write_plan(tmp_path / "angka.xlsx", rows)
    out = tmp_path / "out"
    result = action_plan(generated["inputs"], out, "--plan", plan)
    assert result.exit_code == 0, result.output
    total = Decimal("1234567.89") + Decimal("2345678.91") + 3 * Decimal("1500000") + Decimal("0.01") \
        + 5 * Decimal("1000000.33")
    assert total == Decimal("13080248.46")
    stem = out / "2021" / "rencana-aksi-rb-2021"
    for text in (layout_text(stem.with_suffix(".pdf")), docx_text(stem.with_suffix(".docx"))):
        assert_in_order(text, [
            "A1", "1.234.567,89", "A2", "2.345.678,91", "Jumlah Area I", "3.580.246,80",
            "B1", "1.500.000,00", "B2", "1.500.000,00", "B3", "1.500.000,00", "Jumlah Area II", "4.500.000,00",
            "C1", "0,01", "C2", "Jumlah Area III", "0,01",
            "D4", "1.000.000,33", "Jumlah Area IV", "1.000.000,33",
            "Jumlah Area VIII", "1.000.000,33", "JUMLAH SELURUH AREA", "13.080.248,46",
            "Terbilang: tiga belas juta delapan puluh ribu dua ratus empat puluh delapan rupiah "
            "empat puluh enam sen",
        ])


def test_quarterly_schedule_has_four_quarter_cells(generated, tmp_path):
    rows = [{"Area": 1, "Kegiatan": "Q-a", "Jadwal": "TW II"}, {"Area": 2, "Kegiatan": "Q-b", "Jadwal": "Mei-Agt"}]
    plan = write_plan(tmp_path / "tw.xlsx", rows)
    out = tmp_path / "out"
    assert action_plan(generated["inputs"], out, "--plan", plan, "--triwulan").exit_code == 0
    stem = out / "2021" / "rencana-aksi-rb-2021"
    assert_in_order(layout_text(stem.with_suffix(".pdf")), ["Satuan", "TW I", "TW II", "TW III", "TW IV",
                                                            "Penanggung", "Sel berarsir menunjukkan triwulan"])
    doc = open_docx(str(stem.with_suffix(".docx")))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "No")
    assert [c.text for c in table.rows[0].cells[6:10]] == ["TW I", "TW II", "TW III", "TW IV"]
    for name, quarters in (("Q-a", {2}), ("Q-b", {2, 3})):
        row = next(r for r in table.rows if r.cells[1].text == name)
        shaded = {q for q, cell in enumerate(row.cells[6:10], start=1)
                  if cell_xml(cell).tcPr is not None and cell_xml(cell).tcPr.find(qn("w:shd")) is not None}
        assert shaded == quarters


def test_realization_report_summary_first_then_activities_with_status(generated):
    stem = generated["files"]["realization"]
    pdf = stem.with_suffix(".pdf")
    first = layout_text(pdf, 1)
    assert_in_order(first, [
        "LAPORAN REALISASI RENCANA AKSI REFORMASI BIROKRASI", "TAHUN 2021", "Keadaan per 31 Desember 2021",
        "Ringkasan Realisasi per Area Perubahan",
        *(" ".join(name.split()[:2]) for name in AREA_NAMES),
        "Jumlah 45 3.355.646.913,56 93,67 33 0 12 0",
        "dari 45 kegiatan rencana aksi pada 8 area perubahan, 33 kegiatan selesai dan 12 kegiatan terlambat, "
        "dengan rata-rata realisasi 93,67 persen",
    ])
    assert "1 Manajemen Perubahan 6 150.650.000,00 97,50 5 0 1 0" in " ".join(first.split())
    for text in (layout_text(pdf), docx_text(stem.with_suffix(".docx"))):
        assert_in_order(text, [
            "Rincian Realisasi per Kegiatan", "Manajemen Perubahan", "Pembentukan dan", "85", "Terlambat",
            "Sebagian agen", "Rata-rata Area I", "97,50",
            "Selesai 5, Berjalan 0, Terlambat 1, Belum Dimulai 0",
            "Peningkatan Kualitas Pelayanan Publik", "Rata-rata Area VIII", "97,00",
            "Terlambat: realisasi lebih rendah daripada bagian jadwal yang telah lewat per 31 Desember 2021",
            "Jakarta, 31 Desember 2021", "Dr. Bahtiar Wicaksono, M.Si.",
        ])


def test_status_follows_the_per_date(generated, tmp_path):
    rows = [{"Area": 1, "Kegiatan": "S-selesai", "Realisasi": 100},
            {"Area": 1, "Kegiatan": "S-berjalan", "Realisasi": 60, "Jadwal": "Jan-Des"},
            {"Area": 1, "Kegiatan": "S-terlambat", "Realisasi": 20, "Jadwal": "Jan-Mar"},
            {"Area": 1, "Kegiatan": "S-belum", "Realisasi": 0, "Jadwal": "Okt-Des"}]
    plan = write_plan(tmp_path / "status.xlsx", rows)
    out = tmp_path / "out"
    result = action_plan(generated["inputs"], out, "--plan", plan, "--realisasi", "--per", "2021-06-30",
                         "--format", "pdf")
    assert result.exit_code == 0, result.output
    text = layout_text(out / "2021" / "realisasi-rencana-aksi-rb-2021.pdf")
    assert_in_order(text, ["S-selesai", "Selesai", "S-berjalan", "Berjalan", "S-terlambat", "Terlambat",
                           "S-belum", "Belum Dimulai", "Selesai 1, Berjalan 1, Terlambat 1, Belum Dimulai 1"])


def test_bad_inputs_exit_1_list_every_problem_and_write_nothing(generated, tmp_path):
    rows = [{"Area": "Area Sembilan", "Kegiatan": "x"}, {"Area": 1, "Kegiatan": "x", "Jadwal": "Jnu-Des"},
            {"Area": 1, "Kegiatan": "x", "Anggaran": "-500.000"}, {"Area": 1, "Kegiatan": "x", "Anggaran": "lima"},
            {"Area": 1, "Kegiatan": "x", "Realisasi": 150}, {"Area": 1, "Kegiatan": "x", "Realisasi": "sebagian"},
            {"Area": 1, "Kegiatan": None}, {"Area": 1, "Kegiatan": "x", "Target": None}]
    plan = write_plan(tmp_path / "salah.xlsx", rows)
    out = tmp_path / "out"
    (out / "2021").mkdir(parents=True)
    (out / "2021" / "rencana-aksi-rb-2021.pdf").write_bytes(b"hasil lama")
    before = snapshot(out)
    result = action_plan(generated["inputs"], out, "--plan", plan, "--realisasi")
    assert result.exit_code == 1
    assert snapshot(out) == before
    output = result.output
    assert "Ditemukan 8 masalah" in output and "Tidak ada berkas yang ditulis" in output
    for where, message in [
        ("baris 2, kolom 'Area'", "area 'Area Sembilan' tidak dikenal"),
        ("baris 3, kolom 'Jadwal'", "bagian 'Jnu'"),
        ("baris 4, kolom 'Anggaran'", "tidak boleh negatif"),
        ("baris 5, kolom 'Anggaran'", "bukan jumlah uang"),
        ("baris 6, kolom 'Realisasi'", "di luar rentang 0-100"),
        ("baris 7, kolom 'Realisasi'", "bukan angka"),
        ("baris 8, kolom 'Kegiatan'", "'Kegiatan' wajib diisi"),
        ("baris 9, kolom 'Target'", "'Target' wajib diisi"),
    ]:
        line = next((l for l in output.splitlines() if where in l), "")
        assert message in line, (where, output)


def test_missing_plan_and_missing_realization_column(generated, tmp_path):
    out = tmp_path / "out"
    result = action_plan(generated["inputs"], out, "--plan", tmp_path / "tidak-ada.xlsx")
    assert result.exit_code == 1 and "berkas tidak ditemukan" in result.output
    wb = Workbook()
    wb.active.append(HEADER[:10])
    wb.active.append([1, 1, "x", "o", "i", 1, "s", "Jan", "pj", 1000])
    wb.save(tmp_path / "tanpa.xlsx")
    result = action_plan(generated["inputs"], out, "--plan", tmp_path / "tanpa.xlsx", "--realisasi")
    assert result.exit_code == 1 and "kolom 'Realisasi'" in result.output
    assert not out.exists()


def pages_keep_header_and_rows(pdf: Path, count: int) -> int:
    """Assert every page repeats the header and every row sits whole on one page; return pages."""
    pages = pdf_pages(pdf)
    seen: dict[str, int] = {}
    for page in range(1, pages + 1):
        text = layout_text(pdf, page)
        flat = " ".join(text.split())
        if "KEG" in flat or "JUMLAH SELURUH AREA" in flat:
            assert_in_order(text, ["No", "Kegiatan", "Output", "Indikator", "Target", "Satuan", *MONTHS,
                                   "Penanggung", "Anggaran (Rp)"])
        for name in AREA_NAMES:  # an area heading row never ends a page: its first activity follows it
            at = flat.find(name)
            assert at < 0 or "KEG" in flat[at:], f"heading '{name}' alone at the foot of page {page} of {pdf.name}"
        starts = re.findall(r"KEG(\d{3})", flat)
        ends = re.findall(r"AKHIR(\d{3})", flat)
        assert sorted(starts) == sorted(ends), f"a row is split across page {page} of {pdf.name}"
        for number in starts:
            assert number not in seen
            seen[number] = page
    assert len(seen) == count
    return pages


def test_200_rows_flow_over_pages_with_header_on_each_and_no_split_row_pdf(generated):
    pages = pages_keep_header_and_rows(generated["files"]["long"].with_suffix(".pdf"), 200)
    assert pages >= 10


def test_200_rows_flow_over_pages_with_header_on_each_and_no_split_row_docx(generated):
    needs_libreoffice(generated)
    pdf_pages_count = pdf_pages(generated["files"]["long"].with_suffix(".pdf"))
    pages = pages_keep_header_and_rows(generated["lo"]["long"], 200)
    assert abs(pages - pdf_pages_count) <= 1


@pytest.mark.parametrize("key", ["plan", "realization", "long"])
def test_docx_through_libreoffice_has_same_text_order_and_page_count(generated, key):
    needs_libreoffice(generated)
    ours, theirs = generated["files"][key].with_suffix(".pdf"), generated["lo"][key]
    assert abs(pdf_pages(ours) - pdf_pages(theirs)) <= 1
    # word for word the same text in the same order: all of it, from letterhead to signature
    ours_words, theirs_words = (content_words(pdf, REPEATED_HEADERS[key]) for pdf in (ours, theirs))
    assert ours_words[:len(EXAMPLE_LETTERHEAD)] == EXAMPLE_LETTERHEAD
    assert ours_words == theirs_words


def test_build_writes_the_plan_and_its_realization_when_the_sheet_has_one(tmp_path):
    inputs = tmp_path / "inputs"
    (inputs / "2021").mkdir(parents=True)
    for name in ("unit.yaml", "logo.png"):
        (inputs / name).write_bytes((ROOT / "inputs" / name).read_bytes())
    write_plan(inputs / "2021" / "rencana-aksi.xlsx", [{"Area": 1, "Kegiatan": "Satu-satunya"}])
    out = tmp_path / "out"
    result = run_cli("build", "2021", "--inputs", inputs, "--out", out, "--format", "pdf")
    assert result.exit_code == 1  # a past year's plan without its dates: refused, never dated today
    assert "rencana-aksi.yaml, kunci 'tanggal'" in result.output and "kunci 'per'" in result.output
    assert not out.exists()
    (inputs / "2021" / "rencana-aksi.yaml").write_text("tanggal: 2021-01-29\nper: 2021-09-30\n")
    result = run_cli("build", "2021", "--inputs", inputs, "--out", out, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert "Pakta integritas: dilewati" in result.output
    assert "Rencana aksi: 1 kegiatan; 1 berkas" in result.output
    assert "Realisasi rencana aksi: 1 kegiatan, keadaan per 30 September 2021; 1 berkas" in result.output
    assert sorted(p.name for p in (out / "2021").iterdir()) == [
        "realisasi-rencana-aksi-rb-2021.pdf", "rencana-aksi-rb-2021.pdf"]
    text = pdf_text(out / "2021" / "realisasi-rencana-aksi-rb-2021.pdf")
    assert "Keadaan per 30 September 2021" in text and "29 Januari 2021" in pdf_text(
        out / "2021" / "rencana-aksi-rb-2021.pdf")


def test_same_inputs_give_the_same_bytes(generated, tmp_path):
    plan = write_plan(tmp_path / "kecil.xlsx", [{"Area": 2, "Kegiatan": "Sama", "Realisasi": 40}])
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:  # one register for both runs: the same document IDs (issue 6)
        assert action_plan(generated["inputs"], out, "--plan", plan, "--realisasi", "--per", "2021-09-30",
                           "--register", tmp_path / "register.sqlite").exit_code == 0
    first, second = (snapshot(out) for out in outs)
    assert len(first) == 4 and first == second
