"""Tests of reportgen.indonesian: every convention with hand-written expected strings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reportgen.errors import InvalidValue
from reportgen.conventions.civil_service import PANGKAT, Pangkat, format_nip, nip_birth_date, parse_nip, parse_pangkat
from reportgen.conventions.dates import format_date, format_place_date, weekday_name
from reportgen.conventions.file_names import slugify_filename
from reportgen.conventions.numbers import format_number, format_percent, format_rupiah, letter_label, ordinal_word, parse_rupiah, roman, terbilang, terbilang_rupiah

NIP = "197001012000031001"

# ---------------------------------------------------------------- dates

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]


def test_format_date_no_leading_zero_month_in_full():
    assert format_date(dt.date(2021, 3, 17)) == "17 Maret 2021"
    assert format_date(dt.date(2021, 3, 8)) == "8 Maret 2021"


@pytest.mark.parametrize("month", range(1, 13))
def test_format_date_every_month_name(month):
    assert format_date(dt.date(2021, month, 1)) == f"1 {MONTHS[month - 1]} 2021"


def test_weekday_names_monday_to_sunday():
    # 15 March 2021 was a Monday.
    names = [weekday_name(dt.date(2021, 3, 15 + i)) for i in range(7)]
    assert names == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def test_format_place_date():
    assert format_place_date("Jakarta", dt.date(2021, 3, 17)) == "Jakarta, 17 Maret 2021"
    assert format_place_date(" Bandung ", dt.date(2021, 12, 1)) == "Bandung, 1 Desember 2021"


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (1487, 0, "1.487"),
        (87.5, 2, "87,50"),
        (-1234, 0, "-1.234"),
        (0, 0, "0"),
        (1234567.891, 2, "1.234.567,89"),
        (Decimal("2.345"), 2, "2,35"),  # half-up, not Babel's half-even
        (Decimal("2.5"), 0, "3"),
        (2.675, 2, "2,68"),  # floats read as written, not as binary 2.67499...
        (-0.001, 2, "0,00"),  # no "-0,00"
        (Decimal("1000000"), 0, "1.000.000"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize("bad", ["1.487", None, True, float("nan"), float("inf")])
def test_format_number_rejects_non_numbers(bad):
    with pytest.raises(InvalidValue, match="angka"):
        format_number(bad)


def test_format_percent():
    assert format_percent(87.5) == "87,50%"
    assert format_percent(Decimal("72.125"), 1) == "72,1%"
    assert format_percent(100, 0) == "100%"


def test_format_rupiah():
    assert format_rupiah(1500000) == "Rp1.500.000,00"
    assert format_rupiah(1500000, cents=False) == "Rp1.500.000"
    assert format_rupiah(Decimal("1234567.89")) == "Rp1.234.567,89"
    assert format_rupiah(1234567.89) == "Rp1.234.567,89"
    assert format_rupiah(Decimal("10000.50"), cents=False) == "Rp10.001"
    assert format_rupiah(-1500) == "-Rp1.500,00"


# ---------------------------------------------------------------- terbilang


@pytest.mark.parametrize(
    "n, expected",
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (21000, "dua puluh satu ribu"),
        (201000, "dua ratus satu ribu"),
        (1001000, "satu juta seribu"),
        (2001500, "dua juta seribu lima ratus"),
        (1500000, "satu juta lima ratus ribu"),
        (1000000000, "satu miliar"),
        (2000001000, "dua miliar seribu"),
        (3000000000000, "tiga triliun"),
        (999999999999999, "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh "
         "sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh "
         "sembilan ribu sembilan ratus sembilan puluh sembilan"),
    ],
)
def test_terbilang(n, expected):
    assert terbilang(n) == expected


def test_terbilang_errors():
    with pytest.raises(InvalidValue, match="-5.*negatif"):
        terbilang(-5)
    with pytest.raises(InvalidValue, match="999 triliun"):
        terbilang(10**15)
    with pytest.raises(InvalidValue, match="1.5.*bilangan bulat"):
        terbilang(1.5)


def test_terbilang_rupiah():
    assert terbilang_rupiah(1500000) == "satu juta lima ratus ribu rupiah"
    assert terbilang_rupiah(Decimal("1234567.25")) == (
        "satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah dua puluh lima sen"
    )
    assert terbilang_rupiah(1234567.25) == (
        "satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah dua puluh lima sen"
    )
    assert terbilang_rupiah(Decimal("1500000.00")) == "satu juta lima ratus ribu rupiah"
    assert terbilang_rupiah("Rp10.000,50") == "sepuluh ribu rupiah lima puluh sen"
    assert terbilang_rupiah(0) == "nol rupiah"


# ---------------------------------------------------------------- parse_rupiah


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Rp1.500.000", "1500000"),
        ("Rp 1.500.000,00", "1500000"),
        ("1.500.000,00", "1500000"),
        ("1500000", "1500000"),
        ("Rp 1,5 juta", "1500000"),
        ("2 miliar", "2000000000"),
        ("750 ribu", "750000"),
        ("Rp. 1.234.567,89", "1234567.89"),
        ("rp1.500.000,-", "1500000"),
        ("1,25 triliun", "1250000000000"),
        ("1500000.5", "1500000.50"),  # a dot before 1-2 digits cannot be a thousands dot
        ("  Rp  1.000 ", "1000"),
        (1500000, "1500000"),
        (1234567.89, "1234567.89"),
        (Decimal("1.005"), "1.01"),
        (0, "0"),
    ],
)
def test_parse_rupiah_accepts(value, expected):
    result = parse_rupiah(value)
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == -2


def test_parse_rupiah_float_stays_exact():
    assert str(parse_rupiah(1234567.89)) == "1234567.89"


@pytest.mark.parametrize("value", ["1,234,567.89", "1,500", "1,500,000"])
def test_parse_rupiah_rejects_us_format(value):
    with pytest.raises(InvalidValue) as info:
        parse_rupiah(value)
    message = str(info.value)
    assert repr(value) in message
    assert "titik untuk ribuan dan koma untuk desimal" in message


@pytest.mark.parametrize("value", ["-Rp1.000", "Rp -1.000", -5, Decimal("-0.5")])
def test_parse_rupiah_rejects_negative(value):
    with pytest.raises(InvalidValue, match="tidak boleh negatif"):
        parse_rupiah(value)


@pytest.mark.parametrize("value", ["", "   ", None])
def test_parse_rupiah_rejects_empty(value):
    with pytest.raises(InvalidValue, match="kosong"):
        parse_rupiah(value)


@pytest.mark.parametrize("value", ["abc", "1.50.000", "Rp 1,5 dolar", "satu juta"])
def test_parse_rupiah_rejects_unreadable(value):
    with pytest.raises(InvalidValue) as info:
        parse_rupiah(value)
    message = str(info.value)
    assert repr(value) in message
    assert '"Rp1.500.000,00"' in message


def test_parse_rupiah_rejects_too_many_decimals():
    with pytest.raises(InvalidValue, match="'1.000,12345'.*2 angka di belakang koma"):
        parse_rupiah("1.000,12345")


# ---------------------------------------------------------------- NIP


@pytest.mark.parametrize(
    "value",
    [NIP, "19700101 200003 1 001", "19700101.200003.1.001", "19700101-200003-1-001",
     " 19700101  200003 1 001 ", "NIP 19700101 200003 1 001", "NIP. 19700101 200003 1 001",
     "'197001012000031001"],
)
def test_parse_nip_accepts(value):
    assert parse_nip(value) == NIP


def test_format_nip_and_birth_date():
    assert format_nip(NIP) == "19700101 200003 1 001"
    assert format_nip("19851231.201001.2.015") == "19851231 201001 2 015"
    assert nip_birth_date("19851231 201001 2 015") == dt.date(1985, 12, 31)


@pytest.mark.parametrize("value", ["1.97001012000031e17", "1,97001012000031E+17", 1.97001012000031e17,
                                   197001012000031000])
def test_parse_nip_excel_scientific(value):
    with pytest.raises(InvalidValue) as info:
        parse_nip(value)
    message = str(info.value)
    assert "1.97001012000031e" in message or "1,97001012000031E" in message or str(value) in message
    assert "Excel menyimpan NIP sebagai angka" in message
    assert "Teks" in message and "tanda petik '" in message


@pytest.mark.parametrize("value, count", [("1970010120000310", 16), ("19700101 200003 1 0011", 19), ("123", 3)])
def test_parse_nip_wrong_length(value, count):
    with pytest.raises(InvalidValue) as info:
        parse_nip(value)
    message = str(info.value)
    assert repr(value) in message
    assert f"harus 18 angka, ditemukan {count} angka" in message


def test_parse_nip_non_digits():
    with pytest.raises(InvalidValue, match="hanya boleh berisi angka, ditemukan karakter 'O'"):
        parse_nip("1970010120000310O1")


@pytest.mark.parametrize("value", [None, "", "  "])
def test_parse_nip_empty(value):
    with pytest.raises(InvalidValue, match="NIP kosong; diharapkan 18 angka"):
        parse_nip(value)


@pytest.mark.parametrize("value, birth", [("197013012000031001", "19701301"), ("197002302000031001", "19700230")])
def test_parse_nip_impossible_birth_date(value, birth):
    with pytest.raises(InvalidValue, match=f"tanggal lahir {birth} .*tidak mungkin"):
        parse_nip(value)


@pytest.mark.parametrize(
    "value, start", [("197001012000001001", "200000"), ("197001012000131001", "200013"), ("197001011969031001", "196903")]
)
def test_parse_nip_impossible_start_of_service(value, start):
    with pytest.raises(InvalidValue, match=f"TMT pengangkatan {start} .*bulan 01-12 .*tahun lahir 1970"):
        parse_nip(value)


def test_parse_nip_start_before_age_18_is_accepted():
    assert parse_nip("197001011975011001") == "197001011975011001"


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_parse_nip_sex_digit(digit):
    with pytest.raises(InvalidValue, match=f"angka ke-15 \\(jenis kelamin\\) adalah {digit}, diharapkan 1 .* atau 2"):
        parse_nip(f"19700101200003{digit}001")


# ---------------------------------------------------------------- pangkat / golongan


def test_pangkat_table_has_the_17_official_pairs():
    assert [str(p) for p in PANGKAT] == [
        "Juru Muda (I/a)", "Juru Muda Tingkat I (I/b)", "Juru (I/c)", "Juru Tingkat I (I/d)",
        "Pengatur Muda (II/a)", "Pengatur Muda Tingkat I (II/b)", "Pengatur (II/c)", "Pengatur Tingkat I (II/d)",
        "Penata Muda (III/a)", "Penata Muda Tingkat I (III/b)", "Penata (III/c)", "Penata Tingkat I (III/d)",
        "Pembina (IV/a)", "Pembina Tingkat I (IV/b)", "Pembina Utama Muda (IV/c)", "Pembina Utama Madya (IV/d)",
        "Pembina Utama (IV/e)",
    ]


@pytest.mark.parametrize(
    "value",
    ["Pembina Utama Muda (IV/c)", "Pembina Utama Muda, IV/c", "Pembina Utama Muda IV/c", "IV/c", "IV-c",
     "iv/c", "IV / c", "IV c", "(IV/c)", "  Pembina   Utama  Muda ,  IV/c ", "Pembina Utama Muda",
     "PEMBINA UTAMA MUDA"],
)
def test_parse_pangkat_forms(value):
    assert parse_pangkat(value) == Pangkat("Pembina Utama Muda", "IV/c")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Penata Muda Tk. I (III/b)", "Penata Muda Tingkat I (III/b)"),
        ("Penata Muda Tk.I", "Penata Muda Tingkat I (III/b)"),
        ("Pengatur Muda TK I - II/b", "Pengatur Muda Tingkat I (II/b)"),
        ("Juru Tingkat I, I/d", "Juru Tingkat I (I/d)"),
        ("Pembina Tingkat I", "Pembina Tingkat I (IV/b)"),
        ("pembina tk i iv/b", "Pembina Tingkat I (IV/b)"),
        ("Pembina", "Pembina (IV/a)"),
        ("III/a", "Penata Muda (III/a)"),
        ("IV/e", "Pembina Utama (IV/e)"),
    ],
)
def test_parse_pangkat_tingkat_spellings_and_names(value, expected):
    assert str(parse_pangkat(value)) == expected


def test_parse_pangkat_mismatch():
    with pytest.raises(InvalidValue) as info:
        parse_pangkat("Pembina (IV/c)")
    message = str(info.value)
    assert "'Pembina (IV/c)'" in message
    assert "IV/c adalah 'Pembina Utama Muda', bukan 'Pembina'" in message


@pytest.mark.parametrize("value, golongan", [("V/a", "V/a"), ("IV/f", "IV/f"), ("Pembina I/e", "I/e")])
def test_parse_pangkat_unknown_golongan(value, golongan):
    with pytest.raises(InvalidValue) as info:
        parse_pangkat(value)
    message = str(info.value)
    assert f"golongan {golongan} tidak dikenal" in message
    assert "contoh: Pembina Utama Muda (IV/c) atau IV/c" in message


@pytest.mark.parametrize("value", ["Pembina Utama Besar", "XVIII", "Kepala"])
def test_parse_pangkat_unknown_name(value):
    with pytest.raises(InvalidValue) as info:
        parse_pangkat(value)
    message = str(info.value)
    assert repr(value) in message
    assert "pangkat tidak dikenal; contoh: Pembina Utama Muda (IV/c) atau IV/c" in message


@pytest.mark.parametrize("value, golongan", [("IV", "IV"), ("IX", "IX"), ("Golongan XVII", "XVII"),
                                             (" v ", "V")])
def test_a_roman_golongan_without_letter_is_pppk(value, golongan):
    pangkat = parse_pangkat(value)
    assert pangkat.pppk and pangkat.name is None and str(pangkat) == golongan == pangkat.golongan


def test_an_exact_18_digit_number_is_a_nip_and_a_rounded_one_is_not():
    assert parse_nip(196702141992021003) == "196702141992021003"
    with pytest.raises(InvalidValue, match="Excel menyimpan NIP"):
        parse_nip(1.96702141992021e17)


def test_a_pppk_number_is_checked_only_for_length_and_birth_date():
    assert parse_nip("199001012021212005", pppk=True) == "199001012021212005"
    with pytest.raises(InvalidValue, match="TMT pengangkatan"):
        parse_nip("199001012021212005")
    with pytest.raises(InvalidValue, match="tanggal lahir"):
        parse_nip("199013012021212005", pppk=True)


@pytest.mark.parametrize("value", ["", "  ", None])
def test_parse_pangkat_empty(value):
    with pytest.raises(InvalidValue, match="pangkat/golongan kosong"):
        parse_pangkat(value)


# ---------------------------------------------------------------- ordinals and labels


@pytest.mark.parametrize(
    "n, expected",
    [(1, "KESATU"), (2, "KEDUA"), (3, "KETIGA"), (10, "KESEPULUH"), (11, "KESEBELAS"), (12, "KEDUA BELAS"),
     (20, "KEDUA PULUH"), (21, "KEDUA PULUH SATU"), (100, "KESERATUS"), (1000, "KESERIBU")],
)
def test_ordinal_word(n, expected):
    assert ordinal_word(n) == expected


def test_ordinal_word_rejects_zero():
    with pytest.raises(InvalidValue, match="ditemukan 0; urutan harus 1 atau lebih"):
        ordinal_word(0)


@pytest.mark.parametrize("n, expected", [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"),
                                         (90, "XC"), (400, "CD"), (2021, "MMXXI"), (3999, "MMMCMXCIX")])
def test_roman(n, expected):
    assert roman(n) == expected


@pytest.mark.parametrize("n", [0, 4000, -1])
def test_roman_out_of_range(n):
    with pytest.raises(InvalidValue, match=f"ditemukan {n}; angka Romawi hanya untuk 1 sampai 3999"):
        roman(n)


@pytest.mark.parametrize("i, expected", [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "ab"), (51, "az"),
                                         (52, "ba"), (701, "zz"), (702, "aaa")])
def test_letter_label(i, expected):
    assert letter_label(i) == expected


def test_letter_label_negative():
    with pytest.raises(InvalidValue, match="ditemukan -1"):
        letter_label(-1)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Budi Santoso, S.H., M.Si.", "dr-budi-santoso-s-h-m-si"),
        ("A/B\\C 'quoted'", "a-b-c-quoted"),
        ("Ängström Çelik", "angstrom-celik"),
        ("--Siti  Nurhaliza--", "siti-nurhaliza"),
        ("", "tanpa-nama"),
        (".", "tanpa-nama"),
        ("..", "tanpa-nama"),
        ("王小明", "tanpa-nama"),
        (None, "tanpa-nama"),
    ],
)
def test_slugify_filename(text, expected):
    assert slugify_filename(text) == expected


def test_slugify_filename_truncates_at_a_dash():
    assert slugify_filename("Abcde Fghij Klmno", max_len=14) == "abcde-fghij"
    assert slugify_filename("Abcde Fghij Klmno", max_len=11) == "abcde-fghij"
    assert slugify_filename("Abcdefghijklmno", max_len=5) == "abcde"
    assert len(slugify_filename("x" * 100)) == 60
