"""The official worksheets as units receive them (issue 22): the LKE PMPRB of PermenPAN-RB 26/2020 and the LKE
Zona Integritas of PermenPAN-RB 90/2021 in their own layout, unedited, give the hand-computed scores; what
cannot be read is refused once, naming its cell."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import run_cli
from official_layouts import make_lke_pmprb_official, make_lke_zi_official, patch_values
from reportgen.errors import ProblemCollector
from reportgen.inputs.schemas.assessment import load_assessment
from reportgen.inputs.schemas.zi import load_lke_zi, load_zi_rules
from reportgen.scoring.forms import form_rules, forms
from reportgen.scoring.pmprb import fmt_score, summarize
from reportgen.scoring.zona_integritas import judge_all, score_worksheet


def _pmprb(path: Path, year: int = 2021):
    problems = ProblemCollector()
    assessment = load_assessment(path, None, year, problems)
    return assessment, problems


def _zi(path: Path, year: int | None = 2021, answers: str = "unit"):
    problems = ProblemCollector()
    sheet = load_lke_zi(path, None, load_zi_rules(None, problems), year, problems, answers=answers)
    return sheet, problems


def _errors(problems: ProblemCollector) -> list[str]:
    return [str(p) for p in problems.problems if not p.warning]


def _warnings(problems: ProblemCollector) -> str:
    return "\n".join(str(p) for p in problems.warnings)


# ---------------------------------------------------------------- LKE PMPRB (PermenPAN-RB 26/2020)


def test_an_lke_pmprb_in_its_official_layout_scores_as_by_hand(tmp_path):
    assessment, problems = _pmprb(make_lke_pmprb_official(tmp_path / "lke.xlsx"))
    assert _errors(problems) == []
    summary = summarize(assessment, 2021)
    score = {line.key: line.current.score for line in summary.lines}
    # Area 1 Pemenuhan: "Tim RB" (0,5): Ya 1 and A-D B 0,67 -> mean 0,835 x 0,5 = 0,4175; "Road Map" (1,5):
    # A-C "a" 1 and 80 % (the formula E/E over its Jumlah rows 200/250, saved 0,8 and shown as %) -> 0,9 x 1,5
    # = 1,35. 0,4175 + 1,35 = 1,7675 of 2.
    assert score["area-1/pemenuhan"] == D("1.7675")
    # Area 2 Pemenuhan: A-E "b." (a dot, lower case) 0,75 x 1 = 0,75; Hasil Antara "- Indeks Kualitas
    # Kebijakan" carries its own weight 1: Nilai (0-100) 80 -> 0,8.
    assert (score["area-2/pemenuhan"], score["area-2/hasil_antara"]) == (D("0.75"), D("0.8"))
    # Area 4 Pemenuhan: 85 % typed as 0,85 formatted as a percentage -> 0,85 x 2 = 1,70; Hasil Antara
    # Nilai (0-5) 3,5 -> 0,7 x 1 = 0,70.
    assert (score["area-4/pemenuhan"], score["area-4/hasil_antara"]) == (D("1.7"), D("0.7"))
    # Area 5 Pemenuhan: a plain 1 in a percentage item is 100 % -> 3; A-E "c" 0,5 x 2 = 1. 4,00 of 5.
    assert score["area-5/pemenuhan"] == D("4")
    # Area 7 Pemenuhan: Ya 1 x 2 = 2; "Penanganan LHKPN dan LHKASN" (2) is two sub-indicators of weight 1:
    # LHKPN 36 of 40 = 90 % (formula) x 1 = 0,9 and LHKASN 75 % x 1 = 0,75 -> 1,65. 3,65 of 4.
    # Hasil Antara: SPIP "Level 3" and APIP 3 (Level (1-5), level / 5 = 0,6) x 0,75 each = 0,90 of 1,5.
    assert (score["area-7/pemenuhan"], score["area-7/hasil_antara"]) == (D("3.65"), D("0.9"))
    # Area 8 Reform: A-D B 0,67 x 4 = 2,68
    assert score["area-8/reform"] == D("2.68")
    # per area (Pemenuhan + Hasil Antara + Reform), as printed:
    # 1: 1,7675 + 1,5 = 3,27 of 5; 2: 0,75 + 0,8 + 2 = 3,55 of 4; 3: 0,5 + 0,7 + 1,5 = 2,70 of 6;
    # 4: 1,7 + 0,7 + 2,25 = 4,65 of 6; 5: 4 + 1,5 + 4,8 = 10,30 of 13; 6: 2 + 1,7 + 4,5 = 8,20 of 9;
    # 7: 3,65 + 0,9 + 4 = 8,55 of 9,5; 8: 0,66 + 1,2 + 2,68 = 4,54 of 7,5
    areas = [(fmt_score(l.current.score), fmt_score(l.current.weight)) for l in summary.area_lines()]
    assert areas == [("3,27", "5,00"), ("3,55", "4,00"), ("2,70", "6,00"), ("4,65", "6,00"), ("10,30", "13,00"),
                     ("8,20", "9,00"), ("8,55", "9,50"), ("4,54", "7,50")]
    # Pemenuhan 15,0275 of 20; Hasil Antara 7,5 of 10; Reform 23,23 of 30; Pengungkit 45,7575 of 60
    assert (score["pengungkit/pemenuhan"], score["pengungkit/hasil_antara"], score["pengungkit/reform"]) == \
        (D("15.0275"), D("7.5"), D("23.23"))
    assert score["pengungkit"] == D("45.7575")
    # Hasil, named as the form names its items: Opini BPK WTP 1 x 4 + Nilai SAKIP 72,5 / 100 x 6 = 4,35 -> 8,35;
    # Indeks Persepsi Kualitas Pelayanan 3,4 / 4 x 10 = 8,5; Indeks Persepsi Anti Korupsi (no answer kind in its
    # row: Nilai (0-4) as the form's rules say) 3,6 / 4 x 10 = 9; Capaian Kinerja Organisasi 88 % x 10 = 8,8
    assert [(summary.line(f"hasil/{c.key}").label, summary.line(f"hasil/{c.key}").current.score)
            for c in summary.group_components("hasil")] == [
        ("Akuntabilitas Kinerja dan Keuangan", D("8.35")), ("Kualitas Pelayanan Publik", D("8.5")),
        ("Pemerintah yang Bersih dan Bebas KKN", D("9")), ("Kinerja Organisasi", D("8.8"))]
    # index 45,7575 + 34,65 = 80,4075 of 100, printed 80,41: category A (above 80)
    assert (summary.index.current.score, summary.index.current.weight) == (D("80.4075"), D("100"))
    assert fmt_score(summary.index.current.score) == "80,41"
    assert summary.category.code == "A" and summary.category.name == "Memuaskan"
    # the weights are those of 26/2020: no warning about them; the REKAP sheet is not read as items
    text = _warnings(problems)
    assert "jumlah bobot" not in text and "bobot baris" not in text
    assert "lembar 'REKAP' adalah ringkasan atau petunjuk dan tidak dibaca sebagai butir" in text
    assert ("LKE PMPRB dibaca dalam bentuk resminya: judul kolom baris 6-7; tahun 2021 dari judul (baris 4); "
            "jawaban unit (kolom 'PENILAIAN MANDIRI JAWABAN')") in text
    assert "baris 104 ('TOTAL') dan di bawahnya tidak dibaca" in text


def test_the_year_comes_from_the_title_and_another_year_is_named(tmp_path):
    path = make_lke_pmprb_official(tmp_path / "lke.xlsx", year=2020)
    assessment, problems = _pmprb(path, 2021)
    assert assessment.years == (2020,)
    (error,) = _errors(problems)
    assert "tidak ada nilai untuk tahun laporan 2021; tahun yang ada: 2020; judul lembar 'LKE' (baris 4) " \
           "menyebut tahun 2020" in error


def _rows(path: Path) -> dict[str, int]:
    ws = load_workbook(path)["LKE"]
    return {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}


def _edit(path: Path, values: dict[str, object]) -> Path:
    """Change cells of a saved LKE, then give its formulas (E = E / E over their Jumlah rows) the results Excel
    would save: openpyxl writes every formula without one."""
    wb = load_workbook(path)
    ws = wb["LKE"]
    for ref, value in values.items():
        ws[ref] = value
    wb.save(path)
    saved = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("=E"):
                above, below = (int(p[1:]) for p in cell.value[1:].split("/"))
                saved[cell.coordinate] = str(ws[f"E{above}"].value / ws[f"E{below}"].value)
    patch_values(path, saved)
    return path


def test_percentages_above_100_and_answers_off_their_kind_name_their_cell(tmp_path):
    path = make_lke_pmprb_official(tmp_path / "lke.xlsx", rekap=False)
    rows = _rows(path)
    merit, opini, spip = (rows[t] for t in ("Persentase jabatan yang diisi melalui sistem merit", "Opini BPK",
                                            "Tingkat Maturitas SPIP"))
    # 120 % is refused, never capped at 100; BPK's opinion written A-D (B is WDP) is an answer of its kind;
    # there is no level 6
    _, problems = _pmprb(_edit(path, {f"E{merit}": 120, f"E{opini}": "B", f"E{spip}": 6}))
    errors = _errors(problems)
    assert len(errors) == 2
    text = "\n".join(errors)
    assert f"baris {merit}, kolom 'PENILAIAN MANDIRI JAWABAN': ditemukan '120'; sel E{merit}: jawaban 120 di atas " \
           "100; jenis jawaban '%' diharapkan angka 0 sampai 100" in text
    assert f"baris {spip}, kolom 'PENILAIAN MANDIRI JAWABAN': ditemukan '6'; sel E{spip}: jawaban 6 di atas 5" in text


def test_a_formula_without_its_saved_result_names_its_cell(tmp_path):
    path = make_lke_pmprb_official(tmp_path / "lke.xlsx", rekap=False)
    row = _rows(path)["Persentase pegawai yang mengikuti sosialisasi road map"]
    wb = load_workbook(path)
    wb.save(path)  # openpyxl saves every formula without its result, as a program that does not compute them
    _, problems = _pmprb(path)
    errors = _errors(problems)
    assert f"baris {row}, kolom 'PENILAIAN MANDIRI JAWABAN': sel E{row} (jawaban) berisi rumus tanpa hasil " \
           "hitungan yang tersimpan; buka dan simpan sekali di Excel" in "\n".join(errors)
    # the two answers computed by a formula; the TOTAL row's formulas are not read
    assert len(errors) == 2 and all("rumus tanpa hasil" in e for e in errors)


def test_a_sheet_of_neither_layout_is_one_problem_naming_its_rows(tmp_path):
    wb = load_workbook(make_lke_pmprb_official(tmp_path / "lke.xlsx", rekap=False))
    ws = wb["LKE"]
    ws["C6"] = "NILAI MAKSIMAL"  # the header has no Bobot column any more
    wb.save(tmp_path / "lke.xlsx")
    _, problems = _pmprb(tmp_path / "lke.xlsx")
    (error,) = _errors(problems)
    assert ("bentuk lembar penilaian tidak dikenali pada lembar 'LKE' (judulnya di baris 1 menyebut lembar kerja "
            "evaluasi, tetapi judul kolomnya tidak ditemukan): judul kolom dicari pada baris 1-30") in error
    assert "Yang ditemukan: baris 1: 'LEMBAR KERJA EVALUASI (LKE)'; baris 2:" in error
    assert "baris 6: 'NO', 'KOMPONEN/SUB KOMPONEN/INDIKATOR', 'NILAI MAKSIMAL', 'PILIHAN JAWABAN'" in error


# ---------------------------------------------------------------- LKE Zona Integritas (PermenPAN-RB 90/2021)


def test_an_lke_zi_in_its_official_layout_gives_the_hand_computed_scores_and_verdicts(tmp_path):
    sheet, problems = _zi(make_lke_zi_official(tmp_path / "lke-zi.xlsx"))
    assert _errors(problems) == []
    scores = score_worksheet(sheet)
    s = {line.key: line.score.score for line in scores.lines}
    # PEMENUHAN, per area (the unit's answers):
    # MP: "Penyusunan Tim Kerja" (1,5): Ya 1, A/B/C "b" 0,5 -> 0,75 x 1,5 = 1,125; "Rencana" (2,5): "YA" 1 and
    #     8 of 10 activities (the formula over the two Jumlah rows, saved 0,8) -> 0,9 x 2,5 = 2,25. 3,375 of 4.
    # Tatalaksana: A/B/C/D "A." 1 and "b" 0,67 -> 0,835 x 3,5 = 2,9225 of 3,5.
    # SDM: A 1 x 2 (a weight cell =5*0,4, saved 2) = 2; a plain 0,75 in a percentage item is 75 % x 3 = 2,25.
    #     4,25 of 5.
    # Akuntabilitas: A 1 x 2,5 = 2,5; "Pengelolaan Akuntabilitas Kinerja" (2,5) in two sub-indicators: Dokumen
    #     Perencanaan (1,5): Ya 1, B 0,5 -> 0,75 x 1,5 = 1,125; Pelaporan (1): Ya 1 x 1 = 1. 4,625 of 5.
    # Pengawasan: A 1, B 0,5 -> 0,75 x 3,5 = 2,625; 85 % x 4 = 3,4. 6,025 of 7,5.
    # Pelayanan: Ya 1, A-E "b." 0,75 -> 0,875 x 5 = 4,375 of 5.
    assert [s[f"{a}/pemenuhan"] for a in ("manajemen_perubahan", "tatalaksana", "sdm", "akuntabilitas",
                                          "pengawasan", "pelayanan_publik")] == \
        [D("3.375"), D("2.9225"), D("4.25"), D("4.625"), D("6.025"), D("4.375")]
    # REFORM: MP A 1 x 4 = 4; Tatalaksana A x 3,5 = 3,5; SDM A-E "c" 0,5 x 5 = 2,5; Akuntabilitas 92 % (a formula
    # saved 0,92, shown as %) x 5 = 4,6; Pengawasan 80 % x 7,5 = 6; Pelayanan A x 5 = 5
    assert [s[f"{a}/reform"] for a in ("manajemen_perubahan", "tatalaksana", "sdm", "akuntabilitas",
                                       "pengawasan", "pelayanan_publik")] == \
        [D("4"), D("3.5"), D("2.5"), D("4.6"), D("6"), D("5")]
    # per area, of its weight: MP 7,375 / 8 = 92,19 %; Tatalaksana 6,4225 / 7 = 91,75 %; SDM 6,75 / 10 = 67,50 %;
    # Akuntabilitas 9,225 / 10 = 92,25 %; Pengawasan 12,025 / 15 = 80,17 %; Pelayanan 9,375 / 10 = 93,75 %
    assert [(fmt_score(l.score.score), fmt_score(l.score.achievement)) for l in scores.area_lines("pengungkit")] == \
        [("7,38", "92,19"), ("6,42", "91,75"), ("6,75", "67,50"), ("9,23", "92,25"), ("12,03", "80,17"),
         ("9,38", "93,75")]
    # Pengungkit 25,5725 + 25,6 = 51,1725
    assert s["pengungkit"] == D("51.1725")
    # HASIL, named as the form names its rows: "Nilai Survei Persepsi Korupsi (Survei Eksternal)" (17,5, no answer
    # kind in its row: Nilai (0-4)) 3,7 / 4 x 17,5 = 16,1875; "Capaian Kinerja Lebih Baik dari pada ..." 80 % x 5
    # = 4; Birokrasi Bersih 20,1875. "Nilai Persepsi Kualitas Pelayanan" 3,6 / 4 x 17,5 = 15,75.
    assert (s["bersih/ipak"], s["bersih/kinerja"], s["bersih"], s["prima/ipkp"]) == \
        (D("16.1875"), D("4"), D("20.1875"), D("15.75"))
    # total 51,1725 + 35,9375 = 87,11
    assert s["hasil"] == D("35.9375") and s["total"] == D("87.11")
    wbk, wbbm = judge_all(scores)
    # WBK: 87,11 >= 75, 51,17 >= 40, every area >= 60 % (lowest SDM 67,50), 20,19 >= 18,25, IPAK 16,19 >= 15,75,
    # Capaian 4 >= 2,50, Prima 15,75 >= 14
    assert wbk.qualifies
    # WBBM: SDM 67,50 % < 75 % (75 % of 10 = 7,50; 7,50 - 6,75 = 0,75 points short) and not yet WBK
    assert [(c.key, c.gap) for c in wbbm.unmet] == [("sdm%", D("0.75")), ("predikat-wbk", None)]
    assert sheet.answered_by == "unit" and sheet.year == 2021
    notes = sheet.notes(sheet.rules.area("manajemen_perubahan"))
    assert notes == ["Penyusunan Tim Kerja: SK Tim Kerja ZI Nomor 800-1512 Tahun 2021",
                     "Rencana Pembangunan Zona Integritas: 8 dari 10 kegiatan"]
    text = _warnings(problems)
    assert "kolom 'JAWABAN TPI' (jawaban Tim Penilai Internal) tidak dibaca" in text
    assert "baris 72 ('NILAI HASIL EVALUASI') dan di bawahnya tidak dibaca" in text


def test_the_evaluators_answers_when_asked_and_the_report_says_whose(tmp_path):
    sheet, problems = _zi(make_lke_zi_official(tmp_path / "lke-zi.xlsx"), answers="tpi")
    assert _errors(problems) == []
    scores = score_worksheet(sheet)
    s = {line.key: line.score.score for line in scores.lines}
    # the TPI column: Pemenuhan MP 0,5 x 1,5 + (1 + 0,6) / 2 x 2,5 = 0,75 + 2 = 2,75; Tatalaksana 0,67 x 3,5 =
    # 2,345; SDM 2 + 0,5 x 3 = 3,5; Akuntabilitas 0,5 x 2,5 + 1,125 + 0 = 2,375; Pengawasan 0,5 x 3,5 + 0,7 x 4
    # = 4,55; Pelayanan 0,75 x 5 = 3,75 -> 19,27. Reform 2 + 3,5 + 1,25 + 4,6 + 6 + 3,75 = 21,1.
    # Hasil: 3,6 / 4 x 17,5 = 15,75; 60 % x 5 = 3; 3,2 / 4 x 17,5 = 14 -> 32,75. Total 40,37 + 32,75 = 73,12
    assert (s["pengungkit"], s["hasil"], s["total"]) == (D("40.37"), D("32.75"), D("73.12"))
    wbk, _ = judge_all(scores)
    assert not wbk.qualifies
    # MP 4,75 / 8 = 59,375 % < 60 %; total 73,12 < 75; SDM 4,75 / 10 = 47,50 % < 60 %
    assert sorted(c.key for c in wbk.unmet) == ["manajemen_perubahan%", "sdm%", "total"]
    assert scores.answered_by == "tpi"
    assert "jawaban Tim Penilai Internal (TPI) (kolom 'JAWABAN TPI')" in _warnings(problems)


def test_the_cli_and_the_report_say_whose_answers(tmp_path):
    from reportgen.inputs.profile import load_profile
    from reportgen.model.zi import ZiReportOptions, build_zi_report
    from conftest import ROOT

    path = make_lke_zi_official(tmp_path / "lke-zi.xlsx")
    result = run_cli("zi", "2021", "--inputs", ROOT / "inputs", "--lke", path, "--jawaban-tpi")
    assert result.exit_code == 0, result.output
    assert "Nilai dihitung dari jawaban Tim Penilai Internal (TPI), bukan dari jawaban unit." in result.output
    assert "Nilai Total" in result.output and "73,12" in result.output
    data = json.loads(run_cli("zi", "2021", "--inputs", ROOT / "inputs", "--lke", path, "--json", "-").output)
    assert data["jawaban"] == "unit" and data["nilai_total"] == 87.11
    sheet, _ = _zi(path, answers="tpi")
    scores = score_worksheet(sheet)
    document = build_zi_report(load_profile(ROOT / "inputs" / "unit.yaml"), sheet, scores, judge_all(scores),
                               ZiReportOptions(dt.date(2021, 12, 31), "Jakarta"))
    assert "dihitung dari jawaban Tim Penilai Internal (TPI) pada LKE, bukan dari jawaban unit" in repr(document)


def test_the_year_from_the_title_and_a_mismatch_naming_both(tmp_path):
    path = make_lke_zi_official(tmp_path / "lke-zi.xlsx", year=2020)
    sheet, problems = _zi(path, year=None)
    assert sheet.year == 2020 and _errors(problems) == []
    _, problems = _zi(path, year=2021)
    (error,) = _errors(problems)
    assert "baris 3: ditemukan '2020'; judul lembar kerja menyebut tahun 2020, sedangkan yang diminta tahun 2021" \
        in error


def test_a_formula_without_its_result_in_the_lke_zi(tmp_path):
    # J16 is "=J18/J17", the percentage of activities carried out as planned
    sheet, problems = _zi(make_lke_zi_official(tmp_path / "lke-zi.xlsx", pending="J16"))
    (error,) = _errors(problems)
    assert ("baris 16, kolom 'JAWABAN UNIT': sel J16 (jawaban) berisi rumus tanpa hasil hitungan yang tersimpan; "
            "buka dan simpan sekali di Excel") in error


def test_an_unreadable_lke_zi_is_one_problem_without_follow_ons(tmp_path):
    path = make_lke_zi_official(tmp_path / "lke-zi.xlsx")
    wb = load_workbook(path)
    wb.active["I5"] = "OPSI"  # no Pilihan Jawaban column any more
    wb.save(path)
    _, problems = _zi(path)
    (error,) = _errors(problems)
    assert ("bentuk LKE Zona Integritas tidak dikenali pada lembar 'LKE' (judulnya di baris 1 menyebut LKE Zona "
            "Integritas, tetapi judul kolomnya tidak ditemukan): judul kolom dicari pada baris 1-30") in error
    assert "baris 5: 'NO', 'KOMPONEN/SUB KOMPONEN/INDIKATOR', 'BOBOT', 'KRITERIA NILAI', 'OPSI', 'JAWABAN', ..." \
        in error
    assert "tidak ada butir untuk area" not in error


def test_the_forms_are_data_with_their_sources():
    shipped = {f.key: f for f in forms()}
    assert set(shipped) == {"lke-pmprb-26-2020", "lke-zi-90-2021"}
    assert all(f.source and f.rules for f in shipped.values())
    zi = form_rules("lke-zi-90-2021")
    assert zi.kind("A/B/C").choices == {"A": D("1"), "B": D("0.5"), "C": D("0")}
    assert zi.section("I. PEMENUHAN".split(" ", 1)[1]).values == {"bagian": "pemenuhan"}
    pmprb = form_rules("lke-pmprb-26-2020")
    assert pmprb.kind("WTP/WDP/TW/TMP").choices["WDP"] == D("0.67")
    assert pmprb.kind("Level (1-5)").value(D(3)) == D("0.6")
    with pytest.raises(Exception, match="di atas 100"):
        pmprb.kind("%").value(D(101))


def test_the_evaluators_answers_asked_of_a_form_without_them(tmp_path):
    path = make_lke_zi_official(tmp_path / "lke-zi.xlsx")
    wb = load_workbook(path)
    wb.active["K6"] = "KETERANGAN"  # JAWABAN over UNIT and KETERANGAN: no TPI column
    wb.save(path)
    _, problems = _zi(path, answers="tpi")
    (error,) = _errors(problems)
    assert "lembar kerja tidak memiliki kolom jawaban Tim Penilai Internal (TPI) pada baris judul kolom (baris 5-6)" \
        in error and "'JAWABAN UNIT'" in error


def test_a_form_that_numbers_none_of_its_rows_reads_the_same(tmp_path):
    from official_layouts import strip_numbering

    # without A. / I. / 1 / i. / a. / -, the depth comes from the names (PENGUNGKIT, PEMENUHAN, the areas) and
    # from the column each text starts in; the sub-indicators, now read as indicators of their own, keep their
    # weights: every figure stays as by hand (total 87,11)
    sheet, problems = _zi(strip_numbering(make_lke_zi_official(tmp_path / "lke-zi.xlsx")))
    assert _errors(problems) == []
    scores = score_worksheet(sheet)
    assert scores.total.score == D("87.11") and scores.score("akuntabilitas/pemenuhan").score == D("4.625")
