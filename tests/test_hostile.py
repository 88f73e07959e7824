"""Hostile inputs (issue 17): each case is refused with an Indonesian message naming file and place, no
traceback, nothing written. The corpus stops before rendering: library loaders, then the same file
through the CLI command that reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_cli, snapshot
from hostile_cases import CASES, Case, copy_example

from reportgen.errors import InputError, ProblemCollector


def load(case: Case, path: Path) -> None:
    """Read `path` with the loader of the case's kind, raising InputError as a command would."""
    problems = ProblemCollector()
    if case.kind == "roster":
        from reportgen.inputs.schemas.roster import load_roster
        load_roster(path, None, problems)
    elif case.kind == "plan":
        from reportgen.inputs.schemas.plan import load_plan
        load_plan(path, None, problems)
    elif case.kind == "profile":
        from reportgen.inputs.profile import load_profile
        load_profile(path)
    elif case.kind == "decree":
        from reportgen.inputs.profile import load_profile
        from reportgen.inputs.schemas.decree import load_decree
        load_decree(path, load_profile(path.parent / "inputs" / "unit.yaml"), 2021, problems)
    elif case.kind == "report":
        from reportgen.inputs.schemas.report import load_report_text
        load_report_text(path, problems)
    elif case.kind == "yaml":
        from reportgen.inputs.yaml_file import read_yaml
        read_yaml(path)
    problems.raise_if_any()


def command(case: Case, path: Path, inputs: Path, out: Path) -> list:
    """Return the CLI arguments that make a command read the hostile file."""
    if case.kind == "roster":
        return ["pacts", "--inputs", inputs, "--out", out, "--year", "2021", "--roster", path, "--jobs", "1"]
    if case.kind == "plan":
        return ["action-plan", "2021", "--plan", path, "--inputs", inputs, "--out", out]
    if case.kind == "report":
        return ["annual-report", "2021", "--inputs", inputs, "--out", out]
    if case.kind == "profile":
        return ["pacts", "--inputs", inputs, "--out", out, "--year", "2021", "--jobs", "1"]
    return ["decree", "--year", "2021", "--meta", path, "--inputs", inputs, "--out", out]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_loader_refuses(case, tmp_path):
    copy_example(ROOT, tmp_path)
    path = case.build(tmp_path)
    with pytest.raises(InputError) as caught:
        load(case, path)
    message = str(caught.value)
    for part in case.expected:
        assert part in message, f"{part!r} not in:\n{message}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_command_refuses_and_writes_nothing(case, tmp_path):
    inputs = copy_example(ROOT, tmp_path)
    path = case.build(tmp_path)
    out = tmp_path / "out"
    result = run_cli(*command(case, path, inputs, out))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert path.name in result.output
    for part in case.expected:
        assert part in result.output, f"{part!r} not in:\n{result.output}"
    assert snapshot(out) == {}
