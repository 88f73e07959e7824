"""The 8 areas of change of Reformasi Birokrasi (PermenPAN-RB 25/2020): official order, names, parsing.

Used by every schema that names an area (action plan, decree, annual report):

    from reportgen.conventions.areas import AREAS, Area, parse_area, area_by_number

    AREAS                 # tuple of the 8 Area(number, name) in the official order
    parse_area(3)         # -> Area(3, "Penataan dan Penguatan Organisasi")
    parse_area("penataan  TATALAKSANA")          # case and spacing ignored
    parse_area("Penataan Peraturan Perundang-undangan")   # old name -> area 2
    parse_area("Area 5"), parse_area("V"), parse_area("2. Deregulasi Kebijakan")

`parse_area` raises `errors.InvalidValue` with an Indonesian message for anything else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from reportgen.errors import InvalidValue


@dataclass(frozen=True)
class Area:
    """One area of change: its number (1-8, the official order) and official name."""

    number: int
    name: str
    # Other spellings accepted on input (older roadmaps, common abbreviations); never printed.
    aliases: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def roman(self) -> str:
        """Return the number as a Roman numeral ("III"), as area headings often print it."""
        return _ROMANS[self.number - 1]

    def __str__(self) -> str:
        return self.name


AREAS: tuple[Area, ...] = (
    Area(1, "Manajemen Perubahan"),
    Area(
        2,
        "Deregulasi Kebijakan",
        ("Penataan Peraturan Perundang-undangan", "Penataan Peraturan Perundangan", "Deregulasi"),
    ),
    Area(3, "Penataan dan Penguatan Organisasi", ("Penataan Organisasi", "Penguatan Organisasi")),
    Area(4, "Penataan Tatalaksana", ("Tatalaksana",)),
    Area(
        5,
        "Penataan Sistem Manajemen SDM Aparatur",
        (
            "Penataan Sistem Manajemen SDM",
            "Penataan Sistem Manajemen Sumber Daya Manusia Aparatur",
            "Penataan Sistem Manajemen Sumber Daya Manusia",
            "Penataan Sistem Manajemen SDM Aparatur Sipil Negara",
            "Penataan Sistem Manajemen SDM ASN",
        ),
    ),
    Area(6, "Penguatan Akuntabilitas", ("Penguatan Akuntabilitas Kinerja", "Akuntabilitas")),
    Area(7, "Penguatan Pengawasan", ("Pengawasan",)),
    Area(
        8,
        "Peningkatan Kualitas Pelayanan Publik",
        ("Peningkatan Pelayanan Publik", "Pelayanan Publik"),
    ),
)

_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def _key(text: str) -> str:
    """Return text reduced for comparison: lower case, letters and digits only (spacing ignored)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[^0-9a-z]", "", text)


_BY_KEY: dict[str, Area] = {}
for _area in AREAS:
    for _name in (_area.name, *_area.aliases):
        _BY_KEY[_key(_name)] = _area

# "3", "3.", "Area 3", "Area III", "III" and "3. <name>" / "Area 3 - <name>".
_NUMBERED = re.compile(
    r"^\s*(?:area\s*(?:perubahan\s*)?)?(?P<num>[0-9]+|[ivx]+)\s*(?:[.):\-]\s*|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def area_by_number(number: int) -> Area:
    """Return the area with this number (1-8), or raise InvalidValue."""
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(AREAS):
        raise InvalidValue(f"nomor area {number!r} tidak dikenal; diharapkan nomor 1 sampai 8")
    return AREAS[number - 1]


def _expected() -> str:
    return "diharapkan nomor 1-8 atau nama area: " + "; ".join(
        f"{a.number} {a.name}" for a in AREAS
    )


def _number_from(token: str) -> int | None:
    """Return the area number written as digits or a Roman numeral, or None."""
    if token.isdigit():
        return int(token)
    upper = token.upper()
    return _ROMANS.index(upper) + 1 if upper in _ROMANS else None


def parse_area(value) -> Area:
    """Return the Area named by value: a number 1-8 (int, 3.0, "3", "Area 3", "III") or a name.

    Names compare with case, spacing and punctuation ignored; older names are accepted
    ("Penataan Peraturan Perundang-undangan" is area 2). "3. Penataan dan Penguatan Organisasi"
    is accepted when number and name agree. Anything else raises InvalidValue.
    """
    if isinstance(value, Area):
        return value
    if isinstance(value, bool) or value is None:
        raise InvalidValue(f"area kosong atau tidak dikenal; {_expected()}")
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidValue(f"area {value!r} bukan bilangan bulat; {_expected()}")
        value = int(value)
    if isinstance(value, int):
        if 1 <= value <= len(AREAS):
            return AREAS[value - 1]
        raise InvalidValue(f"nomor area {value} tidak dikenal; {_expected()}")
    text = str(value).strip()
    if not text:
        raise InvalidValue(f"area kosong; {_expected()}")
    found = _BY_KEY.get(_key(text))
    if found:
        return found
    match = _NUMBERED.match(text)
    if match:
        number = _number_from(match.group("num"))
        rest = match.group("rest").strip()
        if number is not None:
            if not 1 <= number <= len(AREAS):
                raise InvalidValue(f"nomor area {number} tidak dikenal; {_expected()}")
            area = AREAS[number - 1]
            if not rest or _BY_KEY.get(_key(rest)) is area:
                return area
            other = _BY_KEY.get(_key(rest))
            if other is not None:
                raise InvalidValue(
                    f"nomor area {number} ({area.name}) tidak sesuai dengan nama "
                    f"'{rest}' (area {other.number})"
                )
    raise InvalidValue(f"area '{text}' tidak dikenal; {_expected()}")
