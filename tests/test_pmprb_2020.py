"""PMPRB under PermenPAN-RB 26/2020: an LKE laid out as the official 2020-2021 worksheet scores as by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from factories import make_lke
from reportgen.errors import InputError, ProblemCollector
from reportgen.inputs.schemas.assessment import load_assessment
from reportgen.scoring.pmprb import summarize
from reportgen.scoring.regulations import regulation_for, regulations
from reportgen.scoring.score_table import score_json, score_text

EXAMPLE = Path(__file__).parent.parent / "inputs" / "2021" / "penilaian.xlsx"
MP, DEREG, PENGAWASAN = "Manajemen Perubahan", "Deregulasi Kebijakan", "Penguatan Pengawasan"

# Rows as the evaluation team fills them: official component names, answer types as the LKE writes them.
OFFICIAL = [
    [2021, MP, "Pemenuhan", "Tim Reformasi Birokrasi", "Telah dibentuk tim RB", "Ya/Tidak", "Ya", 0.5],
    [2021, MP, "Pemenuhan", "Tim Reformasi Birokrasi", "Tim RB telah melaksanakan tugasnya", "A/B/C/D", "B", 0.5],
    [2021, MP, "Pemenuhan", "Road Map RB", "Road map telah disusun", "A/B/C", "B", 1.5],
    [2021, MP, "Pemenuhan", "Road Map RB", "Jumlah pegawai", "Jumlah", 250, 1.5],
    [2021, MP, "Pemenuhan", "Road Map RB", "Jumlah pegawai yang mengikuti sosialisasi", "Jumlah", 200, 1.5],
    [2021, MP, "Pemenuhan", "Road Map RB", "Persentase pegawai yang mengikuti sosialisasi road map", "%", 80, 1.5],
    [2021, DEREG, "Hasil Antara Area Perubahan", "Kualitas Kebijakan", "Indeks kualitas kebijakan", "%", 85, 1],
    [2021, PENGAWASAN, "Pemenuhan", "Penanganan LHKPN dan LHKASN", "Jumlah wajib LHKPN", "Jumlah", 40, 2],
    [2021, PENGAWASAN, "Pemenuhan", "Penanganan LHKPN dan LHKASN", "Jumlah yang menyampaikan LHKPN", "Jumlah", 36, 2],
    [2021, PENGAWASAN, "Pemenuhan", "Penanganan LHKPN dan LHKASN", "Persentase penyampaian LHKPN", "%", 90, 2, "1,5"],
    [2021, PENGAWASAN, "Pemenuhan", "Penanganan LHKPN dan LHKASN", "Persentase penyampaian LHKASN (non-LHKPN)",
     "%", 75, 2, "0,5"],
    [2021, PENGAWASAN, "Pemenuhan", "Penanganan LHKPN dan LHKASN", "Anggaran pengelolaan", "Rupiah",
     "Rp15.000.000", 2],
    [2021, MP, "Reform", "Komitmen Pimpinan", "Pimpinan memimpin perubahan", "A/B/C/D/E", "A", 3],
    [2021, MP, "Reform", "Komitmen Pimpinan", "Pimpinan menjadi teladan", "Ya/Tidak", "Tidak", 3],
    [2021, None, "Akuntabilitas Kinerja dan Keuangan", "Nilai SAKIP", "Nilai SAKIP", "%", "72,5", 6],
    [2021, None, "Akuntabilitas Kinerja dan Keuangan", "Opini BPK", "Opini BPK", "A/B/C/D", "A", 4],
    [2021, None, "Kualitas Pelayanan Publik", "IPKP", "Indeks persepsi kualitas pelayanan", "Nilai (0-4)", "3,4", 10],
    [2021, None, "Pemerintah yang Bersih dan Bebas KKN", "IPAK", "Indeks persepsi anti korupsi", "Nilai (0-4)",
     3.6, 10],
    [2021, None, "Kinerja Organisasi", "Capaian Kinerja", "Capaian kinerja organisasi", "%", 88, 10],
]


def load(path: Path, year: int = 2021):
    problems = ProblemCollector()
    assessment = load_assessment(path, None, year, problems)
    problems.raise_if_any()
    return assessment, [str(w) for w in problems.warnings]


def test_official_worksheet_scores_equal_hand_calculation(tmp_path):
    assessment, warnings = load(make_lke(tmp_path / "lke.xlsx", OFFICIAL))
    summary = summarize(assessment, 2021)
    D = Decimal
    # MP Pemenuhan: "Tim RB" (0,5): Ya 1 and A-D B 0,67 -> mean 0,835 x 0,5 = 0,4175;
    # "Road Map" (1,5): A-C B 0,5 and 80 % 0,8 (the two Jumlah rows are inputs) -> 0,65 x 1,5 = 0,975.
    assert summary.line("area-1/pemenuhan").current.score == D("1.3925")
    assert summary.line("area-1/pemenuhan").current.weight == D("2")
    # Deregulasi Hasil Antara: 85 % x 1 = 0,85, under its official name
    hasil_antara = summary.line("area-2/hasil_antara")
    assert hasil_antara.current.score == D("0.85") and hasil_antara.label == "Hasil Antara Area Perubahan"
    # Pengawasan Pemenuhan, items weighted 1,5 + 0,5 inside 2: 0,9 x 1,5 + 0,75 x 0,5 = 1,725
    # (Jumlah and Rupiah rows left out; an unweighted mean would give 1,65)
    pengawasan = summary.line("area-7/pemenuhan").current
    assert (pengawasan.score, pengawasan.weight) == (D("1.725"), D("2"))
    # MP Reform: A-E A 1 and Tidak 0 -> 0,5 x 3 = 1,5
    assert summary.line("area-1/reform").current.score == D("1.5")
    # Hasil: 72,5 % x 6 + A x 4 = 8,35; IPKP 3,4 / 4 x 10 = 8,5; IPAK 3,6 / 4 x 10 = 9; 88 % x 10 = 8,8
    hasil = {c.key: summary.line(f"hasil/{c.key}") for c in summary.group_components("hasil")}
    assert [(l.label, l.current.score) for l in hasil.values()] == [
        ("Akuntabilitas Kinerja dan Keuangan", D("8.35")), ("Kualitas Pelayanan Publik", D("8.5")),
        ("Pemerintah yang Bersih dan Bebas KKN", D("9")), ("Kinerja Organisasi", D("8.8"))]
    # Pengungkit 1,3925 + 1,5 + 0,85 + 1,725 = 5,4675 of 8; Hasil 34,65 of 40; index 40,1175 of 48
    assert summary.line("pengungkit").current.score == D("5.4675")
    assert summary.line("hasil").current.score == D("34.65")
    assert (summary.index.current.score, summary.index.current.weight) == (D("40.1175"), D("48"))
    # the category comes from the achievement 40,1175 / 48 = 83,58 % -> A, with a note on the weights
    assert summary.category.code == "A"
    assert "Catatan: jumlah bobot 48,00, bukan 100,00" in score_text(summary)
    # the worksheet's weights are used, and where they differ from 26/2020 the user is warned
    assert any("jumlah bobot Pengungkit 8,00, sedangkan menurut PermenPAN-RB 26/2020 60,00" in w for w in warnings)
    assert not any("Pemenuhan area 1 (Manajemen Perubahan)" in w for w in warnings)  # 2,00 as in 26/2020
    assert any("judul kolom dibaca dari baris 4" in w for w in warnings)


def test_a_year_with_only_pengungkit_has_no_category_and_says_why(tmp_path):
    rows = [r for r in OFFICIAL if r[1] is not None]
    assessment, _ = load(make_lke(tmp_path / "lke.xlsx", rows, title=False))
    summary = summarize(assessment, 2021)
    assert summary.category is None and summary.find("indeks") is None and summary.index_by_year == {}
    assert summary.index.key == "pengungkit"
    text = score_text(summary)
    assert "Jumlah Pengungkit 2021: 5,47 dari 8,00 (capaian 68,34 persen)." in text
    assert ("kategori indeks tahun 2021 tidak diberikan: data hanya memuat nilai Pengungkit, tanpa Hasil; "
            "kategori hanya berlaku untuk indeks lengkap (Pengungkit + Hasil)") in text
    assert '"kategori": null' in score_json(summary)


def test_a_comparison_across_a_change_of_regulation_compares_achievement():
    assessment, _ = load(EXAMPLE, 2020)
    summary = summarize(assessment, 2020)
    assert summary.rules.short == "PermenPAN-RB 26/2020" and summary.previous_rules.short == "PermenPAN-RB 14/2014"
    assert summary.regulation_changed
    area5 = summary.line("area-5")  # 2020: 10,90 of 13 = 83,85 %; 2019: 10,80 of 15 = 72,00 %
    assert area5.change is None
    assert round(area5.shown_change, 2) == Decimal("11.85")
    text = score_text(summary)
    assert "Capaian 2019 (%)" in text and "Perubahan (poin %)" in text
    assert ("tahun 2020 dinilai menurut PermenPAN-RB 26/2020, sedangkan tahun 2019 menurut PermenPAN-RB 14/2014; "
            "karena struktur dan bobotnya berbeda, perubahan dibandingkan dari capaian (persen), bukan dari nilai") \
        in text
    # a component of the older regulation has no line of the newer one to compare with
    assert summary.line("hasil/akuntabilitas").previous is None


def test_the_example_follows_26_2020_without_weight_warnings():
    assessment, warnings = load(EXAMPLE)
    assert not [w for w in warnings if "bobot" in w]
    summary = summarize(assessment, 2021)
    assert [summary.line(f"hasil/{c.key}").label for c in summary.group_components("hasil")] == [
        "Akuntabilitas Kinerja dan Keuangan", "Kualitas Pelayanan Publik", "Pemerintah yang Bersih dan Bebas KKN",
        "Kinerja Organisasi"]
    weights = [summary.line(f"area-{n}/pemenuhan").current.weight for n in range(1, 9)]
    assert weights == [2, 1, 2, 2, 5, 2, 4, 2]


def test_rules_are_data_with_sources_and_years():
    shipped = {r.key: r for r in regulations()}
    assert set(shipped) >= {"pmprb-26-2020", "pmprb-14-2014"}
    assert all(r.source for r in shipped.values())
    assert regulation_for(2019).key == "pmprb-14-2014" and regulation_for(2021).key == "pmprb-26-2020"
    new = shipped["pmprb-26-2020"]
    assert [(g.name, g.weight) for g in new.groups] == [("Pengungkit", 60), ("Hasil", 40)]
    assert [(c.name, c.weight) for c in new.group("pengungkit").components] == [
        ("Pemenuhan", 20), ("Hasil Antara Area Perubahan", 10), ("Reform", 30)]


@pytest.mark.parametrize("rows, expected", [
    # a sub-component of only input rows
    ([[2021, MP, "Pemenuhan", "Data", "Jumlah pegawai", "Jumlah", 250, 1]],
     "baris 5, kolom 'Jenis Jawaban': sub komponen 'Data' hanya berisi baris Jumlah/Rupiah"),
    # item weights that do not add up to the sub-component's weight
    ([[2021, PENGAWASAN, "Pemenuhan", "LHKPN", "Persentase LHKPN", "%", 90, 2, 1],
      [2021, PENGAWASAN, "Pemenuhan", "LHKPN", "Persentase LHKASN", "%", 75, 2, "0,5"]],
     "baris 6, kolom 'Bobot Butir': ditemukan '0,50'; jumlah bobot butir sub komponen 'LHKPN' 1,50, tidak sama "
     "dengan bobot sub komponennya 2,00"),
    # a component of the older regulation in a 26/2020 year
    ([[2021, None, "Kapasitas dan Akuntabilitas Kinerja Organisasi", "SAKIP", "Nilai SAKIP", "%", 70, 20]],
     "baris 5, kolom 'Komponen': ditemukan 'Kapasitas dan Akuntabilitas Kinerja Organisasi'; komponen tidak "
     "dikenal untuk tahun 2021 menurut PermenPAN-RB 26/2020"),
    # a survey answer above 4
    ([[2021, None, "Kualitas Pelayanan Publik", "IPKP", "IPKP", "Nilai (0-4)", "4,2", 10]],
     "baris 5, kolom 'Jawaban': ditemukan '4,2'; jawaban di atas 4"),
    # a Jumlah that is not a number
    ([[2021, MP, "Pemenuhan", "Data", "Jumlah pegawai", "Jumlah", "banyak", 1],
      [2021, MP, "Pemenuhan", "Data", "Persentase", "%", 50, 1]],
     "baris 5, kolom 'Jawaban': ditemukan 'banyak'; jawaban tidak sesuai jenis jawaban 'Jumlah'"),
])
def test_bad_worksheets_name_file_row_and_column(tmp_path, rows, expected):
    with pytest.raises(InputError) as info:
        load(make_lke(tmp_path / "lke.xlsx", rows))
    assert "lke.xlsx" in str(info.value) and expected in str(info.value)


def test_report_sentences_say_which_regulation_and_compare_achievement(tmp_path):
    from reportgen.model.annual_report import index_sentence

    assessment, _ = load(EXAMPLE, 2020)
    sentence = index_sentence(summarize(assessment, 2020), "Ditjen Polpum")
    assert ("tahun 2020 menurut PermenPAN-RB 26/2020, nilai PMPRB (penilaian mandiri) Ditjen Polpum mencapai 78,25 "
            "dari nilai maksimal 100,00, capaiannya naik 8,65 poin persen dibanding tahun 2019 (69,60 persen)") in sentence
    assert "kategori" not in sentence  # the categories are KemenPAN-RB's evaluation's, not the unit's own score's
    assert ("Tahun 2019 dinilai menurut PermenPAN-RB 14/2014, yang struktur dan bobotnya berbeda, sehingga "
            "perbandingan dilakukan atas capaian (persen), bukan atas nilai.") in sentence
    same = index_sentence(summarize(assessment, 2021), "Ditjen Polpum")
    assert "naik 7,10 dibanding tahun 2020 (78,25)" in same and "14/2014" not in same

    rows = [r for r in OFFICIAL if r[1] is not None]
    partial, _ = load(make_lke(tmp_path / "lke.xlsx", rows))
    sentence = index_sentence(summarize(partial, 2021), "Ditjen Polpum")
    assert "nilai komponen pengungkit Ditjen Polpum mencapai 5,47 dari nilai maksimal 8,00 (capaian 68,34 " \
           "persen). Nilai PMPRB belum lengkap karena data tahun 2021 hanya memuat nilai Pengungkit, tanpa " \
           "Hasil" in sentence


def test_a_category_only_when_the_rules_file_gives_the_self_assessed_score_one():
    """The shipped rules say the categories (AA-D) belong to KemenPAN-RB's evaluation: the report names none. A rules
    file that says the unit's own score has one (kategori_penilaian_mandiri) gets it printed with its rules."""
    import dataclasses

    from reportgen.model.annual_report import index_sentence
    from reportgen.scoring.regulations import regulation_for

    assert not regulation_for(2021).self_category and "Kementerian PANRB" in regulation_for(2021).category_source
    assessment, _ = load(EXAMPLE, 2021)
    summary = summarize(assessment, 2021)
    assert "kategori" not in index_sentence(summary, "Ditjen Polpum")
    with_category = dataclasses.replace(summary, rules=dataclasses.replace(summary.rules, self_category=True))
    assert "dengan kategori A (Memuaskan) menurut PermenPAN-RB 26/2020" in index_sentence(with_category,
                                                                                           "Ditjen Polpum")
