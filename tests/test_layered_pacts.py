"""Pacts in two layers (issue 26): for a roster that exercises every layout (long names and titles, wrapped
positions, witness or none, a superior as witness, PPPK, another agency, A4 and F4, a restyled reference.docx,
a pact set in smaller type to stay on one page, no verification mark), each pact from the two-layer path and
from the single pass, rasterised at 150 dpi, differs in no pixel, and pdftotext gives the same text in the same
order (reading order, raw drawing order and layout)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from conftest import ROOT
from factories import LONG_NAME, nip_for
from reportgen.conventions.civil_service import parse_pangkat
from reportgen.documents.look import apply_look
from reportgen.errors import ProblemCollector
from reportgen.inputs.profile import load_profile
from reportgen.inputs.schemas.roster import Signer
from reportgen.model import blocks as b
from reportgen.model.pact import ONE_PAGE, PactOptions, build_pact
from reportgen.render.pdf import PdfRenderer
from reportgen.render.template_folder import shipped_templates_dir
from reportgen.trust.ids import Marker

LONG_OFFICE = ("Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan pada Bagian Perencanaan dan Keuangan "
               "Sekretariat Direktorat Jenderal Politik dan Pemerintahan Umum")
LONGER_OFFICE = LONG_OFFICE + (" yang juga merangkap sebagai Koordinator Pelaksana Kegiatan Reformasi Birokrasi serta "
                               "Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korupsi Tahun 2021")
OFFICES = ["Analis Kebijakan Ahli Muda", "Kepala Subbagian Tata Usaha", "Direktur Kewaspadaan Nasional",
           "Kepala Subdirektorat Kelembagaan Politik Dalam Negeri", LONG_OFFICE]
NAMES = ["Budi Santoso, S.H.", "Dr. Siti Rahmawati, S.Sos., M.Si.", "Ir. Agus Prasetyo", "Hj. Dewi Lubis, S.STP.",
         "José Núñez & <b>Rudi</b>, M.A.P.", "Drs. H. Wahyu Hartono, S.IP., M.Si."]


def roster() -> list[Signer]:
    """Return officials of every layout: short and long names and offices, a superior as witness (with a long
    office), PPPK, another agency, and one whose office and name only fit one page in smaller type."""
    people = []
    for i in range(24):
        name = LONG_NAME if i in (3, 17) else NAMES[i % len(NAMES)]
        pppk = i % 7 == 5
        grade = parse_pangkat("IX" if pppk else ["III/a", "Penata Tingkat I (III/d)", "IV/b", "IV/c"][i % 4])
        supervisor = i % 5 == 4
        people.append(Signer(
            row=i + 2, name=name, nip=nip_for(i, random.Random(i)), pangkat=grade, office=OFFICES[i % len(OFFICES)],
            agency="Badan Kesatuan Bangsa dan Politik Provinsi Daerah Khusus Ibukota Jakarta" if i == 9 else None,
            supervisor_name="Dr. Bahtiar, M.Si." if supervisor else None,
            supervisor_nip="197105151993031004" if supervisor else None,
            supervisor_office=("Sekretaris Direktorat Jenderal Politik dan Pemerintahan Umum Kementerian Dalam Negeri"
                               if i % 10 == 4 else "Direktur Kewaspadaan Nasional") if supervisor else None,
            pppk=pppk))
    people.append(dataclasses.replace(  # the longest: on one page only in smaller type, even on F4 paper
        people[4], row=30, name=LONG_NAME, office=(LONGER_OFFICE + ", " + LONG_OFFICE)[:480],
        nip="198001012005011030"))
    return people


def restyle(doc) -> None:
    """A unit's own look: F4 paper, Normal in 11 pt Liberation Serif, justified fields, centred signers."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Liberation Serif", Pt(11)
    doc.styles["isian"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name in ("ttd", "ttd-nama"):
        doc.styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def templates(folder: Path, change=None) -> Path:
    shutil.copytree(shipped_templates_dir(), folder, ignore=shutil.ignore_patterns("__*"))
    if change:
        doc = open_docx(str(folder / "reference.docx"))
        change(doc)
        doc.save(str(folder / "reference.docx"))
    return folder


def pacts(template_folder: Path, witness: bool, mark: bool) -> tuple[list[b.Document], b.DocumentMeta]:
    problems = ProblemCollector()
    profile = apply_look(load_profile(ROOT / "inputs" / "unit.yaml"), template_folder, problems)
    options = PactOptions(dt.date(2021, 3, 17), "Jakarta", with_witness=witness)
    marker = Marker(b"\x02" * 32, profile.verification_url, show=mark)
    documents = [marker.mark("pakta-integritas", build_pact(profile, s, options)).document for s in roster()]
    meta = b.DocumentMeta(title="Pakta Integritas 2021 - berkas cetak", author=profile.full_name, date=dt.date(2021, 3, 17))
    return documents, meta


def rasterised(pdf: bytes, folder: Path, name: str) -> list[bytes]:
    """Return each page of a PDF as pdftoppm draws it at 150 dpi (PPM: header and every pixel)."""
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", str(path), str(folder / name)], check=True)
    return [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.ppm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))]


def text(pdf: bytes, folder: Path, *mode: str) -> str:
    path = folder / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *mode, str(path), "-"], check=True, capture_output=True, text=True).stdout


CASES = {  # look, with a witness, with a verification mark
    "a4-witness": (None, True, True),
    "a4-no-witness": (None, False, True),
    "f4-restyled-witness": (restyle, True, True),
    "f4-restyled-no-mark": (restyle, True, False),
}
SMALLER = {"a4-witness", "a4-no-witness"}  # where the longest pact is set in smaller type (F4 holds it)


@pytest.fixture(scope="module", params=sorted(CASES))
def both(request, tmp_path_factory):
    change, witness, mark = CASES[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    renderer = PdfRenderer(templates(folder / "templat", change))
    documents, meta = pacts(folder / "templat", witness, mark)
    layered = renderer.render_batch(documents, meta, layered=True, fit=ONE_PAGE)
    single = renderer.render_batch(documents, meta, layered=False, fit=ONE_PAGE)
    return folder, renderer, documents, meta, layered, single, request.param


def test_the_roster_needs_every_layout(both):
    """The roster is what the pixel test says it is: one page each, the longest pacts in smaller type (on A4),
    and nearly all pacts drawn over a layout shared with others."""
    _, renderer, documents, meta, layered, single, case = both
    assert layered.pages == single.pages == [1] * len(documents) and not layered.spilled
    assert layered.documents == single.documents
    sizes = [d.page.font_size_pt for d in layered.documents]
    assert sizes.count(sizes[0]) >= len(sizes) - 3 and (sizes[-1] < sizes[0]) == (case in SMALLER)
    placed = renderer.planner.place(layered.documents, meta)
    assert sum(p is None for p in placed) <= 1, [i for i, p in enumerate(placed) if p is None]  # in two layers
    forms = {id(p.form) for p in placed if p is not None}
    assert 2 <= len(forms) <= len(documents) // 3  # a handful of layouts, each shared


def test_each_pact_of_both_paths_is_the_same_in_every_pixel(both):
    folder, _, documents, _, layered, single, _ = both
    ours, theirs = rasterised(layered.combined, folder, "lapis"), rasterised(single.combined, folder, "sekali")
    assert len(ours) == len(theirs) == len(documents)
    different = [i for i, (a, c) in enumerate(zip(ours, theirs)) if a != c]
    assert not different, f"pacts {different} differ"
    for i in (0, 3, len(documents) - 1):  # the files users get: one pact each, cut from the batch's PDF
        assert rasterised(layered.singles[i], folder, f"lapis{i}") == rasterised(single.singles[i], folder, f"sekali{i}")


def test_each_pact_of_both_paths_has_the_same_text_in_the_same_order(both):
    folder, _, documents, _, layered, single, _ = both
    for i, (ours, theirs) in enumerate(zip(layered.singles, single.singles)):
        for mode in ((), ("-raw",), ("-layout",)):
            assert text(ours, folder, *mode) == text(theirs, folder, *mode), (i, mode)
    assert documents[3].blocks[3].rows[0].text in " ".join(text(layered.singles[3], folder).split())


def test_fonts_are_embedded_and_subset_and_the_signers_place_is_named(both):
    folder, _, documents, _, layered, _, _ = both
    for i in (0, 3, len(documents) - 1):
        path = folder / "fonts.pdf"
        path.write_bytes(layered.singles[i])
        lines = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()
        fonts = [line.split() for line in lines[2:]]
        assert fonts and all(f[-5] == "yes" and f[-4] == "yes" for f in fonts), lines  # embedded, subset
        with pikepdf.open(path) as pdf:
            names = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
            assert f"{b.MAIN_SIGNER}-{i + 1}" in names and len(pdf.pages) == 1
            assert str(pdf.docinfo["/Title"]) == documents[i].meta.title
