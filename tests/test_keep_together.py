"""Nothing orphaned, in both formats (issue 16): for every team size and plan size from 1 to 60 rows (decree,
action plan, realization report), no page holds only the signature block or only the total, and the PDF and
the DOCX (laid out by LibreOffice) have the same number of pages.

Page counts grow with the number of rows, so the sizes where a page break moves are found by searching the
PDF's page count (from where the previous break predicts the next, then by bisection); the sizes around each of them put the break at every position near the table's end
(before the last rows, before the total, before the notes, before the signature). Those sizes are checked in
PDF and, in one LibreOffice call, in DOCX.
"""

from __future__ import annotations

import dataclasses
import subprocess
import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT, normalize, pdf_pages, pdf_text
from reportgen.errors import ProblemCollector
from reportgen.inputs.profile import load_profile
from reportgen.inputs.schemas.decree import load_decree
from reportgen.inputs.schemas.plan import load_plan
from reportgen.inputs.schemas.team import load_team, sort_members
from reportgen.model.action_plan import PlanOptions, build_plan, build_realization
from reportgen.model.decree import build_decree
from reportgen.render.docx import DocxWriter
from reportgen.render.pdf import PdfRenderer
from reportgen.render.template_folder import templates_dir
from reportgen.trust.ids import Marker

SIZES = range(1, 61)
EXAMPLE_SIZES = {"keputusan": 61, "rencana-aksi": 45, "realisasi-rencana-aksi": 45}  # the example team and plan, checked as well
SIGNER = "Dr. Bahtiar Wicaksono, M.Si."


@pytest.fixture(scope="module")
def inputs():
    profile = load_profile(ROOT / "inputs" / "unit.yaml")
    problems = ProblemCollector()
    settings = load_decree(ROOT / "inputs" / "2021" / "keputusan-tim-rb.yaml", profile, 2021, problems)
    members = load_team(ROOT / "inputs" / "2021" / "tim-rb.xlsx", None, problems, settings.positions)
    activities = load_plan(ROOT / "inputs" / "2021" / "rencana-aksi.xlsx", None, problems)
    return profile, settings, sort_members(members, settings.positions), activities


def marked(profile, kind: str, document):
    """Return the document with its verification mark in every page's footer, as reportgen writes it."""
    return Marker(b"uji", profile.verification_url).mark(kind, document).document


def decree(inputs, size: int):
    """Return the decree of the first `size` members (in the attachment's order) and its last row's name."""
    profile, settings, members, _ = inputs
    team = (members * 2)[:size]
    team = [dataclasses.replace(m, row=i + 2) for i, m in enumerate(team)]
    return marked(profile, "keputusan", build_decree(profile, settings, team, "120.05-1487 TAHUN 2021")), \
        team[-1].name


def plan(inputs, size: int):
    """Return the action plan of `size` activities and the text that marks its last activity row."""
    profile, _, _, activities = inputs
    chosen = [dataclasses.replace(activities[i % len(activities)], row=i + 2) for i in range(size)]
    document = marked(profile, "rencana-aksi",
                      build_plan(profile, chosen, PlanOptions(2021, dt.date(2021, 3, 1), dt.date(2021, 3, 1))))
    in_last_area = [a for a in chosen if a.area.number == 8]
    return document, in_last_area[-1].output if in_last_area else "Tidak ada kegiatan pada area ini"


def realization(inputs, size: int):
    """Return the realization report of `size` activities and the text of its last activity row."""
    profile, _, _, activities = inputs
    chosen = [dataclasses.replace(activities[i % len(activities)], row=i + 2) for i in range(size)]
    document = marked(profile, "realisasi-rencana-aksi",
                      build_realization(profile, chosen, PlanOptions(2021, dt.date(2021, 3, 1), dt.date(2021, 9, 30))))
    in_last_area = [a for a in chosen if a.area.number == 8]
    return document, in_last_area[-1].activity if in_last_area else "Tidak ada kegiatan pada area ini"


KINDS = {"keputusan": decree, "rencana-aksi": plan, "realisasi-rencana-aksi": realization}


def page_problems(pages: list[str], last_row: str, kind: str) -> list[str]:
    """Return what is wrong with a document's pages: the signature block or the total alone on a page."""
    problems = []
    flat = [normalize(p) for p in pages]
    signed = [i for i, p in enumerate(flat) if SIGNER in p]
    closing = signed[-1]  # the signature under the table
    if normalize(last_row) not in flat[closing]:
        problems.append(f"page {closing + 1} holds the closing signature block without the table's last row")
    if kind == "rencana-aksi":
        total = [i for i, p in enumerate(flat) if "JUMLAH SELURUH AREA" in p]
        if total != [closing] or "Terbilang" not in flat[closing] or "Keterangan" not in flat[closing]:
            problems.append(f"the total (page {total}), its terbilang, the notes and the signature "
                            f"(page {closing + 1}) are not on one page")
    return problems


def pages_of(pdf: Path) -> list[str]:
    """Return the text of each page, each cell's text whole (content-stream order)."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize("kind", KINDS)
def test_no_page_holds_only_the_signature_or_the_total_and_both_formats_have_the_same_pages(
        kind, inputs, tmp_path, to_pdf_with_libreoffice):
    build = KINDS[kind]
    renderer = PdfRenderer(templates_dir(None))
    laid_out: dict[int, object] = {}

    def pages(size: int) -> int:
        if size not in laid_out:
            laid_out[size] = renderer.layout([build(inputs, size)[0]])  # laid out, written only if checked
        return len(laid_out[size].pages)

    # the first size of each page count: the page count never falls as rows are added, and the rows left
    # share the pages left about evenly, so each break is looked for first where that predicts it
    first, last = SIZES[0], SIZES[-1]
    low, breaks, top = first, [], pages(last)
    for count in range(pages(first) + 1, top + 1):
        low = first_size_with(pages, count, low, last, low + round((last - low) / (top - count + 2)))
        breaks.append(low)
    assert breaks, f"sizes {SIZES[0]}-{SIZES[-1]} never move a page break of the {kind}"
    sizes = sorted({s for b in breaks for s in (b - 2, b - 1, b, b + 1) if s in SIZES}
                   | {SIZES[0], SIZES[-1], EXAMPLE_SIZES[kind]})

    writer = DocxWriter(templates_dir(None) / "reference.docx")
    found, docx_files, last_rows = [], [], {}
    for size in sizes:
        document, last_rows[size] = build(inputs, size)
        pdf = tmp_path / f"{kind}-{size}.pdf"
        pdf.write_bytes((laid_out[size] if size in laid_out else renderer.layout([document])).write_pdf())
        found += [f"PDF, {size} rows: {p}" for p in page_problems(pages_of(pdf), last_rows[size], kind)]
        docx = tmp_path / f"{kind}-{size}.docx"
        docx.write_bytes(writer.render(document))
        docx_files.append(docx)
    for size, converted in zip(sizes, to_pdf_with_libreoffice(docx_files)):
        pdf_pages, docx_pages = pages_of(tmp_path / f"{kind}-{size}.pdf"), pages_of(converted)
        found += [f"DOCX, {size} rows: {p}" for p in page_problems(docx_pages, last_rows[size], kind)]
        if len(pdf_pages) != len(docx_pages):
            found.append(f"{size} rows: PDF has {len(pdf_pages)} pages, DOCX {len(docx_pages)}")
    assert not found, f"sizes checked {sizes}:\n" + "\n".join(found)


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


def test_every_kind_has_the_same_pages_in_both_formats_and_no_page_of_only_a_signature(example, tmp_path,
                                                                                     to_pdf_with_libreoffice):
    """The documents without a table that grows (report, Zona Integritas, pact): the example in PDF and in the
    DOCX as LibreOffice lays it out has the same page count, and no page holds only the signature block."""
    from reportgen.documents.publish import Settings, publish
    from reportgen.documents.kinds import Ask
    from reportgen.documents.registry import KINDS as ALL, find_kind
    from reportgen.unit import Unit

    keys = [k.key for k in ALL if k.key not in KINDS and k.key != "pakta-integritas"]
    out = tmp_path / "out"
    publish([Ask(find_kind(key)) for key in keys], Settings(Unit(example, out), year=2021, qr=True))
    pdfs = sorted((out / "2021").glob("*.pdf"))
    assert len(pdfs) == len(keys)
    converted = to_pdf_with_libreoffice([p.with_suffix(".docx") for p in pdfs])
    for pdf, other in zip(pdfs, converted):
        assert pdf_pages(pdf) == pdf_pages(other), pdf.name
        for path in (pdf, other):
            for page in range(2, pdf_pages(path) + 1):
                lines = [line for line in pdf_text(path, page).splitlines()
                         if line.strip() and not line.startswith(("Kode verifikasi", "Periksa keaslian", "- "))]
                words = " ".join(lines).split()
                assert not ("NIP" in words and len(words) < 25), f"{path.name} page {page} holds only: {lines}"
