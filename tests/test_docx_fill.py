"""The DOCX writer's batch path: a document filled into its shape's parts has the bytes of the same document
built alone with python-docx, whatever its text and whatever the writer rendered before."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import zipfile

import pytest
from docx import Document as open_docx

from conftest import ROOT
from factories import LONG_NAME, make_roster
from reportgen.errors import ProblemCollector
from reportgen.inputs.folder import InputFolder
from reportgen.model import blocks as b
from reportgen.model.action_plan import PlanOptions, build_plan, build_realization
from reportgen.model.decree import build_decree
from reportgen.model.pact import PactOptions, build_pact
from reportgen.inputs.profile import load_profile
from reportgen.render.docx import DocxWriter
from reportgen.render.docx_fill import NotFillable, shape
from reportgen.render.docx_package import FIXED_ZIP_TIME, package_members, zip_bytes, zip_entry
from reportgen.inputs.schemas.decree import load_decree
from reportgen.inputs.schemas.plan import load_plan
from reportgen.inputs.schemas.roster import load_roster
from reportgen.inputs.schemas.team import load_team
from reportgen.trust.ids import Marker
from reportgen.model.page import page_setup

REFERENCE = ROOT / "templates" / "reference.docx"

# Names as a roster may hold them, and a few no roster should (they must still come out right).
NAMES = [
    "PT Maju & Jaya <Persero>",
    "Budi \"Bud\" O'Neil, S.H.",
    "{{ nama }} {% if x %}ya{% endif %}",
    "a > b < c && d;",
    LONG_NAME,
    "Sangat Panjang " * 20 + "Sekali",  # 300 characters: the core properties cut it at 255
    "Ñoño Çağlar Ṡ 𝔸𝔹 – “kutip” …",
    "  Spasi di tepi ",
    "Tab\tdi tengah",
    "Baris\nbaru",
    "Teks \ue000 pribadi",
    "Mirip \ue0001\ue001 penanda",
    "&amp; &lt;sudah&gt; &#38;",
    "]]> <![CDATA[ x ]]>",
]


def docx_paragraphs(data: bytes) -> list[str]:
    """Return every paragraph text of a DOCX body, tables included, in order."""
    document = open_docx(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def alone(document: b.Document) -> bytes:
    """Return the document built with python-docx by a writer that never rendered anything else."""
    return DocxWriter(REFERENCE).render_alone(document)


@pytest.fixture(scope="module")
def profile():
    return load_profile(ROOT / "inputs" / "unit.yaml")


@pytest.fixture(scope="module")
def pacts(profile, tmp_path_factory) -> list[b.Document]:
    """About 40 pacts: tricky names and offices, empty optional fields, witness or not, QR or not."""
    path = tmp_path_factory.mktemp("roster") / "pegawai.xlsx"
    make_roster(path, 44, long_names=2)
    signers = load_roster(path, None, ProblemCollector())
    rng = random.Random(3)
    markers = [Marker(b"rahasia", None), Marker(b"rahasia", "https://polpum.kemendagri.go.id/verifikasi/{id}"),
               Marker(b"rahasia", None, show=False)]
    documents = []
    for i, signer in enumerate(signers):
        changes = {}
        if i < len(NAMES) * 2:
            changes["name"] = NAMES[i % len(NAMES)]
        if i % 3 == 0:
            changes["agency"] = rng.choice(["Dinas <Kominfo> & Statistik", "Biro \"Umum\"", "Inspektorat"])
        if i % 4 == 1:  # the supervisor witnesses, with or without NIP
            changes.update(supervisor_name=rng.choice(NAMES[:4] + ["Dr. Hadi Santoso"]),
                           supervisor_nip=None if i % 8 == 1 else "197105151993031004",
                           supervisor_office="Kepala Bagian <Umum> & Kepegawaian")
        if i % 9 == 4:
            changes["office"] = "Analis \"Kebijakan\" > Ahli < Muda & Madya"
        signer = dataclasses.replace(signer, **changes)
        options = PactOptions(dt.date(2021, 3, 17), rng.choice(["Jakarta", "Bandar Lampung & Sekitarnya"]),
                              with_witness=i % 5 != 2)
        document = markers[i % 3].mark("pakta-integritas", build_pact(profile, signer, options)).document
        documents.append(document)
    # empty texts where the writer branches on emptiness: a row without label, without text, an empty run
    fields = documents[5].blocks[3]
    rows = fields.rows + (b.DefinitionRow("", "lanjutan tanpa label"), b.DefinitionRow("Catatan", ""))
    documents.append(dataclasses.replace(documents[5], blocks=documents[5].blocks[:3] + (
        dataclasses.replace(fields, rows=rows), b.Paragraph((b.Span(""), b.Span("tebal", bold=True))))
        + documents[5].blocks[4:]))
    documents.append(dataclasses.replace(documents[6], meta=dataclasses.replace(
        documents[6].meta, keywords=("Pakta & Integritas",) * 30)))  # joined keywords longer than 255
    return documents


@pytest.mark.slow
def test_a_batch_of_pacts_gives_the_bytes_of_each_pact_built_alone(pacts):
    writer = DocxWriter(REFERENCE)
    builds = []
    build = writer.build
    writer.build = lambda document: builds.append(document) or build(document)
    for document in pacts:
        data = writer.render(document)
        assert data == alone(document), document.meta.title
        assert data == DocxWriter(REFERENCE).render(document)
    # python-docx built each shape once (and each pact the fill refuses); every other pact was filled
    shapes, refused = set(), 0
    for document in pacts:
        try:
            shapes.add(shape(document)[0])
        except NotFillable:
            refused += 1
    assert refused == 4 and len(builds) == len(shapes) + refused < len(pacts) / 2


def test_a_pact_again_after_others_gives_the_same_bytes(pacts):
    writer = DocxWriter(REFERENCE)
    first = [writer.render(d) for d in pacts]
    assert [writer.render(d) for d in reversed(pacts)] == first[::-1]


def test_filled_pacts_show_their_own_text(pacts):
    writer = DocxWriter(REFERENCE)
    for document in pacts[:len(NAMES)]:
        data = writer.render(document)
        name = document.blocks[3].rows[0].text
        assert any(name in text for text in docx_paragraphs(data)), name
        core = open_docx(io.BytesIO(data)).core_properties
        assert core.title == (document.meta.title if len(document.meta.title) <= 255
                              else document.meta.title[:252] + "...")


def test_texts_the_writer_changes_are_part_of_the_shape():
    page = b.PageSetup(210, 297, 20, 20, 25, 30, "Arial", 12, numbers_from=None)
    meta = b.DocumentMeta("Judul", "Unit", date=dt.date(2021, 1, 1))

    def doc(text: str) -> b.Document:
        return b.Document(meta, page, (b.para(text),))

    plain_a, plain_b = shape(doc("Budi & <Siti>")), shape(doc("x"))
    assert plain_a[0] == plain_b[0] and plain_a[1] == ["Judul", "Unit", "Budi & <Siti>"]
    for special in ("a\tb", "a\nb", " tepi", "tepi ", "", "\x0bvt"):
        assert shape(doc(special))[0] != plain_a[0], repr(special)
    with pytest.raises(NotFillable):
        shape(doc("\ue001"))


def example_documents(profile) -> dict[str, b.Document]:
    folder = InputFolder(ROOT / "inputs")
    problems = ProblemCollector()
    settings = load_decree(folder.year_file(2021, "keputusan-tim-rb.yaml"), profile, 2021, problems)
    members = load_team(folder.year_file(2021, "tim-rb.xlsx"), None, problems, settings.positions)
    activities = load_plan(folder.year_file(2021, "rencana-aksi.xlsx"), None, problems, realization=True)
    assert not problems.problems
    options = PlanOptions(year=2021, date=dt.date(2021, 3, 1), per=dt.date(2021, 9, 30), quarterly=True)
    documents = {"decree": build_decree(profile, settings, members, "120.05-17 TAHUN 2021"),
                 "decree-2": build_decree(profile, settings, members, "120.05-18 & <19> TAHUN 2021"),
                 "plan": build_plan(profile, activities, options),
                 "realization": build_realization(profile, activities, options)}
    marker = Marker(b"rahasia", "https://polpum.kemendagri.go.id/verifikasi/{id}")
    for name in list(documents):
        documents[f"{name}+qr"] = marker.mark(name, documents[name]).document
    return documents


@pytest.mark.slow
def test_decree_and_action_plan_fill_as_they_build(profile):
    documents = example_documents(profile)
    writer = DocxWriter(REFERENCE)
    built = {name: alone(document) for name, document in documents.items()}
    for name, document in list(documents.items()) * 2:  # the second round is filled
        assert writer.render(document) == built[name], name


def every_block(profile, text: str, number: int) -> b.Document:
    """Return a document with every block kind (headings, contents, sections, tables, pictures)."""
    rows = (b.Row((b.Cell(f"Kelompok {text}", colspan=3),), style="grup"),
            b.Row((b.Cell("1"), b.Cell(f"Isi {text} & lain-lain"), b.Cell(""))),
            b.Row((b.Cell("2", shade=True), b.Cell(text, style="tabel-isi-kanan"), b.Cell(str(number)))),
            b.Row((b.Cell("Jumlah", colspan=2), b.Cell(str(number * 3))), style="jumlah"))
    table = b.Table((b.Column("No", 10, "center"), b.Column(f"Uraian {text}", 70), b.Column("Nilai", 20, "right")),
                    rows)
    toc = b.TableOfContents((b.TocEntry(f"BAB I {text}", 1, "bab-1", "1"),
                             b.TocEntry("Latar <Belakang>", 2, "bab-1-1", str(number), "arab")))
    chapter = b.Section((b.Heading(("BAB I", f"PENDAHULUAN {text}"), 1, "bab-1"),
                         b.Heading(("Latar <Belakang>",), 2, "bab-1-1", style="subbab"),
                         b.Paragraph((b.Span(f"Teks {text} "), b.Span("miring", italic=True), b.Span("."))),
                         table,
                         b.NumberedList((b.ListItem("a.", f"butir {text}"), b.ListItem("b.", "butir dua"))),
                         b.PageBreak(),
                         b.Image(profile.logo, 30, caption=f"Gambar {text}"),
                         b.AttachmentHeader((b.DefinitionRow("Nomor", f"{number}/{text}"),
                                             b.DefinitionRow("", "tanpa label")), f"LAMPIRAN {text}")),
                        numbering="arab")
    front = b.Section((b.para(f"KATA PENGANTAR {text}", "judul"), toc), numbering="romawi")
    meta = b.DocumentMeta(f"Laporan {text}", "Unit & Co", subject=text, keywords=(text, "RB"),
                          date=dt.date(2021, 12, 31))
    return b.Document(meta, page_setup(profile), (b.Letterhead(profile.logo, (b.para(text, "kop-1"),)),
                                                   front, chapter))


def test_documents_with_every_block_fill_as_they_build_in_any_order(profile):
    first, second = every_block(profile, "Satu", 7), every_block(profile, "Dua <&> \"tiga\"", 12)
    marked = Marker(b"rahasia", None).mark("laporan", second).document
    writer = DocxWriter(REFERENCE)
    for document in (first, second, marked, first, marked):
        assert writer.render(document) == alone(document)
    # the slow path too leaves nothing behind for the next document (page numbering, field update, bookmarks)
    builder = DocxWriter(REFERENCE)
    assert [builder.render_alone(d) for d in (first, second, first)] == [alone(first), alone(second), alone(first)]


def reference_zip(members: list[tuple[str, bytes]]) -> bytes:
    """Return the members zipped by zipfile itself, as the DOCX writer wrote them before."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, blob, compresslevel=6)
    return out.getvalue()


def test_zip_entries_deflated_once_give_zipfiles_bytes(pacts):
    writer = DocxWriter(REFERENCE)
    members = package_members(writer.build(pacts[1]))
    members += [("word/média/ñ.xml", "<a>ñ</a>".encode()), ("kosong.bin", b""),
                ("acak.bin", random.Random(1).randbytes(70_000))]
    assert zip_bytes([zip_entry(name, blob) for name, blob in members]) == reference_zip(members)
    assert zipfile.ZipFile(io.BytesIO(zip_bytes([zip_entry(n, d) for n, d in members]))).testzip() is None
