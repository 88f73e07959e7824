"""Draw the chart blocks with matplotlib: SVG (vector) for the PDF, high-DPI PNG for the DOCX.

Labels are Indonesian, numbers are written with decimal commas, and the same inputs give the same
bytes (fixed SVG hash salt, no dates or software names in the files).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from reportgen.conventions.numbers import format_number
from reportgen.model.blocks import Chart

PNG_DPI = 300
MM = 1 / 25.4

# The look of charts (a chart has no reference.docx or print.css; this is its template).
STYLE = {
    "font.family": ["Liberation Sans", "DejaVu Sans"],  # Liberation Sans: metrics of Arial
    "font.size": 8,
    "axes.edgecolor": "#404040",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "legend.frameon": False,
    "svg.fonttype": "path",  # text as outlines: the PDF needs no chart font
    "svg.hashsalt": "reportgen",  # stable ids inside the SVG
    "path.simplify": False,
    "hatch.linewidth": 0.5,
}
# One (fill, hatch) per series, the last series (this year) darkest. The fills differ in grey level by about a
# fifth of the scale or more and the middle one is hatched, so the series stay apart on a black-and-white printer.
SERIES_LOOKS = (("#d9d9d9", ""), ("#8faadc", "////"), ("#1f4e79", ""))
BAR_EDGE = "#404040"  # outline and hatch lines
LINE_COLOURS = ("#c55a11", "#375623", "#7030a0")  # reference lines (thresholds): also apart by dash pattern
LINE_STYLES = ("--", "-.", ":")


@dataclass(frozen=True)
class ChartImage:
    """A drawn chart: SVG bytes, PNG bytes and its width in millimetres."""

    svg: bytes
    png: bytes
    width_mm: float


def _number(decimals: int):
    return FuncFormatter(lambda value, _pos: format_number(value, decimals))


def _save(fig: Figure, width_mm: float) -> ChartImage:
    svg, png = io.BytesIO(), io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return ChartImage(svg.getvalue(), png.getvalue(), width_mm)


def grouped_bars(categories: list[str], series: list[tuple[str, list[float | None]]], value_label: str,
                 horizontal: bool = False, maximum: float | None = None, decimals: int = 2,
                 width_mm: float = 150, height_mm: float = 90,
                 lines: list[tuple[str, float]] = ()) -> ChartImage:
    """Return a grouped bar chart: one group per category, one bar per series, values written on the bars.

    Missing values (None) leave a gap. `horizontal` puts categories on the vertical axis (long names).
    `lines` are reference values (name, value) drawn across the bars, e.g. thresholds, named in the legend.
    """
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width_mm * MM, height_mm * MM))
        ax = fig.add_subplot()
        count = len(series)
        band = 0.8 / max(count, 1)
        positions = list(range(len(categories)))
        if horizontal:
            positions = positions[::-1]  # first category at the top
        for i, (name, values) in enumerate(series):
            offset = (i - (count - 1) / 2) * band
            if horizontal:
                offset = -offset
            xs = [p + offset for p, v in zip(positions, values) if v is not None]
            vs = [v for v in values if v is not None]
            colour, hatch = SERIES_LOOKS[(len(SERIES_LOOKS) - count + i) % len(SERIES_LOOKS)]
            look = dict(label=name, color=colour, hatch=hatch or None, edgecolor=BAR_EDGE, linewidth=0.4)
            if horizontal:
                bars = ax.barh(xs, vs, height=band * 0.92, **look)
            else:
                bars = ax.bar(xs, vs, width=band * 0.92, **look)
            ax.bar_label(bars, labels=[format_number(v, decimals) for v in vs], padding=2,
                         fontsize=6.5 if count > 2 else 7)
        for i, (name, value) in enumerate(lines):
            draw = ax.axvline if horizontal else ax.axhline
            draw(value, color=LINE_COLOURS[i % len(LINE_COLOURS)], linestyle=LINE_STYLES[i % len(LINE_STYLES)],
                 linewidth=1.0, label=name)
        top = maximum if maximum is not None else max(
            (v for _, values in series for v in values if v is not None), default=1) * 1.15
        if horizontal:
            ax.set_yticks(positions, categories)
            ax.set_xlim(0, top * 1.12)
            ax.xaxis.set_major_formatter(_number(0))
            ax.set_xlabel(value_label)
            ax.tick_params(axis="y", length=0)
        else:
            ax.set_xticks(positions, categories)
            ax.set_ylim(0, top)
            ax.yaxis.set_major_formatter(_number(0 if top >= 10 else 1))
            ax.set_ylabel(value_label)
            ax.tick_params(axis="x", length=0)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 if not horizontal else -0.1),
                  ncol=max(count + len(lines), 1), fontsize=7.5)
        fig.tight_layout()
        return _save(fig, width_mm)


def draw(chart: Chart) -> ChartImage:
    """Return a chart block drawn as SVG and PNG, drawn once however many writers (and the document's ID) ask."""
    return _drawn(chart.labels, chart.series, chart.axis_label, chart.maximum, chart.horizontal, chart.width_mm,
                  chart.height_mm, chart.lines, chart.decimals)


@functools.lru_cache(maxsize=16)
def _drawn(labels, series, axis_label, maximum, horizontal, width_mm, height_mm, lines, decimals) -> ChartImage:
    return grouped_bars(list(labels), [(s.name, list(s.values)) for s in series], axis_label, horizontal=horizontal,
                        maximum=maximum, decimals=decimals, width_mm=width_mm, height_mm=height_mm,
                        lines=[(line.name, line.value) for line in lines])
