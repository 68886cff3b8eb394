"""Solving in a child process, so that Ctrl-C and SIGTERM abort ``glocal plan`` with nothing written.

CP-SAT installs its own SIGINT handler while it searches: Ctrl-C makes it stop early and
return its best plan, which would then be written as if it were the result of the search; and
the handler it leaves behind is ``SIG_DFL``. Both break "an interrupted run leaves the previous
plan untouched". So ``glocal plan`` runs ``glocal.scheduling.solve`` in a forked child and waits
for it in Python, where signals are handled at once: on Ctrl-C or SIGTERM the parent kills the
child and reports the interruption; nothing has been written at that point. The child dies
with its parent (``PR_SET_PDEATHSIG``) when the parent is killed outright (SIGKILL).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any

from glocal.loading import ProgramBundle
from glocal.model import Schedule
from glocal.scheduling import Progress, SolveOptions, solve

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.2


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while solving (handled like Ctrl-C: abort, nothing written)."""

    signum = signal.SIGTERM


class SolverCrashed(RuntimeError):
    """The solver process failed; carries the child's error type and traceback text."""


def solve_isolated(bundle: ProgramBundle, options: SolveOptions, on_progress: Callable[[Progress], None]) -> Schedule:
    """``solve(bundle, options)`` in a child process, reporting progress in this one."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return solve(bundle, replace(options, on_progress=on_progress))  # no fork: solve here
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(bundle, options, sender), name="glocal-solver", daemon=True)
    with _sigterm_as_interrupt():
        child.start()
        sender.close()
        try:
            return _wait(child, receiver, on_progress)
        finally:
            if child.is_alive():
                child.kill()
            child.join()
            receiver.close()


def _wait(child: Any, receiver: Connection, on_progress: Callable[[Progress], None]) -> Schedule:
    while True:
        if not receiver.poll(_POLL_SECONDS):
            if not child.is_alive() and not receiver.poll(0):
                raise SolverCrashed(f"the solver process ended unexpectedly (exit status {child.exitcode})")
            continue
        try:
            kind, payload = receiver.recv()
        except EOFError:
            child.join(timeout=10)  # the pipe closes just before the exit status is known
            raise SolverCrashed(f"the solver process ended unexpectedly (exit status {child.exitcode})") from None
        if kind == "progress":
            on_progress(payload)
        elif kind == "done":
            schedule: Schedule = payload
            return schedule
        else:
            raise _rebuild(payload)


def _child(bundle: ProgramBundle, options: SolveOptions, sender: Connection) -> None:
    """The solver process: solve, send progress and the result; never print."""
    _die_with_parent()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # CP-SAT writes "^C pressed" notes to stdout; the parent reports instead
    try:
        result = solve(bundle, replace(options, on_progress=lambda p: sender.send(("progress", p))))
        sender.send(("done", result))
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
