"""Compute a year's PMPRB score table (`reportgen score YEAR`) and write it as text, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from reportgen.scoring.pmprb import YearSummary, category_of, fmt_change, fmt_percent, fmt_score, rounded

def score_records(summary: YearSummary) -> list[dict]:
    """Return one plain record per line of the table, numbers rounded as printed (for CSV and JSON)."""
    records = []
    for line in summary.lines:
        previous = line.previous
        records.append({
            "kunci": line.key,
            "tingkat": line.level,
            "area": line.area.number if line.area else None,
            "nama_area": line.area.name if line.area else None,
            "komponen": line.component.name if line.component else None,
            "uraian": line.label,
            "nilai": rounded(line.current.score),
            "bobot": rounded(line.current.weight),
            "capaian_persen": rounded(line.current.achievement),
            "nilai_sebelumnya": rounded(previous.score) if previous else None,
            "bobot_sebelumnya": rounded(previous.weight) if previous else None,
            "capaian_persen_sebelumnya": rounded(previous.achievement) if previous else None,
            "perubahan_nilai": rounded(line.change),
            "perubahan_capaian_poin": rounded(line.achievement_change),
            "dibandingkan_dari": "capaian" if line.by_achievement else "nilai",
        })
    return records


def score_json(summary: YearSummary) -> str:
    """Return the score table as JSON text."""
    previous = summary.previous_category
    category = summary.category
    data = {
        "tahun": summary.year,
        "tahun_sebelumnya": summary.previous_year,
        "sumber": summary.source,
        "aturan": summary.rules.short,
        "aturan_tahun_sebelumnya": summary.previous_rules.short if summary.previous_rules else None,
        "catatan_perbandingan": summary.comparison_note(),
        "indeks": rounded(summary.index.current.score) if summary.complete else None,
        "capaian_persen": rounded(summary.index.current.achievement),
        "kategori": {"kode": category.code, "nama": category.name} if category else None,
        "alasan_tanpa_kategori": summary.incomplete_reason(),
        "kategori_sebelumnya": {"kode": previous.code, "nama": previous.name} if previous else None,
        "indeks_per_tahun": {str(y): rounded(s.score) for y, s in summary.index_by_year.items()},
        "baris": score_records(summary),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def score_csv(summary: YearSummary) -> str:
    """Return the score table as CSV text (comma-separated, decimal point, one row per line)."""
    records = score_records(summary)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["tahun", *records[0].keys()], lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({"tahun": summary.year, **{k: "" if v is None else v for k, v in record.items()}})
    return out.getvalue()


def score_text(summary: YearSummary) -> str:
    """Return the score table as aligned text for the terminal, numbers in Indonesian format."""
    prev = summary.previous_year
    changed = summary.regulation_changed
    head = ["Uraian", "Nilai", "Bobot", "Capaian (%)",
            (f"Capaian {prev} (%)" if changed else f"Nilai {prev}") if prev else "Nilai lalu",
            "Perubahan (poin %)" if changed else "Perubahan"]
    rows = []
    for line in summary.lines:
        indent = "    " if line.level == "komponen" else ""
        before = "-" if line.previous is None else \
            fmt_percent(line.previous.achievement) if changed else fmt_score(line.previous.score)
        rows.append([indent + line.label, fmt_score(line.current.score), fmt_score(line.current.weight),
                     fmt_percent(line.current.achievement), before, fmt_change(line.shown_change)])
        if line.key in ("area-8/reform", "pengungkit", "hasil"):
            rows.append(None)
    widths = [max(len(r[i]) for r in rows + [head] if r) for i in range(len(head))]

    def fmt(cells):
        return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))

    rule = "-" * len(fmt(head))
    out = [f"Nilai PMPRB tahun {summary.year} ({summary.source}), menurut {summary.rules.short}", rule, fmt(head),
           rule]
    for row in rows:
        out.append(rule if row is None else fmt(row))
    out.append(rule)
    trend = "; ".join(f"{y} {fmt_score(s.score)} ({category_of(s.achievement).code})"
                      for y, s in summary.index_by_year.items())
    if trend:
        out.append(f"Indeks per tahun: {trend}")
    category = summary.category
    if category is None:
        total = summary.index
        text = (f"{total.label} {summary.year}: {fmt_score(total.current.score)} dari "
                f"{fmt_score(total.current.weight)} (capaian {fmt_percent(total.current.achievement)} persen)."
                f"\nCatatan: {summary.incomplete_reason()}")
    else:
        text = f"Kategori indeks {summary.year}: {category.code} ({category.name})"
        if summary.previous_category:
            previous = summary.previous_category
            text += (f"; tahun {prev}: {previous.code} ({previous.name}), indeks "
                     f"{fmt_score(summary.index.previous.score)}")
        weight = summary.index.current.weight
        if weight != summary.rules.index_weight:
            text += (f"\nCatatan: jumlah bobot {fmt_score(weight)}, bukan {fmt_score(summary.rules.index_weight)}; "
                     f"kategori ditentukan dari capaian indeks ({fmt_percent(summary.index.current.achievement)} "
                     "persen)")
    if summary.regulation_changed:
        text += f"\nCatatan: {summary.comparison_note()}"
    out.append(text)
    return "\n".join(out) + "\n"
