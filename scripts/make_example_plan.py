"""Write the fictional example action plan inputs/2021/rencana-aksi.xlsx; run once, the result is committed.

The plan covers the 8 areas of change with the unit's three priority programmes of 2021 and a
year-end realization. Schedules and budgets are typed the different ways people type them.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

ROOT = Path(__file__).resolve().parent.parent

TTSI = "Transformasi Teknologi Sistem Informasi"
PKA = "Peningkatan Kapasitas Aparatur"
PR = "Penataan Regulasi"

HEADERS = ["No", "Area", "Kegiatan", "Output", "Indikator", "Target", "Satuan", "Jadwal", "Penanggung Jawab",
           "Anggaran", "Program Prioritas", "Realisasi", "Kendala", "Tindak Lanjut", "Keterangan"]

SET = "Sekretariat Direktorat Jenderal"
PERENCANAAN = "Bagian Perencanaan"
UMUM = "Bagian Umum"
HUKUM = "Bagian Hukum, Kerja Sama dan Humas"
KEUANGAN = "Bagian Keuangan"

# (area, kegiatan, output, indikator, target, satuan, jadwal, penanggung jawab, anggaran, prioritas,
#  realisasi, kendala, tindak lanjut, keterangan)
PLAN = [
    ("Manajemen Perubahan", "Penyusunan dan penetapan Tim Reformasi Birokrasi Ditjen Polpum Tahun 2021",
     "Keputusan Direktur Jenderal tentang Tim RB", "Tim RB ditetapkan", 1, "Keputusan", "Jan-Mar",
     PERENCANAAN, 15000000, None, 100, "", "", "Ditetapkan 8 Maret 2021"),
    ("Manajemen Perubahan", "Penyusunan Rencana Aksi Reformasi Birokrasi Tahun 2021",
     "Dokumen Rencana Aksi RB", "Rencana aksi 8 area perubahan ditetapkan", 1, "Dokumen", "Maret",
     PERENCANAAN, "Rp25.000.000", None, 100, "", "", ""),
    ("Manajemen Perubahan", "Internalisasi nilai dasar ASN dan budaya kerja",
     "Kegiatan internalisasi nilai", "Persentase pegawai yang mengikuti internalisasi", 90, "Persen",
     "Mar, Jun, Sep, Des", UMUM, "Rp 47,5 juta", None, 100, "", "", ""),
    ("Manajemen Perubahan", "Pembentukan dan pemberdayaan agen perubahan",
     "Keputusan agen perubahan dan laporan kegiatan", "Jumlah agen perubahan yang aktif", 12, "Orang",
     "Maret - Desember", UMUM, "18.750.000,00", None, 85,
     "Sebagian agen perubahan dimutasi ke unit lain", "Penetapan agen perubahan pengganti pada Januari 2022", ""),
    ("Manajemen Perubahan", "Pemantauan dan evaluasi pelaksanaan Reformasi Birokrasi setiap triwulan",
     "Laporan pemantauan dan evaluasi", "Jumlah laporan triwulanan", 4, "Laporan", "TW I-IV", PERENCANAAN,
     32400000, None, 100, "", "", ""),
    ("Manajemen Perubahan", "Publikasi pelaksanaan Reformasi Birokrasi melalui laman dan media sosial",
     "Konten publikasi", "Jumlah konten terbit", 24, "Konten", "Jan-Des", HUKUM, 12000000, None, 100,
     "", "", ""),
    ("Deregulasi Kebijakan", "Inventarisasi peraturan perundang-undangan di lingkungan Ditjen Polpum",
     "Daftar inventarisasi peraturan", "Jumlah peraturan yang diinventarisasi", 45, "Peraturan", "Feb-Apr",
     HUKUM, 20000000, PR, 100, "", "", ""),
    ("Deregulasi Kebijakan", "Analisis dan evaluasi peraturan yang tumpang tindih atau tidak relevan",
     "Rekomendasi deregulasi", "Jumlah peraturan yang dievaluasi", 15, "Peraturan", "Mei-Agt", HUKUM,
     "Rp150.000.000", PR, 100, "", "", ""),
    ("Deregulasi Kebijakan", "Penyusunan rancangan Permendagri tentang Pedoman Fasilitasi Organisasi "
     "Kemasyarakatan", "Rancangan Permendagri", "Rancangan selesai diharmonisasi", 1, "Rancangan",
     "TW II-IV", "Direktorat Organisasi Kemasyarakatan", 185512345.67, PR, 70,
     "Jadwal harmonisasi di Kementerian Hukum dan HAM belum tersedia",
     "Koordinasi dengan Ditjen Peraturan Perundang-undangan; harmonisasi dijadwalkan TW I 2022", ""),
    ("Deregulasi Kebijakan", "Pencabutan peraturan yang tidak relevan berdasarkan hasil evaluasi",
     "Keputusan pencabutan", "Jumlah peraturan yang dicabut", 5, "Peraturan", "Okt-Des", HUKUM,
     "12.500.000", PR, 60, "Menunggu penyelesaian rancangan Permendagri pengganti",
     "Pencabutan bersamaan dengan penetapan Permendagri baru", ""),
    ("Deregulasi Kebijakan", "Sosialisasi kebijakan baru kepada pemerintah daerah",
     "Kegiatan sosialisasi", "Jumlah provinsi peserta", 34, "Provinsi", "Agustus - November",
     "Direktorat Fasilitasi Kelembagaan Pemerintahan dan Pemerintahan Umum", 225000000, None, 100, "", "",
     "Daring dan luring"),
    ("Deregulasi Kebijakan", "Pemutakhiran basis data Jaringan Dokumentasi dan Informasi Hukum (JDIH)",
     "Basis data JDIH mutakhir", "Persentase produk hukum terunggah", 100, "Persen", "Jan-Des", HUKUM,
     8000000, PR, 100, "", "", ""),
    ("Penataan dan Penguatan Organisasi", "Evaluasi kelembagaan Direktorat Jenderal Politik dan "
     "Pemerintahan Umum", "Laporan evaluasi kelembagaan", "Rekomendasi penataan organisasi", 1, "Laporan",
     "TW II", PERENCANAAN, 35000000, None, 100, "", "", ""),
    ("Penataan dan Penguatan Organisasi", "Penyusunan peta proses bisnis sebagai dasar penataan organisasi",
     "Peta proses bisnis", "Peta proses bisnis level 0-2 ditetapkan", 1, "Dokumen", "Apr-Sep", PERENCANAAN,
     42000000, None, 60, "Usulan penataan organisasi belum didasarkan pada proses bisnis yang ditetapkan",
     "Penyelesaian peta proses bisnis dan penyelarasan usulan organisasi pada 2022", ""),
    ("Penataan dan Penguatan Organisasi", "Penyetaraan jabatan administrasi ke dalam jabatan fungsional",
     "Usulan penyetaraan jabatan", "Persentase jabatan yang disetarakan", 100, "Persen", "Jan-Jun", UMUM,
     10000000, None, 100, "", "", "Penyederhanaan birokrasi"),
    ("Penataan dan Penguatan Organisasi", "Analisis jabatan dan analisis beban kerja",
     "Dokumen anjab dan ABK", "Jumlah jabatan yang dianalisis", 120, "Jabatan", "5-9", UMUM, 27350000, None,
     90, "Sebagian uraian tugas jabatan fungsional baru belum tersedia",
     "Penyesuaian setelah terbit pedoman jabatan fungsional", ""),
    ("Penataan Tatalaksana", "Penyusunan dan pemutakhiran standar operasional prosedur (SOP)",
     "SOP ditetapkan", "Jumlah SOP", 60, "SOP", "Feb-Jul", SET, 30000000, None, 100, "", "", ""),
    ("Penataan Tatalaksana", "Pengembangan aplikasi persuratan elektronik (e-office)", "Aplikasi e-office",
     "Persentase unit kerja yang memakai e-office", 100, "Persen", "Mar-Nov", UMUM, "Rp485.750.000", TTSI,
     90, "Migrasi arsip surat tahun sebelumnya belum selesai", "Migrasi bertahap sampai Maret 2022", ""),
    ("Penataan Tatalaksana", "Integrasi Sistem Informasi Organisasi Kemasyarakatan dengan layanan SPBE",
     "Sistem informasi terintegrasi", "Jumlah layanan terintegrasi", 3, "Layanan", "Apr-Des",
     "Direktorat Organisasi Kemasyarakatan", 650000000, TTSI, 75,
     "Kapasitas server belum memadai", "Pemindahan layanan ke Pusat Data Nasional", ""),
    ("Penataan Tatalaksana", "Penyusunan arsitektur dan peta rencana SPBE Ditjen Polpum",
     "Dokumen arsitektur SPBE", "Dokumen ditetapkan", 1, "Dokumen", "TW I - TW II", PERENCANAAN, 95000000,
     TTSI, 100, "", "", ""),
    ("Penataan Tatalaksana", "Penerapan tanda tangan elektronik bagi pejabat", "Sertifikat elektronik",
     "Jumlah pejabat yang memiliki sertifikat elektronik", 45, "Orang", "Jun-Agt", UMUM, "Rp 7,5 juta", TTSI,
     100, "", "", "Bekerja sama dengan BSrE"),
    ("Penataan Tatalaksana", "Pengembangan dasbor data dan informasi kewaspadaan nasional",
     "Dasbor data", "Dasbor beroperasi", 1, "Aplikasi", "Jul-Des", "Direktorat Kewaspadaan Nasional",
     275000000, TTSI, 80, "Standar data antarunit belum seragam",
     "Penyusunan standar data bersama Pusat Data dan Sistem Informasi", ""),
    ("Penataan Tatalaksana", "Pengelolaan arsip dinamis sesuai klasifikasi arsip",
     "Arsip tertata", "Persentase arsip aktif yang tertata", 100, "Persen", "Jan-Des", UMUM, 15000000, None,
     100, "", "", ""),
    ("Penataan Sistem Manajemen SDM Aparatur", "Penyusunan rencana kebutuhan pegawai lima tahun",
     "Dokumen rencana kebutuhan pegawai", "Dokumen ditetapkan", 1, "Dokumen", "Jan-Mar", UMUM, 12000000,
     None, 100, "", "", ""),
    ("Penataan Sistem Manajemen SDM Aparatur", "Pelatihan teknis analis kebijakan",
     "Pegawai terlatih", "Jumlah pegawai yang lulus pelatihan", 40, "Orang", "Apr-Jun", UMUM, 320000000, PKA,
     100, "", "", ""),
    ("Penataan Sistem Manajemen SDM Aparatur", "Pengembangan kompetensi melalui pembimbingan (coaching) "
     "dan pendampingan (mentoring)", "Laporan pengembangan kompetensi",
     "Persentase pegawai yang memenuhi 20 jam pelajaran", 100, "Persen", "Jul-Des", UMUM, 64250000, PKA, 90,
     "Pembatasan kegiatan tatap muka", "Pembelajaran daring melalui e-learning", ""),
    ("Penataan Sistem Manajemen SDM Aparatur", "Uji kompetensi kenaikan jenjang jabatan fungsional",
     "Pegawai lulus uji kompetensi", "Jumlah peserta uji kompetensi", 25, "Orang", "Sep-Nov", UMUM,
     "1.234.567,89", PKA, 100, "", "", ""),
    ("Penataan Sistem Manajemen SDM Aparatur", "Penilaian kinerja pegawai melalui aplikasi e-kinerja",
     "Penilaian kinerja pegawai", "Persentase pegawai yang dinilai", 100, "Persen", "Jan-Des", UMUM, "-", None,
     100, "", "", "Tanpa anggaran"),
    ("Penataan Sistem Manajemen SDM Aparatur", "Pemetaan talenta dan penyusunan kelompok rencana suksesi",
     "Dokumen peta talenta", "Dokumen ditetapkan", 1, "Dokumen", "TW III-IV", UMUM, 45000000, PKA, 50,
     "Asesmen kompetensi belum mencakup seluruh pejabat",
     "Asesmen lanjutan bersama BKN pada TW I 2022", ""),
    ("Penataan Sistem Manajemen SDM Aparatur", "Pengisian jabatan pimpinan tinggi melalui seleksi terbuka",
     "Pejabat terpilih", "Jumlah jabatan terisi", 3, "Jabatan", "Feb, Mei, Agt, Nov", UMUM, 87600000, None,
     100, "", "", "Sistem merit"),
    ("Penguatan Akuntabilitas", "Penyusunan Perjanjian Kinerja Tahun 2021", "Perjanjian Kinerja",
     "Perjanjian kinerja ditandatangani", 1, "Dokumen", "Jan-Feb", PERENCANAAN, 5000000, None, 100, "", "", ""),
    ("Penguatan Akuntabilitas", "Penyusunan Laporan Kinerja Tahun 2020", "Laporan Kinerja",
     "Laporan disampaikan tepat waktu", 1, "Laporan", "Jan-Mar", PERENCANAAN, 17500000, None, 100, "", "", ""),
    ("Penguatan Akuntabilitas", "Reviu indikator kinerja utama dan penjenjangan kinerja (cascading)",
     "Dokumen IKU hasil reviu", "Dokumen ditetapkan", 1, "Dokumen", "Mei-Jul", PERENCANAAN, 22000000, None,
     100, "", "", ""),
    ("Penguatan Akuntabilitas", "Pemantauan capaian kinerja setiap triwulan melalui aplikasi e-SAKIP",
     "Laporan capaian kinerja", "Jumlah laporan", 4, "Laporan", "Mar, Jun, Sep, Des", PERENCANAAN,
     9600000, None, 100, "", "", ""),
    ("Penguatan Akuntabilitas", "Penyusunan RKA-K/L Tahun 2022 berbasis kinerja", "Dokumen RKA-K/L",
     "Dokumen disahkan", 1, "Dokumen", "Jun-Des", KEUANGAN, 28000000, None, 100, "", "", ""),
    ("Penguatan Pengawasan", "Pembangunan Zona Integritas menuju Wilayah Bebas dari Korupsi",
     "Dokumen pembangunan ZI", "Unit kerja yang diusulkan WBK", 1, "Unit", "Jan-Des", SET, 55000000, None,
     80, "Bukti dukung area pengawasan belum lengkap", "Pendampingan oleh Inspektorat Jenderal", ""),
    ("Penguatan Pengawasan", "Penandatanganan pakta integritas seluruh pejabat", "Pakta Integritas",
     "Persentase pejabat yang menandatangani", 100, "Persen", "Maret", UMUM, 2500000, None, 100, "", "", ""),
    ("Penguatan Pengawasan", "Pengendalian gratifikasi melalui Unit Pengendalian Gratifikasi",
     "Laporan pengendalian gratifikasi", "Jumlah laporan", 4, "Laporan", "TW I-IV", SET, 6000000, None, 100,
     "", "", ""),
    ("Penguatan Pengawasan", "Penyampaian LHKPN dan LHKASN", "Laporan harta kekayaan",
     "Persentase wajib lapor yang menyampaikan", 100, "Persen", "Jan-Mar", UMUM, "-", None, 100, "", "",
     "Tanpa anggaran"),
    ("Penguatan Pengawasan", "Penerapan SPIP dan manajemen risiko", "Register risiko",
     "Dokumen manajemen risiko ditetapkan", 1, "Dokumen", "Apr-Okt", PERENCANAAN, 18900000, None, 100, "", "",
     ""),
    ("Peningkatan Kualitas Pelayanan Publik", "Penyusunan standar pelayanan pendaftaran organisasi "
     "kemasyarakatan", "Standar pelayanan", "Standar pelayanan ditetapkan", 1, "Dokumen", "Feb-Apr",
     "Direktorat Organisasi Kemasyarakatan", 14000000, None, 100, "", "", ""),
    ("Peningkatan Kualitas Pelayanan Publik", "Survei kepuasan masyarakat atas layanan Ditjen Polpum",
     "Laporan survei", "Indeks kepuasan masyarakat", 85, "Indeks", "Okt-Des", PERENCANAAN, 38000000, None,
     100, "", "", "Nilai 87,2"),
    ("Peningkatan Kualitas Pelayanan Publik", "Pengelolaan pengaduan melalui SP4N-LAPOR!",
     "Pengaduan ditindaklanjuti", "Persentase pengaduan yang ditindaklanjuti", 100, "Persen", "Jan-Des", HUKUM,
     4800000, None, 100, "", "", ""),
    ("Peningkatan Kualitas Pelayanan Publik", "Inovasi layanan Surat Keterangan Terdaftar ormas secara daring",
     "Layanan daring", "Persentase permohonan yang dilayani daring", 80, "Persen", "Jun-Des",
     "Direktorat Organisasi Kemasyarakatan", 120000000, TTSI, 85,
     "Sebagian pemohon belum terbiasa dengan layanan daring", "Sosialisasi dan panduan pengguna", ""),
    ("Peningkatan Kualitas Pelayanan Publik", "Penyediaan sarana pelayanan ramah penyandang disabilitas",
     "Sarana pelayanan", "Jumlah sarana tersedia", 3, "Unit", "Agt-Okt", UMUM, 60000000, None, 100, "", "", ""),
]


def make_plan(path: Path) -> None:
    """Write the example action plan workbook."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Rencana Aksi"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
    for number, row in enumerate(PLAN, start=1):
        ws.append([number, *row])
        budget = ws.cell(row=number + 1, column=HEADERS.index("Anggaran") + 1)
        if isinstance(budget.value, (int, float)):
            budget.number_format = "#,##0.00"
        for cell in ws[number + 1]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    widths = (5, 28, 45, 30, 30, 8, 10, 18, 30, 18, 28, 10, 35, 35, 20)
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "C2"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


if __name__ == "__main__":
    make_plan(ROOT / "inputs" / "2021" / "rencana-aksi.xlsx")
    print(f"{len(PLAN)} kegiatan ditulis di inputs/2021/rencana-aksi.xlsx")
