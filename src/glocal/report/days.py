"""Which days are weekends and public holidays, for shading the report's timelines.

Computed from the ``holidays`` package and CLDR week data (babel), independently of the
solver: the report shows the calendar as it is, so a reader can see why sessions avoid a day.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from glocal.values import WEEKDAYS, Country


def weekend_days(explicit: list[str] | None, country: Country) -> frozenset[int]:
    """Weekday numbers (0 = Monday) of the weekend: the explicit list, else CLDR's for the country."""
    if explicit is not None:
        return frozenset(WEEKDAYS.index(day) for day in explicit)
    return _cldr_weekend(country.code)


@cache
def _cldr_weekend(territory: str) -> frozenset[int]:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(f"und_{territory}")
        start, end = int(locale.weekend_start), int(locale.weekend_end)
    except (UnknownLocaleError, ValueError, KeyError):
        start, end = 5, 6  # CLDR's world default: Saturday and Sunday
    days = [start]
    while days[-1] != end:
        days.append((days[-1] + 1) % 7)
    return frozenset(days)


def public_holidays(country: Country, first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """Public holidays of a country (and subdivision) between two dates, with English names when known."""
    years = tuple(range(first.year, last.year + 1))
    found = _holidays(country.code, country.subdivision, years)
    return {day: name for day, name in found if first <= day <= last}


@cache
def _holidays(code: str, subdivision: str | None, years: tuple[int, ...]) -> tuple[tuple[dt.date, str], ...]:
    from glocal.model.holiday_data import country_holidays

    probe = country_holidays(code, subdivision, years[0])
    language = "en_US" if "en_US" in getattr(probe, "supported_languages", ()) else None
    table = country_holidays(code, subdivision, years, language)
    return tuple(sorted((day, str(name)) for day, name in table.items()))
