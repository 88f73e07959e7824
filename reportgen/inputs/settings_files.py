"""The shape of every settings file a unit writes, as pydantic models: unit.yaml and the year's YAML files
(keputusan-tim-rb.yaml, pakta-integritas.yaml, rencana-aksi.yaml, laporan.yaml, pencanangan-zi.yaml).

Each field carries its Indonesian label and help, its type, bounds and fixed choices, and whether it is a
person or a list, so that forms are generated from here (conventions.settings_schema.field_descriptors).
The loaders (inputs/profile.py, inputs/schemas/*.py) validate with these models and fill the defaults that
depend on the unit or the year. This module imports pydantic: loaders import it when they run.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, PlainValidator, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from reportgen.conventions.settings_schema import (PERSON, IsoDate, Kind, Nip, Paragraph, QuotedText,
                                                   RequiredParagraph, RequiredText, SettingsModel, Text, TextList,
                                                   choice, convention, integer_between, number_between, setting,
                                                   union_of)

# ---------------------------------------------------------------- unit.yaml

PAPERS = ("A4", "F4")
MAX_LETTERHEAD_LINES = 8


def _check_pattern(text: str) -> str:
    from reportgen.conventions.document_numbers import NumberPattern

    convention(NumberPattern)(text)
    return text


def _check_verification_url(text: str) -> str:
    from reportgen.conventions.verification_url import check_url_pattern
    from reportgen.errors import InvalidValue

    def check(url: str) -> str:
        url = url.strip()
        wrong = check_url_pattern(url) if url else None
        if not wrong and url and not re.match(r"https?://[^/\s]+", url, re.IGNORECASE):
            wrong = ("harus alamat web yang diawali https:// (atau http://), mis. "
                     "https://polpum.kemendagri.go.id/verifikasi/{id}")
        if wrong:
            raise InvalidValue(wrong)
        return url

    convention(check)(text)
    return text


class Identity(SettingsModel):
    """instansi: who the unit is."""

    kementerian: RequiredText = setting("Kementerian", "Nama kementerian atau lembaga induk.",
                                        example="Kementerian Dalam Negeri")
    unit: RequiredText = setting("Unit kerja", "Nama unit kerja yang menerbitkan dokumen.",
                                 example="Direktorat Jenderal Politik dan Pemerintahan Umum")
    nama_singkat: RequiredText = setting("Nama singkat", "Singkatan nama unit, dipakai dalam kalimat dan nama berkas.",
                                         example="Ditjen Polpum")
    nama_lengkap: Text | None = setting("Nama lengkap", "Nama unit beserta kementeriannya (bawaan: unit lalu "
                                        "kementerian).", None)
    kota: RequiredText = setting("Kota", "Kota kedudukan unit, untuk baris tempat dan tanggal.", example="Jakarta")


def _letterhead_lines(value: object) -> object:
    return [value] if isinstance(value, str) else value  # one line may be written as a text


class Letterhead(SettingsModel):
    """kop: the letterhead."""

    logo: Text | None = setting("Logo", "Berkas gambar logo (PNG atau JPEG) di folder yang sama dengan unit.yaml.",
                                None, example="logo.png")
    baris: list[Text] = setting(
        "Baris kop", "Baris-baris nama instansi di kop, dari atas ke bawah (satu baris per butir '- ...').",
        example="KEMENTERIAN DALAM NEGERI", expected="teks atau daftar baris teks (satu baris per butir '- ...')",
        noun="baris", min_length=1, max_length=MAX_LETTERHEAD_LINES)
    alamat: RequiredText = setting("Alamat", "Alamat kantor di bawah nama instansi.")
    telepon: Text | None = setting("Telepon", "Nomor telepon kantor.", None, example="(021) 3450038")
    faksimile: Text | None = setting("Faksimile", "Nomor faksimile kantor.", None)
    laman: Text | None = setting("Laman", "Alamat situs web unit.", None, example="www.polpum.kemendagri.go.id")
    surel: Text | None = setting("Surel", "Alamat surat elektronik unit.", None)

    @field_validator("baris", mode="before")
    @classmethod
    def _one_line(cls, value):
        return _letterhead_lines(value)

    @field_validator("logo")
    @classmethod
    def _logo(cls, value: str | None, info: ValidationInfo) -> str | None:
        folder = (info.context or {}).get("folder")
        if value and folder is not None:
            from reportgen.inputs.profile import check_logo

            wrong = check_logo((Path(folder) / value).resolve())
            if wrong:
                raise PydanticCustomError("convention", "{reason}", {"reason": wrong})
        return value


class Official(SettingsModel):
    """A person who signs: name, NIP and office."""

    model_config = PERSON

    nama: RequiredText = setting("Nama", "Nama lengkap dengan gelar.", example="Dr. Bahtiar Wicaksono, M.Si.")
    nip: Nip | None = setting("NIP", "NIP 18 angka (boleh dengan spasi); kosongkan bila bukan PNS.", None,
                              example="19710515 199303 1 004")
    jabatan: RequiredText = setting("Jabatan", "Jabatan yang ditulis di atas tanda tangan.")


class Layout(SettingsModel):
    """tata_letak: paper, font and margins (reference.docx of the templates may set them instead)."""

    kertas: choice(*PAPERS, upper=True) | None = setting("Kertas", "Ukuran kertas: A4 (210 x 297 mm) atau F4 "
                                                         "(215 x 330 mm).", "A4")
    huruf: Annotated[Text, Field(strict=True)] | None = setting("Huruf", "Nama huruf (font) teks dokumen; harus terpasang di komputer.", "Arial",
                                 example="Arial", expected="nama huruf (teks)")
    ukuran_huruf: number_between(8, 16) | None = setting("Ukuran huruf", "Ukuran huruf teks, dalam poin.", 12,
                                                         unit="poin")
    margin_atas: number_between(10, 50) | None = setting("Margin atas", "Jarak tepi atas kertas ke teks.", 20,
                                                         unit="milimeter")
    margin_kanan: number_between(10, 50) | None = setting("Margin kanan", "Jarak tepi kanan kertas ke teks.", 20,
                                                          unit="milimeter")
    margin_bawah: number_between(10, 50) | None = setting("Margin bawah", "Jarak tepi bawah kertas ke teks.", 25,
                                                          unit="milimeter")
    margin_kiri: number_between(10, 50) | None = setting("Margin kiri", "Jarak tepi kiri kertas ke teks.", 30,
                                                         unit="milimeter")
    nomor_halaman_mulai: integer_between(1) | None = setting(
        "Nomor halaman mulai", "Halaman pertama yang diberi nomor; kosongkan untuk tanpa nomor halaman.", 2,
        expected="bilangan bulat 1 atau lebih, atau kosong untuk tanpa nomor halaman")


class Numbering(SettingsModel):
    """penomoran: how document numbers are written, and where the register is."""

    pola: Annotated[Text, AfterValidator(_check_pattern)] | None = setting(
        "Pola nomor", "Bentuk nomor dokumen: {kode} kode klasifikasi, {nomor} nomor urut, {tahun}, {bulan}, "
        "{bulan_romawi}.", None, example="{kode}-{nomor} TAHUN {tahun}")
    register_file: Text | None = setting("Register", "Berkas register nomor dan kode verifikasi (bawaan: "
                                         "register.sqlite di samping unit.yaml).", None, alias="register")


class Verification(SettingsModel):
    """verifikasi: the address printed in each page's QR code."""

    url: Annotated[Text, AfterValidator(_check_verification_url)] | None = setting(
        "Alamat verifikasi", "Alamat web di kode QR setiap halaman; {id} diganti kode verifikasi dokumen.", None,
        example="https://polpum.kemendagri.go.id/verifikasi/{id}")


class ProfileSettings(SettingsModel):
    """unit.yaml: the unit's identity, letterhead, head, layout, numbering and verification address."""

    model_config = ConfigDict(title="Profil unit (unit.yaml)", json_schema_extra={"example": "instansi:"})

    instansi: Identity = setting("Instansi", "Identitas unit kerja.")
    kop: Letterhead = setting("Kop surat", "Logo, nama instansi, alamat dan kontak di kepala dokumen.")
    pimpinan: Official = setting("Pimpinan unit", "Pimpinan yang menandatangani dokumen unit.")
    tata_letak: Layout | None = setting("Tata letak", "Kertas, huruf dan margin (reference.docx dapat "
                                        "menggantikannya).", None)
    penomoran: Numbering | None = setting("Penomoran", "Pola nomor dokumen dan letak register.", None)
    verifikasi: Verification | None = setting("Verifikasi", "Alamat verifikasi di kode QR.", None)


# ---------------------------------------------------------------- keputusan-tim-rb.yaml


def _decree_date(value: object) -> dt.date:
    from reportgen.inputs.schemas.decree import parse_date

    if value is None or isinstance(value, str) and not value.strip():
        raise PydanticCustomError("missing", "required")
    return convention(parse_date)(value)


def _classification_code(code: str) -> str:
    if not re.fullmatch(r"[0-9A-Za-z]+(?:[./][0-9A-Za-z]+)*", code.strip()):
        raise PydanticCustomError("convention", "{reason}", {
            "reason": "kode klasifikasi berisi angka (dan huruf) dipisah titik, mis. 120.05"})
    return code


# A decree's date: a YAML date, 2021-03-08, 8 Maret 2021 or 08-03-2021 (inputs/schemas/decree.py parse_date).
DecreeDate = Annotated[dt.date, PlainValidator(_decree_date), Kind("date")]


class DecisionItem(SettingsModel):
    """One diktum with lettered items under it."""

    teks: RequiredParagraph = setting("Teks diktum", "Kalimat diktum sebelum butir-butirnya.")
    butir: TextList | None = setting("Butir", "Butir a, b, c ... di bawah diktum.", None, noun="butir")


Decision = union_of(teks=RequiredParagraph, bagian=DecisionItem)


class ExtraPositions(SettingsModel):
    """kedudukan_tambahan: positions in the team beyond the usual ones."""

    pimpinan: TextList | None = setting("Kedudukan pimpinan tambahan", "Kedudukan di jajaran pimpinan tim selain "
                                        "Pengarah, Penanggung Jawab, Ketua, Wakil Ketua dan Sekretaris.", None,
                                        noun="kedudukan")
    area: TextList | None = setting("Kedudukan area tambahan", "Kedudukan pada area perubahan selain Koordinator "
                                    "dan Anggota.", None, noun="kedudukan")


class DecreeSettingsFile(SettingsModel):
    """keputusan-tim-rb.yaml: the team decree's number, date and texts (each text has a default)."""

    model_config = ConfigDict(title="Keputusan Tim RB (keputusan-tim-rb.yaml)",
                              json_schema_extra={"example": "tanggal: 2021-03-08"})

    nomor: RequiredParagraph | None = setting("Nomor", "Nomor lengkap keputusan, dipakai apa adanya; atau isi "
                                              "kode klasifikasi saja.", None, example="120.05-1487 TAHUN 2021")
    kode_klasifikasi: Annotated[QuotedText, AfterValidator(_classification_code)] | None = setting(
        "Kode klasifikasi", "Kode klasifikasi arsip; nomor urutnya diambil dari register.", None, example="120.05")
    tanggal: DecreeDate = setting(
        "Tanggal penetapan", "Tanggal keputusan ditetapkan.", example="2021-03-08")
    tempat: Text | None = setting("Tempat penetapan", "Kota tempat keputusan ditetapkan (bawaan: kota di "
                                  "unit.yaml).", None)
    tentang: RequiredParagraph | None = setting("Tentang", "Judul keputusan tanpa kata 'tentang' dan tanpa titik "
                                                "(bawaan: Tim Reformasi Birokrasi <unit> Tahun <tahun>).", None)
    nama_tim: Paragraph | None = setting("Nama tim", "Nama tim dalam diktum (bawaan: sama dengan 'tentang').", None)
    menimbang: TextList | None = setting("Menimbang", "Pertimbangan, masing-masing diawali 'bahwa'; pertimbangan "
                                         "penutup ditambahkan otomatis.", None, noun="pertimbangan", min_length=1)
    mengingat: TextList | None = setting("Mengingat", "Dasar hukum, satu per butir.", None, noun="dasar hukum",
                                         min_length=1)
    memperhatikan: TextList | None = setting("Memperhatikan", "Hal yang diperhatikan (boleh kosong).", None)
    diktum: list[Decision] | None = setting("Diktum", "Diktum KESATU, KEDUA, ...; satu diktum berupa teks, atau "
                                            "teks dan butir (bawaan: lima diktum tim RB).", None, noun="diktum",
                                            min_length=1)
    tembusan: TextList | None = setting("Tembusan", "Penerima tembusan, satu per butir.", None, noun="tembusan")
    penandatangan: Official | None = setting("Penandatangan", "Pejabat yang menetapkan (bawaan: pimpinan di "
                                             "unit.yaml).", None)
    kedudukan_tambahan: ExtraPositions | None = setting("Kedudukan tambahan", "Kedudukan dalam tim selain yang "
                                                        "biasa.", None)


# ---------------------------------------------------------------- pakta-integritas.yaml


class PactSettingsFile(SettingsModel):
    """pakta-integritas.yaml: when and where the year's pacts are signed."""

    model_config = ConfigDict(title="Pakta integritas (pakta-integritas.yaml)",
                              json_schema_extra={"example": "tanggal: 2021-03-17"})

    tanggal: IsoDate | None = setting("Tanggal penandatanganan", "Tanggal pakta ditandatangani (bawaan: hari "
                                      "ini).", None, example="2021-03-17")
    tempat: Text | None = setting("Tempat", "Kota penandatanganan (bawaan: kota di unit.yaml).", None,
                                  example="Jakarta")


# ---------------------------------------------------------------- rencana-aksi.yaml


class PlanDatesFile(SettingsModel):
    """rencana-aksi.yaml: the plan's dates and the year's priority programmes."""

    model_config = ConfigDict(title="Rencana aksi (rencana-aksi.yaml)",
                              json_schema_extra={"example": "tanggal: 2021-01-29"})

    tanggal: IsoDate | None = setting("Tanggal penandatanganan", "Tanggal rencana aksi ditandatangani.", None,
                                      example="2021-01-29")
    per: IsoDate | None = setting("Keadaan per", "Tanggal keadaan realisasi yang dilaporkan.", None,
                                  example="2021-12-31")
    program_prioritas: TextList | None = setting(
        "Program prioritas", "Program prioritas tahun ini; kolom Program Prioritas rencana aksi memakai nama ini.",
        None, noun="program", example="Penataan Regulasi")


# ---------------------------------------------------------------- laporan.yaml


def _paragraphs(value: object) -> object:
    """Return a text as its paragraphs (separated by a blank line); a list stays a list."""
    if isinstance(value, str):
        return [p for p in value.split("\n\n") if p.strip()]
    return value


Paragraphs = list[Paragraph]
PARAGRAPHS = "teks (paragraf dipisah satu baris kosong), atau daftar teks ('- ...' satu per baris)"


class FollowUpItem(SettingsModel):
    """One follow-up step with its date."""

    kegiatan: RequiredParagraph = setting("Kegiatan", "Langkah tindak lanjut yang dilakukan.")
    tanggal: IsoDate | None = setting("Tanggal", "Tanggal langkah itu.", None, example="2021-03-08")


FollowUp = union_of(teks=RequiredParagraph, bagian=FollowUpItem)


class ReportTextFile(SettingsModel):
    """laporan.yaml: the parts of the annual report people write (every key has a default)."""

    model_config = ConfigDict(title="Laporan capaian RB (laporan.yaml)",
                              json_schema_extra={"example": "judul: Laporan Capaian Pelaksanaan Reformasi Birokrasi"})

    judul: Text | None = setting("Judul", "Judul laporan di sampul.", None,
                                 example="Laporan Capaian Pelaksanaan Reformasi Birokrasi")
    tanggal: IsoDate | None = setting("Tanggal", "Tanggal Kata Pengantar (bawaan: 31 Desember tahun laporan).",
                                      None, example="2021-12-30")
    tempat: Text | None = setting("Tempat", "Kota di bawah Kata Pengantar (bawaan: kota di unit.yaml).", None)
    ambang_baik: number_between(above=0, high=100) | None = setting(
        "Ambang capaian baik", "Capaian (persen) paling sedikit agar suatu area disebut baik.", 70, unit="persen",
        example="70")
    tindak_lanjut: list[FollowUp] | None = setting("Tindak lanjut", "Langkah tindak lanjut tahun ini: teks, atau "
                                                   "kegiatan dengan tanggalnya.", None, noun="langkah")
    kata_pengantar: Paragraphs | None = setting("Kata pengantar", "Paragraf kata pengantar; pisahkan paragraf "
                                                "dengan satu baris kosong.", None, noun="paragraf",
                                                expected=PARAGRAPHS)
    latar_belakang: Paragraphs | None = setting("Latar belakang", "Paragraf latar belakang (BAB I).", None,
                                                noun="paragraf", expected=PARAGRAPHS)
    maksud_tujuan: Paragraphs | None = setting("Maksud dan tujuan", "Paragraf maksud dan tujuan (BAB I).", None,
                                               noun="paragraf", expected=PARAGRAPHS)
    ruang_lingkup: Paragraphs | None = setting("Ruang lingkup", "Paragraf ruang lingkup (BAB I).", None,
                                               noun="paragraf", expected=PARAGRAPHS)
    kebijakan: Paragraphs | None = setting("Kebijakan", "Paragraf kebijakan dan program RB (BAB II).", None,
                                           noun="paragraf", expected=PARAGRAPHS)
    penutup: Paragraphs | None = setting("Penutup", "Paragraf penutup (BAB V).", None, noun="paragraf",
                                         expected=PARAGRAPHS)
    dasar_hukum: Paragraphs | None = setting("Dasar hukum", "Dasar hukum laporan, satu per butir.", None,
                                             noun="dasar hukum", expected=PARAGRAPHS)
    program_prioritas: Paragraphs | None = setting("Program prioritas", "Program prioritas (sebaiknya ditulis di "
                                                   "rencana-aksi.yaml).", None, noun="program",
                                                   expected=PARAGRAPHS)

    @field_validator("kata_pengantar", "latar_belakang", "maksud_tujuan", "ruang_lingkup", "kebijakan", "penutup",
                     "dasar_hukum", "program_prioritas", mode="before")
    @classmethod
    def _split(cls, value):
        return _paragraphs(value)


# ---------------------------------------------------------------- pencanangan-zi.yaml

MAX_WITNESSES = 3


class CeremonyFile(SettingsModel):
    """pencanangan-zi.yaml: the year's Zona Integritas declaration, its charter and minutes."""

    model_config = ConfigDict(title="Pencanangan Zona Integritas (pencanangan-zi.yaml)",
                              json_schema_extra={"example": "tanggal: 2021-03-17"})

    tanggal: IsoDate = setting("Tanggal pencanangan", "Tanggal upacara pencanangan.", example="2021-03-17")
    nomor: RequiredParagraph | None = setting("Nomor berita acara", "Nomor lengkap berita acara, dipakai apa "
                                              "adanya; atau isi kode klasifikasi saja.", None)
    kode_klasifikasi: Annotated[QuotedText, AfterValidator(_classification_code)] | None = setting(
        "Kode klasifikasi berita acara", "Kode klasifikasi arsip berita acara; nomor urutnya diambil dari register.",
        None, example="700")
    pukul: QuotedText | None = setting("Pukul", "Jam upacara.", None, example="09.00 WIB")
    tempat: Text | None = setting("Tempat acara", "Tempat upacara, untuk berita acara.", None)
    kota: Text | None = setting("Kota", "Kota pada baris tempat dan tanggal piagam (bawaan: kota di unit.yaml).",
                                None)
    acara: Text | None = setting("Acara", "Acara tempat pencanangan dilakukan, bila ada.", None)
    hadir: TextList | None = setting("Instansi yang hadir", "Instansi yang hadir, mis. KemenPAN-RB, KPK, "
                                     "Ombudsman.", None, noun="instansi")
    saksi: list[Official] | None = setting("Saksi", f"Saksi penandatanganan piagam (paling banyak {MAX_WITNESSES}).",
                                           None, noun="saksi", max_length=MAX_WITNESSES)
    pembuka_piagam: Paragraph | None = setting("Pembuka piagam", "Kalimat pembuka piagam; {unit} diganti nama "
                                               "unit (bawaan: teks umum).", None)
    teks_piagam: TextList | None = setting("Teks piagam", "Butir-butir komitmen piagam (bawaan: enam butir umum).",
                                           None, noun="butir")
    jumlah_pakta: integer_between(0, 100000) | None = setting(
        "Jumlah pakta", "Jumlah pakta integritas yang ditandatangani, bila tidak dibuat dengan reportgen.", None)
    predikat_wbk: integer_between(2000, 2100) | None = setting(
        "Tahun predikat WBK", "Tahun unit memperoleh predikat WBK (syarat WBBM).", None)


SETTINGS_FILES = {
    "unit.yaml": ProfileSettings,
    "keputusan-tim-rb.yaml": DecreeSettingsFile,
    "pakta-integritas.yaml": PactSettingsFile,
    "rencana-aksi.yaml": PlanDatesFile,
    "laporan.yaml": ReportTextFile,
    "pencanangan-zi.yaml": CeremonyFile,
}

