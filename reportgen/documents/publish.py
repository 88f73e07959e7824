"""The one path from inputs to issued files, for every kind: validate -> draft -> check -> mark -> render ->
stage -> record -> commit.

Every kind asked for is loaded and validated first, all problems of all inputs reported at once, before
anything is written. Files are rendered into staging places beside their final ones; then one register
transaction takes the numbers and records every file (so a file on disk is always known to the
register, and a run that fails leaves no trace in it); only then are the staged files moved into place.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import dataclasses
import hashlib
import itertools
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from reportgen.documents.kinds import Ask, Batch, Draft, Drafts, DocumentKind, Numbering, Request, shells
from reportgen.documents.look import apply_look, title_warnings
from reportgen.errors import InputError, ProblemCollector, ReportgenError, mention
from reportgen.inputs.year_texts import check_year_texts
from reportgen.output.atomic import StagedFiles, StagedFolder, file_sha256, sha256
from reportgen.output.spool import Spool
from reportgen.render.fonts import undrawable
from reportgen.render.glyphs import check_drawable
from reportgen.trust.ids import Marked, Marker, document_id
from reportgen.trust.register import IssueRequest, NumberMoved, Register, normalize_identity
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
    cluster: Any = None                # an output.cluster.Cluster: batches rendered on a Dask cluster
    qr: bool = True
    pdfa: bool = False
    progress: ProgressStart | None = None  # called as each kind starts rendering (its title, its documents)


class ShorterList(ReportgenError):
    """A batch's list much shorter than the last run's: more often a wrong file than real departures. The
    user goes on by allowing it (`remedy` "ganti_semua": the command line's --ganti-semua, the web page's box)."""

    remedy = "ganti_semua"

    def __init__(self, gone: int, earlier: int, folder: Path, examples: tuple[str, ...]):
        self.gone, self.earlier, self.folder, self.examples = gone, earlier, folder, examples
        super().__init__(mention(f"Daftar ini akan menghapus {gone} dari {earlier} dokumen yang ditulis sebelumnya di ",
                                 folder, f" (mis. {', '.join(examples)})."))


class ForeignFiles(ReportgenError):
    """Files at the places a run would write that reportgen did not write (the register knows no file with their
    content), e.g. a signed scan saved under the document's name: never replaced."""

    def __init__(self, paths: tuple[Path, ...], register: Path | None = None):
        self.paths, self.register = paths, register
        parts: list = ["Berkas ini sudah ada di folder hasil tetapi bukan terbitan reportgen (isinya tidak tercatat "
                       "di register), mis. salinan bertanda tangan yang disimpan dengan nama yang sama: "]
        for index, path in enumerate(paths):
            parts += ([", "] if index else []) + [path]
        parts.append(". Pindahkan atau ganti namanya dulu; tidak ada berkas yang ditulis.")
        if register is not None:  # no register at all: more likely the unit's register was lost than the files
            parts += [" Register ", register, " belum ada: bila berkas itu terbitan unit dengan register yang hilang, "
                      "pulihkan register dari cadangan lebih dulu."]
        super().__init__(mention(*parts))


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
    files: Sequence[WrittenFile]  # a batch's: read back from its spool when asked for (_SpooledFiles)
    folder: Path | None
    facts: tuple[str, ...]
    notes: tuple[str, ...]
    seconds: float
    print_file: WrittenFile | None = None  # a batch's combined print file, its first piece (also among `files`)
    manifest: WrittenFile | None = None    # a batch's manifest.csv (also among `files`)
    print_files: tuple[WrittenFile, ...] = ()  # every piece of a long batch's print file, in order

    @property
    def document_files(self) -> tuple[WrittenFile, ...]:
        """Return the files of the documents themselves: neither the print file (its pieces) nor the manifest."""
        return tuple(f for f in self.files if f not in (self.print_file, self.manifest) + self.print_files)


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
    marked: Sequence[Marked]
    requests: Iterable[IssueRequest]
    files: Sequence[WrittenFile]
    folder: Path | None
    commit: Callable[[], None]
    seconds: float = 0.0
    notes: tuple[str, ...] = ()
    print_files: tuple[WrittenFile, ...] = ()
    manifest: WrittenFile | None = None

    def published(self) -> Published:
        """Return what the kind published (a batch's files read back from its spool when asked for)."""
        files = self.files if isinstance(self.files, _SpooledFiles) else tuple(self.files)
        return Published(self.kind, len(self.drafts.drafts), files, self.folder, self.drafts.facts,
                         self.notes + self.drafts.notes, self.seconds, self.print_files[0] if self.print_files else None,
                         self.manifest, self.print_files)


@dataclass(frozen=True)
class _Light:
    """What is kept of a batch's document once it is marked: what the register and the print file's ID need."""

    kind: str
    digest: str
    doc_id: str
    date: object
    subject: str


class _MarkedBatch(Sequence):
    """A batch's documents, each drafted and marked when its chunk is rendered (never all held at once); what the
    register needs of each is kept (`_Light`), found by index (marked then when it was not yet)."""

    def __init__(self, drafts: Sequence[Draft], marker: Marker):
        self.drafts, self.marker = drafts, marker
        self.light: list[_Light | None] = [None] * len(drafts)

    def __len__(self) -> int:
        return len(self.drafts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if self.light[index] is None:
            self.marked(index)
        return self.light[index]

    def marked(self, index: int) -> Marked:
        """Return document `index` drafted and marked (kept only as `_Light`)."""
        draft = self.drafts[index]
        m = self.marker.mark(draft.kind, draft.document)
        meta = m.document.meta
        self.light[index] = _Light(m.kind, m.digest, m.doc_id, meta.date, meta.subject)
        return m

    def items(self) -> "_BatchItems":
        """Return the batch items as run_batch takes them, each built when asked for."""
        return _BatchItems(self)

    def release(self, index: int) -> _Light:
        """Return what the register needs of document `index` (marked when it was not yet) and let go of it."""
        light = self[index]
        self.light[index] = None
        return light


class _SpooledFiles(Sequence):
    """A batch's written files: its documents', read back from the spool of their register requests (with their
    page counts) each time they are asked for, then the print file's pieces and the manifest."""

    def __init__(self, spool, after: Sequence[WrittenFile]):
        self.spool, self.after = spool, tuple(after)
        self.count = None

    def __iter__(self) -> Iterator[WrittenFile]:
        for request, pages in self.spool:
            for path, fmt, digest, size in request.files:
                yield WrittenFile(path, fmt, digest, size, pages if fmt == "pdf" else None)
        yield from self.after

    def __len__(self) -> int:
        if self.count is None:
            self.count = sum(len(request.files) for request, _ in self.spool) + len(self.after)
        return self.count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        index = index + len(self) if index < 0 else index
        if not 0 <= index < len(self):
            raise IndexError(index)
        return next(itertools.islice(iter(self), index, None))


class _SpooledRequests:
    """A batch's register requests: its documents', read back from the spool, then its print file's."""

    def __init__(self, spool, after: Sequence[IssueRequest]):
        self.spool, self.after = spool, tuple(after)

    def __iter__(self) -> Iterator[IssueRequest]:
        for request, _ in self.spool:
            yield request
        yield from self.after


class _BatchItems(Sequence):
    """A batch's items for run_batch, each drafted and marked when asked for (a chunk at a time)."""

    def __init__(self, marking: _MarkedBatch, indexes: list[int] | None = None):
        self.marking = marking
        self.indexes = indexes if indexes is not None else range(len(marking))
        self.shells = shells(marking.drafts)

    def __len__(self) -> int:
        return len(self.indexes)

    def __getitem__(self, index):
        from reportgen.output.batch import BatchItem

        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = self.indexes[index]
        m = self.marking.marked(i)
        shell = self.shells[i]
        return BatchItem(m.document, shell.stem, {**(shell.manifest or {}), "kode_verifikasi": m.doc_id})

    def only(self, indexes: list[int]) -> "_BatchItems":
        """Return the items of these indexes only, in this order."""
        return _BatchItems(self.marking, indexes)


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
    check_profile_drawable(profile.path, problems)
    year = settings.year or unit.latest_year()
    requests = [(a.kind, Request(unit, profile, year, a.options, tuple(a.only), a.replace_all)) for a in asked]
    loaded = [_load(kind, request, problems) for kind, request in requests]
    check_year_texts(unit.year_folder(year), year, problems)
    problems.raise_if_any()
    register_file = unit.register
    warn_of_a_new_register(register_file, unit.out_folder(year), problems)
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


# unit.yaml's keys that are never printed as text (a file name, a pattern or address, the layout)
UNPRINTED_KEYS = ("kop.logo", "penomoran", "verifikasi", "tata_letak")


def check_profile_drawable(path: Path, problems: ProblemCollector) -> None:
    """Name every key of unit.yaml whose text holds a character no installed font can draw, with its line:
    such a text is printed in every document, and the font check after drafting could only quote it."""
    from reportgen.inputs.yaml_file import read_yaml_lines

    try:
        data, lines = read_yaml_lines(path)
    except InputError:
        return  # loading the profile has said it already

    def visit(value, keys: tuple) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                visit(inner, keys + (str(key),))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                visit(inner, keys + (index,))
        elif isinstance(value, str):
            dotted = ".".join(str(k) for k in keys if isinstance(k, str))
            if any(dotted == k or dotted.startswith(k + ".") for k in UNPRINTED_KEYS):
                return
            missing = undrawable(value)
            if missing:
                chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
                shown = dotted + "".join(f"[{k + 1}]" for k in keys if isinstance(k, int))
                problems.add(path, f"berisi karakter {chars} yang tidak dapat dicetak: tidak ada huruf (font) "
                             "terpasang yang memilikinya; ganti atau hapus karakter itu", key=shown,
                             row=lines.get(keys), found=value)
    visit(data, ())


def warn_of_a_new_register(register_file: Path, year_folder: Path, problems: ProblemCollector) -> None:
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
            documents = ([drafts.drafts[0].document] if len(drafts.drafts) else []) if drafts.batch else \
                [d.document for d in drafts.drafts]
            for document in documents:
                # a batch's records were checked by its schema: the first document checks the shared texts
                check_drawable(document)
                problems.problems.extend(title_warnings(document, templates))  # a title left with one word
            drafted.append((kind, request, drafts, numberer, time.perf_counter() - started))
        foreign = _foreign_files(view, settings, drafted)
    if foreign:
        raise ForeignFiles(foreign, None if view is not None else register_file)
    with Register(register_file) as reg, contextlib.ExitStack() as stack:
        marker = Marker(reg.secret(), requests[0][1].profile.verification_url if requests else None,
                        show=settings.qr)
        renderers = None
        staged: list[_Staged] = []
        for kind, request, drafts, numberer, seconds in drafted:
            started = time.perf_counter()
            if drafts.batch:
                marked = _MarkedBatch(drafts.drafts, marker)
                one = _stage_batch(kind, request, drafts, marked, settings, templates, stack, marker, reg)
            else:
                if renderers is None:
                    from reportgen.render.one_document import Renderers
                    renderers = Renderers(templates)
                marked = [marker.mark(d.kind, d.document) for d in drafts.drafts]
                advance = settings.progress(kind.title, len(drafts.drafts)) if settings.progress else None
                one = _stage_single(kind, request, drafts, marked, settings, renderers, stack, advance)
            one.seconds = seconds + time.perf_counter() - started
            one.notes = numberer.notes()
            staged.append(one)
        reg.record_batch(itertools.chain.from_iterable(s.requests for s in staged))
        for s in staged:
            s.commit()
    return [s.published() for s in staged]


def _foreign_files(view: Register | None, settings: Settings, drafted) -> tuple[Path, ...]:
    """Return the files a run of single documents would replace that the register does not know as written by
    reportgen (a batch's folder keeps what its manifest does not name: output/atomic.StagedFolder)."""
    foreign = []
    for kind, request, drafts, _, _ in drafted:
        if drafts.batch:
            continue
        target = settings.unit.out_folder(request.year)
        for draft in drafts.drafts:
            for fmt in settings.formats:
                path = target / f"{draft.stem}.{fmt}"
                if path.is_file() and (view is None or not view.find_file(file_sha256(path))):
                    foreign.append(path)
    return tuple(foreign)


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


def _request(year: int, draft, marked: Marked | _Light, files: list[WrittenFile]) -> IssueRequest:
    """Return the register request of one drafted document and its written files."""
    meta = marked.document.meta if isinstance(marked, Marked) else marked
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
                  renderers, stack, advance: Callable[[int], None] | None = None) -> _Staged:
    """Render each document in memory and stage its files in OUT/YEAR/, counting each one done (`advance`)."""
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
        if advance:
            advance(1)
    return _Staged(kind, drafts, marked, requests, written, None, files_staged.commit)


def _print_file_hasher(batch, piece: tuple[int, int] = (0, 1)):
    """Return the hash a print file's ID comes from (piece `piece[0]` of `piece[1]`, from 0), its title and duplex
    taken in; each document it holds is added by `_hold` in order (those of the list, then any kept from an earlier
    list by their IDs)."""
    return hashlib.sha256("\n".join([_piece_title(batch, piece), str(batch.duplex)]).encode())


def _hold(hasher, digest: str) -> None:
    """Add a document (its model hash, or the ID of one kept from an earlier list) to a print file's hash."""
    hasher.update(("\n" + digest).encode())


def _piece_title(batch, piece: tuple[int, int]) -> str:
    k, pieces = piece
    return batch.meta.title if pieces == 1 else f"{batch.meta.title} ({k + 1}/{pieces})"


def _print_file_request(year: int, batch, digest: str, print_file: WrittenFile, marker: Marker,
                        piece: tuple[int, int] = (0, 1)) -> IssueRequest:
    """Return the register request of a batch's print file (piece `piece[0]` of `piece[1]`, from 0) whose documents
    hash to `digest` (_print_file_hasher); a piece of a print file in several is registered under the year and its
    number."""
    k, pieces = piece
    return IssueRequest(kind=batch.print_kind, year=year, identity=str(year) if pieces == 1 else f"{year}-{k + 1:03d}",
                        date=batch.meta.date, subject=batch.meta.subject, person=None, inputs_sha256=digest,
                        doc_id=document_id(marker.secret, batch.print_kind, digest),
                        files=((print_file.path, "pdf", print_file.sha256, print_file.size),))


def _owned_print_files(final: Path, name: str) -> tuple[str, ...]:
    """Return the print file's name and the pieces of an earlier print file in `final` (NAME-01.pdf ...): files
    reportgen always writes there, each replaced or removed by a new run."""
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    found = [p.name for p in final.glob(f"{stem}-*.pdf") if p.name[len(stem) + 1:-4].isdigit()] \
        if final.is_dir() else []
    return (name, *sorted(found))


def _manifest_file(staged_folder: StagedFolder, name: str) -> WrittenFile:
    """Return the written-file record of a batch's manifest (at its final place)."""
    manifest = staged_folder.staging / name
    return WrittenFile(staged_folder.final / name, "csv", sha256(manifest.read_bytes()), manifest.stat().st_size)


_EXCEL_SAFE = ("=", "+", "-", "@", "\t", "\r")


def _earlier_rows(folder: Path) -> list[dict[str, str]]:
    """Return the rows of a batch folder's manifest, each cell as the documents had it (before the apostrophe
    that keeps Excel from running it as a formula)."""
    path = folder / "manifest.csv"
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []
    return [{k: (v[1:] if v.startswith("'") and v[1:2].startswith(_EXCEL_SAFE) else v) for k, v in row.items()
             if k is not None} for row in rows]


def _row_stem(row: dict[str, str]) -> str | None:
    """Return the file stem of a manifest row (its documents' files share it)."""
    names = [v for k, v in row.items() if k.startswith("berkas_") and v]
    return Path(names[0]).stem if names else None


def _files_of(row: dict[str, str]) -> list[str]:
    return [v for k, v in row.items() if k.startswith("berkas_") and v]


def _departed(rows: list[dict[str, str]], drafts: Drafts, final: Path,
              reg: Register) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Return the earlier manifest rows whose document the list no longer holds, and those whose document it
    still holds under another file name (a corrected name): the register says whose document each file is."""
    stems = {d.stem for d in shells(drafts.drafts)}
    held = {(d.kind, normalize_identity(d.identity)) for d in shells(drafts.drafts)}
    gone, renamed = [], []
    for row in rows:
        stem = _row_stem(row)
        if stem is None or stem in stems:
            continue
        owners = {(entry.kind, entry.identity) for name in _files_of(row) for entry, _ in reg.find_path(final / name)}
        (renamed if owners & held else gone).append(row)
    return gone, renamed


def _named(stems, limit: int = 10) -> str:
    """Return stems for a summary line: the first `limit`, then how many more."""
    stems = list(stems)
    shown = ", ".join(stems[:limit])
    return shown + (f" dan {len(stems) - limit} lainnya" if len(stems) > limit else "")


def _previous_print_id(reg: Register, path: Path) -> str | None:
    """Return the document ID the register knows for the print file now at `path` (None: not one it recorded)."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return next((record.doc_id for _, record in reg.find_path(path) if record.sha256 == digest), None)


def _print_pieces_of(count: int, kept: int = 0) -> list[tuple[int, int]]:
    """Return the (start, stop) of each piece of the print file of a batch of `count` documents (as run_batch cuts
    it), the last one also holding `kept` documents of an earlier list after them."""
    from reportgen.output.batch import batch_bounds, print_pieces

    bounds = batch_bounds(count)
    ranges = [(bounds[piece[0]][0], bounds[piece[-1]][1]) for piece in print_pieces(bounds)] if count else [(0, 0)]
    ranges[-1] = (ranges[-1][0], ranges[-1][1] + kept)
    return ranges


def _stage_some(kind, request: Request, drafts: Drafts, marked: _MarkedBatch, settings: Settings,
                templates: Path, staged_folder: StagedFolder, earlier: dict[str, str], marker: Marker,
                reg: Register) -> _Staged:
    """Make again only the documents asked for (`--nip`): the others keep their files; the print file (each of its
    pieces) and the manifest are rebuilt from every document's file, in the list's order.

    A document made again is laid out among the same neighbours as the whole batch lays it out (its PDF carries
    the fonts of its chunk), so a document whose inputs did not change gets the same bytes, and when none of
    them changed the print file stays as it was. Documents of an earlier list that the list no longer holds are
    kept (files, manifest rows, print file pages) and named, or removed and named with `replace_all`."""
    from reportgen.output.batch import (ItemResult, batch_bounds, join_print_file, piece_meta, print_piece_names,
                                        run_batch, write_manifest)

    batch = drafts.batch
    words = kind.batch or Batch()
    final = staged_folder.final
    listed = shells(drafts.drafts)
    items = marked.items()
    only = {str(i) for i in request.only}
    unknown = sorted(only - {d.identity for d in listed})
    if unknown:
        raise UnknownIdentities(tuple(unknown), words)
    missing = [f"{d.stem}.{fmt}" for d in listed if d.identity not in only for fmt in settings.formats
               if f"{d.stem}.{fmt}" not in earlier or not (final / f"{d.stem}.{fmt}").is_file()]
    if missing:
        raise OthersMissing(tuple(missing), final, words)
    chosen = [i for i, d in enumerate(listed) if d.identity in only]
    chunks = [(start, stop) for start, stop in batch_bounds(len(items)) if any(start <= i < stop for i in chosen)]
    laid = [i for start, stop in chunks for i in range(start, stop)]
    starts = [sum(stop - start for start, stop in chunks[:n]) for n in range(len(chunks))]
    progress = settings.progress(kind.title, len(laid)) if settings.progress else None
    result = run_batch(items.only(laid), staged_folder.staging, settings.formats, templates,
                       settings.jobs, batch.meta, progress=progress, pdfa=settings.pdfa,
                       fit=batch.fit, cluster=settings.cluster,
                       bounds=[(first, first + stop - start) for first, (start, stop) in zip(starts, chunks)])
    made = {}
    for index, item in zip(laid, result.items):
        if index in chosen:
            made[index] = item
        else:  # a neighbour laid out only for the chosen one's sake keeps its own earlier files
            for name, _ in item.files.values():
                (staged_folder.staging / name).unlink(missing_ok=True)
    results, requests, written, changed = [], [], [], 0
    for index, draft in enumerate(listed):
        if index in made:
            item = made[index]
            files = [WrittenFile(final / name, fmt, digest, (staged_folder.staging / name).stat().st_size,
                                 item.pages if fmt == "pdf" else None) for fmt, (name, digest) in item.files.items()]
            changed += any(earlier.get(f.path.name) != f.sha256 for f in files)
            requests.append(_request(request.year, draft, marked[index], files))
            written += files
            results.append(item)
        else:
            results.append(ItemResult(index, {fmt: (f"{draft.stem}.{fmt}", earlier[f"{draft.stem}.{fmt}"])
                                              for fmt in settings.formats}))
    # documents of an earlier list the list no longer holds: kept as they are unless the user says otherwise; the
    # earlier files of a document made again under another name (a corrected name) give way to its new ones
    gone, renamed = _departed(_earlier_rows(final), drafts, final, reg)
    remade = {normalize_identity(listed[i].identity) for i in made}
    renamed = [row for row in renamed
               if any(entry.identity in remade for name in _files_of(row) for entry, _ in reg.find_path(final / name))]
    whole = [row for row in gone if all((final / name).is_file() for name in _files_of(row))]
    kept = [] if request.replace_all else whole
    removed = tuple(name for row in gone + renamed if row not in kept for name in _files_of(row))
    columns = list(listed[0].manifest or {}) + ["kode_verifikasi"] if listed else []
    manifests = [{**(d.manifest or {}), "kode_verifikasi": marked[i].doc_id} for i, d in enumerate(listed)]
    manifests += [{c: row.get(c, "") for c in columns} for row in kept]
    kept_results = [ItemResult(len(listed) + n, {fmt: (row[f"berkas_{fmt}"], row.get(f"sha256_{fmt}", ""))
                                                 for fmt in settings.formats if row.get(f"berkas_{fmt}")})
                    for n, row in enumerate(kept)]
    write_manifest(staged_folder.staging, manifests, results + kept_results, settings.formats)
    print_files: list[WrittenFile] = []
    rebuilt = False
    if batch.print_file and "pdf" in settings.formats:
        kept_ids = tuple(row.get("kode_verifikasi", "") for row in kept)
        pdfs = [staged_folder.staging / f"{d.stem}.pdf" if i in made else final / f"{d.stem}.pdf"
                for i, d in enumerate(listed)]
        pdfs += [final / row["berkas_pdf"] for row in kept if row.get("berkas_pdf")]
        ranges = _print_pieces_of(len(listed), len(kept))
        names = print_piece_names(batch.print_file, len(ranges))
        for k, ((start, stop), name) in enumerate(zip(ranges, names)):
            piece = (k, len(ranges))
            ids = kept_ids if k == len(ranges) - 1 else ()
            hasher = _print_file_hasher(batch, piece)
            for held in marked[start:min(stop, len(listed))]:
                _hold(hasher, held.digest)
            for kept_id in ids:
                _hold(hasher, kept_id)
            digest = hasher.hexdigest()
            previous = final / name
            path = staged_folder.staging / name
            draft_request = _print_file_request(request.year, batch, digest, WrittenFile(path, "pdf", "", 0), marker,
                                                piece)
            if changed == 0 and not removed and _previous_print_id(reg, previous) == draft_request.doc_id:
                # the same documents, unchanged, in the same order: the print file stays as it was, byte for byte
                from pypdf import PdfReader

                data = previous.read_bytes()
                pages = len(PdfReader(previous).pages)
            else:
                pages = join_print_file(pdfs[start:stop], path, piece_meta(batch.meta, k, len(ranges)), batch.duplex)
                data = path.read_bytes()
                rebuilt = True
            print_file = WrittenFile(final / name, "pdf", sha256(data), len(data), pages)
            requests.append(_print_file_request(request.year, batch, digest, print_file, marker, piece))
            written.append(print_file)
            print_files.append(print_file)
    manifest = _manifest_file(staged_folder, "manifest.csv")
    written.append(manifest)
    notes = (f"{len(chosen)} {words.document} dibuat ulang: {changed} berubah, {len(chosen) - changed} tetap sama; "
             f"{len(listed) - len(chosen)} lainnya tidak disentuh",)
    if kept:
        notes += (f"{len(kept)} {words.document} yang tidak lagi ada di {words.rows} tetap disimpan (di manifest dan "
                  f"berkas cetak, di akhir): {_named(_row_stem(r) for r in kept)}; untuk menghapusnya, buat ulang "
                  "dengan --nip dan --ganti-semua",)
    if print_files:
        notes += (mention("berkas cetak disusun ulang: ", print_files[0].path) if rebuilt
                  else mention("berkas cetak tetap sama: ", print_files[0].path),)
    owned = set(_owned_print_files(final, batch.print_file)) if batch.print_file else set()
    removed += tuple(sorted(owned - {f.path.name for f in print_files}))

    departed = {_row_stem(row) for row in gone if row not in kept}

    def commit() -> None:
        dropped = sorted({Path(n).stem for n in staged_folder.commit(removed)} & departed)
        if dropped:
            one.notes += (f"{len(dropped)} {words.document} yang tidak lagi ada di {words.rows} dihapus (berkasnya "
                          f"juga): {_named(dropped)}",)

    one = _Staged(kind, dataclasses.replace(drafts, facts=drafts.facts, notes=drafts.notes + notes), marked,
                  requests, written, final, commit, print_files=tuple(print_files), manifest=manifest)
    return one


def _stage_batch(kind, request: Request, drafts: Drafts, marked: _MarkedBatch, settings: Settings,
                 templates: Path, stack, marker: Marker, reg: Register) -> _Staged:
    """Render the batch into a staging folder swapped in whole at commit, with its manifest and print file (in
    pieces for a long batch); each document is drafted and marked only when its chunk is rendered."""
    from reportgen.output.batch import run_batch

    batch = drafts.batch
    words = kind.batch or Batch()
    final = settings.unit.out_folder(request.year) / batch.folder
    owned = _owned_print_files(final, batch.print_file) if batch.print_file else ()
    staged_folder = stack.enter_context(StagedFolder(final, owned=owned))
    listed = shells(drafts.drafts)
    stems = {d.stem for d in listed}
    earlier = staged_folder.previous()
    earlier_stems = {Path(name).stem for name in earlier}
    gone = sorted(earlier_stems - stems)
    if request.only:  # nothing of an earlier list is removed unless asked: no guard needed
        return _stage_some(kind, request, drafts, marked, settings, templates, staged_folder, earlier, marker, reg)
    if gone and not request.replace_all and (len(gone) >= 10 or len(gone) * 10 >= len(earlier_stems)):
        # a list much shorter than the last run's is more often a wrong file than a real departure
        raise ShorterList(len(gone), len(earlier_stems), final, tuple(gone[:3]))
    progress = settings.progress(kind.title, len(listed)) if settings.progress else None
    # each document's register request and page count go to a spool as its chunk comes in, and the hash of the
    # print file piece holding it grows: the main process keeps nothing per document once it is rendered
    spool = Spool()
    ranges = _print_pieces_of(len(listed)) if batch.print_file and "pdf" in settings.formats else []
    hashers = [_print_file_hasher(batch, (k, len(ranges))) for k in range(len(ranges))]
    starts = [start for start, _ in ranges]

    def recorded(results) -> None:
        for item in results:
            light = marked.release(item.index)
            files = [WrittenFile(final / name, fmt, digest, (staged_folder.staging / name).stat().st_size,
                                 item.pages if fmt == "pdf" else None) for fmt, (name, digest) in item.files.items()]
            spool.append((_request(request.year, listed[item.index], light, files), item.pages))
            if hashers:
                _hold(hashers[bisect.bisect_right(starts, item.index) - 1], light.digest)

    result = run_batch(marked.items(), staged_folder.staging, settings.formats, templates, settings.jobs,
                       batch.meta, print_file=batch.print_file, duplex=batch.duplex, progress=progress,
                       pdfa=settings.pdfa, fit=batch.fit, cluster=settings.cluster, recorded=recorded)
    requests, written, print_files = [], [], []
    assert [(start, stop) for _, _, start, stop in result.print_files] == ranges[:len(result.print_files)]
    for k, (name, pages, start, stop) in enumerate(result.print_files):
        path = staged_folder.staging / name
        print_file = WrittenFile(final / name, "pdf", file_sha256(path), path.stat().st_size, pages)
        requests.append(_print_file_request(request.year, batch, hashers[k].hexdigest(), print_file, marker,
                                            piece=(k, len(result.print_files))))
        written.append(print_file)
        print_files.append(print_file)
    manifest = _manifest_file(staged_folder, result.manifest)
    written.append(manifest)
    removed = tuple(name for name in earlier if Path(name).stem not in stems)
    removed += tuple(name for name in owned if name not in {f.path.name for f in print_files})
    departed = {_row_stem(row) for row in _departed(_earlier_rows(final), drafts, final, reg)[0]}

    def commit() -> None:
        dropped = sorted({Path(n).stem for n in staged_folder.commit(removed)} & departed)
        if dropped:  # named: a person's documents never go unmentioned (a corrected name's old files just give way)
            one.notes += (f"{len(dropped)} {words.document} yang tidak lagi ada di {words.rows} dihapus (berkasnya "
                          f"juga): {_named(dropped)}",)

    one = _Staged(kind, drafts, marked, _SpooledRequests(spool, requests), _SpooledFiles(spool, written), final,
                  commit, print_files=tuple(print_files), manifest=manifest)
    return one
