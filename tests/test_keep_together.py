"""Every page signable as is (issues 16 and 25): every kind at sizes 1 to 60 (rows, team members, signers), in two
looks (the shipped reference.docx, and a clerk's: Normal in DejaVu Serif 12 pt on F4), has no page that holds only
a signature block, a Tembusan, a total row or a note, in the PDF and in the DOCX as LibreOffice lays it out, and
both formats have the same number of pages.

Page counts grow with the size, so the sizes where a page break moves are found by searching the PDF's page
count (from where the previous break predicts the next, then by bisection); the sizes around each break put it at
every position near the document's end. Only those sizes are written: as PDF, and as DOCX converted in one
LibreOffice call per kind and look. What a page holds is read with `pdftotext -raw` and compared with the parts of
the document's model that must not stand alone (tail_words).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from reportgen.documents.kinds import Request
from reportgen.errors import ProblemCollector
from reportgen.model import blocks as b
from reportgen.render.docx import DocxWriter
from reportgen.render.pdf import PdfRenderer
from reportgen.render.template_folder import shipped_templates_dir
from reportgen.trust.ids import Marker

pytestmark = pytest.mark.slow  # every kind laid out at many sizes, in both formats and through LibreOffice

SIZES = range(1, 61)
SIGNERS = range(1, 5)  # the head and up to three witnesses (pencanangan-zi.yaml takes three)
_PAGE_NUMBER = re.compile(r"^\s*-\s*(?:\d+|[ivxlcdm]+)\s*-\s*$", re.IGNORECASE)
_FURNITURE = ("Kode verifikasi:", "Periksa keaslian:")


def clerk_look(folder: Path) -> Path:
    """Return a copy of the shipped templates whose reference.docx says Normal is DejaVu Serif 12 pt on F4."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    shutil.copytree(shipped_templates_dir(), folder, ignore=shutil.ignore_patterns("__*"))
    doc = Document(str(folder / "reference.docx"))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "DejaVu Serif", Pt(12)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "DejaVu Serif")
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    doc.save(str(folder / "reference.docx"))
    return folder


@pytest.fixture(scope="module", params=["bawaan", "juru-tulis"])
def look(request, tmp_path_factory):
    """The example's inputs loaded once per look: (templates folder, request maker, loaded inputs per kind)."""
    from reportgen.documents import action_plan, annual_report, decree, zi
    from reportgen.documents.look import apply_look
    from reportgen.unit import Unit

    base = tmp_path_factory.mktemp(f"tampilan-{request.param}")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    templates = shipped_templates_dir() if request.param == "bawaan" else clerk_look(base / "templat")
    unit = Unit(inputs, templates_option=templates)
    profile = apply_look(unit.profile, templates, ProblemCollector())

    def asked(kind):
        return Request(unit, profile, 2021, kind.options())

    loaded = {}
    for key, kind, load in (("keputusan", decree.KIND, decree.load), ("rencana", action_plan.PLAN,
                                                                          action_plan.load_realization_request),
                            ("laporan", annual_report.KIND, annual_report.load),
                            ("zi", zi.REPORT, zi.load_report), ("pencanangan", zi.CHARTER, zi.load_declaration)):
        problems = ProblemCollector()
        loaded[key] = load(asked(kind), problems)
        assert not [p for p in problems.problems if not p.warning], problems.problems
    return {"name": request.param, "templates": templates, "profile": profile, "loaded": loaded, "base": base}


def marked(kind: str, document: b.Document) -> b.Document:
    """Return the document with its verification mark in every page's footer, as reportgen writes it."""
    return Marker(b"uji", None).mark(kind, document).document


def cycled(items: list, size: int, **fields) -> list:
    """Return `size` items taken round the list, each with its own row."""
    return [dataclasses.replace(items[i % len(items)], row=i + 2, **fields) for i in range(size)]


def decree(look, size: int) -> b.Document:
    from reportgen.inputs.schemas.team import sort_members
    from reportgen.model.decree import build_decree

    loaded = look["loaded"]["keputusan"]
    members = sort_members(loaded.members, loaded.settings.positions)
    return build_decree(look["profile"], loaded.settings, cycled(members, size), "120.05-1487 TAHUN 2021")


def plan(look, size: int) -> b.Document:
    from reportgen.model.action_plan import PlanOptions, build_plan

    activities = look["loaded"]["rencana"].activities
    return build_plan(look["profile"], cycled(activities, size), PlanOptions(2021, dt.date(2021, 3, 31),
                                                                          dt.date(2021, 3, 31)))


def realization(look, size: int) -> b.Document:
    from reportgen.model.action_plan import PlanOptions, build_realization

    activities = look["loaded"]["rencana"].activities
    return build_realization(look["profile"], cycled(activities, size), PlanOptions(2021, dt.date(2021, 3, 31),
                                                                                    dt.date(2021, 9, 30)))


def report(look, size: int) -> b.Document:
    """The annual report with `size` activities, each with an obstacle (its BAB IV tables grow)."""
    from reportgen.model.annual_report import ReportOptions, build_annual_report

    loaded = look["loaded"]["laporan"]
    activities = cycled(loaded.activities, size, obstacles="Kendala anggaran dan jadwal",
                        follow_up="Dijadwalkan ulang pada triwulan berikutnya")
    options = ReportOptions(2021, dt.date(2021, 12, 31), "Jakarta", dt.date(2021, 12, 31), loaded.team_decree)
    return build_annual_report(look["profile"], loaded.summary, loaded.text, activities, options)


def zi_report(look, size: int) -> b.Document:
    """The ZI self-assessment report with `size` notes on its last area (BAB IV grows)."""
    from reportgen.model.zi import ZiReportOptions, build_zi_report

    assessed = look["loaded"]["zi"]
    sheet = assessed.sheet
    last = [i for i in sheet.items if i.area == sheet.rules.areas[-1]][-1]
    notes = tuple(dataclasses.replace(last, note=f"Catatan tambahan nomor {n} tentang bukti dukung layanan")
                  for n in range(1, size + 1))
    sheet = dataclasses.replace(sheet, items=sheet.items + notes)
    return build_zi_report(look["profile"], sheet, assessed.scores, assessed.verdicts,
                           ZiReportOptions(dt.date(2021, 12, 31), "Jakarta", dt.date(2021, 3, 17)))


def _witnesses(look, size: int):
    from reportgen.inputs.profile import Official

    declared = look["loaded"]["pencanangan"]
    others = [Official("Dr. Hendra Saputra, S.H., M.H.", "196804121994031002",
                       "Inspektur Jenderal Kementerian Dalam Negeri"),
              Official("Prof. Dr. Ir. Raden Mas Haryo Suryo Adi Kusumo, M.Sc.", "196505051990031001",
                       "Deputi Bidang Reformasi Birokrasi, Akuntabilitas Aparatur dan Pengawasan")]
    witnesses = (declared.ceremony.witnesses + tuple(others))[:size - 1]
    return dataclasses.replace(declared.ceremony, witnesses=witnesses), declared.pacts


def charter(look, size: int) -> b.Document:
    from reportgen.model.zi import build_charter

    ceremony, _ = _witnesses(look, size)
    return build_charter(look["profile"], ceremony, ceremony.date, "Jakarta")


def minutes(look, size: int) -> b.Document:
    from reportgen.model.zi import build_minutes

    ceremony, pacts = _witnesses(look, size)
    return build_minutes(look["profile"], ceremony, ceremony.date, "Jakarta", pacts, "700-1 TAHUN 2021")


# kind -> (builder, sizes, the size of the example)
KINDS = {"keputusan": (decree, SIZES, 61), "rencana-aksi": (plan, SIZES, 45),
         "realisasi-rencana-aksi": (realization, SIZES, 45), "laporan-capaian-rb": (report, SIZES, 45),
         "laporan-penilaian-zi": (zi_report, SIZES, 1), "piagam-pencanangan-zi": (charter, SIGNERS, 2),
         "berita-acara-pencanangan-zi": (minutes, SIGNERS, 2)}


def _words(text: str) -> list[str]:
    return text.replace("\u2011", "-").split()


def tail_words(document: b.Document) -> tuple[set[str], set[str]]:
    """Return the words of what must never stand alone on a page (signature blocks, a Tembusan, total rows, notes
    kept with the block before them), and the words of the tables' headers (repeated on every page)."""
    tail, headers = set(), set()

    def visit(blocks):
        for block in blocks:
            if isinstance(block, b.Section):
                visit(block.blocks)
            elif isinstance(block, b.Signatures):
                for column in block.columns:
                    for text in (*column.lines_before, column.name, *column.lines_after, column.stamp_box or ""):
                        tail.update(_words(text))
            elif isinstance(block, b.Table):
                for column in block.columns:
                    headers.update(_words(column.header))
                for row in block.rows:
                    if row.style == "jumlah":
                        tail.update(w for cell in row.cells for w in _words(cell.text))
            elif isinstance(block, b.Paragraph) and (block.keep_with_previous or block.style == "catatan"):
                tail.update(_words(block.text))
            elif isinstance(block, b.NumberedList) and (block.keep_with_previous or block.style == "catatan-butir"):
                for item in block.items:
                    tail.update(_words(item.marker) + _words(item.text))

    visit(document.blocks)
    return tail, headers


def pages_of(pdf: Path) -> list[list[str]]:
    """Return each page's words in content-stream order, without its page number and verification footer."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for page in text.split("\f")[:-1]:
        lines = [line for line in page.splitlines()
                 if not _PAGE_NUMBER.match(line) and not line.strip().startswith(_FURNITURE)]
        pages.append(_words("\n".join(lines)))
    return pages


def page_problems(pages: list[list[str]], tail: set[str], headers: set[str]) -> list[str]:
    """Return each page after the first that holds nothing but what must not stand alone (or nothing at all)."""
    found = []
    for number, words in enumerate(pages[1:], start=2):
        rest = [w for w in words if w not in headers]
        if all(w in tail for w in rest):
            found.append(f"page {number} holds only: {' '.join(words)[:160]!r}")
    return found


def first_size_with(pages, count: int, lo: int, hi: int, guess: int) -> int:
    """Return the first size in (lo, hi] with `count` pages or more (pages(lo) < count <= pages(hi)): the
    guess first, then outwards from it in growing steps, then by bisection."""
    probe, step = min(max(guess, lo + 1), hi), 1
    while True:
        if pages(probe) >= count:
            hi = probe
            probe -= step
            if probe <= lo:
                break
        else:
            lo = probe
            probe += step
            if probe >= hi:
                break
        step *= 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if pages(mid) >= count else (mid, hi)
    return hi


def sizes_to_check(pages, sizes: range, example: int) -> list[int]:
    """Return the sizes that put each page break near the document's end: around every size where the page count
    grows, and the smallest, largest and the example's."""
    first, last = sizes[0], sizes[-1]
    low, breaks, top = first, [], pages(last)
    for count in range(pages(first) + 1, top + 1):
        low = first_size_with(pages, count, low, last, low + round((last - low) / (top - count + 2)))
        breaks.append(low)
    return sorted({s for brk in breaks for s in (brk - 2, brk - 1, brk, brk + 1) if s in sizes}
                  | {first, last, example})


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_no_page_holds_only_a_signature_a_tembusan_a_total_or_a_note_and_both_formats_have_the_same_pages(
        kind, look, tmp_path, to_pdf_with_libreoffice):
    build, sizes, example = KINDS[kind]
    renderer = PdfRenderer(look["templates"])
    documents: dict[int, b.Document] = {}
    laid_out: dict[int, object] = {}

    def document(size: int) -> b.Document:
        if size not in documents:
            documents[size] = marked(kind, build(look, size))
        return documents[size]

    def pages(size: int) -> int:
        if size not in laid_out:
            laid_out[size] = renderer.layout([document(size)])  # laid out, written only if checked
        return len(laid_out[size].pages)

    checked = sizes_to_check(pages, sizes, example)
    writer = DocxWriter(look["templates"] / "reference.docx")
    found, docx_files = [], []
    for size in checked:
        pdf = tmp_path / f"{kind}-{size}.pdf"
        pdf.write_bytes((laid_out[size] if size in laid_out else renderer.layout([document(size)])).write_pdf())
        tail, headers = tail_words(document(size))
        found += [f"PDF, size {size}: {p}" for p in page_problems(pages_of(pdf), tail, headers)]
        docx = tmp_path / f"{kind}-{size}.docx"
        docx.write_bytes(writer.render(document(size)))
        docx_files.append(docx)
    for size, converted in zip(checked, to_pdf_with_libreoffice(docx_files)):
        tail, headers = tail_words(document(size))
        in_pdf, in_docx = pages_of(tmp_path / f"{kind}-{size}.pdf"), pages_of(converted)
        found += [f"DOCX, size {size}: {p}" for p in page_problems(in_docx, tail, headers)]
        if len(in_pdf) != len(in_docx):
            found.append(f"size {size}: PDF has {len(in_pdf)} pages, DOCX {len(in_docx)}")
    assert not found, f"{look['name']}, sizes checked {checked}:\n" + "\n".join(found)


@pytest.mark.slow
def test_every_pact_is_one_page_in_both_formats_and_looks(look, tmp_path, to_pdf_with_libreoffice):
    """Pacts, 1 to 60 signers in one batch: each one page in the PDF and in the DOCX (the first, the longest
    names and the last converted by LibreOffice)."""
    from reportgen.inputs.schemas.roster import load_roster
    from reportgen.model.pact import ONE_PAGE, PactOptions, build_pact

    roster = load_roster(ROOT / "inputs" / "2021" / "pegawai.xlsx", None, ProblemCollector())
    # a long name and the longest office of the example (the 120-character names: tests/test_pacts.py)
    longest = dataclasses.replace(roster[1], name="Prof. Dr. H. Raden Mas Haryo Suryo Adi Kusumo, S.H., M.H., M.Si.",
                                  office="Direktur Fasilitasi Kelembagaan Pemerintahan dan Pemerintahan Umum")
    signers = cycled(roster + [longest], 60)
    options = PactOptions(dt.date(2021, 3, 17), "Jakarta")
    documents = [marked("pakta-integritas", build_pact(look["profile"], s, options)) for s in signers]
    renderer = PdfRenderer(look["templates"])
    laid = renderer.render_batch(documents, documents[0].meta, fit=ONE_PAGE, write=False)
    assert laid.pages == [1] * 60 and not laid.spilled
    chosen = [0, len(roster), 59]
    writer = DocxWriter(look["templates"] / "reference.docx")
    files = []
    for index in chosen:  # each pact as the batch shows it (in smaller type when it needed one)
        path = tmp_path / f"pakta-{index}.docx"
        path.write_bytes(writer.render(laid.documents[index]))
        files.append(path)
    for index, converted in zip(chosen, to_pdf_with_libreoffice(files)):
        assert len(pages_of(converted)) == 1, (look["name"], index)


def test_a_page_of_only_a_signature_a_total_or_a_tembusan_is_found():
    """The check itself: pages holding only tail parts (and repeated headers) are found, others are not."""
    tail, headers = {"Ditetapkan", "di", "Jakarta", "Tembusan:", "1.", "Menteri", "JUMLAH", "Rp1.000"}, {"No", "Nama"}
    pages = [["KEPUTUSAN"], ["No", "Nama", "JUMLAH", "Rp1.000"], ["Tembusan:", "1.", "Menteri"],
             ["61.", "Budi", "Anggota", "Ditetapkan", "di", "Jakarta"], []]
    assert [p.split(":")[0] for p in page_problems(pages, tail, headers)] == ["page 2 holds only", "page 3 holds only",
                                                                               "page 5 holds only"]


def test_the_search_finds_every_break_of_any_page_count():
    """The search for page breaks against a plain scan, on made-up page counts: evenly spaced breaks, uneven
    ones, none, and several in a row."""
    import random

    chooser = random.Random(7)
    for trial in range(500):
        breaks = sorted(chooser.sample(range(2, 61), chooser.randint(0, 9)))
        if trial % 2:
            every = chooser.randint(4, 20)
            breaks = list(range(chooser.randint(2, every + 1), 61, every))
        pages = lambda size: 1 + sum(size >= b for b in breaks)  # noqa: E731
        found, low = [], 1
        for count in range(pages(1) + 1, pages(60) + 1):
            low = first_size_with(pages, count, low, 60, low + chooser.randint(-5, 15))
            found.append(low)
        assert found == breaks
