"""How much of a facilitator's working time their busy calendars took, over the rollout window.

Working time is their working hours on their working days (no weekend, public holiday or
leave) in their own calendar; busy time counts only where it falls inside it, so an evening
appointment takes nothing. Computed from the model and the busy intervals, without the solver.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from glocal.model import Facilitator
from glocal.report.days import public_holidays, weekend_days
from glocal.workspace import ProgramBundle
from glocal.workspace.busy import BusyTime


@dataclass(frozen=True)
class BusyShare:
    """Minutes of busy time inside working time, and the working minutes, over the window."""

    busy: int
    working: int

    @property
    def percent(self) -> float:
        """The busy share of working time in percent (0 without working time)."""
        return 100 * self.busy / self.working if self.working else 0.0


def busy_share(bundle: ProgramBundle, person: Facilitator,
               span: tuple[dt.date, dt.date] | None = None) -> BusyShare | None:
    """The share for ``person`` over the rollout window, or ``span`` (None without a busy calendar)."""
    if not person.busy:
        return None
    busy = _merged(bundle.busy.get(person.id, []))  # overlapping exports count once
    first, last = span or (bundle.rollout.window.start, bundle.rollout.window.end)
    zone = ZoneInfo(person.timezone)
    weekend = weekend_days(person.weekend, person.country)
    holidays = public_holidays(person.country, first, last)
    taken = working = 0
    day = first
    while day <= last:
        off = day.weekday() in weekend or day in holidays
        off = off or any(leave.hours is None and day in leave.date for leave in person.unavailable)
        if not off:
            hours = person.working_hours
            start = dt.datetime.combine(day, dt.time(0), zone) + dt.timedelta(minutes=hours.start)
            end = dt.datetime.combine(day, dt.time(0), zone) + dt.timedelta(minutes=hours.end)
            # wall-clock minutes -> instants; on a DST day the span is what the clock shows
            start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
            working += int((end - start).total_seconds() // 60)
            for low, high in busy:
                overlap = min(end, high) - max(start, low)
                if overlap > dt.timedelta(0):
                    taken += int(overlap.total_seconds() // 60)
        day += dt.timedelta(days=1)
    return BusyShare(min(taken, working), working)


def _merged(busy: list[BusyTime]) -> list[tuple[dt.datetime, dt.datetime]]:
    """Busy intervals with overlaps joined, sorted."""
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for item in sorted(busy):
        if merged and item.start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], item.end))
        else:
            merged.append((item.start, item.end))
    return merged
