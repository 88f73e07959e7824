"""The registry of document kinds: every kind reportgen publishes, in the order `build` makes them, and the
catalogue of their input files that every face loops over."""

from __future__ import annotations

import contextlib
from typing import Iterator

from reportgen.documents import action_plan, annual_report, decree, pacts, zi
from reportgen.documents.kinds import DocumentKind, files_of
from reportgen.inputs.catalogue import UNIT_FILES, InputFile, unique

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
_added: list[DocumentKind] = []  # kinds registered for a while (a test's own kind)


def all_kinds() -> tuple[DocumentKind, ...]:
    """Return every registered kind: the shipped ones, then any registered since (`registered`)."""
    return KINDS + tuple(_added)


@contextlib.contextmanager
def registered(kind: DocumentKind) -> Iterator[DocumentKind]:
    """Register `kind` until the block ends: every face (`semua`, `tahun-baru`, blank templates, the web's
    year page) sees it as it sees the shipped kinds."""
    if any(k.key == kind.key for k in all_kinds()):
        raise ValueError(f"a kind {kind.key} is already registered")
    _added.append(kind)
    try:
        yield kind
    finally:
        _added.remove(kind)


def catalogue(kinds: tuple[DocumentKind, ...] | None = None) -> tuple[InputFile, ...]:
    """Return every input file of the unit: its own (unit.yaml, the logo), then each kind's, once each, in the
    registry's order."""
    return unique(UNIT_FILES + tuple(f for kind in (all_kinds() if kinds is None else kinds) for f in files_of(kind)))


def readers(file: InputFile, kinds: tuple[DocumentKind, ...] | None = None) -> tuple[DocumentKind, ...]:
    """Return the kinds that read `file` (needed or when present)."""
    return tuple(k for k in (all_kinds() if kinds is None else kinds) if file in files_of(k))


def kind_names(kinds: tuple[DocumentKind, ...] | None = None) -> dict[str, str]:
    """Return register kind key -> the name users see, for every kind (the register lists and verify use it)."""
    names: dict[str, str] = {}
    for kind in all_kinds() if kinds is None else kinds:
        names.update(kind.register_names or {kind.key: kind.title})
    return names


def find_kind(key: str, kinds: tuple[DocumentKind, ...] | None = None) -> DocumentKind:
    """Return the kind registered under `key`."""
    for kind in all_kinds() if kinds is None else kinds:
        if kind.key == key:
            return kind
    raise KeyError(key)


def many_people_kinds(kinds: tuple[DocumentKind, ...] | None = None) -> frozenset[str]:
    """Return the register kind keys of files that hold many people's documents: a batch kind's keys other than
    its own (its print file), which no one signs for all (`tandatangani` refuses them)."""
    return frozenset(key for kind in (all_kinds() if kinds is None else kinds) if kind.batch
                     for key in kind.register_names if key != kind.key)
