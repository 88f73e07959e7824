"""Generate a year's action plan (and its realization report): validate all, build, render, then write."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ProblemCollector
from reportgen.inputs.folder import InputFolder
from reportgen.model.action_plan import PlanOptions, build_plan, build_realization
from reportgen.output.atomic import write_atomic
from reportgen.trust.register import Register, register_path
from reportgen.inputs.schemas.plan import has_realization_column, load_plan
from reportgen.inputs.tables import read_table
from reportgen.documents.single import check_drawable, render_document
from reportgen.trust.ids import Marker, issue

PLAN_FILE = "rencana-aksi.xlsx"
PLAN_KIND = "rencana-aksi"
REALIZATION_KIND = "realisasi-rencana-aksi"


@dataclass(frozen=True)
class ActionPlanResult:
    """What was written: paths by document and format, activity count, warnings, time taken."""

    files: dict[str, Path]  # "rencana-aksi-rb-2021.pdf" -> path
    count: int
    warnings: list
    seconds: float


def plan_stem(year: int) -> str:
    """Return the file name (without suffix) of a year's action plan."""
    return f"rencana-aksi-rb-{year}"


def realization_stem(year: int) -> str:
    """Return the file name (without suffix) of a year's realization report."""
    return f"realisasi-rencana-aksi-rb-{year}"


def has_realization(plan: Path, sheet: str | None = None) -> bool:
    """Return whether a plan file has a 'Realisasi' column (so its realization report can be written)."""
    return has_realization_column(read_table(plan, sheet).headers)


def generate_action_plan(inputs: Path, out: Path, year: int, plan: Path | None = None, sheet: str | None = None,
                         formats: tuple[str, ...] = ("pdf", "docx"), quarterly: bool = False,
                         realization: bool = False, per: dt.date | None = None, date: dt.date | None = None,
                         templates: Path | None = None, register: Path | None = None, qr: bool = True,
                         pdfa: bool = False) -> ActionPlanResult:
    """Validate the plan, render the plan (and the realization report) in every format, then write all.

    Nothing is written unless every document rendered; each file is replaced atomically. Each document
    carries its ID (and its verification mark unless `qr` is False) and is recorded in the register.
    """
    started = time.perf_counter()
    folder = InputFolder(Path(inputs))
    problems = ProblemCollector()
    profile = folder.profile()
    plan_path = Path(plan) if plan else folder.year_file(year, PLAN_FILE)
    activities = load_plan(plan_path, sheet, problems, realization=realization)
    problems.raise_if_any()

    today = dt.date.today()
    options = PlanOptions(year=year, date=date or today, per=per or today, quarterly=quarterly)
    documents = [(plan_stem(year), PLAN_KIND, build_plan(profile, activities, options))]
    if realization:
        documents.append((realization_stem(year), REALIZATION_KIND, build_realization(profile, activities, options)))
    for _, _, doc in documents:  # before the register is opened: a failed run leaves the output folder as it was
        check_drawable(doc)
    with Register(register_path(profile, out, register)) as reg:
        marker = Marker(reg.secret(), profile.verification_url, show=qr)
        marked = [(stem, marker.mark(kind, doc)) for stem, kind, doc in documents]
        rendered = [(stem, m, render_document(m.document, formats, templates, pdfa=pdfa)) for stem, m in marked]

        files: dict[str, Path] = {}
        target = Path(out) / str(year)
        for stem, m, by_format in rendered:
            written = []
            for fmt, data in by_format.items():
                path = target / f"{stem}.{fmt}"
                write_atomic(path, data)
                files[path.name] = path
                written.append((path, fmt))
            issue(reg, m, year, stem, written)
    return ActionPlanResult(files, len(activities), problems.warnings, time.perf_counter() - started)
