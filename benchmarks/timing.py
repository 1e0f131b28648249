"""Timing shared by the benchmark scripts (each runs as a script from this folder)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of_3(work: Callable[[], object]) -> float:
    """The fastest of three runs of `work`, in seconds: the least disturbed by a shared machine."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best
