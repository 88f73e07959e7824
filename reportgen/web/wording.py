"""How the web page says what went wrong: files named as the user knows them (2021/pegawai.xlsx), never a
server's folder, and the way on in the page's own words, never a command-line option."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import PurePath

from reportgen.conventions.dates import format_date
from reportgen.errors import Problem, ReportgenError, render
from reportgen.unit import Unit

# The way past an error (ReportgenError.remedy), as this page offers it; an error whose way on is an option of
# the command line only (a register or folder elsewhere) is said without it.
REMEDIES = {
    "ganti_semua": "Bila memang demikian, pilih 'Ganti semua dokumen lama' lalu buat lagi.",
    "tanpa_nip": "Buat dulu semua dokumennya (tanpa memilih pegawai), lalu buat ulang yang perlu.",
    "register": "Minta pengelola server memindahkannya.",
    "data": "Minta pengelola server memindahkannya.",
}

# What the shared messages say for the command line, as this page says it (the page has no options to type).
PAGE_WORDS = (
    ("untuk menghapusnya, buat ulang dengan --nip dan --ganti-semua",
     "untuk menghapusnya, buat ulang dengan 'Ganti semua dokumen lama'"),
    ("kolom ini wajib untuk dokumen realisasi (--realisasi)", "kolom ini wajib untuk dokumen realisasi"),
    ("(dibuat dengan 'reportgen daftar --cadangan BERKAS')", "(minta pengelola server)"),
    ("; tanda tangani dengan --ke ke folder berbeda", "; pindahkan dulu berkas bertanda tangan yang lama"),
    (", atau pilih folder lain dengan --ke", ""),
    ("jalankan dari folder proyek yang berisi inputs/unit.yaml (--inputs DIR), atau sebutkan register dengan "
     "--register BERKAS", "unggah dulu profil unit (unit.yaml)"),
    ("Sebutkan register unit dengan --register BERKAS.", "Minta pengelola server memeriksa letak register unit."),
    ("lalu isi berkasnya (contoh lengkap: folder inputs/2021 bawaan reportgen); lembar kerja kosong: reportgen "
     "templat-kosong; daftar pegawai kosong: reportgen templat-pegawai",
     "lalu isi berkasnya: formulir untuk pengaturan, lembar kerja kosong untuk tabel, di halaman tahun itu"),
    (". Untuk tahun pertama, buat folder ", ". Untuk tahun pertama, buka tahun "),
    ("opsi --tanggal", "tanggal yang dipilih saat membuatnya"),
)
_FLAG = re.compile(r"\s*\(?(?<![\w-])--[a-z][a-z-]*(?: [A-Z]+)?\)?")


def for_page(text: str) -> str:
    """Return a shared message in the page's words: a command-line option it names said the page's way (one the
    table does not know is left out rather than shown)."""
    for cli, page in PAGE_WORDS:
        text = text.replace(cli, page)
    return _FLAG.sub("", text)


def error_text(exc: ReportgenError, unit: Unit, with_remedy: bool = True) -> str:
    """Return an error's message for the page (with its way on in words, unless the page offers it as a button)."""
    text = for_page(exc.render(lambda path: unit.show(path)))
    words = REMEDIES.get(exc.remedy or "") if with_remedy else None
    return f"{text} {words}" if words else text


def problem_for_page(problem: Problem, unit: Unit) -> Problem:
    """Return the problem with its file, and any file its message names, as the user knows them."""
    return dataclasses.replace(problem, file=unit.show(PurePath(problem.file)),
                               message=for_page(render(problem.message, lambda path: unit.show(path))))


def moment(at: dt.datetime, seconds: bool = False) -> str:
    """Return a moment as the page says it: "5 Desember 2026 pukul 03.43" (Indonesian time, with a dot)."""
    clock = at.strftime("%H.%M.%S" if seconds else "%H.%M")
    return f"{format_date(at.date())} pukul {clock}"
