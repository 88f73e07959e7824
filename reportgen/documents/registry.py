"""The registry of document kinds: every kind reportgen publishes, in the order `build` makes them."""

from __future__ import annotations

from reportgen.documents import action_plan, annual_report, decree, pacts, zi
from reportgen.documents.kinds import DocumentKind

KINDS: tuple[DocumentKind, ...] = (
    pacts.KIND,
    action_plan.PLAN,
    action_plan.REALIZATION,
    decree.KIND,
    annual_report.KIND,
    zi.CHARTER,
    zi.MINUTES,
    zi.REPORT,
)


def kind_names(kinds: tuple[DocumentKind, ...] = KINDS) -> dict[str, str]:
    """Return register kind key -> the name users see, for every kind (the register lists and verify use it)."""
    names: dict[str, str] = {}
    for kind in kinds:
        names.update(kind.register_names or {kind.key: kind.title})
    return names


def find_kind(key: str, kinds: tuple[DocumentKind, ...] = KINDS) -> DocumentKind:
    """Return the kind registered under `key`."""
    for kind in kinds:
        if kind.key == key:
            return kind
    raise KeyError(key)
