"""The print file's writer: sources' pages joined object by object, one source open at a time."""

from __future__ import annotations

import pikepdf
import pytest

from conftest import pdf_text
from reportgen.errors import OutputError
from reportgen.output.pdf_join import JoinedPdf

INFO = {"/Title": "Pakta Integritas 2021 - berkas cetak", "/Author": "Direktorat Jenderal Politik dan Pemerintahan Umum"}


def make_pdf(path, words: list[str], identity: bool = False) -> None:
    """Write a PDF of one page per word (the pages share one font), with PDF/A identification when asked."""
    with pikepdf.new() as pdf:
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        for word in words:
            page = pdf.add_blank_page(page_size=(595.275591, 841.889764))
            page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
            page.Contents = pdf.make_stream(b"BT /F1 24 Tf 72 700 Td (%s) Tj ET" % word.encode())
        if identity:
            pdf.Root.Metadata = pdf.make_stream(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>",
                                                Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
            pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent,
                                                                       S=pikepdf.Name.GTS_PDFA1)])
            pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary({"/Title": "dari sumber"}))
        pdf.save(path, fix_metadata_version=False)


@pytest.fixture
def sources(tmp_path):
    make_pdf(tmp_path / "a.pdf", ["satu", "dua"], identity=True)
    make_pdf(tmp_path / "b.pdf", ["tiga", "empat", "lima"])
    return tmp_path / "a.pdf", tmp_path / "b.pdf"


def join(target, sources, duplex=False, keep_identity=False):
    joined = JoinedPdf(target)
    try:
        joined.add(sources[0], [1, 1], duplex, keep_identity=keep_identity)
        joined.add(sources[1], [3], duplex)
        return joined.finish(None if keep_identity else INFO)
    finally:
        joined.close()


def test_pages_come_in_order_with_a_blank_back_after_each_odd_document(sources, tmp_path):
    target = tmp_path / "cetak.pdf"
    assert join(target, sources, duplex=True) == 8  # satu, back, dua, back, tiga, empat, lima, back
    assert [pdf_text(target, page).split() for page in range(1, 9)] == \
        [["satu"], [], ["dua"], [], ["tiga"], ["empat"], ["lima"], []]
    with pikepdf.open(target) as pdf:
        assert len(pdf.pages) == 8
        assert not pdf.check_pdf_syntax()
        assert {str(k): str(v) for k, v in pdf.docinfo.items()} == INFO
        assert pdf.trailer.ID[0] == pdf.trailer.ID[1]
        fonts = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"]
        assert len(fonts) == 2  # each source's shared font written once
        assert [bool(p.obj.Contents.read_bytes()) if "/Contents" in p.obj else False for p in pdf.pages] == \
            [True, False, True, False, True, True, True, False]


def test_the_same_sources_give_the_same_bytes(sources, tmp_path):
    join(tmp_path / "x.pdf", sources)
    join(tmp_path / "y.pdf", sources)
    assert (tmp_path / "x.pdf").read_bytes() == (tmp_path / "y.pdf").read_bytes()
    assert pdf_text(tmp_path / "x.pdf").split() == ["satu", "dua", "tiga", "empat", "lima"]


def test_a_pdfa_print_file_keeps_the_first_sources_identification(sources, tmp_path):
    target = tmp_path / "cetak.pdf"
    join(target, sources, keep_identity=True)
    with pikepdf.open(target) as pdf:
        assert pdf.Root.Metadata.read_bytes() == b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>"
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        assert str(pdf.docinfo.Title) == "dari sumber"


def test_a_join_let_go_of_leaves_nothing_and_an_unwritable_folder_is_said(sources, tmp_path):
    target = tmp_path / "cetak.pdf"
    joined = JoinedPdf(target)
    joined.add(sources[0])
    joined.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]
    with pytest.raises(OutputError, match="Tidak dapat menulis"):
        JoinedPdf(tmp_path / "tidak-ada" / "cetak.pdf").add(sources[0])
