"""The web page's runner: a process of its own that takes the runs the page records in the register (web/jobs.py)
and executes them with the configured executor (this machine's worker processes, or a Dask cluster), so that no
server thread ever forks. `reportgen web` starts one before it serves and stops it when it stops; every server
process sharing a register has its own, and a run is taken by one runner only (RunStore.claim).

Started as `python -m reportgen.web.runner SPEC`, SPEC a JSON object of the unit's folders and the executor."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from reportgen.errors import ReportgenError
from reportgen.unit import Unit

log = logging.getLogger("reportgen.web")
POLL_S = 1.0  # how often an idle runner looks for a waiting run


def runner_spec(unit: Unit, folder: Path, jobs: int | None, cluster: str | None, storage: str | None) -> str:
    """Return the JSON a runner process is started with: the unit's folders, where results go, the executor."""
    return json.dumps({"inputs": str(unit.inputs), "out": str(unit.out), "data": str(unit.data),
                       "register": None if unit.register_option is None else str(unit.register_option),
                       "templates": None if unit.templates_option is None else str(unit.templates_option),
                       "folder": str(folder), "jobs": jobs, "cluster": cluster, "storage": storage})


def start_runner(spec: str, log_file: Path) -> subprocess.Popen:
    """Start a runner process (a new interpreter, not a fork of this one); its output goes to `log_file`."""
    with open(log_file, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "reportgen.web.runner", spec], stdin=subprocess.DEVNULL,
                                stdout=out, stderr=out, close_fds=True)


def stop_runner(process: subprocess.Popen, timeout: float = 30) -> None:
    """Stop a runner: its run, if any, is said 'terhenti' and its staged files removed; killed if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve_runs(jobs, stop: threading.Event, poll: float = POLL_S) -> None:
    """Take and execute waiting runs, one at a time, until `stop` is set."""
    from reportgen.web.jobs import owner_name

    owner = owner_name()
    while not stop.is_set():
        try:
            state = jobs.store.claim(owner)
        except ReportgenError:  # the register busy or away a moment, or unit.yaml being fixed: look again
            log.warning("runner could not look for runs", exc_info=True)
            state = None
        if state is None:
            stop.wait(poll)
            continue
        log.info("run %s of year %s taken by %s", state["id"], state["year"], owner)
        jobs.execute(state)


def _end_with_parent() -> None:
    """Ask Linux to send this runner SIGTERM when the server that started it dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:
            sys.exit(0)
    except OSError:
        pass


def main(spec_text: str) -> None:
    from reportgen.web.jobs import Jobs

    spec = json.loads(spec_text)
    _end_with_parent()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("reportgen").setLevel(logging.INFO)
    unit = Unit(Path(spec["inputs"]), Path(spec["out"]), register_option=spec["register"],
                templates_option=None if spec["templates"] is None else Path(spec["templates"]),
                data_option=Path(spec["data"]))
    cluster = None
    if spec["cluster"]:
        from reportgen.output.cluster import Cluster

        cluster = Cluster(spec["cluster"], spec["storage"] or None)
    stop = threading.Event()

    def stopped(signum, frame):  # a run in progress ends now (jobs.execute says it 'terhenti'), then the loop
        stop.set()
        raise SystemExit(0)
    signal.signal(signal.SIGTERM, stopped)
    signal.signal(signal.SIGINT, stopped)
    jobs = Jobs(Path(spec["folder"]), unit, spec["jobs"], cluster, apart=True)
    try:
        serve_runs(jobs, stop)
    except SystemExit:
        pass


if __name__ == "__main__":
    main(sys.argv[1])
