"""Builders of hostile inputs for the corpus in test_hostile.py: each writes one bad file and says what it is.

A case is (id, input kind, builder, expected message parts). The builder gets a fresh folder holding a
copy of the example inputs and returns the path of the bad file; the kind names the loader that reads it.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from factories import write_sheet

ROSTER_HEADER = ["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"]
GOOD_ROW = [1, "Budi Santoso", "19700101 200003 1 001", "IV/a", "Kepala Bagian Umum"]
PLAN_HEADER = ["No", "Area", "Kegiatan", "Output", "Indikator", "Target", "Satuan", "Jadwal",
               "Penanggung Jawab", "Anggaran"]
PLAN_ROW = [1, 1, "Penyusunan peta proses bisnis", "Dokumen", "Tersusunnya peta", 1, "Dokumen", "Jan-Des",
            "Bagian Umum", 1000000]


@dataclass(frozen=True)
class Case:
    """One hostile input: its id, the loader kind, how to build it, and what the message must say."""

    id: str
    kind: str  # roster | plan | profile | yaml | decree | report
    build: Callable[[Path], Path]
    expected: tuple[str, ...]


# ------------------------------------------------------------------ workbooks


def roster(path: Path, rows: list[list], header: list = ROSTER_HEADER) -> Path:
    return write_sheet(path, header, rows)


def rewrite_part(xlsx: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one XML part of a workbook in place (the zip rebuilt with the same entries)."""
    with zipfile.ZipFile(xlsx) as archive:
        entries = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, change(data) if info.filename == part else data)
    return xlsx


def _with_doctype(doctype: str) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        if data.startswith(b"<?xml"):
            return re.sub(rb"(<\?xml[^>]*\?>)", lambda m: m.group(1) + doctype.encode(), data, count=1)
        return doctype.encode() + data
    return change


def xxe_workbook(folder: Path) -> Path:
    path = roster(folder / "xxe.xlsx", [GOOD_ROW])
    return rewrite_part(path, "xl/worksheets/sheet1.xml",
                        _with_doctype('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'))


def laughs_workbook(folder: Path) -> Path:
    entities = '<!ENTITY a "ha">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                                            for i in range(9))
    path = roster(folder / "laughs.xlsx", [GOOD_ROW])
    return rewrite_part(path, "xl/workbook.xml", _with_doctype(f"<!DOCTYPE x [{entities}]>"))


def malformed_workbook(folder: Path) -> Path:
    path = roster(folder / "rusak.xlsx", [GOOD_ROW] * 3)
    return rewrite_part(path, "xl/worksheets/sheet1.xml", lambda data: data.replace(b"</row>", b"</rw>", 2))


def formula_workbook(folder: Path) -> Path:
    # openpyxl writes a formula without a computed value, as a tool that does not compute would.
    return roster(folder / "rumus.xlsx", [GOOD_ROW, [2, "=A2&\"x\"", "19700101 200003 1 002", "IV/a", "Staf"]])


def repeated_nip_column(folder: Path) -> Path:
    return roster(folder / "dua-nip.xlsx", [GOOD_ROW + ["19800101 200003 1 001"]], ROSTER_HEADER + ["NIP"])


def repeated_jabatan_column(folder: Path) -> Path:
    return roster(folder / "dua-jabatan.xlsx", [GOOD_ROW + ["Staf"]], ROSTER_HEADER + [" jabatan "])


def repeated_csv_column(folder: Path) -> Path:
    path = folder / "dua-nip.csv"
    path.write_text("No;Nama;NIP;Pangkat/Golongan;Jabatan;NIP\n"
                    "1;Budi Santoso;19700101 200003 1 001;IV/a;Staf;19800101 200003 1 001\n", encoding="utf-8")
    return path


def csv_with_nul_late(folder: Path) -> Path:
    path = folder / "nul.csv"  # past the first 4 KiB, where the binary check looks
    rows = "".join(f"{n};Nama {n};19700101 200003 1 {n:03d};IV/a;Staf\n" for n in range(1, 200))
    path.write_text("No;Nama;NIP;Pangkat/Golongan;Jabatan\n" + rows + "200;Bu\x00di;19700101 200003 1 200;IV/a;Staf\n",
                    encoding="utf-8")
    return path


def huge_cell(folder: Path) -> Path:
    path = folder / "besar.csv"
    path.write_text(",".join(ROSTER_HEADER) + "\n" + f"1,{'A' * 10_000_000},19700101 200003 1 001,IV/a,Staf\n")
    return path


def long_name(folder: Path) -> Path:
    return roster(folder / "panjang.xlsx", [[1, "Budi " * 120, "19700101 200003 1 001", "IV/a", "Staf"]])


def escaped_bell(folder: Path) -> Path:
    return roster(folder / "bel.xlsx", [[1, "Budi_x0007_Santoso", "19700101 200003 1 001", "IV/a", "Staf"]])


def hidden_character(char: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        return roster(folder / f"u{ord(char):04x}.xlsx",
                      [[1, f"Budi{char}Santoso", "19700101 200003 1 001", "IV/a", "Staf"]])
    return build


def plan(folder: Path, name: str, rows: list[list]) -> Path:
    return write_sheet(folder / name, PLAN_HEADER, rows)


def schedule_as_date(folder: Path) -> Path:
    import datetime as dt

    row = list(PLAN_ROW)
    row[7] = dt.datetime(2021, 12, 3)  # "3-12" as Excel stores it once it has made it a date
    return plan(folder, "jadwal-tanggal.xlsx", [PLAN_ROW, row])


def long_activity(folder: Path) -> Path:
    row = list(PLAN_ROW)
    row[2] = "Kegiatan " * 700
    return plan(folder, "kegiatan-panjang.xlsx", [row])


# ------------------------------------------------------------------ YAML and the profile


def yaml_file(name: str, text: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path
    return build


def profile_edit(name: str, change: Callable[[str], str], extra: Callable[[Path], None] | None = None):
    """Return a builder of the example unit.yaml changed by `change` (text in, text out)."""
    def build(folder: Path) -> Path:
        path = folder / "inputs" / "unit.yaml"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        if extra:
            extra(path.parent)
        return path
    build.__name__ = name
    return build


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return change


def logo_file(name: str, data: bytes) -> Callable[[Path], None]:
    def extra(folder: Path) -> None:
        (folder / name).write_bytes(data)
    return extra


def logo_case(name: str, data: bytes):
    return profile_edit(f"logo-{name}", replace("logo: logo.png", f"logo: {name}"), logo_file(name, data))


def truncated_png(folder: Path) -> bytes:
    return (Path(__file__).resolve().parent.parent / "inputs" / "logo.png").read_bytes()[:400]


def truncated_logo_case():
    def extra(folder: Path) -> None:
        (folder / "potong.png").write_bytes(truncated_png(folder))
    return profile_edit("logo-truncated", replace("logo: logo.png", "logo: potong.png"), extra)


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))

def decree_edit(name: str, change: Callable[[str], str]) -> Callable[[Path], Path]:
    """Return a builder of the example decree settings changed by `change`, saved as `name`."""
    def build(folder: Path) -> Path:
        source = folder / "inputs" / "2021" / "keputusan-tim-rb.yaml"
        path = folder / name
        path.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")
        return path
    return build


def report_edit(change: Callable[[str], str]) -> Callable[[Path], Path]:
    """Return a builder of the example laporan.yaml changed in place (the annual report reads it there)."""
    def build(folder: Path) -> Path:
        path = folder / "inputs" / "2021" / "laporan.yaml"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        return path
    return build


CASES = [
    # workbooks: broken or unsafe XML
    Case("xlsx-external-entity", "roster", xxe_workbook, ("xxe.xlsx", "rusak atau tidak aman", "DOCTYPE")),
    Case("xlsx-entity-expansion", "roster", laughs_workbook, ("laughs.xlsx", "rusak atau tidak aman")),
    Case("xlsx-malformed-sheet", "roster", malformed_workbook,
         ("rusak.xlsx", "rusak atau tidak aman", "bukan XML yang sah (baris 1, kolom 6")),
    Case("csv-nul-past-the-start", "roster", csv_with_nul_late,
         ("nul.csv", "baris 201", "kolom 'Nama'", "karakter kendali", "U+0000")),
    # silent wrong documents
    Case("xlsx-formula-without-value", "roster", formula_workbook, ("rumus.xlsx", "rumus tanpa hasil", "B3")),
    Case("two-nip-columns", "roster", repeated_nip_column, ("dua-nip.xlsx", "kolom 'NIP' ada lebih dari satu",
                                                           "kolom C ('NIP')", "kolom F ('NIP')")),
    Case("two-jabatan-columns", "roster", repeated_jabatan_column,
         ("dua-jabatan.xlsx", "kolom E ('Jabatan')", "kolom F ('jabatan')")),
    Case("two-nip-columns-csv", "roster", repeated_csv_column, ("dua-nip.csv", "kolom C ('NIP')", "kolom F ('NIP')")),
    Case("excel-escaped-bell", "roster", escaped_bell, ("bel.xlsx", "baris 2", "kolom 'Nama'", "U+0007")),
    Case("right-to-left-override", "roster", hidden_character("\u202e"), ("baris 2", "kolom 'Nama'", "U+202E")),
    Case("zero-width-space", "roster", hidden_character("\u200b"), ("baris 2", "U+200B")),
    Case("zero-width-joiner", "roster", hidden_character("\u200d"), ("baris 2", "U+200D")),
    Case("byte-order-mark-in-cell", "roster", hidden_character("\ufeff"), ("baris 2", "U+FEFF")),
    Case("schedule-made-a-date", "plan", schedule_as_date, ("jadwal-tanggal.xlsx", "baris 3", "kolom 'Jadwal'",
                                                            "menjadi tanggal")),
    # lengths
    Case("ten-megabyte-cell", "roster", huge_cell, ("besar.csv", "baris 2", "kolom 'Nama'", "terlalu panjang",
                                                   "10.000.000 karakter")),
    Case("name-over-500", "roster", long_name, ("panjang.xlsx", "baris 2", "paling banyak 500")),
    Case("activity-over-5000", "plan", long_activity, ("kegiatan-panjang.xlsx", "baris 2", "paling banyak 5.000")),
    # YAML
    Case("yaml-billion-laughs", "yaml", yaml_file("tertawa.yaml", LAUGHS),
         ("tertawa.yaml", "baris 1", "anchor YAML '&a' tidak diizinkan")),
    Case("yaml-alias", "yaml", yaml_file("alias.yaml", "a: 1\nb: *x\n"), ("alias.yaml", "baris 2", "'*x'")),
    Case("yaml-duplicate-key", "yaml", yaml_file("ganda.yaml", "nomor: 800/1\nperihal: x\nnomor: 800/2\n"),
         ("ganda.yaml", "kunci 'nomor' ditulis dua kali (baris 1 dan baris 3)")),
    Case("yaml-duplicate-nested-key", "yaml", yaml_file("ganda2.yaml", "kop:\n  baris: a\n  alamat: b\n  baris: c\n"),
         ("ganda2.yaml", "kunci 'baris' ditulis dua kali (baris 2 dan baris 4)")),
    # decree settings
    Case("decree-subject-over-5000", "decree", decree_edit("tentang-panjang.yaml", replace(
        "tentang: Tim", "tentang: " + "Tim " * 1300 + "Tim")), ("tentang-panjang.yaml", "kunci 'tentang'",
                                                               "paling banyak 5000")),
    Case("decree-place-rtl", "decree", decree_edit("tempat-rtl.yaml", replace("tempat: Jakarta", "tempat: Jak\u202earta")),
         ("tempat-rtl.yaml", "kunci 'tempat'", "U+202E")),
    Case("decree-duplicate-number", "decree", decree_edit("nomor-ganda.yaml", lambda t: t + 'nomor: "120.05-1 TAHUN 2021"\n'),
         ("nomor-ganda.yaml", "kunci 'nomor' ditulis dua kali (baris 10 dan baris")),
    # annual report texts
    Case("report-paragraph-over-5000", "report", report_edit(replace(
        "latar_belakang: |\n", "latar_belakang: |\n  " + "Reformasi " * 600 + "\n\n")),
         ("laporan.yaml", "kunci 'latar_belakang[1]'", "paling banyak 5000")),
    Case("report-zero-width-title", "report", report_edit(replace("judul: Laporan", "judul: Lap\u200borAN")),
         ("laporan.yaml", "kunci 'judul'", "U+200B")),
    # the profile
    Case("kop-baris-number", "profile", profile_edit("baris", replace(
        "  baris:\n    - KEMENTERIAN DALAM NEGERI\n    - DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM\n",
        "  baris: 5\n")), ("unit.yaml", "kunci 'kop.baris'", "daftar baris teks")),
    Case("huruf-number", "profile", profile_edit("huruf", replace("huruf: Arial", "huruf: 12")),
         ("unit.yaml", "kunci 'tata_letak.huruf'", "nama huruf")),
    Case("huruf-list", "profile", profile_edit("huruf-list", replace("huruf: Arial", "huruf: [Arial, Calibri]")),
         ("unit.yaml", "kunci 'tata_letak.huruf'", "nama huruf")),
    Case("nama-list", "profile", profile_edit("nama", replace("  nama: Dr. Bahtiar Wicaksono, M.Si.",
                                                               "  nama: [Dr. Bahtiar]")),
         ("unit.yaml", "kunci 'pimpinan.nama'", "harus berupa teks")),
    Case("pattern-unbalanced", "profile", profile_edit("pola", replace('pola: "{kode}-{nomor} TAHUN {tahun}"',
                                                                        'pola: "{kode-{nomor}"')),
         ("unit.yaml", "kunci 'penomoran.pola'", "tidak berpasangan")),
    Case("pattern-huge-width", "profile", profile_edit("pola-lebar", replace('pola: "{kode}-{nomor} TAHUN {tahun}"',
                                                                              'pola: "{kode}-{nomor:0>999999999}"')),
         ("unit.yaml", "kunci 'penomoran.pola'", "lebar isian {nomor:0>999999999} terlalu besar", "paling banyak 12")),
    Case("margin-huge-float", "profile", profile_edit("margin-besar", replace("margin_kiri: 30",
                                                                              "margin_kiri: 1.0e+308")),
         ("unit.yaml", "kunci 'tata_letak.margin_kiri'", "10 sampai 50")),
    Case("margin-99", "profile", profile_edit("margin", replace("margin_kiri: 30", "margin_kiri: 99")),
         ("unit.yaml", "kunci 'tata_letak.margin_kiri'", "10 sampai 50")),
    Case("margin-5", "profile", profile_edit("margin5", replace("margin_atas: 20", "margin_atas: 5")),
         ("unit.yaml", "kunci 'tata_letak.margin_atas'", "10 sampai 50")),
    Case("font-99", "profile", profile_edit("font", replace("ukuran_huruf: 12", "ukuran_huruf: 99")),
         ("unit.yaml", "kunci 'tata_letak.ukuran_huruf'", "8 sampai 16")),
    Case("url-javascript", "profile", profile_edit("url", lambda t: t + "verifikasi:\n  url: \"javascript:alert({id})\"\n"),
         ("unit.yaml", "kunci 'verifikasi.url'", "https://")),
    Case("url-file", "profile", profile_edit("url-file", lambda t: t + "verifikasi:\n  url: \"file:///x/{id}\"\n"),
         ("unit.yaml", "kunci 'verifikasi.url'", "https://")),
    Case("head-name-rtl", "profile", profile_edit("rtl", replace("Dr. Bahtiar", "Dr. \u202eBahtiar")),
         ("unit.yaml", "kunci 'pimpinan.nama'", "U+202E")),
    Case("logo-svg", "profile", logo_case("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
         ("unit.yaml", "kunci 'kop.logo'", "SVG", "PNG")),
    Case("logo-pdf", "profile", logo_case("logo-x.png", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"),
         ("unit.yaml", "kunci 'kop.logo'", "PDF")),
    Case("logo-text", "profile", logo_case("logo.jpg", b"bukan gambar sama sekali"),
         ("unit.yaml", "kunci 'kop.logo'", "logo.jpg", "bukan gambar")),
    Case("logo-truncated-png", "profile", truncated_logo_case(),
         ("unit.yaml", "kunci 'kop.logo'", "potong.png", "rusak atau terpotong")),
]


def copy_example(root: Path, target: Path) -> Path:
    shutil.copytree(root / "inputs", target / "inputs")
    return target / "inputs"


# ------------------------------------------------------------------ packages that inflate (issue 28)


def deflated_repeat(head: bytes, chunk: bytes, count: int, tail: bytes) -> tuple[bytes, int, int]:
    """Return the raw deflate stream of head + chunk * count + tail, its CRC-32 and its inflated size, made
    without compressing (or holding) the inflated bytes: after a full flush the compressor forgets what it
    saw, so one compressed chunk stands for every repetition."""
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [compressor.compress(head), compressor.flush(zlib.Z_FULL_FLUSH)]
    once = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert once == again, "a chunk compresses alike after a full flush"
    out += [once] * count + [compressor.compress(tail), compressor.flush()]
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return b"".join(out), crc, len(head) + len(chunk) * count + len(tail)


def write_package(path: Path, parts: dict[str, bytes | tuple[bytes, int, int]]) -> Path:
    """Write a ZIP package by hand: each part its bytes (deflated here) or (raw deflate, CRC-32, size) already
    made, so a part can declare the gigabytes it truly inflates to."""
    import struct
    import zlib

    body, directory = bytearray(), bytearray()
    for name, part in parts.items():
        if isinstance(part, bytes):
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            part = (compressor.compress(part) + compressor.flush(), zlib.crc32(part), len(part))
        data, crc, size = part
        encoded = name.encode()
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        body += encoded + data
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                 len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), len(body), 0)
    path.write_bytes(bytes(body + directory + end))
    return path


def package_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def inflating_sheet(folder: Path, gigabytes: float = 2.0) -> Path:
    """A roster of a few megabytes whose sheet inflates to `gigabytes` (rows of one cell, all alike)."""
    parts = package_parts(roster(folder / "bom-lembar.xlsx", [GOOD_ROW]))
    sheet = parts["xl/worksheets/sheet1.xml"]
    head, tail = sheet.split(b"</sheetData>")
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000  # 1 MB
    parts["xl/worksheets/sheet1.xml"] = deflated_repeat(head, row, int(gigabytes * 1024 ** 3 / len(row)),
                                                        b"</sheetData>" + tail)
    return write_package(folder / "bom-lembar.xlsx", parts)


def huge_shared_string(folder: Path, megabytes: int = 150) -> Path:
    """A roster of a few hundred kilobytes whose one shared string is `megabytes` long."""
    parts = package_parts(roster(folder / "bom-teks.xlsx", [GOOD_ROW]))
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    parts["xl/sharedStrings.xml"] = deflated_repeat(strings + b"<si><t>", b"A" * 1024 * 1024, megabytes,
                                                    b"</t></si></sst>")
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b'<c r="B2" t="inlineStr"><is><t>Budi Santoso</t></is></c>', b'<c r="B2" t="s"><v>0</v></c>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        b'Target="sharedStrings.xml" Id="rId9"/></Relationships>'))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>'))
    return write_package(folder / "bom-teks.xlsx", parts)


def inflating_styles(templates: Path, gigabytes: float = 1.0) -> Path:
    """Make the reference.docx of a templates folder one whose styles part inflates to `gigabytes`."""
    reference = templates / "reference.docx"
    parts = package_parts(reference)
    styles = parts["word/styles.xml"]
    head, tail = styles.split(b"</w:styles>")
    filler = b"<!-- " + b"gaya " * 200_000 + b"-->"  # 1 MB of comment
    parts["word/styles.xml"] = deflated_repeat(head, filler, int(gigabytes * 1024 ** 3 / len(filler)),
                                               b"</w:styles>" + tail)
    return write_package(reference, parts)
