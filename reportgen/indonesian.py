"""Indonesian conventions: dates, numbers, rupiah, terbilang, NIP, pangkat/golongan, ordinals."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from num2words import num2words

from reportgen.errors import InvalidValue

LOCALE = "id"

# ---------------------------------------------------------------- dates


def format_date(d: dt.date) -> str:
    """Return the date as written in official documents: "8 Maret 2021"."""
    return _babel_date(d, "d MMMM y", locale=LOCALE)


def weekday_name(d: dt.date) -> str:
    """Return the Indonesian weekday name: Senin ... Jumat ... Minggu."""
    return _babel_date(d, "EEEE", locale=LOCALE)


def format_place_date(place: str, d: dt.date) -> str:
    """Return the place and date line: "Jakarta, 17 Maret 2021"."""
    return f"{place.strip()}, {format_date(d)}"


# ---------------------------------------------------------------- numbers


def _to_decimal(x, decimals: int) -> Decimal:
    """Return x (int, float or Decimal) as a Decimal rounded half-up to `decimals` places."""
    if isinstance(x, bool) or not isinstance(x, (int, float, Decimal)):
        raise InvalidValue(f"ditemukan {x!r}; diharapkan sebuah angka")
    value = Decimal(str(x)) if isinstance(x, float) else Decimal(x)
    if not value.is_finite():
        raise InvalidValue(f"ditemukan {x!r}; diharapkan sebuah angka yang terhingga")
    value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(value) if value == 0 else value  # no "-0,00"


def format_number(x, decimals: int = 0) -> str:
    """Return x with "." for thousands and "," for decimals: 1487 -> "1.487", (87.5, 2) -> "87,50"."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(_to_decimal(x, decimals), format=pattern, locale=LOCALE)


def format_percent(x, decimals: int = 2) -> str:
    """Return x (already in percent, 87.5 meaning 87.5%) as "87,50%"."""
    return format_number(x, decimals) + "%"


def format_rupiah(amount, cents: bool = True) -> str:
    """Return the amount as money: "Rp1.500.000,00", or "Rp1.500.000" without cents."""
    text = format_number(amount, 2 if cents else 0)
    return "-Rp" + text[1:] if text.startswith("-") else "Rp" + text


# ---------------------------------------------------------------- terbilang

_MAX_TERBILANG = 10**15  # up to "... triliun"
# num2words writes "satu ribu" for a thousands group of 1 after a larger scale ("satu juta satu ribu").
_SATU_RIBU = re.compile(r"\b(juta|miliar|triliun) satu ribu\b")


def terbilang(n: int) -> str:
    """Return n in Indonesian words, lower case: 1500000 -> "satu juta lima ratus ribu"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise InvalidValue(f"ditemukan {n!r}; terbilang memerlukan bilangan bulat")
    if n < 0:
        raise InvalidValue(f"ditemukan {n}; terbilang tidak boleh negatif")
    if n >= _MAX_TERBILANG:
        raise InvalidValue(f"ditemukan {n}; terbilang paling besar 999 triliun")
    return _SATU_RIBU.sub(r"\1 seribu", num2words(n, lang=LOCALE).lower())


def terbilang_rupiah(amount) -> str:
    """Return the amount in words: "satu juta lima ratus ribu rupiah [dua puluh lima sen]"."""
    value = parse_rupiah(amount)
    rupiah, sen = int(value), int((value % 1) * 100)
    words = f"{terbilang(rupiah)} rupiah"
    return f"{words} {terbilang(sen)} sen" if sen else words


# ---------------------------------------------------------------- rupiah parsing

_RUPIAH_EXAMPLES = 'contoh yang diterima: "Rp1.500.000,00", "1.500.000", "1500000", "Rp 1,5 juta", "750 ribu"'
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
_AMOUNT = re.compile(r"(?P<num>[\d.,]+)\s*(?P<scale>" + "|".join(_SCALES) + r")?")
_ID_NUMBER = re.compile(r"(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d+))?")
_DOT_DECIMAL = re.compile(r"(?P<int>\d+)\.(?P<dec>\d{1,2})")  # "1500000.5": a dot never groups 1-2 digits
_US_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _us_format_error(found: str) -> InvalidValue:
    """Return the error for a number written with comma thousands (1,234,567.89)."""
    return InvalidValue(
        f"ditemukan {found!r}: koma sebagai pemisah ribuan adalah format Inggris/Amerika; "
        'gunakan format Indonesia, titik untuk ribuan dan koma untuk desimal, mis. "Rp1.234.567,89"'
    )


def _parse_amount_text(text: str) -> Decimal:
    """Return the amount written in text, or raise InvalidValue."""
    cleaned = re.sub(r"^rp\.?\s*", "", text.strip().lower())
    cleaned = re.sub(r",-$", "", cleaned).strip()
    if cleaned.startswith("-"):
        raise InvalidValue(f"ditemukan {text!r}; jumlah uang tidak boleh negatif")
    match = _AMOUNT.fullmatch(cleaned)
    if not match:
        raise InvalidValue(f"ditemukan {text!r}; bukan jumlah uang yang terbaca; {_RUPIAH_EXAMPLES}")
    num, scale = match["num"], match["scale"]
    number = _ID_NUMBER.fullmatch(num) or _DOT_DECIMAL.fullmatch(num)
    if number is None:
        if _US_NUMBER.fullmatch(num):
            raise _us_format_error(text)
        raise InvalidValue(f"ditemukan {text!r}; bukan jumlah uang yang terbaca; {_RUPIAH_EXAMPLES}")
    decimals = number["dec"] or ""
    if len(decimals) > 2 and not scale:
        if _US_NUMBER.fullmatch(num):
            raise _us_format_error(text)
        raise InvalidValue(
            f"ditemukan {text!r}; paling banyak 2 angka di belakang koma (sen); {_RUPIAH_EXAMPLES}"
        )
    value = Decimal(number["int"].replace(".", "") + "." + (decimals or "0"))
    return value * _SCALES[scale] if scale else value


def parse_rupiah(value) -> Decimal:
    """Return the amount (number or Indonesian text) as a Decimal with 2 decimal places."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidValue(f"jumlah uang kosong; {_RUPIAH_EXAMPLES}")
    if isinstance(value, str):
        amount = _parse_amount_text(value)
    else:
        amount = _to_decimal(value, 2)
    if amount < 0:
        raise InvalidValue(f"ditemukan {value!r}; jumlah uang tidak boleh negatif")
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- NIP

_NIP_EXCEL_HINT = (
    "Excel menyimpan NIP sebagai angka dan membulatkannya, sehingga angka terakhir hilang; "
    "perbaiki lembar kerja: format kolom NIP sebagai Teks (Text) lalu ketik ulang NIP, "
    "atau awali NIP dengan tanda petik ' (mis. '197001012000031001)"
)
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?e\+?\d+", re.IGNORECASE)


def _birth_date(digits: str) -> dt.date:
    """Return the birth date coded in the first 8 digits; raise ValueError when impossible."""
    return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))


def parse_nip(value) -> str:
    """Return the 18 digits of a NIP given as text (spaces, dots, dashes allowed) or a number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # a spreadsheet keeps 15 significant digits: an 18-digit number has lost its last ones
        if value >= 1e15:
            raise InvalidValue(f"NIP ditemukan {value!r}; {_NIP_EXCEL_HINT}")
        value = int(value) if value.is_integer() else value
    found = "" if value is None else str(value).strip()
    if not found:
        raise InvalidValue("NIP kosong; diharapkan 18 angka, mis. 19700101 200003 1 001")
    if _SCIENTIFIC.fullmatch(found):
        raise InvalidValue(f"NIP ditemukan {found!r}; {_NIP_EXCEL_HINT}")
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
    """Return the NIP grouped for print: "19700101 200003 1 001"."""
    d = parse_nip(digits)
    return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"


def nip_birth_date(digits) -> dt.date:
    """Return the birth date coded in a NIP."""
    return _birth_date(parse_nip(digits))


# ---------------------------------------------------------------- pangkat / golongan


@dataclass(frozen=True)
class Pangkat:
    """A civil servant's rank (pangkat) and grade (golongan), e.g. Pembina Utama Muda, IV/c."""

    name: str
    golongan: str

    def __str__(self) -> str:
        return f"{self.name} ({self.golongan})"


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
_PANGKAT_EXAMPLE = "contoh: Pembina Utama Muda (IV/c) atau IV/c"
# A golongan at the end of the text: "IV/c", "IV-c", "iv / c", "IV c", optionally inside parentheses.
# The letter excludes i, v and x so that a lone "IV" is not read as golongan "I/v".
_GOLONGAN_AT_END = re.compile(r"(?:^|[\s,(])\(?\s*(?P<rom>[ivx]+)\s*[/\-]?\s*(?P<let>[a-hj-uwyz])\s*\)?$")
_TINGKAT_I = re.compile(r"\b(?:tingkat|tk)\.?\s*(?:i|1)\b")


def parse_pangkat(value: str) -> Pangkat:
    """Return the official pangkat/golongan pair named by the text, e.g. "IV/c" or "Pembina, IV/c"."""
    found = "" if value is None else str(value).strip()
    if not found:
        raise InvalidValue(f"pangkat/golongan kosong; {_PANGKAT_EXAMPLE}")
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


# ---------------------------------------------------------------- ordinals and labels


def ordinal_word(n: int) -> str:
    """Return the upper-case ordinal word for a diktum: 1 "KESATU", 12 "KEDUA BELAS"."""
    if isinstance(n, int) and n < 1:
        raise InvalidValue(f"ditemukan {n}; urutan harus 1 atau lebih")
    return ("ke" + terbilang(n)).upper()


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    """Return n (1..3999) in Roman numerals: 4 "IV", 2021 "MMXXI"."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3999:
        raise InvalidValue(f"ditemukan {n!r}; angka Romawi hanya untuk 1 sampai 3999")
    parts = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        parts.append(letters * count)
    return "".join(parts)


def letter_label(i: int) -> str:
    """Return the item letter for a 0-based index: 0 "a", 25 "z", 26 "aa", 27 "ab"."""
    if i < 0:
        raise InvalidValue(f"ditemukan {i}; indeks huruf tidak boleh negatif")
    label = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


def slugify_filename(text: str, max_len: int = 60) -> str:
    """Return a safe lower-case ASCII file name part from a name: "Dr. Budi, S.H." -> "dr-budi-s-h"."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        cut = slug[:max_len]
        if slug[max_len] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]
        slug = cut.strip("-")
    return slug or "tanpa-nama"  # only [a-z0-9-] remain, so never "." or ".."
