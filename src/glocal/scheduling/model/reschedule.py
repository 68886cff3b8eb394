"""Rescheduling with minimal change: keep each still-valid session of a previous plan.

A session of the previous plan is *valid* when its facilitator may still deliver it and its
start is still an allowed start. Valid sessions that start before ``freeze_before`` (in the
cohort's local date) are fixed; the others are hinted and cost ``moved_session`` if moved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ortools.sat.python import cp_model

from glocal.model import Schedule, ScheduledSession
from glocal.scheduling.model.variables import Variables
from glocal.scheduling.problem.build import Problem, Session


@dataclass
class Previous:
    """The previous plan's placement of each session, and what became of it."""

    placement: dict[int, tuple[str, int]] = field(default_factory=dict)  # facilitator, minutes
    invalid: dict[int, str] = field(default_factory=dict)  # session -> why it must move
    frozen: set[int] = field(default_factory=set)
    unchanged: dict[int, cp_model.IntVar] = field(default_factory=dict)

    def kept(self, sessions: list[Session]) -> dict[int, tuple[str, int]]:
        """The previous placements of ``sessions`` that still fit (each on its own)."""
        return {s.number: self.placement[s.number] for s in sessions
                if s.number in self.placement and s.number not in self.invalid}


def match_previous(problem: Problem, previous: Schedule | None, freeze_before: dt.date | None) -> Previous:
    """Map the previous plan's sessions onto this problem and check that they still fit."""
    found = Previous()
    if previous is None:
        return found
    for old in previous.sessions:
        try:
            session = problem.session_of(old.cohort, old.module)
        except KeyError:
            continue
        start = problem.axis.minutes(old.start)
        found.placement[session.number] = (old.facilitator, start)
        why = _why_invalid(problem, session.number, old, start)
        if why is not None:
            found.invalid[session.number] = why
        elif freeze_before is not None and _local_date(problem, old) < freeze_before:
            found.frozen.add(session.number)
    return found


def _local_date(problem: Problem, old: ScheduledSession) -> dt.date:
    zone = ZoneInfo(problem.cohorts[old.cohort].zone)
    return old.start.astimezone(zone).date()


def _why_invalid(problem: Problem, number: int, old: ScheduledSession, start: int) -> str | None:
    session = problem.sessions[number]
    options = {o.facilitator: o for o in problem.options[number]}
    if old.facilitator not in options:
        why = problem.excluded[number].get(old.facilitator, "is no longer a facilitator of this program")
        return f"{old.facilitator} {why}"
    if (old.end - old.start).total_seconds() // 60 != session.duration:
        return f"the session now lasts {session.duration} minutes"
    if not any(low <= start <= high and (start - low) % session.grid == 0 for low, high in options[old.facilitator].starts):
        return _off_why(problem, old, start)
    return None


def _off_why(problem: Problem, old: ScheduledSession, start: int) -> str:
    """Say which side's calendar no longer has the old time."""
    for party, who in ((problem.facilitators[old.facilitator], old.facilitator), (problem.cohorts[old.cohort], old.cohort)):
        day = next((d for d in party.days if d.span[0] <= start <= d.span[1]), None)
        if day is not None and not any(low <= day.span[1] and day.span[0] <= high for low, high in party.windows):
            return f"{day.date} is no longer a working day of {who} (leave, weekend or public holiday)"
    return f"its time no longer lies in the working time of both {old.cohort} and {old.facilitator}"


def add_previous(model: cp_model.CpModel, problem: Problem, found: Variables, previous: Previous) -> None:
    """Fix frozen sessions, and add the moved-session penalty for the others."""
    weight = problem.weights.moved_session
    for session in found.sessions:
        number = session.number
        if number not in previous.placement:
            continue
        person, start = previous.placement[number]
        if number in previous.invalid:
            found.session_constant_costs.setdefault(number, {})["moved_session"] = weight
            found.constant_costs["moved_session"] = found.constant_costs.get("moved_session", 0) + weight
            continue
        key = (number, person)
        if number in previous.frozen:
            model.add(found.start[number] == start // problem.unit)
            model.add(found.presence[key] == 1)
            continue
        same = model.new_bool_var(f"unchanged[{session.cohort}/{session.module}]")
        model.add(found.start[number] == start // problem.unit).only_enforce_if(same)
        model.add_implication(same, found.presence[key])
        moved = model.new_bool_var(f"moved[{session.cohort}/{session.module}]")
        model.add(moved + same == 1)
        previous.unchanged[number] = same
        found.add_cost("moved_session", weight, moved, session)
