"""Deterministic use of several workers: independent single-threaded solves side by side.

CP-SAT's own parallel search is not reproducible (and its reproducible ``interleave_search``
was several times slower on our models), so each CP-SAT solve here runs on one worker and
``SolveOptions.workers`` runs independent solves (components, relaxations) at the same time.
Results come back in input order, so the outcome does not depend on which finished first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from glocal.scheduling.problem.options import Progress, SolveOptions

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[function(x) for x in items]``, up to ``workers`` at a time (CP-SAT releases the GIL)."""
    if workers <= 1 or len(items) <= 1:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, items))


class ProgressBoard:
    """Adds up the best plans of components solved at the same time for ``on_progress``."""

    def __init__(self, options: SolveOptions, total: int, started: float) -> None:
        self._options, self._total, self._started = options, total, started
        self._lock = threading.Lock()
        self._best: dict[int, tuple[int, int, int]] = {}  # component -> placed, objective, bound

    def report(self, component: int, placed: int, objective: int, bound: int, now: float) -> None:
        """Record a component's new best plan and send the sum to the callback."""
        if self._options.on_progress is None:
            return
        with self._lock:
            self._best[component] = (placed, objective, bound)
            values = list(self._best.values())
            self._options.on_progress(Progress(
                now - self._started, sum(v[0] for v in values), self._total,
                sum(v[1] for v in values), sum(v[2] for v in values),
            ))
