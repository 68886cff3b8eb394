"""Calendar facts shared by the validator and the pre-solve diagnostics.

Weekends (explicit or the CLDR weekend of a territory), public holidays (``holidays``),
localized durations and who may deliver what, computed straight from the workspace model.
This module deliberately shares no code with the CP-SAT model builder, so that a bug there
cannot hide itself by being repeated here.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from babel import Locale

from glocal.model import Cohort, Delivery, Facilitator, Module
from glocal.values import WEEKDAYS, Country, TimeRange
from glocal.workspace import ProgramBundle

MINUTE = dt.timedelta(minutes=1)


@cache
def zone(name: str) -> ZoneInfo:
    """The tz database zone of an IANA name."""
    return ZoneInfo(name)


@cache
def territory_weekend(territory: str) -> frozenset[int]:
    """Weekday numbers (Monday 0) of the CLDR weekend of a territory (``IL`` -> Fri, Sat)."""
    try:
        locale = Locale.parse(f"und_{territory}")
        first, last = locale.weekend_start, locale.weekend_end
    except (ValueError, LookupError, TypeError):
        first, last = 5, 6  # CLDR's world default (territory 001): Saturday and Sunday
    days = {first}
    while first != last:  # the range may wrap around Sunday (e.g. Sat..Sun, Thu..Fri)
        first = (first + 1) % 7
        days.add(first)
    return frozenset(days)


T = TypeVar("T")


def _explicit_weekend(names: list[str]) -> frozenset[int]:
    return frozenset(WEEKDAYS.index(name) for name in names)


def cohort_weekend(cohort: Cohort) -> frozenset[int]:
    """The cohort's weekend: explicit, else CLDR for its locale's territory, else its country."""
    if cohort.weekend is not None:
        return _explicit_weekend(cohort.weekend)
    return territory_weekend(_territory(cohort.locale) or cohort.country.code)


@cache
def _territory(locale: str) -> str | None:
    territory: str | None = Locale.parse(locale).territory
    return territory


def facilitator_weekend(facilitator: Facilitator) -> frozenset[int]:
    """The facilitator's weekend: explicit, else the CLDR weekend of their country."""
    if facilitator.weekend is not None:
        return _explicit_weekend(facilitator.weekend)
    return territory_weekend(facilitator.country.code)


@cache
def _holidays_of(code: str, subdivision: str | None, year: int) -> dict[dt.date, str]:
    from glocal.model.holiday_data import country_holidays

    table = country_holidays(code, subdivision, year)
    return {day: str(name) for day, name in table.items()}


def holiday_name(country: Country, day: dt.date) -> str | None:
    """The name of the public holiday on ``day`` in ``country`` (and subdivision), or None."""
    return _holidays_of(country.code, country.subdivision, day.year).get(day)


def day_off(weekend: frozenset[int], country: Country, day: dt.date) -> str | None:
    """Why ``day`` is not a working day (``"a weekend day"``, ``"a public holiday ..."``) or None."""
    if day.weekday() in weekend:
        return f"a weekend day ({WEEKDAYS[day.weekday()]})"
    name = holiday_name(country, day)
    if name is not None:
        return f"a public holiday in {country} ({name})"
    return None


@cache
def language_of(locale: str) -> str:
    """The delivery language of a cohort locale (``ja_JP`` -> ``ja``)."""
    return Locale.parse(locale).language


def cohort_hours(bundle: ProgramBundle, cohort: Cohort) -> TimeRange:
    """The cohort's working hours: its own, else the rollout default."""
    return cohort.working_hours or bundle.rollout.defaults.working_hours


def module_durations(bundle: ProgramBundle) -> dict[tuple[str, str], int]:
    """Minutes of each (cohort id, module id) session: the localized duration of the module.

    The one place that decides where durations come from: the locale resolution of
    ``glocal.localization`` when that package is installed, else the core duration.
    """
    resolve = _resolver()
    durations: dict[tuple[str, str], int] = {}
    for cohort in bundle.rollout.cohorts:
        localized = resolve(bundle, cohort.locale) if resolve is not None else None
        for module in bundle.program.modules:
            minutes = (
                localized.module(module.id).duration if localized is not None else module.duration
            )
            durations[(cohort.id, module.id)] = int(minutes)
    return durations


def _resolver() -> Callable[[ProgramBundle, str], Any] | None:
    # Looked up at call time: glocal.localization is built in parallel and may be missing.
    try:
        localization = importlib.import_module("glocal.localization")
    except ImportError:
        return None
    resolve: Callable[[ProgramBundle, str], Any] = localization.resolve
    return resolve


def skills_text(skills: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(skills) <= 1:
        return "".join(skills)
    return ", ".join(skills[:-1]) + " and " + skills[-1]


def missing_skills(module: Module, facilitator: Facilitator) -> list[str]:
    """The module's skills the facilitator does not hold, in the module's order."""
    return [skill for skill in module.skills if skill not in facilitator.skills]


def needs_presence(module: Module) -> bool:
    """In-person and hybrid sessions need the facilitator in the room."""
    return module.delivery in (Delivery.IN_PERSON, Delivery.HYBRID)


def can_be_present(cohort: Cohort, facilitator: Facilitator) -> bool:
    """A facilitator can be in the cohort's room: same country, or they travel."""
    return facilitator.travels or facilitator.country.code == cohort.country.code


def is_eligible(cohort: Cohort, module: Module, facilitator: Facilitator) -> bool:
    """Language, skills and presence allow this facilitator to deliver this session."""
    return (
        language_of(cohort.locale) in facilitator.languages
        and not missing_skills(module, facilitator)
        and (not needs_presence(module) or can_be_present(cohort, facilitator))
    )


def wall_minutes(local: dt.datetime, day: dt.date) -> float:
    """Wall-clock minutes of ``local`` since midnight of ``day`` (1440 = the next midnight)."""
    return (local.replace(tzinfo=None) - dt.datetime.combine(day, dt.time())) / MINUTE


def is_ambiguous(local: dt.datetime) -> bool:
    """True when this wall-clock time happens twice in its zone (a DST fall-back hour).

    A local time derived from a UTC instant always exists; it can still be ambiguous.
    """
    naive = local.replace(tzinfo=None)
    tz = local.tzinfo
    return (
        naive.replace(tzinfo=tz, fold=0).utcoffset() != naive.replace(tzinfo=tz, fold=1).utcoffset()
    )


def local_text(local: dt.datetime, zone_name: str) -> str:
    """``Thu 2027-02-11 10:00 Asia/Tokyo``."""
    return f"{WEEKDAYS[local.weekday()].capitalize()} {local:%Y-%m-%d %H:%M} {zone_name}"


def local_days_and_weeks(
    timezone: str, items: Sequence[T], start: Callable[[T], dt.datetime]
) -> tuple[dict[dt.date, list[T]], dict[tuple[int, int], list[T]]]:
    """``items`` grouped by the local date and ISO week of their start in ``timezone`` (the
    calendar daily and weekly limits are counted in)."""
    days: dict[dt.date, list[T]] = {}
    weeks: dict[tuple[int, int], list[T]] = {}
    for item in items:
        day = start(item).astimezone(zone(timezone)).date()
        days.setdefault(day, []).append(item)
        iso = day.isocalendar()
        weeks.setdefault((iso.year, iso.week), []).append(item)
    return days, weeks
