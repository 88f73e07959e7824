"""Validate the team decree's YAML (number, date, subject, considerations, decisions...) and fill defaults.

The file's shape is inputs/settings_files.py DecreeSettingsFile; here are the defaults that depend on the unit and
the year, and the checks across keys.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.areas import AREAS
from reportgen.conventions.document_numbers import NumberPattern
from reportgen.conventions.numbers import letter_label
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.inputs.profile import Official, Profile
from reportgen.inputs.schemas.team import Positions
from reportgen.inputs.yaml_file import read_yaml_lines

MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
          "oktober", "november", "desember")

CLOSING_START = "bahwa berdasarkan pertimbangan"


def default_grounds(unit: str, team: str) -> tuple[str, ...]:
    """Return the default considerations of an RB team decree, before the closing one."""
    return (
        "bahwa dalam rangka melaksanakan Road Map Reformasi Birokrasi 2020-2024 sebagaimana diatur dalam "
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 25 Tahun 2020, perlu "
        f"dilakukan percepatan pelaksanaan Reformasi Birokrasi di lingkungan {unit}",
        "bahwa untuk menyusun, melaksanakan, memantau, mengevaluasi dan melaporkan pelaksanaan Reformasi "
        f"Birokrasi pada 8 (delapan) area perubahan di lingkungan {unit}, perlu membentuk {team}",
    )


DEFAULT_LEGAL_BASES = (
    "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara (Lembaran Negara Republik Indonesia "
    "Tahun 2014 Nomor 6, Tambahan Lembaran Negara Republik Indonesia Nomor 5494)",
    "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010-2025",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 25 Tahun 2020 tentang "
    "Road Map Reformasi Birokrasi 2020-2024",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 26 Tahun 2020 tentang "
    "Pedoman Evaluasi Pelaksanaan Reformasi Birokrasi",
)


# The last default diktum names the issuing office, as the title does (domain.md 4, item 9).
EFFECTIVE = "Keputusan {issuer} ini mulai berlaku pada tanggal ditetapkan."


@dataclass(frozen=True)
class Decision:
    """One diktum: its text, and lettered items under it when it has some."""

    text: str
    items: tuple[str, ...] = ()


def default_decisions(unit: str, team: str, issuer: str, year: int) -> tuple[Decision, ...]:
    """Return the default diktum of an RB team decree (domain.md section 4)."""
    names = [a.name for a in AREAS]
    areas = ", ".join(names[:-1]) + ", dan " + names[-1]
    return (
        Decision(f"Membentuk {team} dengan susunan keanggotaan sebagaimana tercantum dalam Lampiran yang "
                 "merupakan bagian tidak terpisahkan dari Keputusan ini."),
        Decision("Tim sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas:", (
            "menyusun rencana aksi Reformasi Birokrasi pada 8 (delapan) area perubahan, yaitu "
            f"{areas};",
            "melaksanakan rencana aksi sebagaimana dimaksud pada huruf a sesuai dengan area perubahan "
            "masing-masing;",
            "melakukan pemantauan dan evaluasi pelaksanaan Reformasi Birokrasi, termasuk penilaian mandiri "
            "pelaksanaan Reformasi Birokrasi (PMPRB);",
            "menyusun dan menyampaikan laporan pelaksanaan Reformasi Birokrasi.",
        )),
        Decision("Tim sebagaimana dimaksud dalam Diktum KESATU dalam melaksanakan tugasnya bertanggung jawab "
                 f"dan menyampaikan laporan kepada {issuer} secara berkala setiap triwulan dan sewaktu-waktu "
                 "apabila diperlukan."),
        Decision("Segala biaya yang timbul sebagai akibat ditetapkannya Keputusan ini dibebankan pada Daftar "
                 f"Isian Pelaksanaan Anggaran (DIPA) {unit} Tahun Anggaran {year}."),
        Decision(EFFECTIVE.format(issuer=issuer)),
    )


def default_copies(ministry: str) -> tuple[str, ...]:
    """Return the default Tembusan list."""
    return (f"Sekretaris Jenderal {ministry}", f"Inspektur Jenderal {ministry}", "Yang bersangkutan")


@dataclass(frozen=True)
class DecreeSettings:
    """A validated team decree: number or classification code, date, texts with defaults filled in."""

    file: str
    number: str | None  # a full number given by the user, printed as is
    code: str | None  # only a classification code: the serial comes from the register
    date: dt.date
    place: str
    subject: str
    team_name: str
    issuer: str  # the issuing office, e.g. "Direktur Jenderal Politik dan Pemerintahan Umum"
    ministry: str
    considerations: tuple[str, ...]  # complete, the closing one included
    legal_bases: tuple[str, ...]
    notes: tuple[str, ...]  # Memperhatikan
    decisions: tuple[Decision, ...]
    copies: tuple[str, ...]
    signer: Official
    positions: Positions
    pattern: NumberPattern | None


def parse_date(value: object) -> dt.date:
    """Return a date written as a YAML date, "2021-03-08", "8 Maret 2021" or "08-03-2021"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(str(value).split())
    example = "contoh: 2021-03-08 atau 8 Maret 2021"
    patterns = (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: (int(m[1]), int(m[2]), int(m[3]))),
        (r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", lambda m: (int(m[3]), int(m[2]), int(m[1]))),
        (r"(\d{1,2}) ([a-z]+) (\d{4})", lambda m: (int(m[3]), MONTHS.index(m[2]) + 1 if m[2] in MONTHS else 0,
                                                     int(m[1]))),
    )
    for pattern, parts in patterns:
        match = re.fullmatch(pattern, text.lower())
        if match:
            year, month, day = parts(match)
            if month == 0:
                raise InvalidValue(f"nama bulan tidak dikenal; {example}")
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise InvalidValue(f"tanggal tidak mungkin (tidak ada di kalender); {example}") from None
    raise InvalidValue(f"bukan tanggal yang terbaca; {example}")


def _strip_end(text: str) -> str:
    return " ".join(text.split()).rstrip(" ;.,:")


def punctuate(items: tuple[str, ...], last: str = ".") -> tuple[str, ...]:
    """Return list items ending in ";" and the last one in `last` (the decree's enumeration style)."""
    return tuple(_strip_end(t) + (last if i == len(items) - 1 else ";") for i, t in enumerate(items))


def letters_phrase(count: int) -> str:
    """Return how the closing consideration cites the ones before it: "huruf a dan huruf b"."""
    letters = [f"huruf {letter_label(i)}" for i in range(count)]
    if count <= 2:
        return " dan ".join(letters)
    if count == 3:
        return ", ".join(letters[:-1]) + ", dan " + letters[-1]
    return f"{letters[0]} sampai dengan {letters[-1]}"


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _check_number_keys(path: Path, data: dict, lines: dict, problems: ProblemCollector) -> None:
    """Report a decree file with both a full number and a classification code, or with neither."""
    has_number = data.get("nomor") not in (None, "")
    if has_number and data.get("kode_klasifikasi") is not None:
        problems.add(path, "isi salah satu saja: nomor lengkap, atau kode_klasifikasi (nomor urut dari register)",
                     key="nomor", row=lines.get(("nomor",)))
    if "nomor" not in data and data.get("kode_klasifikasi") is None:
        problems.add(path, "isi kode_klasifikasi (mis. \"120.05\", nomor urut diambil dari register) atau nomor "
                     "lengkap (mis. nomor: \"120.05-1487 TAHUN 2021\")", key="kode_klasifikasi",
                     row=lines.get(("kode_klasifikasi",)))


def load_decree(path: Path, profile: Profile, year: int, problems: ProblemCollector) -> DecreeSettings | None:
    """Return the decree's settings with defaults filled in (None when the file does not validate).

    Every problem goes to `problems` with its key and line; the settings are only complete when no error was added.
    """
    from reportgen.conventions.settings_schema import validate_settings
    from reportgen.inputs.settings_files import DecisionItem, DecreeSettingsFile
    from reportgen.inputs.year_facts import check_signer, without_acting

    data, lines = read_yaml_lines(path)
    if data is None:
        data = {}
    if isinstance(data, dict):
        _check_number_keys(path, data, lines, problems)
    try:
        pattern = NumberPattern(profile.number_pattern)
    except InvalidValue as exc:
        problems.add(str(profile.path), str(exc), key="penomoran.pola", found=profile.number_pattern)
        pattern = None
    given = validate_settings(DecreeSettingsFile, data, path, problems, lines)
    if given is None:
        return None
    # a date in another year is warned of, with its line, by inputs/year_texts.py for every file of the year

    number = _tidy(given.nomor).upper() if given.nomor else None
    code = _tidy(given.kode_klasifikasi) if given.kode_klasifikasi and pattern is not None else None
    signer = profile.head
    if given.penandatangan is not None:
        named = Official(name=_tidy(given.penandatangan.nama), nip=given.penandatangan.nip or "",
                         office=_tidy(given.penandatangan.jabatan))
        # the head comes from unit.yaml; another person signs only as a deputy who says so (Plh., Plt.)
        others = check_signer(named.name, named.nip, named.office, profile.head, path, profile.path)
        problems.problems.extend(others)
        if not others:
            signer = named
    issuer = without_acting(signer.office)
    place = _tidy(given.tempat or "") or profile.city
    default_team = f"Tim Reformasi Birokrasi {profile.unit} Tahun {year}"
    subject = _tidy(given.tentang).rstrip(" .") if given.tentang is not None else default_team
    team = _tidy(given.nama_tim or "") or subject or default_team

    grounds = tuple(map(_tidy, given.menimbang)) if given.menimbang is not None else default_grounds(profile.unit,
                                                                                                      team)
    for i, text in enumerate(grounds):
        if not text.lower().startswith("bahwa"):
            problems.warn(str(path), f"pertimbangan huruf {letter_label(i)} sebaiknya diawali kata \"bahwa\"",
                          key=f"menimbang[{i + 1}]", row=lines.get(("menimbang", i)), found=text[:40])
    grounds = tuple(_strip_end(t) for t in grounds)
    if grounds and not grounds[-1].lower().startswith(CLOSING_START):
        grounds += (f"{CLOSING_START} sebagaimana dimaksud dalam {letters_phrase(len(grounds))}, perlu "
                    f"menetapkan Keputusan {issuer} tentang {subject or default_team}",)

    legal = tuple(map(_tidy, given.mengingat)) if given.mengingat is not None else DEFAULT_LEGAL_BASES
    notes = tuple(map(_tidy, given.memperhatikan or ()))
    copies = tuple(map(_tidy, given.tembusan)) if given.tembusan is not None else default_copies(profile.ministry)
    if given.diktum is None:
        decisions = default_decisions(profile.unit, team, issuer, year)
    else:
        decisions = tuple(Decision(_tidy(d.teks), tuple(map(_tidy, d.butir or ()))) if isinstance(d, DecisionItem)
                          else Decision(_tidy(d)) for d in given.diktum)
    extra = given.kedudukan_tambahan
    positions = Positions.with_extra(tuple(map(_tidy, extra.pimpinan or ())) if extra else (),
                                     tuple(map(_tidy, extra.area or ())) if extra else ())

    return DecreeSettings(
        file=str(path), number=number, code=code, date=given.tanggal, place=place, subject=subject, team_name=team,
        issuer=issuer, ministry=profile.ministry, considerations=punctuate(grounds, ";"),
        legal_bases=punctuate(legal), notes=punctuate(notes), decisions=decisions, copies=punctuate(copies),
        signer=signer, positions=positions, pattern=pattern if code or number else None,
    )
