"""Validate rencana-aksi.yaml: the plan's signing date, its realization's cut-off, and the year's priority
programmes (the one list the action plan and the annual report both read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ProblemCollector
from reportgen.inputs.yaml_file import read_yaml_lines


@dataclass(frozen=True)
class PlanDates:
    """What rencana-aksi.yaml says: None where the file is silent or absent."""

    date: dt.date | None = None   # the plan's signing date
    per: dt.date | None = None    # the realization's cut-off ("Keadaan per ...")
    priorities: tuple[str, ...] | None = None  # the year's priority programmes; None when the file is silent


def load_plan_dates(path: Path, problems: ProblemCollector) -> PlanDates:
    """Return what rencana-aksi.yaml says (nothing if it is absent); problems go to `problems`."""
    from reportgen.conventions.settings_schema import validate_settings
    from reportgen.inputs.settings_files import PlanDatesFile

    path = Path(path)
    if not path.is_file():
        return PlanDates()
    data, lines = read_yaml_lines(path)
    given = validate_settings(PlanDatesFile, {} if data is None else data, path, problems, lines)
    if given is None:
        return PlanDates()
    priorities = given.program_prioritas
    return PlanDates(date=given.tanggal, per=given.per,
                     priorities=None if priorities is None else tuple(" ".join(p.split()) for p in priorities))
