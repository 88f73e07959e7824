"""The team decree end to end, as the secretariat checks it: the example in both formats, a 150-member team
flowing over pages, default texts, ordinals past ten, and `reportgen build`."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from conftest import (DATA, ROOT, assert_in_order, content_words, docx_text,
                      EXAMPLE_LETTERHEAD, normalize, pdf_pages, pdf_text, run_cli)
from reportgen.conventions.areas import parse_area

DECREE = DATA / "decree"
STEM = "keputusan-tim-rb-2021"
OFFICE = "DIREKTUR JENDERAL POLITIK DAN PEMERINTAHAN UMUM"
SUBJECT = "TIM REFORMASI BIROKRASI DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM TAHUN 2021"
ATTACHMENT_HEADER = "No Nama Jabatan Kedudukan dalam Tim"  # repeated on each page of the attachment
LEADERSHIP = ["Pengarah", "Penanggung Jawab", "Ketua", "Wakil Ketua", "Sekretaris", "Wakil Sekretaris"]

# The parts of domain.md section 4, in order, with the example's own texts (layout text of the body).
BODY_IN_ORDER = [
    "KEMENTERIAN DALAM NEGERI", "DIREKTORAT JENDERAL POLITIK",
    f"KEPUTUSAN {OFFICE}", "KEMENTERIAN DALAM NEGERI", "NOMOR 120.05-1487 TAHUN 2021", "TENTANG",
    "TIM REFORMASI BIROKRASI DIREKTORAT JENDERAL POLITIK DAN", "PEMERINTAHAN UMUM TAHUN 2021",
    "DENGAN RAHMAT TUHAN YANG MAHA ESA", f"{OFFICE},",
    "Menimbang : a. bahwa dalam rangka melaksanakan Road Map", "b. bahwa untuk menyusun",
    "c. bahwa berdasarkan pertimbangan sebagaimana dimaksud",
    "Mengingat : 1. Undang-Undang Nomor 39 Tahun 2008", "2. Undang-Undang Nomor 5 Tahun 2014",
    "3. Peraturan Presiden Nomor 81 Tahun 2010", "4. Peraturan Menteri Pendayagunaan",
    "5. Peraturan Menteri Pendayagunaan", "6. Keputusan Menteri Dalam Negeri Nomor 100.05-144 Tahun",
    "MEMUTUSKAN:", "Menetapkan : KEPUTUSAN", "KESATU : Membentuk Tim Reformasi Birokrasi",
    "KEDUA : Tim sebagaimana dimaksud dalam Diktum KESATU mempunyai", "a. menyusun rencana aksi",
    "d. menyusun dan menyampaikan laporan", "KETIGA : Tim sebagaimana dimaksud",
    "KEEMPAT : Segala biaya yang timbul",
    "KELIMA : Keputusan Direktur Jenderal Politik dan Pemerintahan Umum ini mulai berlaku pada tanggal ditetapkan.",
    "Ditetapkan di Jakarta", "pada tanggal 8 Maret 2021", "DIREKTUR JENDERAL POLITIK DAN", "PEMERINTAHAN UMUM,",
    "Dr. Bahtiar Wicaksono, M.Si.", "NIP 19710515 199303 1 004",
    "Tembusan:", "1. Menteri Dalam Negeri;", "4. Ketua Tim Reformasi Birokrasi Kementerian Dalam Negeri.",
    "LAMPIRAN", "KEPUTUSAN DIREKTUR JENDERAL", "NOMOR : 120.05-1487 TAHUN 2021", "TANGGAL : 8 MARET 2021",
    "SUSUNAN KEANGGOTAAN", "No Nama Jabatan Kedudukan dalam",
]
# The same parts as running text (DOCX paragraphs; reading order of pdftotext without layout).
TEXT_IN_ORDER = [
    f"KEPUTUSAN {OFFICE}", "KEMENTERIAN DALAM NEGERI", "NOMOR 120.05-1487 TAHUN 2021", "TENTANG", SUBJECT,
    "DENGAN RAHMAT TUHAN YANG MAHA ESA", f"{OFFICE},", "Menimbang", "a.", "b.", "c.", "Mengingat", "1.", "2.",
    "6.", "MEMUTUSKAN:", "Menetapkan", "KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA",
    "Ditetapkan di Jakarta", "pada tanggal 8 Maret 2021", "Dr. Bahtiar Wicaksono, M.Si.", "Tembusan:",
    "LAMPIRAN", "SUSUNAN KEANGGOTAAN", "Pengarah dan Pimpinan Tim",
]


def example_members() -> list[tuple[str, str, int]]:
    """Return (name, position, area or 0) of the example team, read from the workbook as a user sees it."""
    sheet = load_workbook(ROOT / "inputs" / "2021" / "tim-rb.xlsx").active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    return [(name, position.strip().title(), parse_area(area).number if area else 0)
            for _, name, _, _, position, area in rows]


def expected_order(members: list[tuple[str, str, int]]) -> list[str]:
    """Return the attachment's order by hand: leadership by rank, then each area, its coordinator first."""
    def rank(m):
        name, position, area = m
        if area == 0:
            return (0, LEADERSHIP.index(position))
        return (area, 0 if position == "Koordinator" else 1)
    return [m[0] for m in sorted(members, key=rank)]  # sorted() is stable: file order within a rank


def numbered_rows(names: list[str], whole: bool = True) -> list[str]:
    """Return "No. Name" of each row; without `whole`, only the name up to its first comma (a name wraps
    in its cell: in a PDF's layout text only its first line follows the row number)."""
    return [f"{n}. {name if whole else name.split(',')[0]}" for n, name in enumerate(names, start=1)]


def write_big_team(path: Path, members: int = 150) -> Path:
    """Write a team whose every row wraps over lines: name starts with P###, office ends with J###."""
    rows = [["Nama", "NIP", "Jabatan", "Kedudukan", "Area"],
            ["Ketua Tim Uji", "", "Kepala Bagian Perencanaan", "Ketua", ""]]
    for n in range(1, members):
        rows.append([f"P{n:03d} Nama Anggota Tim Yang Cukup Panjang, S.H., M.Si.", "-",
                     f"Analis Kebijakan Ahli Muda pada Subdirektorat Pemantauan dan Evaluasi Wilayah J{n:03d}",
                     "Koordinator" if n % 19 == 1 else "Anggota", str((n - 1) // 19 + 1)])
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """The example decree and a 150-member decree, both formats (rendered once for the module)."""
    base = tmp_path_factory.mktemp("decree")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    result = run_cli("decree", "--year", "2021", "--inputs", inputs, "--out", base / "out")
    assert result.exit_code == 0, result.output
    output = result.output
    big = write_big_team(base / "tim-150.csv")
    result = run_cli("decree", "--year", "2021", "--inputs", inputs, "--team", big, "--out", base / "big")
    assert result.exit_code == 0, result.output
    return {"base": base, "output": output,
            "pdf": base / "out" / "2021" / f"{STEM}.pdf", "docx": base / "out" / "2021" / f"{STEM}.docx",
            "big_pdf": base / "big" / "2021" / f"{STEM}.pdf", "big_docx": base / "big" / "2021" / f"{STEM}.docx"}


def pages_text(pdf: Path, layout: bool = False) -> list[str]:
    return [pdf_text(pdf, n, layout=layout) for n in range(1, pdf_pages(pdf) + 1)]


def word_boxes(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """Return (page, left, right, top, word) of every word, from pdftotext's bounding boxes (points)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    boxes = []
    for page, content in enumerate(html.split("<page ")[1:], start=1):
        for x0, y0, x1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', content):
            boxes.append((page, float(x0), float(x1), float(y0), word))
    return boxes


def word_left_edges(pdf: Path, word: str) -> list[float]:
    """Return the left edge (points) of every occurrence of a word."""
    return [left for _, left, _, _, w in word_boxes(pdf) if w == word]


def check_body_and_attachment(pdf: Path, signature_with_table: bool = True) -> None:
    """Assert what a reader checks in a printed decree (used for WeasyPrint's PDF and LibreOffice's)."""
    layout = pdf_text(pdf, layout=True)
    assert_in_order(layout, BODY_IN_ORDER)
    assert_in_order(pdf_text(pdf), TEXT_IN_ORDER)
    # both signature blocks sit in the right half of the A4 page (595 points wide)
    edges = word_left_edges(pdf, "Ditetapkan")
    assert len(edges) == 2 and all(x > 595 / 2 for x in edges), edges
    # every member, in the attachment's order, under the headings of leadership and areas 1-8
    members = example_members()
    assert len(members) == 61
    attachment = layout[layout.index("SUSUNAN KEANGGOTAAN"):]
    assert_in_order(attachment, numbered_rows(expected_order(members), whole=False))
    assert_in_order(attachment, ["Pengarah dan Pimpinan Tim"] + [
        f"Area Perubahan {n}:" for n in range(1, 9)])
    # page numbers "- n -" from page 2; the attachment starts on a page of its own and numbering continues
    pages = pages_text(pdf, layout=True)
    assert not re.search(r"-\s*1\s*-", pages[0].split("KEMENTERIAN")[0])
    for number, text in enumerate(pages[1:], start=2):
        assert re.match(rf"\s*-\s*{number}\s*-", text), f"page {number}: {text[:80]!r}"
    first_attachment = next(i for i, text in enumerate(pages) if "LAMPIRAN" in text)
    assert first_attachment >= 2
    assert "Tembusan" not in pages[first_attachment] and "MEMUTUSKAN" not in pages[first_attachment]
    assert "Tembusan:" in pages[first_attachment - 1]
    # the closing signature block of the attachment is on the last page, with the end of the table
    assert "Ditetapkan di Jakarta" in pages[-1]
    if signature_with_table:
        assert "Anggota" in pages[-1]


@pytest.mark.slow
def test_example_pdf_has_every_part_in_order(made):
    assert "Keputusan Tim RB: Nomor 120.05-1487 TAHUN 2021, 61 anggota tim" in made["output"]
    assert "Nomor 120.05-1487 TAHUN 2021 (nomor dari berkas masukan)" in made["output"]
    check_body_and_attachment(made["pdf"])
    assert 5 <= pdf_pages(made["pdf"]) <= 8


def test_example_docx_has_the_same_text_in_the_same_order(made):
    text = docx_text(made["docx"])
    assert_in_order(text, TEXT_IN_ORDER + ["Area Perubahan 1: Manajemen Perubahan"])
    assert_in_order(text, ["Menimbang : a. bahwa dalam rangka", "c. bahwa berdasarkan pertimbangan",
                           "Mengingat : 1. Undang-Undang",
                           f"Menetapkan : KEPUTUSAN {OFFICE} KEMENTERIAN DALAM NEGERI TENTANG {SUBJECT}.",
                           "KELIMA : Keputusan Direktur Jenderal Politik dan Pemerintahan Umum ini mulai berlaku"])
    assert_in_order(text, numbered_rows(expected_order(example_members())))
    # label, colon, marker and text are aligned by the list style's tab stops, never by spaces
    doc = open_docx(str(made["docx"]))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"daftar", "diktum", "diktum-akhir", "keputusan-judul"} <= styles
    menimbang = next(p for p in doc.paragraphs if p.text.startswith("Menimbang"))
    assert menimbang.text.startswith("Menimbang\t:\ta.\tbahwa") and menimbang.style.name == "daftar"


def test_docx_through_libreoffice_matches_the_pdf(made, to_pdf_with_libreoffice):
    """Both DOCX files (example and 150 members) converted in one LibreOffice call."""
    big_docx = shutil.copy(made["big_docx"], made["base"] / "tim-150.docx")  # LibreOffice names by stem
    example, big = to_pdf_with_libreoffice([made["docx"], big_docx])
    # LibreOffice ignores "keep with next" on a table row (Word honours it), so its signature may stand alone
    check_body_and_attachment(example, signature_with_table=False)
    assert abs(pdf_pages(example) - pdf_pages(made["pdf"])) <= 1
    check_big_team(big, signature_with_table=False)
    assert abs(pdf_pages(big) - pdf_pages(made["big_pdf"])) <= 1
    # word for word the same text in the same order, in both decrees
    pairs = [(content_words(ours, [ATTACHMENT_HEADER]), content_words(theirs, [ATTACHMENT_HEADER]))
             for ours, theirs in ((made["pdf"], example), (made["big_pdf"], big))]
    for ours_words, theirs_words in pairs:
        assert ours_words[:len(EXAMPLE_LETTERHEAD)] == EXAMPLE_LETTERHEAD
        assert ours_words == theirs_words


def check_big_team(pdf: Path, signature_with_table: bool = True) -> None:
    """Assert the 150 rows flow over pages: header on every table page, no row split, none lost."""
    pages = pages_text(pdf)
    table_pages = [i for i, text in enumerate(pages) if re.search(r"P\d{3}", text)]
    assert len(table_pages) >= 5, f"only {len(table_pages)} table pages"
    for i in table_pages:
        flat = normalize(pages[i])
        assert "Nama" in flat and "Jabatan" in flat and "Kedudukan dalam" in flat, f"no header on page {i + 1}"
    for n in range(1, 150):
        head = [i for i, text in enumerate(pages) if f"P{n:03d}" in text]
        tail = [i for i, text in enumerate(pages) if f"J{n:03d}" in text]
        assert len(head) == 1 and head == tail, f"row {n}: name on pages {head}, end of office on pages {tail}"
    assert "Ditetapkan di Jakarta" in pages[-1]
    if signature_with_table:
        assert re.search(r"P\d{3}", pages[-1])


def test_150_members_flow_over_pages_with_header_and_whole_rows(made):
    check_big_team(made["big_pdf"])


def decree_run(tmp_path: Path, yaml_text: str, *extra: str):
    meta = tmp_path / "keputusan.yaml"
    meta.write_text(yaml_text, encoding="utf-8")
    return run_cli("decree", "--year", "2021", "--inputs", ROOT / "inputs", "--team", DECREE / "tim-kecil.csv",
                   "--meta", meta, "--out", tmp_path / "out", "--format", "pdf",
                   "--register", tmp_path / "out" / "register.sqlite", *extra)


@pytest.mark.slow
def test_only_date_and_code_gives_the_default_rb_decree(tmp_path):
    result = decree_run(tmp_path, (DECREE / "keputusan-kode.yaml").read_text())
    assert result.exit_code == 0, result.output
    assert "Nomor 120.05-1 TAHUN 2021 (nomor baru dari register)" in result.output
    pdf = tmp_path / "out" / "2021" / f"{STEM}.pdf"
    assert_in_order(pdf_text(pdf, layout=True), [
        "NOMOR 120.05-1 TAHUN 2021", "TENTANG", "TIM REFORMASI BIROKRASI DIREKTORAT JENDERAL POLITIK DAN",
        "Menimbang : a. bahwa dalam rangka melaksanakan Road Map", "b. bahwa untuk menyusun",
        "c. bahwa berdasarkan pertimbangan sebagaimana dimaksud", "dalam huruf a dan huruf b, perlu menetapkan",
        "Mengingat : 1. Undang-Undang Nomor 5 Tahun 2014", "4. Peraturan Menteri Pendayagunaan",
        "Pedoman Evaluasi Pelaksanaan Reformasi Birokrasi.", "MEMUTUSKAN:",
        "KESATU : Membentuk", "KEDUA : Tim sebagaimana dimaksud", "a. menyusun rencana aksi Reformasi",
        "Manajemen Perubahan, Deregulasi Kebijakan", "KETIGA :", "kepada Direktur Jenderal Politik dan",
        "KEEMPAT : Segala biaya", "(DIPA) Direktorat Jenderal Politik dan Pemerintahan",
        "Umum Tahun Anggaran 2021.",
        "KELIMA : Keputusan Direktur Jenderal Politik dan Pemerintahan Umum ini mulai berlaku pada tanggal ditetapkan.",
        "Ditetapkan di Jakarta", "Tembusan:", "1. Sekretaris Jenderal Kementerian Dalam Negeri;",
        "2. Inspektur Jenderal Kementerian Dalam Negeri;", "3. Yang bersangkutan.", "LAMPIRAN",
        "Area Perubahan 8: Peningkatan Kualitas Pelayanan Publik", "Ratna Kusuma",
    ])
    assert "KEENAM" not in pdf_text(pdf)


@pytest.mark.slow
def test_ordinals_past_ten_and_memperhatikan_keep_the_colons_aligned(tmp_path):
    decisions = "\n".join(f"  - Diktum uji nomor {n} dengan teks yang cukup panjang untuk memenuhi satu baris "
                          "penuh dan berlanjut ke baris berikutnya." for n in range(1, 14))
    result = decree_run(tmp_path, f"""tanggal: 8 Maret 2021
nomor: "120.05-1500 TAHUN 2021"
memperhatikan:
  - Hasil rapat koordinasi Tim Reformasi Birokrasi Kementerian Dalam Negeri tanggal 1 Maret 2021
diktum:
{decisions}
  - teks: "Tim mempunyai tugas:"
    butir: [menyusun rencana aksi;, melaporkan hasilnya.]
""")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "2021" / f"{STEM}.pdf"
    layout = pdf_text(pdf, layout=True)
    labels = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN", "KESEMBILAN",
              "KESEPULUH", "KESEBELAS", "KEDUA BELAS", "KETIGA BELAS", "KEEMPAT BELAS"]
    assert_in_order(layout, ["Memperhatikan : Hasil rapat koordinasi", "MEMUTUSKAN:"]
                    + [f"{label} : " for label in labels] + ["a. menyusun rencana aksi;", "b. melaporkan hasilnya."])
    # one colon per label, all at one x, each label whole on its colon's line ("KEEMPAT BELAS" must
    # neither wrap in its column nor run into the colon)
    boxes = word_boxes(pdf)
    colons = [b for b in boxes if b[4] == ":" and b[1] < 595 / 2]
    assert max(c[1] for c in colons) - min(c[1] for c in colons) < 1, colons
    found = []
    for page, left, _, top, _ in colons:
        label = [b for b in boxes if b[0] == page and abs(b[3] - top) < 2 and b[1] < left]
        assert all(b[2] < left - 1 for b in label), (label, left)
        found.append(" ".join(b[4] for b in label))
    assert found == ["Menimbang", "Mengingat", "Memperhatikan", "Menetapkan"] + labels


def test_build_joins_the_decree_and_skips_it_without_inputs(example, tmp_path):
    for path in (example / "2021").iterdir():
        if path.name not in ("tim-rb.xlsx", "keputusan-tim-rb.yaml"):
            path.unlink()
    out = tmp_path / "out"
    result = run_cli("build", "2021", "--inputs", example, "--out", out, "--format", "docx")
    assert result.exit_code == 0, result.output
    assert "Keputusan Tim RB: Nomor 120.05-1487 TAHUN 2021, 61 anggota tim" in result.output
    assert (out / "2021" / f"{STEM}.docx").is_file() and not (out / "2021" / f"{STEM}.pdf").exists()
    assert (example / "register.sqlite").is_file()
    (example / "2021" / "tim-rb.xlsx").unlink()
    result = run_cli("build", "2021", "--inputs", example, "--out", tmp_path / "out2", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert "Keputusan Tim RB: dilewati" in result.output and "tim-rb.xlsx tidak ada" in result.output


def test_every_style_the_decree_names_exists_in_both_formats():
    from reportgen.model import decree as model

    source = Path(model.__file__).read_text()
    named = set(re.findall(r'"((?:keputusan|diktum|daftar|judul)[a-z-]*)"', source))
    named |= {f"{s}-akhir" for s in ("diktum", "diktum-lebar")} | {"daftar-lebar", "diktum-lebar", "lampiran-teks"}
    styles = {s.name for s in open_docx(str(ROOT / "templates" / "reference.docx")).styles}
    from reportgen.render.look_css import stylesheet_of

    # the PDF's rules: generated from reference.docx's styles, then print.css
    css = stylesheet_of(ROOT / "templates" / "reference.docx") + (ROOT / "templates" / "print.css").read_text()
    for name in sorted(named):
        assert name in styles, f"{name} missing from reference.docx"
        assert re.search(rf"\.{re.escape(name)}\b", css), f"{name} missing from the PDF's stylesheet"
