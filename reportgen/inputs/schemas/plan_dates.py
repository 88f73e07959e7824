"""Validate rencana-aksi.yaml: the plan's signing date, its realization's cut-off, and the year's priority
programmes (the one list the action plan and the annual report both read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ProblemCollector
from reportgen.inputs.schemas.base import date_value
from reportgen.inputs.yaml_file import read_yaml

KEYS = ("tanggal", "per", "program_prioritas")


@dataclass(frozen=True)
class PlanDates:
    """What rencana-aksi.yaml says: None where the file is silent or absent."""

    date: dt.date | None = None   # the plan's signing date
    per: dt.date | None = None    # the realization's cut-off ("Keadaan per ...")
    priorities: tuple[str, ...] | None = None  # the year's priority programmes; None when the file is silent


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
    priorities = data.get("program_prioritas")
    if priorities is not None:
        if not isinstance(priorities, list) or not all(isinstance(p, str) and p.strip() for p in priorities):
            problems.add(path, "program_prioritas harus berupa daftar nama program, mis. '- Penataan Regulasi'",
                         key="program_prioritas", found=str(priorities))
            priorities = None
        else:
            priorities = tuple(" ".join(p.split()) for p in priorities)
    return PlanDates(date=date_value(data.get("tanggal"), path, "tanggal", problems),
                     per=date_value(data.get("per"), path, "per", problems), priorities=priorities)
