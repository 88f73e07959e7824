"""Hostile inputs, second round (issue 28): every input's real size and every value of the look bounded before
anything is parsed or laid out. Each case runs the command a user would run in its own process, measured: the
processor seconds and the peak memory of that process (os.wait4), asserted against generous bounds, never the
suite's wall clock. The process runs under a memory ceiling, so a regression fails instead of taking the
machine's memory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, snapshot
from hostile_cases import huge_shared_string, inflating_sheet, inflating_styles

from reportgen.render.template_folder import shipped_templates_dir

CEILING = 3 * 1024 ** 3  # address space of the measured process: a bomb that got through fails, not the machine


@dataclass(frozen=True)
class Measured:
    """One command run in its own process: exit code, output, processor seconds, peak memory (MB)."""

    code: int
    output: str
    seconds: float
    peak_mb: float


# Runs reportgen under the memory ceiling and, at its exit, writes the peak memory of the program itself
# (VmHWM: the process after exec; a fork's copy of the test process before it does not count).
_SHIM = """
import atexit, resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, ({ceiling}, {ceiling}))
report = sys.argv.pop(1)

def peak():
    with open("/proc/self/status") as status, open(report, "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))

atexit.register(peak)
sys.argv[0] = "reportgen"
runpy.run_module("reportgen", run_name="__main__", alter_sys=True)
"""


def measure(*args, cwd: Path | None = None, timeout: float = 600) -> Measured:
    """Run `reportgen ARGS` in a fresh process and return what it did and what it cost."""
    import tempfile

    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryDirectory() as work:
        report = Path(work) / "peak"
        process = subprocess.Popen([sys.executable, "-c", _SHIM.format(ceiling=CEILING), str(report),
                                    *map(str, args)], cwd=cwd, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        output = b""
        while True:  # read as it comes (a full pipe would stop the process), until it ends
            chunk = process.stdout.read1(65536) if process.stdout else b""
            output += chunk
            if not chunk:
                break
            if time.monotonic() > deadline:
                process.kill()
                break
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        peak_kb = int(report.read_text()) if report.is_file() else usage.ru_maxrss
    return Measured(process.returncode, output.decode("utf-8", "replace"), usage.ru_utime + usage.ru_stime,
                    peak_kb / 1024)


@pytest.fixture
def unit(tmp_path) -> Path:
    """A copy of the example inputs, without a register."""
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs", ignore=shutil.ignore_patterns("register.sqlite*"))
    return tmp_path / "inputs"


@pytest.fixture
def own_templates(tmp_path) -> Path:
    folder = tmp_path / "templat-unit"
    shutil.copytree(shipped_templates_dir(), folder, ignore=shutil.ignore_patterns("__*"))
    return folder


def refused(run: Measured, *parts: str, seconds: float, peak_mb: float) -> None:
    """Assert a command refused its input in Indonesian, within its bounds of time and memory."""
    assert run.code == 1, run.output
    assert "Traceback" not in run.output, run.output
    for part in parts:
        assert part in run.output, f"{part!r} not in:\n{run.output}"
    assert run.seconds < seconds, f"{run.seconds:.1f} s of processor time (bound {seconds} s)"
    assert run.peak_mb < peak_mb, f"{run.peak_mb:.0f} MB at peak (bound {peak_mb} MB)"
    print(f"measured: {run.seconds:.2f} s of processor time, {run.peak_mb:.0f} MB at peak")


# ------------------------------------------------------------------ packages that inflate


def test_a_workbook_whose_sheet_inflates_to_two_gigabytes_is_refused_unread(unit, tmp_path):
    """Issue 28: a 2 MB workbook whose sheet expands to 2 GB took 4.3 GB of memory."""
    bomb = inflating_sheet(tmp_path, gigabytes=2.0)
    assert bomb.stat().st_size < 8 * 1024 ** 2
    out = tmp_path / "out"
    run = measure("pakta", "2021", "--inputs", unit, "--out", out, "--roster", bomb, "--jobs", "1")
    refused(run, "bom-lembar.xlsx", "xl/worksheets/sheet1.xml berukuran 2047,7 MB bila dibuka, lebih dari batas 512,0 MB",
            seconds=20, peak_mb=400)
    assert snapshot(out) == {}


def test_a_workbook_with_a_150_megabyte_shared_string_is_refused_unread(unit, tmp_path):
    """Issue 28: a 388 kB workbook holding one 150 MB string took minutes."""
    bomb = huge_shared_string(tmp_path, megabytes=150)
    assert bomb.stat().st_size < 400 * 1024
    out = tmp_path / "out"
    run = measure("pakta", "2021", "--inputs", unit, "--out", out, "--roster", bomb, "--jobs", "1")
    refused(run, "bom-teks.xlsx", "xl/sharedStrings.xml", "bila dibuka", seconds=20, peak_mb=400)
    assert snapshot(out) == {}


def test_a_reference_docx_whose_styles_inflate_to_a_gigabyte_is_refused_unread(unit, own_templates, tmp_path):
    """Issue 28: a reference.docx whose styles part is 1 GB took 2.1 GB before it was refused."""
    inflating_styles(own_templates, gigabytes=1.0)
    out = tmp_path / "out"
    run = measure("keputusan", "2021", "--inputs", unit, "--out", out, "--templates", own_templates)
    refused(run, "reference.docx", "word/styles.xml", seconds=20, peak_mb=400)
    assert snapshot(out) == {}


def test_a_settings_file_of_fifty_megabytes_is_refused_by_its_size(unit, tmp_path):
    """The pure-Python YAML reader takes seconds per megabyte: a settings file is bounded before it is read."""
    decree = unit / "2021" / "keputusan-tim-rb.yaml"
    with decree.open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * 1000 + "\n")
        handle.write(("# " + "isi " * 250 + "\n") * 50_000)
    out = tmp_path / "out"
    run = measure("keputusan", "2021", "--inputs", unit, "--out", out)
    refused(run, "keputusan-tim-rb.yaml", "lebih dari batas 4 MB", seconds=20, peak_mb=400)
    assert snapshot(out) == {}


# ------------------------------------------------------------------ values out of range


def _reference(templates: Path, change) -> None:
    from docx import Document

    document = Document(str(templates / "reference.docx"))
    change(document)
    document.save(str(templates / "reference.docx"))


def _tiny_page(document) -> None:
    from docx.shared import Pt

    section = document.sections[0]
    section.page_width, section.page_height = Pt(5), Pt(5)


def _margins_past_the_page(document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.left_margin, section.right_margin = Mm(150), Mm(100)


def _huge_font(document) -> None:
    from docx.shared import Pt

    document.styles["Normal"].font.size = Pt(1000)


def _huge_spacing(document) -> None:
    from docx.shared import Pt

    document.styles["teks"].paragraph_format.space_before = Pt(1500)


@pytest.mark.parametrize("change, expected", [
    (_tiny_page, ("Tata Letak > Ukuran: lebar kertas 1,8 mm, di luar batas 75 sampai 600 mm",
                  "tinggi kertas 1,8 mm")),
    (_margins_past_the_page, ("Tata Letak > Margin: margin kiri 150 mm dan kanan 100 mm menyisakan -40 mm",
                              "paling sedikit 40 mm")),
    (_huge_font, ("gaya 'Normal'", "ukuran huruf 1.000 pt, di luar batas 1 sampai 72 pt")),
    (_huge_spacing, ("gaya 'teks'", "jarak sebelum paragraf 1.500 pt, lebih dari batas 400 pt")),
], ids=["page-of-5-pt", "margins-wider-than-the-page", "font-of-1000-pt", "spacing-of-1500-pt"])
def test_a_reference_docx_value_out_of_range_is_refused_naming_it(unit, own_templates, tmp_path, change, expected):
    """Issue 28: a 5 pt page, or margins wider than the page, ran past 300 s."""
    _reference(own_templates, change)
    out = tmp_path / "out"
    run = measure("pakta", "2021", "--inputs", unit, "--out", out, "--templates", own_templates, "--jobs", "1")
    refused(run, f"{own_templates / 'reference.docx'}: ", *expected, "Tidak ada berkas yang ditulis",
            seconds=30, peak_mb=500)
    assert snapshot(out) == {}
    sample = measure("templat", own_templates, "--contoh-saja")
    refused(sample, *expected, seconds=30, peak_mb=500)
    assert not (own_templates / "contoh-gaya.pdf").exists()


def test_a_reference_docx_measure_that_is_no_number_is_named(unit, own_templates, tmp_path):
    from docx.oxml.ns import qn

    def garbled(document) -> None:
        document.styles["Normal"].element.get_or_add_rPr().get_or_add_sz().set(qn("w:val"), "dua belas")
    _reference(own_templates, garbled)
    run = measure("keputusan", "2021", "--inputs", unit, "--out", tmp_path / "out", "--templates", own_templates)
    refused(run, "reference.docx", "nilai 'dua belas' pada w:sz w:val bukan ukuran yang sah", seconds=30,
            peak_mb=500)


def test_a_number_pattern_a_gigabyte_wide_is_refused_at_once(unit, tmp_path):
    """Issue 28: {nomor:0>999999999} in penomoran.pola took 235 s and 11.6 GB, then an OverflowError traceback."""
    profile = unit / "unit.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace('pola: "{kode}-{nomor} TAHUN {tahun}"',
                                                                   'pola: "{kode}-{nomor:0>999999999}"'),
                       encoding="utf-8")
    decree = unit / "2021" / "keputusan-tim-rb.yaml"
    decree.write_text(decree.read_text(encoding="utf-8").replace('nomor: "120.05-1487 TAHUN 2021"',
                                                                 'kode_klasifikasi: "120.05"'), encoding="utf-8")
    out = tmp_path / "out"
    run = measure("keputusan", "2021", "--inputs", unit, "--out", out)
    refused(run, "unit.yaml", "kunci 'penomoran.pola'", "lebar isian {nomor:0>999999999} terlalu besar",
            seconds=20, peak_mb=400)
    assert snapshot(out) == {}


# ------------------------------------------------------------------ the logo, embedded in every document


def _logo(unit: Path, name: str) -> None:
    profile = unit / "unit.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("logo: logo.png", f"logo: {name}"),
                       encoding="utf-8")


@pytest.mark.parametrize("width, height, expected", [
    (6_000, 6_000, "raksasa.png berukuran 6000 x 6000 piksel, lebih dari batas 25 juta piksel"),
    (40_000, 25_000, "raksasa.png lebih dari batas 25 juta piksel"),  # past Pillow's own ceiling too
], ids=["36-megapixels", "a-billion-pixels"])
def test_a_logo_of_too_many_pixels_is_refused_before_it_is_decoded(unit, tmp_path, width, height, expected):
    from PIL import Image

    Image.new("1", (width, height)).save(unit / "raksasa.png")  # a small file: gigabytes of pixels once decoded
    _logo(unit, "raksasa.png")
    out = tmp_path / "out"
    run = measure("keputusan", "2021", "--inputs", unit, "--out", out)
    refused(run, "unit.yaml", "kunci 'kop.logo'", expected, seconds=20, peak_mb=400)
    assert snapshot(out) == {}


def test_a_logo_file_of_twenty_megabytes_is_refused_by_its_size(unit, tmp_path):
    logo = unit / "berat.png"
    logo.write_bytes((unit / "logo.png").read_bytes() + b"\0" * (20 * 1024 * 1024))  # trailing bytes after IEND
    _logo(unit, "berat.png")
    out = tmp_path / "out"
    run = measure("keputusan", "2021", "--inputs", unit, "--out", out)
    refused(run, "unit.yaml", "kunci 'kop.logo'", "berat.png berukuran 20 MB, lebih dari batas 8 MB",
            seconds=20, peak_mb=400)
    assert snapshot(out) == {}
