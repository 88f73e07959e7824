"""Publishing in the background: one run per year at a time, its progress, and what it wrote.

A run is a row of the runs table in the unit's register database (SQLite file or PostgreSQL): its state, progress
and owner, so that the page can be closed and opened again, and every server process sharing the register, or one
started again, sees it. The server only records a run; a runner executes it (web/runner.py: a process of its own,
started by `reportgen web` before it serves, polling the table, with the configured executor: this machine's
worker processes or a Dask cluster), so the page never forks from a server thread. A run whose owner stops writing
its state (a runner or server stopped mid-run) is shown as 'terhenti'."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import socket
import subprocess
import threading
import time
import zipfile
from dataclasses import asdict
from pathlib import Path

from reportgen.documents.kinds import Ask, DocumentKind
from reportgen.documents.publish import Settings, publish, warn_of_a_new_register
from reportgen.documents.registry import all_kinds, find_kind
from reportgen.documents.summary import summary_lines
from reportgen.errors import InputError, PathText, ProblemCollector, ReportgenError, mention, render
from reportgen.output.atomic import write_atomic
from reportgen.output.workers import default_jobs
from reportgen.trust.register import Register
from reportgen.unit import Unit
from reportgen.web.messages import sorted_problems, with_found
from reportgen.web.wording import error_text, for_page, moment, problem_for_page

log = logging.getLogger("reportgen.web")

RUNNING, DONE, FAILED, STOPPED = "berjalan", "selesai", "gagal", "terhenti"
WAITING = "menunggu"  # in the register only: the page shows a run not yet taken by a runner as 'berjalan'
ALL = "semua"
BEAT_S = 1.0    # how often a runner writes the state of the run it executes (also when nothing changed)
STALE_S = 30.0  # a run whose state was not written for this long lost its runner: 'terhenti'
# (a write may wait up to the register's BUSY_TIMEOUT_S behind another writer; a run waiting that long for a runner
# has none: the page says so as 'terhenti' too, and the year may run again)


class Busy(ReportgenError):
    """The year already has a run in progress."""


def _preview(pdf: Path, target: Path) -> str | None:
    """Write a PNG of the PDF's first page (pdftoppm) and return its name, or None when it cannot."""
    try:
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(target.with_suffix(""))], check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        log.warning("no preview for %s", pdf, exc_info=True)
        return None
    return target.name


def _zip(folder: Path, target: Path) -> None:
    """Write a ZIP of a batch folder (documents, print file and manifest.csv), under the folder's name."""
    tmp = target.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.name}")
    tmp.replace(target)


class RunStore:
    """The runs, in the runs table of the unit's register: `begin` records a waiting run (one per year at a time),
    `claim` gives a runner the oldest waiting one, `save` keeps a run's state and that its runner is alive, `state`
    reads a year's latest run ('terhenti' when its runner stopped writing)."""

    def __init__(self, unit: Unit):
        self.unit = unit

    @property
    def register(self):
        """Return where the unit's register is now (unit.yaml may name another since the server started)."""
        return self.unit.register

    def state(self, year: int) -> dict | None:
        """Return the year's current or last run (None before the unit has a register)."""
        try:
            where = self.register
        except ReportgenError:  # no unit.yaml yet, or one that does not load: no run could have been made
            return None
        if not where.exists():
            return None
        with Register(where, read_only=True) as register:
            found = register.last_run(year)
        if found is None:
            return None
        status, text, beat = found
        state = json.loads(text)
        if status in (WAITING, RUNNING) and beat < time.time() - STALE_S:
            state["status"] = STOPPED
        return state

    def running(self, year: int) -> bool:
        state = self.state(year)
        return state is not None and state["status"] == RUNNING

    def begin(self, year: int, state: dict) -> None:
        """Record a new run of the year, waiting for a runner; raise Busy when one is waiting or running."""
        with Register(self.register) as register:
            other = register.add_run(state["id"], year, json.dumps(state, ensure_ascii=False), time.time(), STALE_S)
        if other is not None:
            raise Busy(f"Tahun {year} sedang diproses")

    def claim(self, owner: str, run_id: str | None = None) -> dict | None:
        """Return the oldest waiting run (or `run_id`), now `owner`'s; None when none waits."""
        try:
            where = self.register
        except ReportgenError:
            return None
        if not where.exists():
            return None
        with Register(where, read_only=True) as register:
            if not register.waiting_run():
                return None
        with Register(where) as register:
            found = register.claim_run(owner, time.time(), run_id)
        return json.loads(found[1]) if found else None

    def save(self, state: dict, status: str, register: Register | None = None) -> None:
        """Keep a run's state and status ('berjalan' while it runs), and that its runner is alive now (through
        `register` when one is open)."""
        if register is None:
            with Register(self.register) as register:
                return self.save(state, status, register)
        register.save_run(state["id"], status, json.dumps(state, ensure_ascii=False), time.time())


class Live:
    """A run executed in this process: its state in memory, changed by the run's thread, written to the store by a
    thread of its own every BEAT_S seconds (the beat that says the run's owner is alive) and when the run ends."""

    def __init__(self, store: RunStore, state: dict):
        self.store, self.state = store, state
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"reportgen-detak-{state['year']}", daemon=True)
        self.thread.start()

    def change(self, change) -> None:
        """Change the state with `change(state)`."""
        with self.lock:
            change(self.state)

    def _copy(self) -> dict:
        with self.lock:
            return json.loads(json.dumps(self.state))

    def _beat(self) -> None:
        register = None
        try:
            while not self.done.wait(BEAT_S):
                try:
                    register = register or Register(self.store.register)  # one connection for the whole run
                    self.store.save(self._copy(), RUNNING, register)
                except ReportgenError:  # the register busy or away a moment: the next beat tries again
                    log.warning("state of run %s not written", self.state["id"], exc_info=True)
        finally:
            if register is not None:
                register.close()

    def end(self) -> None:
        """Write the run's last state (its status set by the run), trying again while the register is busy."""
        self.done.set()
        self.thread.join()
        final = self._copy()
        for attempt in range(5):
            try:
                self.store.save(final, final["status"])
                return
            except ReportgenError:
                if attempt == 4:
                    log.exception("last state of run %s not written", final["id"])
                time.sleep(1)


def owner_name() -> str:
    """Return the name of this process as a runs' owner: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Jobs:
    """The runs of one unit: recorded by `start`, at most one per year, kept in the register (RunStore), executed
    by `execute` in a runner: a process of its own (web/runner.py) when `apart`, else a thread of this process
    that renders in this process alone (never forking from a server thread: tests, or a server without runner).
    `cluster` (an output.cluster.Cluster) renders batches on a Dask cluster instead of `jobs` worker processes."""

    def __init__(self, folder: Path, unit: Unit, jobs: int | None = None, cluster=None, apart: bool = False):
        self.folder, self.unit = Path(folder), unit
        self.inputs, self.out = unit.inputs, unit.out
        self.apart, self.cluster = apart, cluster
        self.workers = (jobs or default_jobs()) if apart else 1
        self.store = RunStore(unit)
        self.lock = threading.Lock()
        self.threads: dict[int, threading.Thread] = {}

    def state(self, year: int) -> dict | None:
        """Return the year's current or last run: status, label, bars per kind, summary, files, problems."""
        return self.store.state(year)

    def plan(self, year: int, what: str) -> tuple[list[DocumentKind], list[tuple[DocumentKind, object]]]:
        """Return the kinds a run of `what` makes (in the registry's order) and those it skips, with why."""
        kinds = all_kinds() if what == ALL else (find_kind(what),)
        made, skipped = [], []
        for kind in kinds:
            reason = kind.why_not(self.unit, year)
            (made if reason is None else skipped).append(kind if reason is None else (kind, reason))
        return made, skipped

    def start(self, year: int, what: str, user: str, replace_all: bool = False, only: tuple[str, ...] = ()) -> dict:
        """Start publishing `what` (a kind's key, or 'semua') for the year: for every batch kind in it, a much
        shorter list replaces the earlier one when `replace_all`, and only the documents of `only` (NIPs) are made
        again when given; raise Busy when a run is in progress."""
        if what != ALL:
            find_kind(what)  # KeyError for a key that is not a kind
        made, skipped = self.plan(year, what)
        kept = self._kept(year)
        bars = [{"key": k.key, "title": k.title, "done": 0, "total": None, "state": "menunggu",
                 "weight": kept.get(k.key, {}).get("seconds") or (8.0 if k.batch else 3.0)} for k in made]
        early = ProblemCollector()  # said by publish when it makes the register: the run records itself there first
        warn_of_a_new_register(self.unit.register, self.unit.out_folder(year), early)
        state = {"id": secrets.token_hex(6), "year": year, "what": what, "user": user, "status": RUNNING,
                 "label": "Menunggu giliran di pelaksana proses", "done": 0, "total": 0, "percent": 0,
                 "started": moment(dt.datetime.now(), seconds=True), "seconds": None, "current": None,
                 "options": {"replace_all": replace_all, "only": list(only)}, "bars": bars,
                 "skipped": [{"key": k.key, "title": k.title, "reason": render(r, self.unit.show)} for k, r in skipped],
                 "summary": [], "warnings": [], "problems": [], "error": None, "remedy": None, "kinds": [],
                 "early": [asdict(problem_for_page(w, self.unit)) for w in early.warnings]}
        self.store.begin(year, state)
        if not self.apart:
            claimed = self.store.claim(owner_name(), state["id"])
            if claimed is not None:
                thread = threading.Thread(target=self.execute, args=(claimed,), name=f"reportgen-{year}", daemon=True)
                self.threads[year] = thread
                thread.start()
        return dict(state)

    def _progress(self, live: Live):

        def start(label: str, total: int):
            def begin(state: dict) -> None:
                bar = next((b for b in state["bars"] if b["title"] == label and b["state"] != "selesai"), None)
                if bar is None:
                    return
                bar.update(total=total, done=0, state="berjalan")
                state.update(label=f"Membuat {label}", current=label)
                _recount(state)
            live.change(begin)

            def advance(n: int) -> None:  # n more documents done (as a terminal's progress bar counts)
                def step(state: dict) -> None:
                    bar = next((b for b in state["bars"] if b["title"] == label and b["state"] == "berjalan"), None)
                    if bar is None:
                        return
                    bar["done"] = min(total, bar["done"] + n)
                    if bar["done"] >= total:
                        bar["state"] = "selesai"
                        waiting = next((b for b in state["bars"] if b["state"] == "menunggu"), None)
                        if waiting is not None:  # the next kind is marked and laid out before its first page
                            state.update(label=f"Membuat {waiting['title']}", current=waiting["title"])
                        elif all(b["state"] == "selesai" for b in state["bars"]):
                            state.update(label="Mencatat di register dan memindahkan berkas ke tempatnya",
                                         current=None)
                    _recount(state)
                live.change(step)
            return advance
        return start

    def execute(self, state: dict) -> None:
        """Execute a run taken by this process (RunStore.claim), its state written as it goes and when it ends."""
        live = Live(self.store, state)
        live.change(lambda s: s.update(label="Memeriksa data masukan dan menyusun dokumen"))
        year, what = state["year"], state["what"]
        options = state.get("options") or {}
        try:
            self._run(live, year, what, bool(options.get("replace_all")), tuple(options.get("only") or ()))
        except BaseException:  # the runner stopped mid-run (its server stopping): said so at once
            live.change(lambda s: s.update(status=STOPPED))
            raise
        finally:
            live.end()

    def _run(self, live: Live, year: int, what: str, replace_all: bool, only: tuple[str, ...]) -> None:
        started = time.perf_counter()
        state = live.state
        settings = Settings(self.unit, year=year, jobs=self.workers, progress=self._progress(live),
                            cluster=self.cluster)
        result = None
        try:
            made, skipped = self.plan(year, what)
            if what != ALL and skipped:
                kind, reason = skipped[0]
                raise ReportgenError(mention(f"{kind.title} belum dapat dibuat: ", *_parts(reason)))
            asked = [Ask(k, only=only if k.batch else (), replace_all=replace_all and k.batch is not None)
                     for k in made]
            result = publish(asked, settings, skipped)
            live.change(lambda s: s.update(label="Menyiapkan pratinjau dan ZIP", current=None))
            kinds = self._outputs(year, result)
            outcome = {"status": DONE, "summary": [for_page(line) for line in summary_lines(result, self.unit.show)],
                       "warnings": state.get("early", []) + [asdict(problem_for_page(w, self.unit))
                                                             for w in result.warnings],
                       "kinds": kinds}
            with self.lock:
                self._keep_results(year, kinds, state)
        except InputError as exc:
            outcome = {"status": FAILED, "error": "Ditemukan masalah pada data masukan; tidak ada berkas yang ditulis, "
                                                  "hasil sebelumnya tetap utuh.",
                       "problems": [asdict(problem_for_page(p, self.unit)) for p in _found(exc.problems)],
                       "warnings": state.get("early", []) + [asdict(problem_for_page(w, self.unit))
                                                             for w in exc.warnings]}
        except ReportgenError as exc:
            outcome = {"status": FAILED, "error": error_text(exc, self.unit, with_remedy=False),
                       "remedy": exc.remedy}
        except Exception:  # a bug: the traceback goes to the server's log, the page gives a reference
            reference = secrets.token_hex(4).upper()
            log.exception("run %s of year %s failed (reference %s)", what, year, reference)
            outcome = {"status": FAILED, "error": f"Terjadi kesalahan pada server (kode rujukan {reference}); "
                                                  "sampaikan kode ini kepada pengelola server."}
        outcome["seconds"] = round(time.perf_counter() - started, 1)

        def end(s: dict) -> None:
            s.update(outcome)
            if s["status"] == DONE:
                for bar in s["bars"]:
                    bar.update(state="selesai", done=bar["total"] or bar["done"])
                s.update(label="Selesai", current=None)
                _recount(s)
        live.change(end)

    def _kept(self, year: int) -> dict:
        path = self._results_file(year)
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def _results_file(self, year: int) -> Path:
        return self.folder / str(year) / "hasil.json"

    def results(self, year: int) -> list[dict]:
        """Return the latest files of every kind published for the year, in the registry's order."""
        path = self._results_file(year)
        kept = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        return [kept[k.key] for k in all_kinds() if k.key in kept]

    def _keep_results(self, year: int, kinds: list[dict], state: dict) -> None:
        path = self._results_file(year)
        kept = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        for kind in kinds:
            kept[kind["key"]] = {**kind, "when": state["started"], "user": state["user"]}
        write_atomic(path, json.dumps(kept, ensure_ascii=False, indent=1).encode())

    def add_signed(self, year: int, key: str, paths: list[str]) -> None:
        """Add signed copies to a kind's result, so that the page lists them and lets them be downloaded."""
        with self.lock:
            path = self._results_file(year)
            kept = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
            entry = kept[key]
            known = {f["path"] for f in entry["files"]}
            for signed in paths:
                if signed not in known:
                    size = (self.out / str(year) / signed).stat().st_size
                    entry["files"].append({"path": signed, "format": "pdf-ttd", "size": size, "pages": None})
            write_atomic(path, json.dumps(kept, ensure_ascii=False, indent=1).encode())

    def _outputs(self, year: int, result) -> list[dict]:
        """Return what each kind wrote, as the page lists it, with previews and the ZIP of a batch made now."""
        shown = self.folder / str(year) / "hasil"
        shown.mkdir(parents=True, exist_ok=True)
        base = self.out / str(year)
        kinds = []
        for published in result.published:
            files = [{"path": str(f.path.relative_to(base)), "format": f.format, "size": f.size, "pages": f.pages}
                     for f in published.files]
            entry = {"key": published.kind.key, "title": published.kind.title, "documents": published.documents,
                     "facts": list(published.facts), "files": files, "preview": None, "zip": None, "print": None,
                     "pdf": None, "seconds": round(published.seconds, 1)}
            pdfs = [f for f in published.document_files if f.format == "pdf"]
            if published.folder is not None:
                entry["print"] = str(published.print_file.path.relative_to(base)) if published.print_file else None
                zip_name = f"{published.folder.name}-{year}.zip"
                _zip(published.folder, shown / zip_name)
                entry["zip"] = zip_name
            if pdfs:
                entry["preview"] = _preview(pdfs[0].path, shown / f"pratinjau-{published.kind.key}.png")
                entry["pdf"] = str(pdfs[0].path.relative_to(base))
            kinds.append(entry)
        return kinds

    def wait(self, year: int, timeout: float = 600) -> None:
        """Wait for the year's run to end, here or in a runner (tests)."""
        thread = self.threads.get(year)
        if thread:
            thread.join(timeout)
        deadline = time.monotonic() + timeout
        while self.store.running(year) and time.monotonic() < deadline:
            time.sleep(0.2)

    def result_file(self, year: int, name: str) -> Path | None:
        """Return a preview or ZIP of the year's results by its name (only names a run wrote)."""
        names = {k.get(f) for k in self.results(year) for f in ("preview", "zip")} - {None}
        return self.folder / str(year) / "hasil" / name if name in names else None

    def output_file(self, year: int, relative: str) -> Path | None:
        """Return a document file of the year's results by its path under OUT/TAHUN (only files a run wrote)."""
        known = {f["path"] for k in self.results(year) for f in k["files"]}
        return self.out / str(year) / relative if relative in known else None


def _found(problems: list) -> list:
    """Return the problems sorted by file and row, each with the value of its cell where only words say it."""
    by_file: dict[str, list] = {}
    for p in problems:
        by_file.setdefault(p.file, []).append(p)
    return sorted_problems([q for file, listed in by_file.items() for q in with_found(listed, Path(file))])


def _recount(state: dict) -> None:
    """Set the run's share done from its bars: each kind weighs what it took last time (or a guess), and counts
    the share of its documents done."""
    bars = state["bars"]
    weight = sum(b["weight"] for b in bars) or 1.0
    share = sum(b["weight"] * (1.0 if b["state"] == "selesai" else (b["done"] / b["total"] if b["total"] else 0.0))
                for b in bars)
    state["done"] = sum(b["done"] for b in bars)
    state["total"] = sum(b["total"] or 0 for b in bars)
    state["percent"] = min(100, int(100 * share / weight))


def _parts(text) -> tuple:
    """Return a message's parts (its texts and paths)."""
    return text.parts if isinstance(text, PathText) else (str(text),)
