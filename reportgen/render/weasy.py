# Relies on internals of weasyprint==70.0 and cssselect2==0.10.1 (pinned in pyproject.toml).
# When upgrading, check: HTML.__init__ still sets exactly base_url, url_fetcher, media_type, wrapper_element and
# etree_element; HTML._ua_stylesheets(forms) still returns the user-agent stylesheets; css/html5_ua.css still
# holds that stylesheet with one rule per line; Page._page_box.page_type.name is still the CSS named page.
# tests/test_html_parsing.py (same bytes from both parsers) and tests/test_annual_report.py (the contents' page
# labels, i, ii ... then 1, 2 ...) fail if not.
"""WeasyPrint's internals the PDF writer relies on, in one place: a lighter user-agent stylesheet, a document
read by the XML parser, and the named page of a laid-out page."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import cssselect2
import weasyprint
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher


@functools.lru_cache(maxsize=1)
def user_agent_stylesheet() -> CSS:
    """Return WeasyPrint's HTML5 user-agent stylesheet without its rules for pseudo-elements of every
    element (footnote and note calls and markers, list markers).

    The templates use none of them, but a rule like `::footnote-call` makes WeasyPrint compute a style
    for that pseudo-element of every element: about 5 ms of a 35 ms pact page. Every other default
    (margins, table display, bold headings) is WeasyPrint's own, so the look does not change.
    """
    source = Path(weasyprint.__file__).parent / "css" / "html5_ua.css"
    rules = [line for line in source.read_text(encoding="utf-8").splitlines() if not line.startswith("::")]
    return CSS(string="\n".join(rules))


class LightHtml(HTML):
    """WeasyPrint's HTML document with the lighter user-agent stylesheet."""

    def _ua_stylesheets(self, forms=False):
        return [user_agent_stylesheet()]

    @classmethod
    def from_text(cls, text: str, base_url: str) -> "LightHtml":
        """Return the document of an HTML text, read by the XML parser when the text is well-formed.

        The templates write well-formed markup, which expat reads about 30 times faster than WeasyPrint's
        HTML5 parser (2 ms of a pact page) into a tree that lays out to the same bytes (tests/test_html_parsing.py).
        Anything else, such as a unit's own templates, goes through the HTML5 parser.
        """
        try:
            tree = ElementTree.fromstring(text)
        except ElementTree.ParseError:
            return cls(string=text, base_url=base_url)
        document = cls.__new__(cls)
        # what HTML.__init__ sets once it has parsed
        document.base_url = base_url
        document.url_fetcher = URLFetcher()
        document.media_type = "print"
        document.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
        document.etree_element = document.wrapper_element.etree_element
        return document


def page_name(page) -> str:
    """Return the CSS named page of a laid-out page ('' when it has none)."""
    return page._page_box.page_type.name
