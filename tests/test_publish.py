"""The one publish path: a kind defined here publishes like the shipped ones, with no change elsewhere;
the staged folder survives crashes and concurrent runs; the register takes a number only with the files."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from conftest import docx_text, pdf_text, run_cli
from reportgen.documents.kinds import Ask, Draft, Drafts, DocumentKind, Request
from reportgen.documents.publish import Settings, publish, publish_year
from reportgen.documents.registry import KINDS, kind_names
from reportgen.documents.summary import summary_lines
from reportgen.errors import InputError, OutputError, ProblemCollector
from reportgen.inputs.catalogue import InputFile
from reportgen.inputs.yaml_file import read_yaml
from reportgen.model.blocks import Document, DocumentMeta, Signatures, para
from reportgen.model.parts import letterhead, signer_column
from reportgen.output.atomic import StagedFolder
from reportgen.trust.check import verify_files
from reportgen.trust.register import Register
from reportgen.model.page import page_setup
from reportgen.unit import Unit


def _load_note(request: Request, problems: ProblemCollector):
    path = request.year_file("nota.yaml")
    data = read_yaml(path) or {}
    if not isinstance(data.get("isi"), str):
        problems.add(path, "isi nota harus berupa teks", key="isi", found=str(data.get("isi")))
    return data


def _draft_note(request: Request, data, number) -> Drafts:
    profile = request.profile
    document = Document(
        DocumentMeta(f"Nota Dinas {request.year}", profile.full_name, subject="Nota dinas uji",
                     date=dt.date(request.year, 5, 2)),
        page_setup(profile),
        (letterhead(profile), para("NOTA DINAS", "judul-besar"), para(data["isi"]),
         Signatures((signer_column(profile.head, ("Jakarta,",), main=True),))),
    )
    return Drafts([Draft(kind="nota-dinas", document=document, stem=f"nota-dinas-{request.year}",
                         identity="nota")], facts=("1 nota",))


NOTE = DocumentKind(key="nota-dinas", title="Nota dinas", inputs=(InputFile("nota.yaml", "Isi nota dinas", "yaml"),),
                    load=_load_note,
                    draft=_draft_note, register_names={"nota-dinas": "Nota Dinas"})


@pytest.mark.slow
def test_a_kind_defined_in_a_test_publishes_like_the_shipped_ones(example, tmp_path):
    (example / "2021" / "nota.yaml").write_text("isi: Rapat koordinasi Tim RB pada hari Senin.\n")
    out = tmp_path / "out"
    settings = Settings(Unit(example, out), year=2021)
    result = publish([Ask(NOTE)], settings)
    (published,) = result.published
    assert [f.path.name for f in published.files] == ["nota-dinas-2021.pdf", "nota-dinas-2021.docx"]
    assert published.files[0].pages == 1
    pdf = out / "2021" / "nota-dinas-2021.pdf"
    assert "Rapat koordinasi Tim RB" in pdf_text(pdf) and "Rapat koordinasi Tim RB" in docx_text(pdf.with_suffix(".docx"))
    lines = summary_lines(result)
    assert lines[0].startswith("Nota dinas: 1 nota; 2 berkas dalam")
    assert lines[-1] == f"Dicatat di register {example / 'register.sqlite'}"
    findings, text = verify_files([pdf], example / "register.sqlite", kind_names(KINDS + (NOTE,)))
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
        publish_year(Settings(Unit(example, out), year=2021), KINDS + (NOTE,))
    text = str(caught.value)
    assert "nota.yaml, kunci 'isi'" in text and "keputusan-tim-rb.yaml, kunci 'tanggal'" in text
    assert not out.exists()


@pytest.mark.slow
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
        publish([Ask(kind[0])], Settings(Unit(example, out), year=2021))
    if (example / "register.sqlite").exists():
        with Register(example / "register.sqlite") as reg:
            assert reg.entries(kind="keputusan") == []
    unit.write_text(good, encoding="utf-8")
    result = publish([Ask(kind[0])], Settings(Unit(example, out), year=2021))
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


def test_a_killed_commit_leaves_every_file_whole_and_foreign_files_in_place(tmp_path):
    """Kill a child process in the middle of moving the files in: each file is the old or the new one, whole;
    the file a person put in the folder is never touched."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from reportgen.output.atomic import StagedFolder\n"
        "final = Path(sys.argv[1])\n"
        "real, moved = os.replace, []\n"
        "def replace(a, b):\n"
        "    if len(moved) == 2:\n"
        "        os._exit(9)\n"
        "    moved.append(b); real(a, b)\n"
        "os.replace = replace\n"
        "with StagedFolder(final) as s:\n"
        "    for i in range(5):\n"
        "        (s.staging / f'{i}.pdf').write_bytes(b'new' * 100)\n"
        "    s.commit()\n"
    )
    final = tmp_path / "2021" / "pakta-integritas"
    final.mkdir(parents=True)
    for i in range(5):
        (final / f"{i}.pdf").write_bytes(b"old" * 100)
    (final / "catatan-pribadi.txt").write_text("jangan dihapus")
    killed = subprocess.run([sys.executable, "-c", script, str(final)])
    assert killed.returncode == 9
    with StagedFolder(final):
        assert sorted(p.read_bytes() for p in final.glob("*.pdf")) == [b"new" * 100] * 2 + [b"old" * 100] * 3
        assert (final / "catatan-pribadi.txt").read_text() == "jangan dihapus"


@pytest.mark.slow
def test_a_rerun_keeps_signed_and_foreign_files_and_a_much_shorter_list_asks_first(example, tmp_path):
    out = tmp_path / "out"
    folder = out / "2021" / "pakta-integritas"
    assert run_cli("pakta", "2021", "--inputs", example, "--out", out, "--format", "pdf", "--jobs", "1").exit_code == 0
    pacts = sorted(folder.glob("1*.pdf"))
    signed = pacts[0].with_name(pacts[0].stem + "-ttd.pdf")
    signed.write_bytes(pacts[0].read_bytes())  # as `reportgen tandatangani` leaves it beside the original
    (folder / "daftar-hadir.xlsx").write_bytes(b"milik sekretariat")
    again = run_cli("pakta", "2021", "--inputs", example, "--out", out, "--format", "pdf", "--jobs", "1")
    assert again.exit_code == 0, again.output
    assert signed.exists() and (folder / "daftar-hadir.xlsx").read_bytes() == b"milik sekretariat"
    # a one-row list would drop 19 pacts: refused, nothing changed, then allowed with --ganti-semua
    from factories import make_roster

    make_roster(tmp_path / "satu.xlsx", 1)
    before = sorted(p.name for p in folder.iterdir())
    short = run_cli("pakta", "2021", "--inputs", example, "--out", out, "--format", "pdf", "--jobs", "1",
                    "--roster", tmp_path / "satu.xlsx")
    assert short.exit_code == 1 and "akan menghapus 21 dari 21 dokumen" in short.output and "--ganti-semua" in short.output
    assert sorted(p.name for p in folder.iterdir()) == before
    replaced = run_cli("pakta", "2021", "--inputs", example, "--out", out, "--format", "pdf", "--jobs", "1",
                       "--roster", tmp_path / "satu.xlsx", "--ganti-semua")
    assert replaced.exit_code == 0, replaced.output
    assert len(list(folder.glob("1*[0-9a-z].pdf"))) == 2  # the one new pact and the signed copy
    assert signed.exists() and (folder / "daftar-hadir.xlsx").exists()
    assert "21 pakta yang tidak lagi ada di daftar pegawai dihapus (berkasnya juga): " in replaced.output


@pytest.mark.slow
def test_verify_says_when_an_issued_file_was_superseded(example, tmp_path):
    out = tmp_path / "out"
    assert run_cli("keputusan", "2021", "--inputs", example, "--out", out, "--format", "pdf").exit_code == 0
    first = out / "2021" / "keputusan-tim-rb-2021.pdf"
    old = tmp_path / "lama.pdf"
    old.write_bytes(first.read_bytes())
    import time

    time.sleep(1.1)  # the register keeps the time to the second
    decree = example / "2021" / "keputusan-tim-rb.yaml"
    decree.write_text(decree.read_text(encoding="utf-8").replace("tanggal: 2021-03-08", "tanggal: 2021-03-09"),
                      encoding="utf-8")
    assert run_cli("keputusan", "2021", "--inputs", example, "--out", out, "--format", "pdf").exit_code == 0
    check = run_cli("periksa", "--inputs", example, "--out", out, old, first)
    assert "ASLI, tetapi sudah diganti dengan terbitan" in check.output
    assert f"ASLI  {first}" in check.output


@pytest.mark.slow
def test_killing_a_run_ends_its_workers(example, tmp_path):
    """`kill -9` of the main process: its worker processes end too, instead of writing on for minutes."""
    import signal
    import time

    from factories import make_roster

    make_roster(tmp_path / "besar.xlsx", 300)
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "pacts", "--inputs", str(example), "--out",
                             str(tmp_path / "out"), "--year", "2021", "--roster", str(tmp_path / "besar.xlsx"),
                             "--jobs", "2", "--format", "pdf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children() -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        return [int(p) for p in found]

    deadline = time.time() + 60
    while time.time() < deadline and len(children()) < 2:
        time.sleep(0.1)
    workers = children()
    assert len(workers) >= 2, "the batch never started its workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(os.path.exists(f"/proc/{w}") for w in workers):
        time.sleep(0.1)
    alive = [w for w in workers if os.path.exists(f"/proc/{w}") and "Z" not in open(f"/proc/{w}/stat").read().split()[2]]
    assert not alive, f"workers still running after their parent was killed: {alive}"


@pytest.mark.slow
def test_redo_one_person_keeps_the_others_and_rebuilds_the_print_file(example, tmp_path):
    import openpyxl

    out = tmp_path / "out"
    folder = out / "2021" / "pakta-integritas"
    args = ("pakta", "2021", "--inputs", example, "--out", out, "--format", "pdf", "--jobs", "1")
    assert run_cli(*args).exit_code == 0
    roster = example / "2021" / "pegawai.xlsx"
    book = openpyxl.load_workbook(roster)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    nip_col, office_col = headers.index("NIP") + 1, headers.index("Jabatan") + 1
    first, second = (str(sheet.cell(r, nip_col).value).replace(" ", "") for r in (2, 3))
    sheet.cell(2, office_col).value = "Jabatan Baru Yang Pertama"
    sheet.cell(3, office_col).value = "Jabatan Baru Yang Kedua"
    book.save(roster)
    before = {p.name: p.read_bytes() for p in folder.glob("*.pdf")}
    result = run_cli(*args, "--nip", first)
    assert result.exit_code == 0, result.output
    assert "1 pakta dibuat ulang: 1 berubah, 0 tetap sama; 20 lainnya tidak disentuh" in result.output
    assert f"berkas cetak disusun ulang: {folder / 'pakta-integritas-2021-cetak.pdf'}" in result.output
    after = {p.name: p.read_bytes() for p in folder.glob("*.pdf")}
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert len(changed) == 2 and changed[0].startswith(first) and changed[1] == "pakta-integritas-2021-cetak.pdf"
    printed = pdf_text(folder / "pakta-integritas-2021-cetak.pdf")
    assert "Jabatan Baru Yang Pertama" in printed and "Jabatan Baru Yang Kedua" not in printed
    assert len(PdfReaderPages(folder / "pakta-integritas-2021-cetak.pdf")) == 21
    check = run_cli("periksa", "--inputs", example, "--out", out, *sorted(folder.glob("*.pdf")))
    assert check.exit_code == 0, check.output
    unknown = run_cli(*args, "--nip", "199901012020011001")
    assert unknown.exit_code == 1 and "tidak ada di daftar pegawai" in unknown.output


def PdfReaderPages(path):
    from pypdf import PdfReader

    return PdfReader(str(path)).pages


@pytest.mark.slow
def test_a_run_killed_while_moving_files_in_leaves_only_genuine_files(example, tmp_path):
    """The register records the new files before they replace the old: killed in the middle of the move,
    every file on disk is one the register issued, and a rerun finishes the job."""
    out = tmp_path / "out"
    args = ["pakta", "2021", "--inputs", str(example), "--out", str(out), "--format", "pdf", "--jobs", "1"]
    assert run_cli(*args).exit_code == 0
    settings_file = example / "2021" / "pakta-integritas.yaml"
    settings_file.write_text("tanggal: 2021-03-18\ntempat: Bogor\n", encoding="utf-8")  # every pact changes
    script = (
        "import os, sys\n"
        "from reportgen.cli import main\n"
        "real, moved = os.replace, []\n"
        "def replace(a, b):\n"
        "    if str(b).endswith('.pdf') and 'pakta-integritas' in str(b) and '.reportgen-' not in str(b):\n"
        "        if len(moved) == 7:\n"
        "            os._exit(9)\n"
        "        moved.append(b)\n"
        "    real(a, b)\n"
        "os.replace = replace\n"
        "main(sys.argv[1:])\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    assert killed.returncode == 9, killed.stderr
    folder = out / "2021" / "pakta-integritas"
    texts = [pdf_text(p) for p in sorted(folder.glob("1*.pdf"))]
    assert sum("Bogor, 18 Maret 2021" in t for t in texts) == 7 and len(texts) == 21  # a mix of new and old
    check = run_cli("periksa", "--inputs", example, "--out", out, *sorted(folder.glob("*.pdf")))
    assert check.exit_code == 0, check.output  # all ASLI, old and new alike
    assert "sidik kunci" in check.output
    assert run_cli(*args).exit_code == 0  # the rerun finishes the job
    assert all("Bogor, 18 Maret 2021" in pdf_text(p) for p in folder.glob("1*.pdf"))


def test_a_kinds_options_are_typed_and_an_unknown_one_is_an_error():
    """A misspelt option never silently gives the default: each kind takes its own frozen dataclass."""
    import dataclasses

    from reportgen.documents import decree, pacts

    with pytest.raises(TypeError):
        pacts.PactChoices(tangal=dt.date(2021, 3, 17))  # misspelt
    with pytest.raises(TypeError):
        Ask(pacts.KIND, decree.DecreeChoices())  # another kind's options
    with pytest.raises(TypeError):
        Ask(decree.KIND, only=("199001012020011001",))  # one decree: nothing to remake by NIP
    for kind in KINDS:
        options = kind.options()
        assert dataclasses.is_dataclass(options) and Ask(kind).options == options
        with pytest.raises(dataclasses.FrozenInstanceError):
            for f in dataclasses.fields(options):
                setattr(options, f.name, None)
            raise dataclasses.FrozenInstanceError  # a kind without options
