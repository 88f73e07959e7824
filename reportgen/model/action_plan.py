"""Lower validated action-plan activities to the plan and the realization documents (landscape tables).

Also the realization arithmetic shared with the annual report: `activity_status` (Selesai, Berjalan,
Terlambat, Belum Dimulai as of a date) and `summarize_areas` (per area: count, budget, average
realization, counts by status), always the 8 areas in the official order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from reportgen.conventions.areas import AREAS, Area
from reportgen.conventions.dates import format_date, format_place_date
from reportgen.conventions.numbers import format_number, terbilang_rupiah
from reportgen.inputs.profile import Profile
from reportgen.conventions.schedule import MONTH_SHORT, QUARTER_LABELS
from reportgen.inputs.schemas.plan import Activity
from reportgen.model.blocks import (Cell, Column, Document, DocumentMeta, ListItem, NumberedList, PageBreak, Paragraph,
                     Row, Signatures, Table, para)
from reportgen.model.parts import closing_rows, letterhead, signer_column
from reportgen.model.italics import italicized
from reportgen.model.page import page_setup

SELESAI, BERJALAN, TERLAMBAT, BELUM_DIMULAI = "Selesai", "Berjalan", "Terlambat", "Belum Dimulai"
STATUSES = (SELESAI, BERJALAN, TERLAMBAT, BELUM_DIMULAI)
ZERO = Decimal("0.00")


def activity_status(activity: Activity, year: int, per: dt.date) -> str:
    """Return the status of an activity as of `per` from its realization and its schedule.

    Selesai: realization 100%. Terlambat: realization below the share of its scheduled months that
    have ended by `per`. Belum Dimulai: no realization and no scheduled month ended yet.
    Berjalan: otherwise (some realization, on schedule). An empty realization counts as 0%.
    """
    done = activity.realization or Decimal(0)
    if done >= 100:
        return SELESAI
    months = activity.schedule.months
    expected = Decimal(activity.schedule.months_completed(year, per) * 100) / len(months)
    if done < expected:
        return TERLAMBAT
    if done == 0:
        return BELUM_DIMULAI
    return BERJALAN


def _mean(values: list[Decimal]) -> Decimal | None:
    """Return the mean of percents, rounded half-up to 2 places, or None for no values."""
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class AreaSummary:
    """The activities of one area with their budget, mean realization and count per status."""

    area: Area
    activities: tuple[Activity, ...]
    budget: Decimal
    average: Decimal | None  # mean realization in percent, None when the area has no activity
    counts: dict[str, int] = field(default_factory=dict)


def summarize_areas(activities: list[Activity], year: int, per: dt.date) -> list[AreaSummary]:
    """Return one summary per area, the 8 areas in the official order (empty areas included)."""
    summaries = []
    for area in AREAS:
        mine = tuple(a for a in activities if a.area == area)
        counts = {s: 0 for s in STATUSES}
        for activity in mine:
            counts[activity_status(activity, year, per)] += 1
        summaries.append(AreaSummary(
            area=area, activities=mine, budget=sum((a.budget for a in mine), ZERO),
            average=_mean([a.realization or Decimal(0) for a in mine]), counts=counts))
    return summaries


@dataclass(frozen=True)
class PlanOptions:
    """Choices for the plan and realization documents."""

    year: int
    date: dt.date  # date of signature of the plan
    per: dt.date  # realization status as of this date
    quarterly: bool = False  # schedule as 4 quarter cells instead of 12 month cells


# ---------------------------------------------------------------- formatting


def _money(amount: Decimal) -> str:
    """Return an amount for an "Anggaran (Rp)" column: "1.234.567,89", or "-" for none."""
    return format_number(amount, 2) if amount else "-"


def _percent(value: Decimal | None, whole_if_possible: bool = True) -> str:
    """Return a percent for a "(%)" column: "75", "87,50", "-" when not reported."""
    if value is None:
        return "-"
    if whole_if_possible and value == value.to_integral_value():
        return format_number(int(value))
    return format_number(value, 2)


def _title(profile: Profile, first: str, year: int) -> list[Paragraph]:
    return [para(first, "judul"), para(f"{profile.unit.upper()} TAHUN {year}", "judul-akhir")]


def _signature(profile: Profile, date: dt.date) -> Signatures:
    """Return the head's signature block; it closes a table, so it stays with the table's last rows."""
    return Signatures((signer_column(profile.head, (format_place_date(profile.city, date),), main=True),),
                      keep_with_previous=True)


def _closing(note: list[ListItem]) -> tuple[Paragraph, NumberedList]:
    """Return the Keterangan under a table, kept with the table's last rows."""
    return (para("Keterangan:", "catatan", keep_with_previous=True),
            NumberedList(tuple(note), style="catatan-butir", keep_with_previous=True))


def _meta(profile: Profile, title: str, year: int, date: dt.date) -> DocumentMeta:
    return DocumentMeta(title=title, author=profile.full_name, subject=f"{title} {profile.short_name}",
                        keywords=("Rencana Aksi", "Reformasi Birokrasi", profile.short_name, str(year)),
                        date=date)


def _priority_mark(activity: Activity) -> str:
    return f"{activity.activity} *)" if activity.priority else activity.activity


def _priorities(activities: list[Activity]) -> list[str]:
    return list(dict.fromkeys(a.priority for a in activities if a.priority))


# ---------------------------------------------------------------- plan


def _plan_columns(quarterly: bool) -> tuple[Column, ...]:
    # Widths (percent of the text width) fit a bold 8pt "Nov" in a month cell, "Kemasyarakatan" in
    # Penanggung Jawab, "Rancangan" in Satuan and a bold "9.999.999.999,99" in Anggaran, in PDF and DOCX.
    if quarterly:
        texts = [("No", 3.0, "center"), ("Kegiatan", 20.0, "left"), ("Output", 12.8, "left"),
                 ("Indikator", 12.8, "left"), ("Target", 4.2, "center"), ("Satuan", 6.8, "center")]
        slots = [Column(label, 5.2, "center") for label in QUARTER_LABELS]
    else:
        texts = [("No", 3.0, "center"), ("Kegiatan", 14.4, "left"), ("Output", 9.2, "left"),
                 ("Indikator", 9.2, "left"), ("Target", 4.2, "center"), ("Satuan", 6.8, "center")]
        slots = [Column(label, 2.8, "center") for label in MONTH_SHORT]
    tail = [Column("Penanggung Jawab", 9.6, "left"), Column("Anggaran (Rp)", 10.0, "right")]
    return tuple([Column(h, w, a) for h, w, a in texts] + slots + tail)


def _schedule_cells(activity: Activity, quarterly: bool) -> list[Cell]:
    if quarterly:
        return [Cell("", shade=q in activity.schedule.quarters) for q in range(1, 5)]
    return [Cell("", shade=m in activity.schedule.months) for m in range(1, 13)]


def build_plan(profile: Profile, activities: list[Activity], options: PlanOptions) -> Document:
    """Return the action plan: activities grouped by area, schedule cells, budgets with subtotals."""
    columns = _plan_columns(options.quarterly)
    span = len(columns)
    rows: list[Row] = []
    summaries = summarize_areas(activities, options.year, options.per)
    for summary in summaries:
        area = summary.area
        rows.append(Row((Cell(area.roman), Cell(area.name, colspan=span - 1)), style="grup"))
        if not summary.activities:
            rows.append(Row((Cell(""), Cell("Tidak ada kegiatan pada area ini", colspan=span - 1))))
        for number, activity in enumerate(summary.activities, start=1):
            rows.append(Row(tuple(
                [Cell(str(number)), Cell(_priority_mark(activity)), Cell(activity.output),
                 Cell(activity.indicator), Cell(activity.target), Cell(activity.unit)]
                + _schedule_cells(activity, options.quarterly)
                + [Cell(activity.responsible), Cell(_money(activity.budget))])))
        rows.append(Row((Cell(f"Jumlah Area {area.roman}", colspan=span - 1), Cell(_money(summary.budget))),
                        style="jumlah"))
    total = sum((s.budget for s in summaries), ZERO)
    rows.append(Row((Cell("JUMLAH SELURUH AREA", colspan=span - 1), Cell(_money(total))), style="jumlah"))
    rows.append(Row((Cell(f"Terbilang: {terbilang_rupiah(total)}", colspan=span, style="tabel-kecil-isi"),),
                    style="jumlah"))

    notes = [ListItem("1.", "Sel berarsir menunjukkan " + ("triwulan" if options.quarterly else "bulan")
                      + " pelaksanaan kegiatan.")]
    priorities = _priorities(activities)
    if priorities:
        notes.append(ListItem("2.", f"*) Kegiatan program prioritas tahun {options.year}: "
                              + "; ".join(priorities) + "."))
    title = f"Rencana Aksi Reformasi Birokrasi {profile.unit} Tahun {options.year}"
    blocks = [
        letterhead(profile),
        *_title(profile, "RENCANA AKSI REFORMASI BIROKRASI", options.year),
        # the last activity, the last area's subtotal, the total and its terbilang stay with the notes
        Table(columns, tuple(rows), style="tabel-kecil", closing_rows=closing_rows(rows, 4)),
        *_closing(notes),
        _signature(profile, options.date),
    ]
    return italicized(Document(_meta(profile, title, options.year, options.date),
                               page_setup(profile, landscape=True), tuple(blocks)))


# ---------------------------------------------------------------- realization

_DETAIL_COLUMNS = (
    Column("No", 3.0, "center"), Column("Kegiatan", 19.0), Column("Target", 8.0, "center"),
    Column("Jadwal", 8.0, "center"), Column("Anggaran (Rp)", 9.0, "right"),
    Column("Realisasi (%)", 7.0, "center"), Column("Status", 8.2, "center"), Column("Kendala", 14.0),
    Column("Tindak Lanjut", 14.0), Column("Keterangan", 9.8),
)
_SUMMARY_COLUMNS = (
    Column("No", 5.0, "center"), Column("Area Perubahan", 25.2), Column("Jumlah Kegiatan", 8.4, "center"),
    Column("Anggaran (Rp)", 14.0, "right"), Column("Rata-rata Realisasi (%)", 9.0, "center"),
    Column("Selesai", 9.6, "center"), Column("Berjalan", 9.6, "center"), Column("Terlambat", 9.6, "center"),
    Column("Belum Dimulai", 9.6, "center"),
)


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{status} {counts[status]}" for status in STATUSES)


def _summary_table(summaries: list[AreaSummary], activities: list[Activity]) -> Table:
    rows = []
    for summary in summaries:
        rows.append(Row((
            Cell(str(summary.area.number)), Cell(summary.area.name), Cell(str(len(summary.activities))),
            Cell(_money(summary.budget)), Cell(_percent(summary.average, whole_if_possible=False)),
            *(Cell(str(summary.counts[s])) for s in STATUSES),
        )))
    overall = _mean([a.realization or Decimal(0) for a in activities])
    rows.append(Row((
        Cell("Jumlah", colspan=2), Cell(str(len(activities))),
        Cell(_money(sum((s.budget for s in summaries), ZERO))), Cell(_percent(overall, False)),
        *(Cell(str(sum(s.counts[st] for s in summaries))) for st in STATUSES),
    ), style="jumlah"))
    return Table(_SUMMARY_COLUMNS, tuple(rows), style="tabel")


def _summary_sentence(summaries: list[AreaSummary], activities: list[Activity], per: dt.date) -> str:
    total = {s: sum(x.counts[s] for x in summaries) for s in STATUSES}
    overall = _mean([a.realization or Decimal(0) for a in activities])
    parts = [f"{total[s]} kegiatan {s.lower()}" for s in STATUSES if total[s]]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1]
    return (f"Per {format_date(per)}, dari {len(activities)} kegiatan rencana aksi pada 8 area perubahan, "
            f"{listed}, dengan rata-rata realisasi {_percent(overall, False)} persen.")


def build_realization(profile: Profile, activities: list[Activity], options: PlanOptions) -> Document:
    """Return the realization report: a summary of the 8 areas, then each activity's realization."""
    summaries = summarize_areas(activities, options.year, options.per)
    span = len(_DETAIL_COLUMNS)
    rows: list[Row] = []
    for summary in summaries:
        area = summary.area
        rows.append(Row((Cell(area.roman), Cell(area.name, colspan=span - 1)), style="grup"))
        if not summary.activities:
            rows.append(Row((Cell(""), Cell("Tidak ada kegiatan pada area ini", colspan=span - 1))))
            continue
        for number, activity in enumerate(summary.activities, start=1):
            target = " ".join(x for x in (activity.target, activity.unit) if x)
            rows.append(Row((
                Cell(str(number)), Cell(_priority_mark(activity)), Cell(target),
                Cell(activity.schedule.describe()), Cell(_money(activity.budget)),
                Cell(_percent(activity.realization)),
                Cell(activity_status(activity, options.year, options.per)),
                Cell(activity.obstacles or "-"), Cell(activity.follow_up or "-"), Cell(activity.note),
            )))
        rows.append(Row((
            Cell(f"Rata-rata Area {area.roman}", colspan=5), Cell(_percent(summary.average, False)),
            Cell(_counts_text(summary.counts), colspan=span - 6, style="tabel-kecil-isi"),
        ), style="jumlah"))

    notes = [
        ListItem("1.", "Selesai: realisasi telah mencapai 100%."),
        ListItem("2.", "Berjalan: realisasi telah dimulai dan sesuai dengan jadwal."),
        ListItem("3.", f"Terlambat: realisasi lebih rendah daripada bagian jadwal yang telah lewat per "
                       f"{format_date(options.per)}."),
        ListItem("4.", "Belum Dimulai: belum ada realisasi dan jadwal pelaksanaan belum tiba."),
    ]
    priorities = _priorities(activities)
    if priorities:
        notes.append(ListItem("5.", f"*) Kegiatan program prioritas tahun {options.year}: "
                              + "; ".join(priorities) + "."))
    title = f"Realisasi Rencana Aksi Reformasi Birokrasi {profile.unit} Tahun {options.year}"
    blocks = [
        letterhead(profile),
        *_title(profile, "LAPORAN REALISASI RENCANA AKSI REFORMASI BIROKRASI", options.year),
        para(f"Keadaan per {format_date(options.per)}", "teks-tengah"),
        para("A. Ringkasan Realisasi per Area Perubahan", "subbab"),
        _summary_table(summaries, activities),
        para(""),
        para(_summary_sentence(summaries, activities, options.per)),
        PageBreak(),
        para("B. Rincian Realisasi per Kegiatan", "subbab"),
        # the last activity and the last area's average stay with the notes
        Table(_DETAIL_COLUMNS, tuple(rows), style="tabel-kecil", closing_rows=closing_rows(rows, 2)),
        *_closing(notes),
        _signature(profile, options.per),
    ]
    return italicized(Document(_meta(profile, title, options.year, options.per),
                               page_setup(profile, landscape=True), tuple(blocks)))
