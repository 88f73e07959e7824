"""Lower a validated decree and team roster to a Keputusan with its team composition attached (domain.md 4)."""

from __future__ import annotations

from reportgen.conventions.dates import format_date
from reportgen.conventions.numbers import letter_label, ordinal_word
from reportgen.inputs.profile import Official, Profile
from reportgen.inputs.schemas.decree import DecreeSettings
from reportgen.conventions.areas import AREAS
from reportgen.inputs.schemas.team import Member, sort_members
from reportgen.inputs.year_facts import acting, without_acting
from reportgen.model.blocks import (AttachmentHeader, Cell, Column, DefinitionList, DefinitionRow, Document, DocumentMeta,
                     ListItem, NumberedList, PageBreak, Row, Signatures, Table, para)
from reportgen.model.parts import closing_rows, letterhead, signer_column
from reportgen.model.italics import italicized
from reportgen.model.page import page_setup

LEADERSHIP_HEADING = "Pengarah dan Pimpinan Tim"
COLUMNS = (Column("No", 7, "center"), Column("Nama", 31), Column("Jabatan", 38), Column("Kedudukan dalam Tim", 24))
# Labels longer than this ("KEEMPAT BELAS") do not fit the usual label column: the decree then uses the
# wide variants of its list styles throughout, so that every colon stays aligned.
WIDE_LABEL = 12


def decree_title(settings: DecreeSettings) -> str:
    """Return "KEPUTUSAN DIREKTUR JENDERAL ..." (the issuing office in capitals)."""
    return f"KEPUTUSAN {settings.issuer.upper()}"


def _styles(settings: DecreeSettings) -> tuple[str, str]:
    """Return the style of lettered/numbered lists and of label-only rows (normal or wide)."""
    wide = any(len(ordinal_word(i)) > WIDE_LABEL for i in range(1, len(settings.decisions) + 1))
    return ("daftar-lebar", "diktum-lebar") if wide else ("daftar", "diktum")


def _labelled(label: str, items: tuple[str, ...], markers: list[str], style: str) -> DefinitionList:
    rows = tuple(DefinitionRow(label if i == 0 else "", text, marker) for i, (text, marker)
                 in enumerate(zip(items, markers)))
    return DefinitionList(rows, style=style)


def _numbered(label: str, items: tuple[str, ...], list_style: str, plain_style: str) -> DefinitionList:
    """Return a 'Label : 1. text' list, or 'Label : text' for a single item."""
    if len(items) == 1:
        return DefinitionList((DefinitionRow(label, items[0]),), style=plain_style)
    return _labelled(label, items, [f"{i}." for i in range(1, len(items) + 1)], list_style)


def _signature(settings: DecreeSettings, main: bool = False, keep_with_previous: bool = False) -> Signatures:
    deputy = acting(settings.signer.office)  # a deputy signs as "Plh. DIREKTUR JENDERAL ..."
    upper = without_acting(settings.signer.office).upper()
    office = Official(settings.signer.name, settings.signer.nip, f"{deputy} {upper}" if deputy else upper)
    return Signatures((signer_column(office, (f"Ditetapkan di {settings.place}",
                                              f"pada tanggal {format_date(settings.date)}"), main=main),),
                      keep_with_previous=keep_with_previous)


def _body(settings: DecreeSettings, number: str) -> list:
    list_style, plain_style = _styles(settings)
    title = decree_title(settings)
    subject = settings.subject.upper()
    blocks: list = [
        para(title, "keputusan-judul"),
        para(settings.ministry.upper(), "keputusan-judul"),
        para(f"NOMOR {number}", "judul-akhir"),
        para("TENTANG", "judul-akhir"),
        para(subject, "judul-akhir"),
        para("DENGAN RAHMAT TUHAN YANG MAHA ESA", "keputusan-tengah"),
        para(f"{settings.issuer.upper()},", "keputusan-tengah"),
        _labelled("Menimbang", settings.considerations,
                  [f"{letter_label(i)}." for i in range(len(settings.considerations))], list_style),
        para("", "keputusan-jarak"),
        _numbered("Mengingat", settings.legal_bases, list_style, plain_style),
    ]
    if settings.notes:
        blocks += [para("", "keputusan-jarak"), _numbered("Memperhatikan", settings.notes, list_style, plain_style)]
    blocks += [
        para("", "keputusan-jarak"),
        para("MEMUTUSKAN:", "keputusan-tengah"),
        # the full title again, the ministry line included (domain.md 4, item 8)
        DefinitionList((DefinitionRow("Menetapkan", f"{title} {settings.ministry.upper()} TENTANG {subject}."),),
                       style=plain_style),
    ]
    for i, decision in enumerate(settings.decisions, start=1):
        last = i == len(settings.decisions) and not decision.items
        style = f"{plain_style}-akhir" if last else plain_style  # the last diktum stays with the signature
        blocks.append(DefinitionList((DefinitionRow(ordinal_word(i), decision.text),), style=style))
        if decision.items:
            blocks.append(_labelled("", decision.items,
                                    [f"{letter_label(j)}." for j in range(len(decision.items))], list_style))
    blocks.append(_signature(settings, main=True))
    if settings.copies:  # the Tembusan stays with the signature block: it never starts a page
        blocks += [
            para("", "keputusan-jarak", keep_with_previous=True),
            para("Tembusan:", "teks", keep_with_previous=True),
            NumberedList(tuple(ListItem(f"{i}.", text) for i, text in enumerate(settings.copies, start=1)),
                         style="butir", keep_with_previous=True),
        ]
    return blocks


def composition_table(members: list[Member], settings: DecreeSettings) -> Table:
    """Return the team table: leadership first, then each area in official order under its heading."""
    rows: list[Row] = []
    current = -1
    for n, member in enumerate(sort_members(members, settings.positions), start=1):
        group = member.area or 0
        if group != current:
            current = group
            heading = LEADERSHIP_HEADING if group == 0 else f"Area Perubahan {group}: {AREAS[group - 1].name}"
            rows.append(Row((Cell(heading, colspan=len(COLUMNS)),), style="grup"))
        rows.append(Row((Cell(f"{n}."), Cell(member.name), Cell(member.office), Cell(member.position))))
    # the last member stays with the signature block under the table
    return Table(COLUMNS, tuple(rows), closing_rows=closing_rows(rows, 1))


def _attachment(settings: DecreeSettings, number: str, members: list[Member]) -> list:
    header = AttachmentHeader(
        title="LAMPIRAN",
        rows=(
            DefinitionRow("", decree_title(settings)),
            DefinitionRow("", settings.ministry.upper()),
            DefinitionRow("NOMOR", number),
            DefinitionRow("TANGGAL", format_date(settings.date).upper()),
        ))
    return [
        PageBreak(),
        header,
        para("SUSUNAN KEANGGOTAAN", "keputusan-judul"),
        para(settings.team_name.upper(), "judul-akhir"),
        composition_table(members, settings),
        _signature(settings, keep_with_previous=True),
    ]


def build_decree(profile: Profile, settings: DecreeSettings, members: list[Member], number: str) -> Document:
    """Return the team decree with its attachment; `number` is what follows "NOMOR"."""
    blocks = [letterhead(profile)] + _body(settings, number) + _attachment(settings, number, members)
    meta = DocumentMeta(
        title=f"Keputusan {settings.issuer} Nomor {number} tentang {settings.subject}",
        author=profile.full_name, subject=settings.subject,
        keywords=("Keputusan", "Tim Reformasi Birokrasi", profile.short_name, number), date=settings.date)
    return italicized(Document(meta, page_setup(profile), tuple(blocks)))
