"""Saving a settings file from a form: the YAML keeps its comments, order and untouched values as written."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from conftest import ROOT
from reportgen.inputs.yaml_edit import dump_yaml, updated_yaml
from reportgen.inputs.yaml_file import parse_yaml as _load

FILES = ["unit.yaml", "2021/keputusan-tim-rb.yaml", "2021/laporan.yaml", "2021/pakta-integritas.yaml",
         "2021/pencanangan-zi.yaml", "2021/rencana-aksi.yaml"]


@pytest.mark.parametrize("name", FILES)
def test_the_same_values_give_the_same_bytes(name):
    text = (ROOT / "inputs" / name).read_text(encoding="utf-8")
    assert updated_yaml(text, _load(text)[0]) == text


def test_a_changed_value_changes_only_its_place():
    text = (ROOT / "inputs" / "2021" / "keputusan-tim-rb.yaml").read_text(encoding="utf-8")
    data = copy.deepcopy(_load(text)[0])
    data["tanggal"] = dt.date(2022, 3, 1)
    data["menimbang"].append("bahwa pertimbangan ketiga")
    data["tembusan"].remove("Menteri Dalam Negeri")
    data["kedudukan_tambahan"]["pimpinan"].append("Bendahara")
    data["penandatangan"] = {"nama": "Drs. Ahmad", "nip": "19700101 200003 1 001", "jabatan": "Sekretaris"}
    del data["tempat"]
    out = updated_yaml(text, data)
    assert _load(out)[0] == data
    assert [line for line in text.splitlines() if line.startswith("#")] == \
        [line for line in out.splitlines() if line.startswith("#")]  # every comment kept
    assert "tanggal: 2022-03-01\n" in out and "tempat: Jakarta" not in out
    assert "  - bahwa untuk menyusun, melaksanakan, memantau, mengevaluasi dan melaporkan pelaksanaan Reformasi\n" \
           "    Birokrasi pada 8 (delapan)" in out  # an untouched item as it was folded
    assert "  - bahwa pertimbangan ketiga\n" in out and "  - Menteri Dalam Negeri\n" not in out
    assert "pimpinan: [Wakil Sekretaris, Bendahara]" in out  # a flow list stays one
    keys = [line.split(":")[0] for line in out.splitlines() if line[:1].isalpha()]
    assert keys[:4] == ["tanggal", "nomor", "tentang", "menimbang"] and keys[-1] == "penandatangan"


def test_a_comment_after_a_value_stays_and_a_new_section_is_appended():
    text = (ROOT / "inputs" / "unit.yaml").read_text(encoding="utf-8")
    data = copy.deepcopy(_load(text)[0])
    data["tata_letak"]["kertas"] = "F4"
    data["verifikasi"] = {"url": "https://rb.unit.go.id/verifikasi/{id}"}
    out = updated_yaml(text, data)
    assert "  kertas: F4          # A4 atau F4\n" in out
    assert _load(out)[0] == data and "\nverifikasi:\n  url: https://rb.unit.go.id/verifikasi/{id}\n" in out


def test_a_new_file_is_written_plainly_and_texts_that_look_like_numbers_stay_texts():
    data = {"tanggal": dt.date(2021, 3, 8), "kode_klasifikasi": "120.05", "menimbang": ["bahwa satu", "bahwa dua"],
            "tentang": "Baris satu\n\nBaris dua"}
    out = updated_yaml("", data, header="Keputusan Tim RB")
    assert out.startswith("# Keputusan Tim RB\n") and _load(out)[0] == data
    assert "kode_klasifikasi: '120.05'" in out and "tentang: |-\n  Baris satu\n\n  Baris dua" in out
    assert dump_yaml({}) == ""
