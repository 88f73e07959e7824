"""Generate the annual RB achievement report (`reportgen annual-report YEAR`): validate, draw, build, render.

The PDF is laid out first; the page of every heading is read from that layout and written into the
DOCX's table of contents, whose pages break like the PDF's (a new page before each chapter, the same
styles), so the stored contents are right as LibreOffice shows them and Word refreshes them anyway.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from reportgen.scoring.pmprb import YearSummary, rounded
from reportgen.errors import ProblemCollector
from reportgen.conventions.numbers import roman
from reportgen.inputs.folder import InputFolder
from reportgen.model.annual_report import ChartFiles, ReportOptions, build_annual_report, with_pages
from reportgen.model.blocks import Document, Heading, Section
from reportgen.output.atomic import sha256, write_atomic
from reportgen.trust.register import Register, register_path
from reportgen.render.docx import DocxWriter
from reportgen.render.pdf import PdfRenderer
from reportgen.render.template_folder import templates_dir
from reportgen.inputs.schemas.plan import load_plan
from reportgen.inputs.schemas.report import load_report_text
from reportgen.scoring.score_table import compute_scores
from reportgen.documents.single import check_drawable
from reportgen.trust.ids import Marker, issue

REPORT_TEXT_FILE = "laporan.yaml"
KIND = "laporan-capaian-rb"
PLAN_FILE = "rencana-aksi.xlsx"


def report_stem(year: int) -> str:
    """Return the file name (without suffix) of a year's report."""
    return f"laporan-capaian-rb-{year}"


@dataclass(frozen=True)
class AnnualReportResult:
    """What was written: format -> (path, SHA-256), the score table used, warnings, time taken."""

    files: dict[str, tuple[Path, str]]
    summary: YearSummary
    plan_used: bool
    warnings: list
    seconds: float


# ---------------------------------------------------------------- charts


def draw_charts(summary: YearSummary, folder: Path) -> dict[str, ChartFiles]:
    """Return the report's charts drawn into `folder`: achievement per area, score per component."""
    from reportgen.render.charts import grouped_bars, nice_maximum, wrap_label

    charts: dict[str, ChartFiles] = {}
    year, prev = summary.year, summary.previous_year

    def store(name: str, image) -> None:
        svg, png = folder / f"{name}.svg", folder / f"{name}.png"
        svg.write_bytes(image.svg)
        png.write_bytes(image.png)
        charts[name] = ChartFiles(svg, png, image.width_mm)

    areas = summary.area_lines()
    if areas:
        series = []
        if prev is not None:
            series.append((f"Tahun {prev}", [rounded(l.previous.achievement) if l.previous else None for l in areas]))
        series.append((f"Tahun {year}", [rounded(l.current.achievement) for l in areas]))
        store("area", grouped_bars([wrap_label(l.area.name, 26) for l in areas], series, "Capaian (%)",
                                   horizontal=True, maximum=100, width_mm=150, height_mm=118))
    keys = [k for k in ("pengungkit/pemenuhan", "pengungkit/hasil_antara", "pengungkit/reform", "hasil")
            if summary.find(k)]
    if keys:
        lines = [summary.line(k) for k in keys]
        labels = [wrap_label(l.component.name if l.component else "Hasil", 16) for l in lines]
        if summary.regulation_changed:  # scores under two regulations do not compare: achievement does
            series = [(f"Tahun {prev}", [rounded(l.previous.achievement) if l.previous else None for l in lines]),
                      (f"Tahun {year}", [rounded(l.current.achievement) for l in lines])]
            store("komponen", grouped_bars(labels, series, "Capaian (%)", maximum=100, width_mm=150, height_mm=80))
            return charts
        series = [("Bobot", [rounded(l.current.weight) for l in lines])]
        if prev is not None:
            series.append((f"Tahun {prev}", [rounded(l.previous.score) if l.previous else None for l in lines]))
        series.append((f"Tahun {year}", [rounded(l.current.score) for l in lines]))
        top = nice_maximum(max(v for _, values in series for v in values if v is not None))
        store("komponen", grouped_bars(labels, series, "Nilai", maximum=top, width_mm=150, height_mm=80))
    return charts


# ---------------------------------------------------------------- pages of the contents


def page_labels(laid_out) -> list[str]:
    """Return the printed number of every laid-out page, as the stylesheet counts them.

    Pages of a named page group "romawi" count i, ii, iii; other pages count 1, 2, 3; the count
    restarts at the first page of each group (`@page :nth(1 of ...)` in document.html.j2).
    """
    labels, count, name = [], 0, object()
    for page in laid_out.pages:
        page_name = page._page_box.page_type.name  # the CSS named page ('romawi', 'arab' or '')
        count = 1 if page_name != name and page_name else count + 1
        name = page_name
        labels.append(roman(count).lower() if page_name == "romawi" else str(count))
    return labels


def heading_pages(laid_out) -> dict[str, str]:
    """Return anchor -> printed page number of every anchor in the laid-out document."""
    labels = page_labels(laid_out)
    pages: dict[str, str] = {}
    for label, page in zip(labels, laid_out.pages):
        for anchor in page.anchors:
            pages.setdefault(anchor, label)
    return pages


def render_report(document: Document, formats: tuple[str, ...], templates: Path | None = None,
                  pdfa: bool = False) -> dict[str, bytes]:
    """Return format -> bytes; the DOCX contents carry the page numbers of the PDF layout."""
    from reportgen.render.pdf import pdf_options

    tpl = templates_dir(templates)
    laid_out = PdfRenderer(tpl).layout([document])
    document = with_pages(document, heading_pages(laid_out))
    rendered: dict[str, bytes] = {}
    if "pdf" in formats:
        rendered["pdf"] = laid_out.write_pdf(**pdf_options(pdfa))
    if "docx" in formats:
        rendered["docx"] = DocxWriter(tpl / "reference.docx").render(document)
    return rendered


def headings(document: Document) -> list[Heading]:
    """Return the document's headings in order (sections included)."""
    found = []

    def walk(blocks):
        for block in blocks:
            if isinstance(block, Heading):
                found.append(block)
            elif isinstance(block, Section):
                walk(block.blocks)
    walk(document.blocks)
    return found


# ---------------------------------------------------------------- the command's library function


def generate_annual_report(inputs: Path, out: Path, year: int, assessment: Path | None = None,
                           sheet: str | None = None, plan: Path | None = None,
                           formats: tuple[str, ...] = ("pdf", "docx"),
                           templates: Path | None = None, register: Path | None = None, qr: bool = True,
                           pdfa: bool = False) -> AnnualReportResult:
    """Validate the year's inputs, then write OUT/YEAR/laporan-capaian-rb-YEAR.pdf/.docx atomically.

    The report carries its ID (and its verification mark unless `qr` is False) and is recorded in the register.
    """
    started = time.perf_counter()
    folder = InputFolder(Path(inputs))
    problems = ProblemCollector()
    profile = folder.profile()
    summary = compute_scores(inputs, year, path=assessment, sheet=sheet, problems=problems)
    text = load_report_text(folder.year_file(year, REPORT_TEXT_FILE), problems)
    plan_path = Path(plan) if plan else folder.year_file(year, PLAN_FILE)
    activities = load_plan(plan_path, None, problems) if (plan or plan_path.is_file()) else None
    problems.raise_if_any()

    options = ReportOptions(year=year, date=text.date or dt.date(year, 12, 31), place=text.place or profile.city)
    with tempfile.TemporaryDirectory(prefix="reportgen-grafik-") as tmp:
        charts = draw_charts(summary, Path(tmp))
        document = build_annual_report(profile, summary, text, activities, charts, options)
        check_drawable(document)  # the texts of laporan.yaml reach the page without a schema's check
        with Register(register_path(profile, out, register)) as reg:
            marked = Marker(reg.secret(), profile.verification_url, show=qr).mark(KIND, document)
            rendered = render_report(marked.document, formats, templates, pdfa=pdfa)
            written = {}
            for fmt, data in rendered.items():
                path = Path(out) / str(year) / f"{report_stem(year)}.{fmt}"
                write_atomic(path, data)
                written[fmt] = (path, sha256(data))
            issue(reg, marked, year, report_stem(year), [(path, fmt) for fmt, (path, _) in written.items()])
    return AnnualReportResult(written, summary, activities is not None, problems.warnings,
                              time.perf_counter() - started)
