"""Jadwal as people type it: month names, numbers, ranges, lists and quarters."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.errors import InvalidValue
from reportgen.conventions.schedule import MONTH_NAMES, MONTH_SHORT, parse_schedule

ALL = list(range(1, 13))


@pytest.mark.parametrize("text, months", [
    ("Jan-Des", ALL),
    ("Maret - Desember", list(range(3, 13))),
    ("Mar, Jun, Sep, Des", [3, 6, 9, 12]),
    ("3-12", list(range(3, 13))),
    ("TW I-IV", ALL),
    ("TW II", [4, 5, 6]),
    ("Januari s.d. Juni", list(range(1, 7))),
    ("Jan s/d Mar", [1, 2, 3]),
    ("Juli sampai dengan September", [7, 8, 9]),
    ("TW I - TW III", list(range(1, 10))),
    ("Triwulan IV", [10, 11, 12]),
    ("TW 3", [7, 8, 9]),
    ("Mei–Juli", [5, 6, 7]),
    ("Feb dan Agt", [2, 8]),
    ("1-3, 7", [1, 2, 3, 7]),
    ("Sepanjang tahun", ALL),
    ("jan-DES", ALL),
    (3, [3]),
    (12.0, [12]),
])
def test_spellings(text, months):
    assert list(parse_schedule(text).months) == months


@pytest.mark.parametrize("number", range(1, 13))
def test_full_and_short_month_names(number):
    assert parse_schedule(MONTH_NAMES[number - 1]).months == (number,)
    assert parse_schedule(MONTH_SHORT[number - 1]).months == (number,)
    assert parse_schedule(MONTH_NAMES[number - 1].upper()).months == (number,)


def test_quarters_and_description():
    schedule = parse_schedule("Mar, Jun, Sep, Des")
    assert schedule.quarters == (1, 2, 3, 4)
    assert parse_schedule("TW II").quarters == (2,)
    assert parse_schedule("Apr-Jun, Okt").describe() == "Apr-Jun, Okt"
    assert schedule.describe() == "Mar, Jun, Sep, Des"
    assert parse_schedule("Agustus - Desember").describe() == "Agt-Des"


def test_months_completed_as_of_a_date():
    schedule = parse_schedule("Jan-Des")
    assert schedule.months_completed(2021, dt.date(2021, 6, 29)) == 5
    assert schedule.months_completed(2021, dt.date(2021, 6, 30)) == 6
    assert schedule.months_completed(2021, dt.date(2022, 1, 5)) == 12
    assert schedule.months_completed(2021, dt.date(2020, 12, 31)) == 0


@pytest.mark.parametrize("text, part", [
    ("Jnu-Des", "bagian 'Jnu' dari rentang 'Jnu-Des'"),
    ("Mar, Jnu, Sep", "bagian 'Jnu'"),
    ("TW V", "bagian 'TW V'"),
    ("13", "bagian '13'"),
    ("Jan-", "rentang 'Jan-' tidak lengkap"),
    ("Des-Mar", "rentang 'Des-Mar' terbalik"),
    ("", "jadwal kosong"),
])
def test_unreadable_schedule_names_the_part(text, part):
    with pytest.raises(InvalidValue) as err:
        parse_schedule(text)
    assert part in str(err.value)
