"""Civil-service identities: the 18-digit NIP and the official pangkat/golongan pairs."""


from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


from reportgen.errors import InvalidValue

LOCALE = "id"

# ---------------------------------------------------------------- NIP


_NIP_EXCEL_HINT = (
    "Excel menyimpan NIP sebagai angka dan membulatkannya, sehingga angka terakhir hilang; "
    "perbaiki lembar kerja: format kolom NIP sebagai Teks (Text) lalu ketik ulang NIP, "
    "atau awali NIP dengan tanda petik ' (mis. '197001012000031001)"
)
_NIP_FLOAT_HINT = (
    "NIP tersimpan sebagai bilangan pecahan (dengan titik desimal atau eksponen), yang hanya menyimpan sekitar "
    "15-17 angka pertama, sehingga angka terakhirnya tidak dapat dipastikan dan NIP tidak dicetak. "
    "Excel menyimpan NIP sebagai angka: perbaiki lembar kerja, format kolom NIP sebagai Teks (Text) lalu ketik "
    "ulang NIP, atau awali NIP dengan tanda petik ' (mis. '197001012000031001)"
)
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?e\+?\d+", re.IGNORECASE)
# A long number written with a decimal point, as a program writes a float: "197708052004082801.0".
_DECIMAL_NUMBER = re.compile(r"\d{12,}[.,]\d+")


def _birth_date(digits: str) -> dt.date:
    """Return the birth date coded in the first 8 digits; raise ValueError when impossible."""
    return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))


def _number_digits(value) -> str:
    """Return the digits of a NIP stored as a number; raise InvalidValue unless the file holds them exactly.

    Only an integer is exact (an 18-digit number as SIASN exports write it: <v>197708052004082801</v>).
    A float (the file wrote a decimal point or an exponent: <v>1.9770805200408280e+17</v>) keeps about 17
    significant digits at best, so whatever its last digits show, they cannot be trusted: refused. An integer
    whose digits after the 15th are zeros is Excel's rounding of a longer number: refused too.
    """
    if isinstance(value, float):
        raise InvalidValue(f"NIP ditemukan {value!r}; {_NIP_FLOAT_HINT}")
    digits = str(int(value))
    if len(digits) > 15 and not digits[15:].strip("0"):
        raise InvalidValue(f"NIP ditemukan {value!r}; {_NIP_EXCEL_HINT}")
    return digits


def parse_nip(value, pppk: bool = False) -> str:
    """Return the 18 digits of a NIP given as text (spaces, dots, dashes allowed) or a number.

    With `pppk` the number is a PPPK identity number (NI PPPK): only what it shares with a NIP is
    checked (18 digits, a real birth date in the first 8), never the PNS-only TMT and sex digits.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = _number_digits(value)
    found = "" if value is None else str(value).strip()
    if not found:
        raise InvalidValue("NIP kosong; diharapkan 18 angka, mis. 19700101 200003 1 001")
    if _SCIENTIFIC.fullmatch(found) or _DECIMAL_NUMBER.fullmatch(found):
        raise InvalidValue(f"NIP ditemukan {found!r}; {_NIP_FLOAT_HINT}")
    digits = re.sub(r"^(?:nip\b[.:]?)|^'|[\s.\-]", "", found, flags=re.IGNORECASE)
    bad = sorted(set(re.findall(r"\D", digits)))
    if bad:
        chars = ", ".join(repr(c) for c in bad)
        raise InvalidValue(
            f"NIP ditemukan {found!r}; NIP hanya boleh berisi angka, ditemukan karakter {chars}"
        )
    if len(digits) != 18:
        raise InvalidValue(f"NIP ditemukan {found!r}; NIP harus 18 angka, ditemukan {len(digits)} angka")
    try:
        birth = _birth_date(digits)
    except ValueError:
        raise InvalidValue(
            f"NIP ditemukan {found!r}; tanggal lahir {digits[0:8]} (angka ke-1 s.d. 8) tidak mungkin, "
            "diharapkan tanggal yang ada dalam bentuk TTTTBBHH, mis. 19700101"
        ) from None
    if pppk:
        return digits
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12 or year < birth.year:
        raise InvalidValue(
            f"NIP ditemukan {found!r}; TMT pengangkatan {digits[8:14]} (angka ke-9 s.d. 14) tidak mungkin, "
            f"diharapkan TTTTBB dengan bulan 01-12 dan tahun tidak sebelum tahun lahir {birth.year}"
        )
    if digits[14] not in "12":
        raise InvalidValue(
            f"NIP ditemukan {found!r}; angka ke-15 (jenis kelamin) adalah {digits[14]}, "
            "diharapkan 1 (laki-laki) atau 2 (perempuan)"
        )
    return digits


def format_nip(digits) -> str:
    """Return the NIP (or NI PPPK, same grouping) for print: "19700101 200003 1 001"."""
    d = parse_nip(digits, pppk=True)
    return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"


def nip_birth_date(digits) -> dt.date:
    """Return the birth date coded in a NIP."""
    return _birth_date(parse_nip(digits))


# ---------------------------------------------------------------- pangkat / golongan



@dataclass(frozen=True)
class Pangkat:
    """A civil servant's rank (pangkat) and grade (golongan), e.g. Pembina Utama Muda, IV/c.

    A PPPK employee has a golongan I to XVII and no rank name (`name` is None).
    """

    name: str | None
    golongan: str

    @property
    def pppk(self) -> bool:
        return self.name is None

    def __str__(self) -> str:
        return self.golongan if self.name is None else f"{self.name} ({self.golongan})"


PANGKAT = tuple(
    Pangkat(name, golongan)
    for golongan, name in [
        ("I/a", "Juru Muda"), ("I/b", "Juru Muda Tingkat I"), ("I/c", "Juru"), ("I/d", "Juru Tingkat I"),
        ("II/a", "Pengatur Muda"), ("II/b", "Pengatur Muda Tingkat I"),
        ("II/c", "Pengatur"), ("II/d", "Pengatur Tingkat I"),
        ("III/a", "Penata Muda"), ("III/b", "Penata Muda Tingkat I"),
        ("III/c", "Penata"), ("III/d", "Penata Tingkat I"),
        ("IV/a", "Pembina"), ("IV/b", "Pembina Tingkat I"), ("IV/c", "Pembina Utama Muda"),
        ("IV/d", "Pembina Utama Madya"), ("IV/e", "Pembina Utama"),
    ]
)
_BY_GOLONGAN = {p.golongan: p for p in PANGKAT}
_BY_NAME = {p.name.lower(): p for p in PANGKAT}
_PANGKAT_EXAMPLE = "contoh: Pembina Utama Muda (IV/c) atau IV/c (PPPK: golongan I sampai XVII, mis. IX)"
# A golongan at the end of the text: "IV/c", "IV-c", "iv / c", "IV c", optionally inside parentheses.
# The letter excludes i, v and x so that a lone "IV" is not read as golongan "I/v".
_GOLONGAN_AT_END = re.compile(r"(?:^|[\s,(])\(?\s*(?P<rom>[ivx]+)\s*[/\-]?\s*(?P<let>[a-hj-uwyz])\s*\)?$")
_TINGKAT_I = re.compile(r"\b(?:tingkat|tk)\.?\s*(?:i|1)\b")


PPPK_GOLONGAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
                 "XV", "XVI", "XVII")
_PPPK = re.compile(r"^(?:gol(?:ongan)?\.?\s*)?(?:pppk\s*)?(?P<rom>[ivx]+)$")


def pppk_golongan(value) -> str | None:
    """Return the PPPK golongan (I to XVII) a cell names ("IX", "Golongan IX"), or None if it names none."""
    text = " ".join(str(value or "").lower().split())
    match = _PPPK.match(text)
    if match and match["rom"].upper() in PPPK_GOLONGAN:
        return match["rom"].upper()
    return None


def parse_pangkat(value: str) -> Pangkat:
    """Return the official pangkat/golongan pair named by the text, e.g. "IV/c" or "Pembina, IV/c".

    A Roman golongan without a letter ("IX") is a PPPK golongan: returned with no rank name.
    """
    found = "" if value is None else str(value).strip()
    if not found:
        raise InvalidValue(f"pangkat/golongan kosong; {_PANGKAT_EXAMPLE}")
    pppk = pppk_golongan(found)
    if pppk:
        return Pangkat(None, pppk)
    text = " ".join(found.lower().split())
    pangkat = None
    match = _GOLONGAN_AT_END.search(text)
    if match:
        golongan = f"{match['rom'].upper()}/{match['let']}"
        pangkat = _BY_GOLONGAN.get(golongan)
        if pangkat is None:
            raise InvalidValue(
                f"ditemukan {found!r}; golongan {golongan} tidak dikenal, golongan yang sah "
                f"I/a-I/d, II/a-II/d, III/a-III/d, IV/a-IV/e; {_PANGKAT_EXAMPLE}"
            )
        text = text[: match.start()]
    name = _TINGKAT_I.sub("tingkat i", text.strip(" ,-(")).strip()
    name = " ".join(name.split())
    if not name:
        return pangkat
    named = _BY_NAME.get(name)
    if named is None:
        raise InvalidValue(f"ditemukan {found!r}; pangkat tidak dikenal; {_PANGKAT_EXAMPLE}")
    if pangkat is not None and named != pangkat:
        raise InvalidValue(
            f"ditemukan {found!r}; golongan {pangkat.golongan} adalah {pangkat.name!r}, bukan {named.name!r}"
        )
    return named


