"""The decree forming the RB team (Keputusan), numbered from the register, with the team as its attachment."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from reportgen.documents.kinds import Draft, Drafts, DocumentKind, Numbering, Request
# the same year's staff list, whose posts the team must agree with
from reportgen.documents.pacts import ROSTER, ROSTER_FILE
from reportgen.errors import InputError, Problem, ProblemCollector, ReportgenError
from reportgen.inputs.catalogue import Column, InputFile
from reportgen.trust.register import NumberTaken

if TYPE_CHECKING:  # read when a decree is made, not for --help
    from reportgen.inputs.schemas.decree import DecreeSettings
    from reportgen.inputs.schemas.team import Member

TEAM_FILE = "tim-rb.xlsx"
DECREE_FILE = "keputusan-tim-rb.yaml"
KEY = "keputusan"
POSITIONS = ("Pengarah", "Penanggung Jawab", "Ketua", "Wakil Ketua", "Sekretaris", "Koordinator", "Anggota")
AREAS = tuple(str(n) for n in range(1, 9))

DECREE_INPUT = InputFile(DECREE_FILE, "Isi keputusan Tim RB", "yaml", carries_over=True,
                         next_year="tanggal, nomor (atau kode_klasifikasi), tentang dan menimbang untuk tahun baru",
                         settings_model="DecreeSettingsFile")
TEAM = InputFile(
    TEAM_FILE, "Susunan Tim RB", "xlsx", carries_over=True, next_year="susunan tim: pejabat yang pindah atau pensiun",
    sheet="Tim",
    columns=(
        Column("No", False, 5, "nomor urut (boleh dikosongkan; tidak dibaca)", example=1),
        Column("Nama", True, 34, "nama lengkap dengan gelar", "Nama Pegawai, Nama Lengkap",
               example="Budi Santoso, S.H., M.H."),
        Column("NIP", False, 22, "18 angka, boleh berspasi; kosong atau - bila bukan PNS", "NIP BARU", text=True,
               example="19700101 200003 1 001"),
        Column("Jabatan", True, 40, "jabatan dinas, mis. Sekretaris Direktorat Jenderal", "Nama Jabatan",
               example="Sekretaris Direktorat Jenderal"),
        Column("Kedudukan", True, 20, "kedudukan dalam tim (kedudukan lain dapat ditambah di keputusan-tim-rb.yaml: "
               "kedudukan_tambahan)", "Kedudukan dalam Tim, Jabatan dalam Tim, Peran", choices=POSITIONS,
               example="Ketua"),
        Column("Area", False, 10, "area perubahan 1-8 atau namanya; wajib untuk Koordinator dan Anggota",
               "Area Perubahan, Kelompok Kerja, Pokja", choices=AREAS),
    ))


@dataclass(frozen=True)
class DecreeChoices:
    """What a run may choose for the decree: another team list (and its sheet), another decree file."""

    team: Path | None = None
    meta: Path | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class Loaded:
    """The decree's settings, its team, and the hash of the files they came from."""

    settings: DecreeSettings
    members: list[Member]
    inputs_sha256: str


def decree_stem(year: int) -> str:
    """Return the file name (without suffix) of a year's team decree."""
    return f"keputusan-tim-rb-{year}"


def _inputs_hash(*paths: Path) -> str:
    """Return the SHA-256 of the files one after another, each read as a stream."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(1024 * 1024):
                    digest.update(chunk)
        except OSError:
            pass  # a missing or unreadable file is a problem the schemas report
    return digest.hexdigest()


def _collect(load, problems: ProblemCollector):
    """Return what `load()` returns; a file that cannot be read at all adds its problems and returns None."""
    try:
        return load()
    except InputError as exc:
        problems.problems.extend(exc.problems + exc.warnings)
        return None


def load(request: Request, problems: ProblemCollector) -> Loaded | None:
    """Return the decree file (option `meta`, else keputusan-tim-rb.yaml) and the team (option `team`, else tim-rb.xlsx)."""
    from reportgen.inputs.schemas.decree import load_decree
    from reportgen.inputs.schemas.team import Positions, load_team

    meta_path = request.input_path(request.options.meta, DECREE_FILE)
    team_path = request.input_path(request.options.team, TEAM_FILE)
    settings = _collect(lambda: load_decree(meta_path, request.profile, request.year, problems), problems)
    positions = settings.positions if settings else Positions()
    members = _collect(lambda: load_team(team_path, request.options.sheet, problems, positions), problems) or []
    if settings is None:
        return None
    _check_posts(request, members, team_path, problems)
    _check_number_year(request, settings, meta_path, problems)
    _check_year(request, settings, members, team_path, meta_path, problems)
    return Loaded(settings, members, _inputs_hash(request.profile.path, meta_path, team_path))


def _check_number_year(request: Request, settings: DecreeSettings, meta_path: Path, problems: ProblemCollector) -> None:
    """Refuse a number that belongs to another year: a number written by hand that names another year (as
    `tahun-baru` copies last year's), or a number to be taken from this year's sequence that would print the
    year of a date in another year. Each says what to change."""
    from reportgen.inputs.yaml_file import read_yaml_lines

    pattern, year = settings.pattern, request.year
    if pattern is None:
        return
    try:
        lines = read_yaml_lines(meta_path)[1]
    except InputError:
        lines = {}
    if settings.number:
        named = pattern.year_of(settings.number)
        if named is not None and named != year:
            code = pattern.parse(settings.number, named)
            instead = f'kode_klasifikasi: "{code[0]}"' if code else "kode_klasifikasi: KODE"
            problems.add(meta_path, f"nomor ini nomor tahun {named}, padahal keputusan ini untuk tahun {year} "
                         "(berkas yang disalin dari tahun lalu membawa nomornya); satu nomor tidak pernah dipakai "
                         f"dua kali. Tulis nomor tahun {year}, atau ganti baris 'nomor' dengan {instead} agar "
                         f"nomor berikutnya tahun {year} diambil dari register", key="nomor",
                         row=lines.get(("nomor",)), found=settings.number)
    elif settings.code and "{tahun" in pattern.text and settings.date.year != year:
        problems.add(meta_path, f"tanggal {settings.date.isoformat()} jatuh di tahun {settings.date.year}, padahal "
                     f"nomor keputusan tahun {year} diambil dari urutan nomor tahun {year} dan akan tertulis "
                     f"'{pattern.format(settings.code, 1, settings.date)}' (tahun {settings.date.year}), seperti "
                     f"nomor tahun {settings.date.year}. Ubah tanggal ke tahun {year}, atau tulis nomor lengkapnya "
                     "di kunci 'nomor'", key="tanggal", row=lines.get(("tanggal",)))


def _check_posts(request: Request, members: list[Member], team_path: Path, problems: ProblemCollector) -> None:
    """Warn of a post only one person can hold given to two in the team, or to another person than in the
    year's pacts roster (both places named)."""
    from reportgen.inputs.consistency import check_posts_across, check_team_posts
    from reportgen.inputs.schemas.roster import load_roster

    unit = request.profile.unit
    problems.problems.extend(check_team_posts(members, str(team_path), unit))
    roster_path = request.year_file(ROSTER_FILE)
    if roster_path.is_file():
        quiet = ProblemCollector()  # the roster's own problems are the pacts' to report
        try:
            signers = load_roster(roster_path, None, quiet)
        except InputError:
            return
        problems.problems.extend(check_posts_across(members, str(team_path), signers, str(roster_path), unit))


def _check_year(request: Request, settings: DecreeSettings, members: list[Member], team_path: Path, meta_path: Path,
                problems: ProblemCollector) -> None:
    """Warn of the team's staff data its NIPs make implausible, of the head's office given to another person, of
    the team's roles against their offices' ranks, and of the year's documents dated before the decree."""
    from reportgen.inputs.plausibility import check_official, check_staff, check_team_ranks
    from reportgen.inputs.year_facts import check_head_in_lists
    from reportgen.inputs.year_order import DECREE, Dated, check_year_order

    profile = request.profile
    problems.problems.extend(check_staff(members, team_path, request.year))
    problems.problems.extend(check_team_ranks(members, team_path, profile.unit))
    problems.problems.extend(check_head_in_lists(profile.head, profile.path, members, team_path, profile.unit))
    problems.problems.extend(check_official(profile.head.name, profile.head.nip, profile.path, "pimpinan",
                                            request.year))
    dated = Dated("Keputusan Tim RB", settings.date, meta_path, "tanggal")
    problems.problems.extend(check_year_order(request.unit.year_folder(request.year), request.year, (DECREE,),
                                              {DECREE: dated}))


def team_decree(request: Request) -> tuple[DecreeSettings, Path, str | None] | None:
    """Return the year's team decree as the other documents cite it: its settings, its file and its number (the
    one written in the file, else the one the register gives it), or None when the year has no readable decree
    file. Its own problems are the decree's to report."""
    from reportgen.inputs.schemas.decree import load_decree
    from reportgen.trust.register import Register

    path = request.year_file(DECREE_FILE)
    quiet = ProblemCollector()
    try:
        settings = load_decree(path, request.profile, request.year, quiet) if path.is_file() else None
    except InputError:
        return None
    if settings is None or any(not p.warning for p in quiet.problems):
        return None
    number = settings.number
    if number is None and settings.code and settings.pattern is not None:
        try:
            register = request.unit.register
        except ReportgenError:
            register = None
        if register is not None and Path(register).is_file():
            with Register(Path(register), read_only=True) as store:
                number, _ = store.peek_number(kind=KEY, year=request.year, identity=settings.subject,
                                              date=settings.date, code=settings.code, number=None,
                                              pattern=settings.pattern)
        else:
            number = settings.pattern.format(settings.code, 1, settings.date)
    return settings, path, number


def draft(request: Request, loaded: Loaded, number) -> Drafts:
    """Return the decree with the number it keeps or takes from the register (or the number given by hand)."""
    from reportgen.model.decree import build_decree

    settings = loaded.settings
    numbering = Numbering(code=settings.code, number=settings.number, pattern=settings.pattern,
                          inputs_sha256=loaded.inputs_sha256)
    try:
        issued_number = number(numbering, settings.subject, settings.date, settings.subject)
    except NumberTaken as exc:
        raise InputError([Problem(str(request.input_path(request.options.meta, DECREE_FILE)), exc.args[0],
                                  key="nomor")]) from None  # the message itself: it names the register apart
    document = build_decree(request.profile, settings, loaded.members, issued_number)
    return Drafts([Draft(kind=KEY, document=document, stem=decree_stem(request.year), identity=settings.subject,
                         numbering=numbering, number=issued_number)],
                  facts=(f"Nomor {issued_number}", f"{len(loaded.members)} anggota tim"))


KIND = DocumentKind(key=KEY, title="Keputusan Tim RB", inputs=(DECREE_INPUT, TEAM), reads=(ROSTER,), load=load,
                    draft=draft,
                    register_names={KEY: "Keputusan"}, options=DecreeChoices)
