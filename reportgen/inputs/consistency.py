"""Check validated inputs against each other: a post only one person can hold (Direktur ..., Kepala Bagian ...,
Sekretaris Direktorat Jenderal) held by two people, in one list or across the decree's team and the pacts'
roster of the same year. Where a list names each person's organisational unit (UNOR NAMA, SATKER, UNIT KERJA),
a post is one per unit: three Kepala Subbagian Tata Usaha of three directorates are three posts. Pure functions
over validated records; every finding is a warning naming both places.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Iterable, Protocol

from reportgen.conventions.civil_service import format_nip
from reportgen.errors import PathText, Problem, mention

# Posts only one person holds at a time: structural offices, named by how they begin (data, not code).
# A functional office ("Analis Kebijakan Ahli Muda", "Pranata Komputer") has many holders.
SINGLE_HOLDER_PREFIXES = (
    "direktur", "sekretaris direktorat jenderal", "sekretaris jenderal", "inspektur", "kepala",
)
# Short forms written in rosters, and the acting prefixes that do not change the post.
ABBREVIATIONS = {
    "dirjen": "direktur jenderal", "sesditjen": "sekretaris direktorat jenderal", "sekjen": "sekretaris jenderal",
    "dir": "direktur", "kasubdit": "kepala subdirektorat", "kabag": "kepala bagian",
    "kasubbag": "kepala subbagian", "kasubag": "kepala subbagian", "kasi": "kepala seksi", "kabid": "kepala bidang",
}
ACTING = re.compile(r"^(?:plt|plh|pj)\.?\s+")
# What a unit's name begins with: the rest is its own name, which an office of that unit may leave out.
UNIT_KINDS = ("direktorat jenderal", "sekretariat jenderal", "inspektorat jenderal", "badan", "direktorat",
              "biro", "pusat", "dinas")


class Holder(Protocol):
    """A person holding a post in a validated list (a team Member, a roster Signer)."""

    row: int
    name: str
    nip: str | None
    office: str


@dataclass(frozen=True)
class Place:
    """Where a post's holder is written: the file, its row and column, and who is written there."""

    file: str
    row: int
    column: str
    name: str
    nip: str | None
    unit: str | None = None  # the organisational unit the list gives the person, when it gives one

    def describe(self) -> PathText:
        """Return who is written where, the file kept apart for each face to name (errors.mention)."""
        who = f"{self.name} (NIP {format_nip(self.nip)})" if self.nip else self.name
        return mention(f"{who} di ", _path(self.file), f" baris {self.row} kolom '{self.column}'")


@functools.lru_cache(maxsize=64)
def _path(file: str) -> PurePath:
    """Return the path of a list, one object for all its warnings (a long list may give thousands)."""
    return PurePath(file)


def post_key(office: str, unit: str | None = None) -> str | None:
    """Return the post an office names, normalised for comparison, or None when many may hold it.

    Case, spacing, final punctuation, an acting prefix (Plt., Plh.), the usual short forms (Kasubdit, Kabag)
    and the unit's own name at the end ("Sekretaris Direktorat Jenderal Politik dan Pemerintahan Umum" is
    "Sekretaris Direktorat Jenderal" in that unit) do not change the post.
    """
    text = " ".join(str(office).lower().replace(",", " ").split()).rstrip(" .;:")
    text = ACTING.sub("", text)
    words = text.split()
    if words and words[0].rstrip(".") in ABBREVIATIONS:
        text = " ".join([ABBREVIATIONS[words[0].rstrip(".")]] + words[1:])
    if unit:  # "Sekretaris Direktorat Jenderal Politik dan Pemerintahan Umum" -> "sekretaris direktorat jenderal"
        own = " ".join(unit.lower().replace(",", " ").split())
        kind = next((k for k in UNIT_KINDS if own.startswith(k + " ")), None)
        if kind and text.endswith(" " + own):
            text = text[: len(text) - len(own) + len(kind)]
    if not text.startswith(SINGLE_HOLDER_PREFIXES):
        return None
    return text


def _same_person(a: Place, b: Place) -> bool:
    if a.nip and b.nip:
        return a.nip == b.nip
    return " ".join(a.name.lower().split()) == " ".join(b.name.lower().split())


def _unit_of(person) -> str | None:
    """Return the organisational unit a list gives a person (a roster's UNOR NAMA, SATKER, Unit Kerja), or None."""
    unit = getattr(person, "agency", None)
    return " ".join(str(unit).split()) or None if unit else None


def _unit_key(unit: str | None) -> str | None:
    return " ".join(unit.lower().split()) if unit else None


def places(people: Iterable[Holder], file: str, column: str = "Jabatan") -> list[tuple[str, Place]]:
    """Return (office, place) of each person of a list."""
    return [(p.office, Place(str(file), p.row, column, p.name, p.nip, _unit_of(p))) for p in people]


def roster_places(signers: Iterable, file: str) -> list[tuple[str, Place]]:
    """Return (office, place) of each official of a pacts roster and of each superior it names as witness."""
    found = places(signers, file)
    for s in signers:
        if s.supervisor_name and s.supervisor_office:
            found.append((s.supervisor_office,
                          Place(str(file), s.row, "Jabatan Atasan", s.supervisor_name, s.supervisor_nip,
                                _unit_of(s))))
    return found


def _holders(entries: list[tuple[str, Place]], unit: str | None) -> dict[tuple[str, str | None],
                                                                       list[tuple[str, Place]]]:
    """Return (post, organisational unit or None) -> the entries holding it."""
    by_post: dict[tuple[str, str | None], list[tuple[str, Place]]] = {}
    for office, place in entries:
        key = post_key(office, unit)
        if key:
            by_post.setdefault((key, _unit_key(place.unit)), []).append((office, place))
    return by_post


def check_single_holders(entries: list[tuple[str, Place]], unit: str | None = None) -> list[Problem]:
    """Return a warning for each post only one person can hold that one list gives to two people (in the same
    organisational unit, where the list names units)."""
    problems = []
    for (_, org), held in _holders(entries, unit).items():
        first_office, first = held[0]
        where = f" di {first.unit}" if org else ""
        first_place = first.describe().parts
        for office, other in held[1:]:
            if not _same_person(first, other):
                problems.append(Problem(
                    file=other.file, row=other.row, column=other.column, found=office, warning=True,
                    message=mention(f"jabatan '{first_office}'{where} hanya dapat dipegang satu orang, tetapi "
                                    "tertulis untuk ", *first_place, " dan ", *other.describe().parts,
                                    "; periksa salah satunya")))
    return problems


def check_team_posts(members: Iterable[Holder], file: str, unit: str | None = None) -> list[Problem]:
    """Return a warning for each single-holder post held by two people in one team list (or roster)."""
    return check_single_holders(places(members, file), unit)


def check_roster_posts(signers: Iterable, file: str, unit: str | None = None) -> list[Problem]:
    """Return a warning for each single-holder post held by two people in a pacts roster (officials and the
    superiors named as witnesses)."""
    return check_single_holders(roster_places(list(signers), file), unit)


def check_posts_across(team: Iterable[Holder], team_file: str, roster: Iterable, roster_file: str,
                       unit: str | None = None) -> list[Problem]:
    """Return a warning for each single-holder post that the decree's team and the pacts' roster of the same
    year give to different people (each post named once, with both places)."""
    in_team = _holders(places(team, team_file), unit)
    in_roster = _holders(roster_places(list(roster), roster_file), unit)
    problems = []
    for (post, org), held in in_team.items():
        office, place = held[0]
        # a unit on both sides: the same unit's post; a unit on one side only: that post in any unit
        holders = [entry for (p, o), entries in in_roster.items() for entry in entries
                   if p == post and (o == org or org is None or o is None)]
        if any(_same_person(place, p) for _, p in holders):
            continue
        other = holders[0] if holders else None
        if other is None:
            continue
        other_office, other_place = other
        problems.append(Problem(
            file=place.file, row=place.row, column=place.column, found=office, warning=True,
            message=mention(f"jabatan '{office}' dipegang ", *place.describe().parts, ", tetapi ",
                            *other_place.describe().parts, "; tim dan daftar pakta tahun yang sama harus menyebut "
                            "pejabat yang sama")))
    return problems
