"""Render one document per record in parallel chunks, with a manifest and a combined print file.

Templates, stylesheet and DOCX package are prepared once per worker process; each chunk of documents
is laid out in one WeasyPrint call and split per document.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import io
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from reportgen.model.blocks import Document, DocumentMeta
from reportgen.output.atomic import sha256, write_atomic
from reportgen.output.pdf_tools import set_file_identifier
from reportgen.render.docx import DocxWriter
from reportgen.render.pdf import PdfRenderer, pdf_date


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
    """What a batch wrote."""

    folder: Path
    items: list[ItemResult]
    print_file: str | None
    manifest: str


class _Renderers:
    """The per-process writers, built once."""

    pdf: PdfRenderer | None = None
    docx: DocxWriter | None = None


def _init_worker(templates: Path) -> None:
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


def _end_with_parent() -> None:
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


def _start_worker(templates: Path) -> None:
    """Prepare a worker process: its writers, and a collector tuned for the whole batch (the process ends with it)."""
    _end_with_parent()
    _init_worker(templates)
    _collect_rarely()


def _render_chunk(number: int, start: int, items: list[BatchItem], folder: Path, formats: tuple[str, ...],
                  chunk_meta: DocumentMeta, want_combined: bool,
                  pdfa: bool = False) -> tuple[int, list[ItemResult], str | None]:
    """Render a chunk of items into `folder`; return their results and the chunk's combined PDF."""
    results = [ItemResult(start + i) for i in range(len(items))]
    chunk_file = None
    if "docx" in formats:
        for item, result in zip(items, results):
            data = _Renderers.docx.render(item.document)
            name = f"{item.stem}.docx"
            write_atomic(folder / name, data)
            result.files["docx"] = (name, sha256(data))
    if "pdf" in formats:
        combined, singles, pages = _Renderers.pdf.render_batch([i.document for i in items], chunk_meta, pdfa)
        for item, result, data, count in zip(items, results, singles, pages):
            name = f"{item.stem}.pdf"
            write_atomic(folder / name, data)
            result.files["pdf"] = (name, sha256(data))
            result.pages = count
        if want_combined:
            chunk_file = f".bagian-{number:05d}.pdf"
            write_atomic(folder / chunk_file, combined)
    return number, results, chunk_file


# Documents per WeasyPrint call, and for the last TAIL documents, so that the workers finish together.
# Fixed, so that a document's bytes never depend on --jobs.
CHUNK_SIZE = 25
TAIL, TAIL_CHUNK_SIZE = 50, 10


def chunk_bounds(count: int) -> list[tuple[int, int]]:
    """Return the (start, stop) of each chunk of a batch of `count` documents: CHUNK_SIZE each, then the last
    TAIL or so in near-equal chunks of at most TAIL_CHUNK_SIZE (one big chunk last keeps the other workers idle)."""
    tail_start = max(0, (count - TAIL) // CHUNK_SIZE * CHUNK_SIZE)
    pieces = -(-(count - tail_start) // TAIL_CHUNK_SIZE)
    starts = list(range(0, tail_start, CHUNK_SIZE))
    starts += [tail_start + (count - tail_start) * i // pieces for i in range(pieces)]
    return list(zip(starts, starts[1:] + [count]))


def run_batch(items: list[BatchItem], folder: Path, formats: tuple[str, ...], templates: Path, jobs: int,
              meta: DocumentMeta, print_file: str | None = None, duplex: bool = False,
              progress: Callable[[int], None] | None = None, pdfa: bool = False,
              bounds: list[tuple[int, int]] | None = None) -> BatchResult:
    """Render every item into `folder` (which must exist) and return what was written (PDF/A-2b with `pdfa`).

    `bounds` lays the items out in these chunks instead of `chunk_bounds` (a document's PDF carries the fonts of
    its chunk: a remake lays a document out among the same neighbours as the whole batch did)."""
    chunks = [(n, start, items[start:stop]) for n, (start, stop) in enumerate(bounds or chunk_bounds(len(items)))]
    want_combined = print_file is not None and "pdf" in formats
    done: dict[int, list[ItemResult]] = {}
    combined = PrintFile(folder, print_file, meta, duplex, pdfa) if want_combined else None

    def finished(n: int, results: list[ItemResult], chunk_file: str | None) -> None:
        done[n] = results
        if combined:
            combined.add(n, chunk_file, results)
        if progress:
            progress(len(results))

    if jobs <= 1 or len(chunks) == 1:
        _init_worker(templates)
        with _few_collections():
            for n, s, chunk in chunks:
                finished(*_render_chunk(n, s, chunk, folder, formats, meta, want_combined, pdfa))
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(templates,)) as pool:
            futures = [pool.submit(_render_chunk, n, s, chunk, folder, formats, meta, want_combined, pdfa)
                       for n, s, chunk in chunks]
            for future in as_completed(futures):
                finished(*future.result())  # the print file grows here while the workers go on
    ordered = [r for n in sorted(done) for r in done[n]]
    if combined:
        combined.finish()
    manifest = write_manifest(folder, items, ordered, formats)
    return BatchResult(folder, ordered, print_file if want_combined else None, manifest)


class PrintFile:
    """The combined print file: the chunks' PDFs joined in order as they arrive, written at the end.

    With duplex, a blank back follows each document of an odd page count, so each starts on a front. With
    `pdfa`, the print file keeps the PDF/A identification of the chunks (all written by WeasyPrint with the
    batch's metadata): their XMP metadata, output intent and document information.
    """

    def __init__(self, folder: Path, name: str, meta: DocumentMeta, duplex: bool, pdfa: bool = False):
        self.folder, self.name, self.meta, self.duplex, self.pdfa = folder, name, meta, duplex, pdfa
        self.writer = PdfWriter()
        self.chunk_files: list[str] = []
        self.waiting: dict[int, tuple[str, list[ItemResult]]] = {}

    def add(self, number: int, chunk_file: str, results: list[ItemResult]) -> None:
        """Take chunk `number`; join it and every following chunk already there once its predecessors are in."""
        self.waiting[number] = (chunk_file, results)
        while len(self.chunk_files) in self.waiting:
            chunk_file, results = self.waiting.pop(len(self.chunk_files))
            self._join(chunk_file, results)
            self.chunk_files.append(chunk_file)

    def _join(self, chunk_file: str, results: list[ItemResult]) -> None:
        reader = PdfReader(self.folder / chunk_file)
        page = 0
        for result in results:
            for _ in range(result.pages):
                self.writer.add_page(reader.pages[page])
                page += 1
            if self.duplex and result.pages % 2:
                box = reader.pages[page - 1].mediabox
                self.writer.add_blank_page(width=box.width, height=box.height)

    def finish(self) -> None:
        """Write the print file and remove the chunks' PDFs."""
        assert not self.waiting, "a chunk of the print file is missing"
        writer, meta = self.writer, self.meta
        if self.pdfa:
            first = PdfReader(self.folder / self.chunk_files[0])
            root = first.trailer["/Root"]
            for key in ("/Metadata", "/OutputIntents"):
                if key in root:
                    writer.root_object[NameObject(key)] = root.raw_get(key).clone(writer)
            writer.add_metadata({k: v for k, v in first.metadata.items()})
            digest = hashlib.md5(b"".join((self.folder / c).read_bytes() for c in self.chunk_files)).hexdigest()
            set_file_identifier(writer, digest.encode())  # PDF/A wants an ID
        else:
            writer.add_metadata({"/Title": meta.title, "/Author": meta.author, "/Subject": meta.subject,
                                 "/Creator": "reportgen", "/Producer": "reportgen",
                                 "/CreationDate": pdf_date(meta), "/ModDate": pdf_date(meta)})
        buffer = io.BytesIO()
        writer.write(buffer)
        write_atomic(self.folder / self.name, buffer.getvalue())
        for chunk_file in self.chunk_files:
            (self.folder / chunk_file).unlink()


def join_print_file(pdfs: list[Path], target: Path, meta: DocumentMeta, duplex: bool) -> int:
    """Write the print file from documents' own PDFs, in order (a blank back after an odd page count with
    `duplex`); return its page count. Used when only some documents of a batch are made again."""
    writer = PdfWriter()
    for pdf in pdfs:
        reader = PdfReader(pdf)
        for page in reader.pages:
            writer.add_page(page)
        if duplex and len(reader.pages) % 2:
            box = reader.pages[-1].mediabox
            writer.add_blank_page(width=box.width, height=box.height)
    writer.add_metadata({"/Title": meta.title, "/Author": meta.author, "/Subject": meta.subject,
                         "/Creator": "reportgen", "/Producer": "reportgen",
                         "/CreationDate": pdf_date(meta), "/ModDate": pdf_date(meta)})
    buffer = io.BytesIO()
    writer.write(buffer)
    write_atomic(target, buffer.getvalue())
    return len(writer.pages)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """Return a manifest cell that Excel shows as text, never runs as a formula (OWASP CSV injection).

    A cell starting with =, +, -, @, tab or CR gets a leading apostrophe; the documents keep the name as is.
    """
    cell = str(cell)
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def write_manifest(folder: Path, items: list[BatchItem], results: list[ItemResult],
                    formats: tuple[str, ...]) -> str:
    """Write manifest.csv: one row per document with its identity, file names and SHA-256."""
    identity = list(items[0].manifest) if items else []
    header = identity + [f"{kind}_{fmt}" for fmt in formats for kind in ("berkas", "sha256")]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for item, result in zip(items, results):
        row = [item.manifest[k] for k in identity]
        for fmt in formats:
            row += list(result.files.get(fmt, ("", "")))
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    write_atomic(folder / "manifest.csv", ("\ufeff" + out.getvalue()).encode("utf-8"))
    return "manifest.csv"
