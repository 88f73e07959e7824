"""The one path from inputs to issued files, for every kind: validate -> draft -> check -> mark -> render ->
stage -> record -> commit.

Every kind asked for is loaded and validated first, all problems of all inputs reported at once, before
anything is written. Files are rendered into staging places beside their final ones; then one register
transaction takes the numbers and records every file (so a file on disk is always known to the
register, and a run that fails leaves no trace in it); only then are the staged files moved into place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from reportgen.documents.kinds import Ask, Batch, Drafts, DocumentKind, Numbering, Request
from reportgen.documents.look import apply_look, title_warnings
from reportgen.errors import InputError, ProblemCollector, ReportgenError, mention
from reportgen.inputs.year_texts import check_year_texts
from reportgen.output.atomic import StagedFiles, StagedFolder, sha256
from reportgen.render.fonts import undrawable
from reportgen.render.glyphs import check_drawable
from reportgen.trust.ids import Marked, Marker, document_id
from reportgen.trust.register import IssueRequest, NumberMoved, Register
from reportgen.unit import Unit

ProgressStart = Callable[[str, int], Callable[[int], None] | None]
ATTEMPTS = 30  # a number taken by another run between drafting and recording: draft again (each round one wins)


@dataclass(frozen=True)
class Settings:
    """How a run publishes: the unit (its inputs, outputs, templates and register), the year, which formats,
    and its trust options."""

    unit: Unit
    year: int | None = None            # None: the latest year of the inputs folder
    formats: tuple[str, ...] = ("pdf", "docx")
    jobs: int = 1
    qr: bool = True
    pdfa: bool = False
    progress: ProgressStart | None = None


class ShorterList(ReportgenError):
    """A batch's list much shorter than the last run's: more often a wrong file than real departures. The
    user goes on by allowing it (`remedy` "ganti_semua": the command line's --ganti-semua, the web page's box)."""

    remedy = "ganti_semua"

    def __init__(self, gone: int, earlier: int, folder: Path, examples: tuple[str, ...]):
        self.gone, self.earlier, self.folder, self.examples = gone, earlier, folder, examples
        super().__init__(mention(f"Daftar ini akan menghapus {gone} dari {earlier} dokumen yang ditulis sebelumnya di ",
                                 folder, f" (mis. {', '.join(examples)})."))


class UnknownIdentities(ReportgenError):
    """Documents asked to be made again whose identities (NIP) the batch's list does not hold."""

    def __init__(self, identities: tuple[str, ...], batch: Batch):
        self.identities, self.batch = identities, batch
        super().__init__(f"{batch.identity} {', '.join(identities)} tidak ada di {batch.rows}; periksa "
                         f"{batch.identity}-nya ({batch.identity_hint})")


class OthersMissing(ReportgenError):
    """Making only some documents again while the others' files are not there (yet): the whole batch must be
    made (`remedy` "tanpa_nip")."""

    remedy = "tanpa_nip"

    def __init__(self, missing: tuple[str, ...], folder: Path, batch: Batch):
        self.missing, self.folder, self.batch = missing, folder, batch
        super().__init__(mention(f"{len(missing)} berkas {batch.document} lainnya belum ada di ", folder,
                                 f" (mis. {missing[0]}); hanya {batch.document} yang sudah ada dapat dibuat ulang "
                                 "sebagian"))


class RegisterBusy(ReportgenError):
    """Numbers taken by other runs again and again: try later."""

    def __init__(self, register: Path):
        self.register = register
        super().__init__(mention("Register ", register, " sedang dipakai banyak proses yang mengambil nomor; coba "
                                 "lagi sebentar lagi"))


@dataclass(frozen=True)
class WrittenFile:
    """One file written: where, its format, SHA-256, size in bytes and page count (PDF only)."""

    path: Path
    format: str
    sha256: str
    size: int
    pages: int | None = None


@dataclass(frozen=True)
class Published:
    """What one kind wrote: its documents' files, the folder, print file and manifest of a batch, the facts of
    its summary line."""

    kind: DocumentKind
    documents: int
    files: tuple[WrittenFile, ...]
    folder: Path | None
    facts: tuple[str, ...]
    notes: tuple[str, ...]
    seconds: float
    print_file: WrittenFile | None = None  # a batch's combined print file (also among `files`)
    manifest: WrittenFile | None = None    # a batch's manifest.csv (also among `files`)

    @property
    def document_files(self) -> tuple[WrittenFile, ...]:
        """Return the files of the documents themselves: neither the print file nor the manifest."""
        return tuple(f for f in self.files if f not in (self.print_file, self.manifest))


@dataclass(frozen=True)
class PublishResult:
    """What a run did: each kind published, each kind skipped (with its missing inputs), warnings, time."""

    year: int
    published: list[Published]
    register: Path
    seconds: float
    warnings: list = field(default_factory=list)
    skipped: list[tuple[DocumentKind, str]] = field(default_factory=list)  # with the reason


@dataclass
class _Staged:
    """One kind drafted, marked and rendered into its staging place, waiting for the register."""

    kind: DocumentKind
    drafts: Drafts
    marked: list[Marked]
    requests: list[IssueRequest]
    files: list[WrittenFile]
    folder: Path | None
    commit: Callable[[], None]
    seconds: float = 0.0
    notes: tuple[str, ...] = ()
    print_file: WrittenFile | None = None
    manifest: WrittenFile | None = None


def publish(asked: Sequence[Ask], settings: Settings,
            skipped: Sequence[tuple[DocumentKind, str]] = ()) -> PublishResult:
    """Publish the kinds asked for (each with its options); raise InputError listing every problem of every
    input before anything is written."""
    started = time.perf_counter()
    unit = settings.unit
    unit.folder  # noqa: B018 -- a missing inputs folder is said first
    problems = ProblemCollector(undrawable=undrawable)  # a cell no installed font can draw is named with its row
    templates = unit.templates
    profile = apply_look(unit.profile, templates, problems)  # the page and base font of reference.docx
    year = settings.year or unit.latest_year()
    requests = [(a.kind, Request(unit, profile, year, a.options, tuple(a.only), a.replace_all)) for a in asked]
    loaded = [_load(kind, request, problems) for kind, request in requests]
    check_year_texts(unit.year_folder(year), year, problems)
    problems.raise_if_any()
    register_file = unit.register
    _warn_of_a_new_register(register_file, unit.out_folder(year), problems)
    published: list[Published] = []
    for attempt in range(ATTEMPTS if requests else 0):  # nothing asked: the register is not even opened
        try:
            published = _publish_once(requests, loaded, settings, register_file, templates, problems)
            break
        except NumberMoved:
            time.sleep(random.uniform(0.05, 0.3))  # let the run that took the number finish first
            if attempt == ATTEMPTS - 1:
                raise RegisterBusy(register_file) from None
    return PublishResult(year, published, register_file, time.perf_counter() - started, problems.warnings,
                         list(skipped))


def publish_year(settings: Settings, kinds: Sequence[DocumentKind]) -> PublishResult:
    """Publish every kind whose inputs the year has (`reportgen build`); the others are reported as skipped."""
    unit = settings.unit
    unit.profile  # noqa: B018 -- a broken profile is said before any kind is looked at
    year = settings.year or unit.latest_year()
    asked, skipped = [], []
    for kind in kinds:
        reason = kind.why_not(unit, year)
        if reason is None:
            asked.append(Ask(kind))
        else:
            skipped.append((kind, reason))
    return publish(asked, dataclasses.replace(settings, year=year), skipped)


def _warn_of_a_new_register(register_file: Path, year_folder: Path, problems: ProblemCollector) -> None:
    """Say so when a run starts a new register although the year's folder already holds issued documents."""
    if register_file.exists() or not year_folder.is_dir():
        return
    issued = [p for p in year_folder.rglob("*") if p.suffix in (".pdf", ".docx")]
    if issued:
        problems.warn(register_file, mention("register ini belum ada, padahal ", year_folder,
                                             f" sudah berisi {len(issued)} berkas terbitan: register baru memulai "
                                             "nomor dari 1 lagi dan kode verifikasi dokumen lama tidak dikenalinya. "
                                             "Bila register unit ada di tempat lain atau di cadangan, hentikan dan "
                                             "pulihkan dulu."))


def _load(kind: DocumentKind, request: Request, problems: ProblemCollector):
    """Return what the kind loaded; a file that cannot be read at all adds its problems and gives None."""
    try:
        return kind.load(request, problems)
    except InputError as exc:
        problems.problems.extend(exc.problems + exc.warnings)
        return None


def _publish_once(requests, loaded, settings: Settings, register_file: Path, templates: Path,
                  problems: ProblemCollector) -> list[Published]:
    """Draft and check every kind, then mark, render and stage them, record all in one register transaction,
    and move the files into place. Nothing touches the register before every document is drafted and
    every character is known to be drawable."""
    drafted = []
    with contextlib.ExitStack() as stack:
        view = stack.enter_context(Register(register_file, read_only=True)) if register_file.is_file() else None
        for (kind, request), data in zip(requests, loaded):
            started = time.perf_counter()
            numberer = _Numberer(view, kind, request.year)
            drafts = kind.draft(request, data, numberer)
            documents = [d.document for d in drafts.drafts]
            for document in (documents[:1] if drafts.batch else documents):
                # a batch's records were checked by its schema: the first document checks the shared texts
                check_drawable(document)
                problems.problems.extend(title_warnings(document, templates))  # a title left with one word
            drafted.append((kind, request, drafts, numberer, time.perf_counter() - started))
    with Register(register_file) as reg, contextlib.ExitStack() as stack:
        marker = Marker(reg.secret(), requests[0][1].profile.verification_url if requests else None,
                        show=settings.qr)
        renderers = None
        staged: list[_Staged] = []
        for kind, request, drafts, numberer, seconds in drafted:
            started = time.perf_counter()
            marked = [marker.mark(d.kind, d.document) for d in drafts.drafts]
            if drafts.batch:
                one = _stage_batch(kind, request, drafts, marked, settings, templates, stack, marker)
            else:
                if renderers is None:
                    from reportgen.render.one_document import Renderers
                    renderers = Renderers(templates)
                one = _stage_single(kind, request, drafts, marked, settings, renderers, stack)
            one.seconds = seconds + time.perf_counter() - started
            one.notes = numberer.notes()
            staged.append(one)
        reg.issue_batch([r for s in staged for r in s.requests])
        for s in staged:
            s.commit()
    return [Published(s.kind, len(s.drafts.drafts), tuple(s.files), s.folder, s.drafts.facts,
                      s.notes + s.drafts.notes, s.seconds, s.print_file, s.manifest) for s in staged]


class _Numberer:
    """The `number` callable a kind drafts with: the number the register would give now (a register not yet
    made gives the first serial), taken and checked to be still free only in the transaction that records
    the document's files."""

    def __init__(self, view: Register | None, kind: DocumentKind, year: int):
        self.view, self.kind, self.year = view, kind, year
        self.given: list[tuple[str, bool, Numbering]] = []

    def __call__(self, numbering: Numbering, identity: str, date, subject: str) -> str:
        if self.view is not None:
            found, reused = self.view.peek_number(kind=self.kind.key, year=self.year, identity=identity, date=date,
                                                  code=numbering.code, number=numbering.number,
                                                  pattern=numbering.pattern)
        else:
            found, reused = (numbering.pattern.format(numbering.code, 1, date) if numbering.code
                             else numbering.number), False
        self.given.append((found, reused, numbering))
        return found

    def notes(self) -> tuple[str, ...]:
        """Return where each number came from, for the summary."""
        return tuple(f"Nomor {found} (" + ("nomor tetap seperti sebelumnya" if reused else
                                           "nomor baru dari register" if numbering.code else
                                           "nomor dari berkas masukan") + ")"
                     for found, reused, numbering in self.given)


def _request(year: int, draft, marked: Marked, files: list[WrittenFile]) -> IssueRequest:
    """Return the register request of one drafted document and its written files."""
    meta = marked.document.meta
    numbering = draft.numbering
    return IssueRequest(kind=draft.kind, year=year, identity=draft.identity, date=meta.date, subject=meta.subject,
                        person=draft.person,
                        inputs_sha256=numbering.inputs_sha256 if numbering else marked.digest,
                        doc_id=marked.doc_id,
                        files=tuple((f.path, f.format, f.sha256, f.size) for f in files),
                        code=numbering.code if numbering else None,
                        number=numbering.number if numbering else None,
                        pattern=numbering.pattern if numbering else None,
                        drafted_number=draft.number)


def _stage_single(kind, request: Request, drafts: Drafts, marked: list[Marked], settings: Settings,
                  renderers, stack) -> _Staged:
    """Render each document in memory and stage its files in OUT/YEAR/."""
    target = settings.unit.out_folder(request.year)
    files_staged = stack.enter_context(StagedFiles())
    requests, written = [], []
    for draft, m in zip(drafts.drafts, marked):
        rendered = renderers.render(m.document, settings.formats, settings.pdfa, paginate=draft.paginate)
        files = []
        for fmt in settings.formats:
            data = rendered.files[fmt]
            path = target / f"{draft.stem}.{fmt}"
            files_staged.add(path, data)
            files.append(WrittenFile(path, fmt, sha256(data), len(data), rendered.pages if fmt == "pdf" else None))
        requests.append(_request(request.year, draft, m, files))
        written += files
    return _Staged(kind, drafts, marked, requests, written, None, files_staged.commit)


def _print_file_request(year: int, batch, marked: list[Marked], print_file: WrittenFile,
                        marker: Marker) -> IssueRequest:
    """Return the register request of a batch's print file: its ID comes from every document it holds."""
    digest = hashlib.sha256("\n".join([batch.meta.title, str(batch.duplex)]
                                      + [m.digest for m in marked]).encode()).hexdigest()
    return IssueRequest(kind=batch.print_kind, year=year, identity=str(year), date=batch.meta.date,
                        subject=batch.meta.subject, person=None, inputs_sha256=digest,
                        doc_id=document_id(marker.secret, batch.print_kind, digest),
                        files=((print_file.path, "pdf", print_file.sha256, print_file.size),))


def _manifest_file(staged_folder: StagedFolder, name: str) -> WrittenFile:
    """Return the written-file record of a batch's manifest (at its final place)."""
    manifest = staged_folder.staging / name
    return WrittenFile(staged_folder.final / name, "csv", sha256(manifest.read_bytes()), manifest.stat().st_size)


def _stage_some(kind, request: Request, drafts: Drafts, marked: list[Marked], items, settings: Settings,
                templates: Path, staged_folder: StagedFolder, earlier: dict[str, str], marker: Marker) -> _Staged:
    """Make again only the documents asked for (`--nip`): the others keep their files; the print file and the
    manifest are rebuilt from every document's file, in the list's order."""
    from reportgen.output.batch import ItemResult, join_print_file, run_batch, write_manifest

    batch = drafts.batch
    words = kind.batch or Batch()
    final = staged_folder.final
    only = {str(i) for i in request.only}
    unknown = sorted(only - {d.identity for d in drafts.drafts})
    if unknown:
        raise UnknownIdentities(tuple(unknown), words)
    missing = [f"{d.stem}.{fmt}" for d in drafts.drafts if d.identity not in only for fmt in settings.formats
               if f"{d.stem}.{fmt}" not in earlier or not (final / f"{d.stem}.{fmt}").is_file()]
    if missing:
        raise OthersMissing(tuple(missing), final, words)
    chosen = [i for i, d in enumerate(drafts.drafts) if d.identity in only]
    progress = settings.progress(kind.title, len(chosen)) if settings.progress else None
    result = run_batch([items[i] for i in chosen], staged_folder.staging, settings.formats, templates,
                       settings.jobs, batch.meta, progress=progress, pdfa=settings.pdfa)
    made = dict(zip(chosen, result.items))
    results, requests, written, changed = [], [], [], 0
    for index, (draft, m) in enumerate(zip(drafts.drafts, marked)):
        if index in made:
            item = made[index]
            files = [WrittenFile(final / name, fmt, digest, (staged_folder.staging / name).stat().st_size,
                                 item.pages if fmt == "pdf" else None) for fmt, (name, digest) in item.files.items()]
            changed += any(earlier.get(f.path.name) != f.sha256 for f in files)
            requests.append(_request(request.year, draft, m, files))
            written += files
            results.append(item)
        else:
            results.append(ItemResult(index, {fmt: (f"{draft.stem}.{fmt}", earlier[f"{draft.stem}.{fmt}"])
                                              for fmt in settings.formats}))
    write_manifest(staged_folder.staging, items, results, settings.formats)
    print_file = None
    if batch.print_file and "pdf" in settings.formats:
        pdfs = [staged_folder.staging / f"{d.stem}.pdf" if i in made else final / f"{d.stem}.pdf"
                for i, d in enumerate(drafts.drafts)]
        path = staged_folder.staging / batch.print_file
        pages = join_print_file(pdfs, path, batch.meta, batch.duplex)
        data = path.read_bytes()
        print_file = WrittenFile(final / batch.print_file, "pdf", sha256(data), len(data), pages)
        requests.append(_print_file_request(request.year, batch, marked, print_file, marker))
        written.append(print_file)
    manifest = _manifest_file(staged_folder, "manifest.csv")
    written.append(manifest)
    notes = (f"{len(chosen)} {words.document} dibuat ulang: {changed} berubah, {len(chosen) - changed} tetap sama; "
             f"{len(drafts.drafts) - len(chosen)} lainnya tidak disentuh",)
    if print_file is not None:
        notes += (mention("berkas cetak disusun ulang: ", print_file.path),)
    one = _Staged(kind, dataclasses.replace(drafts, facts=drafts.facts, notes=drafts.notes + notes), marked,
                  requests, written, final, staged_folder.commit, print_file=print_file, manifest=manifest)
    return one


def _stage_batch(kind, request: Request, drafts: Drafts, marked: list[Marked], settings: Settings,
                 templates: Path, stack, marker: Marker) -> _Staged:
    """Render the batch into a staging folder swapped in whole at commit, with its manifest and print file."""
    from reportgen.output.batch import BatchItem, run_batch

    batch = drafts.batch
    final = settings.unit.out_folder(request.year) / batch.folder
    staged_folder = stack.enter_context(StagedFolder(final, owned=(batch.print_file,) if batch.print_file else ()))
    stems = {d.stem for d in drafts.drafts}
    earlier = staged_folder.previous()
    earlier_stems = {Path(name).stem for name in earlier}
    gone = sorted(earlier_stems - stems)
    if gone and not request.replace_all and (len(gone) >= 10 or len(gone) * 10 >= len(earlier_stems)):
        # a list much shorter than the last run's is more often a wrong file than a real departure
        raise ShorterList(len(gone), len(earlier_stems), final, tuple(gone[:3]))
    items = [BatchItem(m.document, d.stem, {**(d.manifest or {}), "kode_verifikasi": m.doc_id})
             for d, m in zip(drafts.drafts, marked)]
    if request.only:
        return _stage_some(kind, request, drafts, marked, items, settings, templates, staged_folder, earlier, marker)
    progress = settings.progress(kind.title, len(items)) if settings.progress else None
    result = run_batch(items, staged_folder.staging, settings.formats, templates, settings.jobs, batch.meta,
                       print_file=batch.print_file, duplex=batch.duplex, progress=progress, pdfa=settings.pdfa)
    requests, written = [], []
    for draft, m, item in zip(drafts.drafts, marked, result.items):
        files = []
        for fmt, (name, digest) in item.files.items():
            size = (staged_folder.staging / name).stat().st_size
            files.append(WrittenFile(final / name, fmt, digest, size, item.pages if fmt == "pdf" else None))
        requests.append(_request(request.year, draft, m, files))
        written += files
    print_file = None
    if result.print_file:
        data = (staged_folder.staging / result.print_file).read_bytes()
        print_file = WrittenFile(final / result.print_file, "pdf", sha256(data), len(data),
                                 sum(i.pages for i in result.items))
        requests.append(_print_file_request(request.year, batch, marked, print_file, marker))
        written.append(print_file)
    manifest = _manifest_file(staged_folder, result.manifest)
    written.append(manifest)
    removed = tuple(name for name in earlier if Path(name).stem not in stems)

    def commit() -> None:
        dropped = staged_folder.commit(removed)
        if dropped:
            one.notes += (f"{len(dropped)} berkas lama dari dokumen yang tidak lagi ada di daftar dihapus",)

    one = _Staged(kind, drafts, marked, requests, written, final, commit, print_file=print_file, manifest=manifest)
    return one
