"""Indonesian dates as official documents write them: "17 Maret 2021", weekday names."""


from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date


LOCALE = "id"

# ---------------------------------------------------------------- dates



def format_date(d: dt.date) -> str:
    """Return the date as written in official documents: "8 Maret 2021"."""
    return _babel_date(d, "d MMMM y", locale=LOCALE)


def format_month(month: int) -> str:
    """Return the Indonesian month name: 2 "Februari"."""
    return _babel_date(dt.date(2000, month, 1), "MMMM", locale=LOCALE)


def weekday_name(d: dt.date) -> str:
    """Return the Indonesian weekday name: Senin ... Jumat ... Minggu."""
    return _babel_date(d, "EEEE", locale=LOCALE)


def format_place_date(place: str, d: dt.date) -> str:
    """Return the place and date line: "Jakarta, 17 Maret 2021"."""
    return f"{place.strip()}, {format_date(d)}"




def date_in_words(d: dt.date) -> str:
    """Return the date as minutes write it: "Rabu tanggal tujuh belas bulan Maret tahun dua ribu dua puluh satu"."""
    from reportgen.conventions.numbers import terbilang

    month = _babel_date(d, "MMMM", locale=LOCALE)
    return f"{weekday_name(d)} tanggal {terbilang(d.day)} bulan {month} tahun {terbilang(d.year)}"
