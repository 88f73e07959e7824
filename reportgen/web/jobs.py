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

from reportgen.documents.kinds import Ask
from reportgen.documents.publish import Settings, publish, publish_year
from reportgen.documents.registry import all_kinds, find_kind
from reportgen.documents.summary import summary_lines
from reportgen.errors import InputError, PathText, ReportgenError, mention
from reportgen.output.atomic import write_atomic
from reportgen.output.workers import default_jobs
from reportgen.unit import Unit
from reportgen.web.wording import error_text, problem_for_page

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


class Jobs:
    """The runs of one server: at most one per year, each in a thread, its state in data/proses/TAHUN/."""

    def __init__(self, folder: Path, unit: Unit, jobs: int | None = None):
        self.folder, self.unit = Path(folder), unit
        self.inputs, self.out = unit.inputs, unit.out
        self.workers = jobs or default_jobs()
        self.lock = threading.Lock()
        self.live: dict[int, dict] = {}
        self.threads: dict[int, threading.Thread] = {}

    def _state_file(self, year: int) -> Path:
        return self.folder / str(year) / "proses.json"

    def state(self, year: int) -> dict | None:
        """Return the year's current or last run: status, label, done/total, summary, files, problems."""
        with self.lock:
            if year in self.live:
                return dict(self.live[year])
        path = self._state_file(year)
        if not path.is_file():
            return None
        state = json.loads(path.read_text(encoding="utf-8"))
        if state["status"] == RUNNING:  # written by a server that stopped during the run
            state["status"] = STOPPED
        return state

    def _save(self, year: int, state: dict) -> None:
        write_atomic(self._state_file(year), json.dumps(state, ensure_ascii=False, indent=1).encode())

    def start(self, year: int, what: str, user: str, replace_all: bool = False) -> dict:
        """Start publishing `what` (a kind's key, or 'semua') for the year, a batch kind's much shorter list
        replacing the earlier one when `replace_all`; raise Busy when a run is in progress."""
        if what != ALL:
            find_kind(what)  # KeyError for a key that is not a kind
        with self.lock:
            if year in self.live:
                raise Busy(f"Tahun {year} sedang diproses")
            state = {"id": secrets.token_hex(6), "year": year, "what": what, "user": user, "status": RUNNING,
                     "label": "Memeriksa data masukan", "done": 0, "total": 0, "percent": 0,
                     "started": dt.datetime.now().strftime("%d-%m-%Y %H:%M:%S"), "seconds": None,
                     "summary": [], "warnings": [], "problems": [], "error": None, "kinds": []}
            self.live[year] = state
            self._save(year, state)  # a server stopped during the run shows it as 'terhenti' when it starts again
        thread = threading.Thread(target=self._run, args=(year, what, state, replace_all), name=f"reportgen-{year}",
                                  daemon=True)
        self.threads[year] = thread
        thread.start()
        return dict(state)

    def _progress(self, state: dict):
        def start(label: str, total: int):
            with self.lock:
                state.update(label=label, done=0, total=total, percent=0)

            def advance(n: int) -> None:  # n more documents done (as a terminal's progress bar counts)
                with self.lock:
                    state["done"] = min(total, state["done"] + n)
                    state["percent"] = int(100 * state["done"] / total) if total else 100
            return advance
        return start

    def _run(self, year: int, what: str, state: dict, replace_all: bool) -> None:
        started = time.perf_counter()
        settings = Settings(self.unit, year=year, jobs=self.workers, progress=self._progress(state))
        try:
            if what == ALL:
                result = publish_year(settings, all_kinds())
            else:
                kind = find_kind(what)
                reason = kind.why_not(self.unit, year)
                if reason:
                    raise ReportgenError(mention(f"{kind.title} belum dapat dibuat: ", *_parts(reason)))
                result = publish([Ask(kind, replace_all=replace_all and kind.batch is not None)], settings)
            with self.lock:
                state.update(label="Menyiapkan pratinjau dan ZIP", percent=100)
            kinds = self._outputs(year, result)
            state.update(status=DONE, summary=summary_lines(result, self.unit.show),
                         warnings=[problem_for_page(w, self.unit).render(str) for w in result.warnings], kinds=kinds)
            with self.lock:
                self._keep_results(year, kinds, state)
        except InputError as exc:
            state.update(status=FAILED, error="Ditemukan masalah pada data masukan; tidak ada berkas yang ditulis, "
                                              "hasil sebelumnya tetap utuh.",
                         problems=[asdict(problem_for_page(p, self.unit)) for p in exc.problems],
                         warnings=[problem_for_page(w, self.unit).render(str) for w in exc.warnings])
        except ReportgenError as exc:
            state.update(status=FAILED, error=error_text(exc, self.unit))
        except Exception:  # a bug: the traceback goes to the server's log, the page gives a reference
            reference = secrets.token_hex(4).upper()
            log.exception("run %s of year %s failed (reference %s)", what, year, reference)
            state.update(status=FAILED, error=f"Terjadi kesalahan pada server (kode rujukan {reference}); "
                                              "sampaikan kode ini kepada pengelola server.")
        state["seconds"] = round(time.perf_counter() - started, 1)
        with self.lock:
            self._save(year, state)
            self.live.pop(year, None)

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
                     "facts": list(published.facts), "files": files, "preview": None, "zip": None, "print": None}
            pdfs = [f for f in published.document_files if f.format == "pdf"]
            if published.folder is not None:
                entry["print"] = str(published.print_file.path.relative_to(base)) if published.print_file else None
                zip_name = f"{published.folder.name}-{year}.zip"
                _zip(published.folder, shown / zip_name)
                entry["zip"] = zip_name
            if pdfs:
                entry["preview"] = _preview(pdfs[0].path, shown / f"pratinjau-{published.kind.key}.png")
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


def _parts(text) -> tuple:
    """Return a message's parts (its texts and paths)."""
    return text.parts if isinstance(text, PathText) else (str(text),)
