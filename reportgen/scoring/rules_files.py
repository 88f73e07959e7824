"""The shape of the rules files in scoring/rules/ (one per regulation), as pydantic models: the PMPRB index
(pmprb-*.yaml, read by scoring/regulations.py) and the Zona Integritas assessment (zi-*.yaml, read by
scoring/zona_integritas.py, or a unit's own file given with `zi --aturan`).

Only the shape is checked here (keys, types, weights as numbers); that weights add up is the readers' check.
This module imports pydantic: the readers import it when they run.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict

from reportgen.conventions.settings_schema import (Paragraph, RequiredText, SettingsModel, TextList,
                                                   integer_between, number_between, setting)

Weight = number_between(0, 1000)
Score = number_between(-1, 1000)  # a category's lower bound may be -1 (the lowest category starts at 0, inclusive)
Year = integer_between(1990, 2100)


class _Rules(SettingsModel):
    """The parts of every rules file: which regulation it states, and where its facts come from."""

    kunci: RequiredText = setting("Kunci", "Pengenal aturan, sama dengan nama berkasnya.", example="pmprb-26-2020")
    nama: RequiredText = setting("Nama", "Nama lengkap peraturan.",
                                 example="Peraturan Menteri PANRB Nomor 26 Tahun 2020")
    singkat: RequiredText = setting("Nama singkat", "Nama singkat peraturan dalam kalimat.",
                                    example="PermenPAN-RB 26/2020")
    tentang: Paragraph = setting("Tentang", "Judul peraturan.")
    sumber: Paragraph = setting("Sumber", "Dari mana bobot dan ambangnya diketahui, dengan tingkat kepastiannya.")


class IndexPart(SettingsModel):
    """The index (or the ZI total): its name and weight."""

    nama: RequiredText = setting("Nama", "Nama nilai keseluruhan.", example="Indeks Reformasi Birokrasi")
    bobot: Weight = setting("Bobot", "Nilai paling tinggi.", example="100")


# ---------------------------------------------------------------- PMPRB


class ComponentRule(SettingsModel):
    """A scored part of the index."""

    kunci: RequiredText = setting("Kunci", "Pengenal komponen.", example="pemenuhan")
    nama: RequiredText = setting("Nama", "Nama resmi komponen.", example="Pemenuhan")
    bobot: Weight | None = setting("Bobot", "Bobot komponen (bila diketahui).", None)
    bobot_per_area: list[Weight] | None = setting("Bobot per area", "Bobot komponen di tiap area 1-8.", None,
                                                  noun="bobot", min_length=8, max_length=8)
    ejaan_lain: TextList | None = setting("Ejaan lain", "Tulisan lain nama komponen di lembar kerja.", None,
                                          noun="ejaan")


class GroupRule(SettingsModel):
    """Pengungkit or Hasil."""

    kunci: RequiredText = setting("Kunci", "Pengenal kelompok.", example="pengungkit")
    nama: RequiredText = setting("Nama", "Nama kelompok.", example="Pengungkit")
    bobot: Weight = setting("Bobot", "Bobot kelompok.", example="60")
    per_area: bool = setting("Per area", "Apakah komponennya dinilai per area perubahan.", False, strict=True)
    bobot_per_area: list[Weight] | None = setting("Bobot per area", "Bobot kelompok di tiap area 1-8.", None,
                                                  noun="bobot", min_length=8, max_length=8)
    komponen: list[ComponentRule] = setting("Komponen", "Komponen kelompok ini.", noun="komponen", min_length=1)


class CategoryRule(SettingsModel):
    """An index category (AA, A, BB, ...) and its lower bound."""

    kode: RequiredText = setting("Kode", "Kode kategori.", example="AA")
    nama: RequiredText = setting("Nama", "Nama kategori.", example="Sangat Memuaskan")
    di_atas: Score = setting("Di atas", "Batas bawah (tidak termasuk) nilai indeks kategori ini.", example="90")


class RegulationFile(_Rules):
    """pmprb-*.yaml: the RB index of one regulation (groups, components, weights, categories, years)."""

    model_config = ConfigDict(title="Aturan PMPRB (scoring/rules/pmprb-*.yaml)",
                              json_schema_extra={"example": "kunci: pmprb-26-2020"})

    jenis: Literal["pmprb"] = setting("Jenis", "Jenis berkas aturan.", "pmprb")
    tahun: list[Year] = setting("Tahun", "Tahun pertama dan terakhir berlakunya, mis. [2020, 2022].",
                                noun="tahun", min_length=2, max_length=2)
    indeks: IndexPart = setting("Indeks", "Nama dan bobot indeks.")
    kelompok: list[GroupRule] = setting("Kelompok", "Pengungkit dan Hasil.", noun="kelompok", min_length=1)
    kategori: list[CategoryRule] = setting("Kategori", "Kategori indeks, dari yang tertinggi.", noun="kategori",
                                           min_length=1)
    kategori_penilaian_mandiri: bool = setting(
        "Kategori untuk penilaian mandiri", "Apakah nilai PMPRB unit sendiri diberi kategori (AA-D) di laporan.", False,
        strict=True)
    sumber_kategori: Paragraph | None = setting("Sumber kategori", "Dari mana kategori itu berlaku.", None)


# ---------------------------------------------------------------- Zona Integritas


class ZiPartRule(SettingsModel):
    """A scored part of an area (Pemenuhan, Reform, a survey, Capaian Kinerja)."""

    kunci: RequiredText = setting("Kunci", "Pengenal bagian.", example="pemenuhan")
    nama: RequiredText = setting("Nama", "Nama bagian.", example="Pemenuhan")
    bobot: Weight = setting("Bobot", "Bobot bagian.", example="4")
    ejaan_lain: TextList | None = setting("Ejaan lain", "Tulisan lain nama bagian di lembar kerja.", None,
                                          noun="ejaan")
    survei: bool = setting("Survei", "Apakah bagian ini hasil survei yang dijawab 'Nilai (0-4)'.", False,
                           strict=True)


class ZiAreaRule(SettingsModel):
    """An area of the ZI assessment and its parts."""

    kunci: RequiredText = setting("Kunci", "Pengenal area.", example="manajemen_perubahan")
    nama: RequiredText = setting("Nama", "Nama area.", example="Manajemen Perubahan")
    ejaan_lain: TextList | None = setting("Ejaan lain", "Tulisan lain nama area di lembar kerja.", None,
                                          noun="ejaan")
    bagian: list[ZiPartRule] = setting("Bagian", "Bagian area yang dinilai.", noun="bagian", min_length=1)


class ZiGroupRule(SettingsModel):
    """Komponen Pengungkit or Komponen Hasil."""

    kunci: RequiredText = setting("Kunci", "Pengenal kelompok.", example="pengungkit")
    nama: RequiredText = setting("Nama", "Nama kelompok.", example="Komponen Pengungkit")
    bobot: Weight = setting("Bobot", "Bobot kelompok.", example="60")
    area: list[ZiAreaRule] = setting("Area", "Area kelompok ini.", noun="area", min_length=1)


class ZiConditionRule(SettingsModel):
    """One condition of a predicate: a measure and its lowest score, each area of a group with its lowest
    share, or a predicate already obtained."""

    nilai: RequiredText | None = setting("Nilai", "Yang diukur: total, kunci kelompok, kunci area, atau "
                                         "area/bagian.", None, example="total")
    paling_rendah: Score | None = setting("Paling rendah", "Nilai paling rendah yang memenuhi.", None,
                                          example="75")
    setiap_area: RequiredText | None = setting("Setiap area", "Kunci kelompok yang setiap areanya diukur.", None,
                                               example="pengungkit")
    paling_rendah_persen: number_between(0, 100) | None = setting(
        "Paling rendah (persen)", "Bagian bobot area paling rendah yang memenuhi.", None, unit="persen",
        example="60")
    predikat_sebelumnya: RequiredText | None = setting("Predikat sebelumnya", "Predikat yang harus sudah "
                                                       "diperoleh.", None, example="wbk")


class ZiPredicateRule(SettingsModel):
    """A predicate (WBK, WBBM) and its conditions."""

    kunci: RequiredText = setting("Kunci", "Pengenal predikat.", example="wbk")
    singkat: RequiredText = setting("Singkatan", "Singkatan predikat.", example="WBK")
    nama: RequiredText = setting("Nama", "Nama predikat.", example="Wilayah Bebas dari Korupsi")
    syarat: list[ZiConditionRule] = setting("Syarat", "Syarat predikat.", noun="syarat", min_length=1)


class ZiRulesFile(_Rules):
    """zi-*.yaml: the Zona Integritas assessment of one regulation (groups, areas, parts, predicates)."""

    model_config = ConfigDict(title="Aturan Zona Integritas (scoring/rules/zi-*.yaml)",
                              json_schema_extra={"example": "jenis: zona-integritas"})

    jenis: Literal["zona-integritas"] = setting("Jenis", "Jenis berkas aturan.")
    catatan_ambang: Paragraph | None = setting("Catatan ambang", "Catatan di bawah putusan tentang ambang "
                                               "batasnya.", None)
    total: IndexPart = setting("Total", "Nama dan bobot nilai total.")
    kelompok: list[ZiGroupRule] = setting("Kelompok", "Komponen Pengungkit dan Hasil.", noun="kelompok",
                                          min_length=1)
    predikat: list[ZiPredicateRule] = setting("Predikat", "Predikat dan syaratnya.", noun="predikat", min_length=1)

