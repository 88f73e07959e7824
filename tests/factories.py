"""Make realistic test inputs of any size (rosters), shared by tests and the benchmark."""

from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook

GIVEN = ["Budi", "Siti", "Agus", "Dewi", "Rudi", "Rina", "Hendra", "Yuliana", "Bambang", "Sri", "Eko",
         "Ratna", "Joko", "Fitri", "Andi", "Nurul", "Dedi", "Maya", "Teguh", "Indah", "Wahyu", "Lestari",
         "Arif", "Kartika", "Hadi", "Putri", "Irfan", "Wulan", "Yusuf", "Ayu", "Made", "Ketut", "Nyoman"]
FAMILY = ["Santoso", "Rahmawati", "Prasetyo", "Hartono", "Wijayanti", "Saputra", "Handayani", "Nugroho",
          "Susanti", "Gunawan", "Kusuma", "Setiawan", "Permatasari", "Hidayat", "Siregar", "Nasution",
          "Simanjuntak", "Pratama", "Wibowo", "Sitompul", "Lubis", "Harahap", "Tanjung", "Sinaga"]
TITLES = ["S.H.", "S.Sos.", "S.IP., M.Si.", "S.E., M.M.", "S.Kom.", "M.A.P.", "S.STP., M.Si.", "S.H., M.H."]
OFFICES = ["Analis Kebijakan Ahli Muda", "Kepala Subbagian Tata Usaha", "Pranata Komputer Ahli Pertama",
           "Kepala Bagian Perencanaan", "Direktur Kewaspadaan Nasional",
           "Kepala Subdirektorat Kelembagaan Politik Dalam Negeri", "Analis Sumber Daya Manusia Aparatur"]
GRADES = ["III/a", "Penata Muda Tingkat I (III/b)", "III-c", "Penata Tingkat I, III/d", "IV/a",
          "Pembina Tingkat I (IV/b)", "IV/c", "Pembina Utama Madya IV/d"]

LONG_NAME = ("Prof. Dr. Ir. Raden Mas Haryo Bagus Suryo Adi Kusumo Wicaksono Hadiningrat Purbonegoro, "
             "S.H., M.H., M.Si., M.A.P., Ph.D.")


def nip_for(index: int, rng: random.Random) -> str:
    """Return a valid, unique 18-digit NIP for the index-th person."""
    year = 1965 + index % 28
    birth = f"{year}{1 + index % 12:02d}{1 + index % 28:02d}"
    start = f"{year + 23}{1 + (index // 12) % 12:02d}"
    return f"{birth}{start}{1 + index % 2}{index % 1000:03d}"


def write_sheet(path: Path, header: list, rows: list[list]) -> Path:
    """Write an XLSX file: a header row, then the rows as given."""
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def make_roster(path: Path, count: int, seed: int = 7, long_names: int = 0) -> list[dict]:
    """Write an XLSX roster of `count` fictional officials; the first `long_names` get a 120-char name."""
    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"])
    people = []
    for i in range(count):
        if i < long_names:
            name = LONG_NAME
        else:
            name = f"{rng.choice(['', 'Dr. ', 'Drs. ', 'Ir. ', 'H. '])}{rng.choice(GIVEN)} " \
                   f"{rng.choice(FAMILY)}, {rng.choice(TITLES)}"
        person = {"Nama": name, "NIP": nip_for(i, rng), "Pangkat/Golongan": rng.choice(GRADES),
                  "Jabatan": rng.choice(OFFICES)}
        ws.append([i + 1, person["Nama"], person["NIP"], person["Pangkat/Golongan"], person["Jabatan"]])
        people.append(person)
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = "@"
    wb.save(path)
    return people
