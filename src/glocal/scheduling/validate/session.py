"""The hard rules that one placed session must satisfy on its own.

Every check converts the session's UTC instants to local wall-clock datetimes of the cohort
and of the facilitator and compares them with the workspace model directly; nothing here
builds interval domains the way the model builder does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from glocal.model import Cohort, Facilitator, Module, ScheduledSession
from glocal.scheduling.validate.calendar import (
    MINUTE,
    can_be_present,
    cohort_hours,
    cohort_weekend,
    day_off,
    facilitator_weekend,
    is_ambiguous,
    language_of,
    local_text,
    missing_skills,
    needs_presence,
    skills_text,
    wall_minutes,
    zone,
)
from glocal.values import TimeRange, format_duration
from glocal.workspace import ProgramBundle
from glocal.workspace.busy import BusyTime


@dataclass(frozen=True)
class Violation:
    """One broken hard rule of a schedule, in a coordinator's terms.

    ``rule`` names the rule (``language``, ``cohort-hours``, ``gap``, ...); the other fields
    name what it is about, so reports can group them; ``start`` is the session's UTC start.
    """

    rule: str
    text: str
    cohort: str | None = None
    module: str | None = None
    facilitator: str | None = None
    start: dt.datetime | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Placed:
    """A session whose cohort and module exist, with what the rules need to judge it."""

    session: ScheduledSession
    cohort: Cohort
    module: Module
    facilitator: Facilitator | None  # None when the schedule names an unknown facilitator
    duration: int  # the localized duration of the module for this cohort, in minutes

    def violation(self, rule: str, what: str) -> Violation:
        """A violation about this session, its text prefixed with who and when."""
        s = self.session
        who = f" with {s.facilitator}" if s.facilitator else ""
        when = f"{s.start:%Y-%m-%dT%H:%M}Z"
        return Violation(
            rule,
            f"session {s.cohort}/{s.module}{who} at {when}: {what}",
            s.cohort,
            s.module,
            s.facilitator,
            s.start,
        )


def session_violations(bundle: ProgramBundle, placed: Placed) -> list[Violation]:
    """Every single-session rule this session breaks."""
    found = list(_who_delivers(placed))
    found += _duration(placed)
    found += _cohort_calendar(bundle, placed)
    if placed.facilitator is not None:
        found += _facilitator_calendar(placed, placed.facilitator)
        found += _busy(placed, bundle.busy.get(placed.facilitator.id, []))
    return found


def _busy(placed: Placed, busy: list[BusyTime]) -> Iterator[Violation]:
    """The session shares at least one instant with a busy time of its facilitator."""
    s = placed.session
    for item in busy:
        if item.start < s.end and s.start < item.end:
            yield placed.violation(
                "busy",
                f"runs {s.start:%Y-%m-%dT%H:%M}Z-{s.end:%H:%M}Z, while {s.facilitator} is busy "
                f"{item.start:%Y-%m-%dT%H:%M}Z-{item.end:%Y-%m-%dT%H:%M}Z ({item.source})",
            )
            return


def _who_delivers(placed: Placed) -> Iterator[Violation]:
    fac, cohort, module = placed.facilitator, placed.cohort, placed.module
    if fac is None:
        yield placed.violation(
            "facilitator",
            f"unknown facilitator '{placed.session.facilitator}'; use an id from facilitators.yaml",
        )
        return
    language = language_of(cohort.locale)
    if language not in fac.languages:
        yield placed.violation(
            "language",
            f"{fac.id} does not speak {language} (speaks {', '.join(fac.languages)}); the cohort learns in {language}",
        )
    missing = missing_skills(module, fac)
    if missing:
        yield placed.violation(
            "skills",
            f"{fac.id} does not hold {skills_text(missing)}; module {module.id} needs {skills_text(module.skills)}",
        )
    if needs_presence(module) and not can_be_present(cohort, fac):
        yield placed.violation(
            "in-person",
            f"module {module.id} is {module.delivery.value} in {cohort.country.code} but {fac.id} is in "
            f"{fac.country.code} and does not travel; choose a facilitator in {cohort.country.code} or one who travels",
        )


def _duration(placed: Placed) -> Iterator[Violation]:
    s = placed.session
    length = (s.end - s.start) / MINUTE
    if length != placed.duration:
        shown = (
            format_duration(int(length))
            if length > 0 and length == int(length)
            else f"{length:g} minutes"
        )
        yield placed.violation(
            "duration",
            f"lasts {shown}; module {placed.module.id} lasts {format_duration(placed.duration)} in {placed.cohort.locale}",
        )


def _cohort_calendar(bundle: ProgramBundle, placed: Placed) -> Iterator[Violation]:
    cohort, rollout, s = placed.cohort, bundle.rollout, placed.session
    start = s.start.astimezone(zone(cohort.timezone))
    end = s.end.astimezone(zone(cohort.timezone))
    shown = local_text(start, cohort.timezone)
    window = rollout.window
    if start.date() < window.start or _last_day(end) > window.end:
        yield placed.violation(
            "window",
            f"runs {shown} to {end:%Y-%m-%d %H:%M}, outside the rollout window {window} (cohort-local dates)",
        )
    if cohort.start_after is not None and start.date() < cohort.start_after:
        yield placed.violation(
            "start-after",
            f"starts {shown}, before start_after {cohort.start_after.isoformat()} of {cohort.id}",
        )
    if start.second or start.microsecond or wall_minutes(start, start.date()) % rollout.granularity:
        yield placed.violation(
            "grid",
            f"starts {shown}, off the {format_duration(rollout.granularity)} grid of cohort-local time",
        )
    if is_ambiguous(start):
        yield placed.violation(
            "local-time",
            f"starts {shown}, a wall-clock time that happens twice on that day (DST); pick an unambiguous time",
        )
    why = day_off(cohort_weekend(cohort), cohort.country, start.date())
    if why is not None:
        yield placed.violation(
            "cohort-day",
            f"starts {shown}, {why} for cohort {cohort.id}; sessions fall on the cohort's working days",
        )
    hours = cohort_hours(bundle, cohort)
    if _outside(start, end, hours):
        yield placed.violation(
            "cohort-hours",
            f"runs {shown} to {end:%H:%M} ({end:%Y-%m-%d}), outside the cohort's working hours {hours}",
        )


def _facilitator_calendar(placed: Placed, fac: Facilitator) -> Iterator[Violation]:
    s = placed.session
    start = s.start.astimezone(zone(fac.timezone))
    end = s.end.astimezone(zone(fac.timezone))
    shown = local_text(start, fac.timezone)
    if is_ambiguous(start):
        yield placed.violation(
            "local-time",
            f"starts {shown} for {fac.id}, a wall-clock time that happens twice on that day (DST)",
        )
    why = day_off(facilitator_weekend(fac), fac.country, start.date())
    if why is not None:
        yield placed.violation("facilitator-day", f"starts {shown}, {why} for {fac.id}")
    if _outside(start, end, fac.working_hours):
        yield placed.violation(
            "facilitator-hours",
            f"runs {shown} to {end:%H:%M} ({end:%Y-%m-%d}), outside {fac.id}'s working hours {fac.working_hours}",
        )
    for absence in fac.unavailable:
        if absence.hours is None:
            if start.date() in absence.date or _last_day(end) in absence.date:
                yield placed.violation(
                    "leave", f"starts {shown}, during {fac.id}'s leave {absence.date}"
                )
        elif start.date() in absence.date and _overlaps(start, end, absence.hours):
            yield placed.violation(
                "unavailable",
                f"runs {shown} to {end:%H:%M}, while {fac.id} is unavailable {absence.hours} on {start:%Y-%m-%d}",
            )


def _last_day(end: dt.datetime) -> dt.date:
    """The local date of the session's last minute (an end at midnight belongs to the day before)."""
    return (end - MINUTE).date()


def _outside(start: dt.datetime, end: dt.datetime, hours: TimeRange) -> bool:
    """The session does not lie wholly inside ``hours`` of the local day it starts on."""
    day = start.date()
    return wall_minutes(start, day) < hours.start or wall_minutes(end, day) > hours.end


def _overlaps(start: dt.datetime, end: dt.datetime, hours: TimeRange) -> bool:
    """The session shares at least a minute with ``hours`` on the local day it starts on."""
    day = start.date()
    return wall_minutes(start, day) < hours.end and wall_minutes(end, day) > hours.start
