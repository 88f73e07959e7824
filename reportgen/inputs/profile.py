"""The unit profile (identity, letterhead, head of unit, layout) read from `unit.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.verification_url import check_url_pattern
from reportgen.errors import InvalidValue, ProblemCollector, system_reason
from reportgen.conventions.civil_service import format_nip, parse_nip
from reportgen.inputs.yaml_file import read_yaml

PAPERS_MM = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}

# Every key the profile accepts: a nested dict is a section, True a required key, False optional.
PROFILE_KEYS: dict = {
    "instansi": {
        "kementerian": True,
        "unit": True,
        "nama_singkat": True,
        "nama_lengkap": False,
        "kota": True,
    },
    "kop": {
        "logo": False,
        "baris": True,
        "alamat": True,
        "telepon": False,
        "faksimile": False,
        "laman": False,
        "surel": False,
    },
    "pimpinan": {"nama": True, "nip": False, "jabatan": True},
    "tata_letak": {
        "kertas": False,
        "huruf": False,
        "ukuran_huruf": False,
        "margin_atas": False,
        "margin_kanan": False,
        "margin_bawah": False,
        "margin_kiri": False,
        "nomor_halaman_mulai": False,
    },
    "penomoran": {"pola": False, "register": False},
    # the verification URL printed in each page's QR code, {id} standing for the document ID
    "verifikasi": {"url": False},
}

LAYOUT_DEFAULTS = {
    "kertas": "A4",
    "huruf": "Arial",
    "ukuran_huruf": 12,
    "margin_atas": 20,
    "margin_kanan": 20,
    "margin_bawah": 25,
    "margin_kiri": 30,
    "nomor_halaman_mulai": 2,
}


@dataclass(frozen=True)
class Official:
    """A named office holder: name, NIP (digits, may be empty) and office."""

    name: str
    nip: str
    office: str

    @property
    def nip_line(self) -> str:
        return f"NIP {format_nip(self.nip)}" if self.nip else ""


@dataclass(frozen=True)
class Profile:
    """A validated unit profile."""

    path: Path
    ministry: str
    unit: str
    short_name: str
    full_name: str
    city: str
    letterhead_lines: tuple[str, ...]
    address: str
    contact_line: str
    logo: Path | None
    head: Official
    layout: dict
    number_pattern: str
    register_path: str | None
    verification_url: str | None = None  # e.g. "https://polpum.kemendagri.go.id/verifikasi/{id}"
    # the tata_letak keys unit.yaml itself sets (the others are defaults, which the templates' reference.docx
    # replaces: documents/look.py)
    layout_set: frozenset[str] = frozenset()


def _check_keys(data: object, spec: dict, path: Path, problems: ProblemCollector, prefix: str = "") -> None:
    if not isinstance(data, dict):
        problems.add(path, "harus berisi pasangan kunci: nilai", key=prefix or None)
        return
    for key in data:
        if key not in spec:
            known = ", ".join(spec)
            problems.add(path, f"kunci tidak dikenal; kunci yang sah di sini: {known}", key=prefix + str(key))
    for key, rule in spec.items():
        full = prefix + key
        if isinstance(rule, dict):
            if key not in data:
                if any(v is True for v in rule.values()):
                    problems.add(path, "bagian wajib tidak ada", key=full)
                continue
            _check_keys(data[key], rule, path, problems, full + ".")
        elif rule and (key not in data or data[key] in (None, "", [])):
            problems.add(path, "kunci wajib tidak ada atau kosong", key=full)


# Layout values a page can hold: beyond them a pact silently runs to many pages.
LAYOUT_BOUNDS = {
    "ukuran_huruf": (8, 16),
    "margin_atas": (10, 50),
    "margin_kanan": (10, 50),
    "margin_bawah": (10, 50),
    "margin_kiri": (10, 50),
}

# Keys whose value is a list of lines (each a text); every other leaf key holds one text (or number).
_LIST_KEYS = {"kop.baris"}
# Keys whose value is a number or empty (checked with their bounds below).
_NUMBER_KEYS = {f"tata_letak.{k}" for k in (*LAYOUT_BOUNDS, "nomor_halaman_mulai")}
SHORT_TEXT_MAX = 500  # characters a name, an office or a letterhead line may have

# Characters that XML cannot hold, C1 controls, and invisible or reordering characters (zero-width
# spaces and joiners, byte order mark, bidirectional overrides) that print a name invisible or reversed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                                r"\u2060-\u2064\u2066-\u2069\ufeff]")

# Logo formats a DOCX (and the PDF) can hold, as Pillow names them.
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "BMP"}


def check_logo(logo: Path) -> str | None:
    """Return what is wrong with a logo file (missing, not an image, truncated, SVG, PDF), or None."""
    if not logo.is_file():
        return f"berkas logo tidak ditemukan: {logo}"
    try:
        head = logo.open("rb").read(512)
    except OSError as exc:
        return f"berkas logo {logo} tidak dapat dibaca: {system_reason(exc)}"
    if logo.suffix.lower() in (".svg", ".svgz") or b"<svg" in head.lower():
        return (f"logo {logo.name} berformat SVG, yang tidak dapat dimuat di DOCX; ubah ke PNG "
                "(mis. ekspor dari Inkscape dengan lebar 600 piksel) lalu sebutkan berkas PNG-nya")
    if head.startswith(b"%PDF"):
        return f"logo {logo.name} berupa PDF, bukan gambar; ubah ke PNG atau JPEG"
    from PIL import Image, ImageFile, UnidentifiedImageError

    # WeasyPrint lets Pillow accept truncated images process-wide; here a truncated logo must fail.
    tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with Image.open(logo) as image:
            kind = image.format
            image.load()  # decodes every pixel: a truncated file fails here
    except UnidentifiedImageError:
        return f"berkas logo {logo.name} bukan gambar yang dikenali; gunakan PNG atau JPEG"
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return f"berkas logo {logo.name} rusak atau terpotong; simpan ulang sebagai PNG atau JPEG"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    if kind not in LOGO_FORMATS:
        return f"logo {logo.name} berformat {kind}, yang tidak dapat dimuat di DOCX; gunakan PNG atau JPEG"
    return None


def _check_url_scheme(url: str) -> str | None:
    """Return a problem when a verification URL is not http(s) (javascript:, file:, data:...)."""
    if not re.match(r"https?://[^/\s]+", url, re.IGNORECASE):
        return "harus alamat web yang diawali https:// (atau http://), mis. https://polpum.kemendagri.go.id/verifikasi/{id}"
    return None


def _check_text(value: object, key: str, path: Path, problems: ProblemCollector) -> None:
    """Report a text value of the profile that is not one line of printable text of a sensible length."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        kind = "daftar" if isinstance(value, list) else "pasangan kunci: nilai" if isinstance(value, dict) else \
            type(value).__name__
        problems.add(path, f"harus berupa teks, bukan {kind}", key=key)
        return
    text = str(value)
    if len(text) > SHORT_TEXT_MAX:
        problems.add(path, f"terlalu panjang ({len(text)} karakter); paling banyak {SHORT_TEXT_MAX} karakter",
                     key=key)
        return
    bad = CONTROL_CHARACTERS.search(text)
    if bad:
        problems.add(path, f"berisi karakter kendali/tak terlihat (kode U+{ord(bad.group()):04X}) yang akan "
                     "merusak dokumen; hapus dan ketik ulang", key=key, found=text)


def _check_types(data: dict, path: Path, problems: ProblemCollector) -> None:
    """Report values of the wrong type: a number where lines are expected, a list where a text is."""
    for section, keys in PROFILE_KEYS.items():
        values = data.get(section) or {}
        for key in keys:
            full = f"{section}.{key}"
            value = values.get(key)
            if value is None or full in _NUMBER_KEYS:
                continue
            if full in _LIST_KEYS:
                if isinstance(value, str):
                    _check_text(value, full, path, problems)
                elif isinstance(value, list) and value:
                    for index, line in enumerate(value, 1):
                        if isinstance(line, (int, float)) and not isinstance(line, bool):
                            line = str(line)
                        if not isinstance(line, str):
                            problems.add(path, "setiap baris kop harus berupa teks", key=f"{full}[{index}]")
                        else:
                            _check_text(line, f"{full}[{index}]", path, problems)
                else:
                    problems.add(path, "harus berupa teks atau daftar baris teks, mis.\n"
                                 "      baris:\n        - KEMENTERIAN ...\n        - DIREKTORAT ...",
                                 key=full, found=str(value))
            elif full == "tata_letak.huruf" and not isinstance(value, str):
                problems.add(path, "harus nama huruf (teks), mis. Arial", key=full, found=str(value))
            elif full == "tata_letak.kertas" and not isinstance(value, str):
                problems.add(path, "kertas harus A4 atau F4", key=full, found=str(value))
            else:
                _check_text(value, full, path, problems)


def load_profile(path: Path) -> Profile:
    """Return the unit profile from `path`, or raise InputError listing every problem."""
    problems = ProblemCollector()
    data = read_yaml(path)
    _check_keys(data, PROFILE_KEYS, path, problems)
    problems.raise_if_any()

    _check_types(data, path, problems)
    problems.raise_if_any()

    ident, kop, head = data["instansi"], data["kop"], data["pimpinan"]
    layout = {**LAYOUT_DEFAULTS, **(data.get("tata_letak") or {})}
    layout["kertas"] = str(layout["kertas"]).upper()
    if layout["kertas"] not in PAPERS_MM:
        problems.add(path, "kertas harus A4 atau F4", key="tata_letak.kertas", found=str(layout["kertas"]))
    for name, (low, high) in LAYOUT_BOUNDS.items():
        value = layout[name]
        unit = "poin" if name == "ukuran_huruf" else "milimeter"
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
            problems.add(path, f"harus angka {low} sampai {high} ({unit})", key=f"tata_letak.{name}",
                         found=str(value))
    first = layout["nomor_halaman_mulai"]
    if first is not None and (not isinstance(first, int) or isinstance(first, bool) or first < 1):
        problems.add(path, "harus bilangan bulat 1 atau lebih, atau kosong untuk tanpa nomor halaman",
                     key="tata_letak.nomor_halaman_mulai", found=str(first))

    head_nip = ""
    if head.get("nip"):
        try:
            head_nip = parse_nip(head["nip"])
        except InvalidValue as exc:
            problems.add(path, str(exc), key="pimpinan.nip", found=str(head["nip"]))

    logo = None
    if kop.get("logo"):
        logo = (path.parent / str(kop["logo"])).resolve()
        wrong = check_logo(logo)
        if wrong:
            problems.add(path, wrong, key="kop.logo")

    verification_url = str((data.get("verifikasi") or {}).get("url") or "").strip() or None
    if verification_url:
        wrong = check_url_pattern(verification_url) or _check_url_scheme(verification_url)
        if wrong:
            problems.add(path, wrong, key="verifikasi.url", found=verification_url)

    lines = kop["baris"]
    if isinstance(lines, str):
        lines = [lines]
    pattern = (data.get("penomoran") or {}).get("pola")
    if pattern:
        from reportgen.conventions.document_numbers import NumberPattern
        try:
            NumberPattern(str(pattern))
        except InvalidValue as exc:
            problems.add(path, str(exc), key="penomoran.pola", found=str(pattern))
    problems.raise_if_any()

    contact = [f"{label} {kop[key]}" for key, label in
               (("telepon", "Telepon"), ("faksimile", "Faksimile"), ("laman", "Laman"), ("surel", "Surel"))
               if kop.get(key)]
    numbering = data.get("penomoran") or {}
    return Profile(
        path=path,
        ministry=str(ident["kementerian"]).strip(),
        unit=str(ident["unit"]).strip(),
        short_name=str(ident["nama_singkat"]).strip(),
        full_name=str(ident.get("nama_lengkap") or f"{ident['unit']} {ident['kementerian']}").strip(),
        city=str(ident["kota"]).strip(),
        letterhead_lines=tuple(str(x).strip() for x in lines),
        address=str(kop["alamat"]).strip(),
        contact_line=", ".join(contact),
        logo=logo,
        head=Official(name=str(head["nama"]).strip(), nip=head_nip, office=str(head["jabatan"]).strip()),
        layout=layout,
        number_pattern=str(numbering.get("pola") or "{kode}-{nomor} TAHUN {tahun}"),
        register_path=numbering.get("register"),
        verification_url=verification_url,
        layout_set=frozenset(key for key, value in (data.get("tata_letak") or {}).items() if value is not None),
    )
