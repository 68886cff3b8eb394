"""Options of a solve and the progress reports it sends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from glocal.model import Schedule, ScheduledSession


@dataclass(frozen=True)
class Progress:
    """A progress report: a new best plan was found (or a component was finished)."""

    elapsed: float  # seconds since the solve started (wall clock: for display only)
    placed: int  # sessions placed in the best plan so far
    total: int  # sessions to place
    objective: int | None
    bound: int | None
    phase: str = "search"  # pre-solve, search, partial or suggestions


@dataclass(frozen=True)
class SolveOptions:
    """How to solve: time budget, seed, parallelism, and a previous plan to stay close to.

    ``time_limit`` is spent as CP-SAT *deterministic* time, so the same input, seed and
    worker count give the same plan; it is also a wall-clock deadline that ends the
    neighbourhood search and caps the final solve (never below its deterministic share), so
    a large rollout on a busy machine stops near ``time_limit`` instead of 2-3x later, at the
    price of reproducibility for solves the deadline cuts short (docs/scheduling.md).
    ``spent`` is wall time of the same run already used before ``solve`` (loading) plus what
    it keeps for afterwards (writing): the wall-clock deadline is ``time_limit - spent`` from
    the start of ``solve``, so that ``glocal plan --time-limit T`` ends near T as a whole.
    """

    time_limit: float = 30
    seed: int = 0
    workers: int = 2
    previous: Schedule | None = None
    freeze_before: dt.date | None = None
    on_progress: Callable[[Progress], None] | None = None
    spent: float = 0.0
    # Called once, with the first plan that places every session (the starting plan, before
    # the search improves it or proves it optimal), so that a caller can prepare its outputs
    # while the search goes on. The plan ``solve`` returns is often that one, but need not be.
    on_plan: Callable[[list[ScheduledSession]], None] | None = None
