"""The cyclic garbage collector while the writers run: rarely, over the objects made since the run began."""

from __future__ import annotations

import contextlib
import gc

# Objects allocated before the cyclic garbage collector runs its youngest generation (default 700).
GC_THRESHOLD = 50_000


def collect_rarely() -> tuple[int, ...]:
    """Freeze the objects alive so far and let the collector run rarely; return the former thresholds.

    A WeasyPrint layout allocates millions of short-lived objects; with the defaults the collector
    walks every live object (the inputs, the fonts, the compiled templates, the pages laid out so far)
    again and again: a third of a pact's time, a fifth of a long plan's. The collector still runs, so
    memory stays bounded.
    """
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    return before


@contextlib.contextmanager
def few_collections():
    """Run the block with the collector running rarely, then restore it."""
    before = collect_rarely()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
