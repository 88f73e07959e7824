"""Columns shared by every list of people (pacts roster, RB team), as typed or as SIASN/SIMPEG export them."""

from __future__ import annotations

from reportgen.conventions.civil_service import Pangkat, parse_nip, parse_pangkat
from reportgen.errors import InvalidValue
from reportgen.inputs.schemas.base import Field, Record, normalize_header, text_value
from reportgen.inputs.tables import HeaderTest

# Accepted headers, normalised (see normalize_header). SIASN: NAMA, NIP BARU, GELAR DEPAN, GELAR BELAKANG,
# GOL AKHIR NAMA, JABATAN NAMA, UNOR NAMA, JENIS PEGAWAI; SIMPEG/DUK: Nama Pegawai, NIP Baru, GOLRU,
# Gol. Ruang, PANGKAT, Jabatan, SATKER, Unit Kerja.
NAME = ("nama", "namalengkap", "namapegawai", "namapns", "namaasn")
NIP = ("nip", "nippegawai", "nipbaru", "nip18", "nip18digit", "nipbaru18digit", "nipnippppk", "nippppk",
       "nipni", "nipnipppk")
TITLE_BEFORE = ("gelardepan",)
TITLE_AFTER = ("gelarbelakang",)
KIND = ("jenispegawai", "statuspegawai", "statuskepegawaian", "jenisasn")
GRADE = ("pangkatgolongan", "pangkatgol", "golongan", "golonganpangkat", "golruang", "pangkatgolonganruang",
         "pangkatgolru", "golru", "golakhirnama", "golakhir", "golonganakhir", "golonganruang",
         "golonganruangakhir", "golongannama")
RANK_NAME = ("pangkat", "namapangkat", "pangkatakhir")
OFFICE = ("jabatan", "jabatannama", "namajabatan", "jabatanakhir")
AGENCY = ("instansi", "unitkerja", "satuankerja", "unornama", "unor", "satker", "unitorganisasi",
          "satuankerjakerjanama", "satuankerjanama", "unitkerjanama")
# Export columns read by no schema; never suggested as a misspelling of an accepted one.
IGNORED = ("no", "nomor", "nourut", "niplama", "pnsid", "tanggallahir", "tempatlahir", "jeniskelamin",
           "tmtgolongan", "tmtgolru", "tmtjabatan", "eselonnama", "eselon", "agama", "pendidikan")

_PPPK_WORDS = ("pppk", "perjanjiankerja")
_PNS_WORDS = ("pns", "cpns", "pegawainegerisipil", "calonpegawainegerisipil")


def name_fields() -> list[Field]:
    """Return the optional split-title columns that come with a name column."""
    return [Field("gelar_depan", "Gelar Depan", TITLE_BEFORE, required=False),
            Field("gelar_belakang", "Gelar Belakang", TITLE_AFTER, required=False),
            Field("jenis_pegawai", "Jenis Pegawai", KIND, required=False)]


def header_test(*groups: tuple[str, ...]) -> HeaderTest:
    """Return a test accepting a header row that holds one accepted header of each group."""
    def test(headers: tuple[str, ...]) -> bool:
        found = {normalize_header(h) for h in headers if h}
        return all(found & set(group) for group in groups)
    return test


def printed_name(rec: Record) -> str:
    """Return the name as printed: GELAR DEPAN + NAMA + GELAR BELAKANG ("Dr. Budi Santoso, S.H., M.H.")."""
    name = text_value(rec["nama"])
    before = text_value(rec.get("gelar_depan") or "").strip(" ,")
    after = text_value(rec.get("gelar_belakang") or "").strip(" ,")
    if before in ("-",):
        before = ""
    if after in ("-",):
        after = ""
    if before and not name.lower().startswith(before.lower()):
        name = f"{before} {name}"
    if after and not name.lower().endswith(after.lower()):
        name = f"{name.rstrip(' ,')}, {after}"
    return name


def is_pppk(rec: Record, grade: Pangkat | None = None) -> bool:
    """Return True for a PPPK employee: JENIS PEGAWAI says so, or the golongan is I-XVII without a letter."""
    kind = normalize_header(rec.get("jenis_pegawai") or "")
    if kind:
        if any(w in kind for w in _PPPK_WORDS):
            return True
        if kind in _PNS_WORDS:
            return False
    return grade is not None and grade.pppk


def kind_conflict(rec: Record, grade: Pangkat | None) -> str | None:
    """Return what is wrong when JENIS PEGAWAI and the golongan disagree, or None."""
    kind = normalize_header(rec.get("jenis_pegawai") or "")
    if grade is None or not kind:
        return None
    if any(w in kind for w in _PPPK_WORDS) and not grade.pppk:
        return (f"jenis pegawai PPPK, tetapi golongan {grade.golongan} adalah golongan PNS; golongan PPPK "
                "ditulis I sampai XVII tanpa huruf, mis. IX")
    if kind in _PNS_WORDS and grade.pppk:
        return (f"jenis pegawai PNS, tetapi golongan {grade.golongan} adalah golongan PPPK; golongan PNS "
                "ditulis dengan huruf, mis. III/c")
    return None


def parse_shared_nip(value: object) -> str:
    """Return the 18 digits of a NIP or NI PPPK, checking only what both share (length, birth date)."""
    return parse_nip(value, pppk=True)


def pns_nip_problem(digits: str) -> str | None:
    """Return why an 18-digit number is not a valid PNS NIP (TMT, sex digit), or None when it is."""
    try:
        parse_nip(digits)
    except InvalidValue as exc:
        return str(exc)
    return None


def grade_with_rank_name(grade: Pangkat, rank_name: object) -> Pangkat:
    """Return the grade checked against a separate PANGKAT column ("Penata" beside "III/c")."""
    text = text_value(rank_name or "")
    if not text or text == "-" or grade.pppk:
        return grade
    named = parse_pangkat(text)
    if named.golongan != grade.golongan:
        raise InvalidValue(f"ditemukan {text!r}; golongan {grade.golongan} adalah {grade.name!r}, "
                           f"bukan {named.name!r}")
    return grade
