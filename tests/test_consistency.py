"""Cross-document checks (issue 16): a post only one person holds, given to two people in one list or in the
decree's team and the pacts' roster of the same year, is a warning that names both places."""

from __future__ import annotations

from conftest import ROOT
from reportgen.conventions.civil_service import parse_pangkat
from reportgen.errors import ProblemCollector
from reportgen.inputs.consistency import check_posts_across, check_roster_posts, check_team_posts, post_key
from reportgen.inputs.profile import load_profile
from reportgen.inputs.schemas.decree import load_decree
from reportgen.inputs.schemas.roster import Signer, load_roster
from reportgen.inputs.schemas.team import Member, load_team

UNIT = "Direktorat Jenderal Politik dan Pemerintahan Umum"


def member(row, name, nip, office, position="Anggota", area=1):
    return Member(row, name, nip, office, position, area)


def signer(row, name, nip, office, supervisor=None):
    name_s, nip_s, office_s = supervisor or (None, None, None)
    return Signer(row, name, nip, parse_pangkat("IV/a"), office, None, name_s, nip_s, office_s)


def test_single_holder_posts_are_recognised_whatever_the_spelling():
    assert post_key("Direktur Politik Dalam Negeri") == "direktur politik dalam negeri"
    assert post_key("Plt. Kasubdit Kewaspadaan Dini") == "kepala subdirektorat kewaspadaan dini"
    assert post_key("Sekretaris Direktorat Jenderal Politik dan Pemerintahan Umum", UNIT) == \
        post_key("SEKRETARIS DIREKTORAT JENDERAL", UNIT) == "sekretaris direktorat jenderal"
    assert post_key("Kepala Bagian Umum.") == "kepala bagian umum"
    for functional in ("Analis Kebijakan Ahli Muda", "Pranata Komputer Ahli Pertama", "Tenaga Pendukung Teknis"):
        assert post_key(functional) is None


def test_a_post_held_by_two_people_in_the_team_is_a_warning_naming_both_rows():
    members = [
        member(2, "Budi Santoso", "197001012000031001", "Direktur Politik Dalam Negeri", "Koordinator", 3),
        member(3, "Siti Rahma", "196505051990032002", "Kepala Bagian Umum"),
        member(9, "Agus Prasetyo", "197502022000031003", "Direktur Politik Dalam Negeri"),
        member(10, "Dewi Lestari", None, "Analis Kebijakan Ahli Muda"),
        member(11, "Rina Wati", None, "Analis Kebijakan Ahli Muda"),
    ]
    problems = check_team_posts(members, "tim-rb.xlsx")
    assert len(problems) == 1
    (problem,) = problems
    assert problem.warning and problem.file == "tim-rb.xlsx" and problem.row == 9 and problem.column == "Jabatan"
    text = str(problem)
    assert "Direktur Politik Dalam Negeri" in text
    assert "Budi Santoso (NIP 19700101 200003 1 001) di tim-rb.xlsx baris 2" in text
    assert "Agus Prasetyo (NIP 19750202 200003 1 003) di tim-rb.xlsx baris 9" in text


def test_the_same_person_twice_is_not_a_second_holder():
    members = [member(2, "Budi Santoso", "197001012000031001", "Kepala Bagian Umum"),
               member(5, "Budi  Santoso", "197001012000031001", "Plt. Kabag Umum")]
    assert check_team_posts(members, "tim-rb.xlsx") == []


def test_a_roster_and_its_witnesses_give_one_post_to_one_person():
    roster = [
        signer(2, "Siti Rahma", "196505051990032002", "Sekretaris Direktorat Jenderal"),
        signer(3, "Budi Santoso", "197001012000031001", "Kepala Bagian Umum",
               supervisor=("Joko Hartono", "196001011985031001", "Sekretaris Direktorat Jenderal")),
    ]
    (problem,) = check_roster_posts(roster, "pegawai.xlsx", UNIT)
    assert problem.row == 3 and problem.column == "Jabatan Atasan"
    assert "Siti Rahma" in str(problem) and "Joko Hartono" in str(problem)


def test_team_and_roster_of_a_year_disagree_on_who_holds_a_post():
    team = [member(4, "Budi Santoso", "197001012000031001", "Kepala Bagian Perencanaan", "Ketua", None),
            member(5, "Siti Rahma", "196505051990032002", "Direktur Kewaspadaan Nasional", "Koordinator", 4)]
    roster = [signer(7, "Agus Prasetyo", "197502022000031003", "Kepala Bagian Perencanaan"),
              signer(8, "Siti Rahma", "196505051990032002", "Direktur Kewaspadaan Nasional")]
    (problem,) = check_posts_across(team, "tim-rb.xlsx", roster, "pegawai.xlsx", UNIT)
    assert problem.warning and problem.file == "tim-rb.xlsx" and problem.row == 4
    text = str(problem)
    assert "Kepala Bagian Perencanaan" in text
    assert "Budi Santoso (NIP 19700101 200003 1 001) di tim-rb.xlsx baris 4" in text
    assert "Agus Prasetyo (NIP 19750202 200003 1 003) di pegawai.xlsx baris 7" in text


def test_the_example_inputs_agree():
    profile = load_profile(ROOT / "inputs" / "unit.yaml")
    problems = ProblemCollector()
    year = ROOT / "inputs" / "2021"
    settings = load_decree(year / "keputusan-tim-rb.yaml", profile, 2021, problems)
    team = load_team(year / "tim-rb.xlsx", None, problems, settings.positions)
    roster = load_roster(year / "pegawai.xlsx", None, problems)
    found = (check_team_posts(team, "tim-rb.xlsx", profile.unit) + check_roster_posts(roster, "pegawai.xlsx", profile.unit)
             + check_posts_across(team, "tim-rb.xlsx", roster, "pegawai.xlsx", profile.unit))
    assert found == [], "\n".join(str(p) for p in found)
