"""The archive guard: a package is refused before any parser reads it when a part would inflate past its limits."""

from __future__ import annotations

import io
import zipfile

import pytest

from reportgen.guards.archives import DOCUMENT_LIMITS, WORKBOOK_LIMITS, ArchiveLimits, ArchiveRefused, check_archive


def _package(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def test_a_workbook_of_ordinary_size_passes_with_its_parts_listed():
    data = _package({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                     "xl/worksheets/sheet1.xml": b"<row>" + b"<c t='s'><v>1</v></c>" * 20_000 + b"</row>"})
    assert [p.filename for p in check_archive(data)] == ["[Content_Types].xml", "xl/workbook.xml",
                                                         "xl/worksheets/sheet1.xml"]


def test_a_part_that_inflates_a_thousand_times_is_refused_naming_it():
    data = _package({"xl/worksheets/sheet1.xml": b"\0" * (4 * 1024 * 1024)})
    with pytest.raises(ArchiveRefused) as refused:
        check_archive(data)
    assert refused.value.part == "xl/worksheets/sheet1.xml"
    assert "mengembang" in str(refused.value) and "batas 200 kali" in str(refused.value)


def test_the_shared_strings_have_their_own_cap_whatever_they_compress_to():
    strings = bytes(range(256)) * (65 * 4096)  # 65 MiB that compress poorly: under the ratio, over the cap
    data = _package({"xl/sharedStrings.xml": strings})
    with pytest.raises(ArchiveRefused) as refused:
        check_archive(data, WORKBOOK_LIMITS)
    assert "xl/sharedStrings.xml berukuran 65,0 MB bila dibuka, lebih dari batas 64,0 MB" in str(refused.value)


def test_too_many_parts_and_too_much_in_all_are_refused():
    with pytest.raises(ArchiveRefused, match="berisi 11 bagian, lebih dari batas 10"):
        check_archive(_package({f"p{i}.xml": b"x" for i in range(11)}), ArchiveLimits(members=10))
    with pytest.raises(ArchiveRefused, match="seluruh isinya"):
        check_archive(_package({"a.xml": b"x" * 600, "b.xml": b"y" * 600}), ArchiveLimits(total_bytes=1000))


def test_a_styles_part_of_a_reference_docx_is_capped():
    with pytest.raises(ArchiveRefused, match="word/styles.xml"):
        check_archive(_package({"word/styles.xml": b"<w:styles/>" * (2 * 1024 * 1024)}), DOCUMENT_LIMITS)


def test_what_is_not_a_zip_package_is_said_by_zipfile():
    with pytest.raises(zipfile.BadZipFile):
        check_archive(b"not a zip at all")


@pytest.mark.parametrize("reader", ["read_table", "read_grid", "sheet_names"])
def test_every_workbook_reader_refuses_a_bomb_before_reading_it(tmp_path, reader):
    from reportgen.errors import InputError
    from reportgen.inputs import tables

    bomb = tmp_path / "lke.xlsx"
    bomb.write_bytes(_package({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                               "xl/worksheets/sheet1.xml": b"\0" * (4 * 1024 * 1024)}))
    with pytest.raises(InputError) as refused:
        getattr(tables, reader)(bomb)
    assert "xl/worksheets/sheet1.xml mengembang" in str(refused.value)
