"""Solving in a child process, so that Ctrl-C and SIGTERM abort ``glocal plan`` with nothing written.

CP-SAT installs its own SIGINT handler while it searches: Ctrl-C makes it stop early and
return its best plan, which would then be written as if it were the result of the search; and
the handler it leaves behind is ``SIG_DFL``. Both break "an interrupted run leaves the previous
plan untouched". So ``glocal plan`` runs ``glocal.scheduling.solve`` in a forked child and waits
for it in Python, where signals are handled at once: on Ctrl-C or SIGTERM the parent kills the
child and reports the interruption; nothing has been written at that point. The child dies
with its parent (``PR_SET_PDEATHSIG``) when the parent is killed outright (SIGKILL).

The child is forked first thing and imports the solver (ortools, ~0.4 s) while the parent
loads the workspace; it also runs the independent validator on its plan, so the parent never
imports ortools at all (what crosses the pipe is plain data: no class of the solver's package).
While the child solves, the parent prepares its outputs (``meanwhile``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import gc
import importlib
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple, Self, TypeAlias

if TYPE_CHECKING:
    # The solver's package imports ortools (~0.3 s): only the child imports it. The domain
    # models (pydantic) are imported just before the fork (SHARED_MODULES), not with this module.
    from glocal.model import Schedule, ScheduledSession
    from glocal.scheduling import Progress, SolveOptions
    from glocal.workspace import ProgramBundle

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.2
# Imported before the fork because both processes need them (the workspace's models and
# loaders, holidays of every country): once here instead of in each process. The fork comes
# first thing in ``glocal plan`` (its options module imports nothing heavy), so the child
# imports the solver (ortools, ~0.3 s) while this process imports the rest of the command.
SHARED_MODULES: tuple[str, ...] = ("glocal.workspace", "holidays.countries")


StartingPlan: TypeAlias = "dict[str, list[ScheduledSession]]"  # the solver's starting plan per program
Preparation: TypeAlias = "Callable[[StartingPlan, Callable[[], bool]], None]"  # plan, "searching?"


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while solving (handled like Ctrl-C: abort, nothing written)."""

    signum = signal.SIGTERM


class SolverCrashed(RuntimeError):
    """The solver process failed; carries the child's error type and traceback text."""


class SolverProgress(NamedTuple):
    """``glocal.scheduling.Progress`` as it reaches the parent (same fields, no solver import)."""

    elapsed: float
    placed: int
    total: int
    objective: int | None
    bound: int | None
    phase: str = "search"


class BrokenRule(NamedTuple):
    """A hard rule the solver's plan breaks, as the independent validator words it."""

    rule: str
    text: str


@dataclass(frozen=True)
class Solved:
    """The solver's plan and what the validator found wrong with it (nothing, normally)."""

    schedule: Schedule
    broken: list[BrokenRule]
    portfolio: dict[str, Schedule] = field(default_factory=dict)  # every program's, when planned together
    over_limits: list[BrokenRule] = field(default_factory=list)  # limits over this plan and others' (warnings)


@dataclass(frozen=True)
class SolveRequest:
    """What to solve: the bundle and ``SolveOptions`` without the callback, as plain data.

    The parent builds it without importing the solver; the child makes the options from it.
    """

    bundle: ProgramBundle
    time_limit: float = 30
    seed: int = 0
    workers: int = 2
    previous: Schedule | None = None
    freeze_before: dt.date | None = None
    others: tuple[ProgramBundle, ...] = ()  # programs planned together with ``bundle``
    previous_plans: tuple[Schedule, ...] = ()  # earlier plans of the portfolio's programs
    booked: tuple[Schedule, ...] = ()  # other programs' plans (their sessions are busy time)
    spent: float = 0.0  # wall seconds of the run used before solving, plus those kept for writing

    def options(self, on_progress: Callable[[Progress], None] | None = None,
                on_plan: Callable[[list[ScheduledSession]], None] | None = None) -> SolveOptions:
        """The solver's options for this request (imports the solver)."""
        from glocal.scheduling import SolveOptions

        return SolveOptions(time_limit=self.time_limit, seed=self.seed, workers=self.workers,
                            previous=self.previous, freeze_before=self.freeze_before, on_progress=on_progress,
                            spent=self.spent, on_plan=on_plan)


def solve(bundle: ProgramBundle, options: SolveOptions) -> Schedule:
    """``glocal.scheduling.solve``, imported when first called (in the child)."""
    from glocal.scheduling import solve as solve_bundle

    return solve_bundle(bundle, options)


def import_solver() -> None:
    """Import the solver's package (and with it ortools): the child's first step."""
    importlib.import_module("glocal.scheduling.search.solver")


def validate(bundle: ProgramBundle, schedule: Schedule) -> list[BrokenRule]:
    """The independent validator on the solver's plan (an infeasible plan has nothing to check)."""
    from glocal.model import Status
    from glocal.scheduling.validate import validate_schedule

    if schedule.status is Status.INFEASIBLE:
        return []
    return [BrokenRule(v.rule, v.text) for v in validate_schedule(bundle, schedule)]


def solve_and_validate(request: SolveRequest, on_progress: Callable[[SolverProgress], None],
                       on_plan: Callable[[StartingPlan], None] | None = None) -> Solved:
    """Solve ``request`` in this process and validate the plan; ``on_plan`` gets the solver's
    starting plan (``SolveOptions.on_plan``) per program."""

    def starting(plan: list[ScheduledSession]) -> None:
        assert on_plan is not None
        if request.others:  # a portfolio's cohorts are "<program>/<cohort>"
            from glocal.scheduling.search.portfolio import by_program

            on_plan(by_program(plan))
        else:
            on_plan({request.bundle.id: plan})

    options = request.options(lambda p: on_progress(
        SolverProgress(p.elapsed, p.placed, p.total, p.objective, p.bound, p.phase)), starting if on_plan else None)
    if request.others:
        return _solve_portfolio(request, options)
    schedule = solve(request.bundle, options)
    over: list[BrokenRule] = []
    if request.booked:
        from glocal.scheduling.validate.portfolio import limits_with_booked

        over = [BrokenRule(v.rule, v.text) for v in limits_with_booked(request.bundle, schedule, list(request.booked))]
    return Solved(schedule, validate(request.bundle, schedule), over_limits=over)


def _solve_portfolio(request: SolveRequest, options: SolveOptions) -> Solved:
    """Several programs planned together, validated alone and together."""
    from glocal.scheduling import solve_portfolio, validate_portfolio

    bundles = [request.bundle, *request.others]
    previous = {p.program: p for p in request.previous_plans}
    schedules = solve_portfolio(bundles, options, previous)
    from glocal.model import Status

    live = [b for b in bundles if schedules[b.id].status is not Status.INFEASIBLE]
    broken = [BrokenRule(v.rule, v.text) for v in validate_portfolio(live, schedules)]
    return Solved(schedules[request.bundle.id], broken, schedules)


class SolverProcess:
    """The solver's child process, forked before the workspace is loaded.

    The child imports the solver (ortools) on the second core while the parent loads and
    checks the workspace; ``solve`` then sends it the request and, while it solves, runs the
    parent's own preparation (``meanwhile``). Leaving the ``with`` block ends the child.
    Without ``fork`` (not Linux) everything runs in this process.
    """

    def __init__(self) -> None:
        self._child: Any = None
        self._requests: Connection | None = None  # parent -> child: the one SolveRequest
        self._results: Connection | None = None  # child -> parent: progress, then the result

    def __enter__(self) -> Self:
        if "fork" not in multiprocessing.get_all_start_methods():
            return self
        for name in SHARED_MODULES:
            importlib.import_module(name)
        # What both processes have imported stays out of the garbage collector's scans (as the
        # gc module's documentation advises before a fork): the child's collections then do not
        # write to, and copy, every page it shares with this process.
        gc.freeze()
        context = multiprocessing.get_context("fork")
        child_requests, self._requests = context.Pipe(duplex=False)
        self._results, child_results = context.Pipe(duplex=False)
        self._child = context.Process(target=_child, args=(child_requests, child_results),
                                      name="glocal-solver", daemon=True)
        self._child.start()
        gc.unfreeze()  # this process's collections go on as before
        child_requests.close()
        child_results.close()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._child is not None:
            if self._child.is_alive():
                self._child.kill()
            self._child.join()
        for end in (self._requests, self._results):
            if end is not None:
                end.close()

    def solve(self, request: SolveRequest, on_progress: Callable[[SolverProgress], None],
              meanwhile: Callable[[], None] | None = None, on_plan: Preparation | None = None) -> Solved:
        """The child's validated plan for ``request``, reporting progress here; runs ``meanwhile`` while it solves.

        ``on_plan`` gets the solver's starting plan when it arrives while the child is still
        searching (never when the result is already there), so that this process can prepare
        the outputs of a plan that is likely to be the result, and a function that says whether
        the child is still searching (a preparation stops between its steps once the result is
        there, so that it never holds up the run by more than one step). An error in it is not
        the run's: the outputs are then made from the result, as without it.
        """
        if self._child is None or self._requests is None or self._results is None:
            if meanwhile is not None:
                meanwhile()
            return solve_and_validate(request, on_progress)  # no fork: everything here, nothing to overlap
        with _sigterm_as_interrupt():
            try:
                self._requests.send((request, on_plan is not None))
            except BrokenPipeError:
                pass  # the child has ended already (its import failed?): _wait reports why
            if meanwhile is not None:
                meanwhile()  # progress reports wait in the pipe meanwhile
            return _wait(self._child, self._results, on_progress, on_plan)


def solve_isolated(request: SolveRequest, on_progress: Callable[[SolverProgress], None]) -> Solved:
    """``solve_and_validate`` in a child process, reporting progress in this one."""
    with SolverProcess() as solver:
        return solver.solve(request, on_progress)


class _Inbox:
    """What the child has sent: progress goes on to the display at once, the starting plan
    and the result are kept."""

    def __init__(self, child: Any, receiver: Connection, on_progress: Callable[[SolverProgress], None]) -> None:
        self._child, self._receiver, self._on_progress = child, receiver, on_progress
        self.starting: StartingPlan | None = None
        self.result: Solved | None = None

    def take(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds, then take everything that is waiting; whether anything came."""
        if not self._receiver.poll(timeout):
            if not self._child.is_alive() and not self._receiver.poll(0):
                raise self._crashed()
            return False
        while self.result is None and self._receiver.poll(0):
            try:
                kind, payload = self._receiver.recv()
            except EOFError:
                self._child.join(timeout=10)  # the pipe closes just before the exit status is known
                raise self._crashed() from None
            if kind == "progress":
                self._on_progress(payload)
            elif kind == "plan":
                self.starting = payload
            elif kind == "done":
                self.result = payload
            else:
                raise _rebuild(payload)
        return True

    def _crashed(self) -> SolverCrashed:
        return SolverCrashed(f"the solver process ended unexpectedly (exit status {self._child.exitcode})")

    def searching(self) -> bool:
        """Whether the child is still searching (what has arrived meanwhile is taken)."""
        self.take(0)
        return self.result is None


def _wait(child: Any, receiver: Connection, on_progress: Callable[[SolverProgress], None],
          on_plan: Preparation | None = None) -> Solved:
    inbox = _Inbox(child, receiver, on_progress)
    while inbox.result is None:
        if not inbox.take(0 if inbox.starting is not None else _POLL_SECONDS) and inbox.starting is not None:
            # Nothing after the starting plan yet: the child is still searching, this process is idle.
            plan, inbox.starting = inbox.starting, None
            if on_plan is not None:  # (without it the child sends no starting plan)
                _prepare_for(on_plan, plan, inbox.searching)
    return inbox.result


def _prepare_for(on_plan: Preparation, plan: StartingPlan, searching: Callable[[], bool]) -> None:
    """Run ``on_plan``; it only prepares (fills caches), so its failure is not the run's: the
    outputs are then made from the result alone, where a real fault shows up again
    (``GLOCAL_DEBUG=1`` raises it here instead)."""
    try:
        on_plan(plan, searching)
    except Exception:  # interrupts (KeyboardInterrupt, Terminated) are not Exceptions: they pass
        if os.environ.get("GLOCAL_DEBUG"):
            raise


def _child(requests: Connection, sender: Connection) -> None:
    """The solver process: import the solver, wait for the request, solve; never print."""
    _die_with_parent()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends this process
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # CP-SAT writes "^C pressed" notes to stdout; the parent reports instead
    try:
        import_solver()  # while the parent loads the workspace
        gc.freeze()  # the modules stay; the solve's own objects are what collections scan
        try:
            request, wants_plan = requests.recv()
        except EOFError:
            return  # the parent stopped before solving (invalid input): nothing to do

        def send_plan(plan: StartingPlan) -> None:
            sender.send(("plan", plan))

        sender.send(("done", solve_and_validate(request, lambda p: sender.send(("progress", p)),
                                                send_plan if wants_plan else None)))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
        sender.send(("error", (type(exc), dict(vars(exc)), str(exc), traceback.format_exc())))
    finally:
        sender.close()


def _rebuild(payload: tuple[type[BaseException], dict[str, Any], str, str]) -> BaseException:
    """The child's exception again (glocal's errors are dataclasses: rebuilt from their fields)."""
    kind, fields, text, trace = payload
    try:
        error = kind.__new__(kind)
        error.__dict__.update(fields)
        if not fields:
            error.args = (text,)
        return error
    except Exception:  # noqa: BLE001 - an exception type that cannot be rebuilt
        return SolverCrashed(f"{kind.__name__}: {text}\n{trace}")


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no orphaned solver burning CPU)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        ctypes.CDLL(name, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the child ends at its time limit at the latest
    if os.getppid() == 1:
        os._exit(1)  # the parent is already gone


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While solving, SIGTERM raises ``Terminated`` in the main thread instead of ending at once."""

    def handler(signum: int, frame: object) -> None:
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (e.g. some test runners): keep the default
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
