"""A batch keeps nothing per document in the main process once the document is rendered: its register request and
page count go to a spool file, its manifest row to the manifest as it grows, the print file's ID to a running hash."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from factories import make_roster
from reportgen.documents import pacts, publish as publishing
from reportgen.documents.kinds import Ask
from reportgen.output import batch
from reportgen.output.batch import InOrder, ItemResult, ManifestWriter, run_batch
from reportgen.output.spool import Spool
from reportgen.trust.register import Register
from reportgen.unit import Unit


def test_a_spool_reads_its_records_back_in_order_as_often_as_asked_and_removes_its_file():
    spool = Spool()
    spool.extend([("a", 1), ("b", 2)])
    assert list(spool) == [("a", 1), ("b", 2)]
    spool.append(("c", 3))
    assert list(spool) == [("a", 1), ("b", 2), ("c", 3)] and len(spool) == 3
    path = spool.path
    assert os.path.exists(path)
    spool.close()
    assert not os.path.exists(path)


def test_a_spool_let_go_of_removes_its_file():
    spool = Spool()
    spool.append(1)
    path = spool.path
    del spool
    assert not os.path.exists(path)


def test_chunks_finishing_out_of_order_are_handed_on_in_the_batchs_order():
    taken = []
    ordered = InOrder(lambda n, payload: taken.append((n, payload)))
    ordered.add(2, "c")
    ordered.add(1, "b")
    assert taken == []
    ordered.add(0, "a")
    ordered.add(3, "d")
    assert taken == [(0, "a"), (1, "b"), (2, "c"), (3, "d")]
    ordered.finish()
    ordered.add(5, "f")
    with pytest.raises(AssertionError):
        ordered.finish()


def test_a_manifest_written_row_by_row_reads_as_excel_shows_it_and_a_failed_one_leaves_nothing(tmp_path):
    writer = ManifestWriter(tmp_path, ("pdf",))
    writer.add([{"nama": "=Budi", "nip": "1"}], [ItemResult(0, {"pdf": ("a.pdf", "00")}, 1)])
    writer.add([{"nama": "Siti", "nip": "2"}], [ItemResult(1, {"pdf": ("b.pdf", "11")}, 1)])
    assert not (tmp_path / "manifest.csv").exists()  # put in place whole, at the end
    assert writer.finish() == "manifest.csv"
    data = (tmp_path / "manifest.csv").read_bytes()
    assert data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows == [["nama", "nip", "berkas_pdf", "sha256_pdf"], ["'=Budi", "1", "a.pdf", "00"],
                    ["Siti", "2", "b.pdf", "11"]]
    failed = tmp_path / "failed"
    failed.mkdir()
    writer = ManifestWriter(failed, ("pdf",))
    writer.add([{"nama": "Budi"}], [ItemResult(0, {"pdf": ("a.pdf", "00")}, 1)])
    writer.close()
    assert list(failed.iterdir()) == []


@pytest.mark.slow
def test_a_batch_keeps_nothing_per_document_once_rendered_and_lists_its_files_from_the_spool(example, tmp_path,
                                                                                              monkeypatch):
    count = 130  # three chunks of 50 and the tail's: more than one chunk, in two worker processes
    make_roster(tmp_path / "daftar.xlsx", count)
    results = []

    def watched(*args, **kwargs):
        results.append(run_batch(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(batch, "run_batch", watched)
    register = tmp_path / "register.sqlite"
    out = tmp_path / "out"
    result = publishing.publish(
        [Ask(pacts.KIND, pacts.PactChoices(roster=tmp_path / "daftar.xlsx", date=dt.date(2021, 3, 17)))],
        publishing.Settings(Unit(example, out, register_option=register), year=2021, formats=("pdf",), jobs=2))
    assert [r.items for r in results] == [[]]  # each chunk's results went to the spool, none kept in the result
    published = result.published[0]
    folder = out / "2021" / "pakta-integritas"
    on_disk = sorted(p.name for p in folder.iterdir())
    listed = [f.path.name for f in published.files]
    assert sorted(listed) == on_disk and len(published.files) == count + 2  # each pact, the print file, manifest
    assert listed[-2:] == [published.print_file.path.name, "manifest.csv"]
    assert [f.pages for f in published.document_files] == [1] * count
    assert published.files[0] == next(iter(published.files)) and published.files[-1] == published.manifest
    with open(folder / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["berkas_pdf"] for r in rows] == listed[:count]  # the list's order
    assert [r["baris"] for r in rows] == [str(i) for i in range(2, count + 2)]
    with Register(register, read_only=True) as reg:
        documents = reg.entries(2021, pacts.KEY)
        (print_entry,) = reg.entries(2021, pacts.PRINT_KEY)
    assert len(documents) == count and {len(e.files) for e in documents} == {1}
    # the print file's ID comes from the documents it holds, in order, hashed as they came in: as if all were held
    by_file = {Path(e.files[0].path).name: e.inputs_sha256 for e in documents}
    whole = "\n".join(["Pakta Integritas 2021 - berkas cetak", "False"] + [by_file[name] for name in listed[:count]])
    assert print_entry.inputs_sha256 == hashlib.sha256(whole.encode()).hexdigest()

