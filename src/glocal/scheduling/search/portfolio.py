"""``solve_portfolio``: plan several programs together and split the plan per program.

One problem over the union of the programs' sessions (``problem.portfolio``), solved once by
the same pipeline as a single program, so that nobody is booked twice, limits count over all
programs, and continuity and fairness weigh the whole team. The schedule is then split: each
program gets its own sessions, its reasons, and the portfolio's objective and bound.
"""

from __future__ import annotations

import dataclasses
import time

from glocal.errors import Reason
from glocal.model import ReasonRecord, Schedule, ScheduledSession, Status
from glocal.scheduling.problem.options import SolveOptions
from glocal.scheduling.problem.portfolio import SEPARATOR, merge_problems, split_key
from glocal.scheduling.search.solver import pre_solve_findings, solve_problem
from glocal.workspace import ProgramBundle


def solve_portfolio(bundles: list[ProgramBundle], options: SolveOptions | None = None,
                    previous: dict[str, Schedule] | None = None) -> dict[str, Schedule]:
    """A schedule per program id, planned together; ``previous`` holds earlier plans by program."""
    options = options or SolveOptions()
    started = time.monotonic()
    problem = merge_problems(bundles)
    earlier = _merged_previous(problem.program, previous or {})
    options = dataclasses.replace(options, previous=earlier)

    def diagnostics() -> list[Reason]:
        # Each program's own findings, cohorts named as in the portfolio ("<program>/<cohort>").
        return [dataclasses.replace(r, cohort=f"{b.id}{SEPARATOR}{r.cohort}" if r.cohort else None)
                for b in sorted(bundles, key=lambda b: b.id) for r in pre_solve_findings(b)]

    whole = solve_problem(problem, options, started, diagnostics)
    parts = by_program(whole.sessions)
    return {bundle.id: _part(whole, bundle.id, parts.get(bundle.id, [])) for bundle in bundles}


def _merged_previous(program: str, previous: dict[str, Schedule]) -> Schedule | None:
    if not previous:
        return None
    sessions = [s.model_copy(update={"cohort": f"{pid}{SEPARATOR}{s.cohort}"})
                for pid, schedule in sorted(previous.items()) for s in schedule.sessions]
    return Schedule(program=program, status=Status.FEASIBLE, sessions=sessions)


def by_program(sessions: list[ScheduledSession]) -> dict[str, list[ScheduledSession]]:
    """A portfolio plan's sessions per program, with each program's own cohort ids."""
    parts: dict[str, list[ScheduledSession]] = {}
    for session in sessions:
        owner, cohort = split_key(session.cohort)
        parts.setdefault(owner, []).append(session.model_copy(update={"cohort": cohort}))
    return parts


def _part(whole: Schedule, program: str, sessions: list[ScheduledSession]) -> Schedule:
    """One program's share of the portfolio plan, with its ``sessions`` (``by_program``)."""
    reasons: list[ReasonRecord] = []
    for reason in whole.reasons:
        owner, cohort_id = split_key(reason.cohort) if reason.cohort else (program, "")
        if owner == program:
            reasons.append(reason.model_copy(update={"cohort": cohort_id or None}))
    if whole.status is Status.INFEASIBLE and not reasons:
        others = sorted({split_key(r.cohort)[0] for r in whole.reasons if r.cohort} - {program})
        text = (f"planned together with {', '.join(others) or 'the other programs'}, which have no plan "
                "(see their reasons); fix those or plan this program alone")
        reasons.append(ReasonRecord(rule="portfolio", text=text))
    costs: dict[str, int] = {}
    for session in sessions:
        for term, cost in session.costs.items():
            costs[term] = costs.get(term, 0) + cost
    return whole.model_copy(update={
        "program": program, "sessions": sessions, "reasons": reasons,
        # per-session terms summed over this program; the objective and bound are the portfolio's
        "costs": dict(sorted(costs.items())) if whole.status is not Status.INFEASIBLE else {},
    })
