"""Settings files as pydantic models (issue 21): every field described for a form, every problem in Indonesian
with its file, key, YAML line, what was found and what is allowed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT

from reportgen.conventions.settings_messages import MESSAGES
from reportgen.conventions.settings_schema import FieldDescriptor, field_descriptors, validate_settings
from reportgen.errors import InputError, ProblemCollector
from reportgen.inputs.profile import LAYOUT_DEFAULTS, load_profile
from reportgen.inputs.settings_files import SETTINGS_FILES, CeremonyFile, DecreeSettingsFile, ProfileSettings
from reportgen.inputs.yaml_file import read_yaml_lines
from reportgen.scoring.rules_files import RegulationFile, ZiRulesFile

MODELS = [*SETTINGS_FILES.values(), RegulationFile, ZiRulesFile]
ENGLISH = ("Input should", "Field required", "Extra inputs", "validation error", "String should", "List should",
           "Value error")


def by_path(fields: tuple[FieldDescriptor, ...], prefix: str = "") -> dict[str, FieldDescriptor]:
    found = {}
    for field in fields:
        found[prefix + field.name] = field
        found.update(by_path(field.fields, f"{prefix}{field.name}."))
    return found


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_every_field_has_a_label_and_a_help_line(model):
    fields = by_path(field_descriptors(model))
    assert fields
    unlabelled = [path for path, f in fields.items() if not f.label or f.label == f.name and f.name.islower()]
    without_help = [path for path, f in fields.items() if not f.help or "\n" in f.help]
    assert not unlabelled and not without_help, (unlabelled, without_help)


def test_the_profile_describes_its_layout_bounds_choices_and_people():
    fields = by_path(field_descriptors(ProfileSettings))
    margin = fields["tata_letak.margin_kiri"]
    assert (margin.label, margin.type, margin.bounds[:2], margin.unit, margin.default) == (
        "Margin kiri", "number", (10, 50), "milimeter", 30)
    assert fields["tata_letak.kertas"].choices == ("A4", "F4") and fields["tata_letak.kertas"].type == "choice"
    assert fields["tata_letak.nomor_halaman_mulai"].type == "integer"
    assert fields["pimpinan"].is_person and [f.name for f in fields["pimpinan"].fields] == ["nama", "nip", "jabatan"]
    assert fields["pimpinan.nip"].type == "nip"
    assert fields["kop.baris"].is_list and fields["kop.baris"].max_items == 8 and fields["kop.baris"].required
    assert fields["penomoran.register"].name == "register"  # the key as written, not the Python name
    assert not fields["instansi.nama_lengkap"].required and fields["instansi.kota"].required
    assert fields["instansi.kota"].max_length == 500


def test_the_model_defaults_are_the_profiles():
    fields = by_path(field_descriptors(ProfileSettings))
    assert {key: fields[f"tata_letak.{key}"].default for key in LAYOUT_DEFAULTS} == LAYOUT_DEFAULTS


def test_decree_and_ceremony_name_their_lists_dates_and_people():
    decree = by_path(field_descriptors(DecreeSettingsFile))
    for key in ("menimbang", "mengingat", "tembusan"):
        assert decree[key].is_list and decree[key].type == "paragraph", key
    assert decree["tanggal"].type == "date" and decree["tanggal"].required
    assert decree["penandatangan"].is_person and not decree["penandatangan"].is_list
    assert decree["diktum"].is_list and [f.name for f in decree["diktum"].fields] == ["teks", "butir"]
    ceremony = by_path(field_descriptors(CeremonyFile))
    assert ceremony["saksi"].is_person and ceremony["saksi"].is_list and ceremony["saksi"].max_items == 3
    assert ceremony["jumlah_pakta"].bounds[:2] == (0, 100000)


def problems_of(model, text: str, tmp_path: Path, name: str = "berkas.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    data, lines = read_yaml_lines(path)
    problems = ProblemCollector()
    assert validate_settings(model, data, path, problems, lines) is None
    return [str(p) for p in problems.problems]


def test_each_problem_has_its_key_line_found_value_and_what_is_allowed(tmp_path):
    found = problems_of(DecreeSettingsFile, "tanggal: 2021-03-08\ntembusan:\n  - Menteri\n  - \"\"\ntempatt: x\n"
                                            "penandatangan:\n  nama: [Budi]\n  jabatan: 5\nmenimbang: []\n", tmp_path)
    text = "\n".join(found)
    assert "kunci 'tembusan[2]', baris 4: tembusan kosong; isi atau hapus tembusan ini" in text
    assert "kunci 'tempatt', baris 5: kunci tidak dikenal; kunci yang sah: nomor, kode_klasifikasi" in text
    assert "maksud Anda 'tempat'?" in text
    assert "kunci 'penandatangan.nama', baris 7: harus berupa teks, bukan daftar" in text
    assert "kunci 'menimbang', baris 9: paling sedikit 1 pertimbangan" in text
    assert "penandatangan.jabatan" not in text  # a number is read as its text
    assert not any(word in text for word in ENGLISH), text


@pytest.mark.parametrize("text, expected", [
    ("instansi: 5\n", "kunci 'instansi', baris 1: ditemukan '5'; harus berupa bagian berisi kunci: kementerian"),
    ("tata_letak:\n  margin_kiri: 60\n", "kunci 'tata_letak.margin_kiri', baris 2: ditemukan '60'; harus angka 10 "
                                         "sampai 50 (milimeter)"),
    ("tata_letak:\n  ukuran_huruf: yes\n", "ditemukan 'true'; harus berupa angka 8 sampai 16 (poin), bukan ya/tidak"),
    ("tata_letak:\n  nomor_halaman_mulai: 1.5\n", "harus berupa bilangan bulat 1 atau lebih, atau kosong"),
    ("kop:\n  baris: [" + ", ".join(["X"] * 9) + "]\n", "kunci 'kop.baris', baris 2: paling banyak 8 baris; ditemukan 9"),
    ("kop:\n  alamat: " + "a" * 501 + "\n", "terlalu panjang (501 karakter); paling banyak 500 karakter"),
    ("pimpinan:\n  nama: \"Budi\\u200b\"\n", "kunci 'pimpinan.nama', baris 2: ditemukan 'Budi\\u200b'; berisi karakter "
                                            "kendali/tak terlihat (kode U+200B)"),
    ("penomoran:\n  pola: \"{kode}/{nomor:0>999999999}\"\n", "kunci 'penomoran.pola', baris 2: ditemukan "
                                                               "'{kode}/{nomor:0>999999999}'; lebar isian"),
    ("[1, 2]\n", "berkas.yaml: harus berisi pasangan kunci: nilai"),
])
def test_the_profiles_messages(tmp_path, text, expected):
    found = "\n".join(problems_of(ProfileSettings, text, tmp_path))
    assert expected in found
    assert not any(word in found for word in ENGLISH), found


def test_a_missing_section_lists_its_keys_and_a_missing_key_has_no_line(tmp_path):
    found = problems_of(ProfileSettings, "instansi:\n  kementerian: K\n", tmp_path)
    assert "berkas.yaml, kunci 'kop': bagian wajib ini tidak ada; tulis dengan kunci: logo, baris, alamat" in found[-2]
    assert any(p.startswith(f"{tmp_path / 'berkas.yaml'}, kunci 'instansi.unit': unit kerja wajib diisi")
               for p in found)


def test_every_message_is_indonesian_and_every_custom_error_has_one():
    assert {"missing", "extra_forbidden", "string_type", "int_parsing", "greater_than_equal", "less_than_equal",
            "date_from_datetime_parsing", "literal_error", "string_too_long", "control_character", "convention",
            "number_needs_quotes", "date_format", "number_type", "other"} <= set(MESSAGES)
    assert not any(word in m for m in MESSAGES.values() for word in ENGLISH)


def test_a_written_layout_key_is_the_one_set_and_an_empty_page_number_means_none(tmp_path):
    shutil.copy(ROOT / "inputs" / "logo.png", tmp_path)
    text = (ROOT / "inputs" / "unit.yaml").read_text(encoding="utf-8")
    start = text.index("tata_letak:")
    end = text.index("penomoran:")
    (tmp_path / "unit.yaml").write_text(text[:start] + "tata_letak:\n  kertas: f4\n  margin_kiri:\n"
                                        "  nomor_halaman_mulai:\n\n" + text[end:], encoding="utf-8")
    profile = load_profile(tmp_path / "unit.yaml")
    assert profile.layout_set == {"kertas"}
    assert profile.layout["kertas"] == "F4" and profile.layout["margin_kiri"] == 30
    assert profile.layout["nomor_halaman_mulai"] is None


def test_a_shipped_rules_file_of_the_wrong_shape_is_named_with_its_keys(tmp_path):
    shipped = (ROOT / "reportgen" / "scoring" / "rules" / "zi-90-2021.yaml").read_text(encoding="utf-8")
    changed = (shipped.replace("bobot: 17.5", "bobot: tujuh belas", 1)
               .replace("      - kunci: tatalaksana\n", "      - kunci: tatalaksana\n        warna: biru\n"))
    lines = changed.splitlines()
    weight = next(n for n, line in enumerate(lines, 1) if "tujuh belas" in line)
    colour = next(n for n, line in enumerate(lines, 1) if "warna: biru" in line)
    found = "\n".join(problems_of(ZiRulesFile, changed, tmp_path, "zi.yaml"))
    assert (f"kunci 'kelompok[2].area[1].bagian[1].bobot', baris {weight}: ditemukan 'tujuh belas'; harus berupa "
            "angka 0 sampai 1000, bukan teks") in found
    assert f"kunci 'kelompok[1].area[2].warna', baris {colour}: kunci tidak dikenal" in found


def test_the_unit_yaml_problems_come_all_at_once(tmp_path):
    unit = tmp_path / "unit.yaml"
    unit.write_text("instansi:\n  kementerian: [K]\nkop:\n  baris: 5\n  alamat: A\npimpinan:\n  nama: N\n"
                    "  jabatan: J\n  nip: '1'\ntata_letak:\n  margin_atas: 5\nwarna: merah\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profile(unit)
    message = str(caught.value)
    assert message.startswith("Ditemukan 8 masalah")
    for key in ("instansi.kementerian", "instansi.unit", "instansi.nama_singkat", "instansi.kota", "kop.baris",
                "pimpinan.nip", "tata_letak.margin_atas", "warna"):
        assert f"kunci '{key}'" in message, key
