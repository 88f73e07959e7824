"""What a publish run did, as the lines every face shows (the CLI prints them, the web page lists them)."""

from __future__ import annotations

from reportgen.conventions.numbers import format_number
from reportgen.documents.publish import PublishResult


def _pages(count: int | None) -> str:
    return f" ({format_number(count)} halaman)" if count else ""


def summary_lines(result: PublishResult) -> list[str]:
    """Return one line per kind published or skipped, its notes and files, then the register used."""
    lines: list[str] = []
    for published in result.published:
        files = len(published.files)
        facts = ", ".join(published.facts)
        lines.append(f"{published.kind.title}: {facts}; {format_number(files)} berkas dalam "
                     f"{format_number(published.seconds, 1)} detik")
        lines += [f"  {note}" for note in published.notes]
        if published.folder is not None:
            lines.append(f"  {published.folder}/")
        else:
            lines += [f"  {f.path}{_pages(f.pages)}" for f in published.files]
    for kind, reason in result.skipped:
        lines.append(f"{kind.title}: dilewati, {reason}")
    if result.published:
        lines.append(f"Dicatat di register {result.register}")
    return lines
