"""The 8 areas of change: official order and names, and every way an input may name an area."""

from __future__ import annotations

import pytest

from reportgen.conventions.areas import AREAS, area_by_number, parse_area
from reportgen.errors import InvalidValue

OFFICIAL = [
    "Manajemen Perubahan", "Deregulasi Kebijakan", "Penataan dan Penguatan Organisasi", "Penataan Tatalaksana",
    "Penataan Sistem Manajemen SDM Aparatur", "Penguatan Akuntabilitas", "Penguatan Pengawasan",
    "Peningkatan Kualitas Pelayanan Publik",
]


def test_official_order_and_names():
    assert [a.number for a in AREAS] == list(range(1, 9))
    assert [a.name for a in AREAS] == OFFICIAL
    assert [a.roman for a in AREAS] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert area_by_number(7).name == "Penguatan Pengawasan"


@pytest.mark.parametrize("value, number", [
    (1, 1), (8.0, 8), ("3", 3), (" 5 ", 5), ("Area 4", 4), ("area6", 6), ("VII", 7), ("Area II", 2),
    ("3. Penataan dan Penguatan Organisasi", 3), ("8 - Peningkatan Kualitas Pelayanan Publik", 8),
])
def test_number_forms(value, number):
    assert parse_area(value).number == number


@pytest.mark.parametrize("value, number", [
    ("Manajemen Perubahan", 1), ("MANAJEMEN PERUBAHAN", 1), ("  manajemen   perubahan ", 1),
    ("penataan tata laksana", 4), ("Penataan Tatalaksana", 4), ("Penguatan  Akuntabilitas", 6),
    ("Penataan Sistem Manajemen SDM", 5), ("Penataan Sistem Manajemen SDM (Aparatur)", 5),
    ("Penataan Sistem Manajemen Sumber Daya Manusia Aparatur", 5),
    ("Penataan Peraturan Perundang-undangan", 2), ("penataan peraturan perundang undangan", 2),
    ("Peningkatan kualitas pelayanan publik", 8),
])
def test_names_ignore_case_and_spacing_and_accept_old_names(value, number):
    assert parse_area(value).number == number


@pytest.mark.parametrize("value, message", [
    (9, "nomor area 9 tidak dikenal"), (0, "nomor area 0 tidak dikenal"), ("Area 12", "nomor area 12"),
    ("Penataan Keuangan", "area 'Penataan Keuangan' tidak dikenal"), ("", "area kosong"),
    (2.5, "bukan bilangan bulat"), (None, "area kosong"),
    ("2. Manajemen Perubahan", "tidak sesuai dengan nama 'Manajemen Perubahan' (area 1)"),
])
def test_unknown_areas_are_errors_in_indonesian(value, message):
    with pytest.raises(InvalidValue) as err:
        parse_area(value)
    assert message in str(err.value)
    assert "diharapkan nomor 1-8 atau nama area" in str(err.value) or "tidak sesuai" in str(err.value)
