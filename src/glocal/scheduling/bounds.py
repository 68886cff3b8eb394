"""Lower bounds from two relaxations, added to the model as cuts so optimality can be proven.

The objective splits into an *assignment* part (continuity, load balance: they depend only
on who delivers what) and a *per-cohort* part (preferred hours, rhythm, early finish, moved
sessions: each belongs to one cohort). Each part is at least the optimum of a relaxation:
  - assignment: who delivers what, without any time rule;
  - per cohort: that cohort alone, with every hard rule that involves only its sessions.
The sum is a valid lower bound of the whole objective; the component model gets one cut per
part, which CP-SAT's linear relaxation does not find on its own (it cannot see that weekday
and start-time choices of different cohorts are independent).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from glocal.scheduling.constraints import no_guard
from glocal.scheduling.constraints.order import add_order
from glocal.scheduling.constraints.overlap import add_overlaps
from glocal.scheduling.greedy import greedy_plan
from glocal.scheduling.objectives import add_objectives
from glocal.scheduling.problem import Problem, Session
from glocal.scheduling.variables import Variables, build_variables

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


def _solver(seed: int, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = min(seconds, RELAXATION_SECONDS)
    # Small models solved to optimality: probing and repeated presolve cost wall time that
    # deterministic time does not count, and did not change any bound of the example.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_presolve_iterations = 1
    return solver


def assignment_bound(problem: Problem, sessions: list[Session], seed: int, seconds: float) -> int:
    """Minimum of continuity + load balance over assignments alone."""
    weights = problem.weights
    if not weights.facilitator_continuity and not weights.load_balance:
        return 0
    model = cp_model.CpModel()
    presence: dict[tuple[int, str], cp_model.IntVar] = {}
    for session in sessions:
        keys = [(session.number, o.facilitator) for o in problem.options[session.number]]
        for key in keys:
            presence[key] = model.new_bool_var(f"by{key}")
        model.add_exactly_one(presence[key] for key in keys)
    terms = []
    cohort_of = {s.number: s.cohort for s in sessions}
    people = sorted({key[1] for key in presence})
    for cohort in sorted(set(cohort_of.values())):
        flags = []
        for person in people:
            mine = [v for k, v in presence.items() if k[1] == person and cohort_of[k[0]] == cohort]
            if mine:
                flag = model.new_bool_var(f"uses[{cohort},{person}]")
                model.add_max_equality(flag, mine)
                flags.append(flag)
        terms.append(weights.facilitator_continuity * (sum(flags) - 1))
    most = model.new_int_var(0, len(sessions), "most")
    for person in people:
        model.add(most >= sum(v for k, v in presence.items() if k[1] == person))
    terms.append(weights.load_balance * most)
    model.minimize(sum(terms))
    solver = _solver(seed, seconds)
    return _bound_of(solver, solver.solve(model))


def cohort_bound(problem: Problem, sessions: list[Session], seed: int, seconds: float) -> int:
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
    plan = greedy_plan(alone, sessions)
    for number, (_, start) in sorted(plan.items()):
        model.add_hint(found.start[number], start // alone.unit)
    solver = _solver(seed, seconds)
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
