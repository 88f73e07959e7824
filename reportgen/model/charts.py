"""The numbers and labels of the reports' charts (blocks.Chart): labels broken into lines, a round axis maximum."""

from __future__ import annotations

import math


def wrap_label(text: str, width: int = 24) -> str:
    """Return a category label broken into lines of about `width` characters."""
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return "\n".join(lines)


def nice_maximum(value: float) -> float:
    """Return a round axis maximum a little above value (110 for percentages up to 100)."""
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    return math.ceil(value * 1.15 / step) * step
