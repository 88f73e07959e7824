"""Write a templates folder's style sample (contoh-gaya.pdf and .docx) through the normal render path, with the
page and base font of the folder's reference.docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.documents.look import look_values
from reportgen.errors import ProblemCollector, ReportgenError, mention
from reportgen.model.blocks import PageSetup
from reportgen.model.style_sample import style_sample
from reportgen.output.atomic import write_atomic
from reportgen.render.look_check import look_notes
from reportgen.render.template_folder import shipped_templates_dir
from reportgen.render.word_look import read_look

SAMPLE = "contoh-gaya"
# The sample carries no date of its own: a fixed one in its metadata keeps its bytes the same on any day.
SAMPLE_DATE = dt.date(2026, 1, 1)


def sample_paths(folder: Path) -> list[Path]:
    """Return where a templates folder's style sample is written."""
    return [Path(folder) / f"{SAMPLE}.{fmt}" for fmt in ("pdf", "docx")]


def _ours(path: Path) -> bool:
    """Return whether a style sample file is one reportgen wrote and nobody changed since: its metadata as
    reportgen writes it (a file saved again by Word or a PDF tool says another author, date or revision)."""
    try:
        if path.suffix == ".pdf":
            from pypdf import PdfReader

            info = PdfReader(path).metadata or {}
            return (info.get("/Creator"), info.get("/Title"), info.get("/ModDate")) == \
                ("reportgen", "Contoh gaya", f"D:{SAMPLE_DATE:%Y%m%d}000000Z")
        import zipfile

        with zipfile.ZipFile(path) as package:
            core = package.read("docProps/core.xml")
        return all(part in core for part in (b"<dc:title>Contoh gaya</dc:title>", b"<dc:creator>reportgen</dc:creator>",
                                             b"<cp:lastModifiedBy>reportgen</cp:lastModifiedBy>",
                                             b"<cp:revision>1</cp:revision>"))
    except Exception:  # noqa: BLE001 -- unreadable, not a PDF or not a package: not reportgen's
        return False


def foreign_samples(folder: Path) -> list[Path]:
    """Return the style sample's files already in `folder` that reportgen did not write (never replaced)."""
    return [path for path in sample_paths(folder) if (path.exists() or path.is_symlink()) and not _ours(path)]


def write_style_sample(folder: Path, problems: ProblemCollector | None = None) -> list[Path]:
    """Write contoh-gaya.pdf and contoh-gaya.docx into `folder` from its templates; return the files written.
    What the PDF cannot follow of its reference.docx is added to `problems` as warnings. A file of that name
    reportgen did not write (or that was changed since) is never replaced: nothing is written then."""
    from reportgen.render.one_document import Renderers

    folder = Path(folder)
    foreign = foreign_samples(folder)
    if foreign:
        parts = [part for path in foreign for part in (", ", path)][1:]
        raise ReportgenError(mention(*parts, " sudah ada dan bukan contoh gaya yang ditulis reportgen (atau telah "
                                     "diubah); tidak ada yang ditimpa. Pindahkan atau ganti namanya, lalu jalankan "
                                     "lagi"))
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
