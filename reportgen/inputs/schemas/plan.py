"""Validate an action-plan sheet (Rencana Aksi RB, one row per activity) into clean activities.

Public API (stable; the annual report's BAB IV uses it too):

    from reportgen.errors import ProblemCollector
    from reportgen.inputs.schemas.plan import Activity, load_plan

    problems = ProblemCollector()
    activities = load_plan(path, sheet, problems)              # list[Activity], file order
    activities = load_plan(path, sheet, problems, realization=True)  # also require 'Realisasi'
    problems.raise_if_any()

Columns (row 1 holds the headers, any order, case/spacing ignored): Area (1-8 or its name, see
`reportgen.conventions.areas`), Kegiatan, Output, Indikator, Target, Satuan, Jadwal (see `reportgen.conventions.schedule`),
Penanggung Jawab, Anggaran (rupiah; empty or "-" means no budget); optional No, Program Prioritas,
and for monitoring Realisasi (% 0-100), Kendala, Tindak Lanjut, Keterangan.

Each `Activity` carries its Excel row, its `Area`, texts, `Schedule`, `budget` (Decimal, 2 places)
and `realization` (Decimal percent, None when the cell is empty). Status and per-area summaries as of
a date are computed by `reportgen.model.action_plan.activity_status` / `summarize_areas`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from reportgen.conventions.areas import AREAS, Area, parse_area
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.conventions.numbers import format_number, parse_rupiah
from reportgen.conventions.schedule import Schedule, parse_schedule
from reportgen.inputs.tables import read_table
from reportgen.inputs.schemas.base import Field, normalize_header, text_value, validate_rows

_NO_BUDGET = {"-", "--", "–", "0", "nihil", "tanpa anggaran", "non anggaran", "nonanggaran", "tidak ada"}


def parse_budget(value) -> Decimal:
    """Return a budget cell as rupiah (Decimal, 2 places); "-" or "Tanpa anggaran" means 0."""
    if isinstance(value, str) and " ".join(value.lower().split()) in _NO_BUDGET:
        return Decimal("0.00")
    return parse_rupiah(value)


_PERCENT = re.compile(r"^(?P<num>-?\d+(?:[.,]\d+)?)\s*%?$")


def parse_realization(value) -> Decimal:
    """Return a realization as a percent 0-100 ("75", 75.5, "75,5 %"), or raise InvalidValue."""
    expected = "diharapkan persen realisasi berupa angka 0 sampai 100, mis. 75 atau 87,5"
    if isinstance(value, bool):
        raise InvalidValue(expected)
    if isinstance(value, (int, float)):
        number = Decimal(str(value))
    else:
        text = " ".join(str(value).split())
        match = _PERCENT.match(text)
        if not match:
            raise InvalidValue(f"bukan angka; {expected}")
        raw = match["num"]
        if "." in raw and "," not in raw and len(raw.split(".")[1]) == 3:
            raise InvalidValue(f"bukan persen yang terbaca; {expected}")
        try:
            number = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            raise InvalidValue(f"bukan angka; {expected}") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise InvalidValue(f"di luar rentang 0-100; {expected}")
    return number


def _target_text(value) -> str:
    """Return a target cell as text, numbers written the Indonesian way (1.500, 87,5)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        decimals = 0 if float(value).is_integer() else 2
        text = format_number(value, decimals)
        return text.rstrip("0").rstrip(",") if decimals else text
    return text_value(value)


PLAN_FIELDS = [
    Field("no", "No", ("no", "nomor", "nourut"), required=False),
    Field("area", "Area", ("area", "areaperubahan", "areaperubahanrb", "area8areaperubahan"),
          parse=parse_area),
    Field("kegiatan", "Kegiatan", ("kegiatan", "rencanaaksi", "namakegiatan", "rencanakegiatan")),
    Field("output", "Output", ("output", "keluaran"), required_value=False),
    Field("indikator", "Indikator", ("indikator", "indikatorkinerja", "indikatorkeberhasilan"),
          required_value=False),
    Field("target", "Target", ("target",), parse=_target_text),
    Field("satuan", "Satuan", ("satuan",), required_value=False),
    Field("jadwal", "Jadwal", ("jadwal", "jadwalpelaksanaan", "waktu", "waktupelaksanaan"),
          parse=parse_schedule),
    Field("pj", "Penanggung Jawab", ("penanggungjawab", "pj", "unitpenanggungjawab", "pelaksana"),
          required_value=False),
    Field("anggaran", "Anggaran", ("anggaran", "anggaranrp", "biaya", "pagu", "paguanggaran"),
          parse=parse_budget, required_value=False),
    Field("prioritas", "Program Prioritas", ("programprioritas", "prioritas"), required=False),
    Field("realisasi", "Realisasi", ("realisasi", "realisasipersen", "capaian",
                                     "persentaserealisasi"), parse=parse_realization, required=False),
    Field("kendala", "Kendala", ("kendala", "hambatan", "permasalahan"), required=False),
    Field("tindak_lanjut", "Tindak Lanjut", ("tindaklanjut", "rencanatindaklanjut", "solusi"),
          required=False),
    Field("keterangan", "Keterangan", ("keterangan", "ket", "catatan"), required=False),
]


@dataclass(frozen=True)
class Activity:
    """One validated action-plan activity."""

    row: int  # Excel row number
    area: Area
    activity: str
    output: str
    indicator: str
    target: str
    unit: str  # Satuan
    schedule: Schedule
    responsible: str  # Penanggung Jawab
    budget: Decimal  # rupiah, 2 decimal places, 0 when none
    priority: str | None = None  # priority programme the activity belongs to
    realization: Decimal | None = None  # percent 0-100, None when not reported
    obstacles: str = ""  # Kendala
    follow_up: str = ""  # Tindak Lanjut
    note: str = ""  # Keterangan


def _text(value) -> str:
    return text_value(value) if value is not None else ""


def has_realization_column(headers) -> bool:
    """Return whether table headers include the 'Realisasi' column (any accepted spelling)."""
    field = next(f for f in PLAN_FIELDS if f.key == "realisasi")
    return bool({normalize_header(h) for h in headers if h}.intersection(field.aliases))


def load_plan(path: Path, sheet: str | None, problems: ProblemCollector, *,
              realization: bool = False) -> list[Activity]:
    """Return the plan's activities in file order; every problem goes to `problems`.

    With `realization=True` the 'Realisasi' column must exist (monitoring document); an empty
    Realisasi cell is then reported as a warning and read as not reported (None).
    """
    table = read_table(path, sheet)
    if realization:
        if not has_realization_column(table.headers):
            problems.add(table.file, "kolom 'Realisasi' (persen 0-100) tidak ditemukan pada baris judul; "
                         "kolom ini wajib untuk dokumen realisasi (--realisasi)", row=1, column="Realisasi")
    records = validate_rows(table, PLAN_FIELDS, problems)
    activities = []
    for rec in records:
        if realization and rec.get("realisasi") is None:
            problems.warn(table.file, "realisasi belum diisi; ditulis '-' dan dihitung 0% pada rata-rata",
                          row=rec.row, column="Realisasi")
        activities.append(Activity(
            row=rec.row, area=rec["area"], activity=_text(rec["kegiatan"]), output=_text(rec.get("output")),
            indicator=_text(rec.get("indikator")), target=rec["target"], unit=_text(rec.get("satuan")),
            schedule=rec["jadwal"], responsible=_text(rec.get("pj")),
            budget=rec.get("anggaran", Decimal("0.00")), priority=rec.get("prioritas") or None,
            realization=rec.get("realisasi"), obstacles=_text(rec.get("kendala")),
            follow_up=_text(rec.get("tindak_lanjut")), note=_text(rec.get("keterangan")),
        ))
    present = {a.area.number for a in activities}
    if activities:
        for area in AREAS:
            if area.number not in present:
                problems.warn(table.file, f"area {area.number} ({area.name}) tidak memiliki kegiatan; "
                              "baris area tetap ditulis dengan keterangan tanpa kegiatan")
    return activities
