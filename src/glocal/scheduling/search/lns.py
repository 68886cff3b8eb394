"""Deterministic large-neighbourhood search over cohorts, before the final solve.

Each step re-plans the sessions of one cohort (then of two cohorts that share a facilitator)
in a small model of their own, with every other session fixed where the incumbent plan has
it: fixed sessions become fixed busy intervals, limit counts and loads of their facilitators.
A step is kept when it lowers that small model's objective, which differs from the whole
objective only by the terms of sessions it cannot move. Every step is a one-worker solve
with a deterministic time limit, so the result depends only on the input and the seed
(unless the wall-clock ``until`` of ``improve_plan`` ends the search first).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from glocal.scheduling.model.assemble import Component, build_component
from glocal.scheduling.model.reschedule import Previous
from glocal.scheduling.model.variables import Fixed, Variables
from glocal.scheduling.problem.build import Problem, Session
from glocal.scheduling.search.greedy import Placement

STEP_SECONDS = 0.5  # deterministic budget of one neighbourhood solve


def neighbourhoods(problem: Problem, sessions: list[Session]) -> list[list[Session]]:
    """Each cohort's sessions, then each pair of cohorts sharing an eligible facilitator."""
    cohorts: dict[str, list[Session]] = {}
    people: dict[str, set[str]] = {}
    for session in sessions:
        cohorts.setdefault(session.cohort, []).append(session)
        people.setdefault(session.cohort, set()).update(o.facilitator for o in problem.options[session.number])
    names = sorted(cohorts)
    pairs = [cohorts[a] + cohorts[b] for a, b in itertools.combinations(names, 2) if people[a] & people[b]]
    return [cohorts[name] for name in names] + pairs


def fixed_context(problem: Problem, plan: dict[int, Placement], free: set[int]) -> Fixed:
    """Placed sessions outside ``free`` as busy time and load of their facilitators."""
    busy: dict[str, list[tuple[int, int]]] = {}
    load: dict[str, int] = {}
    for number, (person, start) in sorted(plan.items()):
        if number in free:
            continue
        busy.setdefault(person, []).append((start, problem.sessions[number].duration + problem.buffer))
        load[person] = load.get(person, 0) + 1
    return Fixed(busy, load)


def step_solver(seed: int) -> cp_model.CpSolver:
    """One worker, the step budget in deterministic seconds, no probing."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = STEP_SECONDS
    solver.parameters.cp_model_probing_level = 0  # probing alone used up the budget of a step
    solver.parameters.max_presolve_iterations = 1  # small models: presolve wall time is not counted
    return solver


def _step(
    problem: Problem, hood: list[Session], plan: dict[int, Placement], previous: Previous, seed: int,
) -> tuple[dict[int, Placement] | None, float]:
    """Re-plan one neighbourhood: its better placements (or None) and the time spent."""
    free = {s.number for s in hood}
    component = build_component(problem, hood, previous, fixed_context(problem, plan, free))
    found = component.found
    current = component.model.clone()
    for number in sorted(free):
        person, start = plan[number]
        current.add(current.get_int_var_from_proto_index(found.start[number].index) == start // problem.unit)
        current.add(current.get_bool_var_from_proto_index(found.presence[(number, person)].index) == 1)
    spent = 0.0
    results = []
    for model in (current, component.model):
        solver = step_solver(seed)
        status = solver.solve(model)
        spent += solver.deterministic_time
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, spent
        results.append((solver.objective_value, solver))
        if model is current:
            # The incumbent, completed (every auxiliary variable too), is the step's hint:
            # with starts and presences only, CP-SAT often found no plan within the budget.
            for index, value in enumerate(solver.response_proto.solution):
                component.model.add_hint(component.model.get_int_var_from_proto_index(index), value)
    (before, _), (after, solver) = results
    if after < before - 0.5:
        return placements(problem, found, free, solver), spent
    if after <= before + 0.5 and problem.weights.load_balance:
        moved, used = _unload_peak(problem, component, free, plan, round(before), seed)
        return moved, spent + used
    return None, spent


def placements(problem: Problem, found: Variables, free: set[int], solver: cp_model.CpSolver) -> dict[int, Placement]:
    """Who delivers each free session and when, as the solver left them."""
    chosen: dict[int, str] = {}
    for (number, person), presence in sorted(found.presence.items()):
        if number in free and number not in chosen and solver.value(presence):
            chosen[number] = person
    return {number: (chosen[number], solver.value(found.start[number]) * problem.unit) for number in sorted(free)}


def _unload_peak(
    problem: Problem, component: Component, free: set[int], plan: dict[int, Placement], objective: int, seed: int,
) -> tuple[dict[int, Placement] | None, float]:
    """At equal cost, fewer of the neighbourhood's sessions for the most-loaded facilitators.

    The load term is the peak alone: while several facilitators share it, moving one cohort
    away from one of them changes no cost, and a strict search would never start lowering
    the peak. This side step keeps the objective and gives the peak facilitators fewer
    sessions, so later steps can lower the peak itself.
    """
    load: dict[str, int] = {}
    for person, _ in plan.values():
        load[person] = load.get(person, 0) + 1
    peak = max(load.values())
    now = sum(1 for number in free if load[plan[number][0]] == peak)
    if not now:
        return None, 0.0
    model, found = component.model.clone(), component.found
    var = model.get_int_var_from_proto_index
    model.add(sum(entry.weight * var(entry.amount.index) for entries in found.costs.values() for entry in entries)
              <= objective)
    model.minimize(sum(var(v.index) for (_, person), v in found.presence.items() if load.get(person, 0) == peak))
    solver = step_solver(seed)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or solver.objective_value >= now - 0.5:
        return None, solver.deterministic_time
    return placements(problem, found, free, solver), solver.deterministic_time


def improve_plan(
    problem: Problem, sessions: list[Session], plan: dict[int, Placement], previous: Previous,
    seed: int, budget: float, good_enough: Callable[[dict[int, Placement]], bool] | None = None,
    until: float | None = None, hoods: list[list[Session]] | None = None,
) -> dict[int, Placement]:
    """Improve a complete plan, neighbourhood by neighbourhood, within ``budget`` (deterministic s).

    ``hoods`` gives the neighbourhoods in the order to try them (default: ``neighbourhoods``).
    ``good_enough`` (e.g. "the plan is within 1 % of the proven lower bound") is asked after
    each step that improved the plan; when it says yes the search stops and the final solve
    (if any) takes over; it may also report the improved plan's progress.
    ``until`` (a ``time.monotonic()`` instant) also stops it: the one step that depends on the
    wall clock, so it is reproducible only while it ends by ``budget``, convergence or
    ``good_enough`` first (docs/scheduling.md).
    """
    hoods = hoods if hoods is not None else neighbourhoods(problem, sessions)
    if len(hoods) < 2:
        return plan  # one cohort: the final solve is the neighbourhood
    plan = dict(plan)
    spent = 0.0
    improved = True
    while improved and spent < budget and (until is None or time.monotonic() < until):
        improved = False
        for hood in hoods:
            if spent >= budget or (until is not None and time.monotonic() >= until):
                break
            better, used = _step(problem, hood, plan, previous, seed)
            spent += used
            if better is None:
                continue
            plan.update(better)
            improved = True
            if good_enough is not None and good_enough(plan):
                return plan
    return plan
