"""Long tables cost in proportion to their rows (issue 17: an action plan of 10,000 rows took 142 s and 2 GB).

Counted, never timed: the Python calls of every stage up to the writers (read and validate the sheet, build
the plan and its realization, check the characters, mark, write the HTML and the DOCX) for a plan of N and
of 2N rows. A step that does per row something proportional to the rows (a python-docx `table.rows[i]`, a
list scanned for each row, a consistency check of every row against all rows) makes the larger plan cost
more than twice the smaller. WeasyPrint's layout is left out (seconds per run); bench/bench_plan.py measures it.
"""

from __future__ import annotations

import cProfile
import dataclasses
import datetime as dt
import functools
import io
import pstats
import zipfile
from pathlib import Path

import pytest
from docx.oxml.document import CT_Body

from conftest import ROOT
from factories import make_plan
from reportgen.errors import ProblemCollector
from reportgen.inputs.profile import load_profile
from reportgen.inputs.schemas.plan import load_plan
from reportgen.model.action_plan import PlanOptions, build_plan, build_realization
from reportgen.render import docx as docx_writer
from reportgen.render.docx import DocxWriter
from reportgen.render.glyphs import check_drawable
from reportgen.render.html import HtmlWriter
from reportgen.trust.ids import Marker

OPTIONS = PlanOptions(2021, dt.date(2021, 1, 29), dt.date(2021, 12, 31))
STEP = 3  # every third of the example's 45 activities, all 8 areas: 15 kinds of row
SMALL, LARGE = 15, 30  # once and twice: a step done once per row runs exactly twice as often


@pytest.fixture(scope="module")
def profile():
    return load_profile(ROOT / "inputs" / "unit.yaml")


@functools.cache
def html_writer() -> HtmlWriter:
    return HtmlWriter(ROOT / "templates")


def writers():
    """Return the writers, the DOCX one new: it remembers the shapes of the documents it wrote (parts written once)."""
    return html_writer(), DocxWriter(ROOT / "templates" / "reference.docx")


def publish_like(profile, writers, sheet) -> list[bytes]:
    """Return the HTML and DOCX of the plan and its realization from the sheet, through every stage but the layout."""
    html, docx = writers
    problems = ProblemCollector()
    activities = load_plan(sheet, None, problems, realization=True)
    problems.raise_if_any()
    marker = Marker(b"uji", profile.verification_url)
    out = []
    for kind, build in (("rencana-aksi", build_plan), ("realisasi-rencana-aksi", build_realization)):
        document = marker.mark(kind, build(profile, activities, OPTIONS)).document
        check_drawable(document)
        out += [html.render([document]).encode(), docx.render(document)]
    return out


def calls(func) -> dict[tuple, int]:
    """Return how many times `func()` calls each Python function (file, line, name)."""
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        func()
    finally:
        profiler.disable()
    return {where: counts[1] for where, counts in pstats.Stats(profiler).stats.items()}


@pytest.mark.slow
def test_every_stage_but_the_layout_costs_in_proportion_to_the_rows(profile, tmp_path):
    sheets = {size: make_plan(tmp_path / f"rencana-{size}.xlsx", size, step=STEP) for size in (3, SMALL, LARGE)}
    publish_like(profile, writers(), sheets[3])  # the process's caches warm (fonts, dataclass fields)
    small = calls(lambda: publish_like(profile, writers(), sheets[SMALL]))
    large = calls(lambda: publish_like(profile, writers(), sheets[LARGE]))
    assert sum(large.values()) <= 2 * sum(small.values())
    # a function called per row for every row (python-docx's table.rows[i], a scan of all activities per
    # activity) runs four times as often for twice the rows
    grown = {f"{Path(where[0]).name}:{where[1]} {where[2]}": (small.get(where, 0), count)
             for where, count in large.items() if count >= 100 and count > 2.1 * small.get(where, 0)}
    assert grown == {}, f"called more than twice as often for {LARGE} rows as for {SMALL} rows"


def test_the_docx_writer_empties_the_body_at_once(profile, tmp_path, monkeypatch):
    """lxml's remove() of an element held by Python re-homes every element below it, quadratic for a long
    table: the body of the document rendered before is cleared, never emptied child by child."""
    sheet = make_plan(tmp_path / "rencana.xlsx", SMALL, step=STEP)
    removed = []
    monkeypatch.setattr(CT_Body, "remove", lambda self, child: (removed.append(child), super(CT_Body, self).remove(child)))
    publish_like(profile, writers(), sheet)
    assert removed == []


@pytest.mark.slow
def test_copied_rows_give_the_bytes_python_docx_gives(profile, tmp_path, monkeypatch):
    """python-docx writes one row of each shape (about 4 ms a row), the others are copies of its XML with their
    own texts; the same plan with every row written by python-docx gives the same DOCX, byte for byte, on both
    paths of the writer (a shape filled with the texts, a document built alone), whatever the texts hold."""
    problems = ProblemCollector()
    activities = load_plan(make_plan(tmp_path / "rencana.xlsx", 10, step=9), None, problems, realization=True)
    odd = ["Tab\tdi tengah", "Baris\nbaru", "  Spasi di tepi ", "a & b < c > d", "", "Ñoño “kutip” …"]
    activities = [a if i % 3 != 1 else dataclasses.replace(a, activity=odd[i // 3 % 6] or a.activity,
                                                           output=odd[(i // 3 + 1) % 6], note=odd[(i // 3 + 2) % 6])
                  for i, a in enumerate(activities)]  # 5 kinds of row twice, some with texts of every sort
    marker = Marker(b"uji", profile.verification_url)
    documents = [marker.mark(kind, build(profile, activities, OPTIONS)).document
                 for kind, build in (("rencana-aksi", build_plan), ("realisasi-rencana-aksi", build_realization))]

    def render_all() -> list[bytes]:
        writer = DocxWriter(ROOT / "templates" / "reference.docx")
        return [writer.render(d) for d in documents] + [writer.render_alone(d) for d in documents]

    written = []
    original = DocxWriter._write_row  # noqa: SLF001 - counts the rows python-docx writes (not copies)
    monkeypatch.setattr(DocxWriter, "_write_row", lambda self, row, *args: (written.append(row), original(self, row, *args)))
    copied = render_all()
    rows = sum(len(block.rows) for d in documents for block in d.blocks if hasattr(block, "closing_rows"))
    assert len(written) < rows  # of the 2 x rows written on both paths, most were copies
    monkeypatch.setattr(docx_writer, "_row_shape", lambda data, styled: None)
    by_python_docx = render_all()
    assert [_parts(d) for d in copied] == [_parts(d) for d in by_python_docx]
    assert copied == by_python_docx


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}
