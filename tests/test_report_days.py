"""Weekends and public holidays for the report's shading, from CLDR (babel) and ``holidays``."""

from __future__ import annotations

import datetime as dt

from glocal.report.days import public_holidays, weekend_days
from glocal.values import Country


def test_cldr_weekends_by_territory() -> None:
    assert weekend_days(None, Country("NO")) == {5, 6}  # Saturday, Sunday
    assert weekend_days(None, Country("IL")) == {4, 5}  # Friday, Saturday
    assert weekend_days(None, Country("IR")) == {4}  # Friday only
    assert weekend_days(None, Country("IN")) == {6}  # Sunday only in CLDR
    assert weekend_days(["fri", "sat"], Country("AE")) == {4, 5}  # an explicit list wins


def test_holidays_follow_the_subdivision() -> None:
    first, last = dt.date(2027, 1, 1), dt.date(2027, 1, 31)
    bavaria = public_holidays(Country("DE", "BY"), first, last)
    hesse = public_holidays(Country("DE", "HE"), first, last)
    assert bavaria[dt.date(2027, 1, 6)] == "Epiphany"  # in Bavaria, not in Hesse
    assert dt.date(2027, 1, 6) not in hesse
    assert hesse == {dt.date(2027, 1, 1): "New Year's Day"}


def test_holidays_across_a_year_boundary_and_in_english_when_available() -> None:
    found = public_holidays(Country("JP"), dt.date(2026, 12, 30), dt.date(2027, 1, 2))
    assert found == {dt.date(2027, 1, 1): "New Year's Day"}
    assert public_holidays(Country("NO"), dt.date(2027, 3, 25), dt.date(2027, 3, 29)) == {
        dt.date(2027, 3, 25): "Maundy Thursday",
        dt.date(2027, 3, 26): "Good Friday",
        dt.date(2027, 3, 28): "Easter Sunday",
        dt.date(2027, 3, 29): "Easter Monday",
    }
