"""The register on PostgreSQL: the guarantees of the SQLite one (numbers never repeat for a unit, a number is taken
only in the transaction that records the files, concurrent runs from separate processes get consecutive numbers),
and a SQLite register moved there verifies every earlier document. A real server: Debian's postgresql, a throwaway
cluster made by initdb in a temporary folder, run by an unprivileged user (tests/pg_server.py)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from pg_server import Server, binaries

pytest.importorskip("psycopg")
pytestmark = pytest.mark.skipif(binaries() is None and not __import__("os").environ.get("CI"),
                                reason="PostgreSQL is not installed (Debian: apt-get install postgresql)")


@pytest.fixture(scope="module")
def server():
    running = Server()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def database(server) -> str:
    """The URL of a new, empty database."""
    return server.database()


def test_a_new_register_in_postgresql_numbers_records_and_finds_as_sqlite(database):
    from reportgen.conventions.document_numbers import NumberPattern
    from reportgen.trust.register import IssueRequest, NumberMoved, Register, RegisterUrl, key_fingerprint

    pattern = NumberPattern("{kode}/{nomor}/{tahun}")
    location = RegisterUrl(database)
    assert not location.exists()
    with Register(location) as register:
        secret = register.secret()
        number, reused = register.peek_number(kind="keputusan", year=2021, identity="tim", date=dt.date(2021, 1, 4),
                                              code="800", number=None, pattern=pattern)
        assert (number, reused) == ("800/1/2021", False)

        def request(identity: str, drafted: str) -> IssueRequest:
            return IssueRequest(kind="keputusan", year=2021, identity=identity, date=dt.date(2021, 1, 4),
                                subject="Tim", person=None, inputs_sha256="x", doc_id=f"ID-{identity}",
                                files=((Path(f"/hasil/{identity}.pdf"), "pdf", "ab" * 32, 10),), code="800",
                                pattern=pattern, drafted_number=drafted)
        register.issue_batch([request("tim", number)])
        with pytest.raises(NumberMoved):  # drafted with a number another run has taken since: nothing recorded
            register.issue_batch([request("tim-lain", number)])
        assert [e.number for e in register.entries()] == ["800/1/2021"]
        register.issue_batch([request("tim-lain", "800/2/2021")])
        assert register.find_file("ab" * 32)[0][0].number == "800/1/2021"
        assert register.find_id("ID-tim-lain")[0][0].serial == 2
    assert location.exists()
    with Register(location, read_only=True) as again:  # the key stays: printed codes keep matching
        assert again.fingerprint() == key_fingerprint(secret)
        assert [e.serial for e in again.entries()] == [1, 2]


WRITER = textwrap.dedent('''
    import datetime as dt, sys, time
    from pathlib import Path
    from reportgen.conventions.document_numbers import NumberPattern
    from reportgen.trust.register import IssueRequest, NumberMoved, Register

    url, identity, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
    pattern = NumberPattern("{kode}/{nomor}/{tahun}")
    time.sleep(max(0.0, start - time.time()))  # all twenty begin together
    while True:  # as publish does: draft with the number the register would give, record, again if it moved
        with Register(url) as register:
            number, _ = register.peek_number(kind="keputusan", year=2021, identity=identity,
                                             date=dt.date(2021, 1, 4), code="800", number=None, pattern=pattern)
            try:
                register.issue_batch([IssueRequest(
                    kind="keputusan", year=2021, identity=identity, date=dt.date(2021, 1, 4), subject=identity,
                    person=None, inputs_sha256=None, doc_id=None,
                    files=((Path("/hasil") / f"{identity}.pdf", "pdf", identity.encode().hex(), 1),),
                    code="800", pattern=pattern, drafted_number=number)])
                print(number)
                break
            except NumberMoved:
                continue
''')


def test_twenty_concurrent_runs_from_separate_processes_get_numbers_1_to_20(database):
    """Twenty processes, started together, each take a number for its own decree against one PostgreSQL register:
    serials 1 to 20, none twice, none skipped, each with its file."""
    import time

    from reportgen.trust.register import Register

    with Register(database):
        pass  # the register made first: the twenty race for numbers, not for its tables
    start = time.time() + 3
    runs = [subprocess.Popen([sys.executable, "-c", WRITER, database, f"tim-{i}", str(start)],
                             stdout=subprocess.PIPE, text=True) for i in range(20)]
    numbers = [run.communicate(timeout=120)[0].strip() for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert sorted(numbers, key=lambda n: int(n.split("/")[1])) == [f"800/{i}/2021" for i in range(1, 21)]
    with Register(database, read_only=True) as register:
        entries = register.entries()
    assert sorted(e.serial for e in entries) == list(range(1, 21))
    assert all(len(e.files) == 1 and e.files[0].path.endswith(f"{e.identity}.pdf") for e in entries)


@pytest.mark.slow
def test_a_moved_register_verifies_every_earlier_document_and_numbers_on(example, tmp_path, database):
    """A unit's SQLite register moved with `daftar --pindahkan-ke`: every document issued before checks ASLI
    against PostgreSQL, the decree keeps its number, and the SQLite file refuses to number again."""
    out = tmp_path / "out"
    made = run_cli("keputusan", "2021", "--inputs", str(example), "--out", str(out))
    assert made.exit_code == 0, made.output
    made = run_cli("pakta", "2021", "--inputs", str(example), "--out", str(out))
    assert made.exit_code == 0, made.output
    files = sorted(str(p) for p in out.rglob("*") if p.suffix in (".pdf", ".docx"))
    decree = (out / "2021" / "keputusan-tim-rb-2021.pdf").read_bytes()
    moved = run_cli("daftar", "--inputs", str(example), "--pindahkan-ke", database)
    assert moved.exit_code == 0, moved.output
    assert "dipindahkan ke postgresql://" in moved.output and "setiap baris diperiksa sama" in moved.output

    checked = run_cli("periksa", *files, "--inputs", str(example), "--register", database)
    assert checked.exit_code == 0, checked.output
    assert checked.output.count("ASLI") == len(files) and "DIUBAH" not in checked.output

    again = run_cli("keputusan", "2021", "--inputs", str(example), "--out", str(out), "--register", database)
    assert again.exit_code == 0, again.output
    assert "nomor tetap seperti sebelumnya" in again.output
    assert (out / "2021" / "keputusan-tim-rb-2021.pdf").read_bytes() == decree  # the same key, the same bytes
    refused = run_cli("keputusan", "2021", "--inputs", str(example), "--out", str(tmp_path / "out3"))
    assert refused.exit_code != 0 and "sudah dipindahkan ke postgresql://" in refused.output


def test_the_register_option_takes_a_postgresql_url_and_never_shows_its_password():
    from reportgen.trust.register import RegisterUrl, register_location
    from reportgen.unit import Unit

    unit = Unit(ROOT / "inputs", register_option="postgresql://rb:rahasia@db.unit.go.id/reportgen")
    assert isinstance(unit.register, RegisterUrl)
    assert "rahasia" not in str(unit.register) and "rb:***@db.unit.go.id" in str(unit.register)
    assert register_location("register.sqlite") == Path("register.sqlite")


def test_the_web_pages_runs_live_in_the_postgresql_register_for_every_server(database, tmp_path):
    import json
    import time

    from reportgen.trust.register import Register, RegisterUrl
    from reportgen.unit import Unit
    from reportgen.web.jobs import Busy, RunStore

    unit = Unit(tmp_path / "inputs", tmp_path / "out", register_option=database)
    first, second = RunStore(unit), RunStore(unit)  # two server processes, perhaps on two hosts
    assert first.state(2021) is None
    run = {"id": "a1", "year": 2021, "status": "berjalan", "label": "Menunggu giliran di pelaksana proses"}
    first.begin(2021, run)
    with pytest.raises(Busy):
        second.begin(2021, {**run, "id": "b2"})
    assert second.state(2021)["label"] == run["label"]
    assert second.claim("host-2:7") == run and first.claim("host-1:5") is None  # one runner takes it
    second.save({**run, "label": "Membuat Pakta Integritas"}, "berjalan")
    assert first.state(2021)["label"] == "Membuat Pakta Integritas"
    with Register(RegisterUrl(database)) as register:  # its runner gone: no state written for a minute
        register.save_run("a1", "berjalan", json.dumps(run), time.time() - 60)
    assert first.state(2021)["status"] == "terhenti"
    first.begin(2021, {**run, "id": "c3"})  # and the year may run again
    assert second.claim("host-2:7", "c3")["id"] == "c3"
