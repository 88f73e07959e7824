"""Property tests of the conventions' round trips and of the DOCX fill path: what is written reads back."""

from __future__ import annotations

import pytest

import dataclasses
import datetime as dt
import string
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from reportgen.conventions.civil_service import format_nip, parse_nip
from reportgen.conventions.document_numbers import NumberPattern
from reportgen.conventions.numbers import format_number, format_rupiah, parse_rupiah
from reportgen.conventions.schedule import MONTH_SHORT, parse_schedule
from reportgen.inputs.profile import load_profile
from reportgen.inputs.schemas.roster import Signer
from reportgen.conventions.civil_service import parse_pangkat
from reportgen.model.pact import PactOptions, build_pact
from reportgen.render.docx import DocxWriter
from reportgen.trust.ids import ALPHABET, document_id, normalize_id

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

codes = st.text(alphabet=string.digits + ".", min_size=1, max_size=8).filter(lambda c: c.strip(".") == c)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
patterns = st.sampled_from(["{kode}-{nomor} TAHUN {tahun}", "{kode}/{nomor}/SK/{bulan_romawi}/{tahun}",
                            "{kode}/{nomor:03d}/{tahun}", "NOMOR {kode}-{nomor}", "{kode}.{nomor}/{bulan}/{tahun}"])


@FAST
@given(patterns, codes, st.integers(1, 99999), dates)
def test_a_number_written_in_the_pattern_reads_back(pattern, code, serial, date):
    number_pattern = NumberPattern(pattern)
    text = number_pattern.format(code, serial, date)
    assert number_pattern.parse(text, date.year) == (code, serial)


@FAST
@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False))
def test_rupiah_as_printed_reads_back(amount):
    assert parse_rupiah(format_rupiah(amount)) == amount
    assert parse_rupiah(format_number(amount, 2)) == amount


nip_dates = st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2005, 12, 31))


@FAST
@given(nip_dates, st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2030, 12, 1)),
       st.sampled_from("12"), st.integers(1, 999))
def test_a_nip_as_printed_reads_back(born, appointed, sex, number):
    assume(appointed.year >= born.year)
    digits = f"{born:%Y%m%d}{appointed:%Y%m}{sex}{number:03d}"
    printed = format_nip(digits)
    assert printed == f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    assert parse_nip(printed) == digits
    assert parse_nip(printed.replace(" ", ".")) == digits


@FAST
@given(st.integers(1, 12), st.integers(1, 12))
def test_a_schedule_range_reads_as_its_months(first, last):
    first, last = min(first, last), max(first, last)
    expected = tuple(range(first, last + 1))
    assert parse_schedule(f"{MONTH_SHORT[first - 1]}-{MONTH_SHORT[last - 1]}").months == expected
    assert parse_schedule(f"{first}-{last}").months == expected


@FAST
@given(st.binary(min_size=1, max_size=32), st.text(max_size=40), st.text(max_size=64))
def test_an_id_typed_in_any_case_or_grouping_reads_back(secret, kind, digest):
    doc_id = document_id(secret, kind, digest)
    assert len(doc_id) == 14 and all(c in ALPHABET for c in doc_id.replace("-", ""))
    raw = doc_id.replace("-", "")
    assert normalize_id(doc_id) == doc_id
    assert normalize_id(raw.lower()) == doc_id
    assert normalize_id(" ".join(raw[i:i + 3] for i in range(0, 12, 3))) == doc_id
    assert normalize_id(f"https://contoh.go.id/verifikasi/{doc_id}") == doc_id


printable = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
                    min_size=1, max_size=80).filter(lambda s: s.strip())
PROFILE = load_profile(ROOT / "inputs" / "unit.yaml")
WRITER = DocxWriter(ROOT / "templates" / "reference.docx")
BASE = Signer(row=2, name="Budi Santoso, S.H.", nip="197001012000031001", pangkat=parse_pangkat("IV/c"),
              office="Kepala Bagian Umum", agency=None, supervisor_name=None, supervisor_nip=None,
              supervisor_office=None)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(printable, printable)
def test_any_text_gives_the_same_docx_from_the_fill_path_and_built_alone(name, office):
    signer = dataclasses.replace(BASE, name=name.strip(), office=office.strip())
    document = build_pact(PROFILE, signer, PactOptions(dt.date(2021, 3, 17), "Jakarta"))
    filled = WRITER.render(document)  # the batch path: the pact's shape built once, then filled
    assert filled == DocxWriter(ROOT / "templates" / "reference.docx").render_alone(document)
