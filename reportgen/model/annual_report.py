"""Lower a year's score table, action plan and written parts to the annual RB achievement report.

Every number comes from the score table (`assessment.YearSummary`) through the same formatting as
`reportgen score`; every sentence about the numbers is generated from them (domain.md section 7).
"""

from __future__ import annotations

import datetime as dt
import dataclasses
import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from reportgen.conventions.areas import AREAS
from reportgen.scoring.pmprb import Line, YearSummary, category_of, fmt_change, fmt_percent, fmt_score, rounded
from reportgen.conventions.dates import format_date, format_place_date
from reportgen.conventions.numbers import format_number
from reportgen.inputs.profile import Profile
from reportgen.inputs.schemas.plan import Activity
from reportgen.inputs.schemas.report import FollowUp, ReportText
from reportgen.model.chapters import Chapters
from reportgen.model.charts import nice_maximum, wrap_label
from reportgen.model.blocks import (Block, Cell, Chart, ChartSeries, Column, Document, DocumentMeta, Heading, Image,
                                    PageBreak, Row, Section, Signatures, Table, TableOfContents, TocEntry, para)
from reportgen.model.parts import signer_column
from reportgen.model.italics import italicized
from reportgen.model.page import page_setup

HUNDRED = Decimal(100)

AREA_GOALS = {
    1: "meningkatnya komitmen pimpinan dan pegawai serta terbangunnya budaya kerja yang mendukung perubahan",
    2: "kebijakan yang tidak tumpang tindih, harmonis dan mendukung kemudahan berusaha",
    3: "organisasi yang tepat fungsi dan tepat ukuran (right sizing) berdasarkan proses bisnis",
    4: "proses kerja yang efektif, efisien dan terukur berbasis elektronik",
    5: "sumber daya manusia aparatur yang berintegritas, profesional dan berkinerja tinggi",
    6: "kinerja dan keuangan yang akuntabel serta perencanaan yang berorientasi hasil",
    7: "penyelenggaraan pemerintahan yang bersih dan bebas korupsi, kolusi dan nepotisme",
    8: "pelayanan publik yang prima, cepat, mudah dan terjangkau sesuai kebutuhan masyarakat",
}


@dataclass(frozen=True)
class ReportOptions:
    """Choices for the report: its date and place (of the foreword's signature)."""

    year: int
    date: dt.date
    place: str
    per: dt.date | None = None  # the plan's realization as of this date (the realization report's cut-off)
    team_decree: str | None = None  # the team's decree as Dasar Hukum cites it ("Keputusan ... Nomor ... tentang ...")


# ---------------------------------------------------------------- words from numbers


def join_names(names: list[str]) -> str:
    """Return names listed the Indonesian way: "A", "A dan B", "A, B, dan C"."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} dan {names[1]}"
    return ", ".join(names[:-1]) + ", dan " + names[-1]


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def reform_groups(summary: YearSummary, threshold: Decimal) -> tuple[list[Line], list[Line], list[Line]]:
    """Return the Reform lines per area split into: at 100 %, good (>= threshold) below 100 %, below good.

    The split uses the achievement as printed (two decimals), so the text and the tables agree.
    """
    full, good, low = [], [], []
    for line in summary.component_lines("reform"):
        achieved = _rounded(line.current.achievement)
        (full if achieved >= HUNDRED else good if achieved >= threshold else low).append(line)
    return full, good, low


def reform_sentence(summary: YearSummary, threshold: Decimal) -> str:
    """Return the sentence on the Reform component: how many areas reached 100 %, are good, are not yet."""
    full, good, low = reform_groups(summary, threshold)
    total = len(full) + len(good) + len(low)
    area_word = "area perubahan" if total == len(AREAS) else "area perubahan yang dinilai"
    parts = []
    for lines, text in ((full, "telah mencapai nilai 100 persen"), (good, "bernilai baik namun belum 100 persen"),
                        (low, "belum maksimal")):
        if not lines:
            continue
        names = [line.area.name for line in lines]
        if len(lines) == total:
            parts.append(f"seluruhnya {text}")
        else:
            separator = ": " if len(lines) > 1 else " "
            parts.append(f"{len(lines)} area {text}, yaitu{separator}{join_names(names)}")
    return (f"Pada komponen Reform tahun {summary.year}, dari {total} {area_word}, " + "; ".join(parts) + ".")


def _change_phrase(line: Line, previous_year: int | None) -> str:
    """Return ", naik 7,10 dibanding tahun 2020 (78,25)"; across regulations, the achievement's change."""
    change = line.shown_change
    if change is None or previous_year is None:
        return ""
    if line.by_achievement:
        before = f"{fmt_percent(line.previous.achievement)} persen"
        if change > 0:
            verb = f"capaiannya naik {fmt_percent(change)} poin persen"
        elif change < 0:
            verb = f"capaiannya turun {fmt_percent(-change)} poin persen"
        else:
            return f", capaiannya sama dengan tahun {previous_year} ({before})"
        return f", {verb} dibanding tahun {previous_year} ({before})"
    if change > 0:
        verb = f"naik {fmt_score(change)}"
    elif change < 0:
        verb = f"turun {fmt_score(-change)}"
    else:
        return f", sama dengan tahun {previous_year}"
    return f", {verb} dibanding tahun {previous_year} ({fmt_score(line.previous.score)})"


SCORE_NAME = "nilai PMPRB (penilaian mandiri)"


def incomplete_text(summary: YearSummary) -> str:
    """Return why a year's PMPRB score is not complete: "data hanya memuat nilai Pengungkit, tanpa Hasil"."""
    have = [g.name for g in summary.rules.groups if summary.find(g.key)]
    missing = [g.name for g in summary.rules.groups if not summary.find(g.key)]
    return (f"data tahun {summary.year} hanya memuat nilai {' dan '.join(have)}, tanpa {' dan '.join(missing)}; nilai "
            f"PMPRB lengkap terdiri atas {' + '.join(g.name for g in summary.rules.groups)}")


def shown_category(summary: YearSummary):
    """Return the category the report prints for the unit's own score: only when the year's rules file gives the
    PMPRB score one (kategori_penilaian_mandiri), else None (the categories are KemenPAN-RB's evaluation's)."""
    return summary.category if summary.rules.self_category else None


def index_sentence(summary: YearSummary, unit: str) -> str:
    """Return the sentence on the unit's PMPRB score: value, weight, the change from the previous year, and its
    category only when the rules file says the self-assessed score has one (with its source).

    A year without Hasil gets its Pengungkit achievement and why the score is incomplete; a comparison with
    a year under another regulation says so and compares achievement.
    """
    index, category = summary.index, shown_category(summary)
    opening = (f"Berdasarkan hasil Penilaian Mandiri Pelaksanaan Reformasi Birokrasi (PMPRB) tahun {summary.year} "
               f"menurut {summary.rules.short}, ")
    if not summary.complete:
        text = (opening + f"nilai komponen {summary.rules.group(index.key).name.lower()} {unit} mencapai "
                f"{fmt_score(index.current.score)} dari nilai maksimal {fmt_score(index.current.weight)} (capaian "
                f"{fmt_percent(index.current.achievement)} persen){_change_phrase(index, summary.previous_year)}. "
                f"Nilai PMPRB belum lengkap karena {incomplete_text(summary)}")
    else:
        text = (opening + f"{SCORE_NAME} {unit} mencapai {fmt_score(index.current.score)} dari nilai maksimal "
                f"{fmt_score(index.current.weight)}{_change_phrase(index, summary.previous_year)}")
        if category is not None:
            text += f", dengan kategori {category.code} ({category.name}) menurut {summary.rules.short}"
            previous = summary.previous_category if (summary.previous_rules or summary.rules).self_category else None
            if previous is not None:
                if previous.code != category.code:
                    text += f"; kategorinya berubah dari {previous.code} ({previous.name}) menjadi {category.code}"
                else:
                    text += f"; kategorinya tetap {category.code}"
    if summary.regulation_changed:
        text += (f". Tahun {summary.previous_year} dinilai menurut {summary.previous_rules.short}, yang struktur "
                 "dan bobotnya berbeda, sehingga perbandingan dilakukan atas capaian (persen), bukan atas nilai")
    return text + "."


def components_sentence(summary: YearSummary) -> str:
    """Return the sentence on the lever and result components."""
    parts = []
    lever = summary.find("pengungkit")
    if lever:
        pieces = [f"{c.name.lower()} {fmt_score(line.current.score)}" for c in summary.group_components("pengungkit")
                  if (line := summary.find(f"pengungkit/{c.key}"))]
        parts.append(f"komponen pengungkit memperoleh nilai {fmt_score(lever.current.score)} dari bobot "
                     f"{fmt_score(lever.current.weight)} (capaian {fmt_percent(lever.current.achievement)} persen), "
                     f"terdiri atas {join_names(pieces)}")
    result = summary.find("hasil")
    if result:
        parts.append(f"komponen hasil memperoleh nilai {fmt_score(result.current.score)} dari bobot "
                     f"{fmt_score(result.current.weight)} (capaian {fmt_percent(result.current.achievement)} persen)")
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _extremes(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    values = [_rounded(line.current.achievement) for line in lines]
    top, bottom = max(values), min(values)
    return ([l for l, v in zip(lines, values) if v == top], [l for l, v in zip(lines, values) if v == bottom])


def areas_sentence(summary: YearSummary) -> str:
    """Return the sentences on the areas: highest and lowest achievement, and how the scores changed."""
    lines = summary.area_lines()
    if not lines:
        return ""
    top, bottom = _extremes(lines)
    text = (f"Capaian tertinggi diraih area {join_names([l.area.name for l in top])} "
            f"({fmt_percent(top[0].current.achievement)} persen)")
    if bottom[0].current.achievement != top[0].current.achievement:
        text += (f", sedangkan capaian terendah pada area {join_names([l.area.name for l in bottom])} "
                 f"({fmt_percent(bottom[0].current.achievement)} persen)")
    text += "."
    compared = [l for l in lines if l.shown_change is not None]
    if compared and summary.previous_year:
        up = [l for l in compared if l.shown_change > 0]
        same = [l for l in compared if l.shown_change == 0]
        down = [l for l in compared if l.shown_change < 0]
        counts = [f"{len(group)} area {word}" for group, word in ((up, "naik"), (same, "tetap"), (down, "turun"))
                  if group]
        what = "capaian" if summary.regulation_changed else "nilai"
        unit = " poin persen" if summary.regulation_changed else ""
        text += f" Dibanding tahun {summary.previous_year}, {what} {join_names(counts)}"
        if up:
            best = max(up, key=lambda l: l.shown_change)
            text += f"; kenaikan terbesar pada area {best.area.name} ({fmt_change(best.shown_change)}{unit})"
        if down:
            worst = min(down, key=lambda l: l.shown_change)
            text += f"; penurunan terbesar pada area {worst.area.name} ({fmt_change(worst.shown_change)}{unit})"
        text += "."
    return text


def results_sentence(summary: YearSummary) -> str:
    """Return the sentence on the result components, each with its achievement."""
    lines = [l for c in summary.group_components("hasil") if (l := summary.find(f"hasil/{c.key}"))]
    if not lines:
        return ""
    pieces = [f"{l.label} {fmt_score(l.current.score)} dari bobot {fmt_score(l.current.weight)} "
              f"({fmt_percent(l.current.achievement)} persen)" for l in lines]
    return f"Komponen hasil tahun {summary.year} terdiri atas {join_names(pieces)}."


# ---------------------------------------------------------------- default texts


def _defaults(profile: Profile, summary: YearSummary, text: ReportText) -> dict[str, tuple[str, ...]]:
    year, unit = summary.year, profile.full_name
    return {
        "foreword": (
            f"Puji syukur kita panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat-Nya Laporan Capaian "
            f"Pelaksanaan Reformasi Birokrasi {unit} Tahun {year} dapat diselesaikan.",
            "Laporan ini menyajikan kebijakan dan program reformasi birokrasi, hasil penilaian mandiri "
            "pelaksanaan reformasi birokrasi per area perubahan beserta perbandingannya dengan tahun "
            "sebelumnya, serta pelaksanaan rencana aksi, sebagai bahan evaluasi dan perbaikan berkelanjutan.",
            "Kami menyampaikan terima kasih kepada seluruh anggota Tim Reformasi Birokrasi dan semua pihak yang "
            "telah berkontribusi. Semoga laporan ini bermanfaat bagi peningkatan kualitas pelaksanaan reformasi "
            "birokrasi di lingkungan kami.",
        ),
        "background": (
            "Reformasi birokrasi merupakan upaya sistematis, terpadu dan komprehensif untuk mewujudkan tata "
            "kelola pemerintahan yang baik, yaitu birokrasi yang bersih dan akuntabel, efektif dan efisien, "
            "serta memiliki pelayanan publik yang berkualitas.",
            f"Sebagai bagian dari pelaksanaan Road Map Reformasi Birokrasi 2020-2024, {unit} melaksanakan "
            f"reformasi birokrasi pada 8 area perubahan dan melakukan penilaian mandiri atas capaiannya setiap "
            f"tahun. Laporan ini disusun untuk menyampaikan capaian tersebut pada tahun {year}.",
        ),
        "legal_bases": (
            "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010-2025;",
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 25 Tahun 2020 "
            "tentang Road Map Reformasi Birokrasi 2020-2024;",
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 26 Tahun 2020 "
            "tentang Pedoman Evaluasi Pelaksanaan Reformasi Birokrasi.",
        ),
        "purpose": (
            f"Laporan ini dimaksudkan sebagai pertanggungjawaban pelaksanaan reformasi birokrasi {unit} tahun "
            f"{year}, dengan tujuan memberikan gambaran capaian per area perubahan, perubahannya dibanding tahun "
            "sebelumnya, serta kendala dan tindak lanjut yang diperlukan.",
        ),
        "scope": (
            f"Ruang lingkup laporan meliputi kebijakan dan program reformasi birokrasi, capaian hasil penilaian "
            f"mandiri pelaksanaan reformasi birokrasi tahun {year} pada 8 area perubahan, pelaksanaan rencana "
            "aksi, serta penutup.",
        ),
        "policy": (
            "Kebijakan reformasi birokrasi berpedoman pada Grand Design Reformasi Birokrasi 2010-2025 dan Road "
            "Map Reformasi Birokrasi 2020-2024, yang menetapkan sasaran birokrasi yang bersih dan akuntabel, "
            "birokrasi yang kapabel, serta pelayanan publik yang prima.",
            "Road Map Reformasi Birokrasi 2020-2024 menetapkan 8 area perubahan beserta hasil yang diharapkan "
            "sebagai berikut:",
        ),
        "closing": (
            f"Demikian Laporan Capaian Pelaksanaan Reformasi Birokrasi {unit} Tahun {year} ini disusun. "
            "Capaian yang telah diraih perlu dipertahankan, sedangkan area yang belum maksimal menjadi prioritas "
            "perbaikan pada tahun berikutnya melalui rencana aksi yang terukur dan pemantauan yang konsisten.",
        ),
    }


# ---------------------------------------------------------------- tables


def _before_label(summary: YearSummary) -> str:
    """Return the header of the previous year's column: "Nilai 2020", or "Capaian 2019 (%)" across regulations."""
    prev = summary.previous_year
    if prev is None:
        return "Nilai Lalu"
    return f"Capaian {prev} (%)" if summary.regulation_changed else f"Nilai {prev}"


def _change_label(summary: YearSummary) -> str:
    return "Perubahan (poin %)" if summary.regulation_changed else "Perubahan"


def _before(summary: YearSummary, line: Line) -> str:
    """Return the previous year's cell: its score, or its achievement (%) across a change of regulation."""
    if line.previous is None:
        return "-"
    return fmt_percent(line.previous.achievement) if line.by_achievement else fmt_score(line.previous.score)


def _percent_text(value: Decimal | None) -> str:
    return "-" if value is None else format_number(value, 2)


def _area_table(summary: YearSummary) -> Table:
    columns = (Column("No", 6, "center"), Column("Area Perubahan", 35), Column(_before_label(summary),
               11, "right"), Column(f"Nilai {summary.year}", 11, "right"),
               Column("Bobot", 10, "right"), Column("Capaian (%)", 12, "right"),
               Column(_change_label(summary), 15, "right"))
    rows = []
    for line in summary.area_lines():
        rows.append(Row((Cell(str(line.area.number)), Cell(line.area.name),
                         Cell(_before(summary, line)),
                         Cell(fmt_score(line.current.score)), Cell(fmt_score(line.current.weight)),
                         Cell(fmt_percent(line.current.achievement)), Cell(fmt_change(line.shown_change)))))
    lever = summary.find("pengungkit")
    if lever:
        rows.append(Row((Cell("Jumlah Pengungkit", colspan=2, style="tabel-tebal"),
                         Cell(_before(summary, lever)),
                         Cell(fmt_score(lever.current.score)), Cell(fmt_score(lever.current.weight)),
                         Cell(fmt_percent(lever.current.achievement)), Cell(fmt_change(lever.shown_change))),
                        style="jumlah"))
    return Table(columns, tuple(rows))


def _reform_table(summary: YearSummary, threshold: Decimal) -> Table:
    full, good, low = reform_groups(summary, threshold)
    label = {id(l): "Tercapai 100%" for l in full} | {id(l): "Baik" for l in good} | \
            {id(l): "Belum maksimal" for l in low}
    columns = (Column("No", 6, "center"), Column("Area Perubahan", 42), Column("Nilai", 11, "right"),
               Column("Bobot", 10, "right"), Column("Capaian (%)", 12, "right"), Column("Keterangan", 19))
    rows = tuple(Row((Cell(str(l.area.number)), Cell(l.area.name), Cell(fmt_score(l.current.score)),
                      Cell(fmt_score(l.current.weight)), Cell(fmt_percent(l.current.achievement)),
                      Cell(label[id(l)]))) for l in summary.component_lines("reform"))
    return Table(columns, rows)


def _results_table(summary: YearSummary) -> Table:
    columns = (Column("Komponen Hasil", 41), Column(_before_label(summary), 11, "right"),
               Column(f"Nilai {summary.year}", 11, "right"), Column("Bobot", 10, "right"),
               Column("Capaian (%)", 12, "right"), Column(_change_label(summary), 15, "right"))
    rows = []
    for key in [f"hasil/{c.key}" for c in summary.group_components("hasil")] + ["hasil"]:
        line = summary.find(key)
        if line is None:
            continue
        total = key == "hasil"
        rows.append(Row((Cell(line.label, style="tabel-tebal" if total else None),
                         Cell(_before(summary, line)),
                         Cell(fmt_score(line.current.score)), Cell(fmt_score(line.current.weight)),
                         Cell(fmt_percent(line.current.achievement)), Cell(fmt_change(line.shown_change))),
                        style="jumlah" if total else ""))
    return Table(columns, tuple(rows))


def _index_table(summary: YearSummary) -> tuple[Table, str | None]:
    """Return the unit's PMPRB score per year with the regulation each year was scored under (its category only
    where the rules file gives the self-assessed score one), and the note when the years' regulations differ."""
    from reportgen.scoring.regulations import regulation_for

    rules_of = {year: regulation_for(year) for year in summary.index_by_year}
    rules_of[summary.year] = summary.rules
    categories = any(r.self_category for r in rules_of.values())
    columns = [Column("Tahun", 16, "center"), Column("Nilai PMPRB", 22, "right"), Column("Dasar Penilaian", 32)]
    if categories:
        columns.append(Column("Kategori", 30))
    rows = []
    for year, score in summary.index_by_year.items():
        rules = rules_of[year]
        cells = [Cell(str(year)), Cell(fmt_score(score.score)), Cell(rules.short)]
        if categories:
            category = category_of(score.achievement, rules.categories) if rules.self_category else None
            cells.append(Cell(f"{category.code} ({category.name})" if category else "-"))
        rows.append(Row(tuple(cells)))
    table = Table(tuple(columns), tuple(rows))
    groups: dict[str, list[int]] = {}
    for year in summary.index_by_year:
        groups.setdefault(rules_of[year].short, []).append(year)
    if len(groups) < 2:
        return table, None
    parts = [f"tahun {_years_text(years)} menurut {name}" for name, years in groups.items()]
    said = f"{parts[0]}, sedangkan {parts[1]}" if len(parts) == 2 else "; ".join(parts)
    return table, (f"Catatan: nilai {said}. Struktur dan bobot peraturan itu berbeda, sehingga nilai tahun yang "
                   "dinilai menurut peraturan berbeda tidak dapat dibandingkan secara langsung; perbandingan "
                   "antartahun pada laporan ini memakai capaian (persen).")


def _years_text(years: list[int]) -> str:
    """Return "2019", "2020 dan 2021" or "2019-2021" for consecutive years."""
    years = sorted(years)
    if len(years) > 2 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]}-{years[-1]}"
    return join_names([str(y) for y in years])


def full_table(summary: YearSummary) -> Table:
    """Return the whole score table, line for line as `reportgen score` prints it."""
    columns = (Column("Uraian", 41), Column("Nilai", 10, "right"), Column("Bobot", 10, "right"),
               Column("Capaian (%)", 12, "right"), Column(_before_label(summary), 12, "right"),
               Column(_change_label(summary), 15, "right"))
    rows = []
    for line in summary.lines:
        bold = line.level != "komponen"
        numbers = (fmt_score(line.current.score), fmt_score(line.current.weight),
                   fmt_percent(line.current.achievement), _before(summary, line), fmt_change(line.shown_change))
        label = "Nilai PMPRB" if line.level == "indeks" else line.label  # the unit's own score, not the index
        cells = (Cell(label, style="tabel-tebal" if bold else None),
                 *(Cell(n, style="tabel-tebal-kanan" if bold else None) for n in numbers))
        rows.append(Row(cells, style="grup" if line.level == "indeks" else ""))
    return Table(columns, tuple(rows))


def _plan_tables(activities: list[Activity], summaries) -> tuple[Table, Table | None]:
    columns = (Column("No", 6, "center"), Column("Area Perubahan", 46), Column("Jumlah Kegiatan", 14, "center"),
               Column("Selesai", 12, "center"), Column("Rata-rata Realisasi (%)", 22, "right"))
    rows = [Row((Cell(str(s.area.number)), Cell(s.area.name), Cell(str(len(s.activities))),
                 Cell(str(s.counts.get("Selesai", 0))), Cell(_percent_text(s.average)))) for s in summaries]
    rows.append(Row((Cell("Jumlah", colspan=2, style="tabel-tebal"), Cell(str(len(activities))),
                     Cell(str(sum(s.counts.get("Selesai", 0) for s in summaries))),
                     Cell(_percent_text(_mean_realization(activities)))), style="jumlah"))
    realization = Table(columns, tuple(rows))
    noted = [a for a in activities if a.obstacles or a.follow_up]
    if not noted:
        return realization, None
    columns = (Column("No", 6, "center"), Column("Kegiatan", 34), Column("Kendala", 30), Column("Tindak Lanjut", 30))
    rows = []
    for area in AREAS:
        mine = [a for a in noted if a.area == area]
        if not mine:
            continue
        rows.append(Row((Cell(f"{area.number}. {area.name}", colspan=4),), style="grup"))
        for i, a in enumerate(mine, start=1):
            rows.append(Row((Cell(f"{i}."), Cell(a.activity), Cell(a.obstacles or "-"), Cell(a.follow_up or "-"))))
    return realization, Table(columns, tuple(rows))


def _mean_realization(activities: list[Activity]) -> Decimal | None:
    if not activities:
        return None
    total = sum((a.realization or Decimal(0) for a in activities), Decimal(0))
    return _rounded(total / len(activities))


# ---------------------------------------------------------------- the document


def _follow_up_text(step: FollowUp) -> str:
    text = step.text.rstrip(";.")
    return f"{text} pada tanggal {format_date(step.date)};" if step.date else f"{text};"


def _end_list(items: list[str]) -> list[str]:
    """Return list items ending with ';' and the last with '.' (a unit's own items as it wrote them otherwise)."""
    out = [t.rstrip() for t in items]
    out = [t if t.endswith((";", ":", ",")) else t.rstrip(".") + ";" for t in out[:-1]] + out[-1:]
    if out:
        out[-1] = out[-1].rstrip(";.") + "."
    return out


def report_charts(summary: YearSummary) -> dict[str, Chart]:
    """Return the report's charts: achievement per area ("area") and score per component ("komponen"; achievement
    when the two years were scored under different regulations, whose scores do not compare)."""
    charts: dict[str, Chart] = {}
    year, prev = summary.year, summary.previous_year
    areas = summary.area_lines()
    if areas:
        series = []
        if prev is not None:
            series.append(ChartSeries(f"Tahun {prev}", tuple(rounded(l.previous.achievement) if l.previous else None
                                                             for l in areas)))
        series.append(ChartSeries(f"Tahun {year}", tuple(rounded(l.current.achievement) for l in areas)))
        charts["area"] = Chart(tuple(wrap_label(l.area.name, 26) for l in areas), tuple(series), "Capaian (%)", "area",
                               maximum=100, horizontal=True, width_mm=150, height_mm=118)
    keys = [k for k in ("pengungkit/pemenuhan", "pengungkit/hasil_antara", "pengungkit/reform", "hasil")
            if summary.find(k)]
    if not keys:
        return charts
    lines = [summary.line(k) for k in keys]
    labels = tuple(wrap_label(l.component.name if l.component else "Hasil", 16) for l in lines)
    if summary.regulation_changed:
        series = [ChartSeries(f"Tahun {prev}", tuple(rounded(l.previous.achievement) if l.previous else None
                                                     for l in lines)),
                  ChartSeries(f"Tahun {year}", tuple(rounded(l.current.achievement) for l in lines))]
        charts["komponen"] = Chart(labels, tuple(series), "Capaian (%)", "komponen", maximum=100, width_mm=150,
                                   height_mm=80)
        return charts
    series = [ChartSeries("Bobot", tuple(rounded(l.current.weight) for l in lines))]
    if prev is not None:
        series.append(ChartSeries(f"Tahun {prev}", tuple(rounded(l.previous.score) if l.previous else None
                                                         for l in lines)))
    series.append(ChartSeries(f"Tahun {year}", tuple(rounded(l.current.score) for l in lines)))
    top = nice_maximum(max(v for s in series for v in s.values if v is not None))
    charts["komponen"] = Chart(labels, tuple(series), "Nilai", "komponen", maximum=top, width_mm=150, height_mm=80)
    return charts


def build_annual_report(profile: Profile, summary: YearSummary, text: ReportText,
                        activities: list[Activity] | None, options: ReportOptions) -> Document:
    """Return the annual RB achievement report; the contents' page labels are left empty (see `with_pages`)."""
    from reportgen.model.action_plan import summarize_areas  # the realization arithmetic of the action plan

    defaults = _defaults(profile, summary, text)
    charts = report_charts(summary)
    year, prev = summary.year, summary.previous_year
    unit = profile.full_name

    # cover, foreword, contents: numbered i, ii, iii (the cover's number is not printed)
    front: list[Block] = [
        para(text.title.upper(), "sampul-judul"),
        para(f"TAHUN {year}", "sampul-teks"),
        para("", "sampul-jarak"),
    ]
    if profile.logo:
        front.append(Image(profile.logo, 45, style="sampul-logo"))
    front += [
        para("", "sampul-jarak"),
        *(para(line.upper(), "sampul-teks") for line in (profile.unit, profile.ministry)),
        para(f"{profile.city.upper()}, {year}", "sampul-teks"),
        PageBreak(),
        Heading(("KATA PENGANTAR",), 1, "kata-pengantar"),
        *(para(t, "teks-menjorok") for t in (text.foreword or defaults["foreword"])),
        Signatures((signer_column(profile.head, (format_place_date(options.place, options.date),), main=True),),
                   keep_with_previous=True),  # with the foreword's last paragraph
        PageBreak(),
        Heading(("DAFTAR ISI",), 1, "daftar-isi"),
    ]

    b = Chapters()
    b.chapter_heading("Pendahuluan")
    b.section_heading("Latar Belakang")
    b.paragraphs(text.background or defaults["background"])
    b.section_heading("Dasar Hukum")
    b.numbered(_end_list(legal_bases(list(text.legal_bases or defaults["legal_bases"]), options.team_decree)))
    b.section_heading("Maksud dan Tujuan")
    b.paragraphs(text.purpose or defaults["purpose"])
    b.section_heading("Ruang Lingkup")
    b.paragraphs(text.scope or defaults["scope"])

    b.chapter_heading("Kebijakan dan Program Reformasi Birokrasi")
    b.section_heading("Kebijakan Reformasi Birokrasi")
    b.paragraphs(text.policy or defaults["policy"])
    b.section_heading("Area Perubahan")
    b.numbered(_end_list([f"{a.name}: {AREA_GOALS[a.number]};" for a in AREAS]))
    if text.priorities:
        b.section_heading("Program Prioritas")
        b.paragraphs([f"Pada tahun {year} ditetapkan {len(text.priorities)} program prioritas reformasi "
                      "birokrasi, yaitu:"])
        b.numbered(_end_list([t.rstrip(";.") + ";" for t in text.priorities]))
    if text.follow_ups:
        b.section_heading(f"Langkah Tindak Lanjut Tahun {year}")
        b.paragraphs([f"Langkah yang telah dilaksanakan pada tahun {year} adalah sebagai berikut:"])
        b.numbered(_end_list([_follow_up_text(s) for s in text.follow_ups]))

    b.chapter_heading("Capaian Reformasi Birokrasi")
    b.section_heading("Nilai Penilaian Mandiri (PMPRB)")
    b.paragraphs([index_sentence(summary, profile.short_name), components_sentence(summary)])
    if len(summary.index_by_year) > 1:
        table, note = _index_table(summary)
        b.table("Nilai PMPRB per Tahun", table, note)
    measure = "Capaian (%)" if summary.regulation_changed else "Nilai"
    b.figure(f"{measure} per Komponen Tahun {prev} dan {year}" if prev else f"Nilai per Komponen Tahun {year}",
             charts.get("komponen"))
    if summary.area_lines():
        b.section_heading("Capaian per Area Perubahan")
        b.paragraphs([areas_sentence(summary)])
        b.table(f"Nilai dan Capaian per Area Perubahan Tahun {year}", _area_table(summary))
        b.figure(f"Capaian per Area Perubahan Tahun {prev} dan {year} (%)" if prev else
                 f"Capaian per Area Perubahan Tahun {year} (%)", charts.get("area"))
    if summary.component_lines("reform"):
        b.section_heading("Capaian Komponen Reform")
        b.paragraphs([reform_sentence(summary, text.good_threshold),
                      f"Area dinyatakan baik bila capaiannya paling sedikit {format_number(text.good_threshold, 0)} "
                      "persen dari bobotnya."])
        b.table(f"Capaian Komponen Reform per Area Tahun {year}", _reform_table(summary, text.good_threshold))
    if summary.find("hasil"):
        b.section_heading("Komponen Hasil")
        b.paragraphs([results_sentence(summary)])
        b.table(f"Nilai Komponen Hasil Tahun {year}", _results_table(summary))

    b.chapter_heading("Pelaksanaan Rencana Aksi")
    if activities:
        per = options.per or dt.date(year, 12, 31)
        summaries = summarize_areas(activities, year, per)
        realization, notes = _plan_tables(activities, summaries)
        done = sum(s.counts.get("Selesai", 0) for s in summaries)
        areas = sum(1 for s in summaries if s.activities)
        b.section_heading("Realisasi per Area Perubahan")
        b.paragraphs([f"Rencana aksi reformasi birokrasi tahun {year} memuat {len(activities)} kegiatan pada "
                      f"{areas} area perubahan. Sampai dengan {format_date(per)}, {done} kegiatan telah selesai "
                      f"dan rata-rata realisasi seluruh kegiatan mencapai "
                      f"{_percent_text(_mean_realization(activities))} persen."])
        b.table(f"Realisasi Rencana Aksi per Area Tahun {year}", realization)
        b.section_heading("Kendala dan Tindak Lanjut")
        if notes is not None:
            count = sum(1 for a in activities if a.obstacles)
            b.paragraphs([f"Kendala yang dihadapi pada {count} kegiatan beserta tindak lanjutnya adalah "
                          "sebagai berikut:" if count else "Tindak lanjut pelaksanaan kegiatan adalah sebagai berikut:"])
            b.table("Kendala dan Tindak Lanjut Pelaksanaan Rencana Aksi", notes)
        else:
            b.paragraphs(["Tidak ada kendala yang dilaporkan dalam pelaksanaan rencana aksi."])
    else:
        b.paragraphs([f"Data realisasi rencana aksi tahun {year} belum tersedia."])

    b.chapter_heading("Penutup")
    closing = list(text.closing or defaults["closing"])
    b.paragraphs(closing)

    b.blocks.append(PageBreak())
    b.blocks.append(Heading(("LAMPIRAN",), 1, "lampiran"))
    b.blocks.append(para(f"Tabel Nilai Penilaian Mandiri Pelaksanaan Reformasi Birokrasi Tahun {year}", "judul-akhir"))
    b.blocks.append(dataclasses.replace(full_table(summary), closing_rows=1))
    rules = summary.rules
    note = f"Struktur nilai menurut {rules.name} tentang {rules.subject}."
    category = shown_category(summary)
    if category is not None:
        ranges = "; ".join(_category_range(c, rules.categories) for c in rules.categories)
        note += f" Kategori: {category.code} ({category.name}); rentang kategori: {ranges}."
    if not summary.complete:
        text_ = incomplete_text(summary)
        note += f" Nilai belum lengkap: {text_}."
    if summary.regulation_changed:
        note += f" Catatan: {summary.comparison_note()}."
    b.blocks.append(para(note, "catatan", keep_with_previous=True))  # stays with the table's last row

    entries = [TocEntry("KATA PENGANTAR", 1, "kata-pengantar", numbering="romawi"),
               TocEntry("DAFTAR ISI", 1, "daftar-isi", numbering="romawi")]
    entries += [TocEntry(block.text, block.level, block.anchor) for block in b.blocks if isinstance(block, Heading)]
    front.append(TableOfContents(tuple(entries)))

    meta = DocumentMeta(title=f"{text.title} Tahun {year}", author=unit,
                        subject=f"{text.title} {profile.short_name} Tahun {year}",
                        keywords=("Reformasi Birokrasi", "PMPRB", profile.short_name, str(year)), date=options.date)
    blocks = (Section(tuple(front), numbering="romawi"), Section(tuple(b.blocks), numbering="arab"))
    return italicized(Document(meta, page_setup(profile), blocks))


def legal_bases(given: list[str], team_decree: str | None) -> list[str]:
    """Return the report's legal bases: the given ones, then the team's decree unless one of them cites it."""
    if not team_decree:
        return given
    number = re.search(r"Nomor\s+(.+?)\s+tentang", team_decree)
    wanted = " ".join((number.group(1) if number else team_decree).lower().split())
    if any(wanted in " ".join(item.lower().split()) for item in given):
        return given
    return given + [team_decree]


def _category_range(category, categories) -> str:
    index = categories.index(category)
    upper = 100 if index == 0 else categories[index - 1].above
    lower = "0" if category.above < 0 else f"> {format_number(category.above)}"
    return f"{category.code} {lower}-{format_number(upper)}"


def with_pages(document: Document, pages: dict[str, str]) -> Document:
    """Return the document with the contents' page labels filled from `pages` (anchor -> label)."""
    def fill(block):
        if isinstance(block, TableOfContents):
            return replace(block, entries=tuple(replace(e, page=pages.get(e.anchor, "")) for e in block.entries))
        if isinstance(block, Section):
            return replace(block, blocks=tuple(fill(child) for child in block.blocks))
        return block
    return replace(document, blocks=tuple(fill(block) for block in document.blocks))
