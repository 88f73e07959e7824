"""Write a templates folder's style sample (contoh-gaya.pdf and .docx) through the normal render path, with the
page and base font of the folder's reference.docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.documents.look import look_values
from reportgen.errors import ProblemCollector
from reportgen.model.blocks import PageSetup
from reportgen.model.style_sample import style_sample
from reportgen.output.atomic import write_atomic
from reportgen.render.look_check import look_notes
from reportgen.render.template_folder import shipped_templates_dir
from reportgen.render.word_look import read_look

SAMPLE = "contoh-gaya"
# The sample carries no date of its own: a fixed one in its metadata keeps its bytes the same on any day.
SAMPLE_DATE = dt.date(2026, 1, 1)


def write_style_sample(folder: Path, problems: ProblemCollector | None = None) -> list[Path]:
    """Write contoh-gaya.pdf and contoh-gaya.docx into `folder` from its templates; return the files written.
    What the PDF cannot follow of its reference.docx is added to `problems` as warnings."""
    from reportgen.render.one_document import Renderers

    folder = Path(folder)
    look = read_look(folder / "reference.docx")
    values = look_values(look)
    width, height = values["kertas"]
    page = PageSetup(width_mm=width, height_mm=height, margin_top=values["margin_atas"],
                     margin_right=values["margin_kanan"], margin_bottom=values["margin_bawah"],
                     margin_left=values["margin_kiri"], font=values["huruf"], font_size_pt=values["ukuran_huruf"],
                     numbers_from=2, columns=2)
    if problems is not None:
        for note in look_notes(look, read_look(shipped_templates_dir() / "reference.docx")):
            problems.warn(folder / "reference.docx", f"PDF tidak dapat mengikuti {note}")
    files = Renderers(folder).render(style_sample(page, SAMPLE_DATE), ("pdf", "docx")).files
    written = []
    for fmt in ("pdf", "docx"):
        path = folder / f"{SAMPLE}.{fmt}"
        write_atomic(path, files[fmt])
        written.append(path)
    return written
