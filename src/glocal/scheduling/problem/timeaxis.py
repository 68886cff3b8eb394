"""The UTC-minute axis of the scheduler and the local calendars projected onto it.

Every instant the model sees is an integer number of minutes since ``epoch`` (00:00 UTC of
the day before the rollout window starts). Local wall-clock rules (working hours, preferred
hours, the start grid) are turned into UTC intervals day by day with the tz database, so a
DST change moves the intervals and never stretches or shifts the rules themselves.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale

from glocal.values import WEEKDAYS, Country

UTC = dt.UTC
Interval = tuple[int, int]  # [start, end] in epoch minutes, both included


@dataclass(frozen=True)
class Segment:
    """A stretch ``[start, end)`` of the axis where a zone has one UTC offset (minutes)."""

    start: int
    end: int
    offset: int


@dataclass(frozen=True)
class Axis:
    """The epoch and the span of the axis; converts instants and local dates."""

    epoch: dt.datetime
    horizon: int  # minutes covered from the epoch

    def minutes(self, instant: dt.datetime) -> int:
        """Epoch minutes of an aware instant."""
        return int((instant - self.epoch).total_seconds() // 60)

    def instant(self, minutes: int) -> dt.datetime:
        """The UTC instant at ``minutes`` after the epoch."""
        return self.epoch + dt.timedelta(minutes=minutes)

    def local_day_minutes(self, day: dt.date) -> int:
        """Minutes from the epoch's date to the naive local midnight of ``day``."""
        return (day - self.epoch.date()).days * 1440


def make_axis(first_day: dt.date, last_day: dt.date) -> Axis:
    """The axis for a rollout whose cohort-local dates run ``first_day``..``last_day``.

    It starts a day early and ends two days late so every zone's local days fit on it.
    """
    epoch = dt.datetime.combine(first_day - dt.timedelta(days=1), dt.time(0), tzinfo=UTC)
    days = (last_day - first_day).days + 4
    return Axis(epoch, days * 1440)


def _offset(zone: ZoneInfo, axis: Axis, minutes: int) -> int:
    delta = axis.instant(minutes).astimezone(zone).utcoffset()
    assert delta is not None
    return int(delta.total_seconds() // 60)


@cache
def segments(zone_name: str, axis: Axis) -> tuple[Segment, ...]:
    """The constant-offset stretches of a zone across the axis (plus a day either side).

    Offsets are sampled hourly and each change is located to the minute by bisection;
    real zones never change offset twice within an hour.
    """
    zone = ZoneInfo(zone_name)
    low, high = -1440 * 2, axis.horizon + 1440 * 2
    cuts: list[int] = []
    previous = _offset(zone, axis, low)
    for probe in range(low + 60, high + 60, 60):
        current = _offset(zone, axis, probe)
        if current != previous:
            left, right = probe - 60, probe  # offset(left) == previous, offset(right) != previous
            while right - left > 1:
                middle = (left + right) // 2
                if _offset(zone, axis, middle) == previous:
                    left = middle
                else:
                    right = middle
            cuts.append(right)
            previous = current
    bounds = [low, *cuts, high + 60]
    return tuple(
        Segment(start, end, _offset(zone, axis, start)) for start, end in itertools.pairwise(bounds)
    )


@cache
def ambiguous(zone_name: str, axis: Axis) -> tuple[Interval, ...]:
    """Instants whose local wall time occurs twice (after a backward change), as intervals."""
    spans: list[Interval] = []
    parts = segments(zone_name, axis)
    for before, after in itertools.pairwise(parts):
        shift = before.offset - after.offset
        if shift > 0:  # clocks go back: local times in the shift happen twice
            spans.append((after.start - shift, after.start + shift - 1))
    return tuple(spans)


def local_window(zone_name: str, axis: Axis, day: dt.date, start: int, end: int) -> list[Interval]:
    """UTC intervals of the instants whose local wall time on ``day`` lies in [start, end].

    ``start``/``end`` are minutes since local midnight (``end`` may be 1440). Pieces that
    touch (a DST change inside the window) are merged: UTC time itself is continuous.
    """
    base = axis.local_day_minutes(day)
    pieces: list[Interval] = []
    for part in segments(zone_name, axis):
        low = max(part.start, base + start - part.offset)
        high = min(part.end - 1, base + end - part.offset)
        if low <= high:
            pieces.append((low, high))
    if not pieces:
        return []
    # A piece's last minute and the next piece's first are adjacent instants: merge them.
    merged = [pieces[0]]
    for low, high in pieces[1:]:
        if low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def offset_at(zone_name: str, axis: Axis, minutes: int) -> int:
    """The zone's UTC offset (minutes) at an axis instant."""
    for part in segments(zone_name, axis):
        if part.start <= minutes < part.end:
            return part.offset
    raise ValueError(f"{minutes} is off the axis")


def local_midnight_base(zone_name: str, axis: Axis, day: dt.date, at_minute: int) -> int:
    """Axis minutes ``b`` such that ``t - b`` is the local wall minute of ``t`` on ``day``.

    Uses the offset in force at local ``at_minute`` of that day (the working window), so it is
    exact for every start in the window unless a DST change falls inside the window itself.
    """
    base = axis.local_day_minutes(day)
    guess = base + at_minute
    offset = offset_at(zone_name, axis, guess - offset_at(zone_name, axis, guess))
    return base - offset


def subtract(intervals: list[Interval], holes: list[Interval] | tuple[Interval, ...]) -> list[Interval]:
    """``intervals`` minus ``holes`` (all closed integer intervals)."""
    result = list(intervals)
    for hole_low, hole_high in holes:
        kept: list[Interval] = []
        for low, high in result:
            if hole_high < low or hole_low > high:
                kept.append((low, high))
                continue
            if low < hole_low:
                kept.append((low, hole_low - 1))
            if hole_high < high:
                kept.append((hole_high + 1, high))
        result = kept
    return result


def intersect(first: list[Interval], second: list[Interval]) -> list[Interval]:
    """Pairwise intersection of two sorted interval lists."""
    out: list[Interval] = []
    i = j = 0
    while i < len(first) and j < len(second):
        low = max(first[i][0], second[j][0])
        high = min(first[i][1], second[j][1])
        if low <= high:
            out.append((low, high))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return out


# ---------------------------------------------------------------- calendars


@cache
def territory_weekend(territory: str) -> frozenset[int]:
    """Weekday numbers (Monday 0) of the CLDR weekend of a territory (IL -> Fri, Sat)."""
    try:
        locale = Locale.parse(f"und_{territory}")
        first, last = int(locale.weekend_start), int(locale.weekend_end)
    except (ValueError, LookupError, TypeError):
        first, last = 5, 6  # CLDR's world default (001): Saturday and Sunday
    days = {first}
    while first != last:  # the range may wrap past Sunday
        first = (first + 1) % 7
        days.add(first)
    return frozenset(days)


def weekend_of(explicit: list[str] | None, territory: str) -> frozenset[int]:
    """An explicit weekend (``[fri, sat]``) or the territory's CLDR weekend."""
    if explicit is not None:
        return frozenset(WEEKDAYS.index(name) for name in explicit)
    return territory_weekend(territory)


def cohort_territory(locale: str, country: Country) -> str:
    """Whose CLDR weekend a cohort keeps: its locale's territory, else its country."""
    territory = Locale.parse(locale).territory
    return str(territory) if territory else country.code


@cache
def _holidays(code: str, subdivision: str | None, year: int) -> dict[dt.date, str]:
    from glocal.model.holiday_data import country_holidays

    table = country_holidays(code, subdivision, year)
    return {day: str(name) for day, name in table.items()}


def holiday(country: Country, day: dt.date) -> str | None:
    """The public holiday on ``day`` in the country (and subdivision), or None."""
    return _holidays(country.code, country.subdivision, day.year).get(day)
