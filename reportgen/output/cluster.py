"""Render a batch's chunks on a Dask distributed cluster (`--klaster tcp://HOST:8786`) instead of this machine's
worker processes: the same chunks, the same files byte for byte.

Each task is one chunk of the batch's documents. A worker lays it out with its own writers (made once per worker
process from the templates folder, which every worker must reach at the same path), writes the files to storage
every worker and the main process reach, and sends back only each file's name, SHA-256 and page count. The storage
is the batch's own staging folder (the output folder on shared storage, at the same path everywhere), or any fsspec
URL (`--penyimpanan`), from which the main process fetches each chunk's files into the staging folder, checking
every SHA-256. A file is written under a temporary name and renamed, so a worker lost mid-chunk leaves no half file
under a document's name; the scheduler runs the chunk again on another worker, which writes the same bytes; the
register is written only by the main process, once, after every chunk is in. dask and distributed are imported
only here, only when a cluster is used.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import secrets
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ReportgenError
from reportgen.output.atomic import file_sha256

ENV_CLUSTER = "REPORTGEN_KLASTER"
ENV_STORAGE = "REPORTGEN_PENYIMPANAN"
CONNECT_TIMEOUT_S = 20
RECYCLE_CHUNKS = 40  # as the process pool's ROUND_CHUNKS: chunks a worker process renders before a fresh one
RETRIES = 3  # a chunk whose task failed (its worker's child killed, storage briefly away) is run again


class UrlStore:
    """Where a cluster's worker writes a chunk's files when the output folder is not shared: an fsspec URL."""

    def __init__(self, url: str):
        self.url = url.rstrip("/")

    def write(self, name: str, data: bytes) -> None:
        """Write a file whole under `name`: to a temporary name, then moved (never seen half-written)."""
        import fsspec

        fs, root = fsspec.core.url_to_fs(self.url)
        partial = f"{root}/.{name}.{os.getpid()}.{secrets.token_hex(4)}.part"
        fs.makedirs(root, exist_ok=True)
        fs.pipe_file(partial, data)
        fs.mv(partial, f"{root}/{name}")


class _Renderer:
    """A process of its own, started by a cluster's worker, that renders its chunks and is replaced by a fresh one
    after `recycle` chunks: WeasyPrint 70 never frees some of a layout's memory (about 11 KB a pact), and a worker
    lives as long as the cluster. Chunks and results go through its standard input and output, pickled; it dies
    with the worker (PR_SET_PDEATHSIG), and a chunk it did not finish fails its task, which the scheduler runs
    again."""

    def __init__(self, templates: str):
        self.templates, self.rendered = templates, 0
        self.process = subprocess.Popen([sys.executable, "-m", "reportgen.output.cluster", templates],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def render(self, args: tuple):
        """Return the results of one chunk (render_chunk's arguments) rendered in the process."""
        pickle.dump(args, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.flush()
        try:
            ok, found = pickle.load(self.process.stdout)
        except EOFError:
            self.process.wait()
            raise RuntimeError(f"the renderer stopped ({self.process.returncode})") from None
        self.rendered += 1
        if not ok:
            raise found
        return found

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(30)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


_renderers = threading.local()  # one renderer per worker thread


def _serve(templates: str) -> None:
    """Render the chunks sent on standard input, one after another, until it closes (a _Renderer's process)."""
    from reportgen.output.batch import end_with_parent, prepare_writers, render_chunk

    end_with_parent()
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to the worker's log, never into the results
    chunks = os.fdopen(0, "rb")
    prepare_writers(Path(templates))
    while True:
        try:
            args = pickle.load(chunks)
        except EOFError:
            return
        try:
            found = (True, render_chunk(*args))
        except ReportgenError as exc:
            found = (False, ReportgenError(str(exc)))
        except Exception as exc:  # said to the task, which fails and is run again
            found = (False, RuntimeError(f"{type(exc).__name__}: {exc}"))
        pickle.dump(found, results, protocol=pickle.HIGHEST_PROTOCOL)
        results.flush()


def cluster_chunk(templates: str, target: str, recycle: int, number: int, start: int, items, formats, meta,
                  want_combined, pdfa, layered, fit):
    """Render one chunk on a cluster's worker into `target` (a folder on shared storage or an fsspec URL), in the
    worker's renderer process; return its results (names, SHA-256, page counts) as the process pool's chunks do."""
    from reportgen.output.batch import FolderStore

    store = UrlStore(target) if "://" in target else FolderStore(Path(target))
    renderer = getattr(_renderers, "current", None)
    if renderer is None or renderer.templates != templates or (recycle and renderer.rendered >= recycle):
        if renderer is not None:
            renderer.close()
        renderer = _renderers.current = _Renderer(templates)
    try:
        return renderer.render((number, start, items, store, formats, meta, want_combined, pdfa, layered, fit))
    except (OSError, RuntimeError):
        renderer.close()
        _renderers.current = None
        raise


@dataclass
class Cluster:
    """A Dask distributed scheduler to send a batch's chunks to, and where its workers write (None: the batch's own
    folder, which must then be on storage every worker reaches at the same path)."""

    address: str
    storage: str | None = None
    recycle: int = RECYCLE_CHUNKS  # chunks a worker process renders before a fresh one takes its place (0: never)
    ahead: int | None = None     # chunks submitted ahead of the workers (None: two per worker thread)

    def _target(self, folder: Path) -> str:
        if self.storage is None:
            return str(Path(folder).resolve())
        self._run = getattr(self, "_run", None) or f"{Path(folder).name}-{secrets.token_hex(6)}"
        return f"{self.storage.rstrip('/')}/{self._run}"

    def run(self, tasks, finished, templates: Path, folder: Path, call: tuple) -> None:
        """Send every chunk of `tasks` to the cluster, a few ahead of the workers, and call `finished` with each
        chunk's results as they come back."""
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise ReportgenError("--klaster memerlukan paket dask dan distributed: pip install 'reportgen[klaster]'"
                                 ) from None
        self._run = None
        target = self._target(folder)
        try:
            client = Client(self.address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ReportgenError(f"Klaster {self.address} tidak dapat dihubungi ({exc}); periksa alamat penjadwal "
                                 f"Dask (--klaster atau {ENV_CLUSTER}) dan jaringannya") from None
        futures = []
        try:
            threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1
            ahead = self.ahead or 2 * threads
            pending = as_completed(loop=client.loop)
            tasks = iter(tasks)

            def submit() -> bool:
                task = next(tasks, None)
                if task is None:
                    return False
                future = client.submit(cluster_chunk, str(templates), target, self.recycle, *task, *call,
                                       key=f"reportgen-{self._run or Path(folder).name}-{task[0]:06d}-"
                                           f"{secrets.token_hex(4)}",
                                       retries=RETRIES, pure=False)
                futures.append(future)
                pending.add(future)
                return True

            for _ in range(ahead):
                if not submit():
                    break
            for future in pending:
                try:
                    result = future.result()
                except ReportgenError:
                    raise
                except Exception as exc:  # a worker lost too often, storage gone: said, never a traceback
                    raise ReportgenError(f"Klaster {self.address} gagal merender bagian batch ({type(exc).__name__}: "
                                         f"{exc}); tidak ada berkas atau nomor yang dicatat") from None
                futures.remove(future)
                future.release()
                finished(*result)
                submit()
        finally:
            if futures:
                with contextlib.suppress(Exception):
                    client.cancel(futures)
            client.close()
            self.cleanup()

    def fetched(self, folder: Path, results, chunk_file: str | None) -> None:
        """Bring a chunk's files from the cluster's storage into `folder` (nothing to do when the workers wrote
        there), each checked against the SHA-256 its worker reported."""
        if self.storage is None:
            return
        import fsspec

        fs, root = fsspec.core.url_to_fs(self._target(folder))
        names = [(name, digest) for r in results for name, digest in r.files.values()]
        names += [(chunk_file, None)] if chunk_file else []
        for name, digest in names:
            local = Path(folder) / name
            partial = local.with_name(f".{name}.{os.getpid()}.part")
            fs.get_file(f"{root}/{name}", str(partial))
            if digest is not None and file_sha256(partial) != digest:
                partial.unlink(missing_ok=True)
                raise ReportgenError(f"Berkas {name} dari penyimpanan klaster {self.storage} berbeda dengan yang "
                                     "ditulis pekerjanya; tidak ada berkas atau nomor yang dicatat")
            os.replace(partial, local)
            fs.rm_file(f"{root}/{name}")

    def cleanup(self) -> None:
        """Remove this run's folder from the cluster's storage (what a failed run left there)."""
        if self.storage is None or not getattr(self, "_run", None):
            return
        import fsspec

        fs, root = fsspec.core.url_to_fs(f"{self.storage.rstrip('/')}/{self._run}")
        with contextlib.suppress(OSError):
            if fs.exists(root):
                fs.rm(root, recursive=True)


if __name__ == "__main__":  # a cluster worker's renderer process
    _serve(sys.argv[1])
