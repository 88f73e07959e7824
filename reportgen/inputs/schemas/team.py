"""Validate the RB team roster (name, NIP, office, position in the team, area) for the team decree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.areas import AREAS, parse_area
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.conventions.civil_service import Pangkat, parse_nip, parse_pangkat
from reportgen.inputs.schemas import staff
from reportgen.inputs.tables import read_table
from reportgen.inputs.schemas.base import Field, map_columns, normalize_header, text_value, validate_rows

# Positions in the team. Leadership comes first in the attachment, in this order; each area lists
# its coordinator, then positions the unit adds for areas, then its members.
LEADERSHIP = ("Pengarah", "Penanggung Jawab", "Ketua", "Wakil Ketua", "Sekretaris")
AREA_HEAD = "Koordinator"
AREA_MEMBER = "Anggota"
CHAIR = "Ketua"
_POSITION_HEADERS = ("kedudukan", "kedudukandalamtim", "jabatandalamtim", "peran", "posisi", "kedudukantim")
_NO_NIP = {"-", "\u2013", "\u2014", "non pns", "non-pns", "nonpns", "tidak ada"}


@dataclass(frozen=True)
class Positions:
    """The positions a team may hold: the standard ones plus those the unit adds."""

    leadership: tuple[str, ...] = LEADERSHIP
    area: tuple[str, ...] = (AREA_HEAD, AREA_MEMBER)

    @classmethod
    def with_extra(cls, leadership: tuple[str, ...] = (), area: tuple[str, ...] = ()) -> "Positions":
        """Return the standard positions with the unit's own added (leadership last, area before Anggota)."""
        lead = LEADERSHIP + tuple(p for p in leadership if normalize_header(p) not in _keys(LEADERSHIP))
        known = _keys(lead + (AREA_HEAD, AREA_MEMBER))
        extra = tuple(p for p in area if normalize_header(p) not in known)
        return cls(lead, (AREA_HEAD,) + extra + (AREA_MEMBER,))

    @property
    def all(self) -> tuple[str, ...]:
        return self.leadership + self.area

    def order(self, position: str) -> int:
        """Return the sort rank of a position within its group."""
        names = self.leadership if position in self.leadership else self.area
        return names.index(position)


def _keys(names: tuple[str, ...]) -> set[str]:
    return {normalize_header(n) for n in names}


@dataclass(frozen=True)
class Member:
    """One person in the team: name, NIP (None for non civil servants), office, position, area."""

    row: int
    name: str
    nip: str | None
    office: str
    position: str
    area: int | None  # 1-8 for area positions, None for leadership
    grade: Pangkat | None = None  # when the list has a golongan column (checked against the NIP, not printed)

    @property
    def area_name(self) -> str | None:
        return AREAS[self.area - 1].name if self.area else None


def parse_area_number(value: object) -> int:
    """Return the area number (1-8) named by a number, "Area 3", a Roman numeral or the area's name."""
    return parse_area(value).number


def parse_optional_nip(value: object) -> str | None:
    """Return the NIP digits, or None when the cell says the person has none ("-", "Non PNS").

    Only what a NIP and a NI PPPK share is checked here; load_team checks PNS rules for non-PPPK rows.
    """
    if isinstance(value, str) and " ".join(value.lower().split()) in _NO_NIP:
        return None
    return parse_nip(value, pppk=True)


def _grade_or_none(value: object):
    """Return the pangkat/golongan of a team member, or None when the cell cannot tell (it is not printed)."""
    try:
        return parse_pangkat(value)
    except InvalidValue:
        return None


def _position_parser(positions: Positions):
    by_key = {normalize_header(p): p for p in positions.all}
    by_key.update({"penanggungjawab": "Penanggung Jawab", "pj": "Penanggung Jawab",
                   "koordinatorarea": AREA_HEAD, "anggotaarea": AREA_MEMBER, "wakilketua": "Wakil Ketua"})

    def parse(value: object) -> str:
        found = by_key.get(normalize_header(text_value(value)))
        if found is None or found not in positions.all:
            raise InvalidValue("kedudukan tidak dikenal; kedudukan yang sah: " + ", ".join(positions.all)
                               + " (kedudukan lain dapat ditambahkan di kedudukan_tambahan pada berkas "
                               "keputusan)")
        return found
    return parse


def team_fields(positions: Positions) -> list[Field]:
    """Return the columns of a team roster."""
    return [
        Field("nama", "Nama", staff.NAME),
        Field("nip", "NIP", staff.NIP, parse=parse_optional_nip, required=False),
        Field("jabatan", "Jabatan", staff.OFFICE + ("jabatandinas", "jabatanstruktural")),
        Field("kedudukan", "Kedudukan", _POSITION_HEADERS, parse=_position_parser(positions)),
        Field("area", "Area", ("area", "areaperubahan", "kelompokkerja", "pokja"), parse=parse_area_number,
              required=False),
        Field("golongan", "Pangkat/Golongan", staff.GRADE, parse=_grade_or_none, required=False),
        *staff.name_fields(),
    ]


TEAM_HEADER = staff.header_test(staff.NAME, _POSITION_HEADERS)


def load_team(path: Path, sheet: str | None, problems: ProblemCollector,
              positions: Positions = Positions()) -> list[Member]:
    """Return the team's members in file order; every problem goes to `problems`."""
    table = read_table(path, sheet, is_header=TEAM_HEADER)
    fields = team_fields(positions)
    records = validate_rows(table, fields, problems, ignored=staff.IGNORED)
    mapping = map_columns(table, fields, ProblemCollector(), staff.IGNORED) or {}
    raw_rows = {r.number: r.cells for r in table.rows}
    area_header = mapping.get("area")
    area_missing_reported = False
    members: list[Member] = []
    by_nip: dict[str, Member] = {}
    by_name: dict[str, list[Member]] = {}
    for rec in records:
        name = staff.printed_name(rec)
        nip = rec.get("nip")
        if nip and not staff.is_pppk(rec, rec.get("golongan")):
            problem = staff.pns_nip_problem(raw_rows[rec.row].get(mapping.get("nip")))
            if problem:
                problems.add(table.file, problem, row=rec.row, column=mapping.get("nip"))
                continue
        position = rec["kedudukan"]
        area = rec.get("area")
        if position in positions.area and area is None:
            if area_header is None:
                if not area_missing_reported:
                    problems.add(table.file, f"kolom 'Area' tidak ada, padahal wajib untuk {AREA_HEAD} dan "
                                 f"{AREA_MEMBER} (nomor 1-8 atau nama area perubahan)", row=1, column="Area")
                    area_missing_reported = True
            else:
                problems.add(table.file, f"'Area' wajib diisi untuk kedudukan {position} (nomor 1-8 atau nama "
                             "area perubahan)", row=rec.row, column=area_header)
            continue
        if position in positions.leadership and area is not None:
            problems.warn(table.file, f"area diabaikan untuk kedudukan {position} (pimpinan tim tidak "
                          "termasuk satu area)", row=rec.row, column=area_header)
            area = None
        duplicate = by_nip.get(nip) if nip else None
        if duplicate is None:
            duplicate = next((m for m in by_name.get(normalize_header(name), [])
                              if m.nip is None or nip is None), None)
        if duplicate is not None:
            what = "NIP" if nip and duplicate.nip == nip else "nama"
            problems.add(table.file, f"orang yang sama ({what} sama dengan baris {duplicate.row}); setiap orang "
                         "hanya boleh tercantum sekali dalam tim", row=rec.row,
                         column=mapping.get("nip" if what == "NIP" else "nama"), found=nip if what == "NIP" else name)
            continue
        member = Member(rec.row, name, nip, rec["jabatan"], position, area, rec.get("golongan"))
        members.append(member)
        if nip:
            by_nip[nip] = member
        by_name.setdefault(normalize_header(name), []).append(member)
    if records:
        _check_chair(table.file, records, mapping.get("kedudukan"), problems)
        _check_areas(table.file, members, positions, problems)
    return members


def _check_chair(file: str, records, column: str | None, problems: ProblemCollector) -> None:
    chairs = [r.row for r in records if r["kedudukan"] == CHAIR]
    if not chairs:
        problems.add(file, f"tim belum memiliki {CHAIR}; tepat satu orang harus berkedudukan {CHAIR}",
                     column=column)
    elif len(chairs) > 1:
        rows = ", ".join(str(r) for r in chairs)
        problems.add(file, f"{CHAIR} tercantum {len(chairs)} kali (baris {rows}); tim hanya boleh memiliki "
                     f"satu {CHAIR}", row=chairs[1], column=column)


def _check_areas(file: str, members: list[Member], positions: Positions, problems: ProblemCollector) -> None:
    for number, name in ((a.number, a.name) for a in AREAS):
        in_area = [m for m in members if m.area == number]
        if not in_area:
            problems.warn(file, f"area {number} ({name}) belum memiliki anggota tim")
        elif not any(m.position == AREA_HEAD for m in in_area):
            problems.warn(file, f"area {number} ({name}) belum memiliki {AREA_HEAD}")


def sort_members(members: list[Member], positions: Positions) -> list[Member]:
    """Return the members as the attachment lists them: leadership, then each area in official order."""
    def key(m: Member):
        return (m.area or 0, positions.order(m.position), m.row)
    return sorted(members, key=key)
