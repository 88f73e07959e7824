"""Build worksheets laid out as units receive them (issue 22), small and fast, for the tests that read them.

Staff lists as SIMPEG prints a Daftar Urut Kepangkatan (three header rows, the header repeated on every printed
page) and as SIASN exports them (NIPs stored as numbers, exact and inexact); the LKE PMPRB of PermenPAN-RB
26/2020 and the LKE Zona Integritas of PermenPAN-RB 90/2021 in their own layout (title rows, merged headers over
two rows, nested section rows, formulas with the results Excel saves, the evaluators' TPI columns).

openpyxl neither computes formulas nor writes a number with more digits than a float holds, so both are written
into the saved file's XML afterwards (`patch_values`), as Excel and the exporters write them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def patch_values(path: Path, values: dict[str, str], part: str = "xl/worksheets/sheet1.xml") -> None:
    """Write each cell's saved value as the given text (<v>1.9770805200408280e+17</v>, a formula's result)."""
    with zipfile.ZipFile(path) as zin:
        parts = {info: zin.read(info.filename) for info in zin.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts.items():
            if info.filename == part:
                text = data.decode("utf-8")
                for ref, value in values.items():
                    pattern = rf'(<c r="{ref}"(?: [^>]*)?>(?:<f>[^<]*</f>)?)<v>[^<]*</v>'
                    text, count = re.subn(pattern, rf"\g<1><v>{value}</v>", text)
                    if not count:  # a formula cell openpyxl wrote without <v>
                        text, count = re.subn(rf'(<c r="{ref}"(?: [^>]*)?><f>[^<]*</f>)', rf"\g<1><v>{value}</v>",
                                              text)
                    assert count == 1, ref
                data = text.encode("utf-8")
            zout.writestr(info, data)


# ---------------------------------------------------------------- SIMPEG: Daftar Urut Kepangkatan (DUK)

# (name with titles as SIMPEG prints it, NIP as printed, GOLRU, TMT, office, unit) in DUK order
DUK_PEOPLE = [
    ("Dr. Budi Santoso, S.H., M.H.", "19670214 199202 1 003", "IV/c", "Direktur Politik Dalam Negeri",
     "Direktorat Politik Dalam Negeri"),
    ("Drs. Agus Prasetyo, M.Si.", "19700321 199503 1 002", "IV/b", "Kepala Subbagian Tata Usaha",
     "Direktorat Politik Dalam Negeri"),
    ("Siti Rahmawati, S.Sos., M.Si.", "19780312 200501 2 002", "IV/a", "Kepala Subbagian Tata Usaha",
     "Direktorat Kewaspadaan Nasional"),
    # -- page 2
    ("Yuliana Handayani, S.E.", "19820817 200604 2 011", "III/d", "Kepala Subbagian Tata Usaha",
     "Direktorat Organisasi Kemasyarakatan"),
    ("Dewi Lestari, S.Kom.", "19910417 201503 2 001", "III/a", "Pranata Komputer Ahli Pertama",
     "Direktorat Kewaspadaan Nasional"),
]
DUK_TITLE = ["DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL", "DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM",
             "KEADAAN 31 DESEMBER 2020"]
# three header rows: KEPANGKATAN over GOLRU and TMT; MASA KERJA over GOLONGAN and KESELURUHAN, each over THN, BLN
DUK_HEADER = [
    ["NO", "NAMA", "NIP", "KEPANGKATAN", None, "JABATAN", None, "MASA KERJA", None, None, None, "PENDIDIKAN", None,
     "USIA", "UNIT KERJA", "KET"],
    [None, None, None, "GOLRU", "TMT", "NAMA", "TMT", "GOLONGAN", None, "KESELURUHAN", None, "TINGKAT", "LULUS",
     None, None, None],
    [None, None, None, None, None, None, None, "THN", "BLN", "THN", "BLN", None, None, None, None, None],
]
DUK_MERGES = ["A{0}:A{2}", "B{0}:B{2}", "C{0}:C{2}", "D{0}:E{0}", "D{1}:D{2}", "E{1}:E{2}", "F{0}:G{0}",
              "F{1}:F{2}", "G{1}:G{2}", "H{0}:K{0}", "H{1}:I{1}", "J{1}:K{1}", "L{0}:M{0}", "L{1}:L{2}",
              "M{1}:M{2}", "N{0}:N{2}", "O{0}:O{2}", "P{0}:P{2}"]


def _duk_page_top(ws, first_row: int) -> int:
    """Write the title block, a blank row, the three header rows and the column numbers; return the next row."""
    for i, line in enumerate(DUK_TITLE):
        ws.cell(first_row + i, 1, line)
        ws.merge_cells(start_row=first_row + i, start_column=1, end_row=first_row + i, end_column=16)
    header = first_row + len(DUK_TITLE) + 1
    for i, row in enumerate(DUK_HEADER):
        for column, label in enumerate(row, start=1):
            if label:
                ws.cell(header + i, column, label).font = Font(bold=True)
    for ref in DUK_MERGES:
        ws.merge_cells(ref.format(header, header + 1, header + 2))
    for column in range(1, 17):
        ws.cell(header + 3, column, column)
    return header + 4


def make_duk(path: Path) -> Path:
    """Write a DUK as SIMPEG prints it: on each of two pages the title, the three-row header and the column
    numbers, then the people; "Halaman 1"/"Halaman 2" rows; the signature block at the end.

    Rows: 1-3 title, 5-7 header, 8 numbers, 9-11 people, 12 "Halaman 1"; page 2: 13-15 title, 17-19 header,
    20 numbers, 21-22 people, 23 "Halaman 2"; 25-30 signature block.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "DUK"
    row = _duk_page_top(ws, 1)
    for page, people in enumerate((DUK_PEOPLE[:3], DUK_PEOPLE[3:]), start=1):
        if page > 1:
            row = _duk_page_top(ws, row)
        for name, nip, golru, office, unit in people:
            number = DUK_PEOPLE.index((name, nip, golru, office, unit)) + 1
            values = [number, name, nip, golru, "01-04-2019", office, "02-01-2020", 10, 3, 25, 1, "S2", 2004, 52,
                      unit, None]
            for column, value in enumerate(values, start=1):
                ws.cell(row, column, value)
            row += 1
        ws.cell(row, 8, f"Halaman {page}")
        row += 1
    row += 1
    for line in ("Jakarta, 5 Januari 2021", "Kepala Bagian Umum,", None, None, "Siti Rahmawati, S.Sos., M.Si.",
                 "NIP. 19780312 200501 2 002"):
        if line:
            ws.cell(row, 12, line)
        row += 1
    for column in range(1, 17):
        ws.column_dimensions[get_column_letter(column)].width = 14
    wb.save(path)
    return path


# ---------------------------------------------------------------- SIASN: NIPs stored as numbers

# (name, the NIP's real digits, how the export's XML stores it in <v>, golongan, office, UNOR NAMA)
SIASN_NUMBERS = [
    ("Budi Santoso", "196702141992021003", "196702141992021003", "IV/c", "Direktur Politik Dalam Negeri",
     "Direktorat Politik Dalam Negeri"),
    # a float written by another tool: 17 significant digits, the person's NIP ends in 801, not 800
    ("Hadi Kusuma", "197708052004082801", "1.9770805200408280e+17", "III/d", "Analis Kebijakan Ahli Muda",
     "Direktorat Politik Dalam Negeri"),
    ("Ratna Sinaga", "198209142008012004", "198209142008012004", "III/c", "Analis Kebijakan Ahli Muda",
     "Direktorat Kewaspadaan Nasional"),
    # a float whose digits happen to be all there: refused all the same, the file cannot vouch for them
    ("Joko Wibowo", "197512252001121001", "197512252001121001.0", "IV/a", "Kepala Subdirektorat Kelembagaan",
     "Direktorat Kewaspadaan Nasional"),
    # Excel's 15 digits: the last three lost
    ("Maya Lubis", "198803032010122002", "1.98803032010122E+17", "III/b", "Pranata Komputer Ahli Pertama",
     "Direktorat Kewaspadaan Nasional"),
]


def make_siasn_numbers(path: Path, only_exact: bool = False) -> Path:
    """Write a SIASN export whose NIP BARU cells are numbers, each stored as SIASN_NUMBERS says.

    Rows: 1 title, 2 blank, 3 header, 4-8 people (with `only_exact`, only the two exact ones: rows 4-5).
    """
    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR PEGAWAI - UNDUHAN SIASN"])
    ws.append([])
    ws.append(["NO", "NIP BARU", "NAMA", "GOL AKHIR NAMA", "JABATAN NAMA", "UNOR NAMA"])
    people = [p for p in SIASN_NUMBERS if not only_exact or p[1] == p[2]]
    stored = {}
    for i, (name, digits, raw, golongan, office, unit) in enumerate(people, start=1):
        ws.append([i, 1, name, golongan, office, unit])  # the NIP cell's saved text is written below
        stored[f"B{3 + i}"] = raw
    wb.save(path)
    patch_values(path, stored)
    return path


# ---------------------------------------------------------------- the official LKE: shared writing


class FormWriter:
    """Write an LKE in its official layout: numbering in columns of their own (A to E: A. / I. / 1 / i. / a.),
    the text in F (merged leftwards to the numbering's next column), then the value columns; formulas with the
    result Excel would save (written into the XML after saving)."""

    TEXT = 6  # column F

    def __init__(self, title: list[str], header: list[list], merges: list[str], numbers: bool = True):
        self.wb = Workbook()
        self.ws = self.wb.active
        self.ws.title = "LKE"
        self.saved: dict[str, str] = {}
        for number, line in enumerate(title, start=1):
            if line:
                self.ws.cell(number, 1, line)
        first = len(title) + 1
        for offset, row in enumerate(header):
            for column, label in enumerate(row, start=1):
                if label:
                    self.ws.cell(first + offset, column, label)
        for ref in merges:
            self.ws.merge_cells(ref.format(first, first + 1))
        for cell in self.ws[first]:
            cell.font = Font(bold=True)
        if numbers:  # the column numbers under the header: (1) over the numbering columns, then (2), (3) ...
            row = first + len(header)
            self.ws.cell(row, 1, "(1)")
            self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.TEXT - 1)
            for i, column in enumerate(range(self.TEXT, len(header[0]) + 1), start=2):
                self.ws.cell(row, column, f"({i})")

    @property
    def row(self) -> int:
        return self.ws.max_row + 1

    def section(self, depth: int, token, text: str, weight=None, weight_formula: tuple[str, object] | None = None,
                bobot_column: int = 7) -> int:
        """Write a section or indicator row at depth 0 (A.) to 4 (a.); return its row."""
        row = self.row
        self.ws.cell(row, depth + 1, token)
        column = min(depth + 2, self.TEXT)
        self.ws.cell(row, column, text)
        if column < self.TEXT:
            self.ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=self.TEXT)
        if weight_formula:
            self.formula(row, bobot_column, *weight_formula)
        elif weight is not None:
            self.ws.cell(row, bobot_column, weight)
        return row

    def formula(self, row: int, column: int, formula: str, saved, number_format: str | None = None) -> None:
        cell = self.ws.cell(row, column, formula)
        if number_format:
            cell.number_format = number_format
        if saved is not None:
            self.saved[cell.coordinate] = str(saved)

    def save(self, path: Path) -> Path:
        self.wb.save(path)
        if self.saved:  # openpyxl names a sheet's part after its place among the sheets
            patch_values(path, self.saved, f"xl/worksheets/sheet{self.wb.worksheets.index(self.ws) + 1}.xml")
        return path


# ---------------------------------------------------------------- LKE Zona Integritas (PermenPAN-RB 90/2021)

ZI_TITLE = ["LEMBAR KERJA EVALUASI ZONA INTEGRITAS MENUJU WBK/WBBM",
            "UNIT KERJA : DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM", "TAHUN 2021", None]
# two header rows: JAWABAN and NILAI each over UNIT and TPI; the other titles merged downwards
ZI_FORM_HEADER = [
    ["NO", None, None, None, None, "KOMPONEN/SUB KOMPONEN/INDIKATOR", "BOBOT", "KRITERIA NILAI", "PILIHAN JAWABAN",
     "JAWABAN", None, "NILAI", None, "CATATAN/KETERANGAN/PENJELASAN UNIT"],
    [None, None, None, None, None, None, None, None, None, "UNIT", "TPI", "UNIT", "TPI", None],
]
ZI_FORM_MERGES = ["A{0}:E{1}", "F{0}:F{1}", "G{0}:G{1}", "H{0}:H{1}", "I{0}:I{1}", "J{0}:K{0}", "L{0}:M{0}",
                  "N{0}:N{1}"]
J, K, N = 10, 11, 14  # Jawaban Unit, Jawaban TPI, Catatan

# Items: (token, text, Pilihan Jawaban, unit's answer, TPI's answer, note). An answer ("=", value) is a formula
# whose saved result is `value` (a share, formatted as a percentage).
ZI_PEMENUHAN = [
    ("MANAJEMEN PERUBAHAN", 4, [
        ("Penyusunan Tim Kerja", 1.5, [
            ("a.", "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas", "Ya/Tidak", "Ya",
             "Ya", "SK Tim Kerja ZI Nomor 800-1512 Tahun 2021"),
            ("b.", "Penentuan anggota Tim dipilih melalui prosedur/mekanisme yang jelas", "A/B/C", "b", "C", None)]),
        ("Rencana Pembangunan Zona Integritas", 2.5, [
            ("a.", "Terdapat dokumen rencana kerja pembangunan Zona Integritas menuju WBK/WBBM", "Ya/Tidak", "YA",
             "Ya", None),
            ("b.", "Persentase kegiatan pembangunan yang dilaksanakan sesuai rencana", "%", ("=", 0.8), ("=", 0.6),
             "8 dari 10 kegiatan"),
            ("-", "Jumlah kegiatan pembangunan yang direncanakan", "Jumlah", 10, 10, None),
            ("-", "Jumlah kegiatan yang dilaksanakan sesuai rencana", "Jumlah", 8, 6, None)])]),
    ("PENATAAN TATALAKSANA", 3.5, [
        ("Prosedur Operasional Tetap (SOP) Kegiatan Utama", 3.5, [
            ("a.", "SOP mengacu pada peta proses bisnis instansi", "A/B/C/D", "A.", "B", None),
            ("b.", "Prosedur operasional tetap (SOP) telah diterapkan", "A/B/C/D", "b", "b", None)])]),
    ("PENATAAN SISTEM MANAJEMEN SDM", 5, [
        ("Perencanaan Kebutuhan Pegawai sesuai dengan Kebutuhan Organisasi", ("=5*0.4", 2), [
            ("a.", "Kebutuhan pegawai disusun dengan mengacu kepada peta jabatan dan hasil analisis beban kerja",
             "A/B/C", "A", "A", "Anjab dan ABK 2021")]),
        ("Pengembangan Pegawai Berbasis Kompetensi", 3, [
            ("a.", "Persentase pegawai yang mengikuti pengembangan kompetensi", "%", 0.75, 0.5, None)])]),
    ("PENGUATAN AKUNTABILITAS", 5, [
        ("Keterlibatan Pimpinan", 2.5, [
            ("a.", "Pimpinan terlibat secara langsung pada saat penyusunan Perencanaan", "A/B/C", "A", "B", None)]),
        ("Pengelolaan Akuntabilitas Kinerja", 2.5, [
            ("sub", "Dokumen Perencanaan Kinerja", 1.5, [
                ("-", "Dokumen perencanaan sudah ada", "Ya/Tidak", "Ya", "Ya", "Renstra 2020-2024"),
                ("-", "Dokumen perencanaan telah berorientasi hasil", "A/B/C", "B", "B", None)]),
            ("sub", "Pelaporan Kinerja", 1, [
                ("-", "Laporan kinerja disusun tepat waktu", "Ya/Tidak", "Ya", "Tidak", None)])])]),
    ("PENGUATAN PENGAWASAN", 7.5, [
        ("Pengendalian Gratifikasi", 3.5, [
            ("a.", "Telah dilakukan public campaign tentang pengendalian gratifikasi", "A/B/C", "A", "A", None),
            ("b.", "Pengendalian gratifikasi telah diimplementasikan", "A/B/C", "B", "C", None)]),
        ("Penanganan Pengaduan Masyarakat", 4, [
            ("a.", "Persentase pengaduan masyarakat yang ditindaklanjuti", "%", 85, 70, "17 dari 20 pengaduan")])]),
    ("PENINGKATAN KUALITAS PELAYANAN PUBLIK", 5, [
        ("Standar Pelayanan", 5, [
            ("a.", "Terdapat kebijakan standar pelayanan", "Ya/Tidak", "Ya", "Ya", None),
            ("b.", "Standar pelayanan telah dimaklumatkan", "A/B/C/D/E", "b.", "c", None)])]),
]
ZI_REFORM = [
    ("MANAJEMEN PERUBAHAN", 4, [("Komitmen dalam Perubahan", 4, [
        ("a.", "Agen perubahan telah membuat perubahan yang konkret", "A/B/C", "A", "B", None)])]),
    ("PENATAAN TATALAKSANA", 3.5, [("Peta Proses Bisnis Mempengaruhi Penyederhanaan Jabatan", 3.5, [
        ("a.", "Telah disusun peta proses bisnis dengan adanya penyederhanaan jabatan", "A/B/C", "A", "A", None)])]),
    ("PENATAAN SISTEM MANAJEMEN SDM", 5, [("Kinerja Individu", 5, [
        ("a.", "Ukuran kinerja individu telah selaras dengan kinerja organisasi", "A/B/C/D/E", "c", "d", None)])]),
    ("PENGUATAN AKUNTABILITAS", 5, [("Efektivitas dan Efisiensi Anggaran", 5, [
        ("a.", "Persentase penyerapan anggaran", "%", ("=", 0.92), ("=", 0.92), None)])]),
    ("PENGUATAN PENGAWASAN", 7.5, [("Mewujudkan Pemerintahan yang Bersih dan Bebas KKN", 7.5, [
        ("a.", "Persentase penyelesaian tindak lanjut hasil pemeriksaan", "%", 80, 80, None)])]),
    ("PENINGKATAN KUALITAS PELAYANAN PUBLIK", 5, [("Upaya dan/atau Inovasi Pelayanan Publik", 5, [
        ("a.", "Upaya dan/atau inovasi telah mendorong perbaikan pelayanan publik", "A/B/C/D/E", "A", "B", None)])]),
]
# the Hasil items carry their own weight and answer; the survey rows leave Pilihan Jawaban empty
ZI_HASIL = [
    ("BIROKRASI YANG BERSIH DAN AKUNTABEL", 22.5, [
        ("a.", "Nilai Survei Persepsi Korupsi (Survei Eksternal)", 17.5, None, 3.7, 3.6, "Survei Oktober 2021"),
        ("b.", "Capaian Kinerja Lebih Baik dari pada Capaian Kinerja Sebelumnya", 5, "%", 80, 60, None)]),
    ("PELAYANAN PUBLIK YANG PRIMA", 17.5, [
        ("a.", "Nilai Persepsi Kualitas Pelayanan (Survei Eksternal)", 17.5, "Nilai (0-4)", 3.6, 3.2, None)]),
]


def _answer(writer: FormWriter, row: int, column: int, answer, jumlah_rows: tuple[int, int] | None) -> None:
    if isinstance(answer, tuple):  # ("=", share): the form's formula over the two Jumlah rows below, or a constant
        letter = get_column_letter(column)
        formula = f"={letter}{jumlah_rows[1]}/{letter}{jumlah_rows[0]}" if jumlah_rows else f"={answer[1]}*1"
        writer.formula(row, column, formula, answer[1], "0%")
    elif answer is not None:
        writer.ws.cell(row, column, answer)


def _items(writer: FormWriter, items: list[tuple], depth: int = 4) -> None:
    for position, (token, text, kind, unit, tpi, note) in enumerate(items):
        row = writer.section(depth, token, text)
        writer.ws.cell(row, 9, kind)
        following = [i for i in items[position + 1:position + 3] if i[2] == "Jumlah"]
        jumlah = (row + 1, row + 2) if len(following) == 2 else None
        _answer(writer, row, J, unit, jumlah)
        _answer(writer, row, K, tpi, jumlah)
        if note:
            writer.ws.cell(row, N, note)


def make_lke_zi_official(path: Path, pending: str | None = None, year: int = 2021) -> Path:
    """Write an LKE ZI in its official layout (ZI_PEMENUHAN, ZI_REFORM, ZI_HASIL): title rows 1-3 (the year in
    row 3), the two-row header in rows 5-6, column numbers in row 7, the sections from row 8, the total row
    "NILAI HASIL EVALUASI" and a signature block below it. With `pending` (a cell such as "J14") that cell's
    formula is saved without its result, as a program that does not compute formulas leaves it."""
    title = list(ZI_TITLE)
    title[2] = f"TAHUN {year}"
    writer = FormWriter(title, ZI_FORM_HEADER, ZI_FORM_MERGES)
    writer.section(0, "A.", "PENGUNGKIT", 60)
    for roman, part, areas in (("I.", "PEMENUHAN", ZI_PEMENUHAN), ("II.", "REFORM", ZI_REFORM)):
        writer.section(1, roman, part, 30)
        for number, (area, weight, indicators) in enumerate(areas, start=1):
            writer.section(2, number, area, weight)
            for i, (indicator, indicator_weight, items) in enumerate(indicators):
                roman_small = ("i.", "ii.", "iii.")[i]
                formula = ("=" + indicator_weight[0][1:], indicator_weight[1]) \
                    if isinstance(indicator_weight, tuple) else None
                writer.section(3, roman_small, indicator, None if formula else indicator_weight,
                               weight_formula=formula)
                if items and items[0][0] == "sub":
                    for letter, (_, sub, sub_weight, sub_items) in zip("abc", items):
                        writer.section(4, f"{letter}.", sub, sub_weight)
                        _items(writer, sub_items)
                else:
                    _items(writer, items)
    writer.section(0, "B.", "HASIL", 40)
    for roman, (area, weight, items) in zip(("I.", "II."), ZI_HASIL):
        writer.section(1, roman, area, weight)
        for token, text, item_weight, kind, unit, tpi, note in items:
            row = writer.section(4, token, text, item_weight)
            if kind:
                writer.ws.cell(row, 9, kind)
            writer.ws.cell(row, J, unit)
            writer.ws.cell(row, K, tpi)
            if note:
                writer.ws.cell(row, N, note)
    total = writer.row
    writer.ws.cell(total, 1, "NILAI HASIL EVALUASI")
    writer.ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=6)
    writer.formula(total, 7, "=G8+G" + str(total - 1), 100)
    writer.formula(total, 12, "=SUM(L8:L" + str(total - 1) + ")", 87.11)
    for offset, line in enumerate(("Jakarta, 15 Desember 2021", "Direktur Jenderal Politik dan Pemerintahan Umum,",
                                   None, None, "Dr. Bahtiar, M.Si.", "NIP 19720123 199311 1 001"), start=2):
        if line:
            writer.ws.cell(total + offset, 10, line)
    if pending:
        writer.saved.pop(pending, None)
    return writer.save(path)


# ---------------------------------------------------------------- LKE PMPRB (PermenPAN-RB 26/2020)

PMPRB_TITLE = ["LEMBAR KERJA EVALUASI (LKE)", "PENILAIAN MANDIRI PELAKSANAAN REFORMASI BIROKRASI (PMPRB)",
               "DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM", "TAHUN 2021", None]
# numbering and text in two columns; the unit's answer under PENILAIAN MANDIRI, merged over JAWABAN and NILAI
PMPRB_HEADER = [["NO", "KOMPONEN/SUB KOMPONEN/INDIKATOR", "BOBOT", "PILIHAN JAWABAN", "PENILAIAN MANDIRI", None,
                 "PENJELASAN"],
                [None, None, None, None, "JAWABAN", "NILAI", None]]
PMPRB_MERGES = ["A{0}:A{1}", "B{0}:B{1}", "C{0}:C{1}", "D{0}:D{1}", "E{0}:F{0}", "G{0}:G{1}"]

# Each area: (name, [Pemenuhan indicators], [Hasil Antara items], [Reform indicators]). An indicator is
# (name, weight, items) and an item (token, text, Pilihan Jawaban, answer); a Hasil Antara item
# (text, weight, Pilihan Jawaban, answer) stands alone with its own weight. ("=", share, a, b) is the
# percentage's formula over its two Jumlah rows below (a, b), saved as the share b / a, formatted as %;
# ("%", share) a share typed and formatted as %.
PMPRB_AREAS = [
    ("MANAJEMEN PERUBAHAN",
     [("Tim Reformasi Birokrasi", 0.5, [("a.", "Telah dibentuk tim RB", "Ya/Tidak", "Ya"),
                                        ("b.", "Tim RB telah melaksanakan tugasnya", "A/B/C/D", "B")]),
      ("Road Map Reformasi Birokrasi", 1.5, [
          ("a.", "Road map telah disusun", "A/B/C", "a"),
          ("b.", "Persentase pegawai yang mengikuti sosialisasi road map", "%", ("=", 0.8, 250, 200))])],
     [],
     [("Komitmen Pimpinan", 3, [("a.", "Pimpinan memimpin perubahan", "A/B/C/D/E", "A"),
                                ("b.", "Pimpinan menjadi teladan", "Ya/Tidak", "Tidak")])]),
    ("DEREGULASI KEBIJAKAN",
     [("Harmonisasi", 1, [("a.", "Telah dilakukan harmonisasi peraturan", "A/B/C/D/E", "b.")])],
     [("Indeks Kualitas Kebijakan", 1, "Nilai (0-100)", 80)],
     [("Kualitas Regulasi", 2, [("a.", "Regulasi yang diterbitkan berkualitas", "A/B/C", "A")])]),
    ("PENATAAN DAN PENGUATAN ORGANISASI",
     [("Evaluasi Kelembagaan", 2, [("a.", "Telah dilakukan evaluasi kelembagaan", "A/B/C", "B"),
                                   ("b.", "Hasil evaluasi telah ditindaklanjuti", "Ya/Tidak", "Tidak")])],
     [("Nilai Evaluasi Kelembagaan", 1, "Nilai (0-100)", 70)],
     [("Organisasi Berbasis Kinerja", 3, [("a.", "Struktur organisasi mendukung kinerja", "A/B/C", "B")])]),
    ("PENATAAN TATALAKSANA",
     [("E-Government", 2, [("a.", "Persentase layanan yang sudah berbasis elektronik", "%", ("%", 0.85))])],
     [("Indeks SPBE", 1, "Nilai (0-5)", 3.5)],
     [("SPBE Terintegrasi", 3, [("a.", "Implementasi SPBE telah terintegrasi", "A/B/C/D/E", "B")])]),
    ("PENATAAN SISTEM MANAJEMEN SDM",
     [("Promosi Jabatan Dilakukan secara Terbuka", 3, [
         ("a.", "Persentase promosi jabatan yang dilakukan secara terbuka", "%", 1)]),
      ("Penetapan Kinerja Individu", 2, [("a.", "Kinerja individu telah diukur", "A/B/C/D/E", "c")])],
     [("Indeks Profesionalitas ASN", 2, "Nilai (0-100)", 75)],
     [("Penerapan Sistem Merit", 6, [("a.", "Persentase jabatan yang diisi melalui sistem merit", "%", 80)])]),
    ("PENGUATAN AKUNTABILITAS",
     [("Keterlibatan Pimpinan", 2, [("a.", "Pimpinan terlibat dalam penyusunan perencanaan", "A/B/C", "A"),
                                    ("b.", "Pimpinan memantau pencapaian kinerja", "A/B/C", "a.")])],
     [("Nilai Evaluasi Akuntabilitas Kinerja Unit Kerja", 2, "Nilai (0-100)", 85)],
     [("Efektivitas dan Efisiensi Anggaran", 5, [("a.", "Persentase penyerapan anggaran", "%", 90)])]),
    ("PENGUATAN PENGAWASAN",
     [("Gratifikasi", 2, [("a.", "Telah dilakukan public campaign gratifikasi", "Ya/Tidak", "ya")]),
      ("Penanganan LHKPN dan LHKASN", 2, [
          ("sub", "Penyampaian LHKPN", 1, [("-", "Persentase penyampaian LHKPN", "%", ("=", 0.9, 40, 36))]),
          ("sub", "Penyampaian LHKASN", 1, [("-", "Persentase penyampaian LHKASN", "%", 75)])])],
     [("Tingkat Maturitas SPIP", 0.75, "Level (1-5)", "Level 3"),
      ("Tingkat Kapabilitas APIP", 0.75, "Level (1-5)", 3)],
     [("Penanganan Pengaduan Masyarakat", 4, [("a.", "Pengaduan masyarakat ditindaklanjuti", "A/B/C", "A")])]),
    ("PENINGKATAN KUALITAS PELAYANAN PUBLIK",
     [("Standar Pelayanan", 2, [("a.", "Standar pelayanan telah ditetapkan dan dimaklumatkan", "A/B/C/D", "C")])],
     [("Indeks Pelayanan Publik", 1.5, "Nilai (0-5)", 4)],
     [("Inovasi Pelayanan Publik", 4, [("a.", "Inovasi telah mendorong perbaikan pelayanan", "A/B/C/D", "B")])]),
]
# (component, weight, [(text, weight, Pilihan Jawaban or None, answer)])
PMPRB_HASIL = [
    ("AKUNTABILITAS KINERJA DAN KEUANGAN", 10, [("Opini BPK", 4, "WTP/WDP/TW/TMP", "WTP"),
                                               ("Nilai SAKIP", 6, "Nilai (0-100)", 72.5)]),
    ("KUALITAS PELAYANAN PUBLIK", 10, [("Indeks Persepsi Kualitas Pelayanan", 10, "Nilai (0-4)", 3.4)]),
    ("PEMERINTAH YANG BERSIH DAN BEBAS KKN", 10, [("Indeks Persepsi Anti Korupsi", 10, None, 3.6)]),
    ("KINERJA ORGANISASI", 10, [("Capaian Kinerja Organisasi", 10, "%", 88)]),
]
ROMAN = ("i.", "ii.", "iii.", "iv.", "v.")


class _OneColumn(FormWriter):
    """The PMPRB layout: the numbering of every level in column A, the text in B."""

    TEXT = 2

    def section(self, depth, token, text, weight=None, weight_formula=None, bobot_column=3) -> int:
        row = self.row
        self.ws.cell(row, 1, token)
        self.ws.cell(row, 2, text)
        if weight is not None:
            self.ws.cell(row, bobot_column, weight)
        return row


def _pmprb_answer(writer: FormWriter, row: int, kind: str, answer) -> None:
    writer.ws.cell(row, 4, kind)
    if isinstance(answer, tuple) and answer[0] == "=":
        _, share, total, part = answer
        writer.formula(row, 5, f"=E{row + 2}/E{row + 1}", share, "0%")
        for offset, (text, value) in enumerate((("Jumlah pegawai wajib", total), ("Jumlah yang memenuhi", part)),
                                               start=1):
            writer.section(5, "-", text)
            writer.ws.cell(row + offset, 4, "Jumlah")
            writer.ws.cell(row + offset, 5, value)
    elif isinstance(answer, tuple):
        writer.ws.cell(row, 5, answer[1]).number_format = "0%"
    else:
        writer.ws.cell(row, 5, answer)


def _pmprb_indicators(writer: FormWriter, indicators: list) -> None:
    for i, (name, weight, items) in enumerate(indicators):
        writer.section(3, ROMAN[i], name, weight)
        if items and items[0][0] == "sub":
            for letter, (_, sub, sub_weight, sub_items) in zip("abc", items):
                writer.section(4, f"{letter}.", sub, sub_weight)
                for token, text, kind, answer in sub_items:
                    _pmprb_answer(writer, writer.section(5, token, text), kind, answer)
            continue
        for token, text, kind, answer in items:
            _pmprb_answer(writer, writer.section(4, token, text), kind, answer)


def make_lke_pmprb_official(path: Path, year: int = 2021, rekap: bool = True) -> Path:
    """Write an LKE PMPRB in its official layout (PMPRB_AREAS, PMPRB_HASIL): title rows 1-4 (the year in row 4),
    the header in rows 6-7, column numbers in row 8, the sections from row 9 down to the TOTAL row and a
    signature block; with `rekap`, a REKAP sheet of totals before it (never read as items)."""
    title = list(PMPRB_TITLE)
    title[3] = f"TAHUN {year}"
    writer = _OneColumn(title, PMPRB_HEADER, PMPRB_MERGES)
    writer.section(0, "A.", "PENGUNGKIT (60)", 60)
    for roman, part, weight, which in (("I.", "PEMENUHAN (20)", 20, 1), ("II.", "HASIL ANTARA AREA PERUBAHAN (10)",
                                                                         10, 2), ("III.", "REFORM (30)", 30, 3)):
        writer.section(1, roman, part, weight)
        for number, area in enumerate(PMPRB_AREAS, start=1):
            content = area[which]
            if not content:
                continue
            if which == 2:
                writer.section(2, number, area[0], sum(w for _, w, _, _ in content))
                for text, item_weight, kind, answer in content:
                    row = writer.section(5, "-", text, item_weight)
                    _pmprb_answer(writer, row, kind, answer)
            else:
                writer.section(2, number, area[0], sum(w for _, w, _ in content))
                _pmprb_indicators(writer, content)
    writer.section(0, "B.", "HASIL (40)", 40)
    for roman, (component, weight, items) in zip(("I.", "II.", "III.", "IV."), PMPRB_HASIL):
        writer.section(1, roman, component, weight)
        for letter, (text, item_weight, kind, answer) in zip("abc", items):
            row = writer.section(4, f"{letter}.", text, item_weight)
            if kind:
                writer.ws.cell(row, 4, kind)
            writer.ws.cell(row, 5, answer)
    total = writer.row
    writer.ws.cell(total, 2, "TOTAL")
    writer.formula(total, 3, f"=C9+C{total - 1}", 100)
    writer.formula(total, 6, f"=SUM(F9:F{total - 1})", 80.41)
    writer.ws.cell(total + 2, 5, "Jakarta, 30 Desember 2021")
    writer.ws.cell(total + 3, 5, "Ketua Tim Penilai Internal,")
    writer.ws.cell(total + 6, 5, "Drs. Agus Prasetyo, M.Si.")
    if rekap:
        sheet = writer.wb.create_sheet("REKAP", 0)
        for row in (["REKAPITULASI NILAI PMPRB TAHUN 2021"], [], ["Komponen", "Bobot", "Nilai"],
                    ["Pengungkit", 60, 45.76], ["Hasil", 40, 34.65], ["Indeks", 100, 80.41]):
            sheet.append(row)
    return writer.save(path)


def strip_numbering(path: Path, first_row: int = 8) -> Path:
    """Remove every numbering cell (A. / I. / 1 / i. / a. / - in columns A to E) from row `first_row` down,
    straight in the saved XML (the formulas keep their saved results): a form that numbers none of its rows."""
    with zipfile.ZipFile(path) as zin:
        parts = {info: zin.read(info.filename) for info in zin.infolist()}
    token = re.compile(r'<c r="([A-E])(\d+)"[^>]*?(?:t="inlineStr"><is><t>([^<]*)</t></is>|t="n"><v>(\d+)</v>)</c>')

    def strip(match: re.Match) -> str:
        text = match[3] if match[3] is not None else match[4]
        numbering = re.fullmatch(r"[A-Z]\.|[IVX]+\.|[ivx]+\.|[a-z]\.|-|\d+", text or "")
        return "" if int(match[2]) >= first_row and numbering else match[0]

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                data = token.sub(strip, data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    return path
