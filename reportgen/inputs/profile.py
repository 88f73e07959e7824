"""The unit profile (identity, letterhead, head of unit, layout) read from `unit.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.civil_service import format_nip
from reportgen.conventions.printable import CONTROL_CHARACTERS, SHORT_TEXT_MAX
from reportgen.errors import ProblemCollector, system_reason
from reportgen.inputs.yaml_file import read_yaml_lines

__all__ = ["CONTROL_CHARACTERS", "SHORT_TEXT_MAX", "LAYOUT_DEFAULTS", "PAPERS_MM", "Official", "Profile", "check_logo",
           "load_profile"]

PAPERS_MM = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}

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


# Logo formats a DOCX (and the PDF) can hold, as Pillow names them.
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "BMP"}


MAX_LOGO_BYTES = 8 * 1024 * 1024   # a logo is embedded in every document, in both formats
MAX_LOGO_PIXELS = 25_000_000       # 5.000 x 5.000: far past any print size of a letterhead


def check_logo(logo: Path) -> str | None:
    """Return what is wrong with a logo file (missing, not an image, truncated, SVG, PDF), or None."""
    if not logo.is_file():
        return f"berkas logo tidak ditemukan: {logo}"
    try:
        size = logo.stat().st_size
        with logo.open("rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        return f"berkas logo {logo} tidak dapat dibaca: {system_reason(exc)}"
    if size > MAX_LOGO_BYTES:  # a logo is read whole into every document: bounded before it is parsed
        return (f"berkas logo {logo.name} berukuran {size / 2**20:.0f} MB, lebih dari batas "
                f"{MAX_LOGO_BYTES // 2**20} MB; simpan ulang lebih kecil, mis. PNG selebar 600 piksel")
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
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:  # read from the header: nothing decoded yet
                return (f"logo {logo.name} berukuran {width} x {height} piksel, lebih dari batas "
                        f"{MAX_LOGO_PIXELS // 1_000_000} juta piksel; simpan ulang lebih kecil, mis. selebar 600 "
                        "piksel")
            image.load()  # decodes every pixel: a truncated file fails here
    except UnidentifiedImageError:
        return f"berkas logo {logo.name} bukan gambar yang dikenali; gunakan PNG atau JPEG"
    except Image.DecompressionBombError:  # Pillow's own ceiling, met while reading the header
        return (f"logo {logo.name} lebih dari batas {MAX_LOGO_PIXELS // 1_000_000} juta piksel; simpan ulang "
                "lebih kecil, mis. selebar 600 piksel")
    except (OSError, SyntaxError, ValueError):
        return f"berkas logo {logo.name} rusak atau terpotong; simpan ulang sebagai PNG atau JPEG"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    if kind not in LOGO_FORMATS:
        return f"logo {logo.name} berformat {kind}, yang tidak dapat dimuat di DOCX; gunakan PNG atau JPEG"
    return None


def load_profile(path: Path) -> Profile:
    """Return the unit profile from `path`, or raise InputError listing every problem (file, key, line)."""
    from reportgen.conventions.settings_schema import validate_settings
    from reportgen.inputs.settings_files import ProfileSettings

    problems = ProblemCollector()
    data, lines = read_yaml_lines(path)
    settings = validate_settings(ProfileSettings, data, path, problems, lines, context={"folder": path.parent})
    problems.raise_if_any()

    ident, kop, head = settings.instansi, settings.kop, settings.pimpinan
    given = settings.tata_letak
    written = {key: getattr(given, key) for key in given.model_fields_set} if given is not None else {}
    layout = {**LAYOUT_DEFAULTS, **{key: value for key, value in written.items() if value is not None}}
    if "nomor_halaman_mulai" in written and written["nomor_halaman_mulai"] is None:
        layout["nomor_halaman_mulai"] = None  # written empty: no page numbers
    numbering = settings.penomoran
    verification = settings.verifikasi
    contact = [f"{label} {value}" for value, label in
               ((kop.telepon, "Telepon"), (kop.faksimile, "Faksimile"), (kop.laman, "Laman"), (kop.surel, "Surel"))
               if value]
    return Profile(
        path=path,
        ministry=ident.kementerian.strip(),
        unit=ident.unit.strip(),
        short_name=ident.nama_singkat.strip(),
        full_name=(ident.nama_lengkap or f"{ident.unit} {ident.kementerian}").strip(),
        city=ident.kota.strip(),
        letterhead_lines=tuple(line.strip() for line in kop.baris),
        address=kop.alamat.strip(),
        contact_line=", ".join(contact),
        logo=(path.parent / kop.logo).resolve() if kop.logo else None,
        head=Official(name=head.nama.strip(), nip=head.nip or "", office=head.jabatan.strip()),
        layout=layout,
        number_pattern=(numbering.pola if numbering else None) or "{kode}-{nomor} TAHUN {tahun}",
        register_path=numbering.register_file if numbering else None,
        verification_url=(verification.url or "").strip() or None if verification else None,
        layout_set=frozenset(key for key, value in written.items() if value is not None),
    )
