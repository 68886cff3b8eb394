"""The best partial plan of a component that cannot be planned whole.

Used when some sessions have no facilitator at all, when the complete solve proved the
component infeasible, or when it found no complete plan in time. "Best" is lexicographic:
most whole cohorts (each counting ``1 + priority``), then most sessions, then the soft
objective. CP-SAT has no lexicographic objective; the recipe of its maintainers is staged
solves (google/or-tools #1344, #2944): maximise what is placed, then bound that value and
minimise the cost, hinted with the first solution.

1. A starting plan: whole cohorts by ``chains.ChainBuilder`` (highest priority, then least
   flexible first), then what is left session by session (``fill``): sessions of cohorts
   that cannot be placed whole are placed where they still fit, as tentative sessions.
2. Components of up to ``MODEL_SESSIONS`` sessions: a model in which every session may stay
   unplaced (a presence per option, at most one per session; the gap to a predecessor only
   binds when both are placed), solved twice as above, each hinted with the plan before.
   Larger components keep the starting plan (a whole model of 2,400 sessions took most of
   the memory and longer to build than the time limit allows).

A session whose predecessor has no facilitator loses that order rule (the predecessor is
never placed; the validator checks order only between placed sessions).
"""

from __future__ import annotations

import dataclasses
import time

from ortools.sat.python import cp_model

from glocal.scheduling.model.constraints.guard import GroupKey
from glocal.scheduling.model.constraints.limits import add_limits
from glocal.scheduling.model.constraints.order import add_order
from glocal.scheduling.model.constraints.overlap import add_overlaps
from glocal.scheduling.model.costs import Placement
from glocal.scheduling.model.objectives import add_objectives
from glocal.scheduling.model.reschedule import Previous, add_previous
from glocal.scheduling.model.variables import Variables, build_variables
from glocal.scheduling.problem import Problem, Session
from glocal.scheduling.search.bounds import least_peak_load
from glocal.scheduling.search.chains import ChainBuilder
from glocal.scheduling.search.greedy import State, best_placement, book, gap_window, topological

MODEL_SESSIONS = 600  # larger components keep the constructed plan
PLACE_SHARE = 0.5  # of the budget: maximise what is placed; the rest minimises the cost


@dataclasses.dataclass
class PartialPlan:
    """Placed sessions (facilitator, start) by session number, and the problem they belong to."""

    problem: Problem  # ``relaxed``: sessions after an unplaceable predecessor have none
    plan: dict[int, Placement]


def relaxed(problem: Problem) -> Problem:
    """The problem with the order rule dropped after sessions nobody can deliver."""
    doomed = {(s.cohort, s.module) for s in problem.sessions if not problem.options[s.number]}
    if not doomed:
        return problem
    sessions = [
        dataclasses.replace(s, predecessor=None, gap_min=0, gap_max=None)
        if s.predecessor is not None and (s.cohort, s.predecessor) in doomed else s
        for s in problem.sessions
    ]
    return dataclasses.replace(problem, sessions=sessions)


def cohort_weight(problem: Problem, cohort: str) -> int:
    """What placing a cohort whole is worth: 1 + its priority."""
    return 1 + problem.priority.get(cohort, 0)


def partial_plan(problem: Problem, sessions: list[Session], seed: int, deadline: float,
                 budget: float, previous: Previous | None = None) -> PartialPlan:
    """The best plan found by ``deadline`` (a ``time.monotonic()`` instant) that may leave
    sessions out; ``sessions`` are one component's, of ``problem`` (not yet relaxed). The
    solves get ``budget`` deterministic seconds (reproducible) unless the deadline comes first.
    With ``previous`` (a re-plan) the cost includes the moved-session penalty, as in a complete
    plan: a partial plan re-planned keeps what still fits where it was."""
    problem = relaxed(problem)
    mine = [problem.sessions[s.number] for s in sessions]
    placeable = [s for s in mine if problem.options[s.number]]
    plan = fill(problem, placeable, whole_cohorts(problem, placeable))
    found = PartialPlan(problem, plan)
    kept = previous if previous is not None and any(s.number in previous.placement for s in mine) else None
    if len(placeable) > MODEL_SESSIONS or (kept is None and all(s.number in plan for s in mine)):
        return found
    if deadline - time.monotonic() > 0.2:
        found = _staged(problem, placeable, plan, seed, (budget, deadline), mine, kept) or found
    return found


def whole_cohorts(problem: Problem, sessions: list[Session]) -> dict[int, Placement]:
    """Cohorts placed whole, one chain each, highest priority and least flexible first;
    cohorts with a session nobody can deliver are not tried."""
    by_cohort: dict[str, list[Session]] = {}
    for session in sessions:
        by_cohort.setdefault(session.cohort, []).append(session)
    count = {s.cohort: 0 for s in problem.sessions}
    for session in problem.sessions:
        count[session.cohort] += 1
    candidates = [name for name, mine in by_cohort.items() if len(mine) == count[name]]

    def order(name: str) -> tuple[int, int, str]:
        people = {o.facilitator for s in by_cohort[name] for o in problem.options[s.number]}
        return -problem.priority.get(name, 0), len(people), name

    builder = ChainBuilder(problem, least_peak_load(problem, sessions))
    plan: dict[int, Placement] = {}
    for name in sorted(candidates, key=order):
        placed = builder.place_cohort(by_cohort[name])
        if placed is not None:
            plan.update(placed)
    return plan


def fill(problem: Problem, sessions: list[Session], plan: dict[int, Placement]) -> dict[int, Placement]:
    """``plan`` plus the sessions that still fit around it, one by one (``greedy.py``'s
    cheapest feasible start), in program order; a session whose predecessor is unplaced
    is placed without the gap rule, as the model does."""
    state = State()
    out = dict(plan)
    for number, placement in sorted(plan.items()):
        book(problem, state, problem.sessions[number], placement)
    by_key = {(s.cohort, s.module): s for s in sessions}
    rest = [s for s in sessions if s.number not in plan]
    rest.sort(key=lambda s: -problem.priority.get(s.cohort, 0))  # stable: program order within
    for session in topological(rest, {s.cohort: -problem.priority.get(s.cohort, 0) for s in rest}):
        # an unplaced predecessor does not hold it back: placed without the gap rule
        window = gap_window(problem, session, out, by_key) or (-problem.axis.horizon, 2 * problem.axis.horizon)
        best = best_placement(problem, state, session, *window)
        if best is not None:
            out[session.number] = best
            book(problem, state, session, best)
    return out


# ---------------------------------------------------------------- the staged model


@dataclasses.dataclass
class _Optional:
    model: cp_model.CpModel
    found: Variables
    placed: dict[int, cp_model.IntVar]
    value: cp_model.LinearExpr  # whole cohorts (weighted) * (sessions + 1) + sessions placed


def optional_model(problem: Problem, sessions: list[Session], everything: list[Session]) -> _Optional:
    """Every hard rule, with each session allowed to stay unplaced (``everything`` also holds
    the component's sessions nobody can deliver: their cohorts can never be whole)."""
    model = cp_model.CpModel()
    found = build_variables(model, problem, sessions)
    placed: dict[int, cp_model.IntVar] = {}
    for session in sessions:
        keys = [(session.number, o.facilitator) for o in problem.options[session.number]]
        placed[session.number] = model.new_bool_var(f"placed[{session.cohort}/{session.module}]")
        model.add(sum(found.presence[key] for key in keys) == placed[session.number])
        for key in keys:
            model.add_linear_expression_in_domain(found.start[session.number], found.domains[key]).only_enforce_if(
                found.presence[key])
    by_key = {(s.cohort, s.module): s.number for s in sessions}

    def guard(group: GroupKey) -> list[cp_model.IntVar]:
        # Only the gap depends on placement: overlaps and limits count present options only.
        if group.rule != "gap":
            return []
        number = by_key[(group.cohort or "", group.module or "")]
        before = by_key[(group.cohort or "", problem.sessions[number].predecessor or "")]
        return [placed[number], placed[before]]

    for family in (add_order, add_overlaps, add_limits):
        family(model, problem, found, guard)
    add_objectives(model, problem, found)
    size = len(sessions) + 1
    value: cp_model.LinearExpr = sum(placed.values())  # type: ignore[assignment]
    counts: dict[str, int] = {}
    for session in everything:
        counts[session.cohort] = counts.get(session.cohort, 0) + 1
    for cohort in sorted(counts):
        mine = [placed[s.number] for s in sessions if s.cohort == cohort]
        if len(mine) < counts[cohort]:
            continue  # some session has nobody: never whole
        whole = model.new_bool_var(f"whole[{cohort}]")
        for literal in mine:
            model.add_implication(whole, literal)
        value += cohort_weight(problem, cohort) * size * whole
    return _Optional(model, found, placed, value)


def _staged(
    problem: Problem, sessions: list[Session], plan: dict[int, Placement], seed: int, limits: tuple[float, float],
    everything: list[Session], previous: Previous | None = None,
) -> PartialPlan | None:
    """Stage 1: most placed (hinted with ``plan``, or with the previous plan where it still
    fits); stage 2: least cost with that much placed (moved sessions included, with
    ``previous``). ``limits``: deterministic seconds for both stages, and the wall-clock deadline."""
    budget, deadline = limits
    built = optional_model(problem, sessions, everything)
    hint = plan
    if previous is not None:
        add_previous(built.model, problem, built.found, previous)
        hint = {**plan, **previous.kept(sessions)}
    _hint(problem, built, hint)
    built.model.maximize(built.value)
    first = _solver(seed, PLACE_SHARE * budget, deadline)
    status = first.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    best = _read(problem, built, first)
    reached = round(first.objective_value)
    if _value(problem, best, sessions, everything) < _value(problem, plan, sessions, everything):
        return None  # out of time below the hint's value: keep the constructed plan
    # Stage 2: at least as much placed, least cost, hinted with the first stage's plan.
    values = list(first.response_proto.solution)
    built.model.add(built.value >= reached)
    terms = [entry.weight * entry.amount for entries in built.found.costs.values() for entry in entries]
    built.model.minimize(sum(terms))
    built.model.clear_hints()  # type: ignore[no-untyped-call]
    for index, value in enumerate(values):
        built.model.proto.solution_hint.vars.append(index)
        built.model.proto.solution_hint.values.append(value)
    second = _solver(seed, (1 - PLACE_SHARE) * budget, deadline)
    if second.parameters.max_time_in_seconds > 0.2 and second.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        best = _read(problem, built, second)
    return PartialPlan(problem, best)


def _value(problem: Problem, plan: dict[int, Placement], sessions: list[Session], everything: list[Session]) -> int:
    """The first stage's objective of a plan, computed without the model."""
    counts: dict[str, int] = {}
    for session in everything:
        counts[session.cohort] = counts.get(session.cohort, 0) + 1
    placed: dict[str, int] = {}
    for number in plan:
        cohort = problem.sessions[number].cohort
        placed[cohort] = placed.get(cohort, 0) + 1
    whole = sum(cohort_weight(problem, c) for c, n in placed.items() if n == counts.get(c))
    return whole * (len(sessions) + 1) + len(plan)


def _hint(problem: Problem, built: _Optional, plan: dict[int, Placement]) -> None:
    for number, literal in sorted(built.placed.items()):
        built.model.add_hint(literal, number in plan)
    for (number, person), presence in sorted(built.found.presence.items()):
        built.model.add_hint(presence, plan.get(number, ("", 0))[0] == person)
        if number in plan and plan[number][0] == person:
            built.model.add_hint(built.found.start[number], plan[number][1] // problem.unit)


def _solver(seed: int, seconds: float, deadline: float) -> cp_model.CpSolver:
    """One worker and a deterministic limit (reproducible), cut by the wall-clock deadline."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # reproducible, as every other solve (pipeline.parameters)
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = max(seconds, 0.1)
    solver.parameters.max_time_in_seconds = max(deadline - time.monotonic(), 0.1)
    solver.parameters.cp_model_probing_level = 0
    return solver


def _read(problem: Problem, built: _Optional, solver: cp_model.CpSolver) -> dict[int, Placement]:
    plan: dict[int, Placement] = {}
    for (number, person), presence in sorted(built.found.presence.items()):
        if solver.boolean_value(presence):
            plan[number] = (person, solver.value(built.found.start[number]) * problem.unit)
    return plan
