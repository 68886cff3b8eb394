"""The report's views of a plan: per-cohort timelines, facilitator load, sessions, soft costs.

Plain data for the template (``templates/report.html.j2``); nothing here formats HTML, and
every list is sorted so the page is byte-identical for the same plan.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from babel.dates import format_date, format_skeleton

from glocal.model import Cohort, Facilitator, Schedule, ScheduledSession
from glocal.report.busy import BusyShare, busy_share
from glocal.report.days import public_holidays, weekend_days
from glocal.report.view_model import (
    REPORT_LOCALE,
    cohort_map,
    cohort_preferred_hours,
    facilitator_map,
    facilitator_ranking,
    format_local_range,
    local,
    minutes_outside,
    sessions_by_cohort,
)
from glocal.values import TimeRange
from glocal.workspace import ProgramBundle


@dataclass(frozen=True)
class Text:
    """A piece of text in a language, with its script direction (for ``lang``/``dir``)."""

    text: str
    lang: str
    dir: str  # "ltr" or "rtl"


@dataclass(frozen=True)
class Place:
    """The local time of a session in one time zone, and who is there."""

    timezone: str
    who: str  # "cohort tokyo-1, facilitator aiko"
    when: str


@dataclass(frozen=True)
class SessionView:
    """One session as the report shows it."""

    key: str  # "tokyo-1/foundations": an anchor id
    cohort: str
    module: str
    title: Text
    index: int
    count: int
    facilitator: str
    facilitator_name: str
    start_utc: str
    cohort_time: str  # "10:00–11:45"
    places: list[Place]
    facilitator_when: str  # the facilitator's own local time
    outside_cohort_preferred: int  # minutes
    outside_facilitator_preferred: int
    costs: list[tuple[str, int]]
    moved: bool


@dataclass
class Day:
    """One cell of a timeline."""

    date: dt.date
    label: str
    kind: str  # "work", "weekend", "holiday", "outside"
    note: str = ""
    sessions: list[SessionView] = field(default_factory=list)


@dataclass
class Week:
    """A column of a timeline: seven days from a Monday."""

    label: str
    days: list[Day]


@dataclass
class CohortTimeline:
    """A cohort's weeks in its local calendar."""

    cohort: Cohort
    title: Text
    weekdays: list[str]
    weeks: list[Week]


@dataclass
class FacilitatorLoad:
    """A facilitator's sessions and their load per week, in their local calendar."""

    facilitator: Facilitator
    weeks: list[tuple[str, int, int]]  # (week label, sessions, minutes)
    peak: int
    sessions: list[SessionView]
    busy: BusyShare | None = None  # how much of their working time busy calendars took


@dataclass(frozen=True)
class Change:
    """A session of a cohort not delivered by the cohort's main facilitator, and why."""

    session: SessionView
    main: str
    why: str


def session_views(
    bundle: ProgramBundle, schedule: Schedule, titles: dict[tuple[str, str], Text]
) -> list[SessionView]:
    """Every session, by cohort then time; ``titles`` maps (cohort, module) to its localized title."""
    cohorts, team = cohort_map(bundle), facilitator_map(bundle)
    views = []
    for cohort_id, sessions in sorted(sessions_by_cohort(schedule).items()):
        cohort = cohorts[cohort_id]
        for session in sessions:
            facilitator = team.get(session.facilitator)
            views.append(_session_view(bundle, cohort, facilitator, session, titles[(cohort_id, session.module)]))
    return views


def _session_view(
    bundle: ProgramBundle, cohort: Cohort, facilitator: Facilitator | None, session: ScheduledSession, title: Text
) -> SessionView:
    zones: dict[str, list[str]] = defaultdict(list)
    zones[cohort.timezone].append(f"cohort {cohort.id}")
    if facilitator is not None:
        zones[facilitator.timezone].append(f"facilitator {facilitator.id}")
    places = [
        Place(zone, ", ".join(who), format_local_range(session.start, session.end, zone))
        for zone, who in sorted(zones.items(), key=lambda item: (item[0] != cohort.timezone, item[0]))
    ]
    preferred = cohort_preferred_hours(bundle, cohort)
    first, last = local(session.start, cohort.timezone), local(session.end, cohort.timezone)
    return SessionView(
        key=f"{cohort.id}/{session.module}",
        cohort=cohort.id,
        module=session.module,
        title=title,
        index=session.index,
        count=session.count,
        facilitator=session.facilitator,
        facilitator_name=facilitator.name if facilitator else session.facilitator,
        start_utc=session.start.strftime("%Y-%m-%d %H:%M UTC"),
        cohort_time=f"{first:%H:%M}–{last:%H:%M}",
        places=places,
        facilitator_when=format_local_range(session.start, session.end, facilitator.timezone) if facilitator else "",
        outside_cohort_preferred=minutes_outside(session.start, session.end, cohort.timezone, preferred)
        if preferred
        else 0,
        outside_facilitator_preferred=minutes_outside(
            session.start, session.end, facilitator.timezone, facilitator.preferred_hours
        )
        if facilitator and facilitator.preferred_hours
        else 0,
        costs=sorted((term, value) for term, value in session.costs.items() if value),
        moved=session.moved,
    )


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _timeline_span(bundle: ProgramBundle) -> tuple[dt.date, dt.date]:
    """The timelines' first and last day: whole weeks around the rollout window."""
    window = bundle.rollout.window
    return _monday(window.start), _monday(window.end) + dt.timedelta(days=6)


def prepare_timelines(bundle: ProgramBundle) -> None:
    """Look up (and so cache) each cohort's weekend and public holidays over the timelines' span,
    which do not depend on the plan: ``glocal plan`` does it while the solver works."""
    first, last = _timeline_span(bundle)
    for cohort in bundle.rollout.cohorts:
        weekend_days(cohort.weekend, cohort.country)
        public_holidays(cohort.country, first, last)


def _week_label(monday: dt.date, lang: str = REPORT_LOCALE) -> str:
    return date_text(monday, "d MMM", "MMMd", lang)


def date_text(day: dt.date, english: str, skeleton: str, lang: str) -> str:
    """A date in the report's language: English keeps its fixed pattern, others CLDR's for the skeleton."""
    if lang.split("_")[0] == "en":
        return str(format_date(day, english, locale="en"))
    return str(format_skeleton(skeleton, day, locale=lang))


def cohort_timelines(
    bundle: ProgramBundle, sessions: list[SessionView], schedule: Schedule, program_titles: dict[str, Text],
    lang: str = REPORT_LOCALE,
) -> list[CohortTimeline]:
    """A week-by-week calendar per cohort over the rollout window, in cohort-local dates."""
    window = bundle.rollout.window
    first, last = _timeline_span(bundle)
    by_day: dict[tuple[str, dt.date], list[SessionView]] = defaultdict(list)
    starts = {(s.cohort, s.module): s.start for s in schedule.sessions}
    cohorts = cohort_map(bundle)
    for view in sessions:
        cohort = cohorts[view.cohort]
        by_day[(view.cohort, local(starts[(view.cohort, view.module)], cohort.timezone).date())].append(view)
    weekdays = [str(format_date(first + dt.timedelta(days=i), "EEE", locale=lang)) for i in range(7)]
    # Every cohort's timeline has the same days: name each once, not once per cohort.
    span = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    labels = {day: date_text(day, "EEE d MMM", "MMMEd", lang) for day in span}
    timelines = []
    for cohort in bundle.rollout.cohorts:
        weekend = weekend_days(cohort.weekend, cohort.country)
        holidays = public_holidays(cohort.country, first, last)
        weeks = []
        monday = first
        while monday <= last:
            days = []
            for offset in range(7):
                day = monday + dt.timedelta(days=offset)
                kind, note = _day_kind(day, cohort, weekend, holidays, window.start, window.end)
                days.append(Day(day, labels[day], kind, note, by_day.get((cohort.id, day), [])))
            weeks.append(Week(_week_label(monday, lang), days))
            monday += dt.timedelta(days=7)
        timelines.append(CohortTimeline(cohort, program_titles[cohort.id], weekdays, weeks))
    return timelines


def _day_kind(
    day: dt.date, cohort: Cohort, weekend: frozenset[int], holidays: dict[dt.date, str],
    start: dt.date, end: dt.date,
) -> tuple[str, str]:
    if day in holidays:
        return "holiday", f"public holiday in {cohort.country}: {holidays[day]}"
    if day.weekday() in weekend:
        return "weekend", "weekend"
    if not start <= day <= end:
        return "outside", "outside the rollout window"
    if cohort.start_after and day < cohort.start_after:
        return "outside", f"before start_after {cohort.start_after.isoformat()}"
    return "work", ""


def facilitator_loads(
    bundle: ProgramBundle, sessions: list[SessionView], schedule: Schedule, lang: str = REPORT_LOCALE
) -> list[FacilitatorLoad]:
    """Per facilitator (in facilitators.yaml order): sessions and load per local week."""
    times = {(s.cohort, s.module): s for s in schedule.sessions}
    window = bundle.rollout.window
    mondays = []
    monday = _monday(window.start - dt.timedelta(days=1))
    while monday <= window.end + dt.timedelta(days=1):
        mondays.append(monday)
        monday += dt.timedelta(days=7)
    loads = []
    for facilitator in bundle.facilitators:
        mine = [v for v in sessions if v.facilitator == facilitator.id]
        mine.sort(key=lambda v: (times[(v.cohort, v.module)].start, v.cohort))
        per_week: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
        for view in mine:
            session = times[(view.cohort, view.module)]
            week = _monday(local(session.start, facilitator.timezone).date())
            per_week[week][0] += 1
            per_week[week][1] += int((session.end - session.start).total_seconds() // 60)
        weeks = [(_week_label(m, lang), per_week[m][0], per_week[m][1]) for m in mondays
                 if m in per_week or window.start <= m + dt.timedelta(days=6) and m <= window.end]
        peak = max((count for _, count, _ in weeks), default=0)
        loads.append(FacilitatorLoad(facilitator, weeks, peak, mine, busy_share(bundle, facilitator)))
    return loads


def facilitator_changes(bundle: ProgramBundle, schedule: Schedule, sessions: list[SessionView]) -> list[Change]:
    """Sessions not given by their cohort's main facilitator, with the hard rule that forced it, if any."""
    team, views = facilitator_map(bundle), {v.key: v for v in sessions}
    busy = sorted(schedule.sessions, key=lambda s: (s.start, s.cohort))
    changes = []
    for cohort_id, mine in sorted(sessions_by_cohort(schedule).items()):
        main = facilitator_ranking(mine)[0]
        for session in mine:
            if session.facilitator != main:
                why = _why_not(bundle, team[main], session, busy)
                changes.append(Change(views[f"{cohort_id}/{session.module}"], main, why))
    return changes


def _overlaps_hours(session: ScheduledSession, timezone: str, hours: TimeRange) -> bool:
    """True when the session, in local time, meets the hours (e.g. a partial-day unavailability)."""
    length = int((session.end - session.start).total_seconds() // 60)
    return minutes_outside(session.start, session.end, timezone, hours) < length


def _why_not(bundle: ProgramBundle, main: Facilitator, session: ScheduledSession, busy: list[ScheduledSession]) -> str:
    """Why ``main`` did not deliver ``session`` at its time: the first hard rule that rules them out."""
    module = bundle.program.module(session.module)
    missing = sorted(set(module.skills) - set(main.skills))
    if missing:
        return f"{main.id} does not hold {', '.join(missing)}"
    day = local(session.start, main.timezone).date()
    for leave in main.unavailable:
        hours_free = leave.hours is not None and not _overlaps_hours(session, main.timezone, leave.hours)
        if day in leave.date and not hours_free:
            return f"{main.id} is unavailable {leave.date}" + (f" {leave.hours}" if leave.hours else "")
    holidays = public_holidays(main.country, day, day)
    if day in holidays:
        return f"public holiday for {main.id} ({main.country}): {holidays[day]}"
    if day.weekday() in weekend_days(main.weekend, main.country):
        return f"the session falls on {main.id}'s weekend"
    if minutes_outside(session.start, session.end, main.timezone, main.working_hours):
        return f"the session lies outside {main.id}'s working hours {main.working_hours}"
    buffer = dt.timedelta(minutes=bundle.rollout.defaults.session_buffer)
    for other in busy:
        if other.facilitator == main.id and other.start < session.end + buffer and session.start < other.end + buffer:
            return f"{main.id} gives {other.cohort}/{other.module} at that time"
    if main.max_sessions_per_week is not None:
        week = _monday(day)
        count = sum(1 for o in busy if o.facilitator == main.id and _monday(local(o.start, main.timezone).date()) == week)
        if count >= main.max_sessions_per_week:
            return f"{main.id} already gives {count} sessions that week (max_sessions_per_week {main.max_sessions_per_week})"
    if main.max_sessions_per_day is not None:
        count = sum(1 for o in busy if o.facilitator == main.id and local(o.start, main.timezone).date() == day)
        if count >= main.max_sessions_per_day:
            return f"{main.id} already gives {count} sessions that day (max_sessions_per_day {main.max_sessions_per_day})"
    return f"no hard rule rules out {main.id}; the solver chose this to lower other costs (load balance, preferred hours)"
