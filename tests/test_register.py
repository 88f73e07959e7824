"""The register of issued documents: serials per code and year, a re-generated document keeps its number,
20 concurrent `reportgen decree` processes never share a serial, `reportgen register` lists it all."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, ROOT, docx_text, run_cli, snapshot
from reportgen.errors import InvalidValue, ReportgenError
from reportgen.conventions.document_numbers import NumberPattern
from reportgen.trust.register import IssueRequest, NumberMoved, NumberTaken, Register

PATTERN = NumberPattern("{kode}-{nomor} TAHUN {tahun}")
DATE = dt.date(2021, 3, 8)
REPORTGEN = ROOT / ".venv" / "bin" / "reportgen"


def issue(register: Register, subject: str, **kwargs):
    kwargs.setdefault("code", "120.05")
    kwargs.setdefault("year", 2021)
    return register.issue(kind="keputusan", identity=subject, date=DATE, subject=subject, pattern=PATTERN,
                          **kwargs)


def test_serials_run_per_code_and_year_and_a_document_keeps_its_number(tmp_path):
    with Register(tmp_path / "r.sqlite") as reg:
        assert [issue(reg, f"Tim {n}").number for n in (1, 2, 3)] == [
            "120.05-1 TAHUN 2021", "120.05-2 TAHUN 2021", "120.05-3 TAHUN 2021"]
        again = issue(reg, "  tim   2. ")  # the same subject, typed differently
        assert again.number == "120.05-2 TAHUN 2021" and again.reused
        assert issue(reg, "Tim 1", code="800.1").number == "800.1-1 TAHUN 2021"  # another code starts at 1
        assert issue(reg, "Tim 9", year=2022).number == "120.05-1 TAHUN 2021"  # the pattern's year is the date's
        assert issue(reg, "Tim 4").number == "120.05-4 TAHUN 2021"
        assert [e.identity for e in reg.entries(year=2021)] == ["tim 1", "tim 2", "tim 3", "tim 4"]


def test_a_serial_once_given_is_never_given_again(tmp_path):
    with Register(tmp_path / "r.sqlite") as reg:
        first = issue(reg, "Tim A")
        issue(reg, "Tim A", code="800.1")  # Tim A moves to another code: 120.05-1 stays spent
        assert issue(reg, "Tim B").number == "120.05-2 TAHUN 2021"
        assert first.serial == 1


def test_a_full_number_is_kept_as_is_and_advances_the_counter(tmp_path):
    with Register(tmp_path / "r.sqlite") as reg:
        given = issue(reg, "Tim Contoh", code=None, number="120.05-1487 TAHUN 2021")
        assert (given.number, given.code, given.serial) == ("120.05-1487 TAHUN 2021", "120.05", 1487)
        assert issue(reg, "Tim Baru").number == "120.05-1488 TAHUN 2021"
        odd = issue(reg, "Tim Lain", code=None, number="KEP/7/2021")  # not the pattern: kept, no serial
        assert (odd.number, odd.serial) == ("KEP/7/2021", None)
        with pytest.raises(NumberTaken, match="sudah tercatat.*Tim Baru"):
            issue(reg, "Tim Ketiga", code=None, number="120.05-1488 TAHUN 2021")
        with pytest.raises(NumberTaken):
            issue(reg, "Tim Keempat", code=None, number="kep/7/2021")
        # the document that holds a number may be generated again with it
        assert issue(reg, "Tim Baru", code=None, number="120.05-1488 TAHUN 2021").number == "120.05-1488 TAHUN 2021"
        # and switching it to "code only" keeps its serial
        assert issue(reg, "Tim Contoh").number == "120.05-1487 TAHUN 2021"


def test_files_and_their_hashes_are_recorded_with_history(tmp_path):
    with Register(tmp_path / "r.sqlite") as reg:
        entry = issue(reg, "Tim A")
        pdf = tmp_path / "a.pdf"
        pdf.write_bytes(b"satu")
        entry = reg.record_files(entry, [(pdf, "pdf", "a" * 64, 4)])
        entry = reg.record_files(entry, [(pdf, "pdf", "a" * 64, 4)])  # same bytes again: one record
        entry = reg.record_files(entry, [(pdf, "pdf", "b" * 64, 5)])  # new bytes: both kept
        assert [(f.format, f.sha256[0], f.size) for f in entry.files] == [("pdf", "a", 4), ("pdf", "b", 5)]
        [(found, record)] = reg.find_file("b" * 64)
        assert found.number == "120.05-1 TAHUN 2021" and record.path == str(pdf.resolve())
        assert reg.find_file("c" * 64) == []


def test_unnumbered_documents_can_be_registered_too(tmp_path):
    """Pacts and reports (issue 6) register without a number, one entry per identity."""
    with Register(tmp_path / "r.sqlite") as reg:
        pact = reg.issue(kind="pakta-integritas", year=2021, identity="197001012000031001", date=DATE,
                         subject="Pakta Integritas", person="Budi Santoso")
        again = reg.issue(kind="pakta-integritas", year=2021, identity="197001012000031001", date=DATE,
                          subject="Pakta Integritas", person="Budi Santoso")
        assert pact.number is None and again.id == pact.id and again.reused
        assert issue(reg, "Tim A").number == "120.05-1 TAHUN 2021"


def test_number_patterns():
    assert NumberPattern("{nomor:03d}/{kode}/SK/{bulan_romawi}/{tahun}").format("440", 6, dt.date(2018, 1, 5)) \
        == "006/440/SK/I/2018"
    assert NumberPattern("{nomor:03d}/{kode}/SK/{bulan_romawi}/{tahun}").parse("006/440/SK/I/2018", 2018) == ("440", 6)
    assert PATTERN.parse("120.05-1487 tahun 2021", 2021) == ("120.05", 1487)
    assert PATTERN.parse("120.05-1487 TAHUN 2020", 2021) is None
    for bad, message in [("{kode}-{urut}", "tidak dikenal: urut"), ("{kode}", "harus memuat {kode} dan {nomor}"),
                         ("{kode}-{nomor", "tidak berpasangan"), ("{kode}-{nomor:q}", "tidak dapat dipakai")]:
        with pytest.raises(InvalidValue, match=re.escape(message)):
            NumberPattern(bad)


def test_a_file_that_is_not_a_register(tmp_path):
    bad = tmp_path / "r.sqlite"
    bad.write_bytes(b"bukan basis data " * 100)
    with pytest.raises(ReportgenError, match="tidak dapat dibuka: bukan register reportgen"):
        Register(bad)


def meta(folder: Path, subject: str) -> Path:
    path = folder / f"{subject.replace(' ', '-')}.yaml"
    path.write_text(f'tanggal: 2021-03-08\nkode_klasifikasi: "120.05"\ntentang: {subject}\n', encoding="utf-8")
    return path


def decree_process(folder: Path, register: Path, n: int) -> subprocess.Popen:
    return subprocess.Popen(
        [str(REPORTGEN), "decree", "--year", "2021", "--inputs", str(ROOT / "inputs"),
         "--team", str(DATA / "decree" / "tim-kecil.csv"), "--meta", str(meta(folder, f"Tim Uji {n:02d}")),
         "--out", str(folder / f"out-{n:02d}"), "--register", str(register), "--format", "docx"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _take_number(args) -> str:
    """In a process of its own: draft with the number the register offers, record it, draft again if taken."""
    register, n = args
    pattern = NumberPattern("{kode}-{nomor} TAHUN {tahun}")
    date = dt.date(2021, 3, 8)
    for _ in range(50):
        with Register(register) as reg:
            offered, _ = reg.peek_number(kind="keputusan", year=2021, identity=f"Tim Uji {n:02d}", date=date,
                                         code="120.05", number=None, pattern=pattern)
            request = IssueRequest(kind="keputusan", year=2021, identity=f"Tim Uji {n:02d}", date=date,
                                   subject=f"Tim Uji {n:02d}", person=None, inputs_sha256=None, doc_id=None,
                                   files=(), code="120.05", pattern=pattern, drafted_number=offered)
            try:
                return reg.issue_batch([request])[0].number
            except NumberMoved:
                continue
    raise AssertionError("no number after 50 tries")


def test_20_processes_taking_numbers_at_once_get_20_distinct_consecutive_serials(tmp_path):
    register = tmp_path / "register.sqlite"
    Register(register).close()
    with multiprocessing.get_context("fork").Pool(8) as pool:
        numbers = pool.map(_take_number, [(register, n) for n in range(1, 21)])
    assert sorted(int(n.split("-")[1].split()[0]) for n in numbers) == list(range(1, 21))
    assert _take_number((register, 7)) == numbers[6]  # the same decree again keeps its number
    assert _take_number((register, 21)) == "120.05-21 TAHUN 2021"


@pytest.mark.slow
def test_concurrent_decree_runs_get_distinct_numbers_end_to_end(tmp_path):
    register = tmp_path / "bersama" / "register.sqlite"
    processes = [decree_process(tmp_path, register, n) for n in range(1, 5)]  # all running at once
    numbers = {}
    for n, process in enumerate(processes, start=1):
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        found = re.search(r"Nomor 120\.05-(\d+) TAHUN 2021 \(nomor baru dari register\)", stdout)
        assert found, stdout
        numbers[n] = int(found.group(1))
    assert sorted(numbers.values()) == [1, 2, 3, 4]
    for n, serial in numbers.items():  # each document carries the number the register gave it
        text = docx_text(tmp_path / f"out-{n:02d}" / "2021" / "keputusan-tim-rb-2021.docx")
        assert f"NOMOR 120.05-{serial} TAHUN 2021" in text and f"TIM UJI {n:02d}" in text
    with sqlite3.connect(register) as db:
        rows = db.execute("SELECT subject, serial FROM documents WHERE kind = 'keputusan'").fetchall()
    assert dict(rows) == {f"Tim Uji {n:02d}": s for n, s in numbers.items()}
    rerun = decree_process(tmp_path, register, 3)
    stdout, stderr = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, stderr
    assert f"Nomor 120.05-{numbers[3]} TAHUN 2021 (nomor tetap seperti sebelumnya)" in stdout


def test_register_command_lists_what_was_issued(tmp_path, example):
    out = tmp_path / "out"
    register = example / "register.sqlite"
    result = run_cli("decree", "--inputs", example, "--out", out, "--format", "docx")  # latest year
    assert result.exit_code == 0, result.output
    assert f"Dicatat di register {register}" in result.output  # default: beside unit.yaml, never inside OUT
    assert not (out / "register.sqlite").exists()
    listing = run_cli("register", "--inputs", example, "--out", out)
    assert listing.exit_code == 0, listing.output
    docx = out / "2021" / "keputusan-tim-rb-2021.docx"
    digest = hashlib.sha256(docx.read_bytes()).hexdigest()
    for part in [f"Register {register}: 1 dokumen",
                 "1. Keputusan Nomor 120.05-1487 TAHUN 2021, tanggal 8 Maret 2021",
                 "tentang Tim Reformasi Birokrasi Direktorat Jenderal Politik dan Pemerintahan Umum Tahun 2021",
                 str(docx.resolve()), f"SHA-256 {digest}"]:
        assert part in listing.output, listing.output
    assert ": 0 dokumen tahun 2020" in run_cli("register", "--inputs", example, "--out", out,
                                              "--year", "2020").output
    empty = run_cli("register", "--out", tmp_path / "kosong", "--register", tmp_path / "tidak-ada.sqlite")
    assert empty.exit_code == 0 and "belum ada" in empty.output


def test_a_register_inside_the_output_folder_is_never_replaced_by_a_new_one(tmp_path, example):
    """Numbers never repeat: a register an earlier version left in OUT is not silently replaced by a new one
    beside unit.yaml, and a run that would start a new register beside issued documents says so."""
    out = tmp_path / "out"
    first = run_cli("decree", "--inputs", example, "--out", out, "--format", "docx",
                    "--register", out / "register.sqlite")
    assert first.exit_code == 0, first.output
    again = run_cli("decree", "--inputs", example, "--out", out, "--format", "docx")
    assert again.exit_code == 1
    assert f"mv {out / 'register.sqlite'} {example / 'register.sqlite'}" in again.output
    (out / "register.sqlite").rename(tmp_path / "hilang.sqlite")  # the register lost, the documents still there
    before = snapshot(out)
    lost = run_cli("decree", "--inputs", example, "--out", out, "--format", "docx")
    # the issued decree is never replaced by one numbered from a new register: restore the register first
    assert lost.exit_code == 1 and "belum ada" in lost.output, lost.output
    assert "keputusan-tim-rb-2021.docx" in lost.output and "bukan terbitan reportgen" in lost.output
    assert "pulihkan register dari cadangan" in lost.output
    assert snapshot(out) == before and not (example / "register.sqlite").exists()


def test_register_location_from_the_profile(tmp_path, example):
    profile = example / "unit.yaml"
    profile.write_text(profile.read_text().replace('pola: "{kode}-{nomor} TAHUN {tahun}"',
                                                   'pola: "{kode}-{nomor} TAHUN {tahun}"\n'
                                                   '  register: ../arsip/nomor.sqlite'), encoding="utf-8")
    result = run_cli("decree", "--year", "2021", "--inputs", example, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "arsip" / "nomor.sqlite").is_file() and not (tmp_path / "out" / "register.sqlite").exists()
    listing = run_cli("register", "--inputs", example, "--out", tmp_path / "out")
    assert "1. Keputusan Nomor 120.05-1487 TAHUN 2021" in listing.output
