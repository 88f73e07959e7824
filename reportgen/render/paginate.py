"""Page numbers of a laid-out PDF: the printed label of every page and the page of every anchor."""

from __future__ import annotations

from reportgen.conventions.numbers import roman
from reportgen.render.weasy import page_name as css_page_name


def page_labels(laid_out) -> list[str]:
    """Return the printed number of every laid-out page, as the stylesheet counts them.

    Pages of a named page group "romawi" count i, ii, iii; other pages count 1, 2, 3; the count
    restarts at the first page of each group (`@page :nth(1 of ...)` in document.html.j2).
    """
    labels, count, name = [], 0, object()
    for page in laid_out.pages:
        page_name = css_page_name(page)  # 'romawi', 'arab' or ''
        count = 1 if page_name != name and page_name else count + 1
        name = page_name
        labels.append(roman(count).lower() if page_name == "romawi" else str(count))
    return labels


def anchor_pages(laid_out) -> dict[str, str]:
    """Return anchor -> printed page number of every anchor in the laid-out document."""
    labels = page_labels(laid_out)
    pages: dict[str, str] = {}
    for label, page in zip(labels, laid_out.pages):
        for anchor in page.anchors:
            pages.setdefault(anchor, label)
    return pages
