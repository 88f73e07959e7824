"""The PDF writer's stack workaround: recursion under `roomy` does not map and unmap interpreter stack chunks."""

import resource
import sys

import pytest

from reportgen.render.roomy_stack import roomy


def _leaf(x: int) -> int:
    return x + 1


def _down(depth: int, calls: int) -> int:
    """Recurse `depth` frames, then call a leaf `calls` times there (a layout loop deep in the stack)."""
    if depth:
        return _down(depth - 1, calls)
    total = 0
    for _ in range(calls):
        total = _leaf(total)
    return total


def _sweep() -> int:
    """Loop at every depth up to 400 frames, so some loop sits at a chunk boundary whatever the caller's depth."""
    return sum(_down(depth, 50) for depth in range(400))


def _minor_faults(fn) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    fn()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_roomy_returns_what_the_function_returns_and_passes_arguments():
    @roomy
    def joined(a, b, *, sep):
        return f"{a}{sep}{b}"

    assert joined("17", "Maret", sep=" ") == "17 Maret"
    assert joined.__name__ == "joined"


def test_roomy_lets_deep_loops_run_without_new_stack_memory():
    _sweep(), roomy(_sweep)()  # warm up: code objects, the compiled caller
    plain, roomy_faults = _minor_faults(_sweep), _minor_faults(roomy(_sweep))
    # about 130 pages are the large frame's own locals; a chunk mapped per boundary crossing costs a fault each
    assert roomy_faults < 400, (plain, roomy_faults)
    if sys.version_info[:2] == (3, 11):  # 3.11 gets no more bug fixes; newer releases may cache a chunk
        assert plain > 1000, "the sweep no longer crosses chunk boundaries: the test proves nothing"


def test_roomy_raises_what_the_function_raises():
    @roomy
    def fails():
        raise ValueError("Nilai tidak sah")

    with pytest.raises(ValueError, match="Nilai tidak sah"):
        fails()
