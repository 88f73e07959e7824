"""Write block-tree documents as HTML through Jinja2 templates (autoescaped, strict)."""

from __future__ import annotations

import base64
import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from reportgen.model import blocks as b
from reportgen.model import styles
from reportgen.render.qr import css_string, qr_image
from reportgen.render.title_lines import fitter_of
from reportgen.render.template_folder import shipped_templates_dir


MIME_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


@functools.lru_cache(maxsize=64)
def _data_uri(path: Path, mtime_ns: int) -> str:
    mime = MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def data_uri(path: Path) -> str:
    """Return an image file as a data: URI, so the PDF names it by content, not by where it lies."""
    path = Path(path)
    return _data_uri(path, path.stat().st_mtime_ns)


def chart_svg(chart: b.Chart) -> str:
    """Return a chart block drawn as SVG, as a data: URI (the PDF names it by content, as a picture file)."""
    from reportgen.render.charts import draw  # matplotlib: only for a document that has a chart

    return f"data:image/svg+xml;base64,{base64.b64encode(draw(chart).svg).decode('ascii')}"


def lines(text: str) -> Markup:
    """Return a text escaped for HTML, its line breaks (a title's balanced lines) as <br/>."""
    return Markup("<br/>").join(escape(part) for part in str(text).split("\n"))


def unknown_block(block) -> str:
    """Fail on a block kind the templates do not know, as the DOCX writer does: never a silent gap."""
    raise ValueError(f"the HTML templates have no macro for block kind {getattr(block, 'kind', block)!r}")


def _environment(templates_dir: Path, unknown) -> Environment:
    """Return the Jinja environment of a templates folder; `unknown(block)` writes a block it has no macro for."""
    env = Environment(loader=FileSystemLoader(str(templates_dir)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    env.filters["data_uri"] = data_uri
    env.filters["qr_image"] = qr_image
    env.filters["css_string"] = css_string
    env.filters["chart_svg"] = chart_svg
    env.filters["lines"] = lines
    env.globals["unknown_block"] = unknown
    env.globals["styles"] = styles
    return env


class HtmlWriter:
    """Render documents to HTML; the template is compiled once per writer."""

    def __init__(self, templates_dir: Path):
        self.templates_dir = Path(templates_dir)
        shipped = shipped_templates_dir()
        unknown = unknown_block
        if self.templates_dir.resolve() != shipped.resolve():
            # a unit's templates copied from an earlier version have no macro for a block kind added since (a
            # chart): such a block is written with the shipped templates' macro, every other with the unit's
            unknown = _environment(shipped, unknown_block).get_template("blocks.html.j2").module.render
        self.template = _environment(self.templates_dir, unknown).get_template("document.html.j2")

    def render(self, documents: list[b.Document], meta: b.DocumentMeta | None = None) -> str:
        """Return one HTML text holding the documents one after another (same page setup), their titles broken
        into balanced lines as the DOCX writer breaks them."""
        reference = self.templates_dir / "reference.docx"
        if reference.is_file():
            fitter = fitter_of(reference)
            documents = [fitter.fitted(d) for d in documents]
        first = documents[0]
        return self.template.render(documents=documents, page=first.page, meta=meta or first.meta)
