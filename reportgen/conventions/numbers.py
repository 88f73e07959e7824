"""Indonesian numbers: 1.487 and 87,50, rupiah, terbilang, ordinals, Roman numerals, item letters."""


from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from num2words import num2words

from reportgen.errors import InvalidValue

LOCALE = "id"

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
