"""Turn solved component values into a ``Schedule`` (UTC instants plus local ISO times)."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from glocal.model import ReasonRecord, ScheduledSession
from glocal.scheduling.model.assemble import Component
from glocal.scheduling.model.costs import Placement, plan_costs, session_costs
from glocal.scheduling.model.reschedule import Previous
from glocal.scheduling.problem.build import Problem, Session


def read_sessions(
    problem: Problem, component: Component, values: Sequence[int], previous: Previous
) -> tuple[list[ScheduledSession], dict[str, int], list[ReasonRecord]]:
    """Sessions, weighted cost totals per term, and why moved sessions moved."""
    found = component.found
    per_session: dict[int, dict[str, int]] = {}
    totals: dict[str, int] = dict(found.constant_costs)
    for term, entries in sorted(found.costs.items()):
        for weight, amount, number, _ in entries:
            cost = weight * values[amount.index]
            totals[term] = totals.get(term, 0) + cost
            if number is not None and cost:
                per_session.setdefault(number, {})[term] = per_session.get(number, {}).get(term, 0) + cost
    # Who delivers each session, read once: scanning every presence per session is
    # quadratic and took most of the result reading at 2,400 sessions.
    chosen: dict[int, str] = {}
    for (number, facilitator), var in sorted(found.presence.items()):
        if values[var.index] and number not in chosen:
            chosen[number] = facilitator
    sessions: list[ScheduledSession] = []
    notes: list[ReasonRecord] = []
    for session in component.sessions:
        person = chosen[session.number]
        start_minutes = values[found.start[session.number].index] * problem.unit
        costs = {**found.session_constant_costs.get(session.number, {}), **per_session.get(session.number, {})}
        moved = _moved(previous, session.number, person, start_minutes)
        scheduled = scheduled_session(problem, session, person, start_minutes, costs, moved is not None)
        if moved is not None:
            notes.append(ReasonRecord(rule="moved", text=f"cohort {session.cohort}, module {session.module}: moved because {moved}",
                                      cohort=session.cohort, module=session.module, facilitator=person,
                                      date=scheduled.cohort_local_start[:10]))
        sessions.append(scheduled)
    return sessions, totals, notes


def scheduled_session(
    problem: Problem, session: Session, person: str, start_minutes: int, costs: dict[str, int], moved: bool
) -> ScheduledSession:
    """One placed session with its UTC instants, both local times and its own costs."""
    start = problem.axis.instant(start_minutes)
    end = problem.axis.instant(start_minutes + session.duration)
    cohort_zone = ZoneInfo(problem.cohorts[session.cohort].zone)
    person_zone = ZoneInfo(problem.facilitators[person].zone)
    return ScheduledSession(
        cohort=session.cohort, module=session.module, facilitator=person, start=start, end=end,
        index=session.index, count=session.count,
        cohort_local_start=start.astimezone(cohort_zone).isoformat(),
        cohort_local_end=end.astimezone(cohort_zone).isoformat(),
        facilitator_local_start=start.astimezone(person_zone).isoformat(),
        facilitator_local_end=end.astimezone(person_zone).isoformat(),
        costs=dict(sorted(costs.items())), moved=moved,
    )


def _moved(previous: Previous, number: int, person: str, start: int) -> str | None:
    if number not in previous.placement:
        return None
    if number in previous.invalid:
        return previous.invalid[number]
    if previous.placement[number] == (person, start):
        return None
    return "keeping its previous time would break a rule or cost more than moving (see the plan's costs)"


def read_plan(
    problem: Problem, sessions: list[Session], plan: dict[int, Placement], outside_load: dict[str, int] | None = None,
    previous: Previous | None = None,
) -> tuple[list[ScheduledSession], dict[str, int]]:
    """Sessions and weighted cost totals of a complete plan, without a model (``plan_costs``).

    For components too large for a final solve (no previous plan is involved there), and for
    the starting plan a caller may prepare outputs for (``SolveOptions.on_plan``): with
    ``previous``, sessions away from their previous placement are marked moved.
    """
    totals, _ = plan_costs(problem, sessions, plan, outside_load)
    out = []
    for session in sessions:
        person, start = plan[session.number]
        costs = {term: cost for term, cost in session_costs(problem, session, person, start).items() if cost}
        moved = previous is not None and _moved(previous, session.number, person, start) is not None
        out.append(scheduled_session(problem, session, person, start, costs, moved))
    return out, totals
