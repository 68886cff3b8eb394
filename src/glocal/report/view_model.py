"""What a plan means for people: local times, per-cohort summaries, preferred-hours shares.

Shared by ``glocal plan``'s summary table and by ``report.html``. Everything here is derived
from the workspace and the schedule with the tz database; nothing calls the solver, and all
iteration is sorted so the report is byte-identical for the same plan.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_time

from glocal.model import Cohort, Facilitator, Schedule, ScheduledSession
from glocal.values import TimeRange
from glocal.workspace import ProgramBundle

REPORT_LOCALE = "en"  # the coordinator's page and summary are in English; titles are localized


@dataclass(frozen=True)
class CohortSummary:
    """One row of the plan summary."""

    cohort: str
    locale: str
    timezone: str
    sessions: int
    first: str  # cohort-local, e.g. "Tue 9 Feb 2027, 10:00"
    last: str
    facilitators: list[str]  # most sessions first
    in_preferred: int
    with_preference: int  # sessions for which the cohort states preferred hours

    @property
    def preferred_share(self) -> float | None:
        """Share of sessions inside the cohort's preferred hours; None without a preference."""
        return self.in_preferred / self.with_preference if self.with_preference else None

    @property
    def preferred_text(self) -> str:
        """``83% (5/6)`` or ``no preference``."""
        share = self.preferred_share
        if share is None:
            return "no preference"
        return f"{round(share * 100)}% ({self.in_preferred}/{self.with_preference})"


def local(instant: dt.datetime, timezone: str) -> dt.datetime:
    """An instant as wall-clock time in a zone."""
    return instant.astimezone(ZoneInfo(timezone))


def format_local(instant: dt.datetime, timezone: str) -> str:
    """``Tue 9 Feb 2027, 10:00`` in the zone (English, for the coordinator)."""
    return str(format_datetime(local(instant, timezone), "EEE d MMM y, HH:mm", locale=REPORT_LOCALE))


def format_local_range(start: dt.datetime, end: dt.datetime, timezone: str) -> str:
    """``Tue 9 Feb 2027, 10:00–11:45 GMT+9`` (the end's date too when it falls on another day)."""
    first, last = local(start, timezone), local(end, timezone)
    end_text = (
        format_time(last, "HH:mm", locale=REPORT_LOCALE)
        if first.date() == last.date()
        else format_datetime(last, "EEE d MMM, HH:mm", locale=REPORT_LOCALE)
    )
    offset = format_datetime(first, "ZZZZ", locale=REPORT_LOCALE)
    return f"{format_local(start, timezone)}–{end_text} {offset}"


def minutes_outside(start: dt.datetime, end: dt.datetime, timezone: str, hours: TimeRange) -> int:
    """Minutes of a session outside local hours (0 when wholly inside)."""
    first, last = local(start, timezone), local(end, timezone)
    length = int((end - start).total_seconds() // 60)
    if first.date() != last.date():
        return length  # crosses local midnight: never inside a daytime range
    begin = first.hour * 60 + first.minute
    finish = begin + length
    inside = max(0, min(finish, hours.end) - max(begin, hours.start))
    return length - inside


def cohort_preferred_hours(bundle: ProgramBundle, cohort: Cohort) -> TimeRange | None:
    """The cohort's preferred hours, else the rollout default, else None."""
    return cohort.preferred_hours or bundle.rollout.defaults.preferred_hours


def cohort_working_hours(bundle: ProgramBundle, cohort: Cohort) -> TimeRange:
    """The cohort's working hours, else the rollout default."""
    return cohort.working_hours or bundle.rollout.defaults.working_hours


def sessions_by_cohort(schedule: Schedule) -> dict[str, list[ScheduledSession]]:
    """Sessions grouped by cohort, each list in time order."""
    grouped: dict[str, list[ScheduledSession]] = {}
    for session in sorted(schedule.sessions, key=lambda s: (s.cohort, s.start, s.module)):
        grouped.setdefault(session.cohort, []).append(session)
    return grouped


def facilitator_ranking(sessions: list[ScheduledSession]) -> list[str]:
    """Facilitator ids of these sessions, most sessions first (ties by id)."""
    counts = Counter(s.facilitator for s in sessions)
    return sorted(counts, key=lambda f: (-counts[f], f))


def cohort_summaries(bundle: ProgramBundle, schedule: Schedule) -> list[CohortSummary]:
    """One summary per cohort of the rollout, in rollout order."""
    grouped = sessions_by_cohort(schedule)
    rows = []
    for cohort in bundle.rollout.cohorts:
        sessions = grouped.get(cohort.id, [])
        preferred = cohort_preferred_hours(bundle, cohort)
        inside = sum(
            1 for s in sessions if preferred and minutes_outside(s.start, s.end, cohort.timezone, preferred) == 0
        )
        rows.append(
            CohortSummary(
                cohort=cohort.id,
                locale=cohort.locale,
                timezone=cohort.timezone,
                sessions=len(sessions),
                first=format_local(sessions[0].start, cohort.timezone) if sessions else "",
                last=format_local(sessions[-1].start, cohort.timezone) if sessions else "",
                facilitators=facilitator_ranking(sessions),
                in_preferred=inside,
                with_preference=len(sessions) if preferred else 0,
            )
        )
    return rows


def facilitator_map(bundle: ProgramBundle) -> dict[str, Facilitator]:
    """Facilitators by id."""
    return {f.id: f for f in bundle.facilitators}


def cohort_map(bundle: ProgramBundle) -> dict[str, Cohort]:
    """Cohorts by id."""
    return {c.id: c for c in bundle.rollout.cohorts}
