"""What a publish run did, as the lines every face shows (the CLI prints them, the web page lists them), each
face naming the files its own way."""

from __future__ import annotations

from pathlib import PurePath

from reportgen.conventions.numbers import format_number
from reportgen.documents.publish import PublishResult
from reportgen.errors import Show, render


def _pages(count: int | None) -> str:
    return f" ({format_number(count)} halaman)" if count else ""


def _as_given(path: PurePath) -> str:
    return str(path)


def summary_lines(result: PublishResult, show: Show = _as_given) -> list[str]:
    """Return one line per kind published or skipped, its notes and files, then the register used; files are
    named by `show` (the command line: as given; the web page: as the user knows them)."""
    lines: list[str] = []
    for published in result.published:
        files = len(published.files)
        facts = ", ".join(published.facts)
        lines.append(f"{published.kind.title}: {facts}; {format_number(files)} berkas dalam "
                     f"{format_number(published.seconds, 1)} detik")
        lines += [f"  {render(note, show)}" for note in published.notes]
        if published.folder is not None:
            lines.append(f"  {show(published.folder)}/")
        else:
            lines += [f"  {show(f.path)}{_pages(f.pages)}" for f in published.files]
    for kind, reason in result.skipped:
        lines.append(f"{kind.title}: dilewati, {render(reason, show)}")
    if result.published:
        lines.append(f"Dicatat di register {show(result.register)}")
    return lines
