"""Checks of a year's own texts: a date that falls in another year, a title or reason still naming last year.

A secretariat starts a new year by copying last year's files; these checks find what was not updated.
They only warn: the documents may still be right (a decree signed in January for the previous year).
"""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.errors import ProblemCollector
from reportgen.inputs.yaml_file import MAX_YAML_BYTES

DATE_KEYS = ("tanggal", "per")
# keys whose text names the year the document is for; legal bases (mengingat) rightly name other years
YEAR_NAMING_KEYS = ("tentang", "menimbang", "nama_tim", "judul", "nomor", "pembuka_piagam", "teks_piagam")
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(.*)$")
_DATE = re.compile(r"^\s*(?P<year>\d{4})-\d{2}-\d{2}")


def check_year_texts(folder: Path, year: int, problems: ProblemCollector) -> None:
    """Warn, with file and line, of every date in the year's YAML files that falls in another year and of
    every title or reason that still names the previous year ("... Tahun 2021" in a 2022 decree)."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    previous = re.compile(rf"\btahun\s+{year - 1}\b", re.IGNORECASE)
    for path in sorted(folder.glob("*.yaml")):
        try:
            if path.stat().st_size > MAX_YAML_BYTES:
                continue  # refused by its size where it is loaded: never read whole here
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # the file's own loader reports what is wrong with it
        key = None
        for number, line in enumerate(lines, start=1):
            text = line.split(" #", 1)[0]
            top = _TOP_KEY.match(text)
            if top:
                key, value = top.group(1), top.group(2)
            else:
                value = text
            if key in DATE_KEYS and top:
                found = _DATE.match(value.strip().strip("'\""))
                if found and int(found.group("year")) != year:
                    problems.warn(path, f"tanggal {value.strip()} jatuh di tahun {found.group('year')}, padahal "
                                        f"berkas ini untuk tahun {year}; periksa apakah memang demikian",
                                  key=key, row=number)
            if key in YEAR_NAMING_KEYS and previous.search(value):
                problems.warn(path, f"masih menyebut 'Tahun {year - 1}' dalam berkas tahun {year}; "
                                    "ubah bila teks ini disalin dari tahun lalu", key=key, row=number)
