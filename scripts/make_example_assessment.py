"""Write the example assessment inputs/2021/penilaian.xlsx (area scores 2019-2021); run once, result committed.

2020 and 2021 follow PermenPAN-RB 26/2020 (reportgen/scoring/rules/pmprb-26-2020.yaml): Pengungkit 60 =
Pemenuhan 20 (per area 2, 1, 2, 2, 5, 2, 4, 2 as in the 2020 LKE) + Hasil Antara Area Perubahan 10 +
Reform 30; Hasil 40 in four parts of 10 with their official names. Hasil Antara and Reform weights per area
are not confirmed (domain.md section 6): those below are fictional but add up to 10 and 30, and Manajemen
Perubahan has no Hasil Antara. 2019 follows PermenPAN-RB 14/2014 (per area MP 5, Peraturan 5, Organisasi 6,
Tatalaksana 5, SDM 15, Akuntabilitas 6, Pengawasan 12, Pelayanan 6; Hasil 20 + 10 + 10), so that a report
for 2020 shows a comparison across a change of regulation. The Reform picture is the real case of
domain.md section 6: Manajemen Perubahan, Deregulasi Kebijakan, Penguatan Pengawasan and Peningkatan
Kualitas Pelayanan Publik at 100 %, Tatalaksana, SDM and Akuntabilitas good below 100 %, Organisasi not
yet optimal. Scores are fictional.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parent.parent

AREA_NAMES = ["Manajemen Perubahan", "Deregulasi Kebijakan", "Penataan dan Penguatan Organisasi",
              "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM Aparatur", "Penguatan Akuntabilitas",
              "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik"]

# per area (1..8): (score, weight) of each lever component; None where the area has no such part
SCORES = {
    2020: {
        "Pemenuhan": [(1.80, 2), (0.90, 1), (1.40, 2), (1.70, 2), (4.20, 5), (1.75, 2), (3.60, 4), (1.80, 2)],
        "Hasil Antara Area Perubahan": [None, (0.80, 1), (0.50, 1), (0.80, 1), (1.60, 2), (1.60, 2), (1.35, 1.5),
                                        (1.30, 1.5)],
        "Reform": [(3.00, 3), (2.00, 2), (1.65, 3), (2.55, 3), (5.10, 6), (4.00, 5), (4.00, 4), (4.00, 4)],
    },
    2021: {
        "Pemenuhan": [(1.90, 2), (0.95, 1), (1.60, 2), (1.80, 2), (4.50, 5), (1.85, 2), (3.80, 4), (1.90, 2)],
        "Hasil Antara Area Perubahan": [None, (0.90, 1), (0.60, 1), (0.85, 1), (1.70, 2), (1.70, 2), (1.40, 1.5),
                                        (1.40, 1.5)],
        "Reform": [(3.00, 3), (2.00, 2), (1.95, 3), (2.70, 3), (5.40, 6), (4.25, 5), (4.00, 4), (4.00, 4)],
    },
    # PermenPAN-RB 14/2014 weights per area, split here into Pemenuhan and Reform
    2019: {
        "Pemenuhan": [(1.60, 2), (1.50, 2), (1.70, 2.5), (1.60, 2), (4.50, 6), (1.90, 2.5), (3.80, 5),
                      (1.90, 2.5)],
        "Reform": [(2.10, 3), (2.20, 3), (1.60, 3.5), (2.10, 3), (6.30, 9), (2.40, 3.5), (5.10, 7), (2.50, 3.5)],
    },
}
RESULTS = {
    2019: [("Kapasitas dan Akuntabilitas Kinerja Organisasi", 13.10, 20),
           ("Pemerintah yang Bersih dan Bebas KKN", 6.60, 10), ("Kualitas Pelayanan Publik", 7.10, 10)],
    2020: [("Akuntabilitas Kinerja dan Keuangan", 7.20, 10), ("Kualitas Pelayanan Publik", 7.00, 10),
           ("Pemerintah yang Bersih dan Bebas KKN", 6.40, 10), ("Kinerja Organisasi", 6.25, 10)],
    2021: [("Akuntabilitas Kinerja dan Keuangan", 8.20, 10), ("Kualitas Pelayanan Publik", 8.05, 10),
           ("Pemerintah yang Bersih dan Bebas KKN", 7.45, 10), ("Kinerja Organisasi", 7.50, 10)],
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
                if values[number - 1] is None:
                    continue
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
