"""The integrity pacts (Pakta Integritas) of a year: one per official of the roster, a print file, a manifest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportgen.conventions.civil_service import format_nip
from reportgen.conventions.file_names import slugify_filename
from reportgen.documents.kinds import BatchOptions, Draft, Drafts, DocumentKind, Request
from reportgen.errors import ProblemCollector
from reportgen.inputs.consistency import check_roster_posts
from reportgen.inputs.schemas.pact import PactSettings, load_pact_settings
from reportgen.inputs.schemas.roster import Signer, load_roster
from reportgen.model.blocks import DocumentMeta
from reportgen.model.pact import ONE_PAGE, PactOptions, build_pact

ROSTER_FILE = "pegawai.xlsx"
SETTINGS_FILE = "pakta-integritas.yaml"
FOLDER = "pakta-integritas"
KEY = "pakta-integritas"
PRINT_KEY = "pakta-integritas-cetak"


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
    roster_path = request.input_path("roster", ROSTER_FILE)
    signers = load_roster(roster_path, request.option("sheet"), problems)
    problems.problems.extend(check_roster_posts(signers, str(roster_path), request.profile.unit))
    settings = load_pact_settings(request.folder.year_file(request.year, SETTINGS_FILE), problems)
    return Loaded(signers, settings)


def draft(request: Request, loaded: Loaded, number) -> Drafts:
    """Return one pact per official, signed on the date and at the place of the options, else of the year's
    file, else today and the unit's city."""
    profile, year = request.profile, request.year
    options = PactOptions(date=request.option("date") or loaded.settings.date or dt.date.today(),
                          place=request.option("place") or loaded.settings.place or profile.city,
                          with_witness=request.option("witness", True))
    drafts = [Draft(kind=KEY, document=build_pact(profile, s, options), stem=f"{s.nip}-{slugify_filename(s.name)}",
                    identity=s.nip, person=s.name,
                    manifest={"baris": str(s.row), "nama": s.name, "nip": format_nip(s.nip)})
              for s in loaded.signers]
    meta = DocumentMeta(title=f"Pakta Integritas {year} - berkas cetak", author=profile.full_name,
                        subject=f"Pakta Integritas {profile.short_name} tahun {year}", date=options.date)
    batch = BatchOptions(folder=FOLDER, meta=meta, print_file=print_file_name(year), print_kind=PRINT_KEY,
                         duplex=request.option("duplex", False), fit=ONE_PAGE)
    return Drafts(drafts, batch, facts=(f"{len(drafts)} pakta",))


KIND = DocumentKind(key=KEY, title="Pakta integritas", inputs=(ROSTER_FILE,), load=load, draft=draft,
                    register_names={KEY: "Pakta Integritas", PRINT_KEY: "Berkas cetak Pakta Integritas"})
