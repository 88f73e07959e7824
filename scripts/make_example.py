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
FEMALE = {"Siti", "Dewi", "Rina", "Yuliana", "Sri", "Ratna", "Fitri", "Nurul", "Maya", "Indah",
          "Lestari", "Kartika", "Putri", "Wulan", "Ayu"}
BACHELOR = ["S.H.", "S.Sos.", "S.IP.", "S.E.", "S.Kom.", "S.STP.", "S.AP."]
MASTER = ["M.Si.", "M.M.", "M.A.P.", "M.H.", "M.Sc."]
# The head of unit, as unit.yaml names him: the first pact of the roster, and the team's Pengarah.
HEAD = ("Dr. Bahtiar Wicaksono, M.Si.", "19710515 199303 1 004",
        "Direktur Jenderal Politik dan Pemerintahan Umum", "IV/e")
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
GOLONGAN = ("III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e")


PANGKAT_NAMES = {"III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
                 "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda",
                 "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama"}


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


def civil_servant(rng: random.Random, serial: int, grade: str, first: str, last: str,
                  year: int = 2021) -> tuple[str, str]:
    """Return the name with titles and the NIP of a civil servant of `grade` in `year` that agree with each other
    (reportgen.inputs.plausibility): a title marking sex only on that sex, a golongan reached from the entry
    golongan of the titles' education at about four years a step, an entry age of 22-32."""
    female = first in FEMALE
    steps_above_s1 = GOLONGAN.index(grade)
    education = "S3" if grade in ("IV/d", "IV/e") and rng.random() < 0.4 else \
        "S2" if steps_above_s1 >= 3 or rng.random() < 0.4 else "S1"
    entry = {"S1": "III/a", "S2": "III/b", "S3": "III/c"}[education]
    steps = max(GOLONGAN.index(grade) - GOLONGAN.index(entry), 0)
    service = min(max(3 * steps + rng.randint(0, 4), 2), 33)
    entry_age = {"S1": rng.randint(22, 26), "S2": rng.randint(25, 29), "S3": rng.randint(28, 32)}[education]
    start_year = year - service
    birth_year = start_year - entry_age
    birth = f"{birth_year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    start = f"{start_year}{rng.choice([1, 3, 4, 12]):02d}"
    old = birth_year <= 1968 and education != "S3"  # the old S-1 titles Drs./Dra. on the older ones
    front = "Dr. " if education == "S3" else ("Dra. " if female else "Drs. ") if old else ""
    if rng.random() < 0.15:  # an academic title comes first: "Dr. H. ..."
        front += "Hj. " if female else "H. "
    bachelor = "" if old else rng.choice(BACHELOR)
    back = ", ".join(t for t in (bachelor, rng.choice(MASTER) if education != "S1" else "") if t)
    name = f"{front}{first} {last}" + (f", {back}" if back else "")
    return name, f"{birth} {start} {2 if female else 1} {serial:03d}"


def make_roster(path: Path) -> None:
    """Write the fictional roster of officials who sign an integrity pact: the head of unit (JPT Madya), the
    Secretary and the Directors (JPT Pratama), then administrators and functional officials."""
    rng = random.Random(2021)
    wb = Workbook()
    ws = wb.active
    ws.title = "Pejabat"
    ws.append(["No", "Nama", "NIP", "Pangkat/Golongan", "Jabatan"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    rows = [HEAD[:2] + (HEAD[3], HEAD[2])]
    for i, (office, gol) in enumerate(OFFICES, start=1):
        name, number = civil_servant(rng, i, gol, FIRST[(i * 7) % len(FIRST)], LAST[(i * 5) % len(LAST)])
        rows.append((name, number, gol, office))
    for i, (name, number, gol, office) in enumerate(rows, start=1):
        # people type the grade in different ways; reportgen prints them all alike
        grade = {0: gol, 1: f"{PANGKAT_NAMES[gol]} ({gol})", 2: f"{PANGKAT_NAMES[gol]}, {gol}"}[i % 3]
        ws.append([i, name, number, grade, office])
        ws.cell(row=i + 1, column=3).number_format = "@"
    for col, width in zip("ABCDE", (5, 40, 24, 20, 60)):
        ws.column_dimensions[col].width = width
    wb.save(path)


if __name__ == "__main__":
    make_logo(ROOT / "inputs" / "logo.png")
    make_roster(ROOT / "inputs" / "2021" / "pegawai.xlsx")
    print("contoh ditulis di inputs/")
