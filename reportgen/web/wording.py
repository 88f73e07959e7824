"""How the web page says what went wrong: files named as the user knows them (2021/pegawai.xlsx), never a
server's folder, and the way on in the page's own words, never a command-line option."""

from __future__ import annotations

import dataclasses
from pathlib import PurePath

from reportgen.errors import Problem, ReportgenError, render
from reportgen.unit import Unit

# The way past an error (ReportgenError.remedy), as this page offers it; an error whose way on is an option of
# the command line only (a register or folder elsewhere) is said without it.
REMEDIES = {
    "ganti_semua": "Bila memang demikian, centang 'Ganti semua dokumen lama' lalu buat lagi.",
    "register": "Minta pengelola server memindahkannya.",
    "data": "Minta pengelola server memindahkannya.",
}


def error_text(exc: ReportgenError, unit: Unit) -> str:
    """Return an error's message for the page."""
    text = exc.render(lambda path: unit.show(path))
    words = REMEDIES.get(exc.remedy or "")
    return f"{text} {words}" if words else text


def problem_for_page(problem: Problem, unit: Unit) -> Problem:
    """Return the problem with its file, and any file its message names, as the user knows them."""
    return dataclasses.replace(problem, file=unit.show(PurePath(problem.file)),
                               message=render(problem.message, lambda path: unit.show(path)))
