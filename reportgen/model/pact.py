"""Lower one validated official to a Pakta Integritas document (domain.md section 5)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

from reportgen.conventions.civil_service import format_nip
from reportgen.conventions.dates import format_place_date
from reportgen.inputs.profile import Official, Profile
from reportgen.inputs.schemas.roster import Signer
from reportgen.model.blocks import (MAIN_SIGNER, DefinitionList, DefinitionRow, Document, DocumentMeta, ListItem,
                                    NumberedList, SignatureColumn, Signatures, para, with_italics)
from reportgen.model.parts import letterhead, signer_column
from reportgen.model.page import page_setup

COMMITMENTS = (
    "Berperan secara proaktif dalam upaya pencegahan dan pemberantasan Korupsi, Kolusi dan Nepotisme "
    "serta tidak melibatkan diri dalam perbuatan tercela;",
    "Tidak meminta atau menerima pemberian secara langsung atau tidak langsung berupa suap, hadiah, "
    "bantuan, atau bentuk lainnya yang tidak sesuai dengan ketentuan yang berlaku;",
    "Bersikap transparan, jujur, objektif, dan akuntabel dalam melaksanakan tugas;",
    "Menghindari pertentangan kepentingan (conflict of interest) dalam pelaksanaan tugas;",
    "Memberi contoh dalam kepatuhan terhadap peraturan perundang-undangan dalam melaksanakan tugas, "
    "terutama kepada pegawai yang berada di bawah pengawasan saya dan sesama pegawai di lingkungan "
    "kerja saya secara konsisten;",
    "Akan menyampaikan informasi penyimpangan integritas di {agency} serta turut menjaga kerahasiaan "
    "saksi atas pelanggaran peraturan yang dilaporkannya;",
    "Bila saya melanggar hal-hal tersebut di atas, saya siap menghadapi konsekuensinya.",
)

# Foreign terms of the commitments are printed in italics: the shipped list (conventions/foreign_terms.yaml).
FOREIGN_TERMS = None

# The duty stamp (meterai, UU 10/2020) and the size of a real Rp10.000 stamp, width x height in mm.
STAMP_BOX = "Meterai\nRp10.000"
STAMP_MM = (38.0, 28.0)


@dataclass(frozen=True)
class PactOptions:
    """Choices that apply to the whole batch of pacts."""

    date: dt.date
    place: str
    with_witness: bool = True


def _witness(profile: Profile, signer: Signer) -> Official | None:
    """Return who witnesses a pact: the official's direct superior when the roster names one, else the head of
    unit; None for the head's own pact without a superior (nobody witnesses his own signature)."""
    if signer.supervisor_name:
        return Official(signer.supervisor_name, signer.supervisor_nip or "", signer.supervisor_office)
    if profile.head.nip and profile.head.nip == signer.nip:
        return None
    return profile.head


def build_pact(profile: Profile, signer: Signer, options: PactOptions) -> Document:
    """Return the integrity pact of one official."""
    agency = signer.agency or profile.full_name
    number_label = "NI PPPK" if signer.pppk else "NIP"  # a PPPK employee has a golongan, no pangkat
    fields = DefinitionList((
        DefinitionRow("Nama", signer.name),
        DefinitionRow(number_label, format_nip(signer.nip)),
        DefinitionRow("Golongan" if signer.pppk else "Pangkat/Golongan", str(signer.pangkat)),
        DefinitionRow("Jabatan", signer.office),
        DefinitionRow("Instansi", agency),
    ), style="isian")
    commitments = NumberedList(tuple(
        ListItem(f"{i}.", text, with_italics(text, FOREIGN_TERMS))
        for i, text in enumerate((t.format(agency=agency) for t in COMMITMENTS), start=1)
    ))
    declarer = SignatureColumn(
        lines_before=(format_place_date(options.place, options.date), "Pembuat Pernyataan,"),
        name=signer.name, lines_after=(f"{number_label} {format_nip(signer.nip)}",), stamp_box=STAMP_BOX,
        stamp_mm=STAMP_MM, anchor=MAIN_SIGNER)
    columns: tuple[SignatureColumn, ...] = (declarer,)
    witness = _witness(profile, signer) if options.with_witness else None
    if witness is not None:
        columns = (signer_column(witness, ("Menyaksikan,",)),) + columns
    blocks = (
        letterhead(profile),
        para("PAKTA INTEGRITAS", "judul-besar"),
        para("Saya yang bertanda tangan di bawah ini:"),
        fields,
        para("dengan ini menyatakan bahwa saya:", "teks"),
        commitments,
        Signatures(columns),
    )
    meta = DocumentMeta(
        title=f"Pakta Integritas - {signer.name}", author=profile.full_name,
        subject=f"Pakta Integritas {signer.name} (NIP {format_nip(signer.nip)})",
        keywords=("Pakta Integritas", "Reformasi Birokrasi", profile.short_name), date=options.date)
    return Document(meta, page_setup(profile, numbers_from=None), blocks)


# One pact, one page (domain.md section 5): a pact whose fields would push it onto a second page is set in smaller
# type, in half-point steps, down to this share of the unit's base size (12 pt: 11.5, 11, 10.5, 10 pt); one that
# would spill even then is refused with its row.
SMALLEST_SHARE = 0.8
SMALLER_STEPS = 4
ROOM_LINES = 1.2  # room kept below a pact's text, in lines of its type (a line is about 1.15 of the type size)


def smaller_sizes(base_pt: float) -> tuple[float, ...]:
    """Return the font sizes a pact tries after `base_pt`, largest first: half points from just under the base down
    to SMALLEST_SHARE of it, at most SMALLER_STEPS of them, evenly spread."""
    lowest = math.ceil(base_pt * SMALLEST_SHARE * 2) / 2
    below = (math.ceil(base_pt * 2) - 1) / 2
    if below < lowest:
        return ()
    count = int((below - lowest) * 2) + 1
    if count <= SMALLER_STEPS:
        return tuple(below - i / 2 for i in range(count))
    return tuple(below - round(i * (below - lowest) * 2 / (SMALLER_STEPS - 1)) / 2 for i in range(SMALLER_STEPS))


@dataclass(frozen=True)
class OnePage:
    """The batch's rule for pacts: one page each; the smaller variants of a pact to try, in order, when it is not."""

    pages: int = 1
    name: str = "pakta"

    def room(self, document: Document) -> float:
        """Return the points a pact keeps free below its text: one line of its type, which LibreOffice may need
        for a long name it wraps a word earlier than the PDF (the DOCX is then one page too)."""
        return document.page.font_size_pt * ROOM_LINES

    def variants(self, document: Document) -> tuple[Document, ...]:
        """Return the pact in each smaller size of smaller_sizes (the same text; its verification mark kept)."""
        return tuple(dataclasses.replace(document, page=dataclasses.replace(document.page, font_size_pt=size))
                     for size in smaller_sizes(document.page.font_size_pt))

    def shortest(self, document: Document) -> Document:
        """Return the pact with each field and each signer's lines as short as they can be: the pact any look of
        the form must fit on one page."""
        blocks = []
        for block in document.blocks:
            if isinstance(block, DefinitionList):
                block = dataclasses.replace(block, rows=tuple(dataclasses.replace(r, text="-") for r in block.rows))
            elif isinstance(block, Signatures):
                block = dataclasses.replace(block, columns=tuple(dataclasses.replace(
                    c, name="-", lines_before=c.lines_before[:1] + ("-",) * (len(c.lines_before) - 1),
                    lines_after=("-",) * len(c.lines_after)) for c in block.columns))
            blocks.append(block)
        return dataclasses.replace(document, blocks=tuple(blocks))


ONE_PAGE = OnePage()
