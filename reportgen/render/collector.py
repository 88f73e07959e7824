"""The cyclic garbage collector while the writers run: rarely, over the objects made since the run began."""

from __future__ import annotations

import contextlib
import gc

# Objects allocated before the cyclic garbage collector runs its youngest generation (default 700).
GC_THRESHOLD = 50_000
# Collections of the middle generation before a full one (default 10). The pages of a long document live until
# it is written; a full collection walks all of them, and with the default it ran about twenty times while a
# 10,000-row plan was laid out (a seventh of its time).
FULL_THRESHOLD = 1_000


def collect_rarely(full_threshold: int | None = None) -> tuple[int, ...]:
    """Freeze the objects alive so far and let the collector run rarely; return the former thresholds.
    With `full_threshold` (FULL_THRESHOLD for one long document), full collections are rarer too: never
    for a process that renders many documents, whose garbage then would wait for them.

    A WeasyPrint layout allocates millions of short-lived objects; with the defaults the collector
    walks every live object (the inputs, the fonts, the compiled templates, the pages laid out so far)
    again and again: a third of a pact's time, a fifth of a long plan's. The collector still runs (the
    young generations often), so memory stays bounded.
    """
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, before[1], full_threshold or before[2])
    return before


@contextlib.contextmanager
def few_collections(full_threshold: int | None = None):
    """Run the block with the collector running rarely, then restore it."""
    before = collect_rarely(full_threshold)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
