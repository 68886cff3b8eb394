"""The scheduling problem as pure data: sessions, who may deliver them, and when they may start.

Everything here is computed in Python before a model exists ("filter eligibility before
building"): the eligible facilitators of each session and, per (session, facilitator), the
allowed start times as grid progressions on the UTC-minute axis of ``timeaxis``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce

from babel import Locale

from glocal.model import Cohort, Delivery, Facilitator, ObjectiveWeights
from glocal.scheduling.problem import timeaxis as ta
from glocal.scheduling.problem.timeaxis import Axis, Interval
from glocal.values import TimeRange
from glocal.workspace import ProgramBundle
from glocal.workspace.busy import BusyTime

Progression = tuple[int, int]  # grid points low..high (epoch minutes), step = session.grid


@dataclass(frozen=True)
class Session:
    """One facilitator-led session: a module delivered to a cohort."""

    number: int  # position in Problem.sessions
    cohort: str
    module: str
    index: int  # session N of M within the cohort (program order)
    count: int
    duration: int  # minutes, from the cohort's localized program
    grid: int  # start granularity in minutes (cohort-local)
    predecessor: str | None
    gap_min: int
    gap_max: int | None


@dataclass(frozen=True)
class Option:
    """A facilitator who may deliver a session, and the starts that fit both calendars."""

    session: int
    facilitator: str
    starts: tuple[Progression, ...]


@dataclass(frozen=True)
class LocalDay:
    """One local calendar day of a cohort or facilitator, projected on the axis."""

    date: dt.date
    base: int  # t - base = local wall minute of t during the day's working window
    span: Interval  # every instant of the local day


@dataclass(frozen=True)
class Party:
    """A cohort or a facilitator: its zone, working days and preferences."""

    id: str
    zone: str
    preferred: TimeRange | None
    days: tuple[LocalDay, ...]
    windows: tuple[Interval, ...]  # working time on working days, merged per day
    max_per_day: int | None = None
    max_per_week: int | None = None


@dataclass
class Problem:
    """Everything the model builder needs, with nothing left to look up in the workspace."""

    program: str
    axis: Axis
    buffer: int
    weights: ObjectiveWeights
    sessions: list[Session]
    options: dict[int, list[Option]]
    cohorts: dict[str, Party]
    facilitators: dict[str, Party]
    unit: int = 1  # gcd of every start, duration and buffer: the model counts in these
    excluded: dict[int, dict[str, str]] = field(default_factory=dict)  # why not this facilitator
    priority: dict[str, int] = field(default_factory=dict)  # cohort -> rollout.yaml priority

    def session_of(self, cohort: str, module: str) -> Session:
        """The session of a module for a cohort (KeyError if none)."""
        for session in self.sessions:
            if session.cohort == cohort and session.module == module:
                return session
        raise KeyError((cohort, module))


# ---------------------------------------------------------------- durations


def localized_durations(bundle: ProgramBundle, cohort: Cohort) -> dict[str, int]:
    """Minutes of each module for a cohort: the localized duration (locale chain), else core.

    The single switch between ``glocal.localization.resolve`` and the core durations.
    """
    try:
        localization = importlib.import_module("glocal.localization")
        localized = localization.resolve(bundle, cohort.locale)
        return {m.id: int(localized.module(m.id).duration) for m in bundle.program.modules}
    except ImportError:
        return {m.id: m.duration for m in bundle.program.modules}


# ---------------------------------------------------------------- eligibility


def ineligibility(bundle: ProgramBundle, cohort: Cohort, module_id: str, person: Facilitator) -> str | None:
    """Why a facilitator cannot deliver a module to a cohort, or None if they can."""
    module = bundle.program.module(module_id)
    language = Locale.parse(cohort.locale).language
    if language not in person.languages:
        return f"does not speak {language}"
    missing = sorted(set(module.skills) - set(person.skills))
    if missing:
        return f"lacks {', '.join(missing)}"
    needs_presence = module.delivery in (Delivery.IN_PERSON, Delivery.HYBRID)
    if needs_presence and person.country.code != cohort.country.code and not person.travels:
        return f"is in {person.country.code}, not {cohort.country.code}, and does not travel"
    return None


# ---------------------------------------------------------------- calendars


def _cohort_party(bundle: ProgramBundle, cohort: Cohort, axis: Axis) -> Party:
    rollout = bundle.rollout
    hours = cohort.working_hours or rollout.defaults.working_hours
    weekend = ta.weekend_of(cohort.weekend, ta.cohort_territory(cohort.locale, cohort.country))
    days: list[LocalDay] = []
    windows: list[Interval] = []
    for day in rollout.window.days():
        span = ta.local_window(cohort.timezone, axis, day, 0, 1439)
        days.append(LocalDay(day, ta.local_midnight_base(cohort.timezone, axis, day, hours.start), span[0]))
        if cohort.start_after is not None and day < cohort.start_after:
            continue
        if day.weekday() in weekend or ta.holiday(cohort.country, day) is not None:
            continue
        windows += ta.local_window(cohort.timezone, axis, day, hours.start, hours.end)
    preferred = cohort.preferred_hours or rollout.defaults.preferred_hours
    return Party(cohort.id, cohort.timezone, preferred, tuple(days), tuple(windows))


def busy_holes(busy: Sequence[BusyTime], axis: Axis) -> list[Interval]:
    """Busy intervals as holes in a window: strictly inside, so a session may end when the
    busy time starts or start when it ends; seconds are rounded outwards to whole minutes."""
    holes = []
    for item in busy:
        low = axis.minutes(item.start)
        high = -(-int((item.end - axis.epoch).total_seconds()) // 60)
        if high > low:
            holes.append((low + 1, high - 1))
    return sorted(holes)


def _facilitator_party(person: Facilitator, axis: Axis, first: dt.date, last: dt.date,
                       busy: Sequence[BusyTime] = ()) -> Party:
    weekend = ta.weekend_of(person.weekend, person.country.code)
    hours = person.working_hours
    days: list[LocalDay] = []
    windows: list[Interval] = []
    day = first
    while day <= last:
        span = ta.local_window(person.timezone, axis, day, 0, 1439)
        days.append(LocalDay(day, ta.local_midnight_base(person.timezone, axis, day, hours.start), span[0]))
        if _works(person, weekend, day):
            free = ta.local_window(person.timezone, axis, day, hours.start, hours.end)
            for leave in person.unavailable:
                if leave.hours is not None and day in leave.date:
                    # Busy strictly between the ends: a session may end or start on the boundary.
                    away = ta.local_window(person.timezone, axis, day, leave.hours.start + 1, leave.hours.end - 1)
                    free = ta.subtract(free, away)
            windows += free
        day += dt.timedelta(days=1)
    # Busy time from the facilitator's own calendar (and other programs' plans) is a hard rule.
    windows = ta.subtract(windows, busy_holes(busy, axis))
    return Party(
        person.id, person.timezone, person.preferred_hours, tuple(days), tuple(windows),
        person.max_sessions_per_day, person.max_sessions_per_week,
    )


def _works(person: Facilitator, weekend: frozenset[int], day: dt.date) -> bool:
    if day.weekday() in weekend or ta.holiday(person.country, day) is not None:
        return False
    return not any(leave.hours is None and day in leave.date for leave in person.unavailable)


# ---------------------------------------------------------------- starts


def _grid_starts(
    common: list[Interval], session: Session, cohort: Party, person: Party, axis: Axis
) -> tuple[Progression, ...]:
    """Grid starts t with [t, t + duration] inside one common interval, never ambiguous."""
    starts = [(low, high - session.duration) for low, high in common if high - session.duration >= low]
    starts = ta.subtract(starts, ta.ambiguous(cohort.zone, axis))
    starts = ta.subtract(starts, ta.ambiguous(person.zone, axis))
    out: list[Progression] = []
    for part in ta.segments(cohort.zone, axis):
        piece = ta.intersect(starts, [(part.start, part.end - 1)])
        for low, high in piece:
            # Local wall minute t + offset must be a multiple of the grid.
            first = low + (-(low + part.offset)) % session.grid
            last = high - (high + part.offset) % session.grid
            if first <= last:
                out.append((first, last))
    return tuple(sorted(out))


def build_problem(bundle: ProgramBundle, axis: Axis | None = None) -> Problem:
    """Compute sessions, eligible facilitators and their allowed starts for a program.

    ``axis`` is given when several programs are planned together on one time axis.
    """
    rollout = bundle.rollout
    axis = axis or ta.make_axis(rollout.window.start, rollout.window.end)
    cohorts = {c.id: _cohort_party(bundle, c, axis) for c in rollout.cohorts}
    # A facilitator-local date can differ from the cohort-local one by up to two days (+14 h vs -12 h).
    first, last = rollout.window.start - dt.timedelta(days=2), rollout.window.end + dt.timedelta(days=2)
    people = {f.id: _facilitator_party(f, axis, first, last, bundle.busy.get(f.id, ())) for f in bundle.facilitators}
    problem = Problem(
        bundle.id, axis, rollout.defaults.session_buffer, rollout.objectives, [], {}, cohorts, people
    )
    problem.priority = {c.id: c.priority for c in rollout.cohorts}
    modules = bundle.program.modules
    common_cache: dict[tuple[str, str], list[Interval]] = {}
    for cohort in rollout.cohorts:
        durations = localized_durations(bundle, cohort)
        for position, module in enumerate(modules, start=1):
            session = Session(
                len(problem.sessions), cohort.id, module.id, position, len(modules),
                durations[module.id], rollout.granularity, bundle.program.predecessor(module.id),
                module.gap.min, module.gap.max,
            )
            problem.sessions.append(session)
            problem.options[session.number] = []
            problem.excluded[session.number] = {}
            for person in sorted(bundle.facilitators, key=lambda f: f.id):
                why = ineligibility(bundle, cohort, module.id, person)
                if why is not None:
                    problem.excluded[session.number][person.id] = why
                    continue
                key = (cohort.id, person.id)
                if key not in common_cache:
                    common_cache[key] = ta.intersect(list(cohorts[cohort.id].windows), list(people[person.id].windows))
                starts = _grid_starts(common_cache[key], session, cohorts[cohort.id], people[person.id], axis)
                if starts:
                    problem.options[session.number].append(Option(session.number, person.id, starts))
                else:
                    problem.excluded[session.number][person.id] = "shares no working time with the cohort"
    problem.unit = _unit(problem)
    return problem


def _unit(problem: Problem) -> int:
    values = [problem.buffer] + [s.duration for s in problem.sessions] + [s.grid for s in problem.sessions]
    values += [low for options in problem.options.values() for o in options for low, _ in o.starts]
    return reduce(math.gcd, values, 0) or 1
