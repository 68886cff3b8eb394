"""Value syntax shared by every workspace file (FORMATS.md, "Common value syntax").

Each value type is an ``Annotated`` type whose validator turns the text users write into a
small typed value and raises a ``PydanticCustomError`` whose message says what would be
right; the loader puts ``path:line:column`` in front of it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer
from pydantic_core import PydanticCustomError

from glocal.values.limits import MAX_YEAR, MIN_YEAR

ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAYS = {day[:3]: day for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}
_DURATION = re.compile(r"^(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?$")
_ISO_DURATION = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?)?$"
)
MAX_DURATION_DAYS = 3660
_CLOCK = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})$")


def fail(message: str, **context: Any) -> PydanticCustomError:
    """A validation error whose text is exactly ``message`` (no "Value error," prefix)."""
    return PydanticCustomError("glocal", message.replace("{", "{{").replace("}", "}}"), context)


def suggest(word: str, choices: list[str] | tuple[str, ...], *, n: int = 2) -> str:
    """``"; did you mean 'a' or 'b'?"`` for the closest choices, or ``""``."""
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    if not close:
        close = [c for c in choices if c.lower() == word.lower()][:n]
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


def what_was_given(value: Any) -> str:
    """``a list``, ``a mapping``, ``true``: how to name a value of the wrong kind."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (an empty value)"
    names = {list: "a list", dict: "a mapping", int: "a number", float: "a number"}
    return names.get(type(value), f"a {type(value).__name__}")


def _text(value: Any, kind: str, example: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        article = "an" if kind[0] in "aeiou" else "a"
        raise fail(f"expected {article} {kind} such as '{example}', got {what_was_given(value)}")
    return str(value).strip()


# ---------------------------------------------------------------- ids


def parse_id(value: Any) -> str:
    """An id: lower-case letters, digits and ``-``, starting with a letter, at most 64."""
    text = _text(value, "id", "tokyo-1")
    if not ID_PATTERN.match(text):
        raise fail(
            f"invalid id '{text}'; use lower-case letters, digits and '-', starting with a "
            "letter, at most 64 characters (e.g. 'tokyo-1')"
        )
    return text


Id = Annotated[str, BeforeValidator(parse_id)]


# ---------------------------------------------------------------- durations


def parse_duration(value: Any) -> int:
    """Minutes from ``90m``, ``1h30m``, ``2d``, ``PT1H30M``."""
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds() // 60)
    raw = _text(value, "duration", "90m")
    text = raw.replace(" ", "").lower()
    match = _DURATION.match(text) if text and not text.isdigit() else None
    if match is None and text.upper().startswith("P"):
        match = _ISO_DURATION.match(text.upper())
    if match is None or not any(match.groupdict().values()):
        raise fail(f"invalid duration '{raw}'; write minutes, hours or days like 90m, 1h30m, 2d or PT1H30M")
    parts = {k: int(v or 0) for k, v in match.groupdict().items()}
    minutes = parts.get("w", 0) * 7 * 1440 + parts["d"] * 1440 + parts["h"] * 60 + parts["m"]
    if minutes > MAX_DURATION_DAYS * 1440:
        # Far beyond any plan; refusing it keeps date arithmetic downstream from overflowing.
        raise fail(f"duration '{raw}' is longer than {MAX_DURATION_DAYS} days; use a shorter one")
    return minutes


def format_duration(minutes: int) -> str:
    """The canonical spelling of a duration (``1h30m``, ``2d``, ``45m``)."""
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    out = (f"{days}d" if days else "") + (f"{hours}h" if hours else "") + (f"{mins}m" if mins else "")
    return out or "0m"


Minutes = Annotated[int, BeforeValidator(parse_duration), PlainSerializer(format_duration)]


def parse_percent(value: Any) -> float:
    """A share from ``25%`` or ``0.25``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        share = float(value)
    else:
        text = _text(value, "percentage", "25%")
        try:
            share = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            raise fail(f"invalid percentage '{text}'; write it like 25%") from None
    if not 0 <= share <= 10:
        raise fail(f"percentage {share:.0%} is out of range; use 0% to 1000%")
    return share


Percent = Annotated[float, BeforeValidator(parse_percent), PlainSerializer(lambda s: f"{s:.0%}")]


# ---------------------------------------------------------------- clock times


def _clock(text: str, whole: str) -> int:
    match = _CLOCK.match(text.strip())
    if match is None:
        raise fail(f"invalid time range '{whole}'; write HH:MM-HH:MM, e.g. 09:00-17:00")
    hour, minute = int(match["h"]), int(match["m"])
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        raise fail(f"invalid time '{text.strip()}' in '{whole}'; hours run 00-24, minutes 00-59")
    return hour * 60 + minute


@dataclass(frozen=True)
class TimeRange:
    """Local wall-clock hours ``start``..``end`` in minutes since local midnight (end <= 1440)."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"

    @property
    def minutes(self) -> int:
        """Length of the range in minutes."""
        return self.end - self.start


def parse_time_range(value: Any) -> TimeRange:
    """``09:00-17:00`` -> TimeRange(540, 1020); the end must come after the start."""
    if isinstance(value, TimeRange):
        return value
    text = _text(value, "time range", "09:00-17:00")
    if text.count("-") != 1:
        raise fail(f"invalid time range '{text}'; write HH:MM-HH:MM, e.g. 09:00-17:00")
    left, right = text.split("-")
    start, end = _clock(left, text), _clock(right, text)
    left, right = left.strip(), right.strip()
    if end == start:
        raise fail(f"time range '{text}' is empty; the end must come after the start (e.g. 09:00-17:00)")
    if end < start:
        # Ranges never cross midnight: offer the swapped range and the part before midnight.
        raise fail(
            f"time range '{text}' ends before it starts; a range lies within one day, so write "
            f"the earlier time first (e.g. '{right}-{left}'), or end at midnight with '{left}-24:00'"
        )
    return TimeRange(start, end)


TimeRangeValue = Annotated[TimeRange, BeforeValidator(parse_time_range), PlainSerializer(str)]


# ---------------------------------------------------------------- dates


def parse_date(value: Any) -> dt.date:
    """An ISO date ``YYYY-MM-DD`` (YAML may already have made it a date)."""
    if isinstance(value, dt.datetime):
        raise fail(f"expected a date like 2027-03-01, got a date and time '{value}'")
    if isinstance(value, dt.date):
        return in_years(value)
    text = _text(value, "date", "2027-03-01")
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"invalid date '{text}'; write YYYY-MM-DD, e.g. 2027-03-01") from None
    return in_years(day)


def in_years(day: dt.date) -> dt.date:
    """``day`` if its year is one glocal plans in; dates near year 9999 overflow when shifted."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise fail(f"date {day.isoformat()} is outside the years glocal plans in; use a date from {MIN_YEAR} to {MAX_YEAR}")
    return day


DateValue = Annotated[dt.date, BeforeValidator(parse_date), PlainSerializer(dt.date.isoformat)]


@dataclass(frozen=True)
class DateRange:
    """Dates ``start``..``end``, both included."""

    start: dt.date
    end: dt.date

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def days(self) -> list[dt.date]:
        """Every date in the range, in order."""
        count = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=i) for i in range(count)]


def parse_date_range(value: Any) -> DateRange:
    """``2027-02-15..2027-02-19`` or one date; the end may not precede the start."""
    if isinstance(value, DateRange):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return DateRange(value, value)
    text = _text(value, "date range", "2027-02-15..2027-02-19")
    if ".." not in text:
        day = parse_date(text)
        return DateRange(day, day)
    left, _, right = text.partition("..")
    start, end = parse_date(left.strip()), parse_date(right.strip())
    if end < start:
        raise fail(
            f"date range '{text}' ends before it starts; write the earlier date first "
            f"({end.isoformat()}..{start.isoformat()})"
        )
    return DateRange(start, end)


DateRangeValue = Annotated[DateRange, BeforeValidator(parse_date_range), PlainSerializer(str)]


def parse_weekday(value: Any) -> str:
    """A weekday as its three-letter English abbreviation (``mon`` .. ``sun``)."""
    if not isinstance(value, str):
        raise fail(f"expected a weekday such as 'sat', got {what_was_given(value)}")
    text = value.strip().lower().rstrip(".")
    # Any start of the English name of at least two letters: iCalendar's SA, sat, Thurs, Sunday.
    for day in WEEKDAYS:
        if len(text) >= 2 and _FULL_WEEKDAYS[day].startswith(text):
            return day
    hint = suggest(text, WEEKDAYS) or f"; use one of {', '.join(WEEKDAYS)}"
    raise fail(f"invalid weekday '{value}'{hint}")


Weekday = Annotated[str, BeforeValidator(parse_weekday)]


# ---------------------------------------------------------------- places and languages


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def _zone_canonical() -> dict[str, str]:
    """Old IANA link names -> their current names, from babel's CLDR alias table."""
    from babel.core import get_global

    aliases: dict[str, str] = dict(get_global("zone_aliases"))
    return aliases


def parse_time_zone(value: Any) -> str:
    """An IANA time zone name known to the tz database (``Asia/Kathmandu``)."""
    text = _text(value, "time zone", "Europe/Oslo")
    zones = _time_zones()
    if text in zones and "/" in text or text == "UTC":
        return text
    close = difflib.get_close_matches(text, sorted(zones), n=2, cutoff=0.75)
    # A close match that is an old link name also suggests the zone's current name.
    names: list[str] = []
    for name in close:
        names.append(name)
        for old, new in _zone_canonical().items():
            if new == name and old in zones and old not in names and len(names) < 3:
                names.append(old)
        current = _zone_canonical().get(name)
        if current and current in zones and current not in names:
            names.append(current)
    hint = ("; did you mean " + " or ".join(f"'{n}'" for n in names[:3]) + "?") if names else (
        "; use an IANA name such as 'Europe/Oslo' or 'Asia/Kolkata'"
    )
    raise fail(f"unknown time zone '{text}'{hint}")


TimeZone = Annotated[str, BeforeValidator(parse_time_zone)]


@dataclass(frozen=True)
class Country:
    """An ISO 3166-1 alpha-2 country with an optional subdivision known to ``holidays``."""

    code: str
    subdivision: str | None = None

    def __str__(self) -> str:
        return f"{self.code}-{self.subdivision}" if self.subdivision else self.code


@cache
def _holiday_countries() -> dict[str, list[str]]:
    import holidays

    return {k: list(v) for k, v in holidays.list_supported_countries().items()}


def parse_country(value: Any) -> Country:
    """``NO``, ``US-CA``, ``AU-SA``: checked against the ``holidays`` package."""
    if isinstance(value, Country):
        return value
    text = _text(value, "country", "US-CA")
    code, _, sub = text.partition("-")
    code = code.upper()
    countries = _holiday_countries()
    if code not in countries:
        raise fail(f"unknown country '{code}'{suggest(code, sorted(countries))}; use an ISO 3166-1 code such as 'NO' or 'US-CA'")
    if not sub:
        return Country(code)
    subdivisions = countries[code]
    match = next((s for s in subdivisions if s.upper() == sub.upper()), None)
    if match is None:
        listed = ", ".join(subdivisions[:12]) + (", ..." if len(subdivisions) > 12 else "")
        hint = suggest(sub.upper(), subdivisions) or (f"; known: {listed}" if listed else f"; {code} has no subdivisions")
        raise fail(f"unknown subdivision '{sub}' of {code}{hint}")
    return Country(code, match)


CountryValue = Annotated[Country, BeforeValidator(parse_country), PlainSerializer(str)]


def parse_locale(value: Any) -> str:
    """A CLDR locale in POSIX form (``pt_BR``, ``zh_Hant_TW``) from BCP 47 or POSIX, any case."""
    from babel import Locale, UnknownLocaleError

    text = _text(value, "locale", "pt-BR")
    try:
        return str(Locale.parse(text.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise fail(f"unknown locale '{text}'; use a BCP 47 or POSIX locale such as 'pt-BR' or 'nb'") from None


LocaleId = Annotated[str, BeforeValidator(parse_locale)]


def parse_language(value: Any) -> str:
    """The language part of a locale (``ja``, ``pt``); a full locale is accepted and cut."""
    from babel import Locale

    text = _text(value, "language", "en")
    return Locale.parse(parse_locale(text)).language


Language = Annotated[str, BeforeValidator(parse_language)]
