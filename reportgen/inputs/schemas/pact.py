"""Validate pakta-integritas.yaml: the year's signing date and place for the pacts (both optional)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ProblemCollector
from reportgen.inputs.yaml_file import read_yaml
from reportgen.inputs.schemas.base import date_value

KEYS = ("tanggal", "tempat")


@dataclass(frozen=True)
class PactSettings:
    """When and where the year's pacts are signed; None where the file is silent or absent."""

    date: dt.date | None = None
    place: str | None = None


def load_pact_settings(path: Path, problems: ProblemCollector) -> PactSettings:
    """Return what pakta-integritas.yaml says (nothing if it is absent); problems go to `problems`."""
    path = Path(path)
    if not path.is_file():
        return PactSettings()
    data = read_yaml(path)
    if data is None:
        return PactSettings()
    if not isinstance(data, dict):
        problems.add(path, "harus berisi pasangan kunci: nilai, mis. 'tanggal: 2021-03-17'")
        return PactSettings()
    for key in data:
        if key not in KEYS:
            problems.add(path, f"kunci tidak dikenal; kunci yang sah: {', '.join(KEYS)}", key=str(key))
    place = data.get("tempat")
    if place is not None and not isinstance(place, str):
        problems.add(path, "tempat harus berupa teks, mis. Jakarta", key="tempat", found=str(place))
        place = None
    return PactSettings(date=date_value(data.get("tanggal"), path, "tanggal", problems),
                        place=" ".join(place.split()) or None if place else None)
