"""Write the fictional example inputs under inputs/ (logo and roster); run once, results committed."""

from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent

FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rudi", "Rina", "Hendra", "Yuliana", "Bambang", "Sri",
         "Eko", "Ratna", "Joko", "Fitri", "Andi", "Nurul", "Dedi", "Maya", "Teguh", "Indah",
         "Wahyu", "Lestari", "Arif", "Kartika", "Hadi", "Putri", "Irfan", "Wulan", "Yusuf", "Ayu"]
LAST = ["Santoso", "Rahmawati", "Prasetyo", "Lestari", "Hartono", "Wijayanti", "Saputra", "Handayani",
        "Nugroho", "Susanti", "Gunawan", "Kusuma", "Setiawan", "Permatasari", "Hidayat", "Siregar",
        "Nasution", "Simanjuntak", "Pratama", "Wibowo", "Sitompul", "Lubis", "Harahap", "Tanjung"]
FRONT = ["", "", "", "Dr. ", "Drs. ", "Ir. ", "H. ", "Hj. "]
BACK = ["S.H.", "S.Sos.", "S.IP., M.Si.", "S.E., M.M.", "S.Kom.", "M.A.P.", "S.STP., M.Si.", "S.H., M.H."]
OFFICES = [
    ("Sekretaris Direktorat Jenderal Politik dan Pemerintahan Umum", "IV/d"),
    ("Direktur Politik Dalam Negeri", "IV/d"),
    ("Direktur Ketahanan Ekonomi, Sosial dan Budaya", "IV/d"),
    ("Direktur Kewaspadaan Nasional", "IV/c"),
    ("Direktur Organisasi Kemasyarakatan", "IV/c"),
    ("Direktur Fasilitasi Kelembagaan Pemerintahan dan Pemerintahan Umum", "IV/c"),
    ("Kepala Bagian Perencanaan", "IV/b"),
    ("Kepala Bagian Keuangan", "IV/b"),
    ("Kepala Bagian Umum", "IV/a"),
    ("Kepala Bagian Hukum, Kerja Sama dan Hubungan Masyarakat", "IV/b"),
    ("Kepala Subdirektorat Kelembagaan Politik Dalam Negeri", "IV/a"),
    ("Kepala Subdirektorat Pendidikan Politik dan Budaya Politik", "IV/a"),
    ("Kepala Subdirektorat Kewaspadaan Dini", "IV/a"),
    ("Kepala Subbagian Tata Usaha Pimpinan", "III/d"),
    ("Kepala Subbagian Kepegawaian", "III/d"),
    ("Analis Kebijakan Ahli Madya", "IV/b"),
    ("Analis Kebijakan Ahli Muda", "III/d"),
    ("Analis Kebijakan Ahli Pertama", "III/b"),
    ("Pranata Komputer Ahli Muda", "III/c"),
    ("Analis Sumber Daya Manusia Aparatur Ahli Muda", "III/c"),
]


PANGKAT_NAMES = {"III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
                 "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda",
                 "IV/d": "Pembina Utama Madya"}


def make_logo(path: Path) -> None:
    """Draw a plain placeholder logo (a shield with initials), clearly not an official emblem."""
    size = 400
    img = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(img)
    shield = [(60, 40), (340, 40), (340, 220), (200, 370), (60, 220)]
    draw.polygon(shield, fill=(0, 82, 147), outline=(212, 175, 55))
    draw.line(shield + [shield[0]], fill=(212, 175, 55), width=14)
    font_path = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"
    font = ImageFont.truetype(font_path, 92) if Path(font_path).exists() else ImageFont.load_default()
    draw.text((200, 170), "RB", fill="white", font=font, anchor="mm")
    img.save(path, optimize=True)


def nip(rng: random.Random, serial: int, sex: int) -> str:
    """Return a plausible 18-digit NIP (birth date, start of service, sex, serial)."""
    year = rng.randint(1965, 1992)
    birth = f"{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    start = f"{year + rng.randint(22, 28)}{rng.choice([1, 3, 4, 12]):02d}"
    return f"{birth} {start} {sex} {serial:03d}"


def make_roster(path: Path) -> None:
    """Write the fictional roster of officials who sign an integrity pact."""
    rng = random.Random(2021)
    wb = Workbook()
    ws = wb.active
    ws.title = "Pejabat"
    ws.append(["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    female = {"Siti", "Dewi", "Rina", "Yuliana", "Sri", "Ratna", "Fitri", "Nurul", "Maya", "Indah",
              "Lestari", "Kartika", "Putri", "Wulan", "Ayu"}
    for i, (office, gol) in enumerate(OFFICES, start=1):
        first = FIRST[(i * 7) % len(FIRST)]
        front = rng.choice(FRONT)
        if front in ("H. ", "Hj. "):
            front = "Hj. " if first in female else "H. "
        name = f"{front}{first} {LAST[(i * 5) % len(LAST)]}, {rng.choice(BACK)}"
        # people type the grade in different ways; reportgen prints them all alike
        grade = {0: gol, 1: f"{PANGKAT_NAMES[gol]} ({gol})", 2: f"{PANGKAT_NAMES[gol]}, {gol}"}[i % 3]
        ws.append([i, name, nip(rng, i, 2 if first in female else 1), grade, office])
        ws.cell(row=i + 1, column=3).number_format = "@"
    for col, width in zip("ABCDE", (5, 40, 24, 20, 60)):
        ws.column_dimensions[col].width = width
    wb.save(path)


if __name__ == "__main__":
    make_logo(ROOT / "inputs" / "logo.png")
    make_roster(ROOT / "inputs" / "2021" / "pegawai.xlsx")
    print("contoh ditulis di inputs/")
