"""Validate the team decree's YAML (number, date, subject, considerations, decisions...) and fill defaults."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.areas import AREAS
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.conventions.civil_service import parse_nip
from reportgen.conventions.numbers import letter_label
from reportgen.inputs.profile import Official, Profile
from reportgen.conventions.document_numbers import NumberPattern
from reportgen.inputs.yaml_file import read_yaml
from reportgen.inputs.profile import CONTROL_CHARACTERS
from reportgen.inputs.schemas.base import PARAGRAPH_MAX
from reportgen.inputs.schemas.team import Positions

MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
          "oktober", "november", "desember")

# Every key the decree file accepts: a nested dict is a section of optional keys.
DECREE_KEYS: dict = {
    "nomor": "nomor lengkap, mis. \"120.05-1487 TAHUN 2021\"",
    "kode_klasifikasi": "kode klasifikasi arsip, mis. \"120.05\"; nomor urut diambil dari register",
    "tanggal": "tanggal penetapan, mis. 2021-03-08",
    "tempat": "tempat penetapan (bawaan: kota di unit.yaml)",
    "tentang": "judul keputusan tanpa kata 'tentang' dan tanpa titik",
    "nama_tim": "nama tim dalam diktum (bawaan: sama dengan 'tentang')",
    "menimbang": "daftar pertimbangan, masing-masing diawali 'bahwa'",
    "mengingat": "daftar dasar hukum",
    "memperhatikan": "daftar (opsional)",
    "diktum": "daftar diktum; satu diktum berupa teks, atau teks dan butir",
    "tembusan": "daftar penerima tembusan",
    "penandatangan": {"nama": True, "nip": False, "jabatan": True},
    "kedudukan_tambahan": {"pimpinan": False, "area": False},
}

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


class _Reader:
    """Read values out of the YAML mapping, reporting each problem with its key."""

    def __init__(self, path: Path, data: dict, problems: ProblemCollector):
        self.path, self.data, self.problems = path, data, problems

    def add(self, key: str, message: str, found: object = None, warning: bool = False) -> None:
        report = self.problems.warn if warning else self.problems.add
        report(str(self.path), message, key=key, found=None if found is None else str(found))

    def text(self, key: str, value: object) -> str | None:
        if isinstance(value, (dict, list)):
            self.add(key, "harus berupa teks, bukan daftar atau bagian")
            return None
        if value is None or not str(value).strip():
            return None
        text = " ".join(str(value).split())
        if len(text) > PARAGRAPH_MAX:
            self.add(key, f"terlalu panjang ({len(text)} karakter); paling banyak {PARAGRAPH_MAX} karakter")
            return None
        bad = CONTROL_CHARACTERS.search(text)
        if bad:
            self.add(key, f"berisi karakter kendali/tak terlihat (kode U+{ord(bad.group()):04X}) yang akan "
                     "merusak dokumen; hapus dan ketik ulang", found=text)
            return None
        return text

    def texts(self, key: str) -> tuple[str, ...] | None:
        """Return a list of texts (None when the key is absent; one text counts as a list of one)."""
        if key not in self.data:
            return None
        value = self.data[key]
        if value is None or value == []:
            return ()
        if not isinstance(value, list):
            value = [value]
        found = []
        for i, item in enumerate(value, start=1):
            text = self.text(f"{key}[{i}]", item)
            if text is None:
                self.add(f"{key}[{i}]", "butir kosong atau bukan teks; hapus atau isi butir ini")
            else:
                found.append(text)
        return tuple(found)


def load_decree(path: Path, profile: Profile, year: int, problems: ProblemCollector) -> DecreeSettings | None:
    """Return the decree's settings with defaults filled in (None when the file is no mapping).

    Every problem goes to `problems`; the settings are only complete when no error was added.
    """
    data = read_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.add(str(path), "harus berisi pasangan kunci: nilai (mis. tanggal: 2021-03-08)")
        return None
    r = _Reader(path, data, problems)
    for key in data:
        if key not in DECREE_KEYS:
            r.add(str(key), "kunci tidak dikenal; kunci yang sah: " + ", ".join(DECREE_KEYS))
    for section in ("penandatangan", "kedudukan_tambahan"):
        value = data.get(section)
        if value is not None and not isinstance(value, dict):
            r.add(section, "harus berupa bagian dengan kunci: " + ", ".join(DECREE_KEYS[section]))
        elif value:
            for key in value:
                if key not in DECREE_KEYS[section]:
                    r.add(f"{section}.{key}", "kunci tidak dikenal; kunci yang sah: " + ", ".join(DECREE_KEYS[section]))

    number, code = _number(r, data, profile, year)
    date = None
    if data.get("tanggal") in (None, ""):
        r.add("tanggal", "tanggal penetapan wajib diisi, mis. tanggal: 2021-03-08")
    else:
        try:
            date = parse_date(data["tanggal"])
        except InvalidValue as exc:
            r.add("tanggal", str(exc), found=data["tanggal"])
    # a date in another year is warned of, with its line, by inputs/year_texts.py for every file of the year

    signer = _signer(r, data.get("penandatangan"), profile)
    issuer = signer.office if signer else profile.head.office
    place = r.text("tempat", data.get("tempat")) or profile.city
    default_team = f"Tim Reformasi Birokrasi {profile.unit} Tahun {year}"
    subject = default_team
    if "tentang" in data:
        subject = r.text("tentang", data["tentang"])
        if subject is None:
            r.add("tentang", "judul keputusan (tentang) kosong; isi, atau hapus kunci ini untuk memakai "
                  f"judul bawaan \"{default_team}\"")
        else:
            subject = subject.rstrip(" .")
    team = r.text("nama_tim", data.get("nama_tim")) or subject or default_team

    grounds = r.texts("menimbang")
    if grounds is None:
        grounds = default_grounds(profile.unit, team)
    elif not grounds:
        r.add("menimbang", "paling sedikit satu pertimbangan diperlukan")
    for i, text in enumerate(grounds):
        if not text.lower().startswith("bahwa"):
            r.add(f"menimbang[{i + 1}]", f"pertimbangan huruf {letter_label(i)} sebaiknya diawali kata \"bahwa\"",
                  found=text[:40], warning=True)
    grounds = tuple(_strip_end(t) for t in grounds)
    if grounds and not grounds[-1].lower().startswith(CLOSING_START):
        grounds += (f"{CLOSING_START} sebagaimana dimaksud dalam {letters_phrase(len(grounds))}, perlu "
                    f"menetapkan Keputusan {issuer} tentang {subject or default_team}",)

    legal = r.texts("mengingat")
    if legal is None:
        legal = DEFAULT_LEGAL_BASES
    elif not legal:
        r.add("mengingat", "paling sedikit satu dasar hukum diperlukan")
    notes = r.texts("memperhatikan") or ()
    copies = r.texts("tembusan")
    copies = default_copies(profile.ministry) if copies is None else copies
    decisions = _decisions(r, data) if "diktum" in data else default_decisions(profile.unit, team, issuer, year)
    positions = _positions(r, data.get("kedudukan_tambahan"))

    return DecreeSettings(
        file=str(path), number=number, code=code, date=date, place=place, subject=subject, team_name=team,
        issuer=issuer, ministry=profile.ministry, considerations=punctuate(grounds, ";"),
        legal_bases=punctuate(legal), notes=punctuate(notes), decisions=decisions, copies=punctuate(copies),
        signer=signer, positions=positions,
        pattern=NumberPattern(profile.number_pattern) if code or number else None,
    )


def _number(r: _Reader, data: dict, profile: Profile, year: int) -> tuple[str | None, str | None]:
    """Return (full number, classification code): exactly one of them."""
    number = code = None
    raw_code = data.get("kode_klasifikasi")
    if isinstance(raw_code, (int, float)) and not isinstance(raw_code, bool):
        r.add("kode_klasifikasi", "tulis kode klasifikasi di antara tanda petik agar angka nol tidak hilang, "
              "mis. kode_klasifikasi: \"120.05\"", found=raw_code)
    elif raw_code is not None:
        code = r.text("kode_klasifikasi", raw_code)
        if code and not re.fullmatch(r"[0-9A-Za-z]+(?:[./][0-9A-Za-z]+)*", code):
            r.add("kode_klasifikasi", "kode klasifikasi berisi angka (dan huruf) dipisah titik, mis. 120.05",
                  found=code)
            code = None
    if "nomor" in data:
        number = r.text("nomor", data["nomor"])
        if number is None:
            r.add("nomor", "nomor kosong; isi nomor lengkap, atau hapus kunci ini dan isi kode_klasifikasi")
        else:
            number = number.upper()
    if number and raw_code is not None:
        r.add("nomor", "isi salah satu saja: nomor lengkap, atau kode_klasifikasi (nomor urut dari register)")
    if "nomor" not in data and raw_code is None:
        r.add("kode_klasifikasi", "isi kode_klasifikasi (mis. \"120.05\", nomor urut diambil dari register) "
              "atau nomor lengkap (mis. nomor: \"120.05-1487 TAHUN 2021\")")
    try:
        NumberPattern(profile.number_pattern)
    except InvalidValue as exc:
        r.problems.add(str(profile.path), str(exc), key="penomoran.pola", found=profile.number_pattern)
        code = None
    return number, code


def _signer(r: _Reader, data: object, profile: Profile) -> Official | None:
    if not isinstance(data, dict):
        return profile.head
    name = r.text("penandatangan.nama", data.get("nama"))
    office = r.text("penandatangan.jabatan", data.get("jabatan"))
    for key, value in (("nama", name), ("jabatan", office)):
        if not value:
            r.add(f"penandatangan.{key}", "wajib diisi bila bagian penandatangan dipakai")
    nip = ""
    if data.get("nip") not in (None, ""):
        try:
            nip = parse_nip(data["nip"])
        except InvalidValue as exc:
            r.add("penandatangan.nip", str(exc), found=data["nip"])
    if not (name and office):
        return None
    return Official(name=name, nip=nip, office=office)


def _decisions(r: _Reader, data: dict) -> tuple[Decision, ...]:
    value = data["diktum"]
    if not isinstance(value, list) or not value:
        r.add("diktum", "harus berupa daftar diktum (paling sedikit satu)")
        return ()
    decisions = []
    for i, item in enumerate(value, start=1):
        key = f"diktum[{i}]"
        if isinstance(item, dict):
            unknown = [k for k in item if k not in ("teks", "butir")]
            if unknown:
                r.add(key, f"kunci tidak dikenal: {', '.join(map(str, unknown))}; kunci yang sah: teks, butir")
            text = r.text(f"{key}.teks", item.get("teks"))
            items = item.get("butir") or []
            if not isinstance(items, list):
                items = [items]
            subs = [r.text(f"{key}.butir[{j}]", s) for j, s in enumerate(items, start=1)]
            if any(s is None for s in subs):
                r.add(f"{key}.butir", "butir kosong atau bukan teks")
            if text is None:
                r.add(f"{key}.teks", "teks diktum wajib diisi")
            else:
                decisions.append(Decision(text, tuple(s for s in subs if s)))
        else:
            text = r.text(key, item)
            if text is None:
                r.add(key, "diktum kosong; hapus atau isi diktum ini")
            else:
                decisions.append(Decision(text))
    return tuple(decisions)


def _positions(r: _Reader, data: object) -> Positions:
    if not isinstance(data, dict):
        return Positions()
    groups = {}
    for group in ("pimpinan", "area"):
        value = data.get(group) or []
        if not isinstance(value, list):
            value = [value]
        names = []
        for i, item in enumerate(value, start=1):
            text = r.text(f"kedudukan_tambahan.{group}[{i}]", item)
            if text:
                names.append(text)
        groups[group] = tuple(names)
    return Positions.with_extra(groups["pimpinan"], groups["area"])
