"""Lower the Zona Integritas score table, verdicts and declaration to three documents: the self-assessment
report (Laporan Penilaian Mandiri ZI), the charter (Piagam Pencanangan) and the minutes (Berita Acara).

Every number comes from the score table through the same formatting as `reportgen zi`; every sentence
about the numbers is generated from them (scoring/zi_table.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportgen.conventions.dates import date_in_words, format_date, format_place_date
from reportgen.conventions.numbers import format_number, terbilang
from reportgen.inputs.profile import Profile
from reportgen.inputs.schemas.zi import Ceremony
from reportgen.model.annual_report import join_names
from reportgen.model.chapters import Chapters
from reportgen.model.charts import wrap_label
from reportgen.model.blocks import (Block, Cell, Chart, ChartLine, ChartSeries, Column, Document, DocumentMeta, Image,
                                    ListItem, NumberedList, PageBreak, Row, Signatures, Table, para)
from reportgen.model.parts import letterhead, signature_grid, signer_column
from reportgen.model.italics import italicized
from reportgen.model.page import page_setup
from reportgen.scoring.pmprb import fmt_percent, fmt_score, rounded
from reportgen.scoring.zi_table import condition_label, fmt_gap, fmt_threshold, fmt_value, verdict_sentence
from reportgen.scoring.zona_integritas import Verdict, ZiScores, ZiWorksheet

TITLE = "Laporan Penilaian Mandiri Zona Integritas"
TOWARDS = "Menuju Wilayah Bebas dari Korupsi (WBK) dan Wilayah Birokrasi Bersih dan Melayani (WBBM)"
CHARTER_TITLE = "Piagam Pencanangan Pembangunan Zona Integritas"
MINUTES_TITLE = "Berita Acara Pencanangan Pembangunan Zona Integritas"


@dataclass(frozen=True)
class ZiReportOptions:
    """The report's date and place (of the head's signature), and the declaration's date when known."""

    date: dt.date
    place: str
    declared: dt.date | None = None


# ---------------------------------------------------------------- the self-assessment report


def score_table(scores: ZiScores) -> Table:
    """Return the score table, line for line as `reportgen zi` prints it: area, part, weight, score, % of weight."""
    columns = (Column("Komponen / Area / Bagian", 52), Column("Bobot", 14, "right"), Column("Nilai", 14, "right"),
               Column("% Bobot", 20, "right"))
    rows = []
    for line in scores.lines:
        bold = line.level != "bagian"
        numbers = (fmt_score(line.score.weight), fmt_score(line.score.score), fmt_percent(line.score.achievement))
        label = line.label if line.level != "bagian" else f"- {line.label}"
        cells = (Cell(label, style="tabel-tebal" if bold else None),
                 *(Cell(n, style="tabel-tebal-kanan" if bold else None) for n in numbers))
        rows.append(Row(cells, style="jumlah" if line.level in ("kelompok", "total") else ""))
    return Table(columns, tuple(rows))


def verdict_table(verdict: Verdict) -> Table:
    """Return one predicate's conditions: threshold, the unit's value, met or not, the gap in points, the order."""
    columns = (Column("No", 6, "center"), Column("Syarat", 40), Column("Ambang", 12, "right"),
               Column("Nilai Unit", 12, "right"), Column("Terpenuhi", 10, "center"),
               Column("Kurang (poin)", 11, "right"), Column("Urutan", 9, "center"))
    order = {c.key: i for i, c in enumerate(verdict.unmet, start=1)}
    rows = tuple(Row((Cell(str(i)), Cell(condition_label(c)), Cell(fmt_threshold(c)), Cell(fmt_value(c)),
                      Cell("Ya" if c.met else "Tidak"), Cell(fmt_gap(c)), Cell(str(order.get(c.key, "-")))))
                 for i, c in enumerate(verdict.conditions, start=1))
    return Table(columns, rows, style="tabel-kecil")


def total_sentence(scores: ZiScores, unit: str) -> str:
    """Return the sentence on the total and its two components."""
    total = scores.total
    parts = [f"{g.name} {fmt_score(scores.score(g.key).score)} dari bobot {fmt_score(g.weight)} "
             f"({fmt_percent(scores.score(g.key).achievement)} persen)" for g in scores.rules.groups]
    return (f"Nilai total penilaian mandiri Zona Integritas {unit} tahun {scores.year} adalah "
            f"{fmt_score(total.score)} dari {fmt_score(total.weight)}, terdiri atas {join_names(parts)}.")


def areas_sentence(scores: ZiScores) -> str:
    """Return the sentence on the lever areas: highest and lowest share of their weight."""
    lines = scores.area_lines(scores.rules.groups[0].key)
    if not lines:
        return ""
    ranked = sorted(lines, key=lambda l: l.score.achievement, reverse=True)
    top, low = ranked[0], ranked[-1]
    return (f"Pada {scores.rules.groups[0].name.lower()}, capaian tertinggi terhadap bobot diraih area {top.label} "
            f"({fmt_percent(top.score.achievement)} persen) dan terendah pada area {low.label} "
            f"({fmt_percent(low.score.achievement)} persen).")


def closing_sentence(verdicts: tuple[Verdict, ...], unit: str) -> str:
    """Return what to do next: the first predicate not met, and the cheapest condition to close first."""
    for verdict in verdicts:
        if verdict.qualifies:
            continue
        first = verdict.unmet[0]
        if len(verdict.unmet) == 1 and first.gap is not None:
            return (f"Untuk memenuhi syarat {verdict.predicate.short}, {unit} hanya perlu menutup kekurangan "
                    f"{fmt_gap(first)} poin pada {condition_label(first)}; seluruh syarat lainnya telah terpenuhi.")
        if first.gap is None:
            return (f"Untuk memperoleh predikat {verdict.predicate.short}, {unit} terlebih dahulu perlu memperoleh "
                    f"predikat {first.earlier}.")
        return (f"Untuk memenuhi syarat {verdict.predicate.short}, perbaikan diarahkan terlebih dahulu pada "
                f"{condition_label(first)}, yang kekurangannya paling mudah ditutup ({fmt_gap(first)} poin), "
                f"kemudian pada syarat lain yang belum terpenuhi sesuai urutan pada Bab III.")
    return f"{unit} memenuhi syarat seluruh predikat dan perlu mempertahankan capaiannya."


def area_chart(scores: ZiScores) -> Chart | None:
    """Return the chart of each lever area's share of its weight, with each predicate's threshold line (None without
    lever areas)."""
    rules = scores.rules
    group = rules.groups[0].key
    lines = scores.area_lines(group)
    if not lines:
        return None
    thresholds = tuple(
        ChartLine(f"Ambang {p.short} ({format_number(c.minimum_percent, 0 if c.minimum_percent % 1 == 0 else 2)} %)",
                  float(c.minimum_percent))
        for p in rules.predicates for c in p.conditions if c.each_area == group)
    return Chart(tuple(wrap_label(line.label, 24) for line in lines),
                 (ChartSeries(f"Tahun {scores.year}", tuple(rounded(line.score.achievement) for line in lines)),),
                 "Capaian terhadap bobot (%)", "zi-area", maximum=100, horizontal=True, width_mm=150, height_mm=95,
                 lines=thresholds)


def build_zi_report(profile: Profile, sheet: ZiWorksheet, scores: ZiScores, verdicts: tuple[Verdict, ...],
                    options: ZiReportOptions) -> Document:
    """Return the ZI self-assessment report: cover, introduction, scores, verdicts, notes, closing."""
    rules, year, unit = scores.rules, scores.year, profile.full_name
    blocks: list[Block] = [
        para(TITLE.upper(), "sampul-judul"),
        para(TOWARDS.upper(), "sampul-teks"),
        para(f"TAHUN {year}", "sampul-teks"),
        para("", "sampul-jarak"),
    ]
    if profile.logo:
        blocks.append(Image(profile.logo, 45, style="sampul-logo"))
    blocks += [para("", "sampul-jarak"), *(para(line.upper(), "sampul-teks") for line in (profile.unit,
                                                                                           profile.ministry)),
               para(f"{profile.city.upper()}, {year}", "sampul-teks"), PageBreak()]

    b = Chapters()
    b.chapter_heading("Pendahuluan")
    declared = (f" {profile.short_name} telah mencanangkan pembangunan Zona Integritas pada tanggal "
                f"{format_date(options.declared)}." if options.declared else "")
    b.paragraphs(
        "Zona Integritas adalah predikat yang diberikan kepada instansi pemerintah yang pimpinan dan jajarannya "
        "mempunyai komitmen untuk mewujudkan Wilayah Bebas dari Korupsi (WBK) dan Wilayah Birokrasi Bersih dan "
        f"Melayani (WBBM) melalui reformasi birokrasi, khususnya dalam hal pencegahan korupsi dan peningkatan "
        f"kualitas pelayanan publik.{declared}",
        f"Laporan ini menyajikan hasil penilaian mandiri pembangunan Zona Integritas {unit} tahun {year} "
        f"berdasarkan {rules.name} tentang {rules.subject}, dari Lembar Kerja Evaluasi (LKE) Zona Integritas "
        "yang diisi unit beserta catatan dan bukti dukungnya. Nilai terdiri atas "
        + join_names([f"{g.name.lower()} (bobot {format_number(g.weight)})" for g in rules.groups])
        + "; setiap nilai survei (skala 0-4) dikonversi menjadi nilai dibagi 4 dikali bobotnya."
        + (" Nilai dalam laporan ini dihitung dari jawaban Tim Penilai Internal (TPI) pada LKE, bukan dari jawaban "
           "unit." if sheet.answered_by == "tpi" else ""))

    b.chapter_heading("Hasil Penilaian Mandiri")
    b.paragraphs(total_sentence(scores, profile.short_name), areas_sentence(scores))
    b.table(f"Nilai Penilaian Mandiri Zona Integritas Tahun {year}", score_table(scores))
    b.figure(f"Capaian Area Pengungkit terhadap Bobotnya dan Ambang Predikat Tahun {year} (%)", area_chart(scores))

    b.chapter_heading("Pemenuhan Syarat Predikat")
    for verdict in verdicts:
        p = verdict.predicate
        b.section_heading(f"Predikat {p.name} ({p.short})")
        b.paragraphs(verdict_sentence(verdict, profile.short_name))
        last = verdict is verdicts[-1]
        # the note under the last table stays with its last row; it cites only the year's rules
        b.table(f"Syarat Predikat {p.short} dan Pemenuhannya", verdict_table(verdict),
                f"Urutan: syarat yang belum terpenuhi, dimulai dari yang paling mudah ditutup (kekurangan poin "
                f"dibandingkan sisa bobot yang masih dapat diraih). Ambang batas menurut {rules.short}."
                if last else None)

    b.chapter_heading("Catatan Unit per Area")
    b.paragraphs("Catatan dan bukti dukung yang dituliskan unit pada LKE Zona Integritas untuk setiap area "
                 "adalah sebagai berikut.")
    for area in rules.areas:
        b.section_heading(area.name)
        notes = sheet.notes(area)
        if notes:
            b.numbered([n.rstrip(".;") + ";" for n in notes[:-1]] + [notes[-1].rstrip(".;") + "."])
        else:
            b.paragraphs("Tidak ada catatan.")

    b.chapter_heading("Penutup")
    b.paragraphs(closing_sentence(verdicts, profile.short_name),
                 "Demikian laporan penilaian mandiri ini disusun sebagai bahan evaluasi dan perbaikan "
                 "pembangunan Zona Integritas.")
    b.blocks.append(Signatures((signer_column(profile.head, (format_place_date(options.place, options.date),),
                                              main=True),), keep_with_previous=True))

    meta = DocumentMeta(title=f"{TITLE} Tahun {year}", author=unit, subject=f"{TITLE} {profile.short_name} {year}",
                        keywords=("Zona Integritas", "WBK", "WBBM", profile.short_name, str(year)), date=options.date)
    return italicized(Document(meta, page_setup(profile), tuple(blocks + b.blocks)))


# ---------------------------------------------------------------- the charter and the minutes


def build_charter(profile: Profile, ceremony: Ceremony, date: dt.date, place: str) -> Document:
    """Return the one-page charter: letterhead, title, commitment, place and date, the head, the witnesses."""
    unit = profile.full_name
    # "{unit}" in the year's text stands for the unit's name; any other brace is the unit's own text
    items = tuple(ListItem(f"{i}.", text.replace("{unit}", unit)) for i, text in enumerate(ceremony.charter, start=1))
    blocks: list[Block] = [
        letterhead(profile),
        para(CHARTER_TITLE.upper(), "judul-besar"),
        para(TOWARDS, "teks-tengah"),
        para(ceremony.charter_opening.replace("{unit}", unit)),
        NumberedList(items),
    ]
    # the head and the witnesses two a row, the first witness beside the head (its lines one lower, so that both
    # signature spaces align); the block stays with the commitments: never a page of only signatures
    head = signer_column(profile.head, (format_place_date(place, date),), main=True)
    witnesses = [signer_column(w, ("", "Menyaksikan,") if i == 1 else ("Menyaksikan,",))
                 for i, w in enumerate(ceremony.witnesses, start=1)]
    blocks += signature_grid(witnesses[:1] + [head] + witnesses[1:], keep_with_previous=True)
    meta = DocumentMeta(title=f"{CHARTER_TITLE} {profile.short_name}", author=unit,
                        subject=f"{CHARTER_TITLE} {unit}", keywords=("Zona Integritas", "Pencanangan",
                                                                     profile.short_name), date=date)
    return italicized(Document(meta, page_setup(profile, numbers_from=None), tuple(blocks)))


def pacts_phrase(count: int) -> str:
    """Return "62 (enam puluh dua)"."""
    return f"{format_number(count)} ({terbilang(count)})"


def build_minutes(profile: Profile, ceremony: Ceremony, date: dt.date, place: str, pacts: int | None,
                  number: str | None = None) -> Document:
    """Return the minutes of the declaration: its number, when (in words), where, who declared, who witnessed,
    what was signed."""
    unit, head = profile.full_name, profile.head
    venue = f", bertempat di {ceremony.venue}" if ceremony.venue else ""
    time = f", pukul {ceremony.time}" if ceremony.time else ""
    event = f" dalam rangka {ceremony.event}" if ceremony.event else ""
    blocks: list[Block] = [
        letterhead(profile),
        para(MINUTES_TITLE.upper(), "judul-besar"),
        para(TOWARDS, "teks-tengah"),
        *((para(f"Nomor: {number}", "teks-tengah"),) if number else ()),
        para(f"Pada hari ini {date_in_words(date)}{time}{venue}, telah dilaksanakan pencanangan pembangunan "
             f"Zona Integritas menuju Wilayah Bebas dari Korupsi (WBK) dan Wilayah Birokrasi Bersih dan Melayani "
             f"(WBBM) di lingkungan {unit}{event}."),
    ]
    if len(ceremony.witnesses) == 1:  # one witness in the sentence; several in a list
        witness = ceremony.witnesses[0]
        blocks.append(para(f"Pencanangan dinyatakan oleh {head.name}, {head.office}, dan disaksikan oleh "
                           f"{witness.name}, {witness.office}."))
    else:
        blocks.append(para(f"Pencanangan dinyatakan oleh {head.name}, {head.office}"
                           + (", dan disaksikan oleh:" if ceremony.witnesses else ".")))
    if len(ceremony.witnesses) > 1:
        blocks.append(NumberedList(tuple(ListItem(f"{i}.", f"{w.name}, {w.office}" + (";" if i < len(ceremony.witnesses)
                                                                                       else "."))
                                         for i, w in enumerate(ceremony.witnesses, start=1))))
    if ceremony.present:
        blocks.append(para(f"Pencanangan dihadiri pula oleh perwakilan {join_names(list(ceremony.present))}."))
    signed = [f"{CHARTER_TITLE} oleh {head.office}"]
    if pacts:
        signed.append(f"Pakta Integritas oleh {pacts_phrase(pacts)} pejabat dan pegawai di lingkungan {unit}")
    else:
        signed.append(f"Pakta Integritas oleh pejabat dan pegawai di lingkungan {unit}")
    blocks += [
        para("Dalam pencanangan tersebut telah ditandatangani:"),
        NumberedList(tuple(ListItem(f"{i}.", text + (";" if i < len(signed) else "."))
                           for i, text in enumerate(signed, start=1))),
        para("Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."),
    ]
    declarer = signer_column(head, (format_place_date(place, date), "Yang menyatakan,"), main=True)
    # two signers a row (a NIP or a name never wraps in a narrow column): the first witness beside the head,
    # the others below, from the left; the block stays with "Demikian ..." (never a page of only signatures)
    def label(i: int) -> str:
        return "Saksi," if len(ceremony.witnesses) == 1 else f"Saksi {i},"

    # the first witness's lines start one lower, beside the place and date: both signature spaces align
    witnesses = [signer_column(w, ("", label(i)) if i == 1 else (label(i),))
                 for i, w in enumerate(ceremony.witnesses, start=1)]
    blocks += signature_grid(witnesses[:1] + [declarer] + witnesses[1:], keep_with_previous=True)
    meta = DocumentMeta(title=f"{MINUTES_TITLE} {profile.short_name}", author=unit,
                        subject=f"{MINUTES_TITLE} {unit}", keywords=("Zona Integritas", "Berita Acara",
                                                                     profile.short_name) + ((number,) if number else ()),
                        date=date)
    return italicized(Document(meta, page_setup(profile, numbers_from=None), tuple(blocks)))
