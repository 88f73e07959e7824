"""The register page: the issued documents, newest first, searchable by kind, number, name, date and code."""

from __future__ import annotations

from reportgen.conventions.dates import format_date
from reportgen.documents.registry import kind_names
from reportgen.trust.register import Register
from reportgen.unit import Unit

LIMIT = 500  # rows shown at most; a search narrows them


def register_rows(unit: Unit, query: str = "") -> tuple[list[dict], str]:
    """Return the register's documents matching every word of `query` (newest first), and the register's name."""
    if not unit.has_profile:
        return [], "-"
    path = unit.register
    if not path.is_file():
        return [], path.name
    names = kind_names()
    with Register(path, read_only=True) as reg:
        entries = reg.entries()
    words = query.casefold().split()
    rows = []
    for entry in reversed(entries):
        row = {"kind": names.get(entry.kind, entry.kind), "number": entry.number or "", "person": entry.person or "",
               "date": format_date(entry.date), "iso": entry.date.isoformat(), "subject": entry.subject,
               "code": entry.doc_id or "", "year": entry.year, "files": len(entry.files)}
        text = " ".join(str(v) for v in row.values()).casefold()
        if all(w in text for w in words):
            rows.append(row)
        if len(rows) >= LIMIT:
            break
    return rows, path.name
