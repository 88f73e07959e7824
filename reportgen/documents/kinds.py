"""What a document kind is: its inputs, how it loads them, what it drafts; the registry holds one per kind.

A kind never renders, writes or opens the register: it loads and validates its inputs (every problem
at once), then drafts block-tree documents. `documents.publish` does the rest the same way for all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from reportgen.errors import ProblemCollector
from reportgen.inputs.folder import InputFolder
from reportgen.inputs.profile import Profile
from reportgen.model.blocks import Document, DocumentMeta


@dataclass(frozen=True)
class Request:
    """One kind asked for in a run: the input folder and profile, the year, the kind's own options."""

    folder: InputFolder
    profile: Profile
    year: int
    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any = None) -> Any:
        """Return an option given for this kind, or `default` when it was not given (or given as None)."""
        value = self.options.get(name)
        return default if value is None else value

    def input_path(self, option: str, file_name: str) -> Path:
        """Return the path given as option `option`, else the year's file `file_name`."""
        given = self.options.get(option)
        return Path(given) if given else self.folder.year_file(self.year, file_name)


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

    drafts: list[Draft]
    batch: BatchOptions | None = None
    facts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()    # lines printed under the summary (the dates used, the number's origin)


Number = Callable[[Numbering, str, dt.date, str], str]  # (numbering, identity, date, subject) -> number


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its name as users see it, its input files, its loader and its drafter.

    `load(request, problems)` reads and validates the inputs, adding every problem to `problems`, and
    returns what `draft` needs (or None when it cannot). `draft(request, loaded, number)` returns the
    documents; a numbered document calls `number(numbering, identity, date, subject)` for its number.
    """

    key: str                       # the register's kind key, e.g. "keputusan"
    title: str                     # as users see it, e.g. "Keputusan Tim RB"
    inputs: tuple[str, ...]        # the year's files it needs, e.g. ("keputusan-tim-rb.yaml", "tim-rb.xlsx")
    load: Callable[[Request, ProblemCollector], Any]
    draft: Callable[[Request, Any, Number], Drafts]
    unavailable: Callable[[InputFolder, int], str | None] | None = None  # why not, beyond missing files
    register_names: Mapping[str, str] = field(default_factory=dict)  # register kind key -> name users see

    def why_not(self, folder: InputFolder, year: int) -> str | None:
        """Return why `build` cannot make this kind for the year (its inputs missing), or None when it can."""
        missing = [str(p) for p in (folder.year_file(year, n) for n in self.inputs) if not p.is_file()]
        if missing:
            return f"{' dan '.join(missing)} tidak ada"
        return self.unavailable(folder, year) if self.unavailable else None
