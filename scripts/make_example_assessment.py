"""Write the example assessment inputs/2021/penilaian.xlsx; run once, result committed.

Sheet "LKE 2021": the year's LKE PMPRB in its official layout under PermenPAN-RB 26/2020
(reportgen/scoring/rules/lke-pmprb-26-2020.yaml): title rows with the year, a header over two rows, the
numbering (A. / I. / 1 / i. / a. / -) and the text in their own columns, section rows A. PENGUNGKIT,
I. PEMENUHAN, II. HASIL ANTARA AREA PERUBAHAN, III. REFORM, B. HASIL, the eight areas, indicators with their
weights, items with their Pilihan Jawaban and the unit's answers; percentages computed by formula from Jumlah
rows (their results saved as Excel saves them); a NILAI column of formulas; the TOTAL row and a signature
block. Pemenuhan weights per area are those of the 2020 LKE (2, 1, 2, 2, 5, 2, 4, 2) with its indicators' names
(thirds rounded to weights that add up); Hasil Antara and Reform weights per area are not confirmed (domain.md
section 6): those below are fictional but add up to 10 and 30, and Manajemen Perubahan has no Hasil Antara.
Sheet "Nilai 2019-2020": earlier years' scores per area and component (Tahun, Area, Komponen, Nilai,
Bobot), 2020 under 26/2020 and 2019 under PermenPAN-RB 14/2014 (per area MP 5, Peraturan 5, Organisasi 6,
Tatalaksana 5, SDM 15, Akuntabilitas 6, Pengawasan 12, Pelayanan 6; Hasil 20 + 10 + 10), so that a report
shows a comparison across a change of regulation. Sheet "REKAP": the totals, as official workbooks carry them
(never read as items).

The answers give the scores the example has always had (the 2021 area scores of the flat table this file
replaced), so every document stays the same. The Reform picture is the real case of domain.md section 6:
Manajemen Perubahan, Deregulasi Kebijakan, Penguatan Pengawasan and Peningkatan Kualitas Pelayanan Publik at
100 %, Tatalaksana, SDM and Akuntabilitas good below 100 %, Organisasi not yet optimal. Answers are fictional.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from saved_results import save_with_results

ROOT = Path(__file__).resolve().parent.parent

AREA_NAMES = ["Manajemen Perubahan", "Deregulasi Kebijakan", "Penataan dan Penguatan Organisasi",
              "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM Aparatur", "Penguatan Akuntabilitas",
              "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik"]

# ---------------------------------------------------------------- 2021: the LKE's items
# An indicator: (name, weight, [items]); an item: (question, Pilihan Jawaban, answer, note). An answer
# ("Jumlah", a, b) is a percentage computed by the form's formula from the two Jumlah rows below it (b / a).
# A Hasil Antara or Hasil item stands alone with its own weight: (name, weight, Pilihan Jawaban, answer).
YA = "Ya/Tidak"
PEMENUHAN = [
    [("Tim Reformasi Birokrasi", 0.4, [("Tim RB telah dibentuk", YA, "Ya", "SK Tim RB 2021"),
                                       ("Tim RB telah menyusun rencana kerja", "A/B/C", "A", None)]),
     ("Road Map Reformasi Birokrasi", 0.4, [("Road map telah disusun sesuai pedoman", YA, "Ya", None)]),
     ("Pemantauan dan Evaluasi Reformasi Birokrasi", 0.8, [
         ("PMPRB telah direncanakan dan diorganisasikan dengan baik", "A/B/C/D/E", "A", None),
         ("Aktivitas PMPRB telah dikomunikasikan pada masing-masing unit kerja", "A/B/C/D/E", "B", None)]),
     ("Perubahan Pola Pikir dan Budaya Kinerja", 0.4, [("Telah ditetapkan agen perubahan", YA, "Ya", None)])],
    [("Harmonisasi", 0.5, [("Persentase rancangan peraturan yang telah diharmonisasi", "%", 90, None)]),
     ("Sistem Pengendalian dalam Penyusunan Peraturan Perundang-undangan", 0.5, [
         ("Telah ada sistem pengendalian penyusunan peraturan", YA, "Ya", None),
         ("Sistem pengendalian telah diterapkan", "A/B/C", "A", None)])],
    [("Evaluasi Kelembagaan", 1, [("Telah dilakukan evaluasi kelembagaan", "A/B/C", "B", None),
                                  ("Hasil evaluasi kelembagaan telah ditindaklanjuti", YA, "Ya", None)]),
     ("Penataan Kelembagaan", 1, [("Penataan kelembagaan berdasarkan hasil evaluasi", "A/B/C/D/E", "A", None),
                                  ("Persentase unit kerja yang telah ditata", "%", 70, None)])],
    [("Proses Bisnis dan Prosedur Operasional Tetap (SOP) Kegiatan Utama", 0.6, [
        ("Peta proses bisnis dan SOP kegiatan utama telah disusun", YA, "Ya", None)]),
     ("E-Government", 0.8, [("Pemanfaatan teknologi informasi dalam pelayanan", "A/B/C", "B", None),
                            ("Telah ada kebijakan penerapan e-government", YA, "Ya", None)]),
     ("Keterbukaan Informasi Publik", 0.6, [("Kebijakan keterbukaan informasi publik telah diterapkan", YA, "Ya",
                                             None)])],
    [("Perencanaan Kebutuhan Pegawai sesuai dengan Kebutuhan Organisasi", 0.5, [
        ("Kebutuhan pegawai disusun berdasarkan analisis jabatan dan beban kerja", YA, "Ya", None)]),
     ("Proses Penerimaan Pegawai Transparan, Objektif, Akuntabel dan Bebas KKN", 0.5, [
         ("Penerimaan pegawai dilakukan secara terbuka", YA, "Ya", None)]),
     ("Pengembangan Pegawai Berbasis Kompetensi", 0.5, [
         ("Pengembangan kompetensi disusun berdasarkan analisis kebutuhan", "A/B/C", "A", None)]),
     ("Promosi Jabatan Dilakukan secara Terbuka", 1.5, [
         ("Persentase jabatan pimpinan tinggi yang diisi melalui seleksi terbuka", "%", ("Jumlah", 6, 6),
          "6 jabatan, seluruhnya melalui seleksi terbuka")]),
     ("Penetapan Kinerja Individu", 0.5, [("Kinerja individu telah diukur dan dikaitkan dengan tunjangan", "A/B/C",
                                           "B", None)]),
     ("Penegakan Aturan Disiplin/Kode Etik/Kode Perilaku Pegawai", 0.5, [
         ("Aturan disiplin dan kode etik telah ditegakkan", YA, "Ya", None)]),
     ("Pelaksanaan Evaluasi Jabatan", 0.5, [("Evaluasi jabatan telah dilakukan", YA, "Ya", None)]),
     ("Sistem Informasi Kepegawaian", 0.5, [("Sistem informasi kepegawaian mutakhir", "A/B/C", "B", None)])],
    [("Keterlibatan Pimpinan", 1, [("Pimpinan terlibat dalam penyusunan perencanaan", YA, "Ya", None),
                                   ("Pimpinan memantau pencapaian kinerja secara berkala", YA, "Ya", None)]),
     ("Pengelolaan Akuntabilitas Kinerja", 1, [
         ("Dokumen perencanaan kinerja telah berorientasi hasil", "A/B/C", "A", None),
         ("Persentase sasaran dengan indikator kinerja yang baik", "%", 70, None)])],
    [("Gratifikasi", 0.5, [("Pengendalian gratifikasi telah diimplementasikan", "A/B/C/D/E", "C", None),
                           ("Persentase laporan gratifikasi yang ditindaklanjuti", "%", 70, None)]),
     ("Penerapan SPIP", 0.5, [("Lingkungan pengendalian telah dibangun", YA, "Ya", None)]),
     ("Pengaduan Masyarakat", 0.67, [("Kebijakan pengaduan masyarakat telah diterapkan", YA, "Ya", None)]),
     ("Whistle-Blowing System", 0.5, [("Whistle-blowing system telah diterapkan", YA, "Ya", None)]),
     ("Penanganan Benturan Kepentingan", 0.5, [("Benturan kepentingan telah dipetakan", YA, "Ya", None)]),
     ("Pembangunan Zona Integritas", 0.83, [("Unit kerja telah dicanangkan membangun Zona Integritas", "A/B/C",
                                             "A", "Pencanangan 17 Maret 2021")]),
     ("Aparat Pengawasan Intern Pemerintah (APIP)", 0.5, [("APIP telah berperan sebagai konsultan", YA, "Ya",
                                                           None)])],
    [("Standar Pelayanan", 0.5, [("Standar pelayanan telah ditetapkan dan dimaklumatkan", YA, "Ya", None)]),
     ("Budaya Pelayanan Prima", 0.25, [("Telah dilakukan pelatihan budaya pelayanan prima", YA, "Ya", None)]),
     ("Pengelolaan Pengaduan", 0.5, [("Pengaduan dikelola melalui berbagai kanal", "A/B/C/D/E", "B", None),
                                     ("Persentase pengaduan yang diselesaikan", "%", 85, None)]),
     ("Penilaian Kepuasan terhadap Pelayanan", 0.5, [("Survei kepuasan masyarakat telah dilakukan", YA, "Ya",
                                                      None)]),
     ("Pemanfaatan Teknologi Informasi", 0.25, [("Pelayanan telah memanfaatkan teknologi informasi", YA, "Ya",
                                                 None)])],
]
HASIL_ANTARA = [
    [],
    [("Indeks Kualitas Kebijakan", 1, "Nilai (0-100)", 90)],
    [("Nilai Evaluasi Kelembagaan", 1, "Nilai (0-100)", 60)],
    [("Indeks Sistem Pemerintahan Berbasis Elektronik (SPBE)", 1, "Nilai (0-5)", 4.25)],
    [("Indeks Profesionalitas ASN", 1, "Nilai (0-100)", 90), ("Nilai Penerapan Sistem Merit", 1, "Nilai (0-100)", 80)],
    [("Nilai Evaluasi Akuntabilitas Kinerja Unit Kerja", 2, "Nilai (0-100)", 85)],
    [("Tingkat Maturitas SPIP", 0.5, "Level (1-5)", "Level 4"),
     ("Persentase Tindak Lanjut Hasil Pemeriksaan BPK", 1, "%", ("Jumlah", 20, 20))],
    [("Nilai Kepatuhan Standar Pelayanan Publik", 1, "Nilai (0-100)", 100),
     ("Indeks Pelayanan Publik", 0.5, "Nilai (0-5)", 4)],
]
REFORM = [
    [("Komitmen dan Konsistensi Pimpinan", 1.5, [("Pimpinan memimpin langsung perubahan", "A/B/C/D/E", "A", None)]),
     ("Perubahan Pola Pikir Seluruh Pegawai", 1.5, [("Agen perubahan telah menjadi teladan", YA, "Ya", None)])],
    [("Kualitas Regulasi yang Diterbitkan", 2, [("Regulasi yang diterbitkan tidak tumpang tindih", "A/B/C", "A",
                                                 None)])],
    [("Organisasi Berbasis Kinerja", 1.5, [("Struktur organisasi telah didasarkan pada peta proses bisnis", "A/B/C",
                                            "B", "Usulan penataan belum didasarkan pada proses bisnis")]),
     ("Penyederhanaan Birokrasi", 1.5, [("Persentase jabatan yang telah disetarakan", "%", 80, None)])],
    [("Proses Bisnis yang Efektif dan Efisien", 1.5, [("Persentase SOP yang telah dievaluasi", "%", 80, None)]),
     ("SPBE yang Terintegrasi", 1.5, [("Layanan administrasi telah terintegrasi", YA, "Ya", None)])],
    [("Penerapan Sistem Merit", 2, [("Pengisian jabatan telah menerapkan sistem merit", YA, "Ya", None)]),
     ("Manajemen Talenta", 2, [("Manajemen talenta telah diterapkan", "A/B/C", "A", None)]),
     ("Pengembangan Kompetensi Pegawai", 2, [("Persentase pegawai yang memenuhi 20 jam pelajaran", "%", 70, None)])],
    [("Efektivitas dan Efisiensi Anggaran", 2.5, [("Anggaran telah berbasis kinerja", YA, "Ya", None)]),
     ("Capaian Kinerja Unit", 2.5, [("Persentase sasaran kinerja yang tercapai", "%", 70, None)])],
    [("Mewujudkan Pemerintahan yang Bersih dan Bebas KKN", 4, [("Tidak ada pegawai yang dijatuhi hukuman disiplin "
                                                                "karena korupsi", YA, "Ya", None)])],
    [("Upaya dan/atau Inovasi Pelayanan Publik", 4, [("Inovasi telah mendorong perbaikan pelayanan", "A/B/C/D/E",
                                                      "A", None)])],
]
HASIL = [
    ("AKUNTABILITAS KINERJA DAN KEUANGAN", [("Opini BPK", 4, "WTP/WDP/TW/TMP", "WTP"),
                                            ("Nilai SAKIP", 6, "Nilai (0-100)", 70)]),
    ("KUALITAS PELAYANAN PUBLIK", [("Indeks Persepsi Kualitas Pelayanan", 10, "Nilai (0-4)", 3.22)]),
    ("PEMERINTAH YANG BERSIH DAN BEBAS KKN", [("Indeks Persepsi Anti Korupsi", 10, "Nilai (0-4)", 2.98)]),
    ("KINERJA ORGANISASI", [("Capaian Kinerja Organisasi", 10, "%", 75)]),
]
CHOICES = {"Ya/Tidak": {"Ya": 1, "Tidak": 0}, "A/B/C": {"A": 1, "B": 0.5, "C": 0},
           "A/B/C/D": {"A": 1, "B": 0.67, "C": 0.33, "D": 0}, "A/B/C/D/E": {"A": 1, "B": 0.75, "C": 0.5, "D": 0.25,
                                                                           "E": 0},
           "WTP/WDP/TW/TMP": {"WTP": 1, "WDP": 0.67, "TW": 0.33, "TMP": 0}}
SCALES = {"%": 100, "Nilai (0-4)": 4, "Nilai (0-5)": 5, "Nilai (0-100)": 100, "Level (1-5)": 5}
ROMAN = ("i.", "ii.", "iii.", "iv.", "v.", "vi.", "vii.", "viii.")

# ---------------------------------------------------------------- 2019-2020: scores per area and component
SCORES = {
    2020: {
        "Pemenuhan": [(1.80, 2), (0.90, 1), (1.40, 2), (1.70, 2), (4.20, 5), (1.75, 2), (3.60, 4), (1.80, 2)],
        "Hasil Antara Area Perubahan": [None, (0.80, 1), (0.50, 1), (0.80, 1), (1.60, 2), (1.60, 2), (1.35, 1.5),
                                        (1.30, 1.5)],
        "Reform": [(3.00, 3), (2.00, 2), (1.65, 3), (2.55, 3), (5.10, 6), (4.00, 5), (4.00, 4), (4.00, 4)],
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
}


def _value(kind: str, answer) -> Decimal:
    """Return an answer's value, as the form's NILAI formula computes it."""
    if kind in CHOICES:
        return Decimal(str(CHOICES[kind][answer]))
    number = answer if not isinstance(answer, str) else answer.split()[-1]
    return Decimal(str(number)) / SCALES[kind]


class Lke:
    """The year's LKE sheet, written row by row: A numbering, B text, C Bobot, D Pilihan Jawaban, E Jawaban,
    F Nilai (a formula), G Penjelasan."""

    def __init__(self, ws, year: int):
        self.ws, self.results, self.row = ws, {}, 1
        for line in ("LEMBAR KERJA EVALUASI (LKE)", "PENILAIAN MANDIRI PELAKSANAAN REFORMASI BIROKRASI (PMPRB)",
                     "DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM", f"TAHUN {year}"):
            ws.cell(self.row, 1, line).font = Font(bold=True)
            ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=7)
            self.row += 1
        self.row += 1
        for column, label in enumerate(("NO", "KOMPONEN/SUB KOMPONEN/INDIKATOR", "BOBOT", "PILIHAN JAWABAN",
                                        "PENILAIAN MANDIRI", None, "PENJELASAN"), start=1):
            if label:
                ws.cell(self.row, column, label).font = Font(bold=True)
        ws.cell(self.row + 1, 5, "JAWABAN").font = Font(bold=True)
        ws.cell(self.row + 1, 6, "NILAI").font = Font(bold=True)
        for ref in ("A{0}:A{1}", "B{0}:B{1}", "C{0}:C{1}", "D{0}:D{1}", "E{0}:F{0}", "G{0}:G{1}"):
            ws.merge_cells(ref.format(self.row, self.row + 1))
        self.row += 2
        for column in range(1, 8):
            ws.cell(self.row, column, f"({column})")
        self.row += 1
        self.first = self.row

    def line(self, token, text: str, weight=None) -> int:
        row = self.row
        self.ws.cell(row, 1, token)
        self.ws.cell(row, 2, text)
        if weight is not None:
            self.ws.cell(row, 3, weight)
        self.row += 1
        return row

    def item(self, token, text: str, kind: str, answer, note=None, weight=None) -> None:
        row = self.line(token, text, weight)
        self.ws.cell(row, 4, kind)
        if isinstance(answer, tuple):  # a percentage over its two Jumlah rows below
            _, total, part = answer
            cell = self.ws.cell(row, 5, f"=E{row + 2}/E{row + 1}")
            cell.number_format = "0.00%"
            self.results[cell.coordinate] = part / total
            value = Decimal(part) / Decimal(total)
        else:
            self.ws.cell(row, 5, answer)
            value = _value(kind, answer)
        if kind in CHOICES:
            options = CHOICES[kind]
            formula = "0"
            for label, score in reversed(list(options.items())):
                formula = f'IF(E{row}="{label}",{score},{formula})'
        elif isinstance(answer, tuple):
            formula = f"E{row}"
        else:
            spelled = f'VALUE(SUBSTITUTE(E{row},"Level ",""))' if isinstance(answer, str) else f"E{row}"
            formula = f"{spelled}/{SCALES[kind]}"
        self.ws.cell(row, 6, "=" + formula).number_format = "0.00"
        self.results[f"F{row}"] = float(value)
        if note:
            self.ws.cell(row, 7, note)
        if isinstance(answer, tuple):
            for label, number in (("Jumlah seluruhnya", answer[1]), ("Jumlah yang memenuhi", answer[2])):
                jumlah = self.line("-", label)
                self.ws.cell(jumlah, 4, "Jumlah")
                self.ws.cell(jumlah, 5, number)


def write_lke(ws, year: int) -> dict[str, object]:
    """Write the year's LKE in its official layout; return the results of its formulas."""
    lke = Lke(ws, year)
    lke.line("A.", "PENGUNGKIT", 60)
    for roman, name, weight, content in (("I.", "PEMENUHAN", 20, PEMENUHAN),
                                         ("II.", "HASIL ANTARA AREA PERUBAHAN", 10, HASIL_ANTARA),
                                         ("III.", "REFORM", 30, REFORM)):
        lke.line(roman, name, weight)
        for number, (area, indicators) in enumerate(zip(AREA_NAMES, content), start=1):
            if not indicators:
                continue
            if content is HASIL_ANTARA:
                lke.line(number, area.upper(), float(sum(Decimal(str(w)) for _, w, _, _ in indicators)))
                for text, item_weight, kind, answer in indicators:
                    lke.item("-", text, kind, answer, weight=item_weight)
                continue
            lke.line(number, area.upper(), float(sum(Decimal(str(w)) for _, w, _ in indicators)))
            for roman_small, (indicator, indicator_weight, items) in zip(ROMAN, indicators):
                lke.line(roman_small, indicator, indicator_weight)
                for letter, (question, kind, answer, note) in zip("abcdefgh", items):
                    lke.item(f"{letter}.", question, kind, answer, note)
    lke.line("B.", "HASIL", 40)
    for roman, (component, items) in zip(("I.", "II.", "III.", "IV."), HASIL):
        lke.line(roman, component, 10)
        for letter, (text, weight, kind, answer) in zip("abc", items):
            lke.item(f"{letter}.", text, kind, answer, weight=weight)
    total = lke.line(None, "TOTAL", None)
    ws.cell(total, 3, f"=C{lke.first}+C{total - 1}")
    lke.results[f"C{total}"] = 100
    for offset, line in ((2, "Jakarta, 30 Desember 2021"), (3, "Ketua Tim Penilai Internal,"),
                         (6, "Drs. Agus Prasetyo, M.Si.")):
        ws.cell(total + offset, 5, line)
    for column, width in zip("ABCDEFG", (6, 70, 8, 18, 12, 8, 40)):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=lke.first):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    return lke.results


def write_earlier_years(ws) -> None:
    """Write the area-score table: Tahun, Area, Komponen, Nilai, Bobot."""
    ws.append(["Tahun", "Area", "Komponen", "Nilai", "Bobot"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for year in (2019, 2020):
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


def write_rekap(ws) -> None:
    """Write the summary sheet an official workbook carries (never read as items)."""
    for row in (["REKAPITULASI NILAI PMPRB TAHUN 2021"], [], ["Komponen", "Bobot", "Nilai"],
                ["Pengungkit", 60, 54.15], ["Hasil", 40, 31.20], ["Indeks Reformasi Birokrasi", 100, 85.35]):
        ws.append(row)


def make_assessment(path: Path) -> None:
    wb = Workbook()
    lke = wb.active
    lke.title = "LKE 2021"
    results = write_lke(lke, 2021)
    write_earlier_years(wb.create_sheet("Nilai 2019-2020"))
    write_rekap(wb.create_sheet("REKAP"))
    save_with_results(wb, path, {"LKE 2021": results})


if __name__ == "__main__":
    make_assessment(ROOT / "inputs" / "2021" / "penilaian.xlsx")
    print("inputs/2021/penilaian.xlsx ditulis")
