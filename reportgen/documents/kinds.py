"""What a document kind is: its inputs, how it loads them, what it drafts; the registry holds one per kind.

A kind never renders, writes or opens the register: it loads and validates its inputs (every problem
at once), then drafts block-tree documents. `documents.publish` does the rest the same way for all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from reportgen.errors import PathText, ProblemCollector, mention
from reportgen.inputs.catalogue import InputFile
from reportgen.inputs.profile import Profile
from reportgen.model.blocks import Document, DocumentMeta
from reportgen.unit import Unit


@dataclass(frozen=True)
class NoChoices:
    """The options of a kind that has none."""


@dataclass(frozen=True)
class Request:
    """One kind asked for in a run: the unit and its profile (with the templates' look), the year, the kind's
    own options (an instance of its `DocumentKind.options` class), and for a batch kind which documents to
    make again."""

    unit: Unit
    profile: Profile
    year: int
    options: Any = field(default_factory=NoChoices)
    only: tuple[str, ...] = ()   # a batch kind: make again only the documents of these identities
    replace_all: bool = False    # a batch kind: a much shorter list may remove the documents no longer in it

    def input_path(self, given: Path | str | None, file_name: str) -> Path:
        """Return the path given as an option, else the year's file `file_name`."""
        return Path(given) if given else self.unit.year_file(self.year, file_name)

    def year_file(self, file_name: str) -> Path:
        """Return the path of the year's input file `file_name` (it may not exist)."""
        return self.unit.year_file(self.year, file_name)


@dataclass(frozen=True)
class Numbering:
    """How a numbered document takes its number from the register: a classification code (next serial)
    or a number written by hand, in the unit's pattern."""

    code: str | None
    number: str | None
    pattern: Any  # conventions.document_numbers.NumberPattern
    inputs_sha256: str | None = None


@dataclass(frozen=True)
class Draft:
    """One document to publish: its block tree, file stem, and how the register knows it."""

    kind: str                      # the register's kind key, e.g. "keputusan"
    document: Document
    stem: str                      # file name without suffix
    identity: str                  # the register's identity of this document within kind and year
    person: str | None = None
    manifest: Mapping[str, str] | None = None    # the document's row in a batch's manifest.csv
    paginate: Callable[[Document, dict[str, str]], Document] | None = None  # fills in its contents' pages
    numbering: Numbering | None = None  # a numbered document: how its number is kept or taken,
    number: str | None = None           # and the number it was drafted with


class OnDemand(Sequence):
    """Items built from their index each time one is asked for, never kept (a batch's shells: a list of a hundred
    thousand rows holds only the rows)."""

    def __init__(self, count: int, build: Callable[[int], Any]):
        self.count, self.build = count, build

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        return self.build(index)


class LazyDrafts(Sequence):
    """A batch's drafts whose documents are built only when one is asked for, and never kept: a list of a
    hundred thousand rows never holds a hundred thousand documents. `shells` are the same drafts without their
    documents (stems, identities, manifest rows), for everything that needs no document (a list, or OnDemand)."""

    def __init__(self, shells: Sequence[Draft], build: Callable[[int], Document]):
        self.shells, self.build = shells, build

    def __len__(self) -> int:
        return len(self.shells)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return replace(self.shells[index], document=self.build(index))


def shells(drafts: Sequence[Draft]) -> Sequence[Draft]:
    """Return a kind's drafts for what needs no document (their documents built for none of them when lazy)."""
    return drafts.shells if isinstance(drafts, LazyDrafts) else drafts


@dataclass(frozen=True)
class BatchOptions:
    """Many documents of one kind in their own folder, with a manifest and, optionally, a combined print file."""

    folder: str                    # under OUT/YEAR/
    meta: DocumentMeta             # of the print file
    print_file: str | None = None
    print_kind: str | None = None  # the register's kind of the print file
    duplex: bool = False
    fit: Any = None                # how many pages a document may have, and its smaller variants (render.pdf.Fit)


@dataclass(frozen=True)
class Drafts:
    """What a kind drafted for one request: the documents, a batch (or None: files in OUT/YEAR/), and the
    facts the summary line states ("62 anggota tim")."""

    drafts: Sequence[Draft]        # a list, or a batch's LazyDrafts
    batch: BatchOptions | None = None
    facts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()    # lines printed under the summary (the dates used, the number's origin)


Number = Callable[[Numbering, str, dt.date, str], str]  # (numbering, identity, date, subject) -> number


@dataclass(frozen=True)
class Batch:
    """A kind that makes one document per row of a list (a batch), in the words users know its rows by: the
    remake of only some documents (`--nip`) and the guard against a much shorter list work for any such kind."""

    identity: str = "NIP"                    # what names one row, e.g. "NIP"
    identity_hint: str = "18 angka tanpa spasi"
    rows: str = "daftar pegawai"             # the list, e.g. "daftar pegawai"
    document: str = "pakta"                  # one document, e.g. "pakta"


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its name as users see it, its input files, its loader and its drafter, its options,
    and whether it is a batch. Everything the faces need of a kind is here: a kind added to the registry shows
    up in `semua --help`, `tahun-baru`, `templat-kosong` and the web's year page with no other change.

    `load(request, problems)` reads and validates the inputs, adding every problem to `problems`, and
    returns what `draft` needs (or None when it cannot). `draft(request, loaded, number)` returns the
    documents; a numbered document calls `number(numbering, identity, date, subject)` for its number.
    """

    key: str                       # the register's kind key, e.g. "keputusan"
    title: str                     # as users see it, e.g. "Keputusan Tim RB"
    inputs: tuple[InputFile, ...]  # the year's files it needs (without them `semua` skips it)
    load: Callable[[Request, ProblemCollector], Any]
    draft: Callable[[Request, Any, Number], Drafts]
    unavailable: Callable[[Unit, int], PathText | None] | None = None  # why not, beyond missing files
    register_names: Mapping[str, str] = field(default_factory=dict)  # register kind key -> name users see
    reads: tuple[InputFile, ...] = ()  # other files it reads when they are there
    options: type = NoChoices      # a frozen dataclass: the options a run may give this kind
    batch: Batch | None = None     # one document per row of a list

    def why_not(self, unit: Unit, year: int) -> PathText | None:
        """Return why `build` cannot make this kind for the year (its inputs missing), or None when it can."""
        missing = [p for p in (unit.year_file(year, f.name) for f in self.inputs) if not p.is_file()]
        if missing:
            parts = [part for p in missing for part in (" dan ", p)][1:]
            return mention(*parts, " tidak ada")
        return self.unavailable(unit, year) if self.unavailable else None


@dataclass(frozen=True)
class Ask:
    """One kind a run is asked to publish: its options (None: the kind's defaults) and, for a batch kind, the
    documents to make again (`only`) and whether a much shorter list may replace the earlier one."""

    kind: DocumentKind
    options: Any = None
    only: tuple[str, ...] = ()
    replace_all: bool = False

    def __post_init__(self) -> None:
        if self.options is None:
            object.__setattr__(self, "options", self.kind.options())
        elif not isinstance(self.options, self.kind.options):
            raise TypeError(f"{self.kind.key} takes {self.kind.options.__name__}, not {type(self.options).__name__}")
        if (self.only or self.replace_all) and self.kind.batch is None:
            raise TypeError(f"{self.kind.key} is not a batch: it has no documents to make again or replace")


def files_of(kind: DocumentKind) -> tuple[InputFile, ...]:
    """Return every input file a kind reads: those it needs, then the others."""
    return kind.inputs + tuple(f for f in kind.reads if f not in kind.inputs)
