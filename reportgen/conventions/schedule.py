"""Parse an action plan's schedule (Jadwal) as people type it into the months of the year it covers.

Accepted, in any combination separated by commas, ";", "dan" or "&":
month names in full or short (`Maret`, `Mar`, `Agt`, `Sept`), month numbers (`3`), ranges with
"-", "–", "s.d.", "s/d", "sampai" or "hingga" (`Jan-Des`, `Maret - Desember`, `3-12`, `Jan s.d. Jun`),
quarters (`TW II`, `TW 2`, `Triwulan II`, `Q2`, `TW I-IV`, `TW I - TW III`), and
`Sepanjang tahun` / `Setiap bulan` for all twelve months.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reportgen.errors import InvalidValue

MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
               "Oktober", "November", "Desember")
MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des")
QUARTER_LABELS = ("TW I", "TW II", "TW III", "TW IV")

# Every spelling of a month seen in Indonesian spreadsheets (English short forms included:
# Excel users often type "Aug", "Oct", "Dec").
_MONTH_WORDS: dict[str, int] = {}
for _i, (_full, _short) in enumerate(zip(MONTH_NAMES, MONTH_SHORT), start=1):
    _MONTH_WORDS[_full.lower()] = _i
    _MONTH_WORDS[_short.lower()] = _i
for _word, _i in {"pebruari": 2, "peb": 2, "agu": 8, "ags": 8, "agust": 8, "aug": 8, "sept": 9,
                  "nop": 11, "nopember": 11, "oct": 10, "dec": 12, "may": 5}.items():
    _MONTH_WORDS[_word] = _i

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ALL_YEAR = re.compile(r"^(sepanjang|selama|sepanjang\s+tahun|setiap\s+bulan|tiap\s+bulan|"
                       r"januari\s*-\s*desember\s+\d{4}|1\s*tahun|satu\s+tahun|setahun)$")
_RANGE = re.compile(r"\s*(?:–|—|-|\bs\.?\s*/?\s*d\b\.?|\bsampai(?:\s+dengan)?\b|\bhingga\b)\s*", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(?:,|;|\+|&|\bdan\b)\s*", re.IGNORECASE)
_QUARTER = re.compile(r"^(?:tw|triwulan|trw|q)\s*\.?\s*(?P<q>iv|iii|ii|i|[1-4])$", re.IGNORECASE)
_BARE_QUARTER = re.compile(r"^(?P<q>iv|iii|ii|i)$", re.IGNORECASE)

EXPECTED = ("diharapkan bulan (Januari atau Jan), nomor bulan 1-12, rentang seperti 'Jan-Des', "
            "'Maret - Desember' atau '3-12', daftar seperti 'Mar, Jun, Sep, Des', "
            "atau triwulan seperti 'TW II' atau 'TW I-IV'")


@dataclass(frozen=True)
class Schedule:
    """The months (1-12) in which an activity runs, as typed and as a set."""

    months: tuple[int, ...]  # sorted, distinct, 1-12
    text: str = ""

    @property
    def quarters(self) -> tuple[int, ...]:
        """Return the quarters (1-4) holding at least one scheduled month."""
        return tuple(sorted({(m - 1) // 3 + 1 for m in self.months}))

    @property
    def first_month(self) -> int:
        return self.months[0]

    @property
    def last_month(self) -> int:
        return self.months[-1]

    def months_completed(self, year: int, per: dt.date) -> int:
        """Return how many scheduled months of `year` have ended on or before `per`."""
        if per.year != year:
            return len(self.months) if per.year > year else 0
        return sum(1 for m in self.months if per >= _month_end(year, m))

    def describe(self) -> str:
        """Return the months written compactly: "Jan-Des", "Mar, Jun, Sep, Des", "Apr-Jun, Okt"."""
        runs: list[list[int]] = []
        for m in self.months:
            if runs and runs[-1][-1] == m - 1:
                runs[-1].append(m)
            else:
                runs.append([m])
        parts = []
        for run in runs:
            if len(run) >= 2:
                parts.append(f"{MONTH_SHORT[run[0] - 1]}-{MONTH_SHORT[run[-1] - 1]}")
            else:
                parts += [MONTH_SHORT[m - 1] for m in run]
        return ", ".join(parts)


def _month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class _Point:
    """One end of a range: the months it stands for (a month, or the three of a quarter)."""

    first: int
    last: int
    quarter: bool


def _point(token: str, quarter_context: bool) -> _Point | None:
    """Return the month or quarter one token names, or None when it names neither."""
    word = token.strip().lower().rstrip(".")
    if word in _MONTH_WORDS:
        month = _MONTH_WORDS[word]
        return _Point(month, month, False)
    if word.isdigit():
        number = int(word)
        if quarter_context and 1 <= number <= 4:
            return _Point(number * 3 - 2, number * 3, True)
        if 1 <= number <= 12:
            return _Point(number, number, False)
        return None
    match = _QUARTER.match(word) or (quarter_context and _BARE_QUARTER.match(word))
    if match:
        q = match["q"].lower()
        number = int(q) if q.isdigit() else _ROMAN[q]
        return _Point(number * 3 - 2, number * 3, True)
    return None


def _part_months(part: str) -> list[int]:
    """Return the months of one comma-separated part, or raise InvalidValue naming that part."""
    if _ALL_YEAR.match(part.lower()):
        return list(range(1, 13))
    ends = [e for e in _RANGE.split(part)]
    if len(ends) == 1:
        point = _point(part, quarter_context=False)
        if point is None:
            raise InvalidValue(f"bagian '{part}' tidak terbaca sebagai bulan atau triwulan; {EXPECTED}")
        return list(range(point.first, point.last + 1))
    if len(ends) != 2 or not all(e.strip() for e in ends):
        raise InvalidValue(f"rentang '{part}' tidak lengkap; tulis awal dan akhir, mis. 'Jan-Des'")
    start = _point(ends[0], quarter_context=False)
    # "TW I-IV": the end of a range that starts with a quarter is a quarter too.
    end = _point(ends[1], quarter_context=bool(start and start.quarter))
    for token, point in ((ends[0], start), (ends[1], end)):
        if point is None:
            raise InvalidValue(f"bagian '{token.strip()}' dari rentang '{part}' tidak terbaca sebagai "
                               f"bulan atau triwulan; {EXPECTED}")
    if end.last < start.first:
        raise InvalidValue(f"rentang '{part}' terbalik: akhir rentang sebelum awalnya; "
                           "jadwal berlaku dalam satu tahun anggaran (Januari-Desember)")
    return list(range(start.first, end.last + 1))


def parse_schedule(value) -> Schedule:
    """Return the Schedule a Jadwal cell describes, or raise InvalidValue saying which part is unreadable."""
    if isinstance(value, bool) or value is None:
        raise InvalidValue(f"jadwal kosong; {EXPECTED}")
    if isinstance(value, (dt.date, dt.datetime)):
        # Excel turned what was typed into a date: "3-12" (March to December) became 3 December (or
        # 12 March), "1-6" became 1 June. What was meant cannot be told from the date: never guess a month.
        raise InvalidValue(f"Excel mengubah isi sel Jadwal menjadi tanggal ({value:%d-%m-%Y}); jadwal tidak dapat "
                           "dibaca dengan pasti. Format sel sebagai Teks lalu ketik ulang jadwalnya "
                           f"(mis. Maret-Desember); {EXPECTED}")
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidValue(f"jadwal {value!r} bukan nomor bulan; {EXPECTED}")
        value = int(value)
    text = " ".join(str(value).split())
    if not text:
        raise InvalidValue(f"jadwal kosong; {EXPECTED}")
    months: set[int] = set()
    for part in _SEPARATOR.split(text):
        if not part:
            continue
        months.update(_part_months(part))
    if not months:
        raise InvalidValue(f"jadwal '{text}' tidak berisi bulan; {EXPECTED}")
    return Schedule(tuple(sorted(months)), text)
