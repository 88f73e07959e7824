"""The integrity pacts (Pakta Integritas) of a year: one per official of the roster, a print file, a manifest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from reportgen.conventions.civil_service import PANGKAT, PPPK_GOLONGAN, format_nip
from reportgen.conventions.file_names import slugify_filename
from reportgen.documents.kinds import Batch, BatchOptions, Draft, Drafts, DocumentKind, LazyDrafts, OnDemand, Request
from reportgen.errors import ProblemCollector
from reportgen.inputs.catalogue import Column, InputFile
from reportgen.model.blocks import DocumentMeta

if TYPE_CHECKING:  # the schemas and the builder read spreadsheets: imported when a pact is made, not for --help
    from reportgen.inputs.schemas.pact import PactSettings
    from reportgen.inputs.schemas.roster import Signer

ROSTER_FILE = "pegawai.xlsx"
SETTINGS_FILE = "pakta-integritas.yaml"
FOLDER = "pakta-integritas"
KEY = "pakta-integritas"
PRINT_KEY = "pakta-integritas-cetak"

GOLONGAN = tuple(p.golongan for p in PANGKAT) + PPPK_GOLONGAN
# The staff list: read by the pacts, the decree (its posts checked against the team's) and the ZI minutes.
ROSTER = InputFile(
    ROSTER_FILE, "Daftar pegawai", "xlsx", carries_over=True,
    next_year="daftar pegawai: ambil unduhan SIASN/SIMPEG terbaru", sheet="Pegawai",
    columns=(
        Column("No", False, 5, "nomor urut (boleh dikosongkan; tidak dibaca)", example=1),
        Column("Nama", True, 34, "nama lengkap dengan gelar, mis. Dr. Budi Santoso, S.H., M.H.",
               "NAMA, Nama Pegawai, Nama Lengkap; gelar boleh di kolom GELAR DEPAN dan GELAR BELAKANG",
               example="Budi Santoso, S.H., M.H."),
        Column("NIP", True, 22, "18 angka, boleh berspasi: 19700101 200003 1 001 (PPPK: NI PPPK 18 angka)",
               "NIP BARU, NIP Baru (NIP LAMA diabaikan)", text=True, example="19700101 200003 1 001"),
        Column("Pangkat/Golongan", True, 26, "golongan atau pangkat dengan golongan: IV/a, Pembina (IV/a); PPPK: IX",
               "GOL AKHIR NAMA, GOLRU, Gol. Ruang, Golongan; kolom PANGKAT terpisah dicocokkan dengan golongannya",
               choices=GOLONGAN, example="IV/a"),
        Column("Jabatan", True, 36, "jabatan dinas, mis. Kepala Bagian Umum", "JABATAN NAMA, Nama Jabatan",
               example="Kepala Bagian Umum"),
        Column("Instansi", False, 30, "bila kosong dipakai nama unit dari unit.yaml",
               "UNOR NAMA, SATKER, Unit Kerja, Satuan Kerja"),
        Column("Jenis Pegawai", False, 14, "PNS atau PPPK (bila kosong: PPPK bila golongan tanpa huruf, mis. IX)",
               "JENIS PEGAWAI", choices=("PNS", "PPPK"), example="PNS"),
        Column("Nama Atasan", False, 30, "saksi pakta; bila kosong dipakai pimpinan unit"),
        Column("NIP Atasan", False, 22, "NIP saksi", text=True),
        Column("Jabatan Atasan", False, 30, "jabatan saksi; diisi bersama Nama Atasan"),
    ),
    notes=("Daftar pegawai hasil unduhan SIASN atau SIMPEG boleh dipakai langsung: baris judul daftar di atas "
           "tabel, judul kolom dua baris, baris nomor kolom (1, 2, 3, ...) dan tanda tangan di bawah tabel "
           "dikenali sendiri.",))
PACT_SETTINGS = InputFile(SETTINGS_FILE, "Tanggal dan tempat pakta integritas", "yaml", required=False,
                          carries_over=True, next_year="tanggal dan tempat penandatanganan pakta",
                          settings_model="PactSettingsFile")


@dataclass(frozen=True)
class PactChoices:
    """What a run may choose for the pacts: another roster (and its sheet), the date and place of signing
    (else the year's pakta-integritas.yaml, else today and the unit's city), the witness column, duplex."""

    roster: Path | None = None
    sheet: str | None = None
    date: dt.date | None = None
    place: str | None = None
    witness: bool = True
    duplex: bool = False


@dataclass(frozen=True)
class Loaded:
    """The validated roster and the year's pact settings."""

    signers: list[Signer]
    settings: PactSettings


def print_file_name(year: int) -> str:
    """Return the name of the year's combined print file."""
    return f"pakta-integritas-{year}-cetak.pdf"


def load(request: Request, problems: ProblemCollector) -> Loaded:
    """Return the roster (option `roster`, else the year's pegawai.xlsx) and the year's pakta-integritas.yaml."""
    from reportgen.inputs.consistency import check_roster_posts
    from reportgen.inputs.plausibility import check_staff
    from reportgen.inputs.schemas.pact import load_pact_settings
    from reportgen.inputs.schemas.roster import load_roster

    roster_path = request.input_path(request.options.roster, ROSTER_FILE)
    signers = load_roster(roster_path, request.options.sheet, problems)
    problems.problems.extend(check_roster_posts(signers, str(roster_path), request.profile.unit))
    problems.problems.extend(check_staff(signers, roster_path, request.year))  # titles and golongan against NIPs
    settings = load_pact_settings(request.year_file(SETTINGS_FILE), problems)
    return Loaded(signers, settings)


def draft(request: Request, loaded: Loaded, number) -> Drafts:
    """Return one pact per official, signed on the date and at the place of the options, else of the year's
    file, else today and the unit's city."""
    from reportgen.model.pact import ONE_PAGE, PactOptions, build_pact

    profile, year, chosen = request.profile, request.year, request.options
    options = PactOptions(date=chosen.date or loaded.settings.date or dt.date.today(),
                          place=chosen.place or loaded.settings.place or profile.city,
                          with_witness=chosen.witness)
    signers = loaded.signers
    # each pact built when it is rendered, never all at once, and its shell each time it is asked for (a
    # ministry's list has 250,000 rows: the main process holds only the rows)
    drafts = LazyDrafts(OnDemand(len(signers), lambda i: _shell(signers[i])),
                        lambda i: build_pact(profile, signers[i], options))
    meta = DocumentMeta(title=f"Pakta Integritas {year} - berkas cetak", author=profile.full_name,
                        subject=f"Pakta Integritas {profile.short_name} tahun {year}", date=options.date)
    batch = BatchOptions(folder=FOLDER, meta=meta, print_file=print_file_name(year), print_kind=PRINT_KEY,
                         duplex=chosen.duplex, fit=ONE_PAGE)
    return Drafts(drafts, batch, facts=(f"{len(drafts)} pakta",))


def _shell(signer) -> Draft:
    """Return a pact's draft without its document: its file stem, identity and manifest row."""
    return Draft(kind=KEY, document=None, stem=f"{signer.nip}-{slugify_filename(signer.name)}", identity=signer.nip,
                 person=signer.name,
                 manifest={"baris": str(signer.row), "nama": signer.name, "nip": format_nip(signer.nip)})


KIND = DocumentKind(key=KEY, title="Pakta integritas", inputs=(ROSTER,), reads=(PACT_SETTINGS,), load=load, draft=draft,
                    register_names={KEY: "Pakta Integritas", PRINT_KEY: "Berkas cetak Pakta Integritas"},
                    options=PactChoices, batch=Batch(identity="NIP", identity_hint="18 angka tanpa spasi",
                                                     rows="daftar pegawai", document="pakta"))
