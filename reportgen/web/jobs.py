"""Publishing in the background: one run per year at a time, its progress, and what it wrote, kept in the
data folder so that the page can be closed and opened again (and survives a restart as 'terhenti')."""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import subprocess
import threading
import time
import zipfile
from dataclasses import asdict
from pathlib import Path

from reportgen.documents.kinds import Ask, DocumentKind
from reportgen.documents.publish import Settings, publish
from reportgen.documents.registry import all_kinds, find_kind
from reportgen.documents.summary import summary_lines
from reportgen.errors import InputError, PathText, ReportgenError, mention, render
from reportgen.output.atomic import write_atomic
from reportgen.output.workers import default_jobs
from reportgen.unit import Unit
from reportgen.web.messages import sorted_problems, with_found
from reportgen.web.wording import error_text, for_page, moment, problem_for_page

log = logging.getLogger("reportgen.web")

RUNNING, DONE, FAILED, STOPPED = "berjalan", "selesai", "gagal", "terhenti"
ALL = "semua"


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
    """Where the runs' state is kept: the running one of each year in memory, the last one of each year as JSON in
    data/proses/TAHUN/proses.json (a run left 'berjalan' there was stopped with the server: read as 'terhenti').
    The runner only calls `begin`, `change`, `finish` and `state`: another store (a table shared by several
    servers) can take its place."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.lock = threading.Lock()
        self.live: dict[int, dict] = {}

    def _file(self, year: int) -> Path:
        return self.folder / str(year) / "proses.json"

    def state(self, year: int) -> dict | None:
        """Return the year's current or last run (a copy)."""
        with self.lock:
            if year in self.live:
                return json.loads(json.dumps(self.live[year]))
        path = self._file(year)
        if not path.is_file():
            return None
        state = json.loads(path.read_text(encoding="utf-8"))
        if state["status"] == RUNNING:  # written by a server that stopped during the run
            state["status"] = STOPPED
        return state

    def running(self, year: int) -> bool:
        with self.lock:
            return year in self.live

    def begin(self, year: int, state: dict) -> None:
        """Keep a new run as the year's running one; raise Busy when one is running."""
        with self.lock:
            if year in self.live:
                raise Busy(f"Tahun {year} sedang diproses")
            self.live[year] = state
            self._save(year, state)  # a server stopped during the run shows it as 'terhenti' when it starts again

    def change(self, year: int, change) -> None:
        """Change the running state with `change(state)`, under the store's lock."""
        with self.lock:
            if year in self.live:
                change(self.live[year])

    def finish(self, year: int) -> None:
        """Keep the run's last state and let the year run again."""
        with self.lock:
            state = self.live.pop(year, None)
            if state is not None:
                self._save(year, state)

    def _save(self, year: int, state: dict) -> None:
        write_atomic(self._file(year), json.dumps(state, ensure_ascii=False, indent=1).encode())


class Jobs:
    """The runs of one server: at most one per year, each in a thread, its state in a RunStore."""

    def __init__(self, folder: Path, unit: Unit, jobs: int | None = None):
        self.folder, self.unit = Path(folder), unit
        self.inputs, self.out = unit.inputs, unit.out
        self.workers = jobs or default_jobs()
        self.store = RunStore(self.folder)
        self.lock = threading.Lock()
        self.threads: dict[int, threading.Thread] = {}

    @property
    def live(self) -> dict[int, dict]:
        return self.store.live

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
        state = {"id": secrets.token_hex(6), "year": year, "what": what, "user": user, "status": RUNNING,
                 "label": "Memeriksa data masukan dan menyusun dokumen", "done": 0, "total": 0, "percent": 0,
                 "started": moment(dt.datetime.now(), seconds=True), "seconds": None, "current": None,
                 "options": {"replace_all": replace_all, "only": list(only)}, "bars": bars,
                 "skipped": [{"key": k.key, "title": k.title, "reason": render(r, self.unit.show)} for k, r in skipped],
                 "summary": [], "warnings": [], "problems": [], "error": None, "remedy": None, "kinds": []}
        self.store.begin(year, state)
        thread = threading.Thread(target=self._run, args=(year, what, state, replace_all, tuple(only)),
                                  name=f"reportgen-{year}", daemon=True)
        self.threads[year] = thread
        thread.start()
        return dict(state)

    def _progress(self, year: int):
        store = self.store

        def start(label: str, total: int):
            def begin(state: dict) -> None:
                bar = next((b for b in state["bars"] if b["title"] == label and b["state"] != "selesai"), None)
                if bar is None:
                    return
                bar.update(total=total, done=0, state="berjalan")
                state.update(label=f"Membuat {label}", current=label)
                _recount(state)
            store.change(year, begin)

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
                store.change(year, step)
            return advance
        return start

    def _run(self, year: int, what: str, state: dict, replace_all: bool, only: tuple[str, ...]) -> None:
        started = time.perf_counter()
        settings = Settings(self.unit, year=year, jobs=self.workers, progress=self._progress(year))
        result = None
        try:
            made, skipped = self.plan(year, what)
            if what != ALL and skipped:
                kind, reason = skipped[0]
                raise ReportgenError(mention(f"{kind.title} belum dapat dibuat: ", *_parts(reason)))
            asked = [Ask(k, only=only if k.batch else (), replace_all=replace_all and k.batch is not None)
                     for k in made]
            result = publish(asked, settings, skipped)
            self.store.change(year, lambda s: s.update(label="Menyiapkan pratinjau dan ZIP", current=None))
            kinds = self._outputs(year, result)
            outcome = {"status": DONE, "summary": [for_page(line) for line in summary_lines(result, self.unit.show)],
                       "warnings": [asdict(problem_for_page(w, self.unit)) for w in result.warnings],
                       "kinds": kinds}
            with self.lock:
                self._keep_results(year, kinds, state)
        except InputError as exc:
            outcome = {"status": FAILED, "error": "Ditemukan masalah pada data masukan; tidak ada berkas yang ditulis, "
                                                  "hasil sebelumnya tetap utuh.",
                       "problems": [asdict(problem_for_page(p, self.unit)) for p in _found(exc.problems)],
                       "warnings": [asdict(problem_for_page(w, self.unit)) for w in exc.warnings]}
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
        self.store.change(year, end)
        self.store.finish(year)

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
        """Wait for the year's run to end (tests)."""
        thread = self.threads.get(year)
        if thread:
            thread.join(timeout)

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
