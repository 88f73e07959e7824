"""Validate a roster of officials (for integrity pacts) into clean records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ProblemCollector
from reportgen.conventions.civil_service import Pangkat, format_nip, parse_nip, parse_pangkat
from reportgen.inputs.tables import read_table
from reportgen.inputs.schemas.base import Field, text_value, validate_rows

ROSTER_FIELDS = [
    Field("nama", "Nama", ("nama", "namalengkap", "namapegawai")),
    Field("nip", "NIP", ("nip", "nippegawai"), parse=parse_nip),
    Field("pangkat", "Pangkat/Golongan", ("pangkatgolongan", "pangkatgol", "golongan", "pangkat",
                                          "golonganpangkat", "golruang", "pangkatgolonganruang"),
          parse=parse_pangkat),
    Field("jabatan", "Jabatan", ("jabatan",)),
    Field("instansi", "Instansi", ("instansi", "unitkerja", "satuankerja"), required=False),
    Field("nama_atasan", "Nama Atasan", ("namaatasan",), required=False),
    Field("nip_atasan", "NIP Atasan", ("nipatasan",), parse=parse_nip, required=False),
    Field("jabatan_atasan", "Jabatan Atasan", ("jabatanatasan",), required=False),
]


@dataclass(frozen=True)
class Signer:
    """An official who signs a pact, with an optional supervisor as witness."""

    row: int
    name: str
    nip: str
    pangkat: Pangkat
    office: str
    agency: str | None
    supervisor_name: str | None
    supervisor_nip: str | None
    supervisor_office: str | None


def load_roster(path: Path, sheet: str | None, problems: ProblemCollector) -> list[Signer]:
    """Return the roster's officials in file order; every problem goes to `problems`."""
    table = read_table(path, sheet)
    incomplete: list = []
    records = validate_rows(table, ROSTER_FIELDS, problems, incomplete)
    first_row_of: dict[str, int] = {}
    duplicates = set()
    for rec in sorted(records + incomplete, key=lambda r: r.row):
        nip = rec.get("nip")
        if nip and nip in first_row_of:
            problems.add(table.file, f"NIP sama dengan baris {first_row_of[nip]}; setiap pegawai "
                         "hanya boleh muncul sekali", row=rec.row, column="NIP", found=format_nip(nip))
            duplicates.add(rec.row)
        elif nip:
            first_row_of[nip] = rec.row
    signers = []
    for rec in records:
        if rec.row in duplicates:
            continue
        supervisor = [rec.get("nama_atasan"), rec.get("jabatan_atasan")]
        if any(supervisor) and not all(supervisor):
            problems.add(table.file, "isi 'Nama Atasan' dan 'Jabatan Atasan' bersama-sama, atau kosongkan "
                         "keduanya (saksi diambil dari pimpinan unit)", row=rec.row,
                         column="Nama Atasan" if not supervisor[0] else "Jabatan Atasan")
            continue
        signers.append(Signer(
            row=rec.row, name=text_value(rec["nama"]), nip=rec["nip"], pangkat=rec["pangkat"],
            office=rec["jabatan"], agency=rec.get("instansi"), supervisor_name=rec.get("nama_atasan"),
            supervisor_nip=rec.get("nip_atasan"), supervisor_office=rec.get("jabatan_atasan"),
        ))
    return signers
