"""Deterministic use of several workers: independent single-threaded solves side by side.

CP-SAT's own parallel search is not reproducible (and its reproducible ``interleave_search``
was several times slower on our models), so each CP-SAT solve here runs on one worker and
``SolveOptions.workers`` runs independent solves (components, relaxations) at the same time.
Results come back in input order, so the outcome does not depend on which finished first.
"""

from __future__ import annotations

import threading
import time
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
        self._phase = "search"

    def report(self, component: int, placed: int, objective: int, bound: int, now: float) -> None:
        """Record a component's new best plan and send the sum to the callback."""
        if self._options.on_progress is None:
            return
        with self._lock:
            self._best[component] = (placed, objective, bound)
            self._send(now)

    def phase(self, name: str) -> None:
        """Say that the solve has entered another phase (sent at once, with the sums so far)."""
        if self._options.on_progress is None:
            return
        with self._lock:
            self._phase = name
            self._send(time.monotonic())

    def _send(self, now: float) -> None:
        assert self._options.on_progress is not None
        values = list(self._best.values())
        objective = sum(v[1] for v in values) if values else None
        bound = sum(v[2] for v in values) if values else None
        self._options.on_progress(Progress(now - self._started, sum(v[0] for v in values), self._total,
                                           objective, bound, self._phase))
