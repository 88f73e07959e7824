"""The unit profile (identity, letterhead, head of unit, layout) read from `unit.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.verification_url import check_url_pattern
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.render.fonts import font_is_available, resolved_family
from reportgen.conventions.civil_service import format_nip, parse_nip
from reportgen.model.blocks import PageSetup
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

    def page_setup(self, landscape: bool = False, numbers_from: int | None = -1) -> PageSetup:
        """Return the page setup for this unit, optionally landscape or without page numbers."""
        width, height = PAPERS_MM[self.layout["kertas"]]
        first = self.layout["nomor_halaman_mulai"] if numbers_from == -1 else numbers_from
        return PageSetup(
            width_mm=width,
            height_mm=height,
            margin_top=self.layout["margin_atas"],
            margin_right=self.layout["margin_kanan"],
            margin_bottom=self.layout["margin_bawah"],
            margin_left=self.layout["margin_kiri"],
            font=self.layout["huruf"],
            font_size_pt=self.layout["ukuran_huruf"],
            landscape=landscape,
            numbers_from=first,
        )


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


def load_profile(path: Path) -> Profile:
    """Return the unit profile from `path`, or raise InputError listing every problem."""
    problems = ProblemCollector()
    data = read_yaml(path)
    _check_keys(data, PROFILE_KEYS, path, problems)
    problems.raise_if_any()

    ident, kop, head = data["instansi"], data["kop"], data["pimpinan"]
    layout = {**LAYOUT_DEFAULTS, **(data.get("tata_letak") or {})}
    layout["kertas"] = str(layout["kertas"]).upper()
    if layout["kertas"] not in PAPERS_MM:
        problems.add(path, "kertas harus A4 atau F4", key="tata_letak.kertas", found=str(layout["kertas"]))
    for name in ("ukuran_huruf", "margin_atas", "margin_kanan", "margin_bawah", "margin_kiri"):
        value = layout[name]
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < 100:
            problems.add(path, "harus angka positif (milimeter, atau poin untuk ukuran huruf)",
                         key=f"tata_letak.{name}", found=str(value))
    if isinstance(layout["huruf"], str) and not font_is_available(layout["huruf"]):
        problems.add(path, f"huruf '{layout['huruf']}' tidak terpasang di komputer ini (yang akan dipakai: "
                     f"'{resolved_family(layout['huruf'])}'); pasang hurufnya, atau pilih Arial",
                     key="tata_letak.huruf")
    first = layout["nomor_halaman_mulai"]
    if first is not None and (not isinstance(first, int) or first < 1):
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
        if not logo.is_file():
            problems.add(path, f"berkas logo tidak ditemukan: {logo}", key="kop.logo")

    verification_url = str((data.get("verifikasi") or {}).get("url") or "").strip() or None
    if verification_url:
        wrong = check_url_pattern(verification_url)
        if wrong:
            problems.add(path, wrong, key="verifikasi.url", found=verification_url)

    lines = kop["baris"]
    if isinstance(lines, str):
        lines = [lines]
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
    )
