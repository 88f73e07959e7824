"""Documents true across the year (issue 25): each fact from one source, the year's dates in order, staff data
plausible for its NIP. Every inconsistency is a warning naming both files (or both keys); the documents print what
the appointing document says."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from reportgen.documents import action_plan, annual_report, decree, pacts, zi
from reportgen.documents.kinds import Request
from reportgen.errors import InputError, ProblemCollector
from reportgen.model.blocks import Signatures, document_texts
from reportgen.unit import Unit

NUMBERS = lambda numbering, *_: numbering.number or "700-1 TAHUN 2021"  # noqa: E731  (a register's answer)


def loaded(example: Path, kind, **options):
    """Return the kind's request, what it loaded from the example and the problems it found."""
    unit = Unit(example)
    request = Request(unit, unit.profile, 2021, kind.options(**options))
    problems = ProblemCollector()
    return request, kind.load(request, problems), problems


def found(problems: ProblemCollector, *texts: str) -> list:
    """Return the problems whose message holds every text."""
    return [p for p in problems.problems if all(t in str(p) for t in texts)]


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_example_year_is_consistent(example):
    """The example tells the seed's story without one warning of these checks."""
    for kind in (pacts.KIND, action_plan.PLAN, action_plan.REALIZATION, decree.KIND, annual_report.KIND, zi.CHARTER,
                 zi.MINUTES, zi.REPORT):
        _, data, problems = loaded(example, kind)
        assert data is not None
        shown = [str(p) for p in problems.problems if not p.notice]  # what was read is said, not warned
        assert shown == [], (kind.key, shown)


# ---------------------------------------------------------------- one source for each person


def test_the_charter_and_the_minutes_take_the_team_chair_from_the_decree_team(example):
    ceremony = example / "2021" / "pencanangan-zi.yaml"
    rewrite(ceremony, "Yuliana Wijayanti, S.IP., M.H.", "Ratna Wijayanti, S.IP., M.Si.")
    rewrite(ceremony, '"19730816 199901 2 001"', '"19750921 199803 2 001"')
    request, declared, problems = loaded(example, zi.CHARTER)
    (problem,) = found(problems, "Ketua Tim RB")
    assert problem.warning and problem.file == str(ceremony) and problem.key == "saksi[1]"
    assert "tim-rb.xlsx baris 3" in str(problem) and "Yuliana Wijayanti, S.IP., M.H." in str(problem)
    for kind in (zi.CHARTER, zi.MINUTES):
        texts = " ".join(document_texts(kind.draft(request, declared, NUMBERS).drafts[0].document))
        assert "Yuliana Wijayanti, S.IP., M.H." in texts and "Ratna" not in texts


def test_a_witness_holding_a_post_another_person_holds_is_named_with_both_files(example):
    ceremony = example / "2021" / "pencanangan-zi.yaml"
    rewrite(ceremony, "jabatan: Ketua Tim Reformasi Birokrasi Ditjen Polpum",
            "jabatan: Direktur Kewaspadaan Nasional")
    _, _, problems = loaded(example, zi.MINUTES)
    (problem,) = found(problems, "Direktur Kewaspadaan Nasional")
    assert problem.warning and problem.file == str(ceremony) and "tim-rb.xlsx" in str(problem)
    assert "Yusuf Sitompul" in str(problem)


def test_another_signer_than_the_head_is_a_warning_unless_a_deputy_says_so(example):
    decree_file = example / "2021" / "keputusan-tim-rb.yaml"
    original = decree_file.read_text(encoding="utf-8")
    decree_file.write_text(original + "penandatangan:\n  nama: Budi Lain, S.H.\n  nip: \"19700101 199503 1 001\"\n"
                           "  jabatan: Direktur Jenderal Politik dan Pemerintahan Umum\n", encoding="utf-8")
    request, data, problems = loaded(example, decree.KIND)
    (problem,) = found(problems, "penandatangan")
    assert problem.warning and problem.file == str(decree_file) and problem.key == "penandatangan"
    assert "unit.yaml" in str(problem) and "Dr. Bahtiar Wicaksono, M.Si." in str(problem) and "Plh." in str(problem)
    texts = list(document_texts(decree.KIND.draft(request, data, NUMBERS).drafts[0].document))
    assert "Dr. Bahtiar Wicaksono, M.Si." in texts and "Budi Lain, S.H." not in texts  # the head of unit.yaml

    # a deputy who says so signs, printed as such; the decree is still the Director General's
    decree_file.write_text(original + "penandatangan:\n  nama: Yuliana Wijayanti, S.IP., M.H.\n"
                           "  nip: \"19730816 199901 2 001\"\n"
                           "  jabatan: Plh. Direktur Jenderal Politik dan Pemerintahan Umum\n", encoding="utf-8")
    request, data, problems = loaded(example, decree.KIND)
    assert not found(problems, "penandatangan")
    texts = list(document_texts(decree.KIND.draft(request, data, NUMBERS).drafts[0].document))
    assert "Plh. DIREKTUR JENDERAL POLITIK DAN PEMERINTAHAN UMUM," in texts
    assert "Yuliana Wijayanti, S.IP., M.H." in texts
    assert "KEPUTUSAN DIREKTUR JENDERAL POLITIK DAN PEMERINTAHAN UMUM" in texts


def test_the_head_office_in_the_team_held_by_another_person_names_the_team_and_unit_yaml(example):
    import openpyxl

    team = example / "2021" / "tim-rb.xlsx"
    book = openpyxl.load_workbook(team)
    sheet = book.active
    assert sheet.cell(2, 5).value == "Pengarah"
    sheet.cell(2, 2).value, sheet.cell(2, 3).value = "Budi Lain, S.H.", "19700101 199503 1 001"
    book.save(team)
    _, _, problems = loaded(example, decree.KIND)
    (problem,) = found(problems, "pimpinan")
    assert problem.warning and problem.file == str(team) and problem.row == 2 and "unit.yaml" in str(problem)


# ---------------------------------------------------------------- one source for each count and date


def test_a_count_of_pacts_in_the_file_that_differs_from_the_pacts_names_both(example):
    ceremony = example / "2021" / "pencanangan-zi.yaml"
    ceremony.write_text(ceremony.read_text(encoding="utf-8") + "jumlah_pakta: 57\n", encoding="utf-8")
    request, declared, problems = loaded(example, zi.MINUTES)
    (problem,) = found(problems, "jumlah_pakta 57")
    assert problem.warning and problem.file == str(ceremony) and "pegawai.xlsx" in str(problem)
    assert "pakta-integritas.yaml" in str(problem) and declared.pacts == 21
    texts = " ".join(document_texts(zi.MINUTES.draft(request, declared, NUMBERS).drafts[0].document))
    assert "21 (dua puluh satu)" in texts and "57" not in texts


def test_the_report_steps_date_the_declaration_and_the_decree_as_their_own_files(example):
    report_file = example / "2021" / "laporan.yaml"
    rewrite(report_file, "tanggal: 2021-03-17", "tanggal: 2021-03-18")
    rewrite(report_file, "Nomor 120.05-1487 Tahun 2021", "Nomor 120.05-1488 Tahun 2021")
    rewrite(report_file, "tanggal: 2021-03-08", "tanggal: 2021-03-09")
    _, _, problems = loaded(example, annual_report.KIND)
    (ceremony,) = found(problems, "pencanangan Zona Integritas dilakukan 17 Maret 2021")
    assert ceremony.file == str(report_file) and ceremony.key == "tindak_lanjut[2]" and ceremony.warning
    assert "pencanangan-zi.yaml" in str(ceremony) and "18 Maret 2021" in str(ceremony)
    (number,) = found(problems, "nomor keputusan tim berbeda")
    (date,) = found(problems, "keputusan tim ditetapkan 8 Maret 2021")
    for problem in (number, date):
        assert problem.file == str(report_file) and problem.key == "tindak_lanjut[1]" and problem.warning
        assert "keputusan-tim-rb.yaml" in str(problem)
    assert "120.05-1487 Tahun 2021" in str(number) and "120.05-1488" in str(number)


def test_the_report_cites_the_team_decree_in_its_legal_bases(example):
    request, data, problems = loaded(example, annual_report.KIND)
    assert data.team_decree == ("Keputusan Direktur Jenderal Politik dan Pemerintahan Umum Nomor 120.05-1487 Tahun 2021 "
                                "tentang Tim Reformasi Birokrasi Direktorat Jenderal Politik dan Pemerintahan Umum "
                                "Tahun 2021")
    texts = list(document_texts(annual_report.KIND.draft(request, data, NUMBERS).drafts[0].document))
    assert data.team_decree + "." in texts


# ---------------------------------------------------------------- the order of the year


@pytest.mark.parametrize("kind, file, old, new, named, other", [
    (action_plan.PLAN, "rencana-aksi.yaml", "tanggal: 2021-03-31", "tanggal: 2021-01-29",
     "Rencana Aksi bertanggal 29 Januari 2021", "keputusan-tim-rb.yaml"),
    (decree.KIND, "keputusan-tim-rb.yaml", "tanggal: 2021-03-08", "tanggal: 2021-04-08",
     "Rencana Aksi bertanggal 31 Maret 2021", "rencana-aksi.yaml"),
    (action_plan.REALIZATION, "rencana-aksi.yaml", "per: 2021-12-31", "per: 2021-03-15",
     "keadaan realisasi rencana aksi bertanggal 15 Maret 2021", "kunci 'tanggal'"),
    (annual_report.KIND, "laporan.yaml", "tanggal: 2021-12-31", "tanggal: 2021-12-20",
     "Laporan Capaian RB bertanggal 20 Desember 2021", "rencana-aksi.yaml"),
    (zi.CHARTER, "pencanangan-zi.yaml", "tanggal: 2021-03-17", "tanggal: 2021-03-05",
     "pencanangan Zona Integritas bertanggal 5 Maret 2021", "keputusan-tim-rb.yaml"),
])
def test_a_date_out_of_order_names_both_documents_and_dates(example, kind, file, old, new, named, other):
    rewrite(example / "2021" / file, old, new)
    _, _, problems = loaded(example, kind)
    (problem,) = found(problems, named, ", sebelum ")
    assert problem.warning and other in str(problem) and "bertanggal" in str(problem).split(", sebelum ", 1)[1]


def test_a_date_given_as_an_option_is_checked_and_named_so(example):
    _, _, problems = loaded(example, action_plan.PLAN, date=dt.date(2021, 2, 1))
    (problem,) = found(problems, "Rencana Aksi bertanggal 1 Februari 2021 (opsi --tanggal)")
    assert "keputusan-tim-rb.yaml" in str(problem) and "8 Maret 2021" in str(problem)
    _, _, problems = loaded(example, zi.REPORT, date=dt.date(2021, 3, 1))
    (problem,) = found(problems, "Laporan Penilaian Mandiri Zona Integritas bertanggal 1 Maret 2021")
    assert "pencanangan-zi.yaml" in str(problem) and "17 Maret 2021" in str(problem)


# ---------------------------------------------------------------- the minutes' number


def test_the_minutes_are_numbered_like_every_numbered_document(example):
    request, declared, problems = loaded(example, zi.MINUTES)
    drafts = zi.MINUTES.draft(request, declared, NUMBERS)
    draft = drafts.drafts[0]
    assert draft.numbering.code == "700" and draft.number == "700-1 TAHUN 2021"
    assert "Nomor: 700-1 TAHUN 2021" in list(document_texts(draft.document)) and "Nomor 700-1 TAHUN 2021" in drafts.facts

    ceremony = example / "2021" / "pencanangan-zi.yaml"
    rewrite(ceremony, 'kode_klasifikasi: "700"', "")
    _, _, problems = loaded(example, zi.MINUTES)
    (problem,) = found(problems, "berita acara tidak bernomor")
    assert problem.warning and problem.key == "kode_klasifikasi"
    ceremony.write_text(ceremony.read_text(encoding="utf-8") + 'kode_klasifikasi: "700"\nnomor: "700-5 TAHUN 2021"\n',
                        encoding="utf-8")
    with pytest.raises(InputError) as error:
        loaded(example, zi.MINUTES)[2].raise_if_any()
    assert "isi salah satu saja untuk berita acara" in str(error.value)


# ---------------------------------------------------------------- staff data against the NIP


def test_staff_data_checked_against_the_nip():
    from reportgen.inputs.plausibility import Where, check_person

    where = Where("pegawai.xlsx", 5)

    def said(name, nip, grade=None, year=2021):
        return [str(p) for p in check_person(name, nip, grade, where, year)]

    assert said("Dr. Bahtiar Wicaksono, M.Si.", "197105151993031004", "IV/e") == []
    (title,) = said("Drs. Rina Rahmawati, M.A.P.", "198606262011012005")
    assert "kolom 'Nama'" in title and "gelar Drs. dipakai laki-laki" in title and "(Dra.)" in title
    (hajj,) = said("Hj. Budi Santoso, S.H.", "197001012000031001")
    assert "gelar Hj. dipakai perempuan" in hajj
    (grade,) = said("Lestari Siregar, S.H.", "198802222015042003", "IV/d")
    assert "kolom 'Pangkat/Golongan'" in grade and "golongan IV/d pada tahun 2021, 6 tahun setelah TMT CPNS 04-2015" \
        in grade and "diperlukan paling sedikit 14 tahun" in grade
    (doctor,) = said("Dr. Irfan Nasution, S.E., M.M.", "198903272017031008", "IV/b")
    assert "golongan awal tertinggi III/c" in doctor and "paling sedikit 6 tahun" in doctor
    (young,) = said("Budi Santoso", "200501012020031001")
    assert "kolom 'NIP'" in young and "usia 15 tahun" in young
    (old,) = said("Budi Santoso", "195001011975031001")
    assert "berusia 71 tahun" in old
    (future,) = said("Budi Santoso", "199001012022031001")
    assert "sesudah tahun 2021" in future
    assert check_person("Drs. Rina", "198606262011012005", "IX", where, 2021, pppk=True) == []  # NI PPPK


def test_the_roster_and_the_team_are_checked_when_they_load(example):
    import openpyxl

    roster = example / "2021" / "pegawai.xlsx"
    book = openpyxl.load_workbook(roster)
    sheet = book.active
    sheet.cell(3, 2).value = "Drs. " + sheet.cell(3, 2).value  # a woman (NIP digit 15: 2) as Drs.
    sheet.cell(11, 4).value = "IV/e"                          # Pembina Utama 11 years after entering service
    book.save(roster)
    _, _, problems = loaded(example, pacts.KIND)
    (title,) = found(problems, "gelar Drs.")
    (grade,) = found(problems, "golongan IV/e")
    assert (title.file, title.row, title.column) == (str(roster), 3, "Nama") and title.warning
    assert (grade.file, grade.row, grade.column) == (str(roster), 11, "Pangkat/Golongan") and grade.warning

    team = example / "2021" / "tim-rb.xlsx"
    book = openpyxl.load_workbook(team)
    sheet = book.active
    assert sheet.cell(3, 5).value == "Ketua"
    sheet.cell(3, 4).value = "Kepala Bagian Perencanaan"  # a Head of Division chairing Directors
    sheet.cell(5, 4).value = "Analis Kebijakan Ahli Muda"
    book.save(team)
    _, _, problems = loaded(example, decree.KIND)
    (ranks,) = found(problems, "lebih rendah jabatannya")
    assert ranks.file == str(team) and ranks.row == 3 and "Direktur" in str(ranks) and ranks.warning


# ---------------------------------------------------------------- what the documents print


def test_signers_stand_two_a_row_and_the_minutes_keep_the_first_witness_beside_the_head(example):
    from reportgen.inputs.profile import Official

    request, declared, _ = loaded(example, zi.CHARTER)
    three = (Official("Dr. Hendra Saputra, S.H., M.H.", "196804121994031002", "Inspektur Jenderal"),
             Official("Siti Rahma, M.Si.", "197501012000032001", "Inspektur Wilayah I"))
    declared = dataclasses.replace(declared, ceremony=dataclasses.replace(
        declared.ceremony, witnesses=declared.ceremony.witnesses + three))
    for kind in (zi.CHARTER, zi.MINUTES):
        document = kind.draft(request, declared, NUMBERS).drafts[0].document
        rows = [block for block in document.blocks if isinstance(block, Signatures)]
        assert all(len(row.columns) <= 2 for row in rows), kind.key
        assert sum(len(row.columns) for row in rows) == 4  # the head and three witnesses
    minutes = [b for b in zi.MINUTES.draft(request, declared, NUMBERS).drafts[0].document.blocks
               if isinstance(b, Signatures)]
    assert [c.name for c in minutes[0].columns] == ["Yuliana Wijayanti, S.IP., M.H.", "Dr. Bahtiar Wicaksono, M.Si."]
    assert minutes[0].keep_with_previous and minutes[1].keep_with_previous and minutes[1].left


def test_foreign_terms_are_in_italics_in_tables_lists_and_both_formats(example, tmp_path):
    from docx import Document as open_docx

    from reportgen.render.docx import DocxWriter
    from reportgen.render.html import HtmlWriter
    from reportgen.render.template_folder import shipped_templates_dir

    request, data, _ = loaded(example, action_plan.REALIZATION)
    document = action_plan.REALIZATION.draft(request, data, NUMBERS).drafts[0].document
    html = HtmlWriter(shipped_templates_dir()).render([document])
    assert "<i>coaching</i>" in html and "<i>mentoring</i>" in html and "<i>e-learning</i>" in html
    path = tmp_path / "rencana.docx"
    path.write_bytes(DocxWriter(shipped_templates_dir() / "reference.docx").render(document))
    italic = {r.text for t in open_docx(str(path)).tables for row in t.rows for c in row.cells
              for p in c.paragraphs for r in p.runs if r.italic}
    assert {"coaching", "mentoring", "e-learning"} <= italic and "e-SAKIP" not in italic
    from reportgen.model.pact import COMMITMENTS
    assert "proaktif" in COMMITMENTS[0] and "pro aktif" not in COMMITMENTS[0]


def test_a_title_that_would_leave_one_word_alone_is_balanced_in_both_formats(tmp_path):
    from docx import Document as open_docx

    from reportgen.model.blocks import Document, DocumentMeta, PageSetup, para
    from reportgen.render.docx import DocxWriter
    from reportgen.render.html import HtmlWriter
    from reportgen.render.template_folder import shipped_templates_dir
    from reportgen.render.title_lines import fitter_of

    title = "KEPUTUSAN DIREKTUR JENDERAL POLITIK DAN PEMERINTAHAN UMUM"
    page = PageSetup(195, 297, 20, 20, 25, 30, "Arial", 12)  # the title would wrap with "UMUM" alone
    document = Document(DocumentMeta("uji", "uji", date=dt.date(2021, 3, 8)), page, (para(title, "keputusan-judul"),))
    fitted = fitter_of(shipped_templates_dir() / "reference.docx").fitted(document).blocks[0].text
    lines = fitted.split("\n")
    assert fitted.replace("\n", " ") == title and len(lines) == 2 and all(len(line.split()) >= 2 for line in lines)
    html = HtmlWriter(shipped_templates_dir()).render([document])
    assert "<br/>".join(lines) in html
    path = tmp_path / "judul.docx"
    path.write_bytes(DocxWriter(shipped_templates_dir() / "reference.docx").render(document))
    breaks = open_docx(str(path)).paragraphs[0]._p.xpath(".//w:br")  # noqa: SLF001 -- the XML is what Word reads
    assert len(breaks) == 1


def test_a_title_that_cannot_keep_its_last_word_company_is_a_warning():
    from reportgen.documents.look import title_warnings
    from reportgen.model.blocks import Document, DocumentMeta, PageSetup, para
    from reportgen.render.template_folder import shipped_templates_dir

    page = PageSetup(210, 297, 20, 20, 25, 30, "Arial", 12)
    long_words = "PENYELENGGARAANKEPEMERINTAHANDAERAHISTIMEWA KEPENDUDUKANDANPENCATATANSIPILNASIONAL"
    document = Document(DocumentMeta("uji", "uji"), page, (para(long_words, "judul-besar"),
                                                          para("KEPUTUSAN DIREKTUR JENDERAL", "judul-besar")))
    (problem,) = title_warnings(document, shipped_templates_dir())
    assert problem.warning and problem.found == long_words and problem.file.endswith("reference.docx")
    assert "85 persen" in str(problem)
