"""The year's PMPRB score table from its assessment file: what `reportgen score` prints and the report uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import ProblemCollector
from reportgen.unit import Unit

if TYPE_CHECKING:
    from reportgen.scoring.pmprb import YearSummary

ASSESSMENT_FILE = "penilaian.xlsx"


def assessment_path(unit: Unit, year: int, path: Path | None = None) -> Path:
    """Return the assessment file of a year: the given path, or INPUTS/YEAR/penilaian.xlsx."""
    return Path(path) if path else unit.folder.root / str(year) / ASSESSMENT_FILE


def compute_scores(unit: Unit, year: int, path: Path | None = None, sheet: str | None = None,
                   problems: ProblemCollector | None = None) -> YearSummary | None:
    """Return the validated score table of `year`, or raise InputError listing every problem.

    With `problems` given, problems are only collected there (the caller raises them together with
    its own), and None is returned when the table cannot be computed.
    """
    from reportgen.inputs.schemas.assessment import load_assessment
    from reportgen.scoring.pmprb import summarize

    collector = problems if problems is not None else ProblemCollector()
    assessment = load_assessment(assessment_path(unit, year, path), sheet, year, collector)
    if problems is None:
        collector.raise_if_any()
    if assessment is None or year not in assessment.years or collector.problems and any(
            not p.warning for p in collector.problems):
        return None
    return summarize(assessment, year)


@dataclass(frozen=True)
class YearScores:
    """A year's scores as the web page shows them: the PMPRB table and the ZI verdicts exactly as `nilai --json`
    and `zi --json` write them (None when the year has no such file), the report's charts as PNG by name, and the
    problems that kept a table from being computed."""

    pmprb: dict | None
    zi: dict | None
    charts: dict[str, bytes]
    problems: tuple = ()


def year_scores(unit: Unit, year: int) -> YearScores:
    """Return the year's PMPRB and ZI scores, with the charts the annual report and the ZI report draw."""
    import json

    from reportgen.documents.zi import LKE_FILE, assess
    from reportgen.errors import InputError
    from reportgen.model.annual_report import report_charts
    from reportgen.model.zi import area_chart
    from reportgen.render.charts import draw
    from reportgen.scoring.score_table import score_json
    from reportgen.scoring.zi_table import zi_json

    pmprb = zi = None
    charts: dict[str, bytes] = {}
    problems: list = []
    if assessment_path(unit, year).is_file():
        try:
            summary = compute_scores(unit, year)
        except InputError as exc:
            problems += exc.problems
        else:
            if summary is not None:
                pmprb = json.loads(score_json(summary))
                charts.update({f"pmprb-{name}": draw(chart).png for name, chart in report_charts(summary).items()})
    if unit.year_file(year, LKE_FILE).is_file():
        try:
            assessed = assess(unit, year)
        except InputError as exc:
            problems += exc.problems
        else:
            zi = json.loads(zi_json(assessed.scores, assessed.verdicts))
            chart = area_chart(assessed.scores)
            if chart is not None:
                charts["zi-area"] = draw(chart).png
    return YearScores(pmprb, zi, charts, tuple(problems))
