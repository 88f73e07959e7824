"""Lower one validated official to a Pakta Integritas document (domain.md section 5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportgen.conventions.civil_service import format_nip
from reportgen.conventions.dates import format_place_date
from reportgen.inputs.profile import Official, Profile
from reportgen.inputs.schemas.roster import Signer
from reportgen.model.blocks import (MAIN_SIGNER, DefinitionList, DefinitionRow, Document, DocumentMeta, ListItem, NumberedList,
                     SignatureColumn, Signatures, para)
from reportgen.model.parts import letterhead, signer_column

COMMITMENTS = (
    "Berperan secara pro aktif dalam upaya pencegahan dan pemberantasan Korupsi, Kolusi dan Nepotisme "
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

STAMP_BOX = "Materai\nRp10.000"


@dataclass(frozen=True)
class PactOptions:
    """Choices that apply to the whole batch of pacts."""

    date: dt.date
    place: str
    with_witness: bool = True


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
        ListItem(f"{i}.", text.format(agency=agency)) for i, text in enumerate(COMMITMENTS, start=1)
    ))
    declarer = SignatureColumn(
        lines_before=(format_place_date(options.place, options.date), "Pembuat Pernyataan,"),
        name=signer.name, lines_after=(f"{number_label} {format_nip(signer.nip)}",), stamp_box=STAMP_BOX,
        anchor=MAIN_SIGNER)
    columns: tuple[SignatureColumn, ...] = (declarer,)
    if options.with_witness:
        if signer.supervisor_name:
            witness = Official(signer.supervisor_name, signer.supervisor_nip or "", signer.supervisor_office)
        else:
            witness = profile.head
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
    return Document(meta, profile.page_setup(numbers_from=None), blocks)
