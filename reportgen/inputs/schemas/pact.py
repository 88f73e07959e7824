"""Validate pakta-integritas.yaml: the year's signing date and place for the pacts (both optional)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ProblemCollector
from reportgen.inputs.yaml_file import read_yaml_lines


@dataclass(frozen=True)
class PactSettings:
    """When and where the year's pacts are signed; None where the file is silent or absent."""

    date: dt.date | None = None
    place: str | None = None


def load_pact_settings(path: Path, problems: ProblemCollector) -> PactSettings:
    """Return what pakta-integritas.yaml says (nothing if it is absent); problems go to `problems`."""
    from reportgen.conventions.settings_schema import validate_settings
    from reportgen.inputs.settings_files import PactSettingsFile

    path = Path(path)
    if not path.is_file():
        return PactSettings()
    data, lines = read_yaml_lines(path)
    given = validate_settings(PactSettingsFile, {} if data is None else data, path, problems, lines)
    if given is None:
        return PactSettings()
    return PactSettings(date=given.tanggal, place=" ".join((given.tempat or "").split()) or None)
