"""``solve``: build the problem, solve each independent component with CP-SAT, read the plan.

Per component: relaxation bounds become cuts, a greedy plan is completed into a full
assignment (every auxiliary variable too) that is the hint, then one deterministic CP-SAT
solve (one worker, fixed seed, deterministic time limit). Several workers solve independent
components and relaxations side by side (``parallel.py``).
"""

from __future__ import annotations

import importlib
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from glocal.errors import Reason
from glocal.loading import ProgramBundle
from glocal.model import ReasonRecord, Schedule, ScheduledSession, Status
from glocal.scheduling.assemble import Component, build_component, components
from glocal.scheduling.bounds import Bounds, add_bound_cuts, assignment_bound, cohort_bound
from glocal.scheduling.greedy import Placement, greedy_plan
from glocal.scheduling.hints import complete_hint, plan_objective
from glocal.scheduling.lns import improve_plan
from glocal.scheduling.options import SolveOptions
from glocal.scheduling.parallel import ProgressBoard, ordered_map
from glocal.scheduling.problem import Problem, Session, build_problem
from glocal.scheduling.repair import repair_plan
from glocal.scheduling.reschedule import Previous, match_previous
from glocal.scheduling.result import read_sessions

BOUNDS_SHARE = 0.25  # of a component's time: relaxation bounds (bounds.py)
IMPROVE_SHARE = 0.35  # of a component's time: neighbourhood search on the greedy plan (lns.py)
# The neighbourhood search stops once its plan is this close to the relaxation bound: the
# final solve, hinted with that plan, closes such a gap faster than more neighbourhoods.
CLOSE_ENOUGH = 0.01


@dataclass
class _Totals:
    """What the components have produced so far."""

    sessions: list[ScheduledSession] = field(default_factory=list)
    costs: dict[str, int] = field(default_factory=dict)
    notes: list[ReasonRecord] = field(default_factory=list)
    objective: int = 0
    bound: int = 0
    optimal: bool = True


def parameters(solver: cp_model.CpSolver, seconds: float, options: SolveOptions) -> None:
    """Deterministic search settings: seed, workers, deterministic time, no wall-clock luck."""
    params = solver.parameters
    params.random_seed = options.seed
    params.num_workers = 1  # reproducible; extra workers run other solves (parallel.py)
    params.max_deterministic_time = seconds
    params.max_time_in_seconds = 3 * seconds  # only a safety net: normally never reached
    params.cp_model_probing_level = 0  # as measured on large rollouts (see docs/scheduling.md)
    # Every constraint in the LP: the example closes its last 1 % gap 2-3x faster this way.
    params.linearization_level = 2


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Forwards each improving solution of one component to the progress board."""

    def __init__(self, board: ProgressBoard, index: int, size: int) -> None:
        super().__init__()
        self._board, self._index, self._size = board, index, size

    def on_solution_callback(self) -> None:
        self._board.report(self._index, self._size, round(self.objective_value),
                           math.ceil(self.best_objective_bound - 1e-6), time.monotonic())


def solve(bundle: ProgramBundle, options: SolveOptions | None = None) -> Schedule:
    """Plan every session of a program; an infeasible plan comes back with its reasons."""
    options = options or SolveOptions()
    started = time.monotonic()
    problem = build_problem(bundle)
    unplaceable = [s for s in problem.sessions if not problem.options[s.number]]
    if unplaceable:
        return _infeasible(bundle, problem, options, started)
    previous = match_previous(problem, options.previous, options.freeze_before)
    groups = components(problem)
    board = ProgressBoard(options, len(problem.sessions), started)
    # One component: its relaxations use the workers; several: the components do.
    inner = options.workers if len(groups) == 1 else 1
    jobs = [(index, sessions) for index, sessions in enumerate(groups)]
    deadline = started + options.time_limit  # wall clock: only cuts solves that overrun it
    results = ordered_map(
        lambda job: _solve_component(problem, job[1], previous, options, board, job[0], inner, deadline),
        jobs, options.workers,
    )
    totals = _Totals()
    for outcome in results:
        if outcome == "infeasible":
            return _infeasible(bundle, problem, options, started)
        if outcome == "no-plan":
            return _no_plan_in_time(bundle, options, started)
    for outcome in results:
        assert isinstance(outcome, tuple)
        _collect(problem, outcome[0], outcome[1], previous, totals)
    return _schedule(bundle, options, started, totals)


def _solve_component(
    problem: Problem, sessions: list[Session], previous: Previous, options: SolveOptions,
    board: ProgressBoard, index: int, workers: int, deadline: float,
) -> tuple[Component, _Found] | str:
    """Solve one component: ``(component, plan)``, or ``"infeasible"`` / ``"no-plan"``.

    Every phase is limited in deterministic time (reproducible); ``deadline`` (wall clock)
    additionally ends the neighbourhood search and caps the final solve, so that a machine
    slower than CP-SAT's deterministic clock assumes does not overrun ``time_limit``.
    """
    began = time.monotonic()
    seconds = max(options.time_limit * len(sessions) / len(problem.sessions), 0.5)
    component = build_component(problem, sessions, previous)
    bounds = _bounds(problem, sessions, options, BOUNDS_SHARE * seconds, workers)
    add_bound_cuts(component.model, component.found, bounds)
    until = min(deadline, began + (BOUNDS_SHARE + IMPROVE_SHARE) * seconds)
    plan = _plan(problem, component, bounds, previous, options, IMPROVE_SHARE * seconds, until)
    hint = complete_hint(problem, component, options.seed, plan)
    solver = _final_solver(options, (1 - BOUNDS_SHARE - IMPROVE_SHARE) * seconds, deadline,
                           hint is not None and hint[1] - bounds.total <= CLOSE_ENOUGH * hint[1])
    status = solver.solve(component.model, _Reporter(board, index, len(sessions)))
    if status == cp_model.INFEASIBLE:
        return "infeasible"
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return component, _Found(list(solver.response_proto.solution), round(solver.objective_value),
                                 math.ceil(solver.best_objective_bound - 1e-6), status == cp_model.OPTIMAL)
    if hint is not None:  # out of time before CP-SAT's first plan: the hinted plan is one
        return component, _Found(hint[0], round(hint[1]), bounds.total, False)
    return "no-plan"


def _plan(
    problem: Problem, component: Component, bounds: Bounds, previous: Previous, options: SolveOptions,
    budget: float, until: float,
) -> dict[int, Placement]:
    """The plan to hint: greedy, repaired if it left sessions out, improved by neighbourhoods."""
    sessions = component.sessions
    plan = greedy_plan(problem, sessions)
    if len(plan) < len(sessions):
        plan, spent = repair_plan(problem, sessions, plan, previous, options.seed, budget)
        budget -= spent
    if len(plan) < len(sessions):
        return plan

    def near_bound(candidate: dict[int, Placement]) -> bool:
        objective = plan_objective(problem, component, options.seed, candidate)
        return objective is not None and objective - bounds.total <= CLOSE_ENOUGH * objective

    return improve_plan(problem, sessions, plan, previous, options.seed, budget, near_bound, until)


def _final_solver(options: SolveOptions, seconds: float, deadline: float, proof_only: bool) -> cp_model.CpSolver:
    """The final solve's settings; ``proof_only`` when the hint is within 1 % of the bound."""
    solver = cp_model.CpSolver()
    parameters(solver, seconds, options)
    # Up to the deadline, and never less wall time than its deterministic share (a large
    # component needs that much to get past presolve and improve on its hint at all).
    left = max(deadline - time.monotonic(), seconds)
    solver.parameters.max_time_in_seconds = min(solver.parameters.max_time_in_seconds, left)
    if proof_only:
        # Core-based search raises the bound 2-4x faster (example: 0.14 instead of 0.54
        # deterministic s); it is worse at improving a plan, so only then.
        solver.parameters.optimize_with_core = True
        solver.parameters.max_presolve_iterations = 1  # presolve wall time is not deterministic time
    return solver


def _bounds(
    problem: Problem, sessions: list[Session], options: SolveOptions, budget: float, workers: int
) -> Bounds:
    """Relaxation bounds of one component, each relaxation kind solved once."""
    by_cohort: dict[str, list[Session]] = {}
    for session in sessions:
        by_cohort.setdefault(session.cohort, []).append(session)
    # Cohorts in the same place and calendar have the same relaxation: solve each kind once.
    kinds: dict[object, list[str]] = {}
    for name in sorted(by_cohort):
        kinds.setdefault(_relaxation_key(problem, by_cohort[name]), []).append(name)
    share = budget * workers / (len(kinds) + 1)
    bounds = Bounds(assignment_bound(problem, sessions, options.seed, share))
    if len(by_cohort) > 1:  # with one cohort the relaxation is the problem itself
        firsts = [names[0] for names in kinds.values()]
        found = ordered_map(lambda name: cohort_bound(problem, by_cohort[name], options.seed, share), firsts, workers)
        for names, bound in zip(kinds.values(), found, strict=True):
            bounds.cohorts.update(dict.fromkeys(names, bound))
    return bounds


def _relaxation_key(problem: Problem, sessions: list[Session]) -> object:
    """Everything ``cohort_bound`` looks at, apart from the cohort's name."""
    party = problem.cohorts[sessions[0].cohort]
    return (party.zone, party.preferred, tuple(
        (s.module, s.duration, s.grid, s.predecessor, s.gap_min, s.gap_max,
         tuple(sorted({pair for option in problem.options[s.number] for pair in option.starts})))
        for s in sessions
    ))


@dataclass(frozen=True)
class _Found:
    """A component's plan: every variable's value, its objective and the proven bound."""

    values: Sequence[int]
    objective: int
    bound: int
    optimal: bool


def _collect(problem: Problem, component: Component, found: _Found, previous: Previous, totals: _Totals) -> None:
    sessions, costs, notes = read_sessions(problem, component, found.values, previous)
    totals.sessions += sessions
    totals.notes += notes
    for term, cost in costs.items():
        totals.costs[term] = totals.costs.get(term, 0) + cost
    constant = sum(component.found.constant_costs.values())
    totals.objective += found.objective + constant
    totals.bound += min(found.bound, found.objective) + constant
    totals.optimal = totals.optimal and found.optimal


def _schedule(bundle: ProgramBundle, options: SolveOptions, started: float, totals: _Totals) -> Schedule:
    objective, bound = totals.objective, min(totals.bound, totals.objective)
    gap = 0.0 if objective == bound else round((objective - bound) / max(1, abs(objective)), 6)
    return Schedule(
        program=bundle.id, status=Status.OPTIMAL if totals.optimal else Status.FEASIBLE,
        objective=objective, best_bound=bound, gap=gap,
        solve_seconds=round(time.monotonic() - started, 3), seed=options.seed,
        costs=dict(sorted(totals.costs.items())),
        sessions=sorted(totals.sessions, key=lambda s: (s.cohort, s.index, s.module)),
        reasons=totals.notes,
    )


def _no_plan_in_time(bundle: ProgramBundle, options: SolveOptions, started: float) -> Schedule:
    text = (f"no plan was found within the time limit of {options.time_limit:g} s and none was proven "
            "impossible; allow more time (e.g. --time-limit 120)")
    return Schedule(program=bundle.id, status=Status.INFEASIBLE, seed=options.seed,
                    solve_seconds=round(time.monotonic() - started, 3),
                    reasons=[ReasonRecord(rule="time-limit", text=text)])


def _infeasible(bundle: ProgramBundle, problem: Problem, options: SolveOptions, started: float) -> Schedule:
    from glocal.scheduling.explain import explain

    reasons = _diagnostics(bundle) or explain(problem, options)
    return Schedule(
        program=bundle.id, status=Status.INFEASIBLE, seed=options.seed,
        solve_seconds=round(time.monotonic() - started, 3),
        reasons=[ReasonRecord(rule=r.rule, text=r.text, cohort=r.cohort, module=r.module,
                              facilitator=r.facilitator, date=r.date) for r in reasons],
    )


def _diagnostics(bundle: ProgramBundle) -> list[Reason]:
    """The pre-solve diagnostics (``glocal.scheduling.diagnose``), when that module exists."""
    try:
        diagnose = importlib.import_module("glocal.scheduling.diagnose")
    except ImportError:
        return []
    found: list[Reason] = diagnose.diagnose(bundle)
    return found
