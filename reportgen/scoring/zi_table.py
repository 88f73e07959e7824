"""Write the ZI score table and verdicts (`reportgen zi YEAR`) as text, CSV or JSON, and the verdict's sentences."""

from __future__ import annotations

import csv
import io
import json

from reportgen.conventions.numbers import format_number
from reportgen.scoring.pmprb import fmt_percent, fmt_score, rounded
from reportgen.scoring.zona_integritas import Condition, Verdict, ZiScores


def fmt_threshold(condition: Condition) -> str:
    """Return a condition's threshold as printed: "75,00", "60 %", "WBK"."""
    if condition.unit == "predikat":
        return condition.earlier or "-"
    if condition.unit == "persen":
        decimals = 0 if condition.threshold == condition.threshold.to_integral_value() else 2
        return f"{format_number(condition.threshold, decimals)} %"
    return fmt_score(condition.threshold)


def fmt_value(condition: Condition) -> str:
    """Return the unit's value as printed: "74,20", "50,00 %", "belum"/"sudah"."""
    if condition.unit == "predikat":
        return "sudah" if condition.met else "belum"
    if condition.unit == "persen":
        return f"{fmt_percent(condition.value)} %"
    return fmt_score(condition.value)


def fmt_gap(condition: Condition) -> str:
    """Return the points missing ("0,80"), "-" for a met condition or one points cannot close."""
    return "-" if condition.gap is None else fmt_score(condition.gap)


def condition_label(condition: Condition) -> str:
    """Return what a condition measures as the verdict table names it."""
    if condition.unit == "persen":
        return f"Area {condition.label} (persen dari bobot)"
    return condition.label


def _reason(condition: Condition) -> str:
    if condition.unit == "predikat":
        return f"belum memperoleh predikat {condition.earlier}"
    if condition.unit == "persen":
        decimals = 0 if condition.threshold == condition.threshold.to_integral_value() else 2
        return (f"area {condition.label} baru mencapai {fmt_percent(condition.value)} persen dari bobotnya, "
                f"kurang {fmt_score(condition.gap)} poin dari paling rendah "
                f"{format_number(condition.threshold, decimals)} persen")
    label = condition.label
    if condition.key == "total":
        named = label.lower()
    else:
        named = label[0].lower() + label[1:] if label.casefold().startswith("nilai") else f"nilai {label}"
    return (f"{named} {fmt_score(condition.value)} kurang {fmt_score(condition.gap)} poin "
            f"dari paling rendah {fmt_score(condition.threshold)}")


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + "; dan " + parts[-1]


def verdict_sentence(verdict: Verdict, unit: str = "Unit") -> str:
    """Return the verdict as one sentence: met, or every unmet condition, the cheapest to close first."""
    predicate = verdict.predicate
    if verdict.qualifies:
        return (f"{unit} memenuhi seluruh {len(verdict.conditions)} syarat predikat {predicate.short} "
                f"({predicate.name}).")
    return f"{unit} belum memenuhi syarat {predicate.short} karena {_join([_reason(c) for c in verdict.unmet])}."


# ---------------------------------------------------------------- machine-readable


def _score_records(scores: ZiScores) -> list[dict]:
    return [{"kunci": line.key, "tingkat": line.level,
             "area": line.area.name if line.area else None, "bagian": line.part.name if line.part else None,
             "uraian": line.label, "bobot": rounded(line.score.weight), "nilai": rounded(line.score.score),
             "persen_bobot": rounded(line.score.achievement)} for line in scores.lines]


def _condition_record(predicate: str, c: Condition) -> dict:
    number = c.unit != "predikat"
    return {"predikat": predicate, "syarat": c.key, "uraian": condition_label(c), "satuan": c.unit,
            "ambang": rounded(c.threshold) if number else c.earlier,
            "nilai_unit": rounded(c.value) if number else ("sudah" if c.met else "belum"),
            "terpenuhi": c.met, "kurang_poin": rounded(c.gap),
            "sisa_bobot": rounded(c.room) if c.room is not None else None}


def zi_json(scores: ZiScores, verdicts: tuple[Verdict, ...]) -> str:
    """Return the score table and the verdicts as JSON text."""
    data = {
        "tahun": scores.year, "sumber": scores.source, "aturan": scores.rules.short, "jawaban": scores.answered_by,
        "catatan_ambang": scores.rules.threshold_note,
        "nilai_total": rounded(scores.total.score),
        "baris": _score_records(scores),
        "predikat": [{"kunci": v.predicate.key, "predikat": v.predicate.short, "nama": v.predicate.name,
                      "memenuhi": v.qualifies, "kalimat": verdict_sentence(v),
                      "syarat": [_condition_record(v.predicate.short, c) for c in v.conditions],
                      "urutan_termudah": [c.key for c in v.unmet]} for v in verdicts],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def zi_csv(scores: ZiScores, verdicts: tuple[Verdict, ...]) -> str:
    """Return the score table and the conditions as CSV text: one row per line, then one per condition."""
    out = io.StringIO()
    fields = ["jenis", "kunci", "uraian", "bobot", "nilai", "persen_bobot", "predikat", "ambang", "terpenuhi",
              "kurang_poin", "urutan_termudah"]
    writer = csv.DictWriter(out, fieldnames=["tahun", *fields], lineterminator="\n")
    writer.writeheader()
    for r in _score_records(scores):
        writer.writerow({"tahun": scores.year, "jenis": "nilai", "kunci": r["kunci"], "uraian": r["uraian"],
                         "bobot": r["bobot"], "nilai": r["nilai"], "persen_bobot": r["persen_bobot"]})
    for v in verdicts:
        order = {c.key: i for i, c in enumerate(v.unmet, start=1)}
        for c in v.conditions:
            r = _condition_record(v.predicate.short, c)
            writer.writerow({"tahun": scores.year, "jenis": "syarat", "kunci": c.key, "uraian": r["uraian"],
                             "bobot": rounded(c.weight) if c.weight is not None else "",
                             "nilai": "" if r["nilai_unit"] is None else r["nilai_unit"],
                             "predikat": v.predicate.short, "ambang": r["ambang"],
                             "terpenuhi": "ya" if c.met else "tidak",
                             "kurang_poin": "" if r["kurang_poin"] is None else r["kurang_poin"],
                             "urutan_termudah": order.get(c.key, "")})
    return out.getvalue()


# ---------------------------------------------------------------- terminal


def _aligned(head: list[str], rows: list[list[str] | None]) -> list[str]:
    widths = [max(len(r[i]) for r in rows + [head] if r) for i in range(len(head))]

    def fmt(cells):
        return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))

    rule = "-" * len(fmt(head))
    return [rule, fmt(head), rule] + [rule if r is None else fmt(r) for r in rows] + [rule]


def zi_text(scores: ZiScores, verdicts: tuple[Verdict, ...]) -> str:
    """Return the score table and each verdict as aligned text for the terminal, numbers in Indonesian format."""
    rows: list[list[str] | None] = []
    for line in scores.lines:
        indent = "    " if line.level == "bagian" else ""
        rows.append([indent + line.label, fmt_score(line.score.weight), fmt_score(line.score.score),
                     fmt_percent(line.score.achievement)])
        if line.level == "kelompok":
            rows.append(None)
    out = [f"Penilaian Mandiri Zona Integritas tahun {scores.year} ({scores.source}), menurut {scores.rules.short}"]
    if scores.answered_by == "tpi":
        out.append("Nilai dihitung dari jawaban Tim Penilai Internal (TPI), bukan dari jawaban unit.")
    out += _aligned(["Uraian", "Bobot", "Nilai", "% Bobot"], rows)
    for verdict in verdicts:
        p = verdict.predicate
        out.append("")
        out.append(f"Predikat {p.short} ({p.name}): {'MEMENUHI' if verdict.qualifies else 'BELUM MEMENUHI'}")
        order = {c.key: i for i, c in enumerate(verdict.unmet, start=1)}
        rows = [[condition_label(c), fmt_threshold(c), fmt_value(c), "ya" if c.met else "tidak", fmt_gap(c),
                 str(order[c.key]) if c.key in order else ""] for c in verdict.conditions]
        out += _aligned(["Syarat", "Ambang", "Nilai unit", "Terpenuhi", "Kurang (poin)", "Urutan"], rows)
        out.append(verdict_sentence(verdict))
    out.append("")
    out.append("Urutan: syarat yang belum terpenuhi, dari yang paling mudah ditutup (kekurangan poin dibanding "
               "sisa bobot yang masih dapat diraih).")
    if scores.rules.threshold_note:
        out.append(f"Catatan: {scores.rules.threshold_note}")
    return "\n".join(out) + "\n"

