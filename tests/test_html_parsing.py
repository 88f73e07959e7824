"""The PDF writer reads the templates' HTML with the XML parser: every document kind, the same bytes as HTML5."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from weasyprint import HTML

from conftest import ROOT
from reportgen.render import pdf as pdf_writer
from reportgen.render.weasy import LightHtml
from reportgen.render.html import HtmlWriter


@pytest.fixture(scope="module")
def html_texts(drafted_kinds):
    """The HTML of every document kind as the PDF writer lays it out (two pacts in one text, as a batch has)."""
    writer = HtmlWriter(ROOT / "templates")
    return [writer.render(documents[:2]) for documents in drafted_kinds.values()]


def test_every_document_is_well_formed_xml(html_texts):
    for text in html_texts:
        ElementTree.fromstring(text)  # raises, naming line and column, if a template writes HTML only


@pytest.mark.slow
def test_xml_and_html5_parsers_give_the_same_pdf(html_texts, tmp_path):
    renderer = pdf_writer.PdfRenderer(ROOT / "templates")
    base = str(renderer.templates_dir) + "/"
    for text in html_texts:
        fast = LightHtml.from_text(text, base)
        html5 = LightHtml(string=text, base_url=base)
        pdfs = [doc.render(stylesheets=[renderer.css], font_config=renderer.fonts).write_pdf(pdf_identifier=False)
                for doc in (fast, html5)]
        assert pdfs[0] == pdfs[1]


def test_markup_that_is_not_xml_still_renders(tmp_path):
    text = "<!DOCTYPE html><html><body><p>Satu<br>dua &nbsp; tiga</body></html>"
    with pytest.raises(ElementTree.ParseError):
        ElementTree.fromstring(text)
    document = LightHtml.from_text(text, str(tmp_path) + "/")
    assert isinstance(document, HTML)
    assert document.render().write_pdf()[:5] == b"%PDF-"
