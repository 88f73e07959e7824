"""The web page's runs are jobs in the register database: the server records a run, a runner process of its own
executes it (the page never forks from a server thread), a second or restarted server process sees its state,
progress and owner; a runner stopped mid-run leaves its run 'terhenti', no file written, and the year free to run
again."""

from __future__ import annotations

import shutil
import time

import pytest

from conftest import ROOT
from factories import make_roster

from reportgen.trust.register import Register
from reportgen.unit import Unit
from reportgen.web.jobs import Busy, Jobs, RunStore
from reportgen.web.runner import runner_spec, start_runner, stop_runner


@pytest.fixture
def unit(tmp_path) -> Unit:
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs", ignore=shutil.ignore_patterns("register.sqlite*", ".server"))
    return Unit(tmp_path / "inputs", tmp_path / "out", data_option=tmp_path / "data")


def _until(check, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("waited too long")


def test_a_run_is_executed_by_a_runner_process_and_seen_by_a_restarted_server(unit, tmp_path):
    folder, log = tmp_path / "data" / "proses", tmp_path / "pelaksana.log"
    server = Jobs(folder, unit, jobs=1, apart=True)
    server.start(2021, "keputusan", "ani")
    waiting = server.state(2021)
    assert waiting["status"] == "berjalan" and waiting["label"] == "Menunggu giliran di pelaksana proses"
    time.sleep(1.5)
    assert server.state(2021)["label"] == waiting["label"] and not (unit.out / "2021").exists()  # no runner, no work
    with pytest.raises(Busy):
        Jobs(folder, unit, jobs=1, apart=True).start(2021, "semua", "budi")  # a second server process sees it
    runner = start_runner(runner_spec(unit, folder, 1, None, None), log)
    try:
        server.wait(2021, timeout=300)
    finally:
        stop_runner(runner)
    seen = Jobs(folder, unit, jobs=1, apart=True).state(2021)  # a server started again
    assert seen["status"] == "selesai", log.read_text()
    assert seen["label"] == "Selesai" and seen["percent"] == 100 and seen["user"] == "ani"
    pdf = next(f["path"] for f in seen["kinds"][0]["files"] if f["format"] == "pdf")
    assert (unit.out / "2021" / pdf).is_file()
    with Register(unit.register, read_only=True) as register:
        assert [e.kind for e in register.entries()] == ["keputusan"]


@pytest.mark.slow
def test_a_runner_stopped_mid_run_leaves_it_terhenti_with_no_file_and_the_year_free(unit, tmp_path):
    make_roster(unit.inputs / "2021" / "pegawai.xlsx", 400)  # long enough to be stopped halfway
    folder, log = tmp_path / "data" / "proses", tmp_path / "pelaksana.log"
    server = Jobs(folder, unit, jobs=1, apart=True)
    server.start(2021, "pakta-integritas", "ani")
    runner = start_runner(runner_spec(unit, folder, 1, None, None), log)
    try:
        _until(lambda: any(b["done"] for b in server.state(2021)["bars"]), timeout=300)  # pacts being made
    finally:
        stop_runner(runner)
    stopped = server.state(2021)
    assert stopped["status"] == "terhenti", log.read_text()
    assert not (unit.out / "2021" / "pakta-integritas").exists()
    assert not [p for p in unit.out.rglob("*") if p.suffix in (".pdf", ".docx", ".csv")]
    with Register(unit.register, read_only=True) as register:
        assert register.entries() == []
    server.start(2021, "keputusan", "ani")  # the year runs again
    assert server.state(2021)["status"] == "berjalan"


def test_a_run_waiting_while_the_runner_makes_another_year_is_not_taken_for_stopped(unit):
    import json

    store = RunStore(unit)
    for year in (2021, 2022):
        store.begin(year, {"id": f"r{year}", "year": year, "status": "berjalan", "label": "Menunggu"})
    assert store.claim("host:1")["id"] == "r2021"  # the oldest first; 2022 waits for it to end
    with Register(unit.register) as register:  # long ago: a runner gone would leave it so
        register.db.execute("UPDATE runs SET beat = beat - 600 WHERE id = 'r2022'")
        register.save_run("r2021", "berjalan", json.dumps({"id": "r2021", "status": "berjalan"}), time.time())
    assert store.state(2022)["status"] == "berjalan"  # the runner's beat says someone will take it
    with Register(unit.register) as register:
        register.db.execute("UPDATE runs SET beat = beat - 600")
    assert store.state(2021)["status"] == store.state(2022)["status"] == "terhenti"  # no beat at all: no runner


def test_a_year_keeps_its_newest_runs_only_and_never_a_waiting_or_running_one(unit):
    import json

    from reportgen.trust.register import RUNS_KEPT

    store = RunStore(unit)
    store.begin(2022, {"id": "r2022", "year": 2022, "status": "menunggu", "label": "Menunggu"})
    for n in range(RUNS_KEPT + 5):
        store.begin(2021, {"id": f"r{n}", "year": 2021, "status": "menunggu", "label": "Menunggu"})
        with Register(unit.register) as register:
            register.save_run(f"r{n}", "selesai", json.dumps({"id": f"r{n}", "status": "selesai"}), time.time())
    with Register(unit.register, read_only=True) as register:
        kept = [row[0] for row in register.db.execute("SELECT id FROM runs WHERE year = 2021 ORDER BY created_at")]
        waiting = [row[0] for row in register.db.execute("SELECT id FROM runs WHERE year = 2022")]
    assert kept == [f"r{n}" for n in range(5, RUNS_KEPT + 5)] and waiting == ["r2022"]
    assert store.state(2021)["id"] == f"r{RUNS_KEPT + 4}"
