"""The common value syntax: what each parser accepts and what it says about what it rejects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from pydantic_core import PydanticCustomError

from glocal.values import (
    Country,
    DateRange,
    TimeRange,
    format_duration,
    parse_country,
    parse_date,
    parse_date_range,
    parse_duration,
    parse_id,
    parse_language,
    parse_locale,
    parse_percent,
    parse_time_range,
    parse_time_zone,
    parse_weekday,
)


def message(parse: Callable[[Any], Any], value: Any) -> str:
    with pytest.raises(PydanticCustomError) as caught:
        parse(value)
    return caught.value.message()


@pytest.mark.parametrize(("text", "minutes"), [
    ("90m", 90), ("1h30m", 90), ("2d", 2880), ("2h", 120), ("PT1H30M", 90), ("pt15m", 15),
    ("P1W", 7 * 1440), ("P2DT3H", 2 * 1440 + 180), ("1h 30m", 90), ("1H30M", 90), ("0m", 0),
    (dt.timedelta(hours=2), 120),
])
def test_durations(text: Any, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["90", 90, "1.5h", "m", "", "P", "PT", "P1Y", "1m30h", "-5m", True])
def test_bad_durations(text: Any) -> None:
    assert message(parse_duration, text).startswith(("invalid duration", "expected a duration"))


def test_duration_messages_and_limits() -> None:
    assert message(parse_duration, "90") == (
        "invalid duration '90'; write minutes, hours or days like 90m, 1h30m, 2d or PT1H30M"
    )
    assert message(parse_duration, "99999d") == "duration '99999d' is longer than 3660 days; use a shorter one"
    assert [format_duration(m) for m in (0, 45, 90, 120, 2880, 1441)] == ["0m", "45m", "1h30m", "2h", "2d", "1d1m"]


def test_time_ranges() -> None:
    assert parse_time_range("09:00-17:00") == TimeRange(540, 1020)
    assert parse_time_range("9:30 - 18:00") == TimeRange(570, 1080)
    assert parse_time_range("18:00-24:00") == TimeRange(1080, 1440)
    assert str(TimeRange(570, 1080)) == "09:30-18:00"


def test_time_range_messages() -> None:
    assert message(parse_time_range, "19:30-03:00") == (
        "time range '19:30-03:00' ends before it starts; a range lies within one day, so write "
        "the earlier time first (e.g. '03:00-19:30'), or end at midnight with '19:30-24:00'"
    )
    assert message(parse_time_range, "09:00-09:00") == (
        "time range '09:00-09:00' is empty; the end must come after the start (e.g. 09:00-17:00)"
    )
    assert message(parse_time_range, "09:00") == "invalid time range '09:00'; write HH:MM-HH:MM, e.g. 09:00-17:00"
    assert message(parse_time_range, "09:00-24:30") == (
        "invalid time '24:30' in '09:00-24:30'; hours run 00-24, minutes 00-59"
    )


def test_dates_and_ranges() -> None:
    assert parse_date("2027-03-01") == dt.date(2027, 3, 1)
    assert parse_date(dt.date(2027, 3, 1)) == dt.date(2027, 3, 1)
    assert message(parse_date, "2027-02-30") == "invalid date '2027-02-30'; write YYYY-MM-DD, e.g. 2027-03-01"
    assert message(parse_date, "1.3.2027") == "invalid date '1.3.2027'; write YYYY-MM-DD, e.g. 2027-03-01"
    assert message(parse_date, dt.datetime(2027, 3, 1, 9)).startswith("expected a date like 2027-03-01")
    window = parse_date_range("2027-02-15..2027-02-19")
    assert window == DateRange(dt.date(2027, 2, 15), dt.date(2027, 2, 19))
    assert len(window.days()) == 5 and dt.date(2027, 2, 19) in window
    assert parse_date_range("2027-03-03") == DateRange(dt.date(2027, 3, 3), dt.date(2027, 3, 3))
    assert message(parse_date_range, "2027-04-30..2027-02-01") == (
        "date range '2027-04-30..2027-02-01' ends before it starts; write the earlier date first "
        "(2027-02-01..2027-04-30)"
    )


@pytest.mark.parametrize(("text", "day"), [
    ("sat", "sat"), ("Saturday", "sat"), ("SA", "sat"), ("sun.", "sun"), ("Mon", "mon"), ("thursday", "thu"),
    ("Thurs", "thu"), ("tues", "tue"), ("TH", "thu"), ("Fri", "fri"),
])
def test_weekdays(text: str, day: str) -> None:
    assert parse_weekday(text) == day


def test_weekday_messages() -> None:
    assert message(parse_weekday, "satan") == "invalid weekday 'satan'; did you mean 'sat'?"
    assert message(parse_weekday, "t") == "invalid weekday 't'; use one of mon, tue, wed, thu, fri, sat, sun"
    assert message(parse_weekday, "holiday") == "invalid weekday 'holiday'; use one of mon, tue, wed, thu, fri, sat, sun"
    assert message(parse_weekday, 6) == "expected a weekday such as 'sat', got a number"
    assert message(parse_id, ["a"]) == "expected an id such as 'tokyo-1', got a list"
    assert message(parse_time_zone, {"a": 1}) == "expected a time zone such as 'Europe/Oslo', got a mapping"


def test_ids() -> None:
    assert parse_id("tokyo-1") == "tokyo-1"
    for bad in ("Tokyo", "1tokyo", "tokyo_1", "../etc", "a" * 65, "", "tokyo 1"):
        assert message(parse_id, bad).startswith(f"invalid id '{bad.strip()}'")


def test_time_zones_against_tzdata() -> None:
    assert parse_time_zone("Asia/Kathmandu") == "Asia/Kathmandu"
    assert parse_time_zone("UTC") == "UTC"
    assert message(parse_time_zone, "Asia/Calcuta") == (
        "unknown time zone 'Asia/Calcuta'; did you mean 'Asia/Calcutta' or 'Asia/Kolkata'?"
    )
    assert message(parse_time_zone, "Mars/Olympus").startswith("unknown time zone 'Mars/Olympus'")


def test_countries_against_holidays() -> None:
    assert parse_country("NO") == Country("NO")
    assert parse_country("us-ca") == Country("US", "CA")
    assert parse_country("DE-HE") == Country("DE", "HE")
    assert message(parse_country, "XX").startswith("unknown country 'XX'")
    assert message(parse_country, "US-QQ").startswith("unknown subdivision 'QQ' of US")


def test_locales_and_languages() -> None:
    assert parse_locale("pt-BR") == "pt_BR"
    assert parse_locale("zh-Hant-TW") == "zh_Hant_TW"
    assert parse_locale("NB") == "nb"
    assert parse_language("pt-BR") == "pt"
    assert message(parse_locale, "xx-YY") == "unknown locale 'xx-YY'; use a BCP 47 or POSIX locale such as 'pt-BR' or 'nb'"


def test_percentages() -> None:
    assert parse_percent("25%") == 0.25
    assert parse_percent(0.1) == 0.1
    assert message(parse_percent, "a lot") == "invalid percentage 'a lot'; write it like 25%"
