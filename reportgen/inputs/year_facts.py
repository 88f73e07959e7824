"""One source for each fact of a year: the people named in several documents come from the document that appoints
them (the decree's team for its chair and members, unit.yaml for the head), and what a settings file says
otherwise is a warning naming both files. A deputy signing on purpose says so (Plh., Plt., Pj.) and is printed so.

Pure functions over validated records (inputs/schemas/*); the kinds call them when they load.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Iterable

from reportgen.conventions.civil_service import format_nip
from reportgen.errors import Problem, mention
from reportgen.inputs.consistency import post_key

# A deputy signing in the office holder's place writes it before the office (Tata Naskah Dinas).
ACTING = re.compile(r"^(?P<prefix>plh|plt|pj)\.?\s+", re.IGNORECASE)
ACTING_WRITTEN = {"plh": "Plh.", "plt": "Plt.", "pj": "Pj."}
# A team position named in an office: "Ketua Tim Reformasi Birokrasi Ditjen Polpum", "Sekretaris Tim RB".
TEAM_ROLE = re.compile(r"\b(?P<role>pengarah|penanggung jawab|wakil ketua|ketua|wakil sekretaris|sekretaris)\s+"
                       r"tim\s+(?:reformasi\s+birokrasi|rb)\b", re.IGNORECASE)


def acting(office: str) -> str | None:
    """Return "Plh.", "Plt." or "Pj." when the office says a deputy signs, else None."""
    found = ACTING.match(office.strip())
    return ACTING_WRITTEN[found["prefix"].lower()] if found else None


def without_acting(office: str) -> str:
    """Return the office without a deputy's prefix: "Plh. Direktur Jenderal ..." -> "Direktur Jenderal ..."."""
    return ACTING.sub("", office.strip(), count=1)


def same_person(name_a: str, nip_a: str | None, name_b: str, nip_b: str | None) -> bool:
    """Return whether two mentions are one person: the same NIP when both have one, else the same name."""
    if nip_a and nip_b:
        return nip_a == nip_b
    return " ".join(name_a.lower().split()) == " ".join(name_b.lower().split())


def who(name: str, nip: str | None) -> str:
    """Return "Name (NIP 19700101 200003 1 001)", or the name alone."""
    return f"{name} (NIP {format_nip(nip)})" if nip else name


def team_role(office: str) -> str | None:
    """Return the team position an office names ("Ketua" in "Ketua Tim Reformasi Birokrasi ..."), or None."""
    found = TEAM_ROLE.search(office)
    if not found:
        return None
    return " ".join(w.capitalize() for w in found["role"].split()).replace("Jawab", "Jawab")


def check_signer(name: str, nip: str | None, office: str, head, decree_file: str | PurePath,
                 unit_file: str | PurePath, key: str = "penandatangan") -> list[Problem]:
    """Return a warning when a settings file makes someone other than the unit's head sign as the head (without
    saying Plh./Plt./Pj.): the head comes from unit.yaml."""
    if acting(office) or same_person(name, nip, head.name, head.nip):
        return []
    return [Problem(file=str(decree_file), key=key, warning=True, found=name, message=mention(
        f"penandatangan {who(name, nip)} bukan pimpinan unit di ", PurePath(unit_file), f" ({who(head.name, head.nip)}, "
        f"{head.office}); dokumen memakai pimpinan dari unit.yaml. Bila pejabat lain menandatangani karena pimpinan "
        "berhalangan, awali jabatannya dengan Plh. atau Plt. (mis. 'Plh. " + without_acting(head.office) + "')"))]


def check_head_in_lists(head, unit_file: str | PurePath, people: Iterable, file: str | PurePath,
                        unit: str | None = None) -> list[Problem]:
    """Return a warning for each person of a list (team, roster) who holds the head's office but is another person."""
    wanted = post_key(head.office, unit)
    found = []
    for person in people:
        if wanted and post_key(person.office, unit) == wanted and not same_person(person.name, person.nip, head.name,
                                                                                   head.nip):
            found.append(Problem(file=str(file), row=person.row, column="Nama", found=person.name, warning=True,
                                 message=mention(f"jabatan '{person.office}' dipegang {head.name} menurut ",
                                                 PurePath(unit_file), " (pimpinan); samakan nama dan NIP-nya")))
    return found


def chosen_witnesses(witnesses, ceremony_file: str | PurePath, team: list, team_file: str | PurePath,
                     holders: list[tuple[object, str | PurePath]], unit: str | None) -> tuple[tuple, list[Problem]]:
    """Return the witnesses to print and the warnings: a witness named by a team position ("Ketua Tim Reformasi
    Birokrasi") is the team's holder of it, and one named by an office only one person holds is that office's
    holder in the year's lists (`holders`: each list's people with its file). A file naming someone else gets a
    warning naming both files; the team's person is printed."""
    from reportgen.inputs.profile import Official

    chosen, problems = [], []
    for number, witness in enumerate(witnesses, start=1):
        role = team_role(witness.office)
        key = f"saksi[{number}]"
        if role and team:
            holder = next((m for m in team if m.position.lower() == role.lower()), None)
            if holder is not None and not same_person(witness.name, witness.nip, holder.name, holder.nip):
                problems.append(Problem(
                    file=str(ceremony_file), key=key, found=witness.name, warning=True, message=mention(
                        f"saksi {number} tertulis sebagai {role} Tim RB, tetapi {role} menurut ", PurePath(team_file),
                        f" baris {holder.row} adalah {who(holder.name, holder.nip)}; piagam dan berita acara memakai "
                        "susunan tim yang ditetapkan keputusan. Samakan nama dan NIP saksi ini dengan susunan tim")))
                witness = Official(holder.name, holder.nip or "", witness.office)
            chosen.append(witness)
            continue
        post = post_key(without_acting(witness.office), unit)
        for people, file in holders if post else ():
            other = next((p for p in people if post_key(p.office, unit) == post
                          and not same_person(witness.name, witness.nip, p.name, p.nip)), None)
            if other is not None and not acting(witness.office):
                problems.append(Problem(
                    file=str(ceremony_file), key=key, found=witness.name, warning=True, message=mention(
                        f"saksi {number} tertulis sebagai {witness.office}, tetapi jabatan itu dipegang "
                        f"{who(other.name, other.nip)} menurut ", PurePath(file), f" baris {other.row}; samakan "
                        "nama dan NIP-nya, atau awali jabatannya dengan Plh./Plt. bila pejabat lain mewakili")))
                break
        chosen.append(witness)
    return tuple(chosen), problems


def check_pacts_count(given: int, counted: int, source: str, ceremony_file: str | PurePath) -> list[Problem]:
    """Return a warning when pencanangan-zi.yaml's jumlah_pakta differs from the pacts reportgen knows of."""
    if given == counted:
        return []
    return [Problem(file=str(ceremony_file), key="jumlah_pakta", found=str(given), warning=True, message=(
        f"jumlah_pakta {given}, tetapi {source}; berita acara memakai {counted}. Hapus jumlah_pakta bila pakta "
        "dibuat dengan reportgen"))]
