"""Validate rencana-aksi.yaml: the signing date of the year's action plan and the cut-off of its realization."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ProblemCollector
from reportgen.inputs.schemas.base import date_value
from reportgen.inputs.yaml_file import read_yaml

KEYS = ("tanggal", "per")


@dataclass(frozen=True)
class PlanDates:
    """What rencana-aksi.yaml says: None where the file is silent or absent."""

    date: dt.date | None = None   # the plan's signing date
    per: dt.date | None = None    # the realization's cut-off ("Keadaan per ...")


def load_plan_dates(path: Path, problems: ProblemCollector) -> PlanDates:
    """Return what rencana-aksi.yaml says (nothing if it is absent); problems go to `problems`."""
    path = Path(path)
    if not path.is_file():
        return PlanDates()
    data = read_yaml(path)
    if data is None:
        return PlanDates()
    if not isinstance(data, dict):
        problems.add(path, "harus berisi pasangan kunci: nilai, mis. 'tanggal: 2021-01-29'")
        return PlanDates()
    for key in data:
        if key not in KEYS:
            problems.add(path, f"kunci tidak dikenal; kunci yang sah: {', '.join(KEYS)}", key=str(key))
    return PlanDates(date=date_value(data.get("tanggal"), path, "tanggal", problems),
                     per=date_value(data.get("per"), path, "per", problems))
