"""Render one document per record in parallel chunks, with a manifest and a combined print file.

Templates, stylesheet and DOCX package are prepared once per worker process; each chunk of documents is laid
out at once (in two layers where documents share a form, render/layered.py), written as one PDF and cut per
document with pikepdf. A batch may say how many pages a document may have (`fit`): a document with more is
set in its smaller variants, and one that has more in all of them is refused with its row.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pikepdf

from reportgen.errors import ReportgenError
from reportgen.model.blocks import Document, DocumentMeta
from reportgen.output.atomic import sha256, write_atomic
from reportgen.render.docx import DocxWriter
from reportgen.render.look_check import refusal_of_the_look
from reportgen.render.pdf import Fit, PdfRenderer, document_info, save_pdf


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
    """Prepare a worker process: its writers (those the main process made before it forked, when it did), and a
    collector tuned for the whole batch (the process ends with it)."""
    _end_with_parent()
    if _Renderers.templates != templates or _Renderers.pdf is None:
        _init_worker(templates)
    _collect_rarely()


def _render_chunk(number: int, start: int, items: list[BatchItem], folder: Path, formats: tuple[str, ...],
                  chunk_meta: DocumentMeta, want_combined: bool, pdfa: bool = False, layered: bool = True,
                  fit: Fit | None = None) -> tuple[int, list[ItemResult], str | None, list[int]]:
    """Render a chunk of items into `folder`; return their results, the chunk's combined PDF and the indexes (in
    the batch) of the items with more pages than `fit` allows in every variant."""
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
                write_atomic(folder / name, data)
                result.files["pdf"] = (name, sha256(data))
            if want_combined:
                chunk_file = f".bagian-{number:05d}.pdf"
                write_atomic(folder / chunk_file, laid.combined)
    if "docx" in formats:
        for item, result, document in zip(items, results, shown):
            data = _Renderers.docx.render(document)
            name = f"{item.stem}.docx"
            write_atomic(folder / name, data)
            result.files["docx"] = (name, sha256(data))
    return number, results, chunk_file, spilled


# Documents per WeasyPrint call (two-layer chunks are cheaper per document, and bigger ones share their forms and
# fonts more), and for the last TAIL documents, so that the workers finish together. Fixed, so that a document's
# bytes never depend on --jobs.
CHUNK_SIZE, LAYERED_CHUNK_SIZE = 25, 50
TAIL, TAIL_CHUNK_SIZE = 50, 10


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


def run_batch(items: list[BatchItem], folder: Path, formats: tuple[str, ...], templates: Path, jobs: int,
              meta: DocumentMeta, print_file: str | None = None, duplex: bool = False,
              progress: Callable[[int], None] | None = None, pdfa: bool = False, layered: bool = True,
              fit: Fit | None = None, bounds: list[tuple[int, int]] | None = None) -> BatchResult:
    """Render every item into `folder` (which must exist) and return what was written (PDF/A-2b with `pdfa`).

    `layered` (the default) lays documents of one form out in two layers; without it, each chunk in one
    WeasyPrint call. With `fit`, a look that gives every document too many pages is refused before anything is
    rendered, and documents with too many pages in every smaller variant are refused with their rows.
    `bounds` lays the items out in these chunks instead of `batch_bounds` (a document's PDF carries the fonts of
    its chunk: a remake lays a document out among the same neighbours as the whole batch did).
    """
    chunks = [(n, start, items[start:stop]) for n, (start, stop) in enumerate(bounds or batch_bounds(len(items),
                                                                                                     layered))]
    want_combined = print_file is not None and "pdf" in formats
    done: dict[int, list[ItemResult]] = {}
    spilled: list[int] = []
    combined = PrintFile(folder, print_file, meta, duplex, pdfa) if want_combined else None

    def finished(n: int, results: list[ItemResult], chunk_file: str | None, too_long: list[int]) -> None:
        done[n] = results
        spilled.extend(too_long)
        if combined:
            combined.add(n, chunk_file, results)
        if progress:
            progress(len(results))

    try:
        if jobs <= 1 or len(chunks) == 1:
            _init_worker(templates)
            if fit is not None and items:
                _check_the_look(items[0].document, fit, templates)
            with _few_collections():
                for n, s, chunk in chunks:
                    finished(*_render_chunk(n, s, chunk, folder, formats, meta, want_combined, pdfa, layered, fit))
        else:
            if fit is not None and items:
                # the writers made once, before the workers fork: they start with them (a second of CPU a batch)
                _init_worker(templates)
                _check_the_look(items[0].document, fit, templates)
            with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(templates,)) as pool:
                futures = [pool.submit(_render_chunk, n, s, chunk, folder, formats, meta, want_combined, pdfa,
                                       layered, fit) for n, s, chunk in chunks]
                for future in as_completed(futures):
                    finished(*future.result())  # the print file grows here while the workers go on
        if spilled:
            raise ReportgenError(_refusal_of_rows(sorted(spilled), items, fit))
        ordered = [r for n in sorted(done) for r in done[n]]
        if combined:
            combined.finish()
    finally:
        if combined:
            combined.close()
    manifest = write_manifest(folder, items, ordered, formats)
    return BatchResult(folder, ordered, print_file if want_combined else None, manifest)


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
    """The combined print file: the chunks' PDFs joined in order as they arrive, written at the end.

    With duplex, a blank back follows each document of an odd page count, so each starts on a front. With
    `pdfa`, the print file keeps the PDF/A identification of the chunks (all written by WeasyPrint with the
    batch's metadata): their XMP metadata, output intent and document information. Joined with pikepdf, which
    reads each chunk's objects only when the print file is written: the chunks stay open until then.
    """

    def __init__(self, folder: Path, name: str, meta: DocumentMeta, duplex: bool, pdfa: bool = False):
        self.folder, self.name, self.meta, self.duplex, self.pdfa = folder, name, meta, duplex, pdfa
        self.pdf = pikepdf.new()
        self.pages: list = []
        self.sources: list[pikepdf.Pdf] = []
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
        source = pikepdf.open(self.folder / chunk_file)
        self.sources.append(source)
        self.pages += copied_pages(self.pdf, source, [r.pages for r in results], self.duplex)

    def finish(self) -> None:
        """Write the print file and remove the chunks' PDFs."""
        assert not self.waiting, "a chunk of the print file is missing"
        first = self.sources[0]
        set_pages(self.pdf, self.pages)
        if self.pdfa:
            for key in ("/Metadata", "/OutputIntents"):
                if key in first.Root:  # (made indirect in the chunk first: pikepdf copies only indirect objects)
                    self.pdf.Root[key] = self.pdf.copy_foreign(first.make_indirect(first.Root[key]))
            self.pdf.docinfo = self.pdf.copy_foreign(first.trailer.Info)
        else:
            document_info(self.pdf, self.meta)
        data = save_pdf(self.pdf, first.pdf_version)  # PDF/A wants an ID: made from the content
        write_atomic(self.folder / self.name, data)
        self.close()
        for chunk_file in self.chunk_files:
            (self.folder / chunk_file).unlink()

    def close(self) -> None:
        """Let go of the chunks' PDFs."""
        for source in self.sources:
            source.close()
        self.sources = []


def copied_pages(pdf: pikepdf.Pdf, source: pikepdf.Pdf, page_counts: list[int], duplex: bool) -> list:
    """Return copies in `pdf` of a source's pages, document by document (`page_counts`), with a blank back after a
    document of an odd page count when `duplex`; set_pages makes them `pdf`'s pages.

    Copied, not appended: qpdf adds a page in a time that grows with the pages already there (10,000 pacts took
    24 s), while the page tree written once at the end is quick."""
    pages, page = [], 0
    for count in page_counts:
        for number in range(page, page + count):
            pages.append(pdf.copy_foreign(source.pages[number].obj))
        page += count
        if duplex and count % 2:
            pages.append(pdf.make_indirect(pikepdf.Dictionary({
                "/Type": pikepdf.Name.Page, "/MediaBox": pikepdf.Array(source.pages[page - 1].mediabox),
                "/Resources": pikepdf.Dictionary()})))
    return pages


def set_pages(pdf: pikepdf.Pdf, pages: list) -> None:
    """Make `pages` (copied_pages) the pages of `pdf`, in order."""
    tree = pdf.Root.Pages
    for page in pages:
        page.Parent = tree
    tree.Kids = pikepdf.Array(pages)
    tree.Count = len(pages)


def join_print_file(pdfs: list[Path], target: Path, meta: DocumentMeta, duplex: bool) -> int:
    """Write the print file from documents' own PDFs, in order (a blank back after an odd page count with
    `duplex`); return its page count. Used when only some documents of a batch are made again."""
    sources = []
    try:
        with pikepdf.new() as pdf:
            pages = []
            for path in pdfs:
                source = pikepdf.open(path)
                sources.append(source)
                pages += copied_pages(pdf, source, [len(source.pages)], duplex)
            set_pages(pdf, pages)
            document_info(pdf, meta)
            write_atomic(target, save_pdf(pdf, max((s.pdf_version for s in sources), default="1.7")))
            return len(pages)
    finally:
        for source in sources:
            source.close()


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
