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


# ---------------------------------------------------------------- staff lists as SIASN / SIMPEG export them

# Each person: how the export splits them, what reportgen must make of them. "stored" says how the NIP
# cell is written: "apostrophe" text '1967..., "number" an exact 18-digit number, "text" plain text.
EXPORT_PEOPLE = [
    {"depan": "Dr.", "nama": "Budi Santoso", "belakang": "S.H., M.H.", "nip": "196702141992021003",
     "stored": "number", "jenis": "PNS", "gol": "IV/c", "pangkat": "Pembina Utama Muda",
     "jabatan": "Direktur Kewaspadaan Nasional", "unit": "Direktorat Kewaspadaan Nasional",
     "kedudukan": "Ketua", "area": None,
     "printed": "Dr. Budi Santoso, S.H., M.H.", "grade": "Pembina Utama Muda (IV/c)"},
    {"depan": None, "nama": "Siti Rahmawati", "belakang": "S.Sos., M.Si.", "nip": "197803122005012002",
     "stored": "apostrophe", "jenis": "PNS", "gol": "III/d", "pangkat": "Penata Tingkat I",
     "jabatan": "Kepala Bagian Umum", "unit": "Sekretariat Direktorat Jenderal",
     "kedudukan": "Sekretaris", "area": None,
     "printed": "Siti Rahmawati, S.Sos., M.Si.", "grade": "Penata Tingkat I (III/d)"},
    {"depan": "Drs.", "nama": "Agus Prasetyo", "belakang": None, "nip": "198005252008011004",
     "stored": "number", "jenis": "PNS", "gol": "III/c", "pangkat": "Penata",
     "jabatan": "Analis Kebijakan Ahli Muda", "unit": "Direktorat Politik Dalam Negeri",
     "kedudukan": "Koordinator", "area": 1,
     "printed": "Drs. Agus Prasetyo", "grade": "Penata (III/c)"},
    {"depan": None, "nama": "Dewi Lestari", "belakang": "S.Kom.", "nip": "199104172015032001",
     "stored": "text", "jenis": "PNS", "gol": "III/a", "pangkat": "Penata Muda",
     "jabatan": "Pranata Komputer Ahli Pertama", "unit": "Sekretariat Direktorat Jenderal",
     "kedudukan": "Anggota", "area": 1,
     "printed": "Dewi Lestari, S.Kom.", "grade": "Penata Muda (III/a)"},
    # PPPK: golongan without a letter, no pangkat, a number whose middle digits are not a PNS TMT
    {"depan": None, "nama": "Rina Wulandari", "belakang": "S.E.", "nip": "199207092022212007",
     "stored": "apostrophe", "jenis": "PPPK", "gol": "IX", "pangkat": None,
     "jabatan": "Analis Keuangan Ahli Pertama", "unit": "Sekretariat Direktorat Jenderal",
     "kedudukan": "Anggota", "area": 2,
     "printed": "Rina Wulandari, S.E.", "grade": "IX"},
    {"depan": "Ir.", "nama": "Hendra Gunawan", "belakang": "M.T.", "nip": "198811302019021005",
     "stored": "number", "jenis": "PPPK", "gol": "X", "pangkat": None,
     "jabatan": "Pranata Komputer Ahli Muda", "unit": "Direktorat Politik Dalam Negeri",
     "kedudukan": "Koordinator", "area": 2,
     "printed": "Ir. Hendra Gunawan, M.T.", "grade": "X"},
]
EXPORT_TITLE = ["DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL DAN PPPK",
                "DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM", "Keadaan per 1 Januari 2021"]
EXPORT_FOOTER = [["Jakarta, 5 Januari 2021"], ["Kepala Bagian Umum,"], [], [],
                 ["Siti Rahmawati, S.Sos., M.Si."], ["NIP. 19780312 200501 2 002"]]


def _stored_nip(person: dict) -> object:
    if person["stored"] == "number":
        return int(person["nip"])
    return ("'" if person["stored"] == "apostrophe" else "") + person["nip"]


def _apostrophe(text: str | None) -> str | None:
    return None if text is None else "'" + text


def exact_numbers(path: Path, cells: dict[str, int]) -> None:
    """Rewrite number cells with all their digits, as exporters write them (openpyxl keeps 15 digits)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zin:
        parts = {info: zin.read(info.filename) for info in zin.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for ref, number in cells.items():
                    text, count = re.subn(rf'(<c r="{ref}"[^>]*><v>)[^<]*(</v>)', rf"\g<1>{number}\g<2>", text)
                    assert count == 1, ref
                data = text.encode("utf-8")
            zout.writestr(info, data)


def _write_export(path: Path, title_width: int, header_rows: list[list], body: list[list], merges: list[str],
                  footer_column: int) -> Path:
    """Write an export: title rows, blank row, header row(s), numbering row, body, blank rows, footer."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    for line in EXPORT_TITLE:
        ws.append([line])
        ws.merge_cells(start_row=EXPORT_TITLE.index(line) + 1, start_column=1,
                       end_row=EXPORT_TITLE.index(line) + 1, end_column=title_width)
    ws.append([])
    first_header = len(EXPORT_TITLE) + 2
    for row in header_rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref.format(r=first_header, s=first_header + 1))
    ws.append(list(range(1, len(header_rows[0]) + 1)))
    exact = {}
    for row in body:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, int) and cell.value >= 10 ** 15:
                exact[cell.coordinate] = cell.value
    ws.append([])
    for line in EXPORT_FOOTER:
        ws.append([None] * footer_column + line)
    wb.save(path)
    exact_numbers(path, exact)
    return path


def make_siasn_export(path: Path, team: bool = False) -> Path:
    """Write a SIASN-style staff export: upper-case headers, split titles, apostrophes, exact numeric NIPs.

    Rows: 1-3 title, 4 blank, 5 header, 6 numbering (1, 2, ...), 7-12 people, then a signature block.
    With `team`, the secretariat's two columns KEDUDUKAN DALAM TIM and AREA are added at the right.
    """
    header = ["NO", "PNS ID", "NIP BARU", "NIP LAMA", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "TANGGAL LAHIR",
              "JENIS PEGAWAI", "GOL AKHIR NAMA", "JABATAN NAMA", "UNOR NAMA"]
    if team:
        header += ["KEDUDUKAN DALAM TIM", "AREA"]
    body = []
    for i, p in enumerate(EXPORT_PEOPLE, start=1):
        row = [i, f"A8F5{i:04d}", _stored_nip(p), None if p["jenis"] == "PPPK" else f"'0100{i:05d}",
               _apostrophe(p["nama"]), p["depan"], p["belakang"], f"'{p['nip'][6:8]}-{p['nip'][4:6]}-{p['nip'][0:4]}",
               p["jenis"], p["gol"], p["jabatan"], p["unit"]]
        if team:
            row += [p["kedudukan"], p["area"]]
        body.append(row)
    return _write_export(path, len(header), [header], body, [], footer_column=9)


def make_simpeg_export(path: Path, team: bool = False) -> Path:
    """Write a SIMPEG/DUK-style staff list: a two-row merged header, full names with titles, GOLRU and PANGKAT.

    Rows: 1-3 title, 4 blank, 5-6 header (NIP over BARU and LAMA; the others merged downwards),
    7 numbering, 8-13 people, then a signature block.
    """
    top = ["No", "Nama Pegawai", "NIP", None, "GOLRU", "PANGKAT", "TMT GOLRU", "Jabatan", "SATKER"]
    below = [None, None, "Baru", "Lama", None, None, None, None, None]
    merges = ["A{r}:A{s}", "B{r}:B{s}", "C{r}:D{r}", "E{r}:E{s}", "F{r}:F{s}", "G{r}:G{s}", "H{r}:H{s}",
              "I{r}:I{s}"]
    if team:
        top += ["Kedudukan dalam Tim", "Area"]
        below += [None, None]
        merges += ["J{r}:J{s}", "K{r}:K{s}"]
    body = []
    for i, p in enumerate(EXPORT_PEOPLE, start=1):
        row = [i, p["printed"], _stored_nip(p), None, p["gol"], p["pangkat"] or "-", "01-04-2019", p["jabatan"],
               p["unit"]]
        if team:
            row += [p["kedudukan"], p["area"]]
        body.append(row)
    return _write_export(path, len(top), [top, below], body, merges, footer_column=6)


# ---------------------------------------------------------------- the PMPRB worksheet (LKE) as filled for 2020-2021

LKE_HEADER = ["Tahun", "Area", "Komponen", "Sub Komponen", "Pertanyaan", "Jenis Jawaban", "Jawaban", "Bobot",
              "Bobot Butir"]


def make_lke(path: Path, rows: list[list], title: bool = True) -> Path:
    """Write an LKE worksheet: title rows as the evaluation team's file has them, the header, the rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "LKE"
    if title:
        ws.append(["LEMBAR KERJA EVALUASI PENILAIAN MANDIRI PELAKSANAAN REFORMASI BIROKRASI"])
        ws.append(["Direktorat Jenderal Politik dan Pemerintahan Umum"])
        ws.append([])
    ws.append(LKE_HEADER)
    for row in rows:
        ws.append(row + [None] * (len(LKE_HEADER) - len(row)))
    wb.save(path)
    return path


# ---------------------------------------------------------------- the Zona Integritas worksheet (LKE ZI)

ZI_HEADER = ["Area", "Bagian", "Indikator", "Pertanyaan", "Jenis Jawaban", "Jawaban", "Bobot", "Catatan"]
# the six lever areas of PermenPAN-RB 90/2021 with their Pemenuhan and Reform weights
ZI_AREAS = [("Manajemen Perubahan", 4, 4), ("Penataan Tatalaksana", 3.5, 3.5),
            ("Penataan Sistem Manajemen SDM", 5, 5), ("Penguatan Akuntabilitas", 5, 5),
            ("Penguatan Pengawasan", 7.5, 7.5), ("Peningkatan Kualitas Pelayanan Publik", 5, 5)]


def zi_rows(percent: dict[str, float] | None = None, default: float = 80, ipak: float = 3.6, kinerja: float = 60,
            ipkp: float = 3.2) -> list[list]:
    """Return a complete LKE ZI: each lever part one '%' item answered with its area's percentage (so the area
    scores that share of its weight), the surveys (Nilai 0-4) and Capaian Kinerja (% of 5)."""
    rows = []
    for area, fulfil, reform in ZI_AREAS:
        share = (percent or {}).get(area, default)
        rows.append([area, "Pemenuhan", f"Pemenuhan {area}", f"Persentase pemenuhan {area}", "%", share, fulfil,
                     f"Catatan pemenuhan {area}"])
        rows.append([area, "Reform", f"Reform {area}", f"Persentase reform {area}", "%", share, reform, None])
    rows.append(["Birokrasi yang Bersih dan Akuntabel", "IPAK", "Survei Persepsi Korupsi", "Nilai survei eksternal",
                 "Nilai (0-4)", ipak, 17.5, "Survei Oktober"])
    rows.append(["Birokrasi yang Bersih dan Akuntabel", "Capaian Kinerja", "Capaian Kinerja Lebih Baik",
                 "Persentase sasaran yang lebih baik", "%", kinerja, 5, None])
    rows.append(["Pelayanan Publik yang Prima", "IPKP", "Survei Persepsi Kualitas Pelayanan",
                 "Nilai survei eksternal", "Nilai (0-4)", ipkp, 17.5, None])
    return rows


def make_lke_zi(path: Path, rows: list[list], header: list[str] | None = None) -> Path:
    """Write an LKE ZI worksheet: the header in row 1, then the rows (data row i is Excel row i + 1)."""
    return write_sheet(path, header or ZI_HEADER, rows)


# ---------------------------------------------------------------- action plans of any size

EXAMPLE_PLAN = Path(__file__).resolve().parent.parent / "inputs" / "2021" / "rencana-aksi.xlsx"


def make_plan(path: Path, count: int, source: Path = EXAMPLE_PLAN, step: int = 1) -> Path:
    """Write an XLSX action plan of `count` activities: the example's rows (every `step`-th) over and over
    (their areas, schedules, budgets in every written form, priorities and realization), each Kegiatan unique."""
    from openpyxl import load_workbook

    rows = list(load_workbook(source, read_only=True).active.iter_rows(values_only=True))
    header, body = list(rows[0]), [list(r) for r in rows[1:] if any(v is not None for v in r)][::step]
    number, activity = header.index("No"), header.index("Kegiatan")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(header)
    for i in range(count):
        row = list(body[i % len(body)])
        row[number] = i + 1
        if i >= len(body):
            row[activity] = f"{row[activity]} (paket {i // len(body) + 1})"
        ws.append(row)
    wb.save(path)
    return path
