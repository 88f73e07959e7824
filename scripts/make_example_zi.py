"""Write the example LKE ZI inputs/2021/lke-zi.xlsx; run once, result committed.

Laid out as the LKE ZI is filled under PermenPAN-RB 90/2021 (reportgen/scoring/rules/zi-90-2021.yaml):
six Pengungkit areas, each Pemenuhan + Reform, with indicators and questions in the usual wording of the
form; the two Hasil areas with the surveys (Nilai 0-4) and Capaian Kinerja. Indicator weights are
fictional splits of each part's weight; answers and notes are fictional but plausible. The unit does not
qualify for WBK by a small gap in its total (every other WBK condition is met).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["No", "Area", "Bagian", "Indikator", "Pertanyaan", "Jenis Jawaban", "Jawaban", "Bobot", "Catatan"]

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


def make_lke_zi(path: Path) -> None:
    """Write the worksheet: two title rows, a blank row, the header, one row per question."""
    wb = Workbook()
    ws = wb.active
    ws.title = "LKE ZI"
    ws.append(["LEMBAR KERJA EVALUASI ZONA INTEGRITAS MENUJU WBK/WBBM TAHUN 2021"])
    ws.append(["Direktorat Jenderal Politik dan Pemerintahan Umum"])
    ws.append([])
    ws.append(HEADER)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    number = 0
    for area, part, indicator, weight, questions in LKE:
        for question, kind, answer, note in questions:
            number += 1
            ws.append([number, area, part, indicator, question, kind, answer, weight, note])
    for col, width in zip("ABCDEFGHI", (5, 34, 16, 44, 60, 14, 10, 8, 44)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column_letter in "DEI")
    wb.save(path)


if __name__ == "__main__":
    target = ROOT / "inputs" / "2021" / "lke-zi.xlsx"
    make_lke_zi(target)
    print(f"Ditulis: {target}")
