"""Write block-tree documents as HTML through Jinja2 templates (autoescaped, strict)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..model import blocks as b


class HtmlWriter:
    """Render documents to HTML; the template is compiled once per writer."""

    def __init__(self, templates_dir: Path):
        self.templates_dir = Path(templates_dir)
        env = Environment(loader=FileSystemLoader(str(self.templates_dir)), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)
        self.template = env.get_template("document.html.j2")

    def render(self, documents: list[b.Document], meta: b.DocumentMeta | None = None) -> str:
        """Return one HTML text holding the documents one after another (same page setup)."""
        first = documents[0]
        return self.template.render(documents=documents, page=first.page, meta=meta or first.meta)
