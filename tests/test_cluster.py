"""Batches on a Dask cluster (`--klaster`): the same pacts, register rows and bytes as the process pool, and a
worker killed mid-chunk leaves no gap, no double and no partial file. A real LocalCluster of two worker processes,
reached by its address as a unit's scheduler is."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from factories import make_roster

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")

COUNT = 130  # three chunks of 50 ... and the tail: more chunks than workers


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of two single-threaded worker processes (with nannies, as `dask worker` runs them)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    """The example unit with a roster of COUNT officials, and a register made once (its key shared by the runs
    compared, so their verification codes, and so their bytes, can be the same)."""
    from conftest import ROOT

    from reportgen.trust.register import Register

    folder = tmp_path_factory.mktemp("cluster")
    shutil.copytree(ROOT / "inputs", folder / "inputs", ignore=shutil.ignore_patterns("register.sqlite*"))
    make_roster(folder / "roster.xlsx", COUNT)
    with Register(folder / "seed.sqlite") as register:
        register.secret()
    return folder


def publish_pacts(unit: Path, name: str, cluster=None, jobs: int = 2):
    """Publish the roster's pacts into OUT/`name` with a copy of the seed register; return the output folder and
    the register's path."""
    from reportgen.documents import pacts
    from reportgen.documents.kinds import Ask
    from reportgen.documents.publish import Settings, publish
    from reportgen.unit import Unit

    register = unit / f"{name}.sqlite"
    shutil.copy(unit / "seed.sqlite", register)
    publish([Ask(pacts.KIND, pacts.PactChoices(roster=unit / "roster.xlsx", date=dt.date(2021, 3, 17)))],
            Settings(Unit(unit / "inputs", unit / name, register_option=register), year=2021, jobs=jobs,
                     cluster=cluster))
    return unit / name / "2021" / "pakta-integritas", register


def sums(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def register_rows(path: Path, root: Path) -> list[tuple]:
    """Return what the register recorded, file paths relative to `root`, without the times of writing."""
    with sqlite3.connect(path) as db:
        documents = db.execute("SELECT kind, year, identity, number, serial, date, subject, person, doc_id, "
                               "inputs_sha256 FROM documents ORDER BY kind, identity").fetchall()
        files = db.execute("SELECT d.identity, f.format, f.sha256, f.size, f.doc_id, f.path FROM files f JOIN "
                           "documents d ON d.id = f.document_id ORDER BY 1, 2, 3").fetchall()
    return documents + [row[:-1] + (str(Path(row[-1]).relative_to(root.resolve())),) for row in files]


@pytest.fixture(scope="module")
def pool_run(unit):
    folder, register = publish_pacts(unit, "pool")
    return sums(folder), register_rows(register, unit / "pool")


def test_the_cluster_writes_the_pools_pacts_byte_for_byte_and_records_the_same_rows(unit, scheduler, pool_run):
    from reportgen.output.cluster import Cluster

    folder, register = publish_pacts(unit, "dask", Cluster(scheduler.scheduler_address))
    found = sums(folder)
    assert found == pool_run[0]
    assert len([n for n in found if n.endswith(".pdf")]) == COUNT + 1  # each pact, and the print file
    assert register_rows(register, unit / "dask") == pool_run[1]


def test_workers_writing_to_other_storage_the_main_process_fetches_and_checks(unit, scheduler, pool_run, tmp_path):
    """The output folder not shared: workers write to an fsspec URL, the main process fetches every file, checks
    its SHA-256, and leaves nothing behind there."""
    from reportgen.output.cluster import Cluster

    storage = tmp_path / "bersama"
    storage.mkdir()
    folder, register = publish_pacts(unit, "url", Cluster(scheduler.scheduler_address, storage=storage.as_uri()))
    assert sums(folder) == pool_run[0]
    assert register_rows(register, unit / "url") == pool_run[1]
    assert not list(storage.rglob("*"))


def worker_pids(client) -> list[int]:
    return list(client.run(os.getpid).values())


def test_a_worker_killed_mid_chunk_leaves_no_gap_no_double_and_no_partial_file(unit, scheduler, pool_run):
    """One worker process killed (SIGKILL) while the chunks are being rendered: the scheduler runs its chunk again
    on the other worker and the nanny starts a new one; the run ends with every pact once, the same bytes as the
    pool's, and the register holding each pact once with its files."""
    from reportgen.output.cluster import Cluster

    with distributed.Client(scheduler.scheduler_address) as client:
        victims = worker_pids(client)
    staging = unit / "killed" / "2021"
    killed = []

    def kill_when_rendering() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # the first pacts written: the workers are in their chunks
            written = [p for p in staging.glob(".reportgen-sementara-*/*.pdf")] if staging.is_dir() else []
            if len(written) >= 10:
                os.kill(victims[0], signal.SIGKILL)
                killed.append(len(written))
                return
            time.sleep(0.05)

    watcher = threading.Thread(target=kill_when_rendering)
    watcher.start()
    folder, register = publish_pacts(unit, "killed", Cluster(scheduler.scheduler_address))
    watcher.join()
    assert killed and killed[0] < COUNT, "the worker was not killed during the run"
    assert sums(folder) == pool_run[0]  # every pact once, whole, as the pool wrote it; no .part file
    assert not list(folder.parent.glob(".reportgen-sementara-*"))
    rows = register_rows(register, unit / "killed")
    assert rows == pool_run[1]
    identities = [row[2] for row in rows if row[0] == "pakta-integritas"]
    assert len(identities) == len(set(identities)) == COUNT
    with distributed.Client(scheduler.scheduler_address) as client:  # the nanny started another worker
        client.wait_for_workers(2, timeout=60)
        assert victims[0] not in worker_pids(client)
