"""The register as a list for people (`reportgen register`): each issued document with its files."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from reportgen.conventions.dates import format_date
from reportgen.conventions.numbers import format_number
from reportgen.trust.register import Entry, Register


def describe_entry(index: int, entry: Entry, names: Mapping[str, str] = {}) -> list[str]:
    """Return the lines that show one entry in `reportgen register`."""
    kind = names.get(entry.kind, entry.kind)
    head = f"{index}. {kind}"
    if entry.number:
        head += f" Nomor {entry.number}"
    if entry.person:
        head += f", {entry.person}"
    lines = [f"{head}, tanggal {format_date(entry.date)}",
             f"   tentang {entry.subject}",
             f"   dicatat {entry.created_at}, terakhir diterbitkan {entry.issued_at}"]
    if entry.doc_id:
        lines.append(f"   kode verifikasi {entry.doc_id}")
    if not entry.files:
        lines.append("   belum ada berkas yang ditulis")
    for f in entry.files:
        lines.append(f"   {f.path}")
        lines.append(f"      SHA-256 {f.sha256}, {format_number(f.size)} bita, ditulis {f.written_at}")
    return lines


def list_register(path: Path, year: int | None = None, kind: str | None = None, names: Mapping[str, str] = {}):
    """Yield the lines listing the entries of the register at `path` (the unit's)."""
    if not path.is_file():
        yield f"Register {path} belum ada: belum ada dokumen yang diterbitkan dengan register ini."
        return
    with Register(path, create=False, read_only=True) as reg:
        entries = reg.entries(year=year, kind=kind)
    scope = "".join([f" tahun {year}" if year else "", f" jenis {kind}" if kind else ""])
    yield f"Register {path}: {format_number(len(entries))} dokumen{scope}"
    for i, entry in enumerate(entries, start=1):
        yield ""
        yield from describe_entry(i, entry, names)
