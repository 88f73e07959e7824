"""Write a blank staff list (pegawai.xlsx) to fill in Excel: accepted headers, NIP columns formatted as text."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from reportgen.errors import ReportgenError
from reportgen.output.atomic import write_atomic

FILL_ROWS = 500  # rows whose NIP cells are formatted as text in advance

# (header, required, width, what to write, other accepted headers as exports spell them)
COLUMNS = (
    ("No", False, 5, "nomor urut (boleh dikosongkan; tidak dibaca)", ""),
    ("Nama", True, 34, "nama lengkap dengan gelar, mis. Dr. Budi Santoso, S.H., M.H.",
     "NAMA, Nama Pegawai, Nama Lengkap; gelar boleh di kolom GELAR DEPAN dan GELAR BELAKANG"),
    ("NIP", True, 22, "18 angka, boleh berspasi: 19700101 200003 1 001 (PPPK: NI PPPK 18 angka)",
     "NIP BARU, NIP Baru (NIP LAMA diabaikan)"),
    ("Pangkat/Golongan", True, 26, "golongan atau pangkat dengan golongan: IV/a, Pembina (IV/a); PPPK: IX",
     "GOL AKHIR NAMA, GOLRU, Gol. Ruang, Golongan; kolom PANGKAT terpisah dicocokkan dengan golongannya"),
    ("Jabatan", True, 36, "jabatan dinas, mis. Kepala Bagian Umum", "JABATAN NAMA, Nama Jabatan"),
    ("Instansi", False, 30, "bila kosong dipakai nama unit dari unit.yaml",
     "UNOR NAMA, SATKER, Unit Kerja, Satuan Kerja"),
    ("Jenis Pegawai", False, 14, "PNS atau PPPK (bila kosong: PPPK bila golongan tanpa huruf, mis. IX)",
     "JENIS PEGAWAI"),
    ("Nama Atasan", False, 30, "saksi pakta; bila kosong dipakai pimpinan unit", ""),
    ("NIP Atasan", False, 22, "NIP saksi", ""),
    ("Jabatan Atasan", False, 30, "jabatan saksi; diisi bersama Nama Atasan", ""),
)
TEXT_COLUMNS = ("NIP", "NIP Atasan")


def roster_template() -> bytes:
    """Return a blank pegawai.xlsx: sheet 'Pegawai' to fill, sheet 'Petunjuk' explaining each column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws.append([c[0] for c in COLUMNS])
    for cell, (_, required, width, _, _) in zip(ws[1], COLUMNS):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        if column[0] in TEXT_COLUMNS:  # Excel would otherwise keep only 15 of the 18 digits
            for row in range(2, FILL_ROWS + 2):
                ws.cell(row=row, column=index).number_format = "@"
    notes = wb.create_sheet("Petunjuk")
    notes.append(["Kolom", "Wajib", "Isi", "Judul lain yang juga diterima"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for header, required, _, what, others in COLUMNS:
        notes.append([header, "ya" if required else "tidak", what, others])
    notes.append([])
    notes.append(["Daftar pegawai hasil unduhan SIASN atau SIMPEG boleh dipakai langsung: baris judul daftar di "
                  "atas tabel, judul kolom dua baris, baris nomor kolom (1, 2, 3, ...) dan tanda tangan di bawah "
                  "tabel dikenali sendiri."])
    for col, width in zip("ABCD", (18, 7, 70, 70)):
        notes.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_roster_template(path: Path) -> Path:
    """Write the blank staff list to `path` (refusing to replace an existing file) and return the path."""
    path = Path(path)
    if path.exists():
        raise ReportgenError(f"{path} sudah ada; pilih nama atau folder lain agar isinya tidak tertimpa")
    write_atomic(path, roster_template())
    return path
