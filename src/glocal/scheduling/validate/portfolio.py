"""The independent validator over several programs' plans: the rules a team shares.

``validate_schedule`` judges one program; a facilitator of the workspace's shared team may
also deliver sessions of other programs. ``validate_portfolio`` adds what only the whole
portfolio shows: a facilitator in two programs' sessions at once (or closer than the larger
of the two programs' buffers) and the daily and weekly limits counted over all programs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from glocal.model import Facilitator, Schedule, ScheduledSession, Status
from glocal.scheduling.validate.calendar import MINUTE, local_days_and_weeks, zone
from glocal.scheduling.validate.schedule import validate_schedule
from glocal.scheduling.validate.session import Violation
from glocal.values import format_duration
from glocal.workspace import ProgramBundle


@dataclass(frozen=True)
class _Booked:
    program: str
    session: ScheduledSession
    buffer: dt.timedelta

    @property
    def name(self) -> str:
        return f"{self.program}:{self.session.cohort}/{self.session.module}"

    def violation(self, rule: str, what: str) -> Violation:
        s = self.session
        text = f"session {self.name} with {s.facilitator} at {s.start:%Y-%m-%dT%H:%M}Z: {what}"
        return Violation(rule, text, s.cohort, s.module, s.facilitator, s.start)


def validate_portfolio(bundles: list[ProgramBundle], schedules: dict[str, Schedule]) -> list[Violation]:
    """Every hard rule the programs' plans break, alone or together (empty when all hold)."""
    found: list[Violation] = []
    booked: dict[str, list[_Booked]] = defaultdict(list)
    people: dict[str, Facilitator] = {}
    for bundle in sorted(bundles, key=lambda b: b.id):
        schedule = schedules[bundle.id]
        found += [_prefixed(bundle.id, v) for v in validate_schedule(bundle, schedule)]
        if schedule.status is Status.INFEASIBLE:
            continue
        buffer = dt.timedelta(minutes=bundle.rollout.defaults.session_buffer)
        for person in bundle.facilitators:
            people.setdefault(person.id, person)
        for session in schedule.sessions:
            booked[session.facilitator].append(_Booked(bundle.id, session, buffer))
    for person_id in sorted(booked):
        mine = sorted(booked[person_id], key=lambda b: (b.session.start, b.session.end, b.name))
        found += _clashes(mine)
        if person_id in people:
            found += _limits(people[person_id], mine)
    return found


def limits_with_booked(bundle: ProgramBundle, schedule: Schedule, booked: list[Schedule]) -> list[Violation]:
    """Daily/weekly limits of ``bundle``'s facilitators counted with other programs' plans.

    A program planned alone treats those plans as busy time only, so its limits may be
    exceeded over all programs; this says where (the CLI shows it as a warning).
    """
    if schedule.status is Status.INFEASIBLE:
        return []
    mine: dict[str, list[_Booked]] = defaultdict(list)
    for session in schedule.sessions:
        mine[session.facilitator].append(_Booked(bundle.id, session, dt.timedelta(0)))
    for other in booked:
        for session in other.sessions:
            if session.facilitator in mine:
                mine[session.facilitator].append(_Booked(other.program, session, dt.timedelta(0)))
    found: list[Violation] = []
    for person in bundle.facilitators:
        if person.id in mine:
            items = sorted(mine[person.id], key=lambda b: (b.session.start, b.session.end, b.name))
            # only where this plan takes part, and does not break the limit alone
            # (``validate_schedule`` reports that)
            found += [v for v in _limits(person, items) if 0 < _count(person, schedule, v) <= _cap(person, v)]
    return found


def _cap(person: Facilitator, violation: Violation) -> int:
    limit = person.max_sessions_per_day if violation.rule.endswith("per-day") else person.max_sessions_per_week
    return limit if limit is not None else 10**9


def _count(person: Facilitator, schedule: Schedule, violation: Violation) -> int:
    assert violation.start is not None
    local = zone(person.timezone)
    day = violation.start.astimezone(local).date()
    if violation.rule.endswith("per-day"):
        return sum(1 for s in schedule.sessions if s.facilitator == person.id and s.start.astimezone(local).date() == day)
    week = day.isocalendar()[:2]
    return sum(1 for s in schedule.sessions
               if s.facilitator == person.id and s.start.astimezone(local).date().isocalendar()[:2] == week)


def _prefixed(program: str, violation: Violation) -> Violation:
    return Violation(violation.rule, f"{program}: {violation.text}", violation.cohort, violation.module,
                     violation.facilitator, violation.start)


def _clashes(mine: list[_Booked]) -> Iterator[Violation]:
    """Sessions of different programs closer than the larger buffer (one program's own pairs
    are ``validate_schedule``'s)."""
    longest = max((b.buffer for b in mine), default=dt.timedelta(0))
    for i, first in enumerate(mine):
        for later in mine[i + 1:]:
            if later.session.start >= first.session.end + longest:
                break
            if later.program == first.program:
                continue
            buffer = max(first.buffer, later.buffer)
            if later.session.start < first.session.end + buffer:
                clash = "overlaps" if later.session.start < first.session.end else "follows too closely"
                yield later.violation("portfolio-overlap", (
                    f"{clash} {first.name} ({first.session.start:%Y-%m-%dT%H:%M}Z-{first.session.end:%H:%M}Z) "
                    f"of the same facilitator; keep {format_duration(int(buffer / MINUTE))} between sessions"))


def _limits(person: Facilitator, mine: list[_Booked]) -> Iterator[Violation]:
    """max_sessions_per_day / _per_week over every program, in the facilitator's local calendar."""
    days, weeks = local_days_and_weeks(person.timezone, mine, lambda item: item.session.start)
    if person.max_sessions_per_day is not None:
        for day, group in sorted(days.items()):
            if len(group) > person.max_sessions_per_day:
                yield group[-1].violation("portfolio-per-day", (
                    f"{person.id} has {len(group)} sessions on {day.isoformat()} (local) over all programs; "
                    f"max_sessions_per_day is {person.max_sessions_per_day}"))
    if person.max_sessions_per_week is not None:
        for (year, week), group in sorted(weeks.items()):
            if len(group) > person.max_sessions_per_week:
                yield group[-1].violation("portfolio-per-week", (
                    f"{person.id} has {len(group)} sessions in week {year}-W{week:02d} (local) over all "
                    f"programs; max_sessions_per_week is {person.max_sessions_per_week}"))
