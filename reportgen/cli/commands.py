"""The command line: each command parses its options, calls one library function, prints a summary.

A ReportgenError (a user's mistake) becomes a message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import sqlite3
import sys
from pathlib import Path

import click

from reportgen import __version__
from reportgen.cli import click_wording as click_id
from reportgen.errors import InputError, ReportgenError, system_reason
from reportgen.output.workers import default_jobs
from reportgen.conventions.numbers import format_number
from reportgen.render.template_folder import shipped_templates_dir, templates_dir
from reportgen.unit import Unit

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
        pass
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
        year, month, day = (int(p) for p in parts)
        if 1 <= month <= 12:
            from reportgen.conventions.dates import format_month

            last = calendar.monthrange(year, month)[1]
            raise click.BadParameter(f"tanggal {value} tidak ada: {format_month(month)} {year} hanya sampai "
                                     f"tanggal {last}") from None
        raise click.BadParameter(f"tanggal {value} tidak ada: bulan harus 01 sampai 12") from None
    raise click.BadParameter(f"tanggal harus berbentuk TTTT-BB-HH, misalnya 2021-03-17 "
                             f"(ditemukan: {value})") from None


# How the command line tells a user the way past an error (ReportgenError.remedy), in its own words.
REMEDIES = {
    "ganti_semua": "Bila memang demikian, jalankan lagi dengan --ganti-semua; untuk membuat ulang beberapa orang "
                   "saja, pakai --nip NIP.",
    "tanpa_nip": "--nip hanya membuat ulang dokumen yang sudah ada: jalankan tanpa --nip.",
    "register": "(atau sebutkan --register BERKAS, atau penomoran.register di unit.yaml)",
    "data": "(atau sebutkan folder data server dengan --data DIR)",
    "inputs": "Jalankan dari folder proyek yang berisi inputs/, atau tunjuk foldernya dengan --inputs DIR.",
    "year": "atau sebutkan --year",
}


def error_text(exc: ReportgenError) -> str:
    """Return an error's message as the command line says it: files as given, the way on as an option."""
    words = REMEDIES.get(exc.remedy or "")
    return f"{exc} {words}" if words else str(exc)


def os_error_text(exc: OSError) -> str:
    """Return what the system refused, in Indonesian: the file or folder and why (never the English text)."""
    names = [n for n in (exc.filename, exc.filename2) if n is not None]
    where = " dan ".join(str(n) for n in names) if names else "berkas atau folder"
    return (f"{where} tidak dapat dipakai: {system_reason(exc)}; periksa izin akses, ruang disk, atau apakah "
            "jalurnya benar")


def report_errors(func):
    """Turn reportgen's errors into a message on stderr and exit code 1."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            show_warnings(exc.warnings)
            click.secho(str(exc), fg="red", err=True)
            click.echo("Tidak ada berkas yang ditulis; hasil sebelumnya tetap utuh.", err=True)
            sys.exit(1)
        except ReportgenError as exc:
            click.secho(f"Galat: {error_text(exc)}", fg="red", err=True)
            sys.exit(1)
        except OSError as exc:  # what the system refused where no stage said it in its own words
            click.secho(f"Galat: {os_error_text(exc)}", fg="red", err=True)
            sys.exit(1)
        except sqlite3.Error as exc:  # a database no stage opened in its own words
            click.secho(f"Galat: basis data tidak dapat dipakai ({system_reason(exc)})", fg="red", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("\nDihentikan. Hasil sebelumnya tetap utuh.", err=True)
            sys.exit(130)
    return wrapper


class CatalogueCommand(click_id.Command):
    """A command whose help holds lines made when the help is shown, from the registry and its catalogue of
    input files (the line HELP_LINES of its docstring): a kind added later shows up with no change here."""

    def __init__(self, *args, lines=None, **kwargs):
        self.lines = lines
        super().__init__(*args, **kwargs)

    def format_help_text(self, ctx, formatter) -> None:
        import inspect

        template = self.help
        self.help = inspect.cleandoc(template).replace(HELP_LINES, "\n".join(self.lines()))
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = template


HELP_LINES = "(daftar dari katalog masukan)"


def _kind_lines() -> list[str]:
    """Return one line per registered kind: the file it starts from, its title, the other files it reads."""
    from reportgen.documents.kinds import files_of
    from reportgen.documents.registry import all_kinds

    lines = []
    for kind in all_kinds():
        first, *others = [f.name for f in files_of(kind)]
        lines.append(f"{first:<26}{kind.title}" + (f" (dengan {', '.join(others)})" if others else ""))
    return lines


def _new_year_lines() -> list[str]:
    """Return the help's lines of what `tahun-baru` copies and what it leaves to fill in."""
    from reportgen.documents.registry import catalogue

    import textwrap

    year_files = [f for f in catalogue() if not f.unit_level]
    copied = ", ".join(f.name for f in year_files if f.carries_over)
    fresh = ", ".join(f.name for f in year_files if not f.carries_over)
    text = (f"Disalin (bila ada): {copied}. Profil unit (unit.yaml) berlaku untuk semua tahun. "
            f"Tidak disalin, isinya milik satu tahun: {fresh}.")
    return textwrap.wrap(text, 92, break_on_hyphens=False)


def _blank_lines() -> list[str]:
    """Return the help's lines naming every spreadsheet input that has a blank template."""
    from reportgen.documents.registry import catalogue

    return [f"{f.name:<22}{f.title}" for f in catalogue() if f.blank]


def progress_bar(label: str, total: int):
    """Return the progress callback of a batch: a bar on a terminal, nothing otherwise."""
    if not sys.stderr.isatty():
        return None
    bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
    bar.__enter__()

    def advance(n: int) -> None:
        bar.update(n)
        if bar.pos >= total:
            bar.__exit__(None, None, None)
    return advance


def show_warnings(warnings) -> None:
    """Print warnings on stderr, each as 'Peringatan:', and after them what was read or left out as 'Catatan:'."""
    for warning in warnings:
        if not getattr(warning, "notice", False):
            click.secho(f"Peringatan: {warning}", fg="yellow", err=True)
    for warning in warnings:
        if getattr(warning, "notice", False):
            click.echo(f"Catatan: {warning}", err=True)


def show_result(result) -> None:
    """Print a publish run's warnings (on stderr) and its summary lines: the same for every document command."""
    from reportgen.documents.summary import summary_lines

    show_warnings(result.warnings)
    for line in summary_lines(result):
        click.echo(line)


def run_publish(asked, unit: Unit, year, formats, qr, pdfa, jobs=None, cluster=None, storage=None) -> None:
    """Publish the kinds asked for (each an `Ask`: the kind and its options) and print what was done."""
    from reportgen.documents.publish import Settings, publish

    settings = Settings(unit, year=year, formats=formats, jobs=jobs or default_jobs(), qr=qr, pdfa=pdfa,
                        progress=progress_bar, cluster=cluster_of(cluster, storage))
    show_result(publish(asked, settings))


def cluster_of(address: str | None, storage: str | None):
    """Return the Dask cluster a batch is sent to (None: this machine's worker processes)."""
    if not address:
        if storage:
            raise ReportgenError("--penyimpanan hanya berarti bersama --klaster (alamat penjadwal Dask)")
        return None
    from reportgen.output.cluster import Cluster

    return Cluster(address, storage or None)


def parallel_options(func):
    """Options of where a batch is rendered: this machine's processes (--jobs), or a Dask cluster (--klaster)."""
    for option in reversed([
        click.option("--jobs", type=click.IntRange(1, 64), default=None,
                     help="Jumlah proses paralel (bawaan: jumlah inti prosesor)."),
        click.option("--klaster", "cluster", metavar="ALAMAT", envvar="REPORTGEN_KLASTER", default=None,
                     help="Kirim batch ke penjadwal Dask yang sudah berjalan, mis. tcp://10.0.0.5:8786 (atau "
                          "REPORTGEN_KLASTER). Pekerjanya menulis berkas ke folder hasil, yang harus dapat "
                          "dicapai semua pekerja di jalur yang sama, atau ke --penyimpanan."),
        click.option("--penyimpanan", "storage", metavar="URL", envvar="REPORTGEN_PENYIMPANAN", default=None,
                     help="Dengan --klaster: tempat pekerja menulis berkas bila folder hasil tidak dibagi, URL "
                          "fsspec (mis. s3://ember/reportgen) atau folder bersama; proses utama mengambilnya dari "
                          "sana dan memeriksa sidik SHA-256 setiap berkas."),
    ]):
        func = option(func)
    return func


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


REGISTER_HELP = ("Register dokumen: berkas SQLite, atau basis data PostgreSQL postgresql://PENGGUNA@HOST/BASISDATA. "
                 "Bawaan: penomoran.register di unit.yaml, atau register.sqlite di samping unit.yaml.")


def register_options(func):
    """Options that find the unit's register: --register, or the inputs folder whose unit.yaml names it."""
    for option in reversed([
        click.option("--register", "register", metavar="JALUR|URL", default=None, help=REGISTER_HELP),
        click.option("--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"),
                     show_default=True, help="Folder masukan (register unit ada di samping unit.yaml)."),
        click.option("--out", "out", type=click.Path(path_type=Path), default=Path("outputs"), show_default=True,
                     help="Folder hasil (untuk mengenali register lama di dalamnya)."),
    ]):
        func = option(func)
    return func


def trust_options(with_register: bool = True):
    """Options of the verification mark, PDF/A and the register, shared by every document command."""
    options = [
        click.option("--tanpa-qr", "qr", flag_value=False, default=True,
                     help="Tanpa tanda verifikasi (kode QR dan kode verifikasi) di kaki halaman; "
                          "dokumen tetap dicatat di register."),
        click.option("--pdfa", is_flag=True, help="PDF untuk arsip: PDF/A-2b (huruf tertanam, metadata XMP)."),
    ]
    if with_register:
        options.append(click.option("--register", "register", metavar="JALUR|URL", default=None,
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
      reportgen semua 2021                      semua dokumen tahun 2021 dari inputs/
      reportgen pakta 2021 --tanggal 2021-03-17 pakta integritas seluruh pegawai
      reportgen pakta --help                    penjelasan opsi suatu perintah

    Nama perintah dalam bahasa Inggris dari versi sebelumnya (dalam kurung) tetap dapat dipakai.

    Masukan dibaca dari folder inputs/ (profil unit di inputs/unit.yaml, data tahunan di
    inputs/2021/), hasil ditulis ke outputs/2021/.
    """


@main.command("pakta", context_settings=CONTEXT)
@click.argument("year_given", type=int, required=False, metavar="[TAHUN]")
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
@click.option("--nip", "only", multiple=True, metavar="NIP",
              help="Buat ulang pakta orang ini saja dari daftar terbaru (boleh berulang); berkas cetak dan "
                   "manifest disusun ulang, pakta lainnya tidak disentuh.")
@click.option("--ganti-semua", "replace_all", is_flag=True,
              help="Izinkan daftar yang jauh lebih pendek dari sebelumnya menghapus pakta lama orang yang tidak "
                   "ada lagi di daftar (tanpa opsi ini perintah berhenti dan menyebut jumlahnya).")
@parallel_options
@trust_options()
@report_errors
def pacts_command(year_given, roster, sheet, year, inputs, out, formats, templates, tanggal, tempat, witness, duplex,
                  only, replace_all, jobs, cluster, storage, qr, pdfa, register):
    """Pakta Integritas untuk setiap pegawai dalam daftar, siap cetak dan tanda tangan.

    \b
    Menulis ke OUT/TAHUN/pakta-integritas/:
      NIP-nama.pdf dan NIP-nama.docx   satu per pegawai
      pakta-integritas-TAHUN-cetak.pdf semua pakta berurutan, untuk dicetak sekaligus
      manifest.csv                     daftar berkas dengan sidik SHA-256 dan kode verifikasi

    Kolom daftar pegawai (judul kolom dicari sendiri; unduhan SIASN/SIMPEG boleh dipakai apa
    adanya): Nama, NIP, Pangkat/Golongan, Jabatan; opsional Instansi, Nama Atasan, NIP Atasan,
    Jabatan Atasan. Semua kesalahan data dilaporkan sekaligus, dan tidak ada berkas yang ditulis.

    \b
    Contoh:
      reportgen pakta 2021
      reportgen pakta 2021 --roster unduhan-siasn.xlsx --tanggal 2021-03-17 --duplex
    """
    from reportgen.documents import pacts
    from reportgen.documents.kinds import Ask

    options = pacts.PactChoices(roster=roster, sheet=sheet, date=tanggal, place=tempat, witness=witness,
                                duplex=duplex)
    asked = Ask(pacts.KIND, options, only=tuple("".join(ch for ch in nip if ch.isdigit()) for nip in only),
                replace_all=replace_all)
    unit = Unit(inputs, out, register_option=register, templates_option=templates)
    run_publish([asked], unit, year_given or year, formats, qr, pdfa, jobs, cluster, storage)


@main.command("rencana-aksi", context_settings=CONTEXT)
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

    \b
    Contoh:
      reportgen rencana-aksi 2021
      reportgen rencana-aksi 2021 --realisasi --per 2021-12-31
    """
    from reportgen.documents import action_plan
    from reportgen.documents.kinds import Ask

    options = action_plan.PlanChoices(plan=plan, sheet=sheet, quarterly=quarterly, per=per, date=tanggal)
    asked = [Ask(action_plan.PLAN, options)] + ([Ask(action_plan.REALIZATION, options)] if realization else [])
    unit = Unit(inputs, out, register_option=register, templates_option=templates)
    run_publish(asked, unit, year, formats, qr, pdfa)


@main.command("nilai", context_settings=CONTEXT)
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
    Komponen menurut aturan tahun itu (PermenPAN-RB 26/2020: Pemenuhan, Hasil Antara Area
    Perubahan, Reform per area; Akuntabilitas Kinerja dan Keuangan, Kualitas Pelayanan Publik,
    Pemerintah yang Bersih dan Bebas KKN, Kinerja Organisasi); kolom opsional Bobot Butir.
    Laporan capaian RB (reportgen laporan) memakai angka yang sama persis.

    \b
    Contoh:
      reportgen nilai 2021
      reportgen nilai 2021 --csv nilai-2021.csv
    """
    from reportgen.output.atomic import write_atomic
    from reportgen.documents.scores import compute_scores
    from reportgen.scoring.score_table import score_csv, score_json, score_text

    summary = compute_scores(Unit(inputs), year=year, path=assessment, sheet=sheet)
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


@main.command("zi", context_settings=CONTEXT)
@click.argument("year", type=int, metavar="TAHUN")
@click.option("--lke", "lke", type=click.Path(path_type=Path), default=None,
              help="LKE Zona Integritas (.xlsx atau .csv). Bawaan: INPUTS/TAHUN/lke-zi.xlsx.")
@click.option("--sheet", default=None, help="Nama lembar kerja di berkas .xlsx (bawaan: lembar pertama).")
@click.option("--aturan", "rules", type=click.Path(path_type=Path), default=None,
              help="Berkas aturan ZI (.yaml) lain: struktur, bobot dan ambang batas. Bawaan: PermenPAN-RB 90/2021.")
@click.option("--sudah-wbk", "wbk", is_flag=True,
              help="Unit telah memperoleh predikat WBK (syarat WBBM); atau predikat_wbk di pencanangan-zi.yaml.")
@click.option("--jawaban-tpi", "tpi", is_flag=True,
              help="Nilai dari jawaban Tim Penilai Internal (kolom Jawaban TPI LKE resmi), bukan jawaban unit; "
                   "tabel dan laporan menyebutkannya.")
@click.option("--csv", "csv_path", type=click.Path(path_type=Path), default=None,
              help="Tulis juga nilai dan syarat sebagai CSV ke berkas ini ('-' untuk layar).")
@click.option("--json", "json_path", type=click.Path(path_type=Path), default=None,
              help="Tulis juga nilai dan syarat sebagai JSON ke berkas ini ('-' untuk layar).")
@click.option("--dokumen", "documents", is_flag=True,
              help="Terbitkan juga laporan penilaian mandiri ZI, dan piagam serta berita acara pencanangan "
                   "bila ada pencanangan-zi.yaml.")
@click.option("--tanggal", callback=_date, default=None,
              help="Tanggal laporan penilaian mandiri, TTTT-BB-HH (bawaan: 31 Desember TAHUN).")
@common_options
@trust_options()
@report_errors
def zi_command(year, lke, sheet, rules, wbk, tpi, csv_path, json_path, documents, tanggal, inputs, out, formats,
               templates, qr, pdfa, register):
    """Nilai Zona Integritas tahun TAHUN dan pemenuhan syarat predikat WBK dan WBBM.

    \b
    Menampilkan nilai per area dan bagian (bobot, nilai, persen dari bobot) dan, untuk WBK dan WBBM,
    setiap syarat: ambang, nilai unit, terpenuhi atau tidak, kekurangan poin, diurutkan dari yang
    paling mudah ditutup. Kode keluar 0 baik unit memenuhi syarat maupun tidak.

    \b
    LKE ZI dibaca dalam bentuk resminya apa adanya (judul, baris A. PENGUNGKIT, I. PEMENUHAN,
    1 MANAJEMEN PERUBAHAN, i. indikator, a. butir; kolom Bobot, Pilihan Jawaban, Jawaban Unit/TPI,
    Catatan), atau sebagai tabel datar.
    Kolom tabel datar (judul kolom dicari sendiri): Area (nama area atau nomor 1-8), Bagian (Pemenuhan,
    Reform, IPAK, Capaian Kinerja, IPKP), Indikator, Pertanyaan, Jenis Jawaban (Ya/Tidak, A-C, A-D,
    A-E, %, Nilai (0-4), Jumlah, Rupiah), Jawaban, Bobot (bobot indikator); opsional Bobot Butir,
    Catatan (catatan atau bukti dukung, dimuat di laporan), Tahun.
    Semua kesalahan data dilaporkan sekaligus, dan tidak ada berkas yang ditulis.
    """
    from reportgen.documents import zi
    from reportgen.documents.kinds import Ask
    from reportgen.output.atomic import write_atomic
    from reportgen.scoring.zi_table import zi_csv, zi_json, zi_text
    unit = Unit(inputs, out, register_option=register, templates_option=templates)
    assessed = zi.assess(unit, year, path=lke, sheet=sheet, rules=rules, wbk=wbk, tpi=tpi)
    if "-" not in (str(csv_path), str(json_path)):  # '-' puts the machine-readable form alone on stdout
        click.echo(zi_text(assessed.scores, assessed.verdicts), nl=False)
    for target, text in ((csv_path, zi_csv), (json_path, zi_json)):
        if target is None:
            continue
        if str(target) == "-":
            click.echo(text(assessed.scores, assessed.verdicts), nl=False)
        else:
            write_atomic(target, text(assessed.scores, assessed.verdicts).encode("utf-8"))
            click.echo(f"Ditulis: {target}", err=True)
    if documents:
        options = zi.ZiReportChoices(lke=lke, sheet=sheet, rules=rules, wbk=wbk, date=tanggal, tpi=tpi)
        asked = [Ask(zi.REPORT, options)]
        why_not = zi.CHARTER.why_not(unit, year)
        if why_not is None:  # the minutes count the pacts of that day in the register
            asked += [Ask(zi.CHARTER), Ask(zi.MINUTES)]
        elif unit.year_file(year, zi.CEREMONY_FILE).is_file():
            click.echo(f"Piagam dan berita acara pencanangan dilewati: {why_not}", err=True)
        run_publish(asked, unit, year, formats, qr, pdfa)


@main.command("laporan", context_settings=CONTEXT)
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
    Masukan: penilaian.xlsx (lihat 'reportgen nilai --help'), rencana-aksi.xlsx (bila ada) dan
    laporan.yaml (kata pengantar, latar belakang, dasar hukum, program prioritas, tindak lanjut,
    penutup, ambang_baik; semua boleh kosong, ada teks bawaan).
    Angka di laporan sama persis dengan keluaran 'reportgen nilai TAHUN'.

    \b
    Contoh:
      reportgen laporan 2021
      reportgen laporan 2021 --format pdf --pdfa
    """
    from reportgen.documents import annual_report
    from reportgen.documents.kinds import Ask

    options = annual_report.ReportChoices(assessment=assessment, sheet=sheet, plan=plan)
    unit = Unit(inputs, out, register_option=register, templates_option=templates)
    run_publish([Ask(annual_report.KIND, options)], unit, year, formats, qr, pdfa)


@main.command("keputusan", context_settings=CONTEXT)
@click.argument("year_given", type=int, required=False, metavar="[TAHUN]")
@click.option("--year", "--tahun", "year", type=int, default=None,
              help="Tahun dokumen (bawaan: tahun terbaru di folder masukan, mis. inputs/2021).")
@click.option("--team", "--tim", "team", type=click.Path(path_type=Path), default=None,
              help="Susunan tim (.xlsx atau .csv). Bawaan: INPUTS/TAHUN/tim-rb.xlsx.")
@click.option("--sheet", default=None, help="Nama lembar kerja di berkas .xlsx (bawaan: lembar pertama).")
@click.option("--meta", type=click.Path(path_type=Path), default=None,
              help="Isi keputusan (.yaml). Bawaan: INPUTS/TAHUN/keputusan-tim-rb.yaml.")
@click.option("--register", "register", metavar="JALUR|URL", default=None, help=REGISTER_HELP)
@common_options
@trust_options(with_register=False)
@report_errors
def decree_command(year_given, year, team, sheet, meta, register, inputs, out, formats, templates, qr, pdfa):
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
    Kolom susunan tim (judul kolom dicari sendiri, unduhan SIMPEG boleh): Nama, NIP (kosong atau - bila bukan PNS), Jabatan,
    Kedudukan (Pengarah, Penanggung Jawab, Ketua, Wakil Ketua, Sekretaris, Koordinator,
    Anggota), Area (1-8 atau nama area; wajib untuk Koordinator dan Anggota).
    Semua kesalahan data dilaporkan sekaligus, dan tidak ada berkas yang ditulis.

    \b
    Contoh:
      reportgen keputusan 2021
      reportgen keputusan 2021 --tim tim-rb-dari-simpeg.xlsx
    """
    from reportgen.documents import decree
    from reportgen.documents.kinds import Ask

    options = decree.DecreeChoices(team=team, meta=meta, sheet=sheet)
    unit = Unit(inputs, out, register_option=register, templates_option=templates)
    run_publish([Ask(decree.KIND, options)], unit, year_given or year, formats, qr, pdfa)


@main.command("daftar", context_settings=CONTEXT)
@register_options
@click.option("--year", "--tahun", "year", type=int, default=None, help="Hanya dokumen tahun ini.")
@click.option("--jenis", "kind", default=None, help="Hanya dokumen jenis ini (mis. keputusan).")
@click.option("--cadangan", "backup", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Tulis salinan utuh register ke BERKAS ini (aman walau register sedang dipakai).")
@click.option("--pindahkan-ke", "move_to", metavar="URL", default=None,
              help="Pindahkan register SQLite unit ke PostgreSQL (postgresql://PENGGUNA@HOST/BASISDATA, basis data "
                   "yang belum berisi dokumen): kunci kode verifikasi, nomor dan berkas ikut, setiap baris diperiksa; "
                   "berkas SQLite-nya tidak dapat ditulisi lagi.")
@report_errors
def register_command(register, inputs, out, year, kind, backup, move_to):
    """Daftar dokumen yang telah diterbitkan: jenis, nomor, tanggal, perihal, berkas dan sidik SHA-256.

    \b
    Contoh:
      reportgen daftar --tahun 2021
      reportgen daftar --jenis keputusan
      reportgen daftar --cadangan cadangan/register-2021-12-31.sqlite
      reportgen daftar --pindahkan-ke postgresql://reportgen@db.unit.go.id/reportgen
    """
    from reportgen.documents.registry import kind_names
    from reportgen.trust.listing import list_register
    from reportgen.trust.register import backup_register, move_register, register_location

    path = Unit(inputs, out, register_option=register).register
    if move_to is not None:
        target = register_location(move_to)
        if not path.is_file():
            raise ReportgenError(f"Register {path} tidak ditemukan; tidak ada yang dipindahkan")
        count = move_register(path, target)
        click.echo(f"Register {path} ({format_number(count)} dokumen) dipindahkan ke {target}; setiap baris "
                   "diperiksa sama. Tulis di unit.yaml:\n  penomoran:\n    register: "
                   f"{target}\n(atau sebutkan --register {target}); berkas {path} kini hanya dapat dibaca.")
        return
    if backup is not None:
        if not path.is_file():
            raise ReportgenError(f"Register {path} tidak ditemukan; tidak ada yang dicadangkan")
        count = backup_register(path, backup)
        click.echo(f"Cadangan register {path} ({format_number(count)} dokumen) ditulis ke {backup}")
        return
    for line in list_register(path, year=year, kind=kind, names=kind_names()):
        click.echo(line)


@main.command("periksa", context_settings=CONTEXT)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="BERKAS...")
@click.option("--id", "doc_ids", multiple=True, metavar="KODE",
              help="Periksa kode verifikasi (diketik, atau isi kode QR yang dipindai); boleh berulang.")
@register_options
@report_errors
def verify_command(files, doc_ids, register, inputs, out):
    """Periksa keaslian berkas atau kode verifikasi terhadap register dokumen.

    \b
    Untuk setiap BERKAS (PDF atau DOCX), disebutkan salah satu:
      ASLI                  sama persis dengan berkas yang diterbitkan (atau ditandatangani
                            dengan 'reportgen tandatangani'): jenis, nomor atau nama, tanggal, kode
      DIUBAH                memuat kode verifikasi atau berada di tempat dokumen terbitan,
                            tetapi isinya berbeda
      ASLI DENGAN TAMBAHAN  berkas terbitan yang kemudian diberi perubahan tambahan
      TIDAK DIKENAL         tidak pernah diterbitkan dengan register ini
    Keluar dengan kode 0 hanya bila semua berkas ASLI (dan semua kode terdaftar).

    \b
    Contoh:
      reportgen periksa outputs/2021/pakta-integritas/*.pdf
      reportgen periksa --id 7K3M-Q9PX-2HDA
    """
    from reportgen.documents.registry import kind_names
    from reportgen.trust.check import ISSUED, verify_files, verify_id

    if not files and not doc_ids:
        raise click.UsageError("sebutkan berkas yang diperiksa, atau --id KODE")
    path = Unit(inputs, out, register_option=register).existing_register()
    from reportgen.trust.register import Register

    with Register(path, read_only=True) as reg:
        fingerprint = reg.fingerprint()
    click.echo(f"Diperiksa terhadap register {path} (sidik kunci {fingerprint or 'belum ada'})")
    ok = True
    if files:
        findings, lines = verify_files(list(files), path, kind_names())
        for line in lines:
            click.echo(line)
        ok = all(f.status == ISSUED for f in findings)
    for doc_id in doc_ids:
        known, lines = verify_id(doc_id, path, kind_names())
        for line in lines:
            click.echo(line)
        ok = ok and known
    sys.exit(0 if ok else 1)


@main.command("tandatangani", context_settings=CONTEXT)
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
@register_options
@report_errors
def sign_command(files, p12, password_file, folder, tempat, register, inputs, out):
    """Tanda tangan elektronik (PAdES B-B) pada PDF terbitan, di tempat blok tanda tangan.

    \b
    Setiap BERKAS harus PDF yang diterbitkan reportgen (diperiksa seperti 'reportgen periksa');
    hasilnya ditulis sebagai NAMA-ttd.pdf dan dicatat di register untuk dokumen yang sama, sehingga
    'reportgen periksa' tetap mengenalinya. Satu perintah dapat menandatangani seluruh pakta:
      reportgen tandatangani outputs/2021/pakta-integritas/1*.pdf --p12 pejabat.p12
    Kata sandi .p12 ditanyakan tanpa ditampilkan, atau dibaca dari --password-file; kata sandi
    tidak pernah ditulis ke layar, log, atau argumen perintah. Berkas cetak (dokumen banyak orang
    dalam satu PDF) tidak ditandatangani, dan NAMA-ttd.pdf yang sudah ada tetapi bukan tulisan
    reportgen tidak pernah ditimpa: tidak ada yang ditandatangani bila ada yang demikian.

    \b
    Contoh:
      reportgen tandatangani outputs/2021/keputusan-tim-rb-2021.pdf --p12 pejabat.p12
    """
    from reportgen.documents.registry import kind_names, many_people_kinds
    from reportgen.trust.sign import read_password_file, sign_files

    path = Unit(inputs, out, register_option=register).existing_register()
    if password_file is not None:
        password = read_password_file(password_file)
    else:
        password = click.prompt("Kata sandi sertifikat", hide_input=True, default="", show_default=False,
                                err=True).encode("utf-8")
    done = sign_files(list(files), p12, password, path, folder=folder, location=tempat, names=kind_names(),
                      many_people=many_people_kinds())
    for item in done:
        where = "" if item.placed else " (tempat blok tanda tangan tidak ditemukan: tanda tangan tanpa kotak)"
        click.echo(f"Ditandatangani: {item.target}{where}")
        click.echo(f"   {item.document}")
    click.echo(f"{format_number(len(done))} berkas ditandatangani dan dicatat di register {path}")


@main.command("semua", cls=CatalogueCommand, lines=_kind_lines, context_settings=CONTEXT)
@click.argument("year", type=int, metavar="TAHUN")
@common_options
@parallel_options
@trust_options()
@report_errors
def build_command(year, inputs, out, formats, templates, jobs, cluster, storage, qr, pdfa, register):
    """Semua dokumen tahun TAHUN yang masukannya tersedia di INPUTS/TAHUN/.

    \b
    (daftar dari katalog masukan)

    Dokumen yang masukannya tidak ada dilewati dan disebutkan; realisasi rencana aksi dibuat bila
    rencana-aksi.xlsx memiliki kolom Realisasi.

    \b
    Contoh:
      reportgen semua 2021
      reportgen semua 2021 --format pdf --jobs 2
    """
    from reportgen.documents.publish import Settings, publish_year
    from reportgen.documents.registry import all_kinds

    unit = Unit(inputs, out, register_option=register, templates_option=templates)
    settings = Settings(unit, year=year, formats=formats, jobs=jobs or default_jobs(), qr=qr, pdfa=pdfa,
                        progress=progress_bar, cluster=cluster_of(cluster, storage))
    show_result(publish_year(settings, all_kinds()))


@main.command("templat", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--contoh-saja", "sample_only", is_flag=True,
              help="Jangan menyalin: buat ulang contoh-gaya.pdf/.docx dari templat di FOLDER (setelah diubah di Word).")
@report_errors
def templates_command(folder, sample_only):
    """Salin templat bawaan ke FOLDER untuk diubah, lalu pakai dengan --templates FOLDER.

    Tampilan diatur di reference.docx (ubah di Word): ukuran kertas dan margin, serta huruf,
    ukuran, tebal/miring/garis bawah, warna, perataan, indentasi, jarak dan spasi setiap gaya.
    DOCX dan PDF sama-sama mengikutinya. Juga ditulis contoh-gaya.pdf dan contoh-gaya.docx:
    setiap gaya dengan namanya, untuk melihat apa yang diubah suatu gaya.

    \b
    Contoh:
      reportgen templat templat-unit
      reportgen templat templat-unit --contoh-saja     # setelah reference.docx diubah
      reportgen pakta 2021 --templates templat-unit
    """
    from reportgen.documents.style_sample import sample_paths, write_style_sample
    from reportgen.errors import ProblemCollector
    from reportgen.output.atomic import ensure_writable_folder, write_new

    if sample_only:
        templates_dir(folder)  # a complete templates folder
    else:
        source = shipped_templates_dir()
        ensure_writable_folder(folder)
        names = [p.name for p in sorted(source.iterdir()) if p.suffix in (".j2", ".css", ".docx", ".png")]
        _refuse_existing([folder / name for name in names] + sample_paths(folder))  # all named, before any copy
        copied = []
        try:
            for name in names:
                write_new(folder / name, (source / name).read_bytes())
                copied.append(name)
        except FileExistsError:  # made meanwhile by someone else: what this run copied goes again
            for name in copied:
                (folder / name).unlink(missing_ok=True)
            raise ReportgenError(f"{folder / name} sudah ada; tidak ada berkas yang ditimpa") from None
        click.echo(f"{len(copied)} berkas templat disalin ke {folder}/")
    problems = ProblemCollector()
    written = write_style_sample(folder, problems)
    for warning in problems.warnings:
        click.echo(f"Peringatan: {warning}")
    click.echo(f"Contoh setiap gaya: {', '.join(str(p) for p in written)}")


@main.command("tahun-baru", cls=CatalogueCommand, lines=_new_year_lines, context_settings=CONTEXT)
@click.argument("year", type=int, metavar="TAHUN")
@click.option("--dari", "source", type=int, default=None, help="Tahun sumber (bawaan: tahun sebelumnya).")
@click.option("--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"), show_default=True,
              help="Folder masukan: unit.yaml dan satu subfolder per tahun.")
@report_errors
def new_year_command(year, source, inputs):
    """Mulai masukan tahun TAHUN dari tahun sebelumnya: salin yang berlanjut, sebutkan yang harus diubah.

    \b
    (daftar dari katalog masukan)

    Setiap tanggal dan setiap judul atau pertimbangan yang masih menyebut tahun lalu disebutkan
    dengan berkas dan barisnya; tidak ada berkas yang ditimpa.

    \b
    Contoh:
      reportgen tahun-baru 2022
      reportgen tahun-baru 2022 --dari 2020
    """
    from reportgen.documents.registry import catalogue
    from reportgen.inputs.new_year import start_year

    started = start_year(inputs, year, catalogue(), source)
    click.echo(f"Folder {started.folder} dimulai; {len(started.copied)} berkas disalin, periksa dan ubah:")
    for name, change in started.copied:
        click.echo(f"  {name}: {change}")
    if started.fresh:
        click.echo("Isi baru untuk tahun ini (tidak disalin):")
        for name, need in started.fresh:
            click.echo(f"  {name}: {need}")
    for warning in started.warnings:
        click.secho(f"Peringatan: {warning}", fg="yellow", err=True)


def _write_blank(file, path: Path) -> None:
    """Write the blank workbook of a spreadsheet input to `path`, never over an existing file (not even one made
    between the check and the write)."""
    from reportgen.inputs.blank import blank_workbook
    from reportgen.output.atomic import write_new

    try:
        write_new(path, blank_workbook(file))
    except FileExistsError:
        raise ReportgenError(f"{path} sudah ada; pilih nama atau folder lain agar isinya tidak tertimpa") from None


def _refuse_existing(paths) -> None:
    """Refuse, naming them all, the paths where something already is (a file, a folder, a link)."""
    existing = [str(p) for p in paths if p.exists() or p.is_symlink()]
    if existing:
        raise ReportgenError(f"{', '.join(existing)} sudah ada; pilih nama atau folder lain agar isinya tidak "
                             "tertimpa. Tidak ada berkas yang ditulis.")


@main.command("templat-kosong", cls=CatalogueCommand, lines=_blank_lines, context_settings=CONTEXT)
@click.argument("name", required=False, metavar="[NAMA]")
@click.option("--ke", "folder", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
              show_default=True, help="Folder tujuan, mis. inputs/2022.")
@report_errors
def blank_command(name, folder):
    """Tulis lembar kerja masukan kosong untuk diisi di Excel: judul kolom, satu baris contoh, pilihan
    tetap sebagai daftar tarik-turun, kolom NIP berformat Teks, dan lembar 'Petunjuk'.

    Tanpa NAMA, semua lembar kerja di bawah ini ditulis:

    \b
    (daftar dari katalog masukan)

    \b
    Contoh:
      reportgen templat-kosong pegawai.xlsx --ke inputs/2022
      reportgen templat-kosong --ke kosong
    Ganti atau hapus baris contoh (baris 2) sebelum dipakai.
    """
    from reportgen.documents.registry import catalogue

    blanks = [f for f in catalogue() if f.blank]
    if name:
        chosen = [f for f in blanks if name in (f.name, Path(f.name).stem)]
        if not chosen:
            raise ReportgenError(f"{name} bukan lembar kerja masukan yang dikenal; pilih salah satu: "
                                 f"{', '.join(f.name for f in blanks)}")
    else:
        chosen = blanks
    targets = [Path(folder) / f.name for f in chosen]
    _refuse_existing(targets)
    for file, target in zip(chosen, targets):
        _write_blank(file, target)
        click.echo(f"{file.title} kosong ditulis: {target}")


@main.command("templat-pegawai", context_settings=CONTEXT)
@click.argument("path", type=click.Path(path_type=Path), default=Path("pegawai.xlsx"), metavar="BERKAS")
@report_errors
def roster_template_command(path):
    """Tulis daftar pegawai kosong untuk diisi (sama dengan 'reportgen templat-kosong pegawai.xlsx').

    \b
    Contoh:
      reportgen templat-pegawai inputs/2022/pegawai.xlsx
    Daftar hasil unduhan SIASN atau SIMPEG juga dapat dipakai apa adanya.
    """
    from reportgen.documents.pacts import ROSTER

    if Path(path).suffix.lower() != ".xlsx":
        raise ReportgenError(f"{path}: daftar pegawai kosong berupa lembar kerja Excel; beri nama berakhiran "
                             ".xlsx, mis. pegawai.xlsx")
    _refuse_existing([Path(path)])
    _write_blank(ROSTER, Path(path))
    click.echo(f"Daftar pegawai kosong ditulis: {path}")


@main.command("web", context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Alamat yang didengar. Bawaan hanya komputer ini; pasang reverse proxy HTTPS di depannya "
                   "(lihat README) daripada membuka 0.0.0.0.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Nomor port.")
@click.option("--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"), show_default=True,
              help="Folder masukan: unit.yaml dan satu subfolder per tahun (unggahan yang sah ditulis ke sini). "
                   "Register unit ada di samping unit.yaml (atau di berkas penomoran.register di unit.yaml).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("outputs"), show_default=True,
              help="Folder hasil; dokumen ditulis ke OUT/TAHUN/.")
@click.option("--data", "data", type=click.Path(path_type=Path), default=None,
              help="Folder data server: akun, sesi, kunci sesi, log kegiatan, unggahan yang ditolak, proses, log. "
                   "Bawaan: INPUTS/.server; hanya dapat dibaca pemiliknya.")
@click.option("--https", "proxied", is_flag=True,
              help="Di belakang reverse proxy HTTPS di komputer ini: cookie sesi hanya lewat HTTPS, alamat klien "
                   "dibaca dari proxy 127.0.0.1.")
@click.option("--proxy-tepercaya", "proxies", multiple=True, metavar="ALAMAT",
              help="Alamat atau jaringan proxy lain yang dipercaya menyebut alamat klien (kepala 'X-Forwarded-For'), "
                   "mis. 172.17.0.0/16 untuk jaringan Docker; boleh berulang.")
@parallel_options
@report_errors
def web_command(host, port, inputs, out, data, proxied, proxies, jobs, cluster, storage):
    """Halaman web untuk sekretariat: unggah lembar kerja, lihat masalahnya, buat dan unduh dokumen.

    \b
    Juga halaman publik /verifikasi/KODE yang dibuka kode QR dokumen tercetak.
    Dokumen dibuat oleh pelaksana proses, program tersendiri yang dimulai
    bersama server (--jobs, atau --klaster); prosesnya dicatat di register.
    Buat akun lebih dulu:  reportgen pengguna tambah NAMA
    Lalu buka http://127.0.0.1:8000 di peramban.
    """
    from reportgen.web.accounts import count_users
    from reportgen.web.server import make_config, serve, trusted_proxies

    trusted = trusted_proxies(proxied, proxies)
    if storage and not cluster:
        cluster_of(cluster, storage)  # says that --penyimpanan needs --klaster
    config = make_config(Unit(inputs, out, data_option=data), secure_cookie=proxied, jobs=jobs, cluster=cluster,
                         storage=storage)
    if count_users(config.accounts) == 0:
        click.secho(f"Belum ada akun di {config.accounts}; buat dengan: reportgen pengguna tambah NAMA "
                    f"--peran pimpinan --inputs {inputs}" + (f" --data {data}" if data else ""), fg="yellow", err=True)
    click.echo(f"reportgen web: http://{host}:{port}  (masukan {config.inputs}, hasil {config.out}, "
               f"data {config.data})", err=True)
    serve(config, host=host, port=port, proxies=trusted)


@main.group("pengguna", cls=click_id.Group, context_settings=CONTEXT)
def users_group():
    """Akun halaman web (reportgen web): tambah, daftar, ganti kata sandi atau peran, nonaktifkan, hapus.

    Setiap perubahan kata sandi, peran atau status akun langsung mengakhiri semua sesinya.
    """


def account_options(func):
    """The folders every `pengguna` command takes: where the server's data folder is."""
    func = click.option("--data", "data", type=click.Path(path_type=Path), default=None,
                        help="Folder data server bila 'reportgen web' memakai --data.")(func)
    func = click.option("--out", "out", type=click.Path(path_type=Path), default=Path("outputs"),
                        show_default=True, help="Folder hasil 'reportgen web' (hanya untuk menemukan data server "
                                                "versi lama di OUT/server).")(func)
    func = click.option("--inputs", "inputs", type=click.Path(path_type=Path), default=Path("inputs"),
                        show_default=True, help="Folder masukan 'reportgen web'; data server ada di "
                                                "INPUTS/.server.")(func)
    return func


def _accounts_file(inputs: Path, out: Path, data: Path | None) -> Path:
    """Return the accounts' database of the server these folders name (owner-only from the first byte)."""
    os.umask(0o077)
    return Unit(inputs, out, data_option=data).data / "pengguna.sqlite"


def _new_password() -> str:
    return click.prompt("Kata sandi (paling sedikit 10 karakter)", hide_input=True,
                        confirmation_prompt="Ulangi kata sandi", err=True)


@users_group.command("tambah", context_settings=CONTEXT)
@click.argument("name", metavar="NAMA")
@click.option("--peran", "role", type=click.Choice(["operator", "pimpinan"]), default="operator", show_default=True,
              help="operator: unggah, buat, unduh; pimpinan: juga menandatangani, mengubah nama unit, pimpinan dan "
                   "verifikasi.url, membaca log kegiatan.")
@account_options
@report_errors
def add_user_command(name, role, inputs, out, data):
    """Buat akun NAMA (atau ganti kata sandinya); kata sandi ditanyakan tanpa ditampilkan.

    \b
    Contoh:
      reportgen pengguna tambah sekretariat
      reportgen pengguna tambah kepala --peran pimpinan
    """
    from reportgen.web.accounts import add_user

    path = _accounts_file(inputs, out, data)
    user = add_user(path, name, _new_password(), role)
    click.echo(f"Akun {user.name} ({user.role}) disimpan di {path}")


@users_group.command("daftar", context_settings=CONTEXT)
@account_options
@report_errors
def list_users_command(inputs, out, data):
    """Daftar akun: nama, peran, aktif atau tidak, sesi yang terbuka."""
    from reportgen.web.accounts import list_users

    path = _accounts_file(inputs, out, data)
    accounts = list_users(path)
    if not accounts:
        click.echo(f"Belum ada akun di {path}; buat dengan: reportgen pengguna tambah NAMA --peran pimpinan")
        return
    for account in accounts:
        state = "aktif" if account.active else "nonaktif"
        click.echo(f"{account.name:<20} {account.role:<9} {state:<9} {account.sessions} sesi  "
                   f"dibuat {account.created_at}" + (f", diubah {account.changed_at}" if account.changed_at else ""))


@users_group.command("ganti-sandi", context_settings=CONTEXT)
@click.argument("name", metavar="NAMA")
@account_options
@report_errors
def password_command(name, inputs, out, data):
    """Ganti kata sandi akun NAMA (ditanyakan tanpa ditampilkan); semua sesinya berakhir."""
    from reportgen.web.accounts import set_password

    set_password(_accounts_file(inputs, out, data), name, _new_password())
    click.echo(f"Kata sandi {name} diganti; semua sesinya berakhir.")


@users_group.command("peran", context_settings=CONTEXT)
@click.argument("name", metavar="NAMA")
@click.argument("role", type=click.Choice(["operator", "pimpinan"]), metavar="PERAN")
@account_options
@report_errors
def role_command(name, role, inputs, out, data):
    """Ganti peran akun NAMA menjadi PERAN (operator atau pimpinan); semua sesinya berakhir."""
    from reportgen.web.accounts import set_role

    set_role(_accounts_file(inputs, out, data), name, role)
    click.echo(f"Peran {name} kini {role}; semua sesinya berakhir.")


@users_group.command("nonaktifkan", context_settings=CONTEXT)
@click.argument("name", metavar="NAMA")
@account_options
@report_errors
def disable_command(name, inputs, out, data):
    """Nonaktifkan akun NAMA: semua sesinya berakhir dan akun tidak dapat masuk sampai diaktifkan lagi."""
    from reportgen.web.accounts import set_active

    set_active(_accounts_file(inputs, out, data), name, False)
    click.echo(f"Akun {name} dinonaktifkan; semua sesinya berakhir.")


@users_group.command("aktifkan", context_settings=CONTEXT)
@click.argument("name", metavar="NAMA")
@account_options
@report_errors
def enable_command(name, inputs, out, data):
    """Aktifkan lagi akun NAMA yang dinonaktifkan."""
    from reportgen.web.accounts import set_active

    set_active(_accounts_file(inputs, out, data), name, True)
    click.echo(f"Akun {name} aktif lagi.")


@users_group.command("hapus", context_settings=CONTEXT)
@click.argument("name", metavar="NAMA")
@account_options
@report_errors
def delete_command(name, inputs, out, data):
    """Hapus akun NAMA dan semua sesinya (catatan log kegiatannya tetap ada)."""
    from reportgen.web.accounts import delete_user

    delete_user(_accounts_file(inputs, out, data), name)
    click.echo(f"Akun {name} dihapus; semua sesinya berakhir.")


if __name__ == "__main__":
    main()
