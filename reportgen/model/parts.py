"""Building blocks shared by every document kind: the letterhead and signature columns."""

from __future__ import annotations

from reportgen.inputs.profile import Official, Profile
from reportgen.model.blocks import MAIN_SIGNER, Letterhead, Paragraph, Row, SignatureColumn, Signatures, Span


def letterhead(profile: Profile) -> Letterhead:
    """Return the unit's kop: first line as the ministry, the others as the unit, then the address."""
    lines = [Paragraph((Span(text),), "kop-1" if i == 0 else "kop-2")
             for i, text in enumerate(profile.letterhead_lines)]
    lines.append(Paragraph((Span(profile.address),), "kop-alamat"))
    if profile.contact_line:
        lines.append(Paragraph((Span(profile.contact_line),), "kop-alamat"))
    return Letterhead(profile.logo, tuple(lines))


def signer_column(official: Official, lines_before: tuple[str, ...], main: bool = False) -> SignatureColumn:
    """Return a signature column for an official: lines, office with a comma, space, name, NIP; `main` marks
    the document's main signer (where an electronic signature goes)."""
    after = (official.nip_line,) if official.nip else ()
    return SignatureColumn(lines_before=lines_before + (f"{official.office},",), name=official.name,
                           lines_after=after, anchor=MAIN_SIGNER if main else None)


def closing_rows(rows: tuple[Row, ...] | list[Row], count: int) -> int:
    """Return how many last rows of a table stay together: `count`, and any group heading row right above
    them (a heading row never ends a page)."""
    count = min(count, len(rows))
    while count < len(rows) and rows[len(rows) - count - 1].style == "grup":
        count += 1
    return count


SIGNERS_PER_ROW = 2  # wider rows would wrap a NIP or a name


def signature_grid(columns: list[SignatureColumn] | tuple[SignatureColumn, ...],
                   keep_with_previous: bool = False) -> list[Signatures]:
    """Return signers as rows of at most two side by side (an odd last one alone in the right half when it is the
    first row, else under the left column); every row after the first keeps with the one before, and the first
    with the block before when `keep_with_previous`."""
    rows = [tuple(columns[i:i + SIGNERS_PER_ROW]) for i in range(0, len(columns), SIGNERS_PER_ROW)]
    return [Signatures(row, keep_with_previous=keep_with_previous or i > 0, left=i > 0)
            for i, row in enumerate(rows)]
