"""Working windows for the pre-solve diagnostics: when a cohort and a facilitator can meet.

Each side's working windows are built from its own local calendar (working days, hours,
holidays, leave, partial unavailability), converted to UTC and intersected. The results are
a relaxation of the scheduling problem (no grid, no other sessions), so whatever they rule
out is impossible for the solver too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from glocal.model import Cohort, Facilitator
from glocal.scheduling.validate.calendar import (
    MINUTE,
    cohort_hours,
    cohort_weekend,
    day_off,
    facilitator_weekend,
    zone,
)
from glocal.values import Country, TimeRange
from glocal.workspace import ProgramBundle

UTC = dt.UTC
Span = tuple[dt.datetime, dt.datetime]  # a UTC interval [start, end)


def local_instant(day: dt.date, minutes: int, tz: str) -> dt.datetime:
    """The UTC instant of ``minutes`` after local midnight of ``day`` (24:00 = next midnight)."""
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    return naive.replace(tzinfo=zone(tz)).astimezone(UTC)


def first_day(bundle: ProgramBundle, cohort: Cohort) -> dt.date:
    """The first date a session of this cohort may take place (window start or start_after)."""
    window = bundle.rollout.window
    return max(window.start, cohort.start_after) if cohort.start_after else window.start


def cohort_days(bundle: ProgramBundle, cohort: Cohort) -> list[dt.date]:
    """The cohort's working days in the window, from ``first_day`` on (cohort-local dates)."""
    weekend = cohort_weekend(cohort)
    return list(
        _working_days(weekend, cohort.country, first_day(bundle, cohort), bundle.rollout.window.end)
    )


@lru_cache(maxsize=4096)
def _working_days(
    weekend: frozenset[int], country: Country, first: dt.date, last: dt.date
) -> tuple[dt.date, ...]:
    days, day = [], first
    while day <= last:
        if day_off(weekend, country, day) is None:
            days.append(day)
        day += dt.timedelta(days=1)
    return tuple(days)


def cohort_spans(bundle: ProgramBundle, cohort: Cohort) -> list[tuple[dt.date, Span]]:
    """Each working day of the cohort with its working hours as a UTC interval."""
    hours = cohort_hours(bundle, cohort)
    return [
        (
            day,
            (
                local_instant(day, hours.start, cohort.timezone),
                local_instant(day, hours.end, cohort.timezone),
            ),
        )
        for day in cohort_days(bundle, cohort)
    ]


def facilitator_spans(
    fac: Facilitator, first: dt.date, last: dt.date
) -> list[tuple[dt.date, Span]]:
    """The facilitator's free working time on their local dates ``first``..``last`` (UTC)."""
    weekend, spans = facilitator_weekend(fac), []
    day = first
    while day <= last:
        on_leave = any(a.hours is None and day in a.date for a in fac.unavailable)
        if not on_leave and day_off(weekend, fac.country, day) is None:
            busy = sorted(
                (a.hours for a in fac.unavailable if a.hours is not None and day in a.date),
                key=lambda h: h.start,
            )
            for start, end in _minus(fac.working_hours, busy):
                spans.append(
                    (
                        day,
                        (
                            local_instant(day, start, fac.timezone),
                            local_instant(day, end, fac.timezone),
                        ),
                    )
                )
        day += dt.timedelta(days=1)
    return spans


def _minus(hours: TimeRange, busy: list[TimeRange]) -> list[tuple[int, int]]:
    """Working hours without the busy ranges, as local minute pairs."""
    pieces, cursor = [], hours.start
    for block in busy:
        if block.start > cursor:
            pieces.append((cursor, min(block.start, hours.end)))
        cursor = max(cursor, block.end)
    if cursor < hours.end:
        pieces.append((cursor, hours.end))
    return [(s, e) for s, e in pieces if e > s]


@dataclass(frozen=True)
class Meeting:
    """How a cohort and a facilitator overlap, per cohort-local ISO week (keyed by Monday)."""

    longest: dict[dt.date, int]  # minutes of the longest common window in each week
    shared_days: dict[dt.date, list[dt.date]]  # cohort days in the week when both work
    empty_days: dict[dt.date, list[dt.date]]  # of those, days with no common minute
    fits: dict[dt.date, int]  # facilitator-local date -> longest common window that day

    @property
    def best(self) -> int:
        """The longest common window in the whole window, in minutes (0 if none)."""
        return max(self.longest.values(), default=0)


def free_by_date(bundle: ProgramBundle, fac: Facilitator) -> dict[dt.date, list[Span]]:
    """The facilitator's free spans per local date, a day either side of the window."""
    window, one = bundle.rollout.window, dt.timedelta(days=1)
    busy = [(b.start, b.end) for b in bundle.busy.get(fac.id, [])]
    by_date: dict[dt.date, list[Span]] = {}
    for day, span in facilitator_spans(fac, window.start - one, window.end + one):
        # busy calendar time (and other programs' sessions) is not free time
        by_date.setdefault(day, []).extend(_without(span, busy))
    return by_date


def _without(span: Span, busy: list[Span]) -> list[Span]:
    """``span`` minus every busy interval that meets it."""
    pieces = [span]
    for low, high in busy:
        if high <= span[0] or low >= span[1]:
            continue
        pieces = [part for start, end in pieces
                  for part in ((start, min(end, low)), (max(start, high), end)) if part[1] > part[0]]
    return pieces


def meeting(
    days: list[tuple[dt.date, Span]], fac: Facilitator, free: dict[dt.date, list[Span]]
) -> Meeting:
    """Intersect a cohort's working days (``cohort_spans``) with a facilitator's free time.

    ``free`` comes from ``free_by_date``; only the facilitator-local dates a cohort day
    touches are looked at, so the cost grows with the days, not days times spans.
    """
    longest: dict[dt.date, int] = {}
    shared: dict[dt.date, list[dt.date]] = {}
    empty: dict[dt.date, list[dt.date]] = {}
    fits: dict[dt.date, int] = {}
    tz = zone(fac.timezone)
    for day, (start, end) in days:
        monday = day - dt.timedelta(days=day.weekday())
        longest.setdefault(monday, 0)
        their_days = sorted({start.astimezone(tz).date(), end.astimezone(tz).date()})
        if not any(free.get(their_day) for their_day in their_days):
            continue  # the facilitator does not work on the local dates this day touches
        shared.setdefault(monday, []).append(day)
        best = 0
        for their_day in their_days:
            for f_start, f_end in free.get(their_day, []):
                common = max(0, int((min(end, f_end) - max(start, f_start)) / MINUTE))
                fits[their_day] = max(fits.get(their_day, 0), common)
                best = max(best, common)
        longest[monday] = max(longest[monday], best)
        if best == 0:
            empty.setdefault(monday, []).append(day)
    return Meeting(longest, shared, empty, fits)


def recent_change(cohort: Cohort, fac: Facilitator, day: dt.date, lookback: int = 35) -> str | None:
    """The country whose DST change most recently moved the two sides' clocks apart, if any.

    The offset between the two zones is compared at noon UTC day by day, going back at most
    ``lookback`` days from ``day``; a change where both zones move together does not count.
    """
    sides = ((fac.timezone, fac.country.code), (cohort.timezone, cohort.country.code))
    for back in range(lookback):
        now = dt.datetime.combine(day - dt.timedelta(days=back), dt.time(12), UTC)
        before = now - dt.timedelta(days=1)
        moved = [country for tz, country in sides if _offset(now, tz) != _offset(before, tz)]
        if moved and _offset(now, fac.timezone) - _offset(now, cohort.timezone) != _offset(
            before, fac.timezone
        ) - _offset(before, cohort.timezone):
            return moved[0]
    return None


def _offset(instant: dt.datetime, tz: str) -> dt.timedelta:
    offset = instant.astimezone(zone(tz)).utcoffset()
    assert offset is not None  # zoneinfo always knows the offset of an aware instant
    return offset
