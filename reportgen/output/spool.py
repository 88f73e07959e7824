"""Keep a batch's per-document records in a temporary file while it runs, read back in order (never all in memory).

A batch of 250,000 pacts leaves a record for each document (its files, SHA-256, pages, what the register needs)
that is used only at the end, in the register's one transaction and the run's summary: held in memory they
made the main process grow with the batch. The file is removed when the spool is closed or let go of.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
from typing import Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")


class Spool(Generic[T]):
    """Records appended in order to a temporary file, each read back as often as asked for, in that order."""

    def __init__(self) -> None:
        handle, self.path = tempfile.mkstemp(prefix="reportgen-", suffix=".spool")
        self.file = os.fdopen(handle, "wb")
        self.count = 0
        self._finalizer = weakref.finalize(self, _remove, self.file, self.path, os.getpid())

    def append(self, record: T) -> None:
        """Add a record after the others."""
        pickle.dump(record, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def extend(self, records: Iterable[T]) -> None:
        """Add records after the others, in order."""
        for record in records:
            self.append(record)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[T]:
        self.file.flush()
        count = self.count  # records appended while reading come on the next reading
        with open(self.path, "rb") as source:
            for _ in range(count):
                yield pickle.load(source)

    def close(self) -> None:
        """Remove the file."""
        self._finalizer()


def _remove(file, path: str, owner: int) -> None:
    file.close()
    if os.getpid() != owner:  # a forked worker ending: the file is its parent's
        return
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
