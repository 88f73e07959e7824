"""How many worker processes a batch uses by default: one per core the process may run on."""

from __future__ import annotations

import os


def default_jobs() -> int:
    """Return the number of worker processes to use: one per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
