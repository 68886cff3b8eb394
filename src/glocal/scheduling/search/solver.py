"""``solve``: build the problem, split it into independent components, solve each, merge.

Each component goes through ``pipeline.solve_component`` (starting plan, bounds,
neighbourhood search, final CP-SAT solve for components that are not too large). Several
workers solve independent components and relaxations side by side (``parallel.py``).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from glocal.errors import Reason
from glocal.model import ReasonRecord, Schedule, ScheduledSession, Status
from glocal.scheduling.model.assemble import components
from glocal.scheduling.model.reschedule import match_previous
from glocal.scheduling.problem.build import Problem, build_problem
from glocal.scheduling.problem.options import SolveOptions
from glocal.scheduling.search.parallel import ProgressBoard, ordered_map
from glocal.scheduling.search.pipeline import Job, Solved, solve_component
from glocal.workspace import ProgramBundle


@dataclass
class _Totals:
    """What the components have produced so far."""

    sessions: list[ScheduledSession] = field(default_factory=list)
    costs: dict[str, int] = field(default_factory=dict)
    notes: list[ReasonRecord] = field(default_factory=list)
    objective: int = 0
    bound: int = 0
    optimal: bool = True


def solve(bundle: ProgramBundle, options: SolveOptions | None = None) -> Schedule:
    """Plan every session of a program; an infeasible plan comes back with its reasons."""
    options = options or SolveOptions()
    started = time.monotonic()
    return solve_problem(build_problem(bundle), options, started, lambda: pre_solve_findings(bundle))


def solve_problem(problem: Problem, options: SolveOptions, started: float,
                  diagnostics: Callable[[], list[Reason]] = list) -> Schedule:
    """Plan every session of a built problem (one program's, or several programs' together).

    ``diagnostics`` gives the pre-solve findings that explain an infeasible problem best.
    """
    unplaceable = [s for s in problem.sessions if not problem.options[s.number]]
    if unplaceable:
        return _infeasible(problem, options, started, diagnostics)
    previous = match_previous(problem, options.previous, options.freeze_before)
    groups = components(problem)
    board = ProgressBoard(options, len(problem.sessions), started)
    # One component: its relaxations use the workers; several: the components do.
    inner = options.workers if len(groups) == 1 else 1
    deadline = started + options.time_limit  # wall clock: only cuts solves that overrun it
    jobs = [Job(problem, sessions, previous, options, board, index, inner, deadline)
            for index, sessions in enumerate(groups)]
    results = ordered_map(solve_component, jobs, options.workers)
    totals = _Totals()
    for outcome in results:
        if outcome == "infeasible":
            return _infeasible(problem, options, started, diagnostics)
        if outcome == "no-plan":
            return _no_plan_in_time(problem.program, options, started)
    for outcome in results:
        assert isinstance(outcome, Solved)
        _collect(outcome, totals)
    return _schedule(problem.program, options, started, totals)


def _collect(solved: Solved, totals: _Totals) -> None:
    totals.sessions += solved.sessions
    totals.notes += solved.notes
    for term, cost in solved.costs.items():
        totals.costs[term] = totals.costs.get(term, 0) + cost
    totals.objective += solved.objective
    totals.bound += solved.bound
    totals.optimal = totals.optimal and solved.optimal


def _schedule(program: str, options: SolveOptions, started: float, totals: _Totals) -> Schedule:
    objective, bound = totals.objective, min(totals.bound, totals.objective)
    gap = 0.0 if objective == bound else round((objective - bound) / max(1, abs(objective)), 6)
    return Schedule(
        program=program, status=Status.OPTIMAL if totals.optimal else Status.FEASIBLE,
        objective=objective, best_bound=bound, gap=gap,
        solve_seconds=round(time.monotonic() - started, 3), seed=options.seed,
        costs=dict(sorted(totals.costs.items())),
        sessions=sorted(totals.sessions, key=lambda s: (s.cohort, s.index, s.module)),
        reasons=totals.notes,
    )


def _no_plan_in_time(program: str, options: SolveOptions, started: float) -> Schedule:
    text = (f"no plan was found within the time limit of {options.time_limit:g} s and none was proven "
            "impossible; allow more time (e.g. --time-limit 120)")
    return Schedule(program=program, status=Status.INFEASIBLE, seed=options.seed,
                    solve_seconds=round(time.monotonic() - started, 3),
                    reasons=[ReasonRecord(rule="time-limit", text=text)])


def _infeasible(problem: Problem, options: SolveOptions, started: float,
                diagnostics: Callable[[], list[Reason]]) -> Schedule:
    from glocal.scheduling.diagnose.explain import explain

    reasons = diagnostics() or explain(problem, options)
    return Schedule(
        program=problem.program, status=Status.INFEASIBLE, seed=options.seed,
        solve_seconds=round(time.monotonic() - started, 3),
        reasons=[ReasonRecord(rule=r.rule, text=r.text, cohort=r.cohort, module=r.module,
                              facilitator=r.facilitator, date=r.date) for r in reasons],
    )


def pre_solve_findings(bundle: ProgramBundle) -> list[Reason]:
    """The pre-solve diagnostics (``glocal.scheduling.diagnose``), when that module exists."""
    try:
        diagnose = importlib.import_module("glocal.scheduling.diagnose")
    except ImportError:
        return []
    found: list[Reason] = diagnose.diagnose(bundle)
    return found
