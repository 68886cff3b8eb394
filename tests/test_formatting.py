"""babel-based formatting: compound durations, dates and times, zone names, direction."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from babel.dates import get_timezone_name

from glocal.localization.formatting import (
    format_date,
    format_datetime,
    format_duration,
    format_time_range,
    is_rtl,
    zone_name,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("minutes", "locale", "text"),
    [
        (90, "de", "1 Stunde, 30 Minuten"),
        (90, "de_DE", "1 Stunde, 30 Minuten"),
        (90, "en", "1 hour, 30 minutes"),
        (120, "en", "2 hours"),
        (45, "en", "45 minutes"),
        (90, "ja", "90分"),
        (105, "ja_JP", "105分"),
        (120, "ja", "2時間"),
        (210, "ja", "3時間30分"),
        (90, "zh", "90分钟"),
        (90, "nb", "1 time og 30 minutter"),
        (90, "pt_BR", "1 hora e 30 minutos"),
        (90, "es", "1 hora y 30 minutos"),
        (90, "hi", "1 घंटा और 30 मिनट"),
        (120, "ar", "ساعتان"),
        (1500, "en", "1 day, 1 hour"),
    ],
)
def test_format_duration_is_compound_and_localized(minutes: int, locale: str, text: str) -> None:
    assert format_duration(minutes, locale) == text


def test_format_duration_short_width() -> None:
    assert format_duration(90, "de", "short") == "1 Std., 30 Min."
    # babel's format_unit would say "1 horas": the short width has only the "other" form.
    assert format_duration(90, "es", "short") == "1 h, 30 min"
    assert format_duration(61, "pt", "short") == "1 h e 1 min"
    with pytest.raises(ValueError):
        format_duration(90, "de", "tiny")


# Zones whose CLDR metazone babel 2.18 misses because CLDR files them under an old id.
AFFECTED = {
    "Asia/Kolkata": ("India Standard Time", "GMT+05:30"),
    "Asia/Calcutta": ("India Standard Time", "GMT+05:30"),
    "Asia/Kathmandu": ("Nepal Time", "GMT+05:45"),
    "Europe/Kyiv": ("Eastern European Time", "GMT+02:00"),
    "Asia/Ho_Chi_Minh": ("Indochina Time", "GMT+07:00"),
    "America/Indiana/Indianapolis": ("Eastern Time", "GMT-05:00"),
    "Asia/Yangon": ("Myanmar Time", "GMT+06:30"),
}


@pytest.mark.parametrize("tz", sorted(AFFECTED))
def test_zone_name_avoids_babel_gmt_offset_fallback(tz: str) -> None:
    expected, offset = AFFECTED[tz]
    # The trap is real in this babel: a specific long name comes back as an offset ...
    winter = dt.datetime(2027, 1, 15, 12, tzinfo=ZoneInfo(tz))
    assert get_timezone_name(winter, "long", locale="en") == offset
    # ... and zone_name gives the metazone name instead.
    assert zone_name(tz, "en") == expected
    assert "GMT" not in zone_name(tz, "de")


def test_kolkata_in_several_languages() -> None:
    assert zone_name("Asia/Kolkata", "en_IN") == "India Standard Time"
    assert zone_name("Asia/Kolkata", "de") == "Indische Normalzeit"
    assert zone_name("Asia/Kolkata", "ja") == "インド標準時"
    assert zone_name("Asia/Kolkata", "hi") == "भारतीय मानक समय"


def test_zone_name_generic_for_zones_with_daylight_time() -> None:
    assert zone_name("Europe/Oslo", "en") == "Central European Time"
    assert zone_name("America/New_York", "en") == "Eastern Time"
    assert zone_name("Asia/Tokyo", "ja") == "日本時間"


def test_format_datetime_in_kolkata_names_the_zone() -> None:
    instant = dt.datetime(2027, 2, 9, 4, 30, tzinfo=UTC)
    text = format_datetime(instant, "Asia/Kolkata", "en_IN")
    assert text == "Tuesday, 9 February 2027, 10:00\u202fam India Standard Time"
    assert "GMT" not in format_datetime(instant, "Asia/Kolkata", "hi")


def test_format_datetime_uses_daylight_name_in_summer() -> None:
    summer = dt.datetime(2027, 7, 1, 8, 0, tzinfo=UTC)
    assert format_datetime(summer, "Europe/Berlin", "de") == (
        "Donnerstag, 1. Juli 2027, 10:00 Mitteleuropäische Sommerzeit"
    )
    assert format_datetime(summer, "Europe/Berlin", "de", "medium") == "01.07.2027, 10:00"


def test_format_datetime_refuses_naive_instants() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_datetime(dt.datetime(2027, 1, 1, 9), "Europe/Oslo", "nb")


def test_format_date() -> None:
    assert format_date(dt.date(2027, 2, 9), "de") == "Dienstag, 9. Februar 2027"
    assert format_date(dt.date(2027, 2, 9), "ja") == "2027年2月9日火曜日"


def test_format_time_range_same_day_and_across_midnight() -> None:
    start = dt.datetime(2027, 2, 9, 1, 0, tzinfo=UTC)
    end = dt.datetime(2027, 2, 9, 2, 45, tzinfo=UTC)
    assert format_time_range(start, end, "Asia/Tokyo", "ja") == "10時00分～11時45分"
    assert format_time_range(start, end, "Europe/Berlin", "de") == "02:00–03:45 Uhr"
    assert format_time_range(start, end, "America/New_York", "en_US") == "8:00\u2009–\u20099:45\u202fPM"


def test_format_time_range_across_local_midnight() -> None:
    start = dt.datetime(2027, 2, 9, 4, 30, tzinfo=UTC)
    end = dt.datetime(2027, 2, 9, 6, 15, tzinfo=UTC)
    assert format_time_range(start, end, "America/New_York", "en_US") == (
        "Feb 8, 11:30\u202fPM\u2009–\u2009Feb 9, 1:15\u202fAM"
    )


@pytest.mark.parametrize(("locale", "rtl"), [("ar", True), ("ar_AE", True), ("he", True), ("fa", True), ("en", False), ("ja_JP", False), ("hi", False)])
def test_is_rtl(locale: str, rtl: bool) -> None:
    assert is_rtl(locale) is rtl
