"""Shared test helpers: run the CLI, read text from PDF and DOCX as a user would, snapshot folders."""

from __future__ import annotations

import gc
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def pytest_configure(config):
    """Run Python's cyclic collector rarely in the test processes, as reportgen's batches do: the modules and
    fixtures alive are frozen out of its reach, and layouts allocate millions of short-lived objects (about
    13 % of the suite's processor time)."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


# The test files that take longest (tens of seconds each), run first: the two worker processes take whole
# files (`--dist loadfile`), so long files left for last would keep one of them busy while the other idles.
LONGEST_FIRST = ("test_install_server.py", "test_keep_together.py", "test_pacts.py", "test_web.py", "test_publish.py",
                 "test_web_attacks.py", "test_year_built.py", "test_action_plan.py", "test_look.py")


# Fixtures that start a real LibreOffice, and module fixtures that publish whole years, batches or a server:
# every test using one is slow (`pytest -m "not slow"` leaves it out). (test file or "*", fixture)
SLOW_FIXTURES = {
    ("*", "to_pdf_with_libreoffice"),
    ("test_year_built.py", "built"),            # the example's whole year, every kind
    ("test_pdfa.py", "pdfa_pacts"),             # a PDF/A batch of pacts
    ("test_annual_report.py", "report"),        # the report in both formats
    ("test_web_app.py", "server"),              # a server with an example unit
    ("test_web_attacks.py", "server"),          # the real server on loopback, attacked
    ("test_zona_integritas.py", "documents"),   # the three ZI documents
    ("test_decree.py", "made"),                 # the example's decree and a 62-member one
    ("test_sign.py", "batch"),                  # a batch of pacts and a certificate
    ("test_verify.py", "issued"),               # a published batch
    ("test_verification.py", "marked_pacts"),   # a published batch with QR codes
}


def pytest_collection_modifyitems(session, config, items):
    """Mark the tests that lay documents out through LibreOffice as slow, and order the files: the longest first
    (LONGEST_FIRST), then the others as collected; each file's own tests keep their order (some share what an
    earlier test of the file made)."""
    for item in items:
        used = getattr(item, "fixturenames", ())
        if any(name in used and where in ("*", item.path.name) for where, name in SLOW_FIXTURES):
            item.add_marker(pytest.mark.slow)
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: files and tests keep their order


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def example(tmp_path) -> Path:
    """A private copy of the example inputs folder."""
    target = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", target, ignore=shutil.ignore_patterns("register.sqlite*"))
    return target


def web_on_example(root: Path, name: str, password: str, role: str = "operator"):
    """Return (config, app) of a web app on a copy of the example inputs under `root`, with one account."""
    from reportgen.unit import Unit
    from reportgen.web.accounts import add_user
    from reportgen.web.app import create_app
    from reportgen.web.config import WebConfig

    shutil.copytree(ROOT / "inputs", root / "inputs", ignore=shutil.ignore_patterns("register.sqlite*"))
    config = WebConfig(Unit(root / "inputs", root / "out", data_option=root / "data"), jobs=1)
    add_user(config.accounts, name, password, role)
    return config, create_app(config)


def run_cli(*args: str, cwd: Path | None = None):
    """Run reportgen in-process and return Click's result (exit_code, output)."""
    from reportgen.cli.commands import main

    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False, prog_name="reportgen")
    finally:
        os.chdir(old)


def pdf_text(path: Path, page: int | None = None, layout: bool = False) -> str:
    """Return the text pdftotext extracts (reading order, or line by line with layout), one page or all."""
    args = ["pdftotext"] + (["-layout"] if layout else [])
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(path: Path) -> int:
    """Return the page count of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def docx_text(path: Path) -> str:
    """Return the DOCX body text in document order, table cells included, one paragraph a line."""
    from docx import Document

    doc = Document(str(path))
    lines: list[str] = []

    def walk(element):
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":  # a line break is a space; a non-breaking hyphen (U+2011) is the hyphen it shows
                lines.append("".join(t.text or "" if t.tag.endswith("}t") else "\t" if t.tag.endswith("}tab") else " "
                                     for t in child.iter() if t.tag.endswith(("}t", "}tab", "}br"))
                                     ).replace("\u2011", "-"))
            elif tag in ("tbl", "tr", "tc", "sdt", "sdtContent"):
                walk(child)

    walk(doc.element.body)
    return "\n".join(lines)


def normalize(text: str) -> str:
    """Return text with all whitespace collapsed, for comparing formats."""
    return " ".join(text.split())


def assert_in_order(text: str, expected: list[str]) -> None:
    """Assert that each expected string occurs in `text`, in this order."""
    flat = normalize(text)
    position = 0
    for item in expected:
        found = flat.find(normalize(item), position)
        assert found >= 0, f"{item!r} not found after position {position} in: ...{flat[position:position + 300]}"
        position = found + len(normalize(item))


def words(text: str) -> list[str]:
    """Return the words of a text, for comparing the reading order of two formats."""
    return normalize(text.replace("\u00ad", "")).split()


# What every page carries besides the document's text: its number ("- 2 -", "- ii -") and the verification
# footer. They repeat once a page, and the programs draw them at different points of a page (WeasyPrint
# draws the number last, LibreOffice first), so they would interleave with the text at different places.
_PAGE_NUMBER = re.compile(r"-\s*(?:\d+|[ivxlcdm]+)\s*-", re.IGNORECASE)
_VERIFICATION = re.compile(r"Kode\s+verifikasi:\s+\S+\s+Periksa\s+keaslian:\s+(?:reportgen\s+periksa\s+)?\S+")
# A dot leader of the table of contents: WeasyPrint draws as many dots as fit the line, LibreOffice its own
# count, sometimes spaced (". . ."). Three dots or more, so a sentence's full stop stays.
_DOT_LEADER = re.compile(r"(?:\s?\.){3,}")


def content_words(pdf: Path, repeated_headers: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Return the words of a PDF in content-stream order, leaving out what belongs to a page, not to the text.

    `pdftotext -raw` gives the words in the order they are drawn: a table row's cells one after the other,
    each cell's text whole, however a cell wraps. So two layouts of the same text (WeasyPrint's PDF and
    LibreOffice's of the DOCX) give the same sequence even where their lines break differently.

    Removed, because it belongs to a page and each program puts pages elsewhere:
    - the page number line ("- 2 -", "- ii -") and the verification footer ("Kode verifikasi: ..." and its
      sentence), printed once a page;
    - dot leaders of the table of contents (their length depends on the line);
    - a table header row repeated at the top of a continuation page: each of `repeated_headers` (the header
      row's text, as words) is dropped where it opens a page's content AND has already occurred earlier in
      the document. The two programs break a long table before different rows, so the repeats fall at
      different places; the table's first header row (where the table starts, even at a page top) is text
      and stays, as do a header's words anywhere else. (Should one program start a second table with the
      same header at a page top and the other not, the comparison fails: a false alarm, not a hidden
      difference. Whether every page has its header is for the tests of each document to check.)
    """
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    headers = [h.split() for h in repeated_headers]
    seen: set[int] = set()  # indexes of the headers that have occurred so far
    result: list[str] = []
    for page in text.split("\f"):
        lines = [line for line in page.splitlines() if not _PAGE_NUMBER.fullmatch(line.strip())]
        flat = _DOT_LEADER.sub(" ", _VERIFICATION.sub(" ", "\n".join(lines)))
        page_words = flat.replace("\u00ad", "").split()
        for index, header in enumerate(headers):
            if index in seen and page_words[:len(header)] == header:
                page_words = page_words[len(header):]
                break
        for index, header in enumerate(headers):
            if any(page_words[i:i + len(header)] == header for i in range(len(page_words) - len(header) + 1)):
                seen.add(index)
        result += page_words
    return result


# The example unit's letterhead (inputs/unit.yaml, kop), as words.
EXAMPLE_LETTERHEAD = ("KEMENTERIAN DALAM NEGERI DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM Jalan Medan "
                      "Merdeka Utara Nomor 7, Jakarta Pusat 10110 Telepon (021) 3450038, Laman "
                      "www.polpum.kemendagri.go.id").split()


def snapshot(folder: Path) -> dict[str, str]:
    """Return relative path -> SHA-256 of every file under a folder (empty when it doesn't exist)."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def libreoffice_available() -> bool:
    return shutil.which("soffice") is not None


@pytest.fixture(scope="session")
def libreoffice_profile(tmp_path_factory) -> Path:
    """One LibreOffice user profile per test process: made once (a few seconds), then reused by every
    conversion of that process (each pytest-xdist worker has its own)."""
    return tmp_path_factory.getbasetemp() / "lo-profile"


@pytest.fixture
def to_pdf_with_libreoffice(tmp_path, libreoffice_profile):
    """Convert DOCX files to PDF with LibreOffice (skipped outside CI when it's absent; fails in CI)."""
    if not libreoffice_available():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required under CI")
        pytest.skip("LibreOffice (soffice) not installed: DOCX layout checks skipped")

    def convert(paths: list[Path]) -> list[Path]:
        outdir = tmp_path / "libreoffice"
        outdir.mkdir(exist_ok=True)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{libreoffice_profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(outdir)] + [str(p) for p in paths],
                       check=True, capture_output=True, timeout=600)
        return [outdir / (Path(p).stem + ".pdf") for p in paths]

    return convert


@pytest.fixture(autouse=True)
def the_example_inputs_stay_clean():
    """No test may leave a register in the repository's own inputs/ (its default place is beside unit.yaml):
    tests that publish use a copy of the example (`example`) or name a register."""
    register = ROOT / "inputs" / "register.sqlite"
    existed = register.exists()
    yield
    assert existed or not register.exists(), "this test wrote inputs/register.sqlite; use the `example` fixture"


@pytest.fixture(scope="session")
def drafted_kinds(tmp_path_factory) -> dict:
    """Every kind's documents drafted from the example inputs and marked with a fixed key, without a register
    or a renderer (key -> list of block-tree documents): for tests of the writers."""
    import datetime as dt

    from reportgen.documents.kinds import Request
    from reportgen.documents.registry import KINDS
    from reportgen.errors import ProblemCollector
    from reportgen.trust.ids import Marker
    from reportgen.unit import Unit

    inputs = tmp_path_factory.mktemp("contoh") / "inputs"  # without the register a run may have left beside it
    shutil.copytree(ROOT / "inputs", inputs, ignore=shutil.ignore_patterns("register.sqlite*"))
    unit = Unit(inputs)
    profile = unit.profile
    marker = Marker(b"\x01" * 32, profile.verification_url)
    found = {}
    for kind in KINDS:
        options = kind.options(date=dt.date(2021, 3, 17)) if kind.key == "pakta-integritas" else kind.options()
        request = Request(unit, profile, 2021, options)
        problems = ProblemCollector()
        loaded = kind.load(request, problems)
        assert not [p for p in problems.problems if not p.warning], problems.problems
        drafts = kind.draft(request, loaded, lambda numbering, *_: numbering.number or "120.05-1 TAHUN 2021")
        found[kind.key] = [marker.mark(kind.key, d.document).document for d in drafts.drafts]
    return found
