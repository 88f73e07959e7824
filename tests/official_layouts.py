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
