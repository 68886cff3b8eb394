"""A greedy plan: the starting point of the neighbourhood search and of the solution hint.

Sessions are taken in program order (predecessors first), the least flexible cohorts first;
each goes to the (facilitator, start) with the lowest estimated soft cost, by the objective's
own weights, among the feasible starts from its earliest one to three weeks later. The plan
keeps every hard rule; a session it cannot place is left out and the hint is partial.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from glocal.scheduling.model.objectives import WEEKDAY_CHANGE_QUARTERS
from glocal.scheduling.problem.build import Option, Party, Problem, Session

Placement = tuple[str, int]  # facilitator, start (epoch minutes)
LOOKAHEAD = 21 * 1440  # how far past the earliest start the greedy looks for a cheaper one


@dataclass
class State:
    busy: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # [start, end) incl. buffer
    attend: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    per_day: dict[tuple[str, dt.date], int] = field(default_factory=dict)
    per_week: dict[tuple[str, int, int], int] = field(default_factory=dict)
    used: dict[str, set[str]] = field(default_factory=dict)
    rhythm: dict[str, tuple[int, int]] = field(default_factory=dict)  # cohort -> local minute, weekday
    load: dict[str, int] = field(default_factory=dict)
    day_starts: dict[int, list[int]] = field(default_factory=dict)  # id(party) -> its days' first instants


def topological(sessions: list[Session], flexibility: dict[str, int] | None = None) -> list[Session]:
    """Sessions ordered so that each comes after its predecessor, the least flexible cohorts
    (fewest eligible facilitators) first."""
    depth: dict[tuple[str, str], int] = {}
    by_key = {(s.cohort, s.module): s for s in sessions}

    def depth_of(session: Session) -> int:
        key = (session.cohort, session.module)
        if key not in depth:
            depth[key] = 0  # guards against a cycle (rejected by the loader anyway)
            previous = by_key.get((session.cohort, session.predecessor or ""))
            depth[key] = 0 if previous is None else depth_of(previous) + 1
        return depth[key]

    flexible = flexibility or {}
    return sorted(sessions, key=lambda s: (depth_of(s), s.index, flexible.get(s.cohort, 0), s.cohort))


def gap_window(problem: Problem, session: Session, placed: dict[int, Placement],
               by_key: dict[tuple[str, str], Session]) -> tuple[int, int] | None:
    """Where ``session`` may start given its predecessor's placement (the gap rule); the whole
    axis without a predecessor; None when the predecessor is not placed."""
    low, high = -problem.axis.horizon, 2 * problem.axis.horizon
    if session.predecessor is None:
        return low, high
    previous = by_key.get((session.cohort, session.predecessor))
    if previous is None:
        return low, high
    if previous.number not in placed:
        return None
    end = placed[previous.number][1] + previous.duration
    return end + session.gap_min, end + session.gap_max if session.gap_max is not None else high


def greedy_plan(problem: Problem, sessions: list[Session]) -> dict[int, Placement]:
    """Place sessions one by one at their cheapest feasible start; return what was placed."""
    state = State()
    plan: dict[int, Placement] = {}
    by_key = {(s.cohort, s.module): s for s in sessions}
    people: dict[str, set[str]] = {}
    for session in sessions:
        people.setdefault(session.cohort, set()).update(o.facilitator for o in problem.options[session.number])
    for session in topological(sessions, {cohort: len(names) for cohort, names in people.items()}):
        window = gap_window(problem, session, plan, by_key)
        if window is None:
            continue  # its predecessor found no place
        best = best_placement(problem, state, session, *window)
        if best is not None:
            plan[session.number] = best
            book(problem, state, session, best)
    return plan


def best_placement(problem: Problem, state: State, session: Session, low: int, high: int) -> Placement | None:
    """The cheapest start within the lookahead by the soft terms' own weights, else the earliest."""
    found: list[tuple[int, int, str]] = []
    for option in problem.options[session.number]:
        start = _earliest(problem, state, session, option, low, high)
        if start is None:
            continue
        limit = min(high, start + LOOKAHEAD)
        for candidate in _candidates(problem, state, session, option, start, limit):
            found.append((_estimate(problem, state, session, option.facilitator, candidate), candidate, option.facilitator))
    if not found:
        return None
    _, start, person = min(found)
    return person, start


def _candidates(problem: Problem, state: State, session: Session, option: Option, low: int, high: int) -> list[int]:
    person = problem.facilitators[option.facilitator]
    span = session.duration + problem.buffer
    out = []
    for first, last in option.starts:
        if last < low or first > high:
            continue
        start = first if first >= low else first + -(-(low - first) // session.grid) * session.grid
        for candidate in range(start, min(last, high) + 1, session.grid):
            if _conflict(state.busy.get(person.id, []), candidate, candidate + span) is None \
                    and _conflict(state.attend.get(session.cohort, []), candidate, candidate + session.duration) is None \
                    and _over_limit(state, person, candidate) is None:
                out.append(candidate)
    return out


def _local(state: State, party: Party, start: int) -> tuple[int, int]:
    day = party.days[_day_of(state, party, start)]
    return start - day.base, day.date.weekday()


def _estimate(problem: Problem, state: State, session: Session, person: str, start: int) -> int:
    """The soft cost this placement adds, by the objective's weights (approximately)."""
    weights = problem.weights
    cohort = problem.cohorts[session.cohort]
    minute, weekday = _local(state, cohort, start)
    cost = weights.early_finish * (start // 1440)
    if cohort.preferred is not None:
        outside = max(0, cohort.preferred.start - minute) + max(0, minute + session.duration - cohort.preferred.end)
        cost += weights.cohort_preferred_hours * outside
    anchor = state.rhythm.get(session.cohort)
    if anchor is not None:
        changed = WEEKDAY_CHANGE_QUARTERS if weekday != anchor[1] else 0
        cost += weights.weekly_rhythm * (abs(minute - anchor[0]) // 15 + changed)
    party = problem.facilitators[person]
    if party.preferred is not None:
        own, _ = _local(state, party, start)
        outside = max(0, party.preferred.start - own) + max(0, own + session.duration - party.preferred.end)
        cost += weights.facilitator_preferred_hours * outside
    if person not in state.used.get(session.cohort, set()):
        cost += weights.facilitator_continuity * (1 if state.used.get(session.cohort) else 0)
    cost += weights.load_balance * state.load.get(person, 0)  # spreads the load
    return cost


def _earliest(problem: Problem, state: State, session: Session, option: Option, low: int, high: int) -> int | None:
    person = problem.facilitators[option.facilitator]
    span = session.duration + problem.buffer
    for first, last in option.starts:
        if last < low:
            continue
        start = first if first >= low else first + -(-(low - first) // session.grid) * session.grid
        while start <= min(last, high):
            jump = _conflict(state.busy.get(person.id, []), start, start + span)
            jump = jump or _conflict(state.attend.get(session.cohort, []), start, start + session.duration)
            jump = jump or _over_limit(state, person, start)
            if jump is None:
                return start
            start = first + -(-(jump - first) // session.grid) * session.grid
    return None


def _conflict(booked: list[tuple[int, int]], start: int, end: int) -> int | None:
    """The end of a booked interval overlapping [start, end), if any."""
    for low, high in booked:
        if low < end and start < high:
            return high
    return None


def _day_of(state: State, person: Party, start: int) -> int:
    # Parties live as long as the problem, so their identity is a safe key within one plan.
    starts = state.day_starts.get(id(person))
    if starts is None:
        starts = state.day_starts[id(person)] = [day.span[0] for day in person.days]
    return max(bisect.bisect_right(starts, start) - 1, 0)


def _over_limit(state: State, person: Party, start: int) -> int | None:
    if person.max_per_day is None and person.max_per_week is None:
        return None
    day = person.days[_day_of(state, person, start)]
    iso = day.date.isocalendar()
    if person.max_per_day is not None and state.per_day.get((person.id, day.date), 0) >= person.max_per_day:
        return day.span[1] + 1
    if person.max_per_week is not None and state.per_week.get((person.id, iso[0], iso[1]), 0) >= person.max_per_week:
        return day.span[1] + 1
    return None


def book(problem: Problem, state: State, session: Session, placement: Placement) -> None:
    person_id, start = placement
    state.busy.setdefault(person_id, []).append((start, start + session.duration + problem.buffer))
    state.attend.setdefault(session.cohort, []).append((start, start + session.duration))
    state.used.setdefault(session.cohort, set()).add(person_id)
    state.rhythm.setdefault(session.cohort, _local(state, problem.cohorts[session.cohort], start))
    state.load[person_id] = state.load.get(person_id, 0) + 1
    person = problem.facilitators[person_id]
    day = person.days[_day_of(state, person, start)]
    iso = day.date.isocalendar()
    state.per_day[(person_id, day.date)] = state.per_day.get((person_id, day.date), 0) + 1
    state.per_week[(person_id, iso[0], iso[1])] = state.per_week.get((person_id, iso[0], iso[1]), 0) + 1
