"""When cohorts and facilitators can meet, as UTC minute intervals (for the greedy baseline).

Written for the benchmark, independent of the solver's time model: each local working day
is turned into one UTC interval with zoneinfo; a day whose working hours contain a DST
change, or start or end at a local time that does not exist or happens twice, is left out
(the baseline only has to be valid, not complete).
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from babel import Locale, UnknownLocaleError

from glocal.model import Cohort, Facilitator
from glocal.values import WEEKDAYS, Country, TimeRange
from glocal.workspace import ProgramBundle

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def to_minute(instant: dt.datetime) -> int:
    """Whole minutes since EPOCH of an aware instant."""
    return int((instant - EPOCH).total_seconds() // 60)


def from_minute(minute: int) -> dt.datetime:
    """The UTC instant of a minute since EPOCH."""
    return EPOCH + dt.timedelta(minutes=minute)


@dataclass(frozen=True)
class Slot:
    """A stretch of working time on one local day: [start, end) in minutes since EPOCH."""

    start: int
    end: int
    day: dt.date  # the local date it belongs to
    anchor: int  # a UTC minute on the local granularity grid (cohort slots only)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _local_to_minute(day: dt.date, minutes: int, zone: ZoneInfo) -> int | None:
    """UTC minute of local wall-clock time ``minutes`` after midnight; None if it never or twice happens."""
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        return None
    back = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    return to_minute(first) if back == naive else None


@cache
def _holiday_dates(code: str, subdivision: str | None, year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays(code, subdiv=subdivision, years=year))


def is_holiday(country: Country, day: dt.date) -> bool:
    """A public holiday of the country (and subdivision) on that date."""
    return day in _holiday_dates(country.code, country.subdivision, day.year)


def _weekend_span(locale: Locale) -> frozenset[int]:
    first, last = locale.weekend_start, locale.weekend_end
    return frozenset((first + i) % 7 for i in range((last - first) % 7 + 1))


def cohort_weekend(cohort: Cohort) -> frozenset[int]:
    """Weekday numbers (Monday 0) off for the cohort: explicit, else CLDR of its locale."""
    if cohort.weekend is not None:
        return frozenset(WEEKDAYS.index(day) for day in cohort.weekend)
    locale = Locale.parse(cohort.locale)
    if locale.territory is None:
        locale = Locale.parse(f"{locale.language}_{cohort.country.code}")
    return _weekend_span(locale)


def facilitator_weekend(facilitator: Facilitator) -> frozenset[int]:
    """Weekday numbers off for a facilitator: explicit, else CLDR of their country's territory."""
    if facilitator.weekend is not None:
        return frozenset(WEEKDAYS.index(day) for day in facilitator.weekend)
    try:
        # "und_IL" resolves through CLDR's likely subtags to the territory's main locale.
        return _weekend_span(Locale.parse(f"und_{facilitator.country.code}"))
    except (UnknownLocaleError, ValueError, LookupError):
        return frozenset({5, 6})  # CLDR's world default


def _day_slot(day: dt.date, hours: TimeRange, zone: ZoneInfo) -> tuple[int, int] | None:
    start, end = _local_to_minute(day, hours.start, zone), _local_to_minute(day, hours.end, zone)
    if start is None or end is None or end - start != hours.minutes:
        return None  # a DST change inside the working hours: skip the day
    return start, end


def cohort_slots(bundle: ProgramBundle, cohort: Cohort) -> list[Slot]:
    """The cohort's working time on its working days inside the window and after start_after."""
    rollout = bundle.rollout
    hours = cohort.working_hours or rollout.defaults.working_hours
    zone, weekend, step = _zone(cohort.timezone), cohort_weekend(cohort), rollout.granularity
    first_grid = -(-hours.start // step) * step  # the first grid time at or after the start
    slots: list[Slot] = []
    for day in rollout.window.days():
        if cohort.start_after is not None and day < cohort.start_after:
            continue
        if day.weekday() in weekend or is_holiday(cohort.country, day):
            continue
        span = _day_slot(day, hours, zone)
        if span is not None:
            slots.append(Slot(span[0], span[1], day, span[0] + first_grid - hours.start))
    return slots


def facilitator_slots(bundle: ProgramBundle, facilitator: Facilitator) -> list[Slot]:
    """The facilitator's working time, minus weekends, holidays, leave and partial absences."""
    window = bundle.rollout.window
    zone, weekend = _zone(facilitator.timezone), facilitator_weekend(facilitator)
    hours = facilitator.working_hours
    slots: list[Slot] = []
    for offset in range(-1, (window.end - window.start).days + 2):
        day = window.start + dt.timedelta(days=offset)
        if day.weekday() in weekend or is_holiday(facilitator.country, day):
            continue
        span = _day_slot(day, hours, zone)
        if span is None:
            continue
        pieces = [span]
        for absence in facilitator.unavailable:
            if day not in absence.date:
                continue
            if absence.hours is None:
                pieces = []
                break
            away = _day_slot(day, absence.hours, zone)
            if away is None:
                pieces = []  # cannot place the absence precisely: drop the whole day
                break
            pieces = [part for a, b in pieces for part in ((a, min(b, away[0])), (max(a, away[1]), b)) if part[0] < part[1]]
        slots.extend(Slot(a, b, day, a) for a, b in pieces)
    return slots


def local_day(minute: int, zone_name: str) -> dt.date:
    """The local date at a UTC minute."""
    return from_minute(minute).astimezone(_zone(zone_name)).date()


def local_text(minute: int, zone_name: str) -> str:
    """ISO local date-time with offset at a UTC minute."""
    return from_minute(minute).astimezone(_zone(zone_name)).isoformat()


def durations(bundle: ProgramBundle) -> dict[tuple[str, str], int]:
    """Minutes of each (cohort, module) session: localized when glocal.localization exists."""
    resolve: Any = None
    try:
        resolve = importlib.import_module("glocal.localization").resolve
    except (ImportError, AttributeError):
        resolve = None
    found: dict[tuple[str, str], int] = {}
    for cohort in bundle.rollout.cohorts:
        localized = resolve(bundle, cohort.locale) if resolve is not None else None
        for module in bundle.program.modules:
            minutes = localized.module(module.id).duration if localized is not None else module.duration
            found[(cohort.id, module.id)] = int(minutes)
    return found
