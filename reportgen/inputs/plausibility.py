"""Check validated staff data against what its NIP says (birth date, TMT CPNS, sex digit): a title that marks the
other sex, a golongan reached faster than promotions allow, an age on entry or today outside the rules.

The rules are data (inputs/plausibility.yaml, with their sources). Every finding is a warning naming the file, the
row and the column; nothing is changed. Called by the kinds that load a staff list, a team or an official.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import PurePath
from typing import Iterable

import yaml

from reportgen.conventions.civil_service import PANGKAT, format_nip
from reportgen.errors import Problem

SEX = {"1": "laki-laki", "2": "perempuan"}
_FRONT = re.compile(r"^(?:prof|dr|drs|dra|drg|ir|h|hj)\.$", re.IGNORECASE)
_RANK = {p.golongan: i for i, p in enumerate(PANGKAT)}


@dataclass(frozen=True)
class Rules:
    """The plausibility rules of inputs/plausibility.yaml."""

    entry: dict[str, str]          # education -> highest entry golongan
    years_per_step: int
    entry_age: tuple[int, int]
    oldest: int
    sex_titles: dict[str, tuple[str, str]]  # title as written -> (sex digit, the other sex's title)
    source: str
    levels: tuple[tuple[str, int], ...] = ()  # how a structural office begins -> its level (1 the highest)


@functools.lru_cache(maxsize=1)
def rules() -> Rules:
    """Return the shipped plausibility rules."""
    data = yaml.safe_load((resources.files("reportgen.inputs") / "plausibility.yaml").read_text(encoding="utf-8"))
    age = data["usia_masuk"]
    return Rules(entry=dict(data["golongan_awal"]), years_per_step=int(data["tahun_per_jenjang"]),
                 entry_age=(int(age["paling_rendah"]), int(age["paling_tinggi"])),
                 oldest=int(data["usia_paling_tinggi"]),
                 sex_titles={t["gelar"]: (str(t["jenis_kelamin"]), t["pasangan"]) for t in data["gelar_jenis_kelamin"]},
                 source=" ".join(data["sumber"].split()),
                 levels=tuple(sorted(((t["awal"], int(t["tingkat"])) for t in data["tingkat_jabatan"]),
                                     key=lambda t: -len(t[0]))))


def titles(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the titles before and after a name: ("Dr.", "H."), ("S.H.", "M.H.")."""
    head, _, tail = name.partition(",")
    front = []
    for word in head.split():
        if not _FRONT.match(word):
            break
        front.append(word)
    back = tuple(t.strip() for t in tail.split(",") if t.strip())
    return tuple(front), back


def education(name: str) -> str:
    """Return the highest education a name's titles show: doktor, magister, dokter, sarjana, diploma_tiga or
    tanpa_gelar."""
    front, back = titles(name)
    found = {"tanpa_gelar"}
    for title in front:
        key = title.lower()
        found.add({"dr.": "doktor" if title == "Dr." else "dokter", "prof.": "doktor", "drg.": "dokter"}.get(
            key, "sarjana"))  # Drs., Dra., Ir.; H. and Hj. are no degree but say nothing lower
    for title in back:
        compact = title.replace(" ", "").lower()
        if compact.startswith(("ph.d", "phd", "d.sc", "dr.")):
            found.add("doktor")
        elif compact.startswith("sp."):
            found.add("dokter")
        elif compact.startswith(("m.", "mpa", "mba", "mpp", "msc", "ma", "mm", "mh", "llm", "ll.m")):
            found.add("magister")
        elif compact.startswith(("s.", "se", "sh", "ba", "b.", "bsc")):
            found.add("sarjana")
        elif compact.startswith(("a.md", "amd")):
            found.add("diploma_tiga")
    order = ("doktor", "magister", "dokter", "sarjana", "diploma_tiga", "tanpa_gelar")
    return next(level for level in order if level in found)


def _years(start: dt.date, end: dt.date) -> int:
    """Return the whole years from `start` to `end`."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


@dataclass(frozen=True)
class Where:
    """Where a person is written: the file, the row (None in a YAML file) or key, and the column of each field."""

    file: str
    row: int | None = None
    key: str | None = None
    name_column: str | None = "Nama"
    nip_column: str | None = "NIP"
    grade_column: str | None = "Pangkat/Golongan"


def check_person(name: str, nip: str | None, grade: str | None, where: Where, year: int,
                 pppk: bool = False) -> list[Problem]:
    """Return a warning for each implausible fact of one person of `year`: a sex title against NIP digit 15,
    the golongan against the years since TMT CPNS, the age on entry and at the end of the year."""
    if not nip or len(nip) != 18 or not nip.isdigit() or pppk:
        return []  # a NI PPPK says only the birth date; its other digits are not confirmed
    found: list[Problem] = []
    the_rules = rules()
    printed = format_nip(nip)
    who = f"{name} (NIP {printed})"

    def warn(message: str, column: str | None, value: str | None) -> None:
        found.append(Problem(file=where.file, row=where.row, key=where.key, column=column if where.row else None,
                             found=value, message=message, warning=True))

    sex = nip[14]
    front, _ = titles(name)
    for title in front:
        if title in the_rules.sex_titles and the_rules.sex_titles[title][0] != sex:
            other = the_rules.sex_titles[title][1]
            warn(f"gelar {title} dipakai {SEX[the_rules.sex_titles[title][0]]}, tetapi angka ke-15 NIP {printed} "
                 f"adalah {sex} ({SEX.get(sex, '?')}); periksa gelarnya ({other}) atau NIP-nya", where.name_column,
                 name)
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
        entry = dt.date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:  # an impossible date is the schema's error, not a plausibility warning
        return found
    year_end = dt.date(year, 12, 31)
    low, high = the_rules.entry_age
    age = _years(birth, entry)
    if not low <= age <= high:
        warn(f"NIP {printed}: lahir {birth:%d-%m-%Y} dan TMT CPNS {entry:%m-%Y}, jadi masuk pada usia {age} tahun, "
             f"di luar batas usia melamar CPNS {low}-{high} tahun; periksa NIP-nya", where.nip_column, printed)
    if entry > year_end:
        warn(f"NIP {printed}: TMT CPNS {entry:%m-%Y} sesudah tahun {year}; periksa NIP-nya", where.nip_column,
             printed)
        return found
    if _years(birth, year_end) > the_rules.oldest:
        warn(f"NIP {printed}: lahir {birth:%d-%m-%Y}, pada akhir tahun {year} berusia {_years(birth, year_end)} tahun, "
             f"melewati batas usia pensiun tertinggi {the_rules.oldest} tahun; periksa NIP-nya", where.nip_column,
             printed)
    if grade in _RANK:
        level = education(name)
        ceiling = the_rules.entry[level]
        service = _years(entry, year_end)
        reachable = _RANK[ceiling] + service // the_rules.years_per_step
        if _RANK[grade] > reachable:
            needed = (_RANK[grade] - _RANK[ceiling]) * the_rules.years_per_step
            shown = {"tanpa_gelar": "tanpa gelar (dianggap S-1)", "diploma_tiga": "D-III"}.get(level, level)
            warn(f"{who}: golongan {grade} pada tahun {year}, {service} tahun setelah TMT CPNS {entry:%m-%Y}; "
                 f"dari golongan awal tertinggi {ceiling} (pendidikan menurut gelar: {shown}) diperlukan paling "
                 f"sedikit {needed} tahun (satu jenjang paling cepat {the_rules.years_per_step} tahun). Periksa "
                 "golongan atau NIP-nya", where.grade_column, grade)
    return found


def check_staff(people: Iterable, file: str | PurePath, year: int) -> list[Problem]:
    """Return the warnings of every person of a validated list (roster Signers, team Members): each row's name,
    NIP and golongan (when the list has one), and a superior named as witness."""
    found: list[Problem] = []
    superiors: set[tuple[str, str | None]] = set()
    for person in people:
        grade = getattr(person, "pangkat", None) or getattr(person, "grade", None)
        where = Where(str(file), person.row)
        pppk = bool(getattr(person, "pppk", False) or getattr(grade, "pppk", False))
        found += check_person(person.name, person.nip, getattr(grade, "golongan", None), where, year, pppk=pppk)
        supervisor = getattr(person, "supervisor_name", None)
        if supervisor and (supervisor, person.supervisor_nip) not in superiors:  # named on many rows: said once
            superiors.add((supervisor, person.supervisor_nip))
            found += check_person(supervisor, person.supervisor_nip, None,
                                  Where(str(file), person.row, name_column="Nama Atasan", nip_column="NIP Atasan"),
                                  year)
    return found


def check_official(name: str, nip: str | None, file: str | PurePath, key: str, year: int) -> list[Problem]:
    """Return the warnings of one official written in a settings file (unit.yaml's head, a witness)."""
    return check_person(name, nip, None, Where(str(file), key=key), year)


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def office_level(office: str, unit: str | None = None) -> int | None:
    """Return the level of a structural office (1 = eselon I), or None for a functional one."""
    from reportgen.inputs.consistency import post_key

    key = post_key(office, unit)
    if key is None:
        return None
    return next((level for start, level in rules().levels if key.startswith(start)), None)


def check_team_ranks(members: Iterable, file: str | PurePath, unit: str | None = None) -> list[Problem]:
    """Return a warning when the team's chair (Ketua) ranks below people of the areas he leads (a Direktur as
    Koordinator under a Kepala Bagian as Ketua)."""
    members = list(members)
    chair = next((m for m in members if m.position == "Ketua"), None)
    level = office_level(chair.office, unit) if chair else None
    if level is None:
        return []
    above = [m for m in members if m.area and (office_level(m.office, unit) or 99) < level]
    if not above:
        return []
    names = "; ".join(f"{m.name} ({m.office}, {m.position} area {m.area}, baris {m.row})" for m in above[:3])
    more = f" dan {len(above) - 3} lainnya" if len(above) > 3 else ""
    return [Problem(file=str(file), row=chair.row, column="Kedudukan", found=chair.position, warning=True,
                    message=f"Ketua tim {chair.name} ({chair.office}, eselon {ROMAN[level]}) lebih rendah jabatannya "
                            f"daripada {names}{more}; pimpinan tim biasanya pejabat yang paling tinggi di antara "
                            "yang dipimpinnya")]
