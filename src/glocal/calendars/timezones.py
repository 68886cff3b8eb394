"""VTIMEZONE components computed from the IANA tz database (``zoneinfo``).

Every TZID a calendar uses gets a VTIMEZONE that lists each UTC-offset change of that zone
between 1 January of the first year with a date in the calendar and 1 January two years after
the last one, so every session date (and a year of slack for late reschedules) is covered.

Why not ``icalendar.Timezone.from_tzid``: icalendar 7.3 writes the onset of daylight saving
time as the wall-clock time *after* the jump (``DTSTART:20270314T030000`` for New York),
whereas RFC 5545 (3.6.5 and its examples) defines the onset in the offset in force *before*
it (``DTSTART:20270314T020000`` with ``TZOFFSETFROM:-0500``). Here each transition is found
in ``zoneinfo`` and written as RFC 5545 says; the output is cached per zone and year span.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from functools import cache

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_UTC = dt.UTC
_STEP = dt.timedelta(hours=12)


@dataclass(frozen=True)
class _Rule:
    """The offset, abbreviation and DST flag in force from ``since`` (a UTC instant)."""

    since: dt.datetime
    offset: dt.timedelta
    name: str
    dst: bool


def _state(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, str, bool]:
    local = instant.astimezone(zone)
    offset = local.utcoffset() or dt.timedelta(0)
    return offset, local.tzname() or "", bool(local.dst())


def _first_change(zone: zoneinfo.ZoneInfo, before: dt.datetime, after: dt.datetime) -> dt.datetime:
    """The first instant in (before, after] with the state of ``after``; bisects to the second."""
    target = _state(zone, after)
    low, high = before, after
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        if _state(zone, middle) == target:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def _rules(name: str, first: dt.date, last: dt.date) -> list[_Rule]:
    """The state at ``first`` (local midnight) and every change up to ``last``."""
    zone = zoneinfo.ZoneInfo(name)
    instant = dt.datetime(first.year, first.month, first.day, tzinfo=zone).astimezone(_UTC)
    end = dt.datetime(last.year, last.month, last.day, tzinfo=_UTC)
    offset, abbreviation, dst = _state(zone, instant)
    rules = [_Rule(instant, offset, abbreviation, dst)]
    # Zones change offset at most a few times a year and no state lasts less than 12 hours,
    # so a 12-hour scan finds every change; bisection then pins it to the second.
    current = (offset, abbreviation, dst)
    while instant < end:
        following = instant + _STEP
        state = _state(zone, following)
        if state != current:
            since = _first_change(zone, instant, following)
            offset, abbreviation, dst = _state(zone, since)
            rules.append(_Rule(since, offset, abbreviation, dst))
        current = state
        instant = following
    return rules


def _offset_text(offset: dt.timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


@cache
def _vtimezone_text(name: str, first_year: int, last_year: int) -> bytes:
    first = dt.date(first_year, 1, 1)
    last = dt.date(last_year + 2, 1, 1)
    component = Timezone()
    component.add("tzid", name)
    previous_offset: dt.timedelta | None = None
    for rule in _rules(name, first, last):
        before = rule.offset if previous_offset is None else previous_offset
        sub = TimezoneDaylight() if rule.dst else TimezoneStandard()
        # RFC 5545: the onset is local time in the offset in force before the change.
        onset = (rule.since + before).replace(tzinfo=None)
        sub.add("dtstart", onset)
        sub.add("tzoffsetfrom", before)
        sub.add("tzoffsetto", rule.offset)
        if rule.name:
            sub.add("tzname", rule.name)
        component.add_component(sub)
        previous_offset = rule.offset
    text: bytes = component.to_ical()
    return text


def vtimezone_bytes(name: str, dates: list[dt.date]) -> bytes:
    """The VTIMEZONE of IANA zone ``name`` covering every date in ``dates`` (not empty), as
    it is written in a file (CRLF line ends, folded)."""
    years = [day.year for day in dates]
    return _vtimezone_text(name, min(years), max(years))


def vtimezone(name: str, dates: list[dt.date]) -> Timezone:
    """The VTIMEZONE of IANA zone ``name`` covering every date in ``dates`` (not empty)."""
    component = Timezone.from_ical(vtimezone_bytes(name, dates))
    assert isinstance(component, Timezone)
    return component

