"""Run the PDF writer's deep recursion in one large interpreter stack chunk (a CPython 3.11-3.13 workaround).

CPython keeps Python frames in 16 KiB chunks, mapped when a call crosses into a new one and unmapped as soon
as it returns (python/cpython#142183; 3.13 and 3.14 releases from spring 2026 cache one chunk). WeasyPrint's layout
and drawing recurse deeply and loop there, so a loop that sits at a chunk boundary maps and unmaps a chunk on
every call: measured on a pact, about 800 mmap/munmap pairs and 7 ms of kernel time, a sixth of its cost.

`roomy` calls a function from a frame so large that the interpreter gives it a chunk of its own of 1 MiB,
which leaves about half a MiB of stack for the callee: no recursion of the writers crosses a boundary.
"""

from __future__ import annotations

import functools
from typing import Callable, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# A new chunk holds at least the frame plus 1,000 slots, rounded up to 16 KiB doubled: with this many local
# variables (8 bytes each) the frame needs just over 512 KiB, so its chunk is 1 MiB and about 520 KiB stay free.
LOCALS = 64_537


@functools.cache
def _caller() -> Callable:
    """Compile, once per process, a function whose frame has LOCALS unused local variables (about 70 ms)."""
    names = "=".join(f"_{i}" for i in range(LOCALS))
    source = f"def call(fn, args, kwargs):\n    if 0:\n        {names} = None\n    return fn(*args, **kwargs)\n"
    namespace: dict = {}
    exec(compile(source, "<roomy_stack>", "exec"), namespace)  # noqa: S102 - generated above, no input
    return namespace["call"]


def roomy(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate `fn` so that it runs with half a MiB of interpreter stack in one chunk."""
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return _caller()(fn, args, kwargs)
    return wrapper
