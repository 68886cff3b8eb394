"""Lower bounds from two relaxations, added to the model as cuts so optimality can be proven.

The objective splits into an *assignment* part (continuity, load balance: they depend only
on who delivers what) and a *per-cohort* part (preferred hours, rhythm, early finish, moved
sessions: each belongs to one cohort). Each part is at least the optimum of a relaxation:
  - assignment: who delivers what, without any time rule (exact, by maximum flow);
  - per cohort: that cohort alone, with every hard rule that involves only its sessions.
The sum is a valid lower bound of the whole objective; the component model gets one cut per
part, which CP-SAT's linear relaxation does not find on its own (it cannot see that weekday
and start-time choices of different cohorts are independent).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from ortools.graph.python import max_flow
from ortools.sat.python import cp_model

from glocal.scheduling.model.constraints import no_guard
from glocal.scheduling.model.constraints.order import add_order
from glocal.scheduling.model.constraints.overlap import add_overlaps
from glocal.scheduling.model.costs import Placement
from glocal.scheduling.model.objectives import add_objectives
from glocal.scheduling.model.variables import Variables, build_variables
from glocal.scheduling.problem.build import Problem, Session
from glocal.scheduling.search.greedy import greedy_plan

ASSIGNMENT_TERMS = frozenset({"facilitator_continuity", "load_balance"})
RELAXATION_SECONDS = 2.0  # deterministic budget per relaxation; a timed-out one still bounds


@dataclass
class Bounds:
    """Lower bounds of the objective parts of one component."""

    assignment: int = 0
    cohorts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """The bound of the whole component objective."""
        return self.assignment + sum(self.cohorts.values())


def _bound_of(solver: cp_model.CpSolver, status: object) -> int:
    bound = solver.best_objective_bound
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN) and math.isfinite(bound):
        return max(0, math.ceil(bound - 1e-6))  # a proven bound, even without a solution
    return 0  # an infeasible relaxation is left to the main solve to report


def _solver(seed: int, seconds: float, wall: float | None = None, presolve: bool = True) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.cp_model_presolve = presolve
    if wall is not None:  # a wall-clock cap on top of the deterministic one (see relaxation_bounds)
        solver.parameters.max_time_in_seconds = wall
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = min(seconds, RELAXATION_SECONDS)
    # Small models solved to optimality: probing and repeated presolve cost wall time that
    # deterministic time does not count, and did not change any bound of the example.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_presolve_iterations = 1
    return solver


def assignment_bound(problem: Problem, sessions: list[Session]) -> int:
    """A lower bound of continuity + load balance over assignments alone, without a solver.

    ``min(continuity + load) >= min continuity + min load``, and both minima are exact
    combinatorial values: a cohort costs one extra facilitator exactly when nobody may
    deliver all of its sessions (at least one extra, so the bound stays valid), and the
    least possible most-loaded facilitator is the smallest capacity with which a maximum
    flow (sessions -> eligible facilitators) places every session.
    """
    weights = problem.weights
    by_cohort: dict[str, list[Session]] = {}
    for session in sessions:
        by_cohort.setdefault(session.cohort, []).append(session)
    split = sum(
        1 for mine in by_cohort.values()
        if not set.intersection(*({o.facilitator for o in problem.options[s.number]} for s in mine))
    )
    return weights.facilitator_continuity * split + weights.load_balance * least_peak_load(problem, sessions)


def least_peak_load(problem: Problem, sessions: list[Session]) -> int:
    """The smallest L such that every session goes to an eligible facilitator with at most L
    sessions each (binary search over a bipartite maximum flow)."""
    people = sorted({o.facilitator for s in sessions for o in problem.options[s.number]})
    if not sessions or not people:
        return 0
    node = {person: len(sessions) + 2 + index for index, person in enumerate(people)}
    source, sink = 0, 1
    flow = max_flow.SimpleMaxFlow()
    for position, session in enumerate(sessions):
        flow.add_arc_with_capacity(source, 2 + position, 1)
        for option in problem.options[session.number]:
            flow.add_arc_with_capacity(2 + position, node[option.facilitator], 1)
    outlets = [flow.add_arc_with_capacity(node[person], sink, 0) for person in people]

    def places_all(capacity: int) -> bool:
        for arc in outlets:
            flow.set_arc_capacity(arc, capacity)
        return bool(flow.solve(source, sink) == flow.OPTIMAL and flow.optimal_flow() == len(sessions))

    low, high = -(-len(sessions) // len(people)), len(sessions)
    if not places_all(high):
        return 0  # some session has nobody: the main solve reports it
    while low < high:
        middle = (low + high) // 2
        if places_all(middle):
            high = middle
        else:
            low = middle + 1
    return low


def cohort_bound(problem: Problem, sessions: list[Session], seed: int, seconds: float,
                 wall: float | None = None, presolve: bool = True, plan: dict[int, Placement] | None = None) -> int:
    """Minimum of one cohort's time terms (preferred hours, rhythm, early finish), planned alone.

    Facilitator limits and facilitator-side costs are left out: dropping rules and
    non-negative terms only lowers the minimum, so the result stays a valid bound.
    """
    kept = {"cohort_preferred_hours", "weekly_rhythm", "early_finish"}
    weights = problem.weights.model_copy(
        update={term: 0 for term in type(problem.weights).model_fields if term not in kept}
    )
    alone = replace(problem, weights=weights)
    model = cp_model.CpModel()
    found = build_variables(model, alone, sessions, with_presence=False)
    for family in (add_order, add_overlaps):  # without presences: cohort overlap only
        family(model, alone, found, no_guard)
    add_objectives(model, alone, found)
    model.minimize(sum(e.weight * e.amount for entries in found.costs.values() for e in entries))
    # A hint: the component's plan where there is one (a solution of this relaxation too),
    # else the greedy's plan of this cohort alone.
    hint = {s.number: plan[s.number] for s in sessions} if plan is not None else greedy_plan(alone, sessions)
    for number, (_, start) in sorted(hint.items()):
        model.add_hint(found.start[number], start // alone.unit)
    solver = _solver(seed, seconds, wall, presolve)
    return _bound_of(solver, solver.solve(model))


def add_bound_cuts(model: cp_model.CpModel, found: Variables, bounds: Bounds) -> None:
    """Add one cut per objective part and one for the whole objective.

    Bounds are of the variable terms only (constant costs of sessions that must move are
    outside every model objective).
    """
    assignment = []
    per_cohort: dict[str, list[cp_model.LinearExprT]] = {}
    for term, entries in sorted(found.costs.items()):
        for entry in entries:
            if term in ASSIGNMENT_TERMS:
                assignment.append(entry.weight * entry.amount)
            elif entry.cohort is not None:
                per_cohort.setdefault(entry.cohort, []).append(entry.weight * entry.amount)
    if assignment and bounds.assignment:
        model.add(sum(assignment) >= bounds.assignment)
    for cohort, terms in sorted(per_cohort.items()):
        if bounds.cohorts.get(cohort, 0) > 0:
            model.add(sum(terms) >= bounds.cohorts[cohort])
    everything = assignment + [t for terms in per_cohort.values() for t in terms]
    if everything and bounds.total > 0:
        model.add(sum(everything) >= bounds.total)
