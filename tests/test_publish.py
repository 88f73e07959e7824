"""The one publish path: a kind defined here publishes like the shipped ones, with no change elsewhere;
the staged folder survives crashes and concurrent runs; the register takes a number only with the files."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from conftest import docx_text, pdf_text
from reportgen.documents.kinds import Draft, Drafts, DocumentKind, Request
from reportgen.documents.publish import Settings, publish, publish_year
from reportgen.documents.registry import KINDS, kind_names
from reportgen.documents.summary import summary_lines
from reportgen.errors import InputError, OutputError, ProblemCollector
from reportgen.inputs.yaml_file import read_yaml
from reportgen.model.blocks import MAIN_SIGNER, Document, DocumentMeta, Signatures, para
from reportgen.model.parts import letterhead, signer_column
from reportgen.output.atomic import BACKUP_PREFIX, StagedFolder
from reportgen.trust.check import verify_files
from reportgen.trust.register import Register


def _load_note(request: Request, problems: ProblemCollector):
    path = request.folder.year_file(request.year, "nota.yaml")
    data = read_yaml(path) or {}
    if not isinstance(data.get("isi"), str):
        problems.add(path, "isi nota harus berupa teks", key="isi", found=str(data.get("isi")))
    return data


def _draft_note(request: Request, data, number) -> Drafts:
    profile = request.profile
    document = Document(
        DocumentMeta(f"Nota Dinas {request.year}", profile.full_name, subject="Nota dinas uji",
                     date=dt.date(request.year, 5, 2)),
        profile.page_setup(),
        (letterhead(profile), para("NOTA DINAS", "judul-besar"), para(data["isi"]),
         Signatures((signer_column(profile.head, ("Jakarta,",), main=True),))),
    )
    return Drafts([Draft(kind="nota-dinas", document=document, stem=f"nota-dinas-{request.year}",
                         identity="nota")], facts=("1 nota",))


NOTE = DocumentKind(key="nota-dinas", title="Nota dinas", inputs=("nota.yaml",), load=_load_note,
                    draft=_draft_note, register_names={"nota-dinas": "Nota Dinas"})


def test_a_kind_defined_in_a_test_publishes_like_the_shipped_ones(example, tmp_path):
    (example / "2021" / "nota.yaml").write_text("isi: Rapat koordinasi Tim RB pada hari Senin.\n")
    out = tmp_path / "out"
    settings = Settings(inputs=example, out=out, year=2021)
    result = publish([(NOTE, {})], settings)
    (published,) = result.published
    assert [f.path.name for f in published.files] == ["nota-dinas-2021.pdf", "nota-dinas-2021.docx"]
    assert published.files[0].pages == 1
    pdf = out / "2021" / "nota-dinas-2021.pdf"
    assert "Rapat koordinasi Tim RB" in pdf_text(pdf) and "Rapat koordinasi Tim RB" in docx_text(pdf.with_suffix(".docx"))
    lines = summary_lines(result)
    assert lines[0].startswith("Nota dinas: 1 nota; 2 berkas dalam")
    assert lines[-1] == f"Dicatat di register {out / 'register.sqlite'}"
    findings, text = verify_files([pdf], out / "register.sqlite", kind_names(KINDS + (NOTE,)))
    assert findings[0].status == "asli" and "Nota Dinas" in "\n".join(text)
    # build over a registry that holds it: made when its input exists, skipped with the reason otherwise
    both = publish_year(settings, (NOTE,))
    assert [p.kind.key for p in both.published] == ["nota-dinas"]
    (example / "2021" / "nota.yaml").unlink()
    skipped = publish_year(settings, (NOTE,))
    assert summary_lines(skipped) == [f"Nota dinas: dilewati, {example / '2021' / 'nota.yaml'} tidak ada"]


def test_every_input_of_every_kind_is_checked_before_anything_is_written(example, tmp_path):
    (example / "2021" / "nota.yaml").write_text("isi: [1, 2]\n")
    (example / "2021" / "keputusan-tim-rb.yaml").write_text("tanggal: bukan-tanggal\n")
    out = tmp_path / "out"
    with pytest.raises(InputError) as caught:
        publish_year(Settings(inputs=example, out=out, year=2021), KINDS + (NOTE,))
    text = str(caught.value)
    assert "nota.yaml, kunci 'isi'" in text and "keputusan-tim-rb.yaml, kunci 'tanggal'" in text
    assert not out.exists()


def test_a_failed_decree_takes_no_number(example, tmp_path):
    """A decree that fails after drafting (a character no font has) leaves no trace in the register."""
    decree = example / "2021" / "keputusan-tim-rb.yaml"
    text = decree.read_text(encoding="utf-8")
    decree.write_text("kode_klasifikasi: \"120.05\"\n" + "\n".join(
        line for line in text.splitlines() if not line.startswith("nomor")) + "\n", encoding="utf-8")
    unit = example / "unit.yaml"
    good = unit.read_text(encoding="utf-8")
    unit.write_text(good.replace("Jakarta Pusat", "Jakarta Pusat \U000F0000"), encoding="utf-8")
    out = tmp_path / "out"
    kind = [k for k in KINDS if k.key == "keputusan"]
    with pytest.raises(Exception):
        publish([(kind[0], {})], Settings(inputs=example, out=out, year=2021))
    if (out / "register.sqlite").exists():
        with Register(out / "register.sqlite") as reg:
            assert reg.entries(kind="keputusan") == []
    unit.write_text(good, encoding="utf-8")
    result = publish([(kind[0], {})], Settings(inputs=example, out=out, year=2021))
    assert "Nomor 120.05-1 TAHUN 2021" in " ".join(result.published[0].facts)


def test_a_staged_folder_is_written_by_one_run_at_a_time(tmp_path):
    final = tmp_path / "2021" / "pakta-integritas"
    with StagedFolder(final) as first:
        (first.staging / "a.pdf").write_bytes(b"1")
        with pytest.raises(OutputError, match="sedang ditulis oleh proses reportgen lain"):
            with StagedFolder(final):
                pass
        assert (first.staging / "a.pdf").exists()  # the second run did not remove the first one's work
        first.commit()
    assert (final / "a.pdf").read_bytes() == b"1"


def test_a_crash_between_the_two_renames_keeps_the_old_folder(tmp_path):
    final = tmp_path / "2021" / "pakta-integritas"
    final.mkdir(parents=True)
    (final / "lama.pdf").write_bytes(b"old")
    # the state a kill leaves after the first rename: the old folder under its backup name, no final folder
    os.replace(final, final.parent / f"{BACKUP_PREFIX}{final.name}")
    with StagedFolder(final) as staged:
        assert (final / "lama.pdf").read_bytes() == b"old"  # put back before anything else
        (staged.staging / "baru.pdf").write_bytes(b"new")
        staged.commit()
    assert sorted(p.name for p in final.iterdir()) == ["baru.pdf"]
    assert not (final.parent / f"{BACKUP_PREFIX}{final.name}").exists()


def test_a_killed_run_leaves_the_old_or_the_new_folder_whole(tmp_path):
    """Kill a child process at each step of the swap; the next run always finds a whole folder."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from reportgen.output.atomic import StagedFolder\n"
        "final = Path(sys.argv[1]); step = sys.argv[2]\n"
        "real = os.replace\n"
        "def replace(a, b):\n"
        "    if step == 'sebelum-ganti' or (step == 'antara' and 'lama' in str(b)):\n"
        "        real(a, b) if step == 'antara' else None\n"
        "        os._exit(9)\n"
        "    real(a, b)\n"
        "os.replace = replace\n"
        "with StagedFolder(final) as s:\n"
        "    (s.staging / 'baru.pdf').write_bytes(b'new')\n"
        "    s.commit()\n"
    )
    for step in ("sebelum-ganti", "antara"):
        final = tmp_path / step / "2021" / "pakta-integritas"
        final.mkdir(parents=True)
        (final / "lama.pdf").write_bytes(b"old")
        killed = subprocess.run([sys.executable, "-c", script, str(final), step])
        assert killed.returncode == 9
        with StagedFolder(final):
            assert sorted(p.name for p in final.iterdir()) == ["lama.pdf"]


def test_sign_finds_the_main_signer_of_every_kind_by_its_name(example, tmp_path):
    from pypdf import PdfReader

    from reportgen.trust.sign import signature_box

    out = tmp_path / "out"
    plan = example / "2021" / "rencana-aksi.yaml"
    assert plan.exists()
    publish_year(Settings(inputs=example, out=out, year=2021, formats=("pdf",)), KINDS)
    files = sorted((out / "2021").glob("*.pdf")) + sorted((out / "2021" / "pakta-integritas").glob("1*.pdf"))[:1]
    assert len(files) == 8  # 4 documents + 3 of the Zona Integritas + 1 pact
    for pdf in files:
        names = PdfReader(str(pdf)).named_destinations
        assert any(n == MAIN_SIGNER or n.startswith(MAIN_SIGNER + "-") for n in names), pdf.name
        found = signature_box(pdf.read_bytes())
        assert found is not None, pdf.name
    report = out / "2021" / "laporan-capaian-rb-2021.pdf"
    page, _ = signature_box(report.read_bytes())
    assert "KATA PENGANTAR" in pdf_text(report, page + 1)  # the foreword's signature, not the last page
