"""The catalogue of input files: what each file is to a clerk, whether it carries over to the next year, how a
blank one is made; every face (`semua --help`, `tahun-baru`, `templat-kosong`, the web's year page) loops over it.

Each kind declares its files in its own module (documents/); a file read by several kinds is declared once and
referenced by each. The unit's own files (unit.yaml, the logo) are declared here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

FORMATS = {"xlsx": "lembar kerja Excel (.xlsx)", "yaml": "berkas teks YAML (.yaml)", "png": "gambar PNG (.png)"}


@dataclass(frozen=True)
class Column:
    """One column of a spreadsheet input, as its blank workbook shows it."""

    header: str
    required: bool = False
    width: int = 20
    help: str = ""                      # what to write, for the 'Petunjuk' sheet
    aliases: str = ""                   # other headers accepted, as exports spell them
    choices: tuple[str, ...] = ()       # fixed choices: a drop-down list (other values still warned, not refused)
    text: bool = False                  # formatted as text (an 18-digit NIP would lose digits as a number)
    example: Any = None                 # the example row's value (valid data)


@dataclass(frozen=True)
class InputFile:
    """One input file of a unit: its name in the folder, its title as a clerk reads it, and what each face needs."""

    name: str                           # e.g. "pegawai.xlsx"
    title: str                          # e.g. "Daftar pegawai"
    format: str                         # "xlsx", "yaml" or "png"
    required: bool = True               # False: it may be left out (what reads it has defaults)
    unit_level: bool = False            # in INPUTS itself (unit.yaml, the logo), not in a year's folder
    carries_over: bool = False          # `tahun-baru` copies it from the year before
    next_year: str = ""                 # carries over: what to change in it; else what the new year's must hold
    columns: tuple[Column, ...] = ()    # a spreadsheet: its columns, from which a blank one is made
    sheet: str = "Data"                 # the blank workbook's sheet to fill
    notes: tuple[str, ...] = ()         # lines under the columns on the blank workbook's 'Petunjuk' sheet
    example_rows: Callable[[], list[tuple]] | None = None  # example rows when one row cannot be valid data
    # a settings file (YAML): the model of its fields (types, bounds, labels), or the name of one of
    # inputs/settings_files.py, read only when asked (that module loads pydantic, which `--help` must not)
    settings_model: type | str | None = None

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"{self.name}: format {self.format!r} is not one of {', '.join(FORMATS)}")
        if self.columns and self.format != "xlsx":
            raise ValueError(f"{self.name}: only a spreadsheet has columns")

    @property
    def blank(self) -> bool:
        """Return whether a blank one can be made (a spreadsheet whose columns are declared)."""
        return self.format == "xlsx" and bool(self.columns)

    @property
    def format_name(self) -> str:
        return FORMATS[self.format]

    def model(self) -> type | None:
        """Return the pydantic model of a settings file's fields (None for a spreadsheet or a picture)."""
        if isinstance(self.settings_model, str):
            from reportgen.inputs import settings_files

            return getattr(settings_files, self.settings_model)
        return self.settings_model


UNIT_PROFILE = InputFile("unit.yaml", "Profil unit (identitas, kop, pimpinan)", "yaml", unit_level=True,
                         settings_model="ProfileSettings")
LOGO = InputFile("logo.png", "Logo kop surat", "png", required=False, unit_level=True)
UNIT_FILES = (UNIT_PROFILE, LOGO)


def unique(files) -> tuple[InputFile, ...]:
    """Return the files once each (by name), in their first order; two different files of one name are a bug."""
    found: dict[str, InputFile] = {}
    for file in files:
        earlier = found.setdefault(file.name, file)
        if earlier != file:
            raise ValueError(f"two different input files are named {file.name}: declare it once and reference it")
    return tuple(found.values())
