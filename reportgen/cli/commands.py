"""The command line: each command parses its options, calls one library function, prints a summary.

A ReportgenError (a user's mistake) becomes a message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import sys
from pathlib import Path

import click

from reportgen import __version__
from reportgen.cli import click_wording as click_id
from reportgen.output.batch import default_jobs
from reportgen.errors import InputError, ReportgenError
from reportgen.conventions.numbers import format_number
from reportgen.render.template_folder import shipped_templates_dir

click_id.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
FORMATS = ("pdf", "docx")


def _formats(ctx, param, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    wrong = [v for v in chosen if v not in FORMATS]
    if wrong or not chosen:
        raise click.BadParameter(f"pilih pdf, docx atau pdf,docx (ditemukan: {value})")
    return chosen


def _date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"tanggal harus berbentuk TTTT-BB-HH, misalnya 2021-03-17 "
                                 f"(ditemukan: {value})") from None


def report_errors(func):
    """Turn reportgen's errors into a message on stderr and exit code 1."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            for warning in exc.warnings:
                click.secho(f"Peringatan: {warning}", fg="yellow", err=True)
            click.secho(str(exc), fg="red", err=True)
            click.echo("Tidak ada berkas yang ditulis; hasil sebelumnya tetap utuh.", err=True)
            sys.exit(1)
        except ReportgenError as exc:
            click.secho(f"Galat: {exc}", fg="red", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("\nDihentikan. Hasil sebelumnya tetap utuh.", err=True)
            sys.exit(130)
    return wrapper


def progress_bar(label: str):
    """Return a progress starter for batches: a bar on a terminal, nothing otherwise."""
    def start(total: int):
        if not sys.stderr.isatty():
            return None
        bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
        bar.__enter__()

        def advance(n: int) -> None:
            bar.update(n)
            if bar.pos >= total:
                bar.__exit__(None, None, None)
        return advance
    return start


def common_options(func):
    """Options shared by every document command."""
    for option in reversed([
        click.option("--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"),
                     show_default=True, help="Folder masukan: unit.yaml dan satu subfolder per tahun."),
        click.option("--out", "out", type=click.Path(path_type=Path), default=Path("outputs"),
                     show_default=True, help="Folder hasil; dokumen ditulis ke OUT/TAHUN/."),
        click.option("--format", "formats", default="pdf,docx", show_default=True, callback=_formats,
                     help="Format hasil: pdf, docx, atau keduanya dipisah koma."),
        click.option("--templates", "templates", type=click.Path(path_type=Path), default=None,
                     help="Folder templat sendiri (salin dulu dengan 'reportgen templat DIR')."),
    ]):
        func = option(func)
    return func


REGISTER_HELP = "Register dokumen (SQLite). Bawaan: penomoran.register di unit.yaml, atau OUT/register.sqlite."


def trust_options(with_register: bool = True):
    """Options of the verification mark, PDF/A and the register, shared by every document command."""
    options = [
        click.option("--tanpa-qr", "qr", flag_value=False, default=True,
                     help="Tanpa tanda verifikasi (kode QR dan kode verifikasi) di kaki halaman; "
                          "dokumen tetap dicatat di register."),
        click.option("--pdfa", is_flag=True, help="PDF untuk arsip: PDF/A-2b (huruf tertanam, metadata XMP)."),
    ]
    if with_register:
        options.append(click.option("--register", "register", type=click.Path(path_type=Path), default=None,
                                    help=REGISTER_HELP))

    def decorate(func):
        for option in reversed(options):
            func = option(func)
        return func
    return decorate


@click.group(cls=click_id.Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="reportgen")
def main() -> None:
    """reportgen: dokumen resmi Reformasi Birokrasi (DOCX dan PDF) dari lembar kerja unit.

    \b
    Contoh:
      reportgen build 2021                 semua dokumen tahun 2021 dari inputs/
      reportgen pacts --tanggal 2021-03-17 pakta integritas seluruh pegawai
      reportgen pacts --help               penjelasan opsi suatu perintah

    Masukan dibaca dari folder inputs/ (profil unit di inputs/unit.yaml, data tahunan di
    inputs/2021/), hasil ditulis ke outputs/2021/.
    """


@main.command("pacts", context_settings=CONTEXT)
@click.option("--roster", type=click.Path(path_type=Path), default=None,
              help="Daftar pegawai (.xlsx atau .csv). Bawaan: INPUTS/TAHUN/pegawai.xlsx.")
@click.option("--sheet", default=None, help="Nama lembar kerja di berkas .xlsx (bawaan: lembar pertama).")
@click.option("--year", "--tahun", "year", type=int, default=None,
              help="Tahun dokumen (bawaan: tahun terbaru di folder masukan, mis. inputs/2021).")
@common_options
@click.option("--tanggal", callback=_date, default=None,
              help="Tanggal penandatanganan, TTTT-BB-HH (bawaan: dari TAHUN/pakta-integritas.yaml, atau hari ini).")
@click.option("--tempat", default=None,
              help="Tempat penandatanganan (bawaan: dari TAHUN/pakta-integritas.yaml, atau kota di unit.yaml).")
@click.option("--saksi/--tanpa-saksi", "witness", default=True, show_default=True,
              help="Kolom 'Menyaksikan,' untuk atasan (bawaan dari kolom Nama/Jabatan Atasan, "
                   "atau pimpinan unit).")
@click.option("--duplex", is_flag=True, help="Untuk cetak bolak-balik: halaman kosong di balik tiap pakta.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Jumlah proses paralel (bawaan: jumlah inti prosesor).")
@trust_options()
@report_errors
def pacts_command(roster, sheet, year, inputs, out, formats, templates, tanggal, tempat, witness, duplex, jobs,
                  qr, pdfa, register):
    """Pakta Integritas untuk setiap pegawai dalam daftar, siap cetak dan tanda tangan.

    \b
    Menulis ke OUT/TAHUN/pakta-integritas/:
      NIP-nama.pdf dan NIP-nama.docx   satu per pegawai
      pakta-integritas-TAHUN-cetak.pdf semua pakta berurutan, untuk dicetak sekaligus
      manifest.csv                     daftar berkas dengan sidik SHA-256 dan kode verifikasi

    Kolom daftar pegawai (baris 1 = judul, urutan bebas): Nama, NIP, Pangkat/Golongan,
    Jabatan; opsional Instansi, Nama Atasan, NIP Atasan, Jabatan Atasan.
    Semua kesalahan data dilaporkan sekaligus, dan tidak ada berkas yang ditulis.
    """
    from reportgen.documents.pacts import generate_pacts

    result = generate_pacts(inputs=inputs, out=out, year=year, roster=roster, sheet=sheet, formats=formats,
                            date=tanggal, place=tempat, witness=witness, duplex=duplex,
                            jobs=jobs or default_jobs(), templates=templates,
                            progress_start=progress_bar("Pakta integritas"), qr=qr, pdfa=pdfa, register=register)
    for warning in result.warnings:
        click.secho(f"Peringatan: {warning}", fg="yellow", err=True)
    click.echo(f"{format_number(result.count)} pakta integritas selesai dalam "
               f"{format_number(result.seconds, 1)} detik: {result.batch.folder}/")
    click.echo(f"Dicatat di register {result.register}")


@main.command("action-plan", context_settings=CONTEXT)
@click.argument("year", type=int, metavar="TAHUN")
@click.option("--plan", type=click.Path(path_type=Path), default=None,
              help="Rencana aksi (.xlsx atau .csv). Bawaan: INPUTS/TAHUN/rencana-aksi.xlsx.")
@click.option("--sheet", default=None, help="Nama lembar kerja di berkas .xlsx (bawaan: lembar pertama).")
@click.option("--triwulan", "quarterly", is_flag=True,
              help="Jadwal sebagai 4 kolom triwulan (TW I-IV), bukan 12 kolom bulan.")
@click.option("--realisasi", "realization", is_flag=True,
              help="Tulis juga laporan realisasi (kolom Realisasi, Kendala, Tindak Lanjut, Keterangan).")
@click.option("--per", callback=_date, default=None,
              help="Tanggal keadaan realisasi untuk menentukan status, TTTT-BB-HH (bawaan: hari ini).")
@click.option("--tanggal", callback=_date, default=None,
              help="Tanggal penandatanganan rencana aksi, TTTT-BB-HH (bawaan: hari ini).")
@common_options
@trust_options()
@report_errors
def action_plan_command(year, plan, sheet, quarterly, realization, per, tanggal, inputs, out, formats,
                        templates, qr, pdfa, register):
    """Rencana Aksi Reformasi Birokrasi tahun TAHUN untuk 8 area perubahan (lanskap).

    \b
    Menulis ke OUT/TAHUN/:
      rencana-aksi-rb-TAHUN.pdf/.docx             rencana aksi per area, jadwal berarsir, anggaran
      realisasi-rencana-aksi-rb-TAHUN.pdf/.docx   dengan --realisasi: realisasi dan status kegiatan

    Kolom (baris 1 = judul): Area (1-8 atau nama area), Kegiatan, Output, Indikator, Target,
    Satuan, Jadwal (mis. Jan-Des, Mar, Jun, Sep, Des, 3-12, TW I-IV), Penanggung Jawab, Anggaran;
    opsional Program Prioritas, Realisasi (%), Kendala, Tindak Lanjut, Keterangan.
    Semua kesalahan data dilaporkan sekaligus, dan tidak ada berkas yang ditulis.
    """
    from reportgen.documents.action_plan import generate_action_plan

    result = generate_action_plan(inputs=inputs, out=out, year=year, plan=plan, sheet=sheet, formats=formats,
                                  quarterly=quarterly, realization=realization, per=per, date=tanggal,
                                  templates=templates, register=register, qr=qr, pdfa=pdfa)
    for warning in result.warnings:
        click.secho(f"Peringatan: {warning}", fg="yellow", err=True)
    click.echo(f"Rencana aksi: {format_number(result.count)} kegiatan, selesai dalam "
               f"{format_number(result.seconds, 1)} detik:")
    for path in result.files.values():
        click.echo(f"  {path}")


@main.command("score", context_settings=CONTEXT)
@click.argument("year", type=int, metavar="TAHUN")
@click.option("--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"), show_default=True,
              help="Folder masukan: unit.yaml dan satu subfolder per tahun.")
@click.option("--penilaian", "assessment", type=click.Path(path_type=Path), default=None,
              help="Berkas penilaian (.xlsx atau .csv). Bawaan: INPUTS/TAHUN/penilaian.xlsx.")
@click.option("--sheet", default=None, help="Nama lembar kerja di berkas .xlsx (bawaan: lembar pertama).")
@click.option("--csv", "csv_path", type=click.Path(path_type=Path), default=None,
              help="Tulis juga tabel nilai sebagai CSV ke berkas ini ('-' untuk layar).")
@click.option("--json", "json_path", type=click.Path(path_type=Path), default=None,
              help="Tulis juga tabel nilai sebagai JSON ke berkas ini ('-' untuk layar).")
@report_errors
def score_command(year, inputs, assessment, sheet, csv_path, json_path):
    """Tabel nilai PMPRB tahun TAHUN: nilai, bobot, capaian dan perubahan per area dan komponen.

    \b
    Penilaian dibaca dalam salah satu dari dua bentuk (dikenali dari baris judul):
      nilai per area: Tahun, Area, Komponen, Nilai, Bobot
      lembar kerja (LKE): Tahun, Area, Komponen, Sub Komponen, Pertanyaan, Jenis Jawaban,
                          Jawaban, Bobot (bobot sub komponen)
    Komponen: Pemenuhan, Hasil Antara, Reform (per area), atau komponen hasil (Area kosong).
    Laporan capaian RB (reportgen annual-report) memakai angka yang sama persis.
    """
    from reportgen.output.atomic import write_atomic
    from reportgen.scoring.score_table import compute_scores, score_csv, score_json, score_text

    summary = compute_scores(inputs=inputs, year=year, path=assessment, sheet=sheet)
    if "-" not in (str(csv_path), str(json_path)):  # '-' puts the machine-readable form alone on stdout
        click.echo(score_text(summary), nl=False)
    for target, text in ((csv_path, score_csv), (json_path, score_json)):
        if target is None:
            continue
        if str(target) == "-":
            click.echo(text(summary), nl=False)
        else:
            write_atomic(target, text(summary).encode("utf-8"))
            click.echo(f"Ditulis: {target}", err=True)


@main.command("annual-report", context_settings=CONTEXT)
@click.argument("year", type=int, metavar="TAHUN")
@click.option("--penilaian", "assessment", type=click.Path(path_type=Path), default=None,
              help="Berkas penilaian (.xlsx atau .csv). Bawaan: INPUTS/TAHUN/penilaian.xlsx.")
@click.option("--sheet", default=None, help="Lembar kerja penilaian di berkas .xlsx (bawaan: lembar pertama).")
@click.option("--plan", type=click.Path(path_type=Path), default=None,
              help="Rencana aksi dengan realisasi untuk BAB IV. Bawaan: INPUTS/TAHUN/rencana-aksi.xlsx bila ada.")
@common_options
@trust_options()
@report_errors
def annual_report_command(year, assessment, sheet, plan, inputs, out, formats, templates, qr, pdfa, register):
    """Laporan Capaian Pelaksanaan RB tahun TAHUN: nilai, grafik dan uraian dari data.

    \b
    Menulis OUT/TAHUN/laporan-capaian-rb-TAHUN.pdf dan .docx: sampul, Kata Pengantar, Daftar Isi
    (nomor halaman benar di kedua format), BAB I-V dan Lampiran tabel nilai lengkap.
    Masukan: penilaian.xlsx (lihat 'reportgen score --help'), rencana-aksi.xlsx (bila ada) dan
    laporan.yaml (kata pengantar, latar belakang, dasar hukum, program prioritas, tindak lanjut,
    penutup, ambang_baik; semua boleh kosong, ada teks bawaan).
    Angka di laporan sama persis dengan keluaran 'reportgen score TAHUN'.
    """
    from reportgen.documents.annual_report import generate_annual_report

    result = generate_annual_report(inputs=inputs, out=out, year=year, assessment=assessment, sheet=sheet,
                                    plan=plan, formats=formats, templates=templates, register=register, qr=qr,
                                    pdfa=pdfa)
    for warning in result.warnings:
        click.secho(f"Peringatan: {warning}", fg="yellow", err=True)
    index = result.summary.index.current.score
    click.echo(f"Laporan capaian RB {year}: indeks {format_number(index, 2)} ({result.summary.category.code}), "
               f"selesai dalam {format_number(result.seconds, 1)} detik:")
    for path, _digest in result.files.values():
        click.echo(f"  {path}")


@main.command("decree", context_settings=CONTEXT)
@click.option("--year", "--tahun", "year", type=int, default=None,
              help="Tahun dokumen (bawaan: tahun terbaru di folder masukan, mis. inputs/2021).")
@click.option("--team", "--tim", "team", type=click.Path(path_type=Path), default=None,
              help="Susunan tim (.xlsx atau .csv). Bawaan: INPUTS/TAHUN/tim-rb.xlsx.")
@click.option("--sheet", default=None, help="Nama lembar kerja di berkas .xlsx (bawaan: lembar pertama).")
@click.option("--meta", type=click.Path(path_type=Path), default=None,
              help="Isi keputusan (.yaml). Bawaan: INPUTS/TAHUN/keputusan-tim-rb.yaml.")
@click.option("--register", "register", type=click.Path(path_type=Path), default=None,
              help="Register nomor (SQLite). Bawaan: penomoran.register di unit.yaml, atau OUT/register.sqlite.")
@common_options
@trust_options(with_register=False)
@report_errors
def decree_command(year, team, sheet, meta, register, inputs, out, formats, templates, qr, pdfa):
    """Keputusan pembentukan Tim Reformasi Birokrasi, dengan lampiran susunan keanggotaan.

    \b
    Menulis OUT/TAHUN/keputusan-tim-rb-TAHUN.pdf dan .docx, dan mencatatnya di register.

    \b
    Berkas keputusan (YAML) cukup berisi tanggal dan nomor; bagian lain memakai teks bawaan:
      tanggal: 2021-03-08
      nomor: "120.05-1487 TAHUN 2021"     nomor lengkap, dipakai apa adanya, atau
      kode_klasifikasi: "120.05"          nomor urut berikutnya diambil dari register
    Kunci lain: tempat, tentang, nama_tim, menimbang, mengingat, memperhatikan, diktum,
    tembusan, penandatangan (nama, nip, jabatan), kedudukan_tambahan (pimpinan, area).
    Keputusan yang sama (tentang dan tahun sama) yang dibuat ulang tetap memakai nomornya.

    \b
    Kolom susunan tim (baris 1 = judul): Nama, NIP (kosong atau - bila bukan PNS), Jabatan,
    Kedudukan (Pengarah, Penanggung Jawab, Ketua, Wakil Ketua, Sekretaris, Koordinator,
    Anggota), Area (1-8 atau nama area; wajib untuk Koordinator dan Anggota).
    Semua kesalahan data dilaporkan sekaligus, dan tidak ada berkas yang ditulis.
    """
    from reportgen.documents.decree import generate_decree

    result = generate_decree(inputs=inputs, out=out, year=year, team=team, meta=meta, sheet=sheet,
                             formats=formats, templates=templates, register=register, qr=qr, pdfa=pdfa)
    for warning in result.warnings:
        click.secho(f"Peringatan: {warning}", fg="yellow", err=True)
    origin = ("nomor tetap seperti sebelumnya" if result.entry.reused else
              "nomor baru dari register" if result.from_register else "nomor dari berkas keputusan")
    click.echo(f"Keputusan Nomor {result.number} ({origin}), {format_number(result.members)} anggota tim, "
               f"selesai dalam {format_number(result.seconds, 1)} detik:")
    for path in result.files.values():
        click.echo(f"  {path}")
    click.echo(f"Dicatat di register {result.register}")


@main.command("register", context_settings=CONTEXT)
@click.option("--register", "register", type=click.Path(path_type=Path), default=None,
              help="Register (SQLite). Bawaan: penomoran.register di unit.yaml, atau OUT/register.sqlite.")
@click.option("--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"), show_default=True,
              help="Folder masukan (untuk membaca penomoran.register di unit.yaml).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("outputs"), show_default=True,
              help="Folder hasil (register bawaan ada di dalamnya).")
@click.option("--year", "--tahun", "year", type=int, default=None, help="Hanya dokumen tahun ini.")
@click.option("--jenis", "kind", default=None, help="Hanya dokumen jenis ini (mis. keputusan).")
@click.option("--cadangan", "backup", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Tulis salinan utuh register ke BERKAS ini (aman walau register sedang dipakai).")
@report_errors
def register_command(register, inputs, out, year, kind, backup):
    """Daftar dokumen yang telah diterbitkan: jenis, nomor, tanggal, perihal, berkas dan sidik SHA-256."""
    from reportgen.trust.register import backup_register_of, list_register

    if backup is not None:
        source, count = backup_register_of(register=register, inputs=inputs, out=out, target=backup)
        click.echo(f"Cadangan register {source} ({format_number(count)} dokumen) ditulis ke {backup}")
        return
    for line in list_register(register=register, inputs=inputs, out=out, year=year, kind=kind):
        click.echo(line)


@main.command("verify", context_settings=CONTEXT)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="BERKAS...")
@click.option("--id", "doc_ids", multiple=True, metavar="KODE",
              help="Periksa kode verifikasi (diketik, atau isi kode QR yang dipindai); boleh berulang.")
@click.option("--register", "register", type=click.Path(path_type=Path), default=None, help=REGISTER_HELP)
@click.option("--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"), show_default=True,
              help="Folder masukan (untuk membaca penomoran.register di unit.yaml).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("outputs"), show_default=True,
              help="Folder hasil (register bawaan ada di dalamnya).")
@report_errors
def verify_command(files, doc_ids, register, inputs, out):
    """Periksa keaslian berkas atau kode verifikasi terhadap register dokumen.

    \b
    Untuk setiap BERKAS (PDF atau DOCX), disebutkan salah satu:
      ASLI                  sama persis dengan berkas yang diterbitkan (atau ditandatangani
                            dengan 'reportgen sign'): jenis, nomor atau nama, tanggal, kode
      DIUBAH                memuat kode verifikasi atau berada di tempat dokumen terbitan,
                            tetapi isinya berbeda
      ASLI DENGAN TAMBAHAN  berkas terbitan yang kemudian diberi perubahan tambahan
      TIDAK DIKENAL         tidak pernah diterbitkan dengan register ini
    Keluar dengan kode 0 hanya bila semua berkas ASLI (dan semua kode terdaftar).

    \b
    Contoh:
      reportgen verify outputs/2021/pakta-integritas/*.pdf
      reportgen verify --id 7K3M-Q9PX-2HDA
    """
    from reportgen.trust.check import ISSUED, open_register, verify_files, verify_id

    if not files and not doc_ids:
        raise click.UsageError("sebutkan berkas yang diperiksa, atau --id KODE")
    path = open_register(register, inputs, out)
    ok = True
    if files:
        findings, lines = verify_files(list(files), path)
        for line in lines:
            click.echo(line)
        ok = all(f.status == ISSUED for f in findings)
    for doc_id in doc_ids:
        known, lines = verify_id(doc_id, path)
        for line in lines:
            click.echo(line)
        ok = ok and known
    sys.exit(0 if ok else 1)


@main.command("sign", context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
                metavar="BERKAS...")
@click.option("--p12", "p12", required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Sertifikat penanda tangan dengan kuncinya (PKCS#12: .p12 atau .pfx).")
@click.option("--password-file", "--berkas-sandi", "password_file", default=None,
              type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Berkas berisi kata sandi .p12 (baris pertama). Bawaan: ditanyakan tanpa ditampilkan.")
@click.option("--ke", "folder", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder hasil tanda tangan (bawaan: di samping berkas aslinya).")
@click.option("--tempat", default=None, help="Tempat penandatanganan yang dicatat di tanda tangan.")
@click.option("--register", "register", type=click.Path(path_type=Path), default=None, help=REGISTER_HELP)
@click.option("--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"), show_default=True,
              help="Folder masukan (untuk membaca penomoran.register di unit.yaml).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("outputs"), show_default=True,
              help="Folder hasil (register bawaan ada di dalamnya).")
@report_errors
def sign_command(files, p12, password_file, folder, tempat, register, inputs, out):
    """Tanda tangan elektronik (PAdES B-B) pada PDF terbitan, di tempat blok tanda tangan.

    \b
    Setiap BERKAS harus PDF yang diterbitkan reportgen (diperiksa seperti 'reportgen verify');
    hasilnya ditulis sebagai NAMA-ttd.pdf dan dicatat di register untuk dokumen yang sama, sehingga
    'reportgen verify' tetap mengenalinya. Satu perintah dapat menandatangani seluruh pakta:
      reportgen sign outputs/2021/pakta-integritas/1*.pdf --p12 pejabat.p12
    Kata sandi .p12 ditanyakan tanpa ditampilkan, atau dibaca dari --password-file; kata sandi
    tidak pernah ditulis ke layar, log, atau argumen perintah.
    """
    from reportgen.trust.sign import read_password_file, sign_files
    from reportgen.trust.check import open_register

    path = open_register(register, inputs, out)
    if password_file is not None:
        password = read_password_file(password_file)
    else:
        password = click.prompt("Kata sandi sertifikat", hide_input=True, default="", show_default=False,
                                err=True).encode("utf-8")
    done = sign_files(list(files), p12, password, path, folder=folder, location=tempat)
    for item in done:
        where = "" if item.placed else " (tempat blok tanda tangan tidak ditemukan: tanda tangan tanpa kotak)"
        click.echo(f"Ditandatangani: {item.target}{where}")
        click.echo(f"   {item.document}")
    click.echo(f"{format_number(len(done))} berkas ditandatangani dan dicatat di register {path}")


@main.command("build", context_settings=CONTEXT)
@click.argument("year", type=int, metavar="TAHUN")
@common_options
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Jumlah proses paralel (bawaan: jumlah inti prosesor).")
@trust_options()
@report_errors
def build_command(year, inputs, out, formats, templates, jobs, qr, pdfa, register):
    """Semua dokumen tahun TAHUN yang masukannya tersedia di INPUTS/TAHUN/.

    \b
    pegawai.xlsx              pakta integritas setiap pegawai
    keputusan-tim-rb.yaml     keputusan pembentukan Tim RB (dengan tim-rb.xlsx)
    rencana-aksi.xlsx         rencana aksi, dan realisasinya bila ada kolom Realisasi
    penilaian.xlsx            laporan capaian RB (dengan laporan.yaml, rencana-aksi.xlsx)

    Dokumen yang masukannya tidak ada dilewati dan disebutkan.
    """
    from reportgen.documents.build import build_year

    for line in build_year(year=year, inputs=inputs, out=out, formats=formats, templates=templates,
                           jobs=jobs or default_jobs(), progress_start=progress_bar, qr=qr, pdfa=pdfa,
                           register=register):
        click.echo(line)


@main.command("templat", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path))
@report_errors
def templates_command(folder):
    """Salin templat bawaan ke FOLDER untuk diubah, lalu pakai dengan --templates FOLDER.

    reference.docx mengatur gaya DOCX (ubah di Word), print.css gaya PDF; nama gaya
    keduanya sama.
    """
    from reportgen.output.atomic import ensure_writable_folder

    source = shipped_templates_dir()
    ensure_writable_folder(folder)
    copied = []
    for path in sorted(source.iterdir()):
        if path.suffix in (".j2", ".css", ".docx", ".png"):
            if (folder / path.name).exists():
                raise ReportgenError(f"{folder / path.name} sudah ada; pilih folder kosong")
            try:
                shutil.copy2(path, folder / path.name)
            except OSError as exc:
                raise ReportgenError(f"folder {folder} tidak dapat ditulis ({exc.strerror or exc})") from None
            copied.append(path.name)
    click.echo(f"{len(copied)} berkas templat disalin ke {folder}/")


if __name__ == "__main__":
    main()
