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

from glocal.model import ScheduledSession
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
    """Adds up the best plans of components solved at the same time for ``on_progress``, and
    their starting plans for ``on_plan``."""

    def __init__(self, options: SolveOptions, total: int, started: float, components: int = 1) -> None:
        self._options, self._total, self._started = options, total, started
        self._lock = threading.Lock()
        self._best: dict[int, tuple[int, int, int]] = {}  # component -> placed, objective, bound
        self._phase = "search"
        self._components = components
        self._starts: dict[int, list[ScheduledSession]] | None = {}  # None once sent

    def report(self, component: int, placed: int, objective: int, bound: int, now: float) -> None:
        """Record a component's new best plan and send the sum to the callback. A bound once
        proven stays (a later solve may start from a weaker one of its own)."""
        if self._options.on_progress is None:
            return
        with self._lock:
            if component in self._best:
                bound = max(bound, self._best[component][2])
            self._best[component] = (placed, objective, bound)
            self._send(now)

    def wants_plans(self) -> bool:
        """Whether anyone waits for the starting plan (``SolveOptions.on_plan``)."""
        return self._options.on_plan is not None and self._starts is not None

    def offer(self, component: int, sessions: list[ScheduledSession]) -> None:
        """A component's complete starting plan; once every component has offered one, the
        whole plan goes to ``on_plan`` (once per solve)."""
        if self._options.on_plan is None:
            return
        with self._lock:
            if self._starts is None:
                return
            self._starts[component] = sessions
            if len(self._starts) < self._components:
                return
            plan = sorted((s for part in self._starts.values() for s in part), key=lambda s: (s.cohort, s.index, s.module))
            self._starts = None
        self._options.on_plan(plan)

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
