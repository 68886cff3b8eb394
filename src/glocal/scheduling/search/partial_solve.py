"""A component's best partial plan as a ``pipeline.Solved`` (see ``partial.py`` for the search)."""

from __future__ import annotations

import time

from glocal.scheduling.model.costs import plan_costs, session_costs
from glocal.scheduling.search.partial import PartialPlan, fill, partial_plan, relaxed
from glocal.scheduling.search.pipeline import Job, Solved
from glocal.scheduling.search.result import scheduled_session


def solve_partial(job: Job) -> Solved:
    """Place as much of the component as possible: whole cohorts first, then sessions."""
    problem, previous = job.problem, job.previous
    numbers = {s.number for s in job.sessions}
    job.board.phase("partial")
    frozen = {n: previous.placement[n] for n in sorted(previous.frozen & numbers) if n not in previous.invalid}
    if frozen:
        # Delivered sessions stay where they were; the rest goes around them.
        easy = relaxed(problem)
        placeable = [easy.sessions[n] for n in sorted(numbers) if easy.options[n]]
        found = PartialPlan(easy, fill(easy, placeable, frozen))
    else:
        # Its share of the time limit, as the complete solve's components get (deterministic).
        budget = max(job.options.time_limit * len(job.sessions) / len(problem.sessions), 0.5)
        found = partial_plan(problem, job.sessions, job.options.seed, job.deadline, budget, previous)
    plan, easy = found.plan, found.problem
    placed = [easy.sessions[n] for n in sorted(plan)]
    totals, _ = plan_costs(easy, placed, plan)
    objective = sum(totals.values())
    job.board.report(job.index, len(placed), objective, 0, time.monotonic())
    out = []
    for session in placed:
        person, start = plan[session.number]
        costs = {term: cost for term, cost in session_costs(easy, session, person, start).items() if cost}
        moved = session.number in previous.placement and previous.placement[session.number] != (person, start)
        out.append(scheduled_session(easy, session, person, start, costs, moved))
    unplaced = sorted(numbers - plan.keys())
    return Solved(out, totals, objective, 0, False, unplaced=unplaced)
