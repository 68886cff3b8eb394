"""Solving one independent component: starting plan, bounds, neighbourhood search, final solve.

1. A starting plan (``construct.initial_plan``), reported as soon as it is complete.
2. Lower bounds (``bounds.py``): assignment by maximum flow, per-cohort relaxations.
3. Neighbourhood search (``lns.py``), cohorts above their bound first, until the plan is
   within ``CLOSE_ENOUGH`` of the bound, the budget is spent or the deadline passes.
4. Components of up to ``FULL_MODEL_SESSIONS`` sessions (and every rescheduling) then get
   one CP-SAT solve of the whole component, hinted with that plan, which can prove it
   optimal; larger fresh components end with the searched plan, read without a model (the
   whole model of 2,400 sessions took longer to build and hint than the search needed, and
   most of the memory).
Every CP-SAT call has one worker, a fixed seed and a deterministic limit.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from glocal.model import ReasonRecord, ScheduledSession
from glocal.scheduling.model.assemble import build_component
from glocal.scheduling.model.costs import Placement
from glocal.scheduling.model.reschedule import Previous
from glocal.scheduling.problem.build import Problem, Session
from glocal.scheduling.problem.options import SolveOptions
from glocal.scheduling.search.bounds import Bounds, add_bound_cuts, assignment_bound, cohort_bound
from glocal.scheduling.search.construct import initial_plan, plan_objective_of, search_order
from glocal.scheduling.search.hints import complete_hint, plan_objective
from glocal.scheduling.search.lns import improve_plan
from glocal.scheduling.search.parallel import ProgressBoard, ordered_map
from glocal.scheduling.search.result import read_plan, read_sessions

BOUNDS_SHARE = 0.25  # of a component's time: relaxation bounds (bounds.py)
IMPROVE_SHARE = 0.35  # of a component's time, before a final solve: neighbourhood search
# The neighbourhood search stops once its plan is this close to the relaxation bound: the
# final solve, hinted with that plan, closes such a gap faster than more neighbourhoods.
CLOSE_ENOUGH = 0.01
FINAL_SOLVE_AFTER_DEADLINE = 1.0  # wall seconds a final solve still gets once the deadline has passed
FULL_MODEL_SESSIONS = 600  # larger fresh components end with the searched plan
# Up to this size the final solve searches the whole component faster than neighbourhoods
# of one or two cohorts (example, 54 sessions: 7 steps, 0.83 s, nothing better; the final
# solve then proves the starting plan optimal in 0.6 s).
WHOLE_MODEL_ONLY = 100


@dataclass
class Solved:
    """A component's plan as sessions, with its cost per term, objective and proven bound."""

    sessions: list[ScheduledSession]
    costs: dict[str, int]
    objective: int
    bound: int
    optimal: bool
    notes: list[ReasonRecord] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)  # session numbers a partial plan leaves out


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


@dataclass
class Job:
    """One component to solve, and what it shares with the others."""

    problem: Problem
    sessions: list[Session]
    previous: Previous
    options: SolveOptions
    board: ProgressBoard
    index: int
    workers: int  # for this component's relaxations
    deadline: float  # time.monotonic() instant


def solve_component(job: Job) -> Solved | str:
    """Solve one component: its plan, or ``"infeasible"`` / ``"no-plan"``.

    Every phase is limited in deterministic time (reproducible); ``deadline`` (wall clock)
    additionally ends the neighbourhood search and caps the final solve, so that a machine
    slower than CP-SAT's deterministic clock assumes does not overrun ``time_limit``.
    """
    problem, sessions, options = job.problem, job.sessions, job.options
    seconds = max(options.time_limit * len(sessions) / len(problem.sessions), 0.5)
    fresh = not any(s.number in job.previous.placement for s in sessions)
    plan, spent = initial_plan(problem, sessions, job.previous, options.seed, IMPROVE_SHARE * seconds)
    complete = len(plan) == len(sessions)
    if not complete and fresh and len(sessions) > FULL_MODEL_SESSIONS:
        # Even the repair left sessions out, and a model this large would take longer to
        # build than the time left: the partial plan's search takes over (partial_solve.py).
        return "no-plan"
    if complete and job.board.wants_plans():
        job.board.offer(job.index, read_plan(problem, sessions, _likely(job, plan), previous=job.previous)[0])
    assignment = assignment_bound(problem, sessions)
    if complete and fresh:
        job.board.report(job.index, len(sessions), plan_objective_of(problem, sessions, plan), assignment,
                         time.monotonic())
    bounds = relaxation_bounds(problem, sessions, options, BOUNDS_SHARE * seconds, job.workers, assignment,
                               job.deadline, plan if complete else None)
    if complete and fresh and len(sessions) > FULL_MODEL_SESSIONS:
        return _searched_plan(job, plan, bounds, (1 - BOUNDS_SHARE) * seconds - spent)
    return _final_solve(job, plan, bounds, seconds, IMPROVE_SHARE * seconds - spent)


def _likely(job: Job, plan: dict[int, Placement]) -> dict[int, Placement]:
    """The plan a component's search most likely ends with, for ``SolveOptions.on_plan``: the
    previous plan when every session keeps a placement that still fits (moving one costs, so
    a re-plan mostly keeps them), else the starting plan."""
    kept = job.previous.kept(job.sessions)
    return kept if len(kept) == len(job.sessions) else plan


def _searched_plan(job: Job, plan: dict[int, Placement], bounds: Bounds, budget: float) -> Solved:
    """Search neighbourhoods until the deadline and return that plan (large components)."""
    problem, sessions = job.problem, job.sessions

    def report(objective: int) -> None:
        job.board.report(job.index, len(sessions), objective, bounds.total, time.monotonic())

    near_bound = _near(problem, sessions, bounds, report)  # asked after each improvement: reports it too
    near_bound(plan)
    plan = improve_plan(problem, sessions, plan, job.previous, job.options.seed, budget, near_bound, job.deadline,
                        search_order(problem, sessions, plan, bounds))
    placed, costs = read_plan(problem, sessions, plan)
    objective = sum(costs.values())
    return Solved(placed, costs, objective, min(bounds.total, objective), objective <= bounds.total)


def _near(
    problem: Problem, sessions: list[Session], bounds: Bounds, report: Callable[[int], None] | None = None,
) -> Callable[[dict[int, Placement]], bool]:
    """"Is a fresh plan within ``CLOSE_ENOUGH`` of the bound?", computing its objective once
    and handing it to ``report`` as well."""

    def near_bound(candidate: dict[int, Placement]) -> bool:
        objective = plan_objective_of(problem, sessions, candidate)
        if report is not None:
            report(objective)
        return objective - bounds.total <= CLOSE_ENOUGH * objective

    return near_bound


def _final_solve(job: Job, plan: dict[int, Placement], bounds: Bounds, seconds: float, budget: float) -> Solved | str:
    """Improve the plan a little, then solve the whole component hinted with it."""
    problem, sessions, options = job.problem, job.sessions, job.options
    began = time.monotonic()
    component = build_component(problem, sessions, job.previous)
    add_bound_cuts(component.model, component.found, bounds)
    if len(plan) == len(sessions) and len(sessions) > WHOLE_MODEL_ONLY:
        fresh = not any(s.number in job.previous.placement for s in sessions)

        def near_bound(candidate: dict[int, Placement]) -> bool:
            objective = plan_objective(problem, component, options.seed, candidate)
            return objective is not None and objective - bounds.total <= CLOSE_ENOUGH * objective

        until = min(job.deadline, began + IMPROVE_SHARE * seconds)
        # A fresh plan is searched only where it costs more than the bounds say it could:
        # the final solve, hinted with it, does the rest faster than more neighbourhoods.
        plan = improve_plan(problem, sessions, plan, job.previous, options.seed, budget,
                            _near(problem, sessions, bounds) if fresh else near_bound, until,
                            search_order(problem, sessions, plan, bounds, rest=False) if fresh else None)
    hint = complete_hint(problem, component, options.seed, plan)
    solver = _final_solver(options, (1 - BOUNDS_SHARE - IMPROVE_SHARE) * seconds, job.deadline,
                           hint is not None and hint[1] - bounds.total <= CLOSE_ENOUGH * hint[1])
    status = solver.solve(component.model, _Reporter(job.board, job.index, len(sessions)))
    if status == cp_model.INFEASIBLE:
        return "infeasible"
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        values, objective = list(solver.response_proto.solution), round(solver.objective_value)
        bound, optimal = math.ceil(solver.best_objective_bound - 1e-6), status == cp_model.OPTIMAL
    elif hint is not None:  # out of time before CP-SAT's first plan: the hinted plan is one
        values, objective, bound, optimal = hint[0], round(hint[1]), bounds.total, False
    else:
        return "no-plan"
    placed, costs, notes = read_sessions(problem, component, values, job.previous)
    job.board.report(job.index, len(sessions), objective, min(bound, objective), time.monotonic())  # the proof too
    constant = sum(component.found.constant_costs.values())
    return Solved(placed, costs, objective + constant, min(bound, objective) + constant, optimal, notes)


def _final_solver(options: SolveOptions, seconds: float, deadline: float, proof_only: bool) -> cp_model.CpSolver:
    """The final solve's settings; ``proof_only`` when the hint is within 1 % of the bound."""
    solver = cp_model.CpSolver()
    parameters(solver, seconds, options)
    # Up to the deadline: the whole run's time limit is wall clock. Past it the solve gets a
    # second at most (its hint is a plan already: an unfinished solve returns that).
    left = max(deadline - time.monotonic(), min(seconds, FINAL_SOLVE_AFTER_DEADLINE))
    solver.parameters.max_time_in_seconds = min(solver.parameters.max_time_in_seconds, left)
    # One presolve pass, no repeats: presolve wall time is not deterministic time, and the
    # repeats spend it on sums of start variables whose domains have a hole every night
    # (example: 0.36 -> 0.23 s wall for the same proof; 72-96 sessions 2-25 % faster; the
    # same plans and bounds at 240 and 600 sessions).
    solver.parameters.max_presolve_iterations = 0
    if proof_only:
        # Core-based search raises the bound 2-4x faster (example: 0.14 instead of 0.54
        # deterministic s); it is worse at improving a plan, so only then.
        solver.parameters.optimize_with_core = True
    return solver


def relaxation_bounds(
    problem: Problem, sessions: list[Session], options: SolveOptions, budget: float, workers: int, assignment: int,
    deadline: float | None = None, plan: dict[int, Placement] | None = None,
) -> Bounds:
    """Relaxation bounds of one component, each kind of cohort relaxation solved once.

    Kinds not started by ``deadline`` (a ``time.monotonic()`` instant) keep the bound 0,
    which is still valid: a short time limit on a large rollout gets its plan in time with
    a weaker bound rather than a better bound late. With a deadline, the phase also keeps to
    ``budget`` in wall-clock seconds: a long window or a busy machine makes each relaxation
    cost far more wall time than its deterministic share (a 731-day window with
    ``--time-limit 30``: 18 s instead of 7.5 s), and a relaxation cut short still gives a
    valid bound. A complete ``plan`` of the component hints every relaxation (it breaks none
    of their rules).
    """
    by_cohort: dict[str, list[Session]] = {}
    for session in sessions:
        by_cohort.setdefault(session.cohort, []).append(session)
    # Cohorts in the same place and calendar have the same relaxation: solve each kind once.
    kinds: dict[object, list[str]] = {}
    for name in sorted(by_cohort):
        kinds.setdefault(_relaxation_key(problem, by_cohort[name]), []).append(name)
    share = budget * workers / (len(kinds) + 1)
    # In a small component each relaxation is a few sessions: CP-SAT's presolve then costs more
    # wall time than it saves (example: 0.15 -> 0.10 s for the same bounds); larger ones keep it.
    small = len(sessions) <= WHOLE_MODEL_ONLY
    phase_end = None if deadline is None else min(deadline, time.monotonic() + budget)
    bounds = Bounds(assignment)
    if len(by_cohort) > 1:  # with one cohort the relaxation is the problem itself
        firsts = [names[0] for names in kinds.values()]
        def bound_of(name: str) -> int:
            left = None if phase_end is None else phase_end - time.monotonic()
            if left is not None and left <= 0:
                return 0
            return cohort_bound(problem, by_cohort[name], options.seed, share, left, presolve=not small, plan=plan)

        found = ordered_map(bound_of, firsts, workers)
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
