"""The year's PMPRB score table from its assessment file: what `reportgen score` prints and the report uses."""

from __future__ import annotations

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
