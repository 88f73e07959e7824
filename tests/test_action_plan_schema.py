"""The action-plan sheet: budget and realization spellings, every bad input at once, and statuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest


from factories import write_sheet
from reportgen.errors import InputError, InvalidValue, ProblemCollector
from reportgen.model.action_plan import (BELUM_DIMULAI, BERJALAN, SELESAI, TERLAMBAT, activity_status,
                                         summarize_areas)
from reportgen.inputs.schemas.plan import load_plan, parse_budget, parse_realization

HEADER = ["Area", "Kegiatan", "Output", "Indikator", "Target", "Satuan", "Jadwal", "Penanggung Jawab",
          "Anggaran", "Realisasi", "Kendala", "Tindak Lanjut", "Keterangan"]




def good_row(**changes) -> list:
    row = {"Area": 1, "Kegiatan": "Kegiatan uji", "Output": "Dokumen", "Indikator": "Dokumen ditetapkan",
           "Target": 1, "Satuan": "Dokumen", "Jadwal": "Jan-Des", "Penanggung Jawab": "Bagian Umum",
           "Anggaran": 1000000, "Realisasi": 50, "Kendala": "", "Tindak Lanjut": "", "Keterangan": ""}
    row.update(changes)
    return [row[h] for h in HEADER]


@pytest.mark.parametrize("value, amount", [
    ("Rp1.500.000", "1500000.00"), ("1.500.000,00", "1500000.00"), ("Rp 1,5 juta", "1500000.00"),
    (1500000, "1500000.00"), (1234567.89, "1234567.89"), ("1.234.567,89", "1234567.89"),
    ("Rp 1.234.567,89", "1234567.89"), ("750 ribu", "750000.00"), ("-", "0.00"), ("Tanpa anggaran", "0.00"),
])
def test_budget_spellings(value, amount):
    assert parse_budget(value) == Decimal(amount)


@pytest.mark.parametrize("value, message", [
    ("-500.000", "tidak boleh negatif"), (-1, "tidak boleh negatif"), ("lima juta", "bukan jumlah uang"),
    ("1,234,567.89", "format Inggris/Amerika"),
])
def test_bad_budgets(value, message):
    with pytest.raises(InvalidValue) as err:
        parse_budget(value)
    assert message in str(err.value)


@pytest.mark.parametrize("value, percent", [
    (75, "75"), (87.5, "87.5"), ("75", "75"), ("87,5", "87.5"), ("87,5 %", "87.5"), ("100%", "100"), (0, "0"),
])
def test_realization_spellings(value, percent):
    assert parse_realization(value) == Decimal(percent)


@pytest.mark.parametrize("value, message", [
    (120, "di luar rentang 0-100"), (-5, "di luar rentang 0-100"), ("sebagian", "bukan angka"),
    ("1.500", "bukan persen"),
])
def test_bad_realizations(value, message):
    with pytest.raises(InvalidValue) as err:
        parse_realization(value)
    assert message in str(err.value)


def test_every_bad_input_is_reported_at_once_with_row_and_column(tmp_path):
    path = write_sheet(tmp_path / "rencana.xlsx", HEADER, [
        good_row(Area="Area Sembilan"),                 # row 2
        good_row(Jadwal="Jnu-Des"),                     # row 3
        good_row(Anggaran="-500.000"),                  # row 4
        good_row(Anggaran="lima juta"),                 # row 5
        good_row(Realisasi=120),                        # row 6
        good_row(Realisasi="sebagian"),                 # row 7
        good_row(Kegiatan=None),                        # row 8
        good_row(Target=None),                          # row 9
        good_row(),                                     # row 10: fine
    ])
    problems = ProblemCollector()
    activities = load_plan(path, None, problems, realization=True)
    assert len(activities) == 1 and activities[0].row == 10
    with pytest.raises(InputError) as err:
        problems.raise_if_any()
    found = {(p.row, p.column): p.message for p in err.value.problems}
    assert "area 'Area Sembilan' tidak dikenal" in found[(2, "Area")]
    assert "bagian 'Jnu'" in found[(3, "Jadwal")]
    assert "tidak boleh negatif" in found[(4, "Anggaran")]
    assert "bukan jumlah uang" in found[(5, "Anggaran")]
    assert "di luar rentang 0-100" in found[(6, "Realisasi")]
    assert "bukan angka" in found[(7, "Realisasi")]
    assert "'Kegiatan' wajib diisi" in found[(8, "Kegiatan")]
    assert "'Target' wajib diisi" in found[(9, "Target")]
    assert len(err.value.problems) == 8
    text = str(err.value)
    assert "Ditemukan 8 masalah" in text and "baris 3, kolom 'Jadwal'" in text


def test_realization_column_required_only_for_the_realization_report(tmp_path):
    header = HEADER[:9]
    path = write_sheet(tmp_path / "rencana.xlsx", header, [good_row()[:9]])
    problems = ProblemCollector()
    assert len(load_plan(path, None, problems)) == 1
    problems.raise_if_any()  # only warnings (areas without activities)
    load_plan(path, None, problems, realization=True)
    assert any("kolom 'Realisasi'" in p.message and not p.warning for p in problems.problems)


def test_missing_areas_and_empty_realization_are_warnings(tmp_path):
    path = write_sheet(tmp_path / "rencana.xlsx", HEADER, [good_row(Realisasi=None)])
    problems = ProblemCollector()
    activities = load_plan(path, None, problems, realization=True)
    problems.raise_if_any()  # warnings only
    assert activities[0].realization is None
    messages = [p.message for p in problems.warnings]
    assert sum("tidak memiliki kegiatan" in m for m in messages) == 7
    assert any("realisasi belum diisi" in m for m in messages)


def activity(tmp_path, jadwal, realisasi):
    path = write_sheet(tmp_path / f"r{abs(hash((jadwal, realisasi)))}.xlsx", HEADER,
                       [good_row(Jadwal=jadwal, Realisasi=realisasi)])
    problems = ProblemCollector()
    return load_plan(path, None, problems)[0]


@pytest.mark.parametrize("jadwal, realisasi, per, status", [
    ("Jan-Des", 100, dt.date(2021, 3, 1), SELESAI),
    ("Jan-Des", 50, dt.date(2021, 6, 30), BERJALAN),      # 6 of 12 months ended: 50% expected
    ("Jan-Des", 49, dt.date(2021, 6, 30), TERLAMBAT),
    ("Okt-Des", None, dt.date(2021, 6, 30), BELUM_DIMULAI),
    ("Okt-Des", 10, dt.date(2021, 6, 30), BERJALAN),      # started early
    ("Jan-Mar", 0, dt.date(2021, 6, 30), TERLAMBAT),
    ("TW II", 90, dt.date(2022, 1, 10), TERLAMBAT),       # the year is over, not finished
    ("Jan-Des", 0, dt.date(2020, 12, 1), BELUM_DIMULAI),
])
def test_status_from_realization_and_schedule(tmp_path, jadwal, realisasi, per, status):
    assert activity_status(activity(tmp_path, jadwal, realisasi), 2021, per) == status


def test_area_summaries_in_official_order_with_exact_averages(tmp_path):
    path = write_sheet(tmp_path / "rencana.xlsx", HEADER, [
        good_row(Area=3, Realisasi=100, Anggaran="0,10"), good_row(Area=3, Realisasi=33, Anggaran="0,20", Jadwal="Okt-Des"),
        good_row(Area=1, Realisasi=None), good_row(Area=3, Realisasi=0, Jadwal="Des", Anggaran="-"),
    ])
    problems = ProblemCollector()
    summaries = summarize_areas(load_plan(path, None, problems), 2021, dt.date(2021, 6, 30))
    assert [s.area.number for s in summaries] == list(range(1, 9))
    third = summaries[2]
    assert third.budget == Decimal("0.30") and third.average == Decimal("44.33")
    assert third.counts == {SELESAI: 1, BERJALAN: 1, TERLAMBAT: 0, BELUM_DIMULAI: 1}
    assert summaries[0].average == Decimal("0.00") and summaries[1].average is None
