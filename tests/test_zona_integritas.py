"""Zona Integritas: scores and verdicts computed by hand equal `reportgen zi`; bad worksheets are refused with
their file, row and column; the report, charter and minutes pass the checks every document passes."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, assert_in_order, content_words, docx_text, normalize, pdf_pages, pdf_text, run_cli, snapshot
from factories import make_lke_zi, write_sheet, zi_rows, ZI_HEADER

from reportgen.errors import ProblemCollector
from reportgen.inputs.schemas.zi import load_lke_zi, load_zi_rules
from reportgen.scoring.zi_table import verdict_sentence
from reportgen.scoring.zona_integritas import judge_all, score_worksheet


def inputs_with(tmp_path: Path, rows: list[list], name: str = "lke-zi.xlsx") -> Path:
    """Return an inputs folder whose 2021 holds only the LKE ZI written from `rows`."""
    inputs = tmp_path / "inputs"
    (inputs / "2021").mkdir(parents=True)
    make_lke_zi(inputs / "2021" / name, rows)
    return inputs


def zi_json(inputs: Path, *args: str) -> dict:
    result = run_cli("zi", "2021", "--inputs", inputs, "--json", "-", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def scored(path: Path):
    problems = ProblemCollector()
    rules = load_zi_rules(None, problems)
    sheet = load_lke_zi(path, None, rules, 2021, problems)
    assert not [p for p in problems.problems if not p.warning], problems.problems
    scores = score_worksheet(sheet)
    return scores, judge_all(scores)


def conditions(data: dict, predicate: str) -> dict[str, dict]:
    found = next(p for p in data["predikat"] if p["predikat"] == predicate)
    return {c["syarat"]: c for c in found["syarat"]}


# ---------------------------------------------------------------- scores and verdicts, by hand


def test_a_unit_that_qualifies_for_wbk_but_not_wbbm(tmp_path):
    # every lever part 80 % of its weight: Pengungkit 0,8 x 60 = 48,00; each area 80 %.
    # IPAK 3,6 / 4 x 17,5 = 15,75; Capaian Kinerja 60 % x 5 = 3,00; Birokrasi Bersih 18,75.
    # IPKP 3,2 / 4 x 17,5 = 14,00. Total 48 + 18,75 + 14 = 80,75.
    inputs = inputs_with(tmp_path, zi_rows(default=80, ipak=3.6, kinerja=60, ipkp=3.2))
    data = zi_json(inputs)
    lines = {r["kunci"]: r for r in data["baris"]}
    assert lines["pengungkit"]["nilai"] == 48.0 and lines["pengawasan"]["nilai"] == 12.0
    assert lines["pengawasan/reform"]["nilai"] == 6.0 and lines["pengawasan"]["persen_bobot"] == 80.0
    assert lines["bersih/ipak"]["nilai"] == 15.75 and lines["bersih/kinerja"]["nilai"] == 3.0
    assert lines["bersih"]["nilai"] == 18.75 and lines["prima"]["nilai"] == 14.0
    assert lines["hasil"]["nilai"] == 32.75 and data["nilai_total"] == 80.75
    wbk, wbbm = data["predikat"]
    assert wbk["memenuhi"] is True and all(c["terpenuhi"] for c in wbk["syarat"])
    assert len(wbk["syarat"]) == 1 + 1 + 6 + 4
    assert wbk["kalimat"] == "Unit memenuhi seluruh 12 syarat predikat WBK (Wilayah Bebas dari Korupsi)."
    assert wbbm["memenuhi"] is False
    unmet = {k: c["kurang_poin"] for k, c in conditions(data, "WBBM").items() if not c["terpenuhi"]}
    # total 85 - 80,75; Bersih 19,5 - 18,75; Kinerja 3,75 - 3; Prima 15,75 - 14; and not yet WBK
    assert unmet == {"total": 4.25, "bersih": 0.75, "bersih/kinerja": 0.75, "prima": 1.75, "predikat-wbk": None}
    # cheapest first: gap / points left: Bersih 0,75/3,75 = 0,20; total 4,25/19,25 = 0,22; Kinerja 0,75/2 = 0,375;
    # Prima 1,75/3,5 = 0,5; the earlier predicate, which points cannot close, last
    assert wbbm["urutan_termudah"] == ["bersih", "total", "bersih/kinerja", "prima", "predikat-wbk"]
    met = conditions(data, "WBBM")
    assert met["pengungkit"]["terpenuhi"] and met["bersih/ipak"]["terpenuhi"]  # 48 >= 48, 15,75 >= 15,75
    # the unit already WBK: that condition is met
    assert conditions(zi_json(inputs, "--sudah-wbk"), "WBBM")["predikat-wbk"]["terpenuhi"] is True


def test_a_unit_failing_on_one_area_below_60_percent_although_its_total_is_above_75(tmp_path):
    # five areas at 90 % (45 x 0,9 = 40,5), Penguatan Pengawasan at 50 % (7,5 of 15): Pengungkit 48,00.
    # IPAK 4 -> 17,50; Kinerja 80 % -> 4,00; IPKP 3,6 -> 15,75. Total 48 + 21,5 + 15,75 = 85,25.
    rows = zi_rows({"Penguatan Pengawasan": 50}, default=90, ipak=4, kinerja=80, ipkp=3.6)
    inputs = inputs_with(tmp_path, rows)
    data = zi_json(inputs)
    assert data["nilai_total"] == 85.25
    wbk = conditions(data, "WBK")
    assert [k for k, c in wbk.items() if not c["terpenuhi"]] == ["pengawasan%"]
    assert wbk["pengawasan%"]["nilai_unit"] == 50.0 and wbk["pengawasan%"]["ambang"] == 60.0
    assert wbk["pengawasan%"]["kurang_poin"] == 1.5  # 60 % of 15 = 9,00 - 7,50
    assert wbk["total"]["terpenuhi"] and wbk["pengungkit"]["terpenuhi"]
    wbbm = conditions(data, "WBBM")
    assert wbbm["pengawasan%"]["kurang_poin"] == 3.75  # 75 % of 15 = 11,25 - 7,50
    assert {k for k, c in wbbm.items() if not c["terpenuhi"]} == {"pengawasan%", "predikat-wbk"}
    sentence = next(p for p in data["predikat"] if p["predikat"] == "WBK")["kalimat"]
    assert sentence == ("Unit belum memenuhi syarat WBK karena area Penguatan Pengawasan baru mencapai 50,00 persen "
                        "dari bobotnya, kurang 1,50 poin dari paling rendah 60 persen.")
    # the terminal shows the same numbers and verdicts
    text = run_cli("zi", "2021", "--inputs", inputs).output
    assert_in_order(text, ["Penguatan Pengawasan", "15,00", "7,50", "50,00", "Nilai Total", "100,00", "85,25",
                           "Predikat WBK (Wilayah Bebas dari Korupsi): BELUM MEMENUHI",
                           "Area Penguatan Pengawasan (persen dari bobot)", "60 %", "50,00 %", "tidak", "1,50",
                           sentence, "Predikat WBBM", "BELUM MEMENUHI", "PermenPAN-RB 5/2024"])


def test_answer_types_indicators_and_item_rows_score_as_the_pmprb_worksheet(tmp_path):
    rows = zi_rows(default=100)
    rows = [r for r in rows if not (r[0] == "Manajemen Perubahan" and r[1] == "Pemenuhan")]
    rows += [
        # indicator of weight 2: Ya (1) and B of A-C (0,5): mean 0,75 x 2 = 1,50; the Jumlah row is an input
        ["Manajemen Perubahan", "Pemenuhan", "Penyusunan Tim Kerja", "Tim telah dibentuk", "Ya/Tidak", "Ya", 2, None],
        ["Manajemen Perubahan", "Pemenuhan", "Penyusunan Tim Kerja", "Anggota dipilih dengan prosedur", "A-C", "B", 2],
        ["Manajemen Perubahan", "Pemenuhan", "Penyusunan Tim Kerja", "Jumlah anggota", "Jumlah", 12, 2],
        # indicator of weight 2: B of A-E (0,75) -> 1,50
        ["Manajemen Perubahan", "Pemenuhan", "Rencana Pembangunan", "Rencana kerja disusun", "A-E", "B", 2],
    ]
    scores, verdicts = scored(make_lke_zi(tmp_path / "lke.xlsx", rows))
    assert scores.score("manajemen_perubahan/pemenuhan").score == Decimal("3.00")
    assert scores.score("manajemen_perubahan").achievement == Decimal("87.5")
    assert [v.qualifies for v in verdicts] == [True, False]


def test_another_rules_file_changes_thresholds_not_code(tmp_path):
    inputs = inputs_with(tmp_path, zi_rows(default=80, ipak=3.6, kinerja=60, ipkp=3.2))
    shipped = (ROOT / "reportgen" / "scoring" / "rules" / "zi-90-2021.yaml").read_text(encoding="utf-8")
    own = tmp_path / "zi-unit.yaml"
    own.write_text(shipped.replace("singkat: PermenPAN-RB 90/2021", "singkat: Aturan Uji")
                   .replace("- {nilai: total, paling_rendah: 75}", "- {nilai: total, paling_rendah: 82}"),
                   encoding="utf-8")
    data = zi_json(inputs, "--aturan", own)
    assert data["aturan"] == "Aturan Uji"
    wbk = conditions(data, "WBK")
    assert wbk["total"]["ambang"] == 82.0 and wbk["total"]["kurang_poin"] == 1.25
    own.write_text(shipped.replace("bobot: 7.5}", "bobot: 8}"), encoding="utf-8")  # Pengawasan 16: 61 of 60
    result = run_cli("zi", "2021", "--inputs", inputs, "--aturan", own)
    assert result.exit_code == 1
    assert "zi-unit.yaml" in result.output and "jumlah bobot area Komponen Pengungkit 61,00, bukan 60,00" in \
        result.output


# ---------------------------------------------------------------- validation


def test_a_bad_worksheet_is_refused_with_every_problem_and_nothing_is_written(tmp_path):
    rows = zi_rows()
    rows[0][0] = "Manajemen Kinerja"                    # row 2: unknown area
    rows[3][1] = "Hasil Antara"                          # row 5: a part the area does not have
    rows[4][5] = "delapan puluh"                         # row 6: not a percentage
    rows[5][6] = 3                                       # row 7: SDM Reform weighs 3, not 5
    rows[-1][5] = 4.5                                    # last row: a survey above 4
    rows.append(["Penguatan Akuntabilitas", "Reform", "Pemanfaatan SAKIP", "Aplikasi dipakai", "Ya/Tidak",
                 "Mungkin", 1])                          # an answer that does not fit Ya/Tidak
    inputs = inputs_with(tmp_path, rows)
    out = tmp_path / "out"
    result = run_cli("zi", "2021", "--inputs", inputs, "--dokumen", "--out", out)
    assert result.exit_code == 1
    file = str(inputs / "2021" / "lke-zi.xlsx")
    last = len(rows) + 1
    for where, what in [
        ("baris 2, kolom 'Area'", "area tidak dikenal menurut PermenPAN-RB 90/2021"),
        ("baris 5, kolom 'Bagian'", "bagian tidak dikenal untuk area Penataan Tatalaksana"),
        ("baris 6, kolom 'Jawaban'", "jawaban tidak sesuai jenis jawaban '%'"),
        ("baris 7, kolom 'Bobot'", "jumlah bobot indikator area Penataan Sistem Manajemen SDM, bagian Reform "
                                   "3,00, sedangkan menurut PermenPAN-RB 90/2021 5,00"),
        (f"baris {last - 1}, kolom 'Jawaban'", "jawaban di atas 4"),
        (f"baris {last}, kolom 'Jawaban'", "diharapkan Ya / Tidak"),
    ]:
        assert f"{file}, {where}" in result.output and what in result.output, (where, result.output)
    assert "Tidak ada berkas yang ditulis" in result.output
    assert snapshot(out) == {}


def test_a_missing_part_and_a_wrong_survey_type_are_named(tmp_path):
    rows = [r for r in zi_rows() if r[1] != "IPKP"]
    rows[-1][4] = "%"  # Capaian Kinerja stays %, the IPAK survey answered as a percentage
    rows[-2][4] = "%"
    inputs = inputs_with(tmp_path, rows)
    result = run_cli("zi", "2021", "--inputs", inputs)
    assert result.exit_code == 1
    assert "tidak ada butir untuk area Pelayanan Publik yang Prima, bagian Nilai Survei Persepsi Kualitas " \
           "Pelayanan (IPKP)" in result.output
    assert "baris 14, kolom 'Jenis Jawaban'" in result.output and "hasil survei" in result.output


def test_a_worksheet_without_its_columns_says_which(tmp_path):
    inputs = tmp_path / "inputs"
    (inputs / "2021").mkdir(parents=True)
    write_sheet(inputs / "2021" / "lke-zi.xlsx", ["Area", "Jawaban", "Nilai"], [["Manajemen Perubahan", "Ya", 1]])
    result = run_cli("zi", "2021", "--inputs", inputs)
    assert result.exit_code == 1
    for column in ("Bagian", "Indikator", "Pertanyaan", "Jenis Jawaban", "Bobot"):
        assert f"kolom wajib '{column}' tidak ditemukan" in result.output
    assert "tidak ada butir untuk area" not in result.output  # no follow-on problem (issue 22)
    assert ZI_HEADER[0] == "Area"


# ---------------------------------------------------------------- the example and its documents


def test_the_example_misses_wbk_by_a_small_gap(tmp_path):
    scores, verdicts = scored(ROOT / "inputs" / "2021" / "lke-zi.xlsx")
    wbk = verdicts[0]
    assert not wbk.qualifies and [c.key for c in wbk.unmet] == ["total"]
    assert Decimal(0) < wbk.unmet[0].gap < Decimal(1)
    assert verdict_sentence(wbk).startswith("Unit belum memenuhi syarat WBK karena nilai total ")


def test_build_makes_the_zi_documents_when_their_inputs_exist(tmp_path):
    from reportgen.documents.registry import KINDS
    from reportgen.unit import Unit

    zi = {k.key: k for k in KINDS if k.key.endswith("-zi")}
    assert set(zi) == {"laporan-penilaian-zi", "piagam-pencanangan-zi", "berita-acara-pencanangan-zi"}
    assert all(k.why_not(Unit(ROOT / "inputs"), 2021) is None for k in zi.values())
    empty = tmp_path / "inputs"
    (empty / "2021").mkdir(parents=True)
    assert "lke-zi.xlsx tidak ada" in zi["laporan-penilaian-zi"].why_not(Unit(empty), 2021)
    assert "pencanangan-zi.yaml tidak ada" in zi["piagam-pencanangan-zi"].why_not(Unit(empty), 2021)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """The example's three ZI documents, published once through `reportgen zi --dokumen`."""
    base = tmp_path_factory.mktemp("zi")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    out = base / "out"
    result = run_cli("zi", "2021", "--inputs", inputs, "--out", out, "--dokumen")
    assert result.exit_code == 0, result.output
    data = json.loads(run_cli("zi", "2021", "--inputs", inputs, "--json", "-").output)
    folder = out / "2021"
    return {"laporan": folder / "laporan-penilaian-mandiri-zi-2021", "piagam": folder / "piagam-pencanangan-zi-2021",
            "berita": folder / "berita-acara-pencanangan-zi-2021", "data": data, "out": out, "inputs": inputs,
            "output": result.output}


def both(doc: Path) -> list[str]:
    return [pdf_text(doc.with_suffix(".pdf")), docx_text(doc.with_suffix(".docx"))]


@pytest.mark.slow
def test_the_report_shows_the_scores_the_verdicts_and_the_notes(documents):
    data = documents["data"]
    total = f"{data['nilai_total']:.2f}".replace(".", ",")
    wbk = next(p for p in data["predikat"] if p["predikat"] == "WBK")
    expected = ["LAPORAN PENILAIAN MANDIRI ZONA INTEGRITAS", "TAHUN 2021", "BAB I", "PENDAHULUAN",
                "17 Maret 2021", "Nomor 90 Tahun 2021",
                "BAB II", "HASIL PENILAIAN MANDIRI", f"adalah {total} dari 100,00", "Manajemen Perubahan", "Pemenuhan",
                "Nilai Total", total, "Gambar 2.1", "BAB III", "PEMENUHAN SYARAT PREDIKAT",
                "Predikat Wilayah Bebas dari Korupsi (WBK)", wbk["kalimat"].replace("Unit", "Ditjen Polpum", 1),
                "Tabel 3.1", "Kurang (poin)", "Predikat Wilayah Birokrasi Bersih dan Melayani (WBBM)",
                "Ambang batas menurut PermenPAN-RB 90/2021.", "BAB IV", "CATATAN UNIT PER AREA",
                "Penyusunan Tim Kerja: SK Tim Kerja ZI Nomor 800-1512 Tahun 2021", "BAB V", "PENUTUP",
                "hanya perlu menutup kekurangan", "Jakarta, 31 Desember 2021", "Dr. Bahtiar Wicaksono, M.Si."]
    for text in both(documents["laporan"]):
        assert_in_order(text, expected)
        # a signed report cites the regulation its rules file names, and no doubt about it
        assert "5/2024" not in text and "mungkin" not in text and "Periksa kembali" not in text


def test_the_charter_is_one_page_with_the_head_and_the_witnesses(documents):
    expected = ["KEMENTERIAN DALAM NEGERI", "PIAGAM PENCANANGAN PEMBANGUNAN ZONA INTEGRITAS",
                "Kami, pimpinan dan seluruh pegawai Direktorat Jenderal Politik dan Pemerintahan Umum",
                "Melaksanakan tugas dan fungsi", "Bersedia menerima sanksi", "Jakarta, 17 Maret 2021",
                "Direktur Jenderal Politik dan Pemerintahan Umum,", "Dr. Bahtiar Wicaksono, M.Si."]
    for text in both(documents["piagam"]):
        assert_in_order(text, expected)
        # the witness beside the head: the team's chair, as tim-rb.xlsx appoints her (pencanangan-zi.yaml names
        # her by that role)
        for witness in ("Menyaksikan,", "Ketua Tim Reformasi Birokrasi Ditjen Polpum,", "Yuliana Wijayanti, S.IP., M.H.",
                        "NIP 19730816 199901 2 001"):
            assert witness in normalize(text)
    assert pdf_pages(documents["piagam"].with_suffix(".pdf")) == 1


def test_the_minutes_write_the_date_in_words_and_count_the_pacts(documents):
    expected = ["BERITA ACARA PENCANANGAN PEMBANGUNAN ZONA INTEGRITAS", "Nomor: 700-1 TAHUN 2021",
                "Pada hari ini Rabu tanggal tujuh belas bulan Maret tahun dua ribu dua puluh satu, bertempat di Yello "
                "Hotel Harmoni, Jakarta Pusat", "dalam rangka internalisasi reformasi birokrasi kepada seluruh pegawai",
                "Pencanangan dinyatakan oleh Dr. Bahtiar Wicaksono, M.Si.",
                "dan disaksikan oleh Yuliana Wijayanti, S.IP., M.H., Ketua Tim Reformasi Birokrasi Ditjen Polpum.",
                "Piagam Pencanangan Pembangunan Zona Integritas oleh Direktur Jenderal",
                "Pakta Integritas oleh 21 (dua puluh satu) pejabat dan pegawai", "Demikian berita acara"]
    for text in both(documents["berita"]):
        assert_in_order(text, expected)
        # the signers two a row: the witness beside the head; attendance only as the year's file says it
        for signer in ("Saksi,", "Jakarta, 17 Maret 2021", "Yang menyatakan,", "Dr. Bahtiar Wicaksono, M.Si.",
                       "NIP 19710515 199303 1 004", "Yuliana Wijayanti, S.IP., M.H.", "NIP 19730816 199901 2 001"):
            assert signer in text
        assert "dihadiri pula" not in text and "Komisi Pemberantasan Korupsi" not in text
    assert pdf_pages(documents["berita"].with_suffix(".pdf")) == 1
    assert "jumlah pakta 21: pegawai di pegawai.xlsx" in documents["output"]


def test_the_minutes_take_the_number_of_pacts_from_the_file_or_leave_it_out(documents, tmp_path):
    from reportgen.documents.kinds import Request
    from reportgen.documents.zi import MINUTES, count_pacts
    from reportgen.unit import Unit
    from reportgen.inputs.schemas.zi import load_ceremony

    inputs = tmp_path / "inputs"
    shutil.copytree(documents["inputs"], inputs)
    unit = Unit(inputs)
    request = Request(unit, unit.profile, 2021, MINUTES.options())
    (inputs / "2021" / "pakta-integritas.yaml").write_text("tanggal: 2021-04-05\n", encoding="utf-8")
    ceremony = load_ceremony(inputs / "2021" / "pencanangan-zi.yaml", ProblemCollector())
    count, note = count_pacts(request, ceremony)
    assert count is None and "jumlah pakta tidak diketahui" in note
    draft = MINUTES.draft(request, MINUTES.load(request, ProblemCollector()),
                          lambda numbering, *_: numbering.number or "700-1 TAHUN 2021").drafts[0]
    from reportgen.model.blocks import document_texts
    texts = list(document_texts(draft.document))
    assert any(t.startswith("Pakta Integritas oleh pejabat dan pegawai") for t in texts)
    with (inputs / "2021" / "pencanangan-zi.yaml").open("a", encoding="utf-8") as f:
        f.write("jumlah_pakta: 57\n")
    ceremony = load_ceremony(inputs / "2021" / "pencanangan-zi.yaml", ProblemCollector())
    assert count_pacts(request, ceremony)[0] == 57


def test_every_zi_document_is_marked_registered_and_verified(documents):
    out, inputs = documents["out"], documents["inputs"]
    files = [documents[k].with_suffix(s) for k in ("laporan", "piagam", "berita") for s in (".pdf", ".docx")]
    for pdf in files[::2]:
        assert "Kode verifikasi:" in pdf_text(pdf, 1) and "Kode verifikasi:" in pdf_text(pdf, pdf_pages(pdf))
    check = run_cli("verify", "--out", out, "--inputs", inputs, *files)
    assert check.exit_code == 0, check.output
    for name in ("Laporan Penilaian Mandiri Zona Integritas", "Piagam Pencanangan Zona Integritas",
                 "Berita Acara Pencanangan Zona Integritas"):
        assert name in check.output


def test_sign_finds_the_heads_space_on_the_charter_and_the_minutes(documents):
    from pypdf import PdfReader

    from reportgen.trust.sign import signature_box

    for key in ("piagam", "berita", "laporan"):
        pdf = documents[key].with_suffix(".pdf")
        found = signature_box(pdf.read_bytes())
        assert found is not None, key
        page, (left, bottom, right, top) = found
        assert page == pdf_pages(pdf) - 1
        # the head's column: above the head's name, not a witness's
        words = pdf_text(pdf, page + 1, layout=True)
        assert "Dr. Bahtiar Wicaksono" in words
        reader = PdfReader(str(pdf))
        assert left > float(reader.pages[page].mediabox.width) * 0.4  # the right side, where the head signs


def test_libreoffice_lays_the_docx_out_with_the_same_words_and_pages(documents, to_pdf_with_libreoffice):
    docs = [documents[k] for k in ("laporan", "piagam", "berita")]
    converted = to_pdf_with_libreoffice([d.with_suffix(".docx") for d in docs])
    headers = ["Komponen / Area / Bagian Bobot Nilai % Bobot", "No Syarat Ambang Nilai Unit Terpenuhi Kurang (poin) Urutan"]
    for doc, lo in zip(docs, converted):
        pdf = doc.with_suffix(".pdf")
        assert abs(pdf_pages(pdf) - pdf_pages(lo)) <= 1, doc.name
        assert content_words(pdf, headers) == content_words(lo, headers), doc.name


def test_the_earlier_wbk_comes_from_the_years_file_and_csv_lists_every_condition(tmp_path):
    inputs = inputs_with(tmp_path, zi_rows(default=80, ipak=3.6, kinerja=60, ipkp=3.2))
    (inputs / "2021" / "pencanangan-zi.yaml").write_text("tanggal: 2021-03-17\npredikat_wbk: 2020\n", encoding="utf-8")
    assert conditions(zi_json(inputs), "WBBM")["predikat-wbk"]["terpenuhi"] is True
    result = run_cli("zi", "2021", "--inputs", inputs, "--csv", "-")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "tahun,jenis,kunci,uraian,bobot,nilai,persen_bobot,predikat,ambang,terpenuhi,kurang_poin," \
                       "urutan_termudah"
    assert "2021,nilai,total,Nilai Total,100.0,80.75,80.75,,,,," in lines
    assert sum(1 for line in lines if ",syarat," in line) == 12 + 13
    assert "2021,syarat,total,Nilai Total,100.0,80.75,,WBBM,85.0,tidak,4.25,2" in lines


def test_a_bad_declaration_file_is_refused_with_its_keys_and_nothing_is_written(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    witness = "  - {nama: Saksi, jabatan: Inspektur}\n"
    (inputs / "2021" / "pencanangan-zi.yaml").write_text(
        "tanggal: 17-03-2021\nlokasi: Aula\nsaksi:\n" + witness * 4 + "  - {nama: Tanpa Jabatan}\njumlah_pakta: -3\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("zi", "2021", "--inputs", inputs, "--out", out, "--dokumen")
    assert result.exit_code == 1
    file = str(inputs / "2021" / "pencanangan-zi.yaml")
    for key, what in (("tanggal", "TTTT-BB-HH"), ("lokasi", "kunci tidak dikenal"), ("saksi", "paling banyak 3 saksi"),
                      ("jumlah_pakta", "bilangan bulat")):
        assert f"{file}, kunci '{key}'" in result.output and what in result.output, key
    assert snapshot(out) == {}


def test_the_years_file_replaces_the_charters_text(tmp_path):
    from reportgen.documents.kinds import Request
    from reportgen.documents.zi import CHARTER
    from reportgen.unit import Unit
    from reportgen.model.blocks import document_texts

    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    with (inputs / "2021" / "pencanangan-zi.yaml").open("a", encoding="utf-8") as f:
        f.write("pembuka_piagam: 'Kami pegawai {unit} berjanji:'\nteks_piagam:\n  - Bekerja jujur {tanpa pamrih};\n")
    unit = Unit(inputs)
    request = Request(unit, unit.profile, 2021, CHARTER.options())
    problems = ProblemCollector()
    loaded = CHARTER.load(request, problems)
    assert loaded is not None, problems.problems
    document = CHARTER.draft(request, loaded, None).drafts[0].document
    texts = list(document_texts(document))
    assert "Kami pegawai Direktorat Jenderal Politik dan Pemerintahan Umum Kementerian Dalam Negeri berjanji:" in texts
    assert "Bekerja jujur {tanpa pamrih};" in texts and not any("Melaksanakan tugas" in t for t in texts)


@pytest.mark.slow
def test_the_minutes_count_the_pacts_the_register_holds_for_that_day(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    out = tmp_path / "out"
    # the year's file dates the pacts another day: only the register knows they were signed at the declaration
    (inputs / "2021" / "pakta-integritas.yaml").write_text("tanggal: 2021-04-05\n", encoding="utf-8")
    result = run_cli("pacts", "--inputs", inputs, "--out", out, "--tanggal", "2021-03-17", "--format", "pdf",
                     "--jobs", "1")
    assert result.exit_code == 0, result.output
    result = run_cli("zi", "2021", "--inputs", inputs, "--out", out, "--format", "pdf", "--dokumen")
    assert result.exit_code == 0, result.output
    assert f"jumlah pakta 21: pakta integritas bertanggal 17 Maret 2021 di register {inputs / 'register.sqlite'}" in \
        result.output
    assert "Pakta Integritas oleh 21 (dua puluh satu) pejabat" in pdf_text(
        out / "2021" / "berita-acara-pencanangan-zi-2021.pdf")
