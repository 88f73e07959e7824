"""Write the fictional example RB team (inputs/2021/tim-rb.xlsx) for the team decree; run once, result committed.

Every person and NIP is invented. Rows are deliberately not in the attachment's order and areas are
written in several ways (number, name, "Area 3"), as users do; reportgen sorts and names them.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from make_example import FIRST, HEAD, LAST, civil_servant  # noqa: E402
from reportgen.inputs.consistency import post_key  # noqa: E402

UNIT = "Direktorat Jenderal Politik dan Pemerintahan Umum"

# Roles that fit the ranks: the head of unit directs, the Secretary (the first of the JPT Pratama) chairs, a
# Director is his deputy; Directors and Heads of Division coordinate the areas (reportgen.inputs.plausibility).
LEADERS = [
    ("Pengarah", "Direktur Jenderal Politik dan Pemerintahan Umum"),
    ("Ketua", f"Sekretaris {UNIT}"),
    ("Wakil Ketua", "Direktur Politik Dalam Negeri"),
    ("Sekretaris", "Kepala Bagian Perencanaan"),
    ("Wakil Sekretaris", "Kepala Subbagian Program dan Anggaran"),
]
COORDINATORS = {
    1: "Direktur Fasilitasi Kelembagaan Pemerintahan dan Pemerintahan Umum",
    2: "Kepala Bagian Hukum, Kerja Sama dan Hubungan Masyarakat",
    3: "Kepala Bagian Umum",
    4: "Direktur Kewaspadaan Nasional",
    5: "Kepala Subbagian Kepegawaian",
    6: "Kepala Bagian Keuangan",
    7: "Direktur Organisasi Kemasyarakatan",
    8: "Direktur Ketahanan Ekonomi, Sosial dan Budaya",
}
# The golongan an office usually has: a drawn person's NIP and titles are made to fit it.
GRADES = {"Direktur": "IV/c", "Kepala Bagian": "IV/a", "Kepala Subdirektorat": "IV/a", "Kepala Subbagian": "III/d",
          "Kepala Seksi": "III/c", "Analis Kebijakan Ahli Madya": "IV/b", "Ahli Muda": "III/c", "Ahli Pertama": "III/a",
          "Perencana Ahli Muda": "III/c"}


def grade_of(office: str) -> str:
    """Return the usual golongan of an office (III/b for one not listed)."""
    return next((g for start, g in sorted(GRADES.items(), key=lambda kv: -len(kv[0]))
                 if office.startswith(start) or start in office), "III/b")
MEMBER_OFFICES = [
    "Kepala Subdirektorat Kelembagaan Politik Dalam Negeri",
    "Kepala Subdirektorat Pendidikan Politik dan Budaya Politik",
    "Kepala Subdirektorat Kewaspadaan Dini",
    "Kepala Subdirektorat Fasilitasi Forum Koordinasi Pimpinan Daerah",
    "Kepala Subbagian Tata Usaha Pimpinan",
    "Kepala Subbagian Evaluasi dan Pelaporan",
    "Kepala Seksi Organisasi Kemasyarakatan Lingkup Nasional",
    "Kepala Seksi Wawasan Kebangsaan",
    "Analis Kebijakan Ahli Madya",
    "Analis Kebijakan Ahli Muda",
    "Analis Kebijakan Ahli Pertama",
    "Pranata Komputer Ahli Pertama",
    "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
    "Pranata Hubungan Masyarakat Ahli Muda",
    "Arsiparis Ahli Pertama",
    "Analis Anggaran Ahli Pertama",
    "Perencana Ahli Muda",
    "Auditor Ahli Pertama",
    "Pengelola Data dan Informasi",
    "Pengadministrasi Umum",
]
NON_CIVIL = "Tenaga Pendukung Teknis (PPNPN)"
# Offices many people hold: a member whose drawn office is a post someone in the team already holds gets one.
FUNCTIONAL = [office for office in MEMBER_OFFICES if post_key(office) is None]
AREA_WRITTEN = {
    1: ["1", "Manajemen Perubahan"],
    2: ["2", "Deregulasi Kebijakan", "Area 2"],
    3: ["3", "Penataan dan Penguatan Organisasi"],
    4: ["4", "Penataan Tatalaksana", "Area 4"],
    5: ["5", "Penataan Sistem Manajemen SDM Aparatur"],
    6: ["6", "Penguatan Akuntabilitas"],
    7: ["7", "penguatan pengawasan"],
    8: ["8", "Peningkatan Kualitas Pelayanan Publik"],
}


def bare(name: str) -> str:
    """Return a name without its titles: "Dr. H. Andi Gunawan, S.AP., M.H." -> "Andi Gunawan"."""
    words = name.split(",")[0].split()
    return " ".join(w for w in words if not w.endswith("."))


def roster_holders(path: Path) -> dict[str, tuple[str, str]]:
    """Return office -> (name, NIP) of the pacts roster of the same year (inputs/2021/pegawai.xlsx)."""
    sheet = load_workbook(path).active
    return {row[4]: (row[1], row[2]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]}


def make_team(path: Path, roster: Path) -> None:
    """Write the fictional team: 5 leaders, then per area a coordinator and 6 members (61 people).

    A post one person holds (Direktur ..., Kepala ...) appears once, held by the official the pacts roster
    names for it, so the decree and the pacts of the year agree (reportgen.inputs.consistency).
    """
    rng = random.Random(14872021)
    used: set[str] = set()
    serial = 100
    holders = roster_holders(roster)
    taken: set[str] = set()
    spare = iter(FUNCTIONAL * 8)

    # nobody drawn shares a name with another person of the team or of the roster (titles aside)
    used.update(bare(name) for name, _ in holders.values())
    used.add(bare(HEAD[0]))

    def person(civil: bool = True, office: str = "") -> tuple[str, str]:
        """Return a new person's name and NIP, plausible for the office's usual golongan."""
        nonlocal serial
        while True:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if f"{first} {last}" in used:
                continue
            used.add(f"{first} {last}")
            serial += 1
            return civil_servant(rng, serial, grade_of(office), first, last) if civil else (f"{first} {last}", "-")

    def member(office: str) -> tuple[str, str, str]:
        """Return (name, NIP, office): the roster's holder of a single post, a functional office when the post is
        taken already, else a new person."""
        key = post_key(office, UNIT)
        if key is not None:
            if key in taken:
                office = next(spare)
            else:
                taken.add(key)
                if office in holders:
                    return (*holders[office], office)
        return (*person(office=office), office)

    leaders = []
    for position, office in LEADERS:
        if position == "Pengarah":  # the head of unit, as in unit.yaml
            taken.add(post_key(office, UNIT))
            leaders.append([HEAD[0], HEAD[1], office, position, None])
        else:
            leaders.append([*member(office), position, None])
    area_rows = []
    for area in range(1, 9):
        written = AREA_WRITTEN[area]
        area_rows.append([*member(COORDINATORS[area]), "Koordinator", rng.choice(written)])
        offices = rng.sample(MEMBER_OFFICES, 6)
        for i, office in enumerate(offices):
            civil = not (area in (2, 6) and i == 5)
            name, number, office = member(office) if civil else (*person(False), NON_CIVIL)
            area_rows.append([name, number, office, rng.choice(["Anggota", "Anggota", "anggota"]),
                              rng.choice(written)])
    rng.shuffle(area_rows)  # as typed by hand: reportgen groups them by area

    wb = Workbook()
    wb.properties.created = wb.properties.modified = dt.datetime(2021, 3, 1)
    ws = wb.active
    ws.title = "Tim RB"
    ws.append(["No", "Nama", "NIP", "Jabatan", "Kedudukan", "Area"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, row in enumerate(leaders + area_rows, start=1):
        ws.append([i, *row])
        ws.cell(row=i + 1, column=3).number_format = "@"
    for col, width in zip("ABCDEF", (5, 42, 24, 62, 18, 40)):
        ws.column_dimensions[col].width = width
    wb.save(path)


if __name__ == "__main__":
    make_team(ROOT / "inputs" / "2021" / "tim-rb.xlsx", ROOT / "inputs" / "2021" / "pegawai.xlsx")
    print("contoh ditulis: inputs/2021/tim-rb.xlsx")
