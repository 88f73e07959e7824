"""Validate a roster of officials (for integrity pacts) into clean records.

The roster may be typed by hand (Nama, NIP, Pangkat/Golongan, Jabatan) or be a staff list exported
from SIASN or a SIMPEG system as is: the table is found under its title rows (see inputs/tables.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.civil_service import Pangkat, format_nip, parse_pangkat
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.inputs.schemas import staff
from reportgen.inputs.schemas.base import Field, Record, map_columns, text_value, validate_rows
from reportgen.inputs.tables import read_table

ROSTER_FIELDS = [
    Field("nama", "Nama", staff.NAME),
    Field("nip", "NIP", staff.NIP, parse=staff.parse_shared_nip),
    Field("pangkat", "Pangkat/Golongan", staff.GRADE + staff.RANK_NAME, parse=parse_pangkat),
    Field("nama_pangkat", "Pangkat", staff.RANK_NAME, required=False),
    Field("jabatan", "Jabatan", staff.OFFICE),
    Field("instansi", "Instansi", staff.AGENCY, required=False),
    Field("nama_atasan", "Nama Atasan", ("namaatasan",), required=False),
    Field("nip_atasan", "NIP Atasan", ("nipatasan",), parse=staff.parse_shared_nip, required=False),
    Field("jabatan_atasan", "Jabatan Atasan", ("jabatanatasan",), required=False),
    *staff.name_fields(),
]
ROSTER_HEADER = staff.header_test(staff.NAME, staff.NIP)


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
    pppk: bool = False


def _check_person(file: str, rec: Record, raw: dict[str, object], headers: dict[str, str],
                  problems: ProblemCollector) -> bool:
    """Return True when the row's NIP, golongan and pangkat fit the kind of employee (PNS or PPPK)."""
    ok = True
    grade = rec["pangkat"]
    rank_column = headers.get("nama_pangkat")
    if rank_column and rank_column != headers.get("pangkat"):
        try:
            grade = staff.grade_with_rank_name(grade, rec.get("nama_pangkat"))
        except InvalidValue as exc:
            problems.add(file, str(exc), row=rec.row, column=rank_column)
            ok = False
    conflict = staff.kind_conflict(rec, grade)
    if conflict:
        problems.add(file, conflict, row=rec.row, column=headers.get("jenis_pegawai"))
        ok = False
    if not staff.is_pppk(rec, grade):
        for key in ("nip", "nip_atasan"):
            problem = staff.pns_nip_problem(raw.get(headers.get(key))) if rec.get(key) else None
            if problem:
                problems.add(file, problem, row=rec.row, column=headers.get(key))
                ok = False
    return ok


def load_roster(path: Path, sheet: str | None, problems: ProblemCollector) -> list[Signer]:
    """Return the roster's officials in file order; every problem goes to `problems`."""
    table = read_table(path, sheet, is_header=ROSTER_HEADER)
    incomplete: list = []
    records = validate_rows(table, ROSTER_FIELDS, problems, incomplete, ignored=staff.IGNORED)
    headers = _headers(table)
    first_row_of: dict[str, int] = {}
    duplicates = set()
    for rec in sorted(records + incomplete, key=lambda r: r.row):
        nip = rec.get("nip")
        if nip and nip in first_row_of:
            problems.add(table.file, f"NIP sama dengan baris {first_row_of[nip]}; setiap pegawai "
                         "hanya boleh muncul sekali", row=rec.row, column=headers.get("nip", "NIP"),
                         found=format_nip(nip) if staff.pns_nip_problem(nip) is None else nip)
            duplicates.add(rec.row)
        elif nip:
            first_row_of[nip] = rec.row
    raw_rows = {r.number: r.cells for r in table.rows}
    signers = []
    for rec in records:
        if rec.row in duplicates or not _check_person(table.file, rec, raw_rows[rec.row], headers, problems):
            continue
        supervisor = [rec.get("nama_atasan"), rec.get("jabatan_atasan")]
        if any(supervisor) and not all(supervisor):
            problems.add(table.file, "isi 'Nama Atasan' dan 'Jabatan Atasan' bersama-sama, atau kosongkan "
                         "keduanya (saksi diambil dari pimpinan unit)", row=rec.row,
                         column="Nama Atasan" if not supervisor[0] else "Jabatan Atasan")
            continue
        grade = rec["pangkat"]
        signers.append(Signer(
            row=rec.row, name=staff.printed_name(rec), nip=rec["nip"], pangkat=grade,
            office=text_value(rec["jabatan"]), agency=rec.get("instansi"), supervisor_name=rec.get("nama_atasan"),
            supervisor_nip=rec.get("nip_atasan"), supervisor_office=rec.get("jabatan_atasan"),
            pppk=staff.is_pppk(rec, grade),
        ))
    return signers


def _headers(table) -> dict[str, str]:
    """Return field key -> the header it was read from (for messages)."""
    return map_columns(table, ROSTER_FIELDS, ProblemCollector(), staff.IGNORED) or {}
