"""Charts printed on a black-and-white printer (issue 16): the series of a bar chart stay apart by grey level."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from reportgen.render.charts import grouped_bars


def grey_levels(png: bytes) -> list[int]:
    """Return the grey levels (0 black - 255 white, in steps of 8) that fill a sizeable part of the picture."""
    image = Image.open(io.BytesIO(png)).convert("L")
    counts: dict[int, int] = {}
    for value, count in enumerate(image.histogram()):
        counts[value // 8 * 8] = counts.get(value // 8 * 8, 0) + count
    total = image.width * image.height
    return sorted(level for level, count in counts.items() if count > total * 0.02 and 24 <= level < 248)


@pytest.mark.parametrize("count", [2, 3])
def test_series_differ_in_grey_level(count):
    names = ["2019", "2020", "2021"][-count:]
    series = [(name, [80.0, 60.0, 90.0, 70.0]) for name in names]
    chart = grouped_bars(["A", "B", "C", "D"], series, "Capaian (%)", maximum=110)
    levels = grey_levels(chart.png)
    assert len(levels) >= count, levels
    # in grey, each series' fill is at least a sixth of the scale away from the next
    distinct = [levels[0]]
    for level in levels[1:]:
        if level - distinct[-1] >= 40:
            distinct.append(level)
    assert len(distinct) >= count, levels
