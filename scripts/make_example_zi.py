"""Write the example LKE ZI inputs/2021/lke-zi.xlsx; run once, result committed.

In the LKE ZI's own layout under PermenPAN-RB 90/2021 (reportgen/scoring/rules/lke-zi-90-2021.yaml, scored
with zi-90-2021.yaml): title rows with the unit and the year, a header over two rows (Jawaban and Nilai each
over Unit and TPI), the numbering in columns of their own, A. PENGUNGKIT with I. PEMENUHAN and II. REFORM over
the six areas, their indicators and questions in the usual wording of the form; B. HASIL with the surveys
(Nilai 0-4) and Capaian Kinerja; a Nilai column of formulas with the results Excel saves; the total row and a
signature block. Indicator weights are fictional splits of each part's weight; answers, the evaluators' (TPI)
answers and notes are fictional but plausible. The unit does not qualify for WBK by a small gap in its total
(every other WBK condition is met).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from saved_results import save_with_results

ROOT = Path(__file__).resolve().parent.parent

# (area, part, indicator, indicator weight, [(question, answer type, answer, note)])
LKE = [
    ("Manajemen Perubahan", "Pemenuhan", "Penyusunan Tim Kerja", 1, [
        ("Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas", "Ya/Tidak", "Ya",
         "SK Tim Kerja ZI Nomor 800-1512 Tahun 2021"),
        ("Penentuan anggota Tim dipilih melalui prosedur/mekanisme yang jelas", "A-C", "B",
         "Anggota ditunjuk pimpinan tanpa seleksi terbuka")]),
    ("Manajemen Perubahan", "Pemenuhan", "Rencana Pembangunan Zona Integritas", 1.5, [
        ("Terdapat dokumen rencana kerja pembangunan Zona Integritas menuju WBK/WBBM", "Ya/Tidak", "Ya",
         "Rencana kerja ZI 2021"),
        ("Dalam dokumen pembangunan terdapat target-target prioritas yang relevan", "A-C", "B", None),
        ("Terdapat mekanisme atau media untuk mensosialisasikan pembangunan WBK/WBBM", "A-C", "A",
         "Sosialisasi melalui laman dan media sosial")]),
    ("Manajemen Perubahan", "Pemenuhan", "Pemantauan dan Evaluasi Pembangunan WBK/WBBM", 1.5, [
        ("Seluruh kegiatan pembangunan sudah dilaksanakan sesuai dengan rencana", "A-D", "B", None),
        ("Terdapat monitoring dan evaluasi terhadap pembangunan Zona Integritas", "A-D", "C",
         "Monitoring baru dua kali setahun")]),
    ("Manajemen Perubahan", "Reform", "Komitmen dalam Perubahan", 2, [
        ("Terdapat agen perubahan/role model yang ditetapkan", "A-C", "A", "SK Agen Perubahan 2021"),
        ("Persentase agen perubahan yang menjadi contoh", "%", 60, None)]),
    ("Manajemen Perubahan", "Reform", "Komitmen Pimpinan", 1, [
        ("Pimpinan berperan sebagai role model dalam pelaksanaan Pembangunan WBK/WBBM", "A-C", "B", None)]),
    ("Manajemen Perubahan", "Reform", "Membangun Budaya Kerja", 1, [
        ("Unit kerja membangun budaya kerja dan pola pikir di lingkungan organisasi", "A-D", "B", None)]),

    ("Penataan Tatalaksana", "Pemenuhan", "Prosedur Operasional Tetap (SOP) Kegiatan Utama", 1.5, [
        ("SOP mengacu pada peta proses bisnis instansi", "A-C", "A", "42 SOP mengacu peta proses bisnis"),
        ("Prosedur operasional tetap (SOP) telah diterapkan", "A-D", "B", None),
        ("Prosedur operasional tetap (SOP) telah dievaluasi", "A-D", "C", "Evaluasi SOP belum menyeluruh")]),
    ("Penataan Tatalaksana", "Pemenuhan", "Sistem Pemerintahan Berbasis Elektronik (SPBE)", 1, [
        ("Sistem pengukuran kinerja unit sudah menggunakan teknologi informasi", "A-C", "B", None),
        ("Operasionalisasi manajemen SDM sudah menggunakan teknologi informasi", "A-C", "A", "SIMPEG terpadu")]),
    ("Penataan Tatalaksana", "Pemenuhan", "Keterbukaan Informasi Publik", 1, [
        ("Kebijakan tentang keterbukaan informasi publik telah diterapkan", "Ya/Tidak", "Ya", "PPID pelaksana"),
        ("Melakukan monitoring dan evaluasi pelaksanaan kebijakan keterbukaan informasi publik", "A-C", "C",
         None)]),
    ("Penataan Tatalaksana", "Reform", "Peta Proses Bisnis Mempengaruhi Penyederhanaan Jabatan", 1.5, [
        ("Telah disusun peta proses bisnis dengan adanya penyederhanaan jabatan", "A-C", "A",
         "Peta proses bisnis 2021 menyederhanakan 12 jabatan")]),
    ("Penataan Tatalaksana", "Reform", "Sistem Pemerintahan Berbasis Elektronik Terintegrasi", 2, [
        ("Implementasi SPBE telah terintegrasi dan mampu mendorong pelaksanaan pelayanan publik", "A-E", "B",
         "Layanan persuratan dan kepegawaian sudah terintegrasi"),
        ("Implementasi SPBE telah mendorong kinerja unit yang lebih baik", "A-E", "C", None)]),

    ("Penataan Sistem Manajemen SDM", "Pemenuhan", "Perencanaan Kebutuhan Pegawai sesuai dengan Kebutuhan Organisasi",
     1, [("Kebutuhan pegawai disusun dengan mengacu kepada peta jabatan dan hasil analisis beban kerja", "A-C",
          "A", "Anjab dan ABK 2021"),
         ("Penerapan rencana kebutuhan pegawai", "%", 85, None)]),
    ("Penataan Sistem Manajemen SDM", "Pemenuhan", "Pola Mutasi Internal", 1, [
        ("Dalam melakukan pengembangan karier pegawai telah dilakukan mutasi pegawai antar jabatan", "A-C", "B",
         None)]),
    ("Penataan Sistem Manajemen SDM", "Pemenuhan", "Pengembangan Pegawai Berbasis Kompetensi", 1.5, [
        ("Unit kerja melakukan Training Need Analysis untuk pengembangan kompetensi", "A-C", "B", None),
        ("Jumlah pegawai yang telah mengikuti pengembangan kompetensi", "Jumlah", 118, None),
        ("Persentase pegawai yang mengikuti pengembangan kompetensi", "%", 74, "118 dari 160 pegawai")]),
    ("Penataan Sistem Manajemen SDM", "Pemenuhan", "Penegakan Aturan Disiplin/Kode Etik/Kode Perilaku Pegawai",
     1.5, [("Unit kerja telah menerapkan aturan disiplin/kode etik/kode perilaku", "A-C", "A",
            "Tidak ada pelanggaran disiplin berat tahun 2021")]),
    ("Penataan Sistem Manajemen SDM", "Reform", "Kinerja Individu", 2.5, [
        ("Terdapat penurunan pelanggaran disiplin pegawai", "A-D", "B", None),
        ("Ukuran kinerja individu telah selaras dengan kinerja organisasi", "A-E", "C",
         "SKP eselon IV belum selaras dengan sasaran unit")]),
    ("Penataan Sistem Manajemen SDM", "Reform", "Assessment Pegawai", 2.5, [
        ("Hasil assessment telah dijadikan pertimbangan untuk mutasi dan pengembangan karier pegawai", "A-C",
         "B", None)]),

    ("Penguatan Akuntabilitas", "Pemenuhan", "Keterlibatan Pimpinan", 2.5, [
        ("Pimpinan terlibat secara langsung pada saat penyusunan Perencanaan", "A-C", "A", None),
        ("Pimpinan terlibat secara langsung pada saat penyusunan Penetapan Kinerja", "A-C", "A", None),
        ("Pimpinan memantau pencapaian kinerja secara berkala", "A-C", "B", "Rapat kinerja triwulanan")]),
    ("Penguatan Akuntabilitas", "Pemenuhan", "Pengelolaan Akuntabilitas Kinerja", 2.5, [
        ("Dokumen perencanaan sudah ada", "Ya/Tidak", "Ya", "Renstra 2020-2024"),
        ("Laporan kinerja disusun tepat waktu", "Ya/Tidak", "Ya", None),
        ("Pelaporan pencapaian kinerja dilakukan secara berkala", "A-D", "C", None)]),
    ("Penguatan Akuntabilitas", "Reform", "Efektivitas dan Efisiensi Anggaran", 2.5, [
        ("Persentase penyerapan anggaran", "%", 92.5, "Realisasi anggaran 92,5 persen"),
        ("Persentase pencapaian sasaran dibanding anggaran", "%", 55, None)]),
    ("Penguatan Akuntabilitas", "Reform", "Pemanfaatan Aplikasi SAKIP", 2.5, [
        ("Pemanfaatan aplikasi akuntabilitas kinerja", "A-D", "C", "Aplikasi e-SAKIP belum dipakai penuh")]),

    ("Penguatan Pengawasan", "Pemenuhan", "Pengendalian Gratifikasi", 1.5, [
        ("Telah dilakukan public campaign tentang pengendalian gratifikasi", "A-C", "A", "Kampanye 17 Maret 2021"),
        ("Pengendalian gratifikasi telah diimplementasikan", "A-C", "B", None)]),
    ("Penguatan Pengawasan", "Pemenuhan", "Penerapan SPIP", 2, [
        ("Telah dibangun lingkungan pengendalian", "A-C", "B", None),
        ("Telah dilakukan penilaian risiko atas pelaksanaan kebijakan", "A-C", "C",
         "Register risiko belum disusun")]),
    ("Penguatan Pengawasan", "Pemenuhan", "Pengaduan Masyarakat", 1.5, [
        ("Kebijakan pengaduan masyarakat telah diimplementasikan", "A-D", "B", None),
        ("Hasil penanganan pengaduan masyarakat telah dimonitor dan dievaluasi", "A-D", "C", None)]),
    ("Penguatan Pengawasan", "Pemenuhan", "Whistle-Blowing System", 1.5, [
        ("Whistle-Blowing System sudah diinternalisasi", "A-C", "A", "WBS terhubung dengan Inspektorat Jenderal"),
        ("Whistle-Blowing System telah dievaluasi", "A-C", "C", None)]),
    ("Penguatan Pengawasan", "Pemenuhan", "Penanganan Benturan Kepentingan", 1, [
        ("Telah terdapat identifikasi atau pemetaan benturan kepentingan", "A-C", "B", None)]),
    ("Penguatan Pengawasan", "Reform", "Mewujudkan Pemerintahan yang Bersih dan Bebas KKN", 4, [
        ("Persentase penyelesaian tindak lanjut hasil pemeriksaan", "%", 68, "Tindak lanjut temuan BPK 68 persen"),
        ("Tidak terdapat pegawai yang dijatuhi hukuman karena penyalahgunaan wewenang", "Ya/Tidak", "Ya", None)]),
    ("Penguatan Pengawasan", "Reform", "Penanganan Pengaduan Masyarakat", 3.5, [
        ("Persentase pengaduan masyarakat yang ditindaklanjuti", "%", 70, "21 dari 30 pengaduan")]),

    ("Peningkatan Kualitas Pelayanan Publik", "Pemenuhan", "Standar Pelayanan", 1.5, [
        ("Terdapat kebijakan standar pelayanan", "Ya/Tidak", "Ya", "Standar pelayanan 6 layanan"),
        ("Standar pelayanan telah dimaklumatkan", "A-C", "A", None),
        ("Standar pelayanan telah direviu dan dievaluasi secara berkala", "A-C", "B", None)]),
    ("Peningkatan Kualitas Pelayanan Publik", "Pemenuhan", "Budaya Pelayanan Prima", 1.5, [
        ("Telah dilakukan sosialisasi/pelatihan budaya pelayanan prima", "A-C", "B", None),
        ("Terdapat sistem punishment (sanksi)/reward bagi pelaksana layanan", "A-C", "B", None)]),
    ("Peningkatan Kualitas Pelayanan Publik", "Pemenuhan", "Penilaian Kepuasan terhadap Pelayanan", 2, [
        ("Telah dilakukan survei kepuasan masyarakat terhadap pelayanan", "A-C", "A", "SKM semester I dan II"),
        ("Hasil survei kepuasan masyarakat dapat diakses secara terbuka", "A-C", "B", None)]),
    ("Peningkatan Kualitas Pelayanan Publik", "Reform", "Upaya dan/atau Inovasi Pelayanan Publik", 2.5, [
        ("Upaya dan/atau inovasi telah mendorong perbaikan pelayanan publik", "A-E", "B",
         "Inovasi layanan konsultasi daring")]),
    ("Peningkatan Kualitas Pelayanan Publik", "Reform", "Penanganan Pengaduan Pelayanan dan Konsultasi", 2.5, [
        ("Penanganan pengaduan pelayanan dilakukan melalui berbagai kanal", "A-D", "B", None)]),

    ("Birokrasi yang Bersih dan Akuntabel", "IPAK", "Nilai Survei Persepsi Korupsi (Survei Eksternal)", 17.5, [
        ("Nilai persepsi korupsi (survei eksternal)", "Nilai (0-4)", 3.62, "Survei eksternal Oktober 2021")]),
    ("Birokrasi yang Bersih dan Akuntabel", "Capaian Kinerja",
     "Capaian Kinerja Lebih Baik daripada Capaian Kinerja Sebelumnya", 5, [
         ("Persentase sasaran kinerja yang capaiannya lebih baik dari tahun sebelumnya", "%", 80,
          "8 dari 10 sasaran")]),
    ("Pelayanan Publik yang Prima", "IPKP", "Nilai Persepsi Kualitas Pelayanan (Survei Eksternal)", 17.5, [
        ("Nilai persepsi kualitas pelayanan (survei eksternal)", "Nilai (0-4)", 3.30,
         "Survei eksternal Oktober 2021")]),
]


# The evaluators' (TPI) answers where they differ from the unit's: (indicator, question start) -> answer
TPI = {("Rencana Pembangunan Zona Integritas", "Dalam dokumen"): "C",
       ("Komitmen dalam Perubahan", "Persentase agen"): 50,
       ("Kinerja Individu", "Ukuran kinerja"): "D",
       ("Penanganan Pengaduan Masyarakat", "Persentase pengaduan"): 65}
CHOICES = {"Ya/Tidak": {"Ya": 1, "Tidak": 0}, "A-C": {"A": 1, "B": 0.5, "C": 0},
           "A-D": {"A": 1, "B": 0.67, "C": 0.33, "D": 0}, "A-E": {"A": 1, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0}}
WRITTEN = {"A-C": "A/B/C", "A-D": "A/B/C/D", "A-E": "A/B/C/D/E"}  # as the form's Pilihan Jawaban writes them
SCALES = {"%": 100, "Nilai (0-4)": 4}
PARTS = (("I.", "PEMENUHAN", "Pemenuhan"), ("II.", "REFORM", "Reform"))
HASIL = (("Birokrasi yang Bersih dan Akuntabel", 22.5), ("Pelayanan Publik yang Prima", 17.5))
ROMAN = ("i.", "ii.", "iii.", "iv.", "v.")
# columns: A-E numbering (A. / I. / 1 / i. / a.), F text, G Bobot, H Pilihan Jawaban, I-J Jawaban Unit and TPI,
# K-L Nilai Unit and TPI (formulas), M Catatan
TEXT, WEIGHT, KIND, UNIT, TPI_COLUMN, NOTE = 6, 7, 8, 9, 10, 13


def _tpi(indicator: str, question: str, answer):
    return next((v for (i, q), v in TPI.items() if i == indicator and question.startswith(q)), answer)


def _nilai(kind: str, column: str, row: int) -> str | None:
    """Return the form's formula for an item's value (None for a Jumlah row)."""
    if kind in CHOICES:
        formula = "0"
        for label, score in reversed(list(CHOICES[kind].items())):
            formula = f'IF({column}{row}="{label}",{score},{formula})'
        return "=" + formula
    return f"={column}{row}/{SCALES[kind]}" if kind in SCALES else None


def _value(kind: str, answer) -> float | None:
    if kind in CHOICES:
        return CHOICES[kind][answer]
    return answer / SCALES[kind] if kind in SCALES else None


class Sheet:
    """The LKE sheet, written row by row, with the results of its formulas."""

    def __init__(self, ws):
        self.ws, self.results, self.row = ws, {}, 1

    def put(self, depth: int, token, text: str, weight=None) -> int:
        row = self.row
        self.ws.cell(row, depth + 1, token)
        column = min(depth + 2, TEXT)
        self.ws.cell(row, column, text)
        if column < TEXT:
            self.ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=TEXT)
        if weight is not None:
            self.ws.cell(row, WEIGHT, weight)
        self.row += 1
        return row

    def item(self, depth: int, token, text: str, kind: str, unit, tpi, note, weight=None) -> None:
        row = self.put(depth, token, text, weight)
        self.ws.cell(row, KIND, WRITTEN.get(kind, kind))
        self.ws.cell(row, UNIT, unit)
        self.ws.cell(row, TPI_COLUMN, tpi)
        for letter, answer, target in (("I", unit, "K"), ("J", tpi, "L")):
            formula = _nilai(kind, letter, row)
            if formula:
                self.ws[f"{target}{row}"] = formula
                self.ws[f"{target}{row}"].number_format = "0.00"
                self.results[f"{target}{row}"] = _value(kind, answer)
        if note:
            self.ws.cell(row, NOTE, note)


def make_lke_zi(path: Path) -> None:
    """Write the worksheet in the LKE ZI's layout: title rows, a two-row header (Jawaban and Nilai each over Unit
    and TPI), column numbers, A. PENGUNGKIT with I. PEMENUHAN and II. REFORM over the six areas, their
    indicators (i.) and items (a.), B. HASIL with its two areas and their items, the total row and a signature."""
    wb = Workbook()
    ws = wb.active
    ws.title = "LKE ZI"
    sheet = Sheet(ws)
    for line in ("LEMBAR KERJA EVALUASI ZONA INTEGRITAS MENUJU WBK/WBBM",
                 "UNIT KERJA : DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM", "TAHUN 2021"):
        ws.cell(sheet.row, 1, line).font = Font(bold=True)
        ws.merge_cells(start_row=sheet.row, start_column=1, end_row=sheet.row, end_column=NOTE)
        sheet.row += 1
    sheet.row += 1
    header = sheet.row
    for column, label in enumerate(("NO", None, None, None, None, "KOMPONEN/SUB KOMPONEN/INDIKATOR", "BOBOT",
                                    "PILIHAN JAWABAN", "JAWABAN", None, "NILAI", None,
                                    "CATATAN/KETERANGAN/PENJELASAN UNIT"), start=1):
        if label:
            ws.cell(header, column, label).font = Font(bold=True)
    for column, label in ((9, "UNIT"), (10, "TPI"), (11, "UNIT"), (12, "TPI")):
        ws.cell(header + 1, column, label).font = Font(bold=True)
    for ref in ("A{0}:E{1}", "F{0}:F{1}", "G{0}:G{1}", "H{0}:H{1}", "I{0}:J{0}", "K{0}:L{0}", "M{0}:M{1}"):
        ws.merge_cells(ref.format(header, header + 1))
    numbers = header + 2
    ws.cell(numbers, 1, "(1)")
    ws.merge_cells(start_row=numbers, start_column=1, end_row=numbers, end_column=5)
    for i, column in enumerate(range(TEXT, NOTE + 1), start=2):
        ws.cell(numbers, column, f"({i})")
    sheet.row = numbers + 1
    first = sheet.row
    lever = [e for e in LKE if e[1] in ("Pemenuhan", "Reform")]
    areas = list(dict.fromkeys(e[0] for e in lever))
    sheet.put(0, "A.", "PENGUNGKIT", 60)
    for roman, title, part in PARTS:
        entries = [e for e in lever if e[1] == part]
        sheet.put(1, roman, title, sum(e[3] for e in entries))
        for number, area in enumerate(areas, start=1):
            indicators = [e for e in entries if e[0] == area]
            sheet.put(2, number, area.upper(), sum(e[3] for e in indicators))
            for token, (_, _, indicator, weight, questions) in zip(ROMAN, indicators):
                sheet.put(3, token, indicator, weight)
                # a Jumlah row feeds the percentage item: it stands below it, as in the form
                ordered = [q for q in questions if q[1] != "Jumlah"]
                for q in questions:
                    if q[1] == "Jumlah":
                        ordered.insert(next(i for i, o in enumerate(ordered) if o[1] == "%") + 1, q)
                letters = iter("abcdefgh")
                for question, kind, answer, note in ordered:
                    token_item = "-" if kind == "Jumlah" else f"{next(letters)}."
                    sheet.item(4, token_item, question, kind, answer, _tpi(indicator, question, answer), note)
    sheet.put(0, "B.", "HASIL", 40)
    for roman, (area, weight) in zip(("I.", "II."), HASIL):
        sheet.put(1, roman, area.upper(), weight)
        items = [e for e in LKE if e[0] == area]
        for letter, (_, _, indicator, item_weight, questions) in zip("abc", items):
            (_, kind, answer, note), = questions
            sheet.item(4, f"{letter}.", indicator, kind, answer, answer, note, weight=item_weight)
    total = sheet.row
    ws.cell(total, 1, "NILAI HASIL EVALUASI")
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=TEXT)
    ws.cell(total, WEIGHT, f"=G{first}+G{total - 1}")
    sheet.results[f"G{total}"] = 100
    for offset, line in ((2, "Jakarta, 15 Desember 2021"), (3, "Direktur Jenderal Politik dan Pemerintahan Umum,"),
                         (6, "Dr. Bahtiar, M.Si."), (7, "NIP 19720123 199311 1 001")):
        ws.cell(total + offset, UNIT, line)
    for column, width in zip("ABCDEFGHIJKLM", (4, 4, 4, 4, 4, 60, 8, 14, 10, 10, 8, 8, 44)):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=first):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column in (TEXT, NOTE))
    save_with_results(wb, path, {ws.title: sheet.results})


if __name__ == "__main__":
    target = ROOT / "inputs" / "2021" / "lke-zi.xlsx"
    make_lke_zi(target)
    print(f"Ditulis: {target}")
