"""Complete a greedy plan that left sessions out, before the neighbourhood search.

The greedy places module after module and can start a cohort so late (its facilitators
being booked by others) that a later module no longer fits before the window ends or
within its maximum gap. Such a cohort is re-planned whole by CP-SAT in a small model in
which every other placed session is fixed (``lns.neighbourhoods``: the cohort alone, then
together with each cohort it shares a facilitator with, whose sessions are freed too).
Every solve has one worker and a deterministic limit, so the result depends only on the
input and the seed. The repair ignores the wall-clock deadline: without a complete plan
there is no complete hint and no plan to fall back on, which costs more than the few
seconds it takes (nine cohorts of a 2,400-session rollout).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from glocal.scheduling.model.assemble import build_component
from glocal.scheduling.model.reschedule import Previous
from glocal.scheduling.problem.build import Problem, Session
from glocal.scheduling.search.greedy import Placement
from glocal.scheduling.search.lns import fixed_context, neighbourhoods, placements, step_solver


def repair_plan(
    problem: Problem, sessions: list[Session], plan: dict[int, Placement], previous: Previous,
    seed: int, budget: float,
) -> tuple[dict[int, Placement], float]:
    """Place what the greedy left out, cohort by cohort: the plan (complete or not) and the
    deterministic seconds spent, at most about ``budget``."""
    plan = dict(plan)
    missing = sorted({s.cohort for s in sessions if s.number not in plan})
    hoods = neighbourhoods(problem, sessions) if missing else []
    spent = 0.0
    for cohort in missing:
        for hood in (h for h in hoods if any(s.cohort == cohort for s in h)):
            if spent >= budget:
                return plan, spent
            placed, used = _place(problem, hood, plan, previous, seed)
            spent += used
            if placed is not None:
                plan.update(placed)
                break
    return plan, spent


def _place(
    problem: Problem, hood: list[Session], plan: dict[int, Placement], previous: Previous, seed: int,
) -> tuple[dict[int, Placement] | None, float]:
    """Plan every session of a neighbourhood around the fixed rest: placements, or None."""
    free = {s.number for s in hood}
    component = build_component(problem, hood, previous, fixed_context(problem, plan, free))
    found = component.found
    for number in sorted(free & plan.keys()):  # what the greedy placed is a good start
        person, start = plan[number]
        component.model.add_hint(found.start[number], start // problem.unit)
        for key, presence in sorted(found.presence.items()):
            if key[0] == number:
                component.model.add_hint(presence, key[1] == person)
    solver = step_solver(seed)
    status = solver.solve(component.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, solver.deterministic_time
    return placements(problem, found, free, solver), solver.deterministic_time
