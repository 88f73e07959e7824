"""Foreign terms that Indonesian spelling prints in italics (data: foreign_terms.yaml with its source), and where a
text holds them."""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml


@functools.lru_cache(maxsize=1)
def foreign_terms() -> tuple[str, ...]:
    """Return the shipped foreign terms, the longest first (so that "quick wins" wins over "quick win")."""
    data = yaml.safe_load((resources.files("reportgen.conventions") / "foreign_terms.yaml").read_text(encoding="utf-8"))
    return tuple(sorted({" ".join(t.split()) for t in data["istilah"]}, key=lambda t: (-len(t), t)))


@functools.lru_cache(maxsize=8)
def _pattern(terms: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in terms)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def foreign_spans(text: str, terms: tuple[str, ...] | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) of every foreign term in `text`, whole words only, case ignored."""
    chosen = foreign_terms() if terms is None else tuple(terms)
    if not chosen or not text:
        return []
    return [(m.start(), m.end()) for m in _pattern(chosen).finditer(text)]
