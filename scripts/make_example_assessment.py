"""Write the example assessment inputs/2021/penilaian.xlsx (area scores 2019-2021); run once, result committed.

Follows the real case of domain.md section 6: in 2020, of the Reform component, Manajemen Perubahan,
Deregulasi Kebijakan, Penguatan Pengawasan and Peningkatan Kualitas Pelayanan Publik reach 100 %,
Tatalaksana, SDM and Akuntabilitas are good but below 100 %, Penataan dan Penguatan Organisasi is not
yet optimal; 2021 keeps that picture with higher scores. 2019 uses the older weights of
PermenPAN-RB 14/2014 (no Hasil Antara), to show that weights come from the data. Numbers are fictional.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parent.parent

AREA_NAMES = ["Manajemen Perubahan", "Deregulasi Kebijakan", "Penataan dan Penguatan Organisasi",
              "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM Aparatur", "Penguatan Akuntabilitas",
              "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik"]

# per area (1..8): (score, weight) of Pemenuhan, Hasil Antara, Reform
SCORES = {
    2020: {
        "Pemenuhan": [(1.80, 2), (1.35, 1.5), (1.05, 1.5), (1.70, 2), (3.40, 4), (2.55, 3), (2.70, 3), (2.75, 3)],
        "Hasil Antara": [(0.90, 1), (0.45, 0.5), (0.30, 0.5), (0.80, 1), (1.60, 2), (1.60, 2), (1.35, 1.5),
                         (1.30, 1.5)],
        "Reform": [(3.00, 3), (2.00, 2), (1.10, 2), (2.55, 3), (5.10, 6), (4.00, 5), (4.50, 4.5), (4.50, 4.5)],
    },
    2021: {
        "Pemenuhan": [(1.90, 2), (1.40, 1.5), (1.15, 1.5), (1.80, 2), (3.60, 4), (2.70, 3), (2.85, 3), (2.85, 3)],
        "Hasil Antara": [(0.95, 1), (0.50, 0.5), (0.35, 0.5), (0.85, 1), (1.70, 2), (1.70, 2), (1.40, 1.5),
                         (1.40, 1.5)],
        "Reform": [(3.00, 3), (2.00, 2), (1.30, 2), (2.70, 3), (5.40, 6), (4.25, 5), (4.50, 4.5), (4.50, 4.5)],
    },
    # PermenPAN-RB 14/2014 weights per area (MP 5, Peraturan 5, Organisasi 6, Tatalaksana 5, SDM 15,
    # Akuntabilitas 6, Pengawasan 12, Pelayanan 6), split here into Pemenuhan and Reform
    2019: {
        "Pemenuhan": [(1.60, 2), (1.50, 2), (1.70, 2.5), (1.60, 2), (4.50, 6), (1.90, 2.5), (3.80, 5),
                      (1.90, 2.5)],
        "Reform": [(2.10, 3), (2.20, 3), (1.60, 3.5), (2.10, 3), (6.30, 9), (2.40, 3.5), (5.10, 7), (2.50, 3.5)],
    },
}
RESULTS = {
    2019: [("Kapasitas dan Akuntabilitas Kinerja Organisasi", 13.10, 20),
           ("Pemerintah yang Bersih dan Bebas KKN", 6.60, 10), ("Kualitas Pelayanan Publik", 7.10, 10)],
    2020: [("Kapasitas dan Akuntabilitas Kinerja Organisasi", 12.50, 20),
           ("Pemerintah yang Bersih dan Bebas KKN", 6.40, 10), ("Kualitas Pelayanan Publik", 7.00, 10)],
    2021: [("Kapasitas dan Akuntabilitas Kinerja Organisasi", 15.10, 20),
           ("Pemerintah yang Bersih dan Bebas KKN", 7.45, 10), ("Kualitas Pelayanan Publik", 8.05, 10)],
}


def make_assessment(path: Path) -> None:
    """Write the area-score form: Tahun, Area, Komponen, Nilai, Bobot."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Nilai PMPRB"
    ws.append(["Tahun", "Area", "Komponen", "Nilai", "Bobot"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for year in (2019, 2020, 2021):
        for number, name in enumerate(AREA_NAMES, start=1):
            for component, values in SCORES[year].items():
                score, weight = values[number - 1]
                ws.append([year, name, component, score, weight])
        for component, score, weight in RESULTS[year]:
            ws.append([year, None, component, score, weight])
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "0.00"
    for col, width in zip("ABCDE", (8, 42, 48, 10, 10)):
        ws.column_dimensions[col].width = width
    wb.save(path)


if __name__ == "__main__":
    make_assessment(ROOT / "inputs" / "2021" / "penilaian.xlsx")
    print("inputs/2021/penilaian.xlsx ditulis")
