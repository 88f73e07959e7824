"""Render one document per record in parallel chunks, with a manifest and a combined print file.

Templates, stylesheet and DOCX package are prepared once per worker process; each chunk of documents is laid
out at once (in two layers where documents share a form, render/layered.py), written as one PDF and cut per
document with pikepdf. A batch may say how many pages a document may have (`fit`): a document with more is
set in its smaller variants, and one that has more in all of them is refused with its row.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import gc
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from reportgen.errors import ReportgenError
from reportgen.model.blocks import Document, DocumentMeta
from reportgen.output.atomic import cannot_write, sha256, write_atomic
from reportgen.output.pdf_join import JoinedPdf
from reportgen.render.docx import DocxWriter
from reportgen.render.look_check import refusal_of_the_look
from reportgen.render.pdf import Fit, PdfRenderer, info_of


@dataclass(frozen=True)
class BatchItem:
    """One document of a batch, its file stem and the manifest columns that identify it."""

    document: Document
    stem: str
    manifest: dict[str, str]


@dataclass
class ItemResult:
    """The files written for one item: format -> (file name, SHA-256), and its page count."""

    index: int
    files: dict[str, tuple[str, str]] = field(default_factory=dict)
    pages: int = 0


@dataclass
class BatchResult:
    """What a batch wrote: each item's files, the print file's pieces in order (name, its documents' pages, the
    index of its first document and past its last; one piece up to PRINT_PIECE documents, under the print file's
    own name), the manifest."""

    folder: Path
    items: list[ItemResult]
    print_files: list[tuple[str, int, int, int]]
    manifest: str


class _Renderers:
    """The per-process writers, built once."""

    templates: Path | None = None
    pdf: PdfRenderer | None = None
    docx: DocxWriter | None = None


def _init_worker(templates: Path) -> None:
    _Renderers.templates = templates
    _Renderers.pdf = PdfRenderer(templates)
    _Renderers.docx = DocxWriter(templates / "reference.docx")


# Objects allocated before the cyclic garbage collector runs its youngest generation (default 700).
GC_THRESHOLD = 50_000


def _collect_rarely() -> tuple[int, ...]:
    """Freeze the objects alive so far and let the collector run rarely; return the former thresholds.

    A WeasyPrint layout allocates millions of short-lived objects; with the defaults the collector
    walks every live object (the inputs, the fonts, the compiled templates) again and again: a
    third of a pact's time. The collector still runs, so memory stays bounded.
    """
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    return before


@contextlib.contextmanager
def _few_collections():
    """Run the block with the collector running rarely, then restore it."""
    before = _collect_rarely()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def end_with_parent() -> None:
    """Ask Linux to kill this worker when the process that started it dies (even by SIGKILL), so a killed
    run never leaves workers writing into its staging folder."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before the request took effect
            os._exit(1)
    except OSError:  # not Linux: the pool's own shutdown still ends the workers on a normal exit
        pass


def prepare_writers(templates: Path) -> None:
    """Make this process's writers for `templates` unless it has them (a cluster's worker, before its first chunk),
    with the collector running rarely from then on (the process renders chunks and little else)."""
    if _Renderers.templates != templates or _Renderers.pdf is None:
        _init_worker(templates)
        _collect_rarely()


def render_chunk(number: int, start: int, items: list[BatchItem], store, formats: tuple[str, ...],
                 chunk_meta: DocumentMeta, want_combined: bool, pdfa: bool = False, layered: bool = True,
                 fit: Fit | None = None) -> tuple[int, list[ItemResult], str | None, list[int]]:
    """Return what `run_batch` renders of one chunk, in this process (prepare_writers first)."""
    return _render_chunk(number, start, items, store, formats, chunk_meta, want_combined, pdfa, layered, fit)


def _start_worker(templates: Path) -> None:
    """Prepare a worker process: its writers (those the main process made before it forked, when it did), and a
    collector tuned for the whole batch (the process ends with it)."""
    end_with_parent()
    if _Renderers.templates != templates or _Renderers.pdf is None:
        _init_worker(templates)
    _collect_rarely()


class FolderStore:
    """Where a chunk's files are written: a folder the main process reads (the batch's staging folder)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def write(self, name: str, data: bytes) -> None:
        """Write a file whole under `name` (never seen half-written)."""
        write_atomic(self.folder / name, data)


def _render_chunk(number: int, start: int, items: list[BatchItem], store, formats: tuple[str, ...],
                  chunk_meta: DocumentMeta, want_combined: bool, pdfa: bool = False, layered: bool = True,
                  fit: Fit | None = None) -> tuple[int, list[ItemResult], str | None, list[int]]:
    """Render a chunk of items into `store` (a FolderStore, or a folder on shared storage for a cluster); return
    their results (names, SHA-256 and page counts, never the bytes), the chunk's combined PDF and the indexes (in
    the batch) of the items with more pages than `fit` allows in every variant."""
    if isinstance(store, Path):
        store = FolderStore(store)
    results = [ItemResult(start + i) for i in range(len(items))]
    chunk_file = None
    shown = [i.document for i in items]
    spilled: list[int] = []
    if "pdf" in formats or fit is not None:
        # the PDF first: its layout says which variant of each document fits, and the DOCX shows that one
        laid = _Renderers.pdf.render_batch(shown, chunk_meta, pdfa, layered=layered, fit=fit, write="pdf" in formats)
        shown, spilled = laid.documents, [start + i for i in laid.spilled]
        for result, count in zip(results, laid.pages):
            result.pages = count
        if "pdf" in formats:
            for item, result, data in zip(items, results, laid.singles):
                name = f"{item.stem}.pdf"
                store.write(name, data)
                result.files["pdf"] = (name, sha256(data))
            if want_combined:
                chunk_file = chunk_file_name(number)
                store.write(chunk_file, laid.combined)
    if "docx" in formats:
        for item, result, document in zip(items, results, shown):
            data = _Renderers.docx.render(document)
            name = f"{item.stem}.docx"
            store.write(name, data)
            result.files["docx"] = (name, sha256(data))
    return number, results, chunk_file, spilled


def chunk_file_name(number: int) -> str:
    """Return the name of chunk `number`'s combined PDF (joined into the print file, then removed)."""
    return f".bagian-{number:05d}.pdf"


# Documents per WeasyPrint call (two-layer chunks are cheaper per document, and bigger ones share their forms and
# fonts more), and for the last TAIL documents, so that the workers finish together. Fixed, so that a document's
# bytes never depend on --jobs.
CHUNK_SIZE, LAYERED_CHUNK_SIZE = 25, 50
TAIL, TAIL_CHUNK_SIZE = 50, 10
# Documents of one print file at most: a longer batch's print file comes in pieces, named in order (a print job a
# printer and a person can handle; each is written as its chunks come, holding nothing per page).
PRINT_PIECE = 2_000
# Chunks a worker process renders before a fresh one takes its place: WeasyPrint 70 never frees the Pango
# attribute lists of a text laid out with font features (about 11 KB a pact), so a long-lived worker grows.
ROUND_CHUNKS = 40


def chunk_bounds(count: int, size: int = CHUNK_SIZE) -> list[tuple[int, int]]:
    """Return the (start, stop) of each chunk of a batch of `count` documents: `size` each, then the last TAIL or
    so in near-equal chunks of at most TAIL_CHUNK_SIZE (one big chunk last keeps the other workers idle)."""
    tail_start = max(0, (count - TAIL) // size * size)
    pieces = -(-(count - tail_start) // TAIL_CHUNK_SIZE)
    starts = list(range(0, tail_start, size))
    starts += [tail_start + (count - tail_start) * i // pieces for i in range(pieces)]
    return list(zip(starts, starts[1:] + [count]))


def batch_bounds(count: int, layered: bool = True) -> list[tuple[int, int]]:
    """Return the chunks `run_batch` lays a batch of `count` documents out in (two layers or one pass)."""
    return chunk_bounds(count, LAYERED_CHUNK_SIZE if layered else CHUNK_SIZE)


def print_pieces(bounds: list[tuple[int, int]]) -> list[list[int]]:
    """Return the chunks (their numbers in `bounds`) of each piece of a batch's print file: whole chunks, near-equal
    pieces of at most about PRINT_PIECE documents (one piece, the whole batch, up to PRINT_PIECE)."""
    count = bounds[-1][1] if bounds else 0
    pieces = max(1, -(-count // PRINT_PIECE))
    found: list[list[int]] = [[] for _ in range(pieces)]
    for n, (start, _) in enumerate(bounds):
        found[min(pieces - 1, start * pieces // max(count, 1))].append(n)
    return [piece for piece in found if piece]


def print_piece_names(name: str, pieces: int) -> list[str]:
    """Return the file names of a print file's pieces: the name itself for one, else NAME-01.pdf ... in order."""
    if pieces <= 1:
        return [name]
    stem, suffix = (name[:-4], name[-4:]) if name.lower().endswith(".pdf") else (name, "")
    width = max(2, len(str(pieces)))
    return [f"{stem}-{k:0{width}d}{suffix}" for k in range(1, pieces + 1)]


def piece_meta(meta: DocumentMeta, k: int, pieces: int) -> DocumentMeta:
    """Return the metadata of piece `k` (from 0) of a print file in `pieces` pieces (its title says which)."""
    return meta if pieces <= 1 else dataclasses.replace(meta, title=f"{meta.title} (bagian {k + 1} dari {pieces})")


Task = tuple[int, int, list[BatchItem]]  # a chunk: its number, the index of its first document, its items


def _serial(tasks, finished, templates: Path, call: tuple) -> None:
    """Render every chunk in this process."""
    _init_worker(templates)
    with _few_collections():
        for n, s, chunk in tasks:
            finished(*_render_chunk(n, s, chunk, *call))


def _pool(tasks, finished, templates: Path, call: tuple, jobs: int) -> None:
    """Render the chunks in `jobs` worker processes forked from this one, a few chunks submitted ahead of the
    workers (so the main process holds only those chunks' documents), the workers replaced by fresh ones after
    ROUND_CHUNKS chunks each (so none grows with the batch). The main process's objects are frozen out of the
    collector while workers fork: a worker's collections would otherwise write into every object it inherits, and
    each page of the main process they touch would become the worker's own (100,000 pacts: 240 MB a worker)."""
    tasks = iter(tasks)
    ahead = 2 * jobs
    more = True
    while more:
        left = ROUND_CHUNKS * jobs
        gc.freeze()
        with contextlib.ExitStack() as stack:
            stack.callback(gc.unfreeze)
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                                                           initargs=(templates,)))
            pending = set()
            while True:
                while more and left and len(pending) < ahead:
                    task = next(tasks, None)
                    if task is None:
                        more = False
                        break
                    pending.add(pool.submit(_render_chunk, *task, *call))
                    left -= 1
                if not pending:
                    break
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    finished(*future.result())  # the print file grows here while the workers go on


def run_batch(items: Sequence[BatchItem], folder: Path, formats: tuple[str, ...], templates: Path, jobs: int,
              meta: DocumentMeta, print_file: str | None = None, duplex: bool = False,
              progress: Callable[[int], None] | None = None, pdfa: bool = False, layered: bool = True,
              fit: Fit | None = None, bounds: list[tuple[int, int]] | None = None,
              cluster=None, recorded: Callable[[list[ItemResult]], None] | None = None) -> BatchResult:
    """Render every item into `folder` (which must exist) and return what was written (PDF/A-2b with `pdfa`).

    `items` may build each item when it is asked for (a lazy sequence): each chunk's items are taken once, when the
    chunk is handed to a worker, and let go when it is done, so the main process never holds the whole batch's
    documents. Each chunk's results go, in the batch's order, into the manifest (written row by row), the print
    file and `recorded` when given (then the result's `items` is empty: nothing grows with the batch), else into
    the result's `items`. `layered` (the default) lays documents of one form out in two layers; without it, each
    chunk in one WeasyPrint call. With `fit`, a look that gives every document too many pages is refused before
    anything is rendered, and documents with too many pages in every smaller variant are refused with their rows.
    `bounds` lays the items out in these chunks instead of `batch_bounds` (a document's PDF carries the fonts of
    its chunk: a remake lays a document out among the same neighbours as the whole batch did). `cluster` (an
    output.cluster.Cluster) sends the chunks to a Dask cluster instead of this machine's worker processes: the
    same files, byte for byte.
    """
    bounds = bounds or batch_bounds(len(items), layered)
    want_combined = print_file is not None and "pdf" in formats
    kept: list[ItemResult] = []
    manifests: dict[int, list[dict[str, str]]] = {}  # the chunks in flight: their documents' manifest columns
    spilled: list[int] = []
    manifest = ManifestWriter(folder, formats)
    combined = PrintPieces(folder, print_file, meta, duplex, pdfa, bounds) if want_combined else None

    def tasks():
        for n, (start, stop) in enumerate(bounds):
            chunk = list(items[start:stop])
            manifests[n] = [item.manifest for item in chunk]
            yield n, start, [dataclasses.replace(item, manifest={}) for item in chunk]

    def in_order(n: int, results: list[ItemResult], chunk_file: str | None) -> None:
        manifest.add(manifests.pop(n), results)
        if combined:
            combined.add(chunk_file, results)
        if recorded is not None:
            recorded(results)
        else:
            kept.extend(results)

    ordered = InOrder(in_order)

    def finished(n: int, results: list[ItemResult], chunk_file: str | None, too_long: list[int]) -> None:
        spilled.extend(too_long)
        if cluster is not None:
            cluster.fetched(folder, results, chunk_file)
        if not spilled:  # a batch that will be refused writes no more of its manifest and print file
            ordered.add(n, results, chunk_file)
        if progress:
            progress(len(results))

    try:
        if fit is not None and items:
            # the writers made once, before the workers fork: they start with them (a second of CPU a batch)
            _init_worker(templates)
            _check_the_look(items[0].document, fit, templates)
        if cluster is not None:
            cluster.run(tasks(), finished, templates, folder, (formats, meta, want_combined, pdfa, layered, fit))
            for part in folder.glob(".*.part"):  # a worker lost mid-write: its chunk was written again whole
                part.unlink(missing_ok=True)
        elif jobs <= 1 or len(bounds) == 1:
            _serial(tasks(), finished, templates, (folder, formats, meta, want_combined, pdfa, layered, fit))
        else:
            _pool(tasks(), finished, templates, (folder, formats, meta, want_combined, pdfa, layered, fit), jobs)
        if spilled:
            raise ReportgenError(_refusal_of_rows(sorted(spilled), items, fit))
        ordered.finish()
        if combined:
            combined.finish()
        name = manifest.finish()
    finally:
        manifest.close()
        if combined:
            combined.close()
    return BatchResult(folder, kept, combined.written if combined else [], name)


class InOrder:
    """Hand chunks on in the batch's order as they finish in any order (only the chunks in flight ever wait)."""

    def __init__(self, take: Callable[..., None]):
        self.take = take
        self.waiting: dict[int, tuple] = {}
        self.next = 0

    def add(self, number: int, *payload) -> None:
        """Take chunk `number`; hand it and every following chunk already there on once its predecessors are."""
        self.waiting[number] = payload
        while self.next in self.waiting:
            self.take(self.next, *self.waiting.pop(self.next))
            self.next += 1

    def finish(self) -> None:
        """Check that no chunk is left waiting for one that never came."""
        assert not self.waiting, "a chunk of the batch is missing"


def _check_the_look(document: Document, fit: Fit, templates: Path) -> None:
    """Refuse a look that gives even the shortest document of the batch's form too many pages in its smallest
    variant (a Normal style of 72 pt): said once, naming the styles, before anything is rendered."""
    shortest = fit.shortest(document)
    smallest = (fit.variants(shortest) or (shortest,))[-1]
    if _Renderers.pdf.page_count(smallest) > fit.pages:
        raise ReportgenError(refusal_of_the_look(templates / "reference.docx", smallest, fit.pages, fit.name))


def _refusal_of_rows(spilled: list[int], items: list[BatchItem], fit: Fit) -> str:
    """Return the message that names every document with too many pages in each of its variants."""
    smallest = (fit.variants(items[spilled[0]].document) or (items[spilled[0]].document,))[-1].page.font_size_pt
    named = "; ".join(", ".join(f"{key} {value if len(value) <= 60 else value[:57] + '...'}"
                                for key, value in items[i].manifest.items() if key != "kode_verifikasi")
                      for i in spilled[:20])
    more = f" (dan {len(spilled) - 20} lainnya)" if len(spilled) > 20 else ""
    pages = "satu halaman" if fit.pages == 1 else f"{fit.pages} halaman"
    return (f"{len(spilled)} {fit.name} tidak muat {pages}, bahkan dengan huruf {smallest:g} pt: {named}{more}. "
            "Persingkat teksnya yang panjang (nama, jabatan, instansi) di daftar. Tidak ada berkas yang ditulis")


class PrintFile:
    """One print file (or one piece of it): the chunks' PDFs joined in order, each written into it as it comes
    (output/pdf_join.py: nothing held per page) and removed; completed by `finish`.

    With duplex, a blank back follows each document of an odd page count, so each starts on a front. With
    `pdfa`, the print file keeps the PDF/A identification of the first chunk (all written by WeasyPrint with the
    batch's metadata): its XMP metadata, output intent and document information.
    """

    def __init__(self, folder: Path, name: str, meta: DocumentMeta, duplex: bool, pdfa: bool = False):
        self.folder, self.name, self.meta, self.duplex, self.pdfa = folder, name, meta, duplex, pdfa
        self.joined = JoinedPdf(folder / name)
        self.chunks = 0

    def join(self, chunk_file: str, results: list[ItemResult]) -> None:
        """Add the pages of a chunk's PDF, after those joined before, and remove the chunk's PDF."""
        self.joined.add(self.folder / chunk_file, [r.pages for r in results], self.duplex,
                        keep_identity=self.pdfa and not self.chunks)
        self.chunks += 1
        (self.folder / chunk_file).unlink()

    def finish(self) -> int:
        """Write the print file whole and return its page count."""
        return self.joined.finish(None if self.pdfa else info_of(self.meta))

    def close(self) -> None:
        """Let go of a print file not finished (a failed batch)."""
        self.joined.close()


class PrintPieces:
    """A batch's print file in pieces (print_pieces): chunks joined in the batch's order, each piece written as
    soon as its last chunk is in, so the main process holds one piece's pages at a time."""

    def __init__(self, folder: Path, name: str, meta: DocumentMeta, duplex: bool, pdfa: bool,
                 bounds: list[tuple[int, int]]):
        self.folder, self.meta, self.duplex, self.pdfa = folder, meta, duplex, pdfa
        self.pieces = print_pieces(bounds)
        self.names = print_piece_names(name, len(self.pieces))
        self.piece_of = {n: k for k, piece in enumerate(self.pieces) for n in piece}
        self.next = 0
        self.current: PrintFile | None = None
        self.start = self.pages = 0
        self.written: list[tuple[str, int, int, int]] = []  # (name, the documents' pages, first, end) per piece

    def add(self, chunk_file: str, results: list[ItemResult]) -> None:
        """Join the next chunk (they come in the batch's order); write the piece it ends."""
        k = self.piece_of[self.next]
        if self.current is None:
            self.current = PrintFile(self.folder, self.names[k], piece_meta(self.meta, k, len(self.pieces)),
                                     self.duplex, self.pdfa)
        self.current.join(chunk_file, results)
        self.pages += sum(r.pages for r in results)
        if self.next == self.pieces[k][-1]:
            self.current.finish()
            stop = results[-1].index + 1 if results else self.start
            self.written.append((self.names[k], self.pages, self.start, stop))
            self.current, self.start, self.pages = None, stop, 0
        self.next += 1

    def finish(self) -> None:
        """Check that every piece was written."""
        assert len(self.written) == len(self.pieces), "a chunk of the print file is missing"

    def close(self) -> None:
        """Let go of the piece being joined (a failed batch)."""
        if self.current is not None:
            self.current.close()
            self.current = None


def join_print_file(pdfs: list[Path], target: Path, meta: DocumentMeta, duplex: bool) -> int:
    """Write the print file from documents' own PDFs, in order (a blank back after an odd page count with
    `duplex`); return its page count. Used when only some documents of a batch are made again."""
    joined = JoinedPdf(target)
    try:
        for path in pdfs:
            joined.add(path, None, duplex)
        return joined.finish(info_of(meta))
    finally:
        joined.close()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """Return a manifest cell that Excel shows as text, never runs as a formula (OWASP CSV injection).

    A cell starting with =, +, -, @, tab or CR gets a leading apostrophe; the documents keep the name as is.
    """
    cell = str(cell)
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


class ManifestWriter:
    """manifest.csv, one row per document with its identity (its manifest columns, those of the first document),
    file names and SHA-256, written row by row as chunks come in the batch's order and put in place by `finish`."""

    def __init__(self, folder: Path, formats: tuple[str, ...], name: str = "manifest.csv"):
        self.folder, self.formats, self.name = folder, formats, name
        self.growing = folder / f".{name}.rows"  # (not .part: a cluster's lost writes are cleaned up by that name)
        self.handle = None
        self.writer = None
        self.identity: list[str] = []

    def add(self, manifests: list[dict[str, str]], results: list[ItemResult]) -> None:
        """Write the rows of documents in order: each document's manifest columns and its result."""
        if self.handle is None:
            self._start(list(manifests[0]) if manifests else [])
        for manifest, result in zip(manifests, results):
            row = [manifest[k] for k in self.identity]
            for fmt in self.formats:
                row += list(result.files.get(fmt, ("", "")))
            self.writer.writerow([spreadsheet_safe(cell) for cell in row])

    def _start(self, identity: list[str]) -> None:
        self.identity = identity
        header = identity + [f"{kind}_{fmt}" for fmt in self.formats for kind in ("berkas", "sha256")]
        try:
            self.handle = open(self.growing, "w", encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise cannot_write(self.folder / self.name, exc) from None
        self.writer = csv.writer(self.handle, lineterminator="\n")
        self.writer.writerow(header)

    def finish(self) -> str:
        """Put the manifest in place (a header only when no document came); return its name."""
        if self.handle is None:
            self._start([])
        try:
            self.handle.close()
            os.replace(self.growing, self.folder / self.name)
        except OSError as exc:
            raise cannot_write(self.folder / self.name, exc) from None
        finally:
            self.handle = None
        return self.name

    def close(self) -> None:
        """Let go of a manifest not finished (a failed batch)."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
            self.growing.unlink(missing_ok=True)


def write_manifest(folder: Path, manifests: list[dict[str, str]], results: list[ItemResult],
                   formats: tuple[str, ...]) -> str:
    """Write manifest.csv at once: one row per document with its identity (`manifests`: each document's manifest
    columns), file names and SHA-256."""
    writer = ManifestWriter(folder, formats)
    try:
        writer.add(manifests, results)
        return writer.finish()
    finally:
        writer.close()
