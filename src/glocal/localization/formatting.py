"""Locale-aware formatting for calendars, reports and agendas (babel), and the tool's strings.

Everything here is a pure function of its arguments: no wall clock, no process locale.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
import zoneinfo
from functools import cache
from typing import Literal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_interval, format_skeleton
from babel.numbers import format_decimal
from babel.units import format_unit

from glocal.localization.zones import specific_zone_name, zone_name
from glocal.model.locales import CATALOG_DIR, DOMAIN, locale_chain, normalize_locale

__all__ = [
    "CATALOG_DIR",
    "DOMAIN",
    "format_date",
    "format_datetime",
    "format_duration",
    "format_time_range",
    "is_rtl",
    "translator",
    "zone_name",
]

FALLBACK = "en"

# Languages whose agendas write session lengths in minutes ("90分", "120分钟") below
# this many minutes, and never put a space between a number and its unit.
_MINUTE_LANGUAGES = {"ja", "zh", "ko"}
_MINUTES_ONLY_BELOW = 180
Width = Literal["long", "short", "narrow"]
_WIDTH_FALLBACK: dict[str, tuple[Width, ...]] = {"long": ("long", "short"), "short": ("short",), "narrow": ("narrow", "short")}
_LIST_STYLES = {
    "long": ("unit", "unit-short", "standard"),
    "short": ("unit-short", "unit", "standard"),
    "narrow": ("unit-narrow", "unit-short", "unit", "standard"),
}


# ---------------------------------------------------------------- the tool's own strings


@cache
def translator(locale: str) -> gettext.NullTranslations:
    """The tool's own strings for ``locale``: its catalog, then its CLDR parents, then English.

    ``translator("nb_NO").gettext("Facilitator")`` -> ``"Kursholder"``; a locale without a
    catalog anywhere in its chain gets the English text.
    """
    try:
        chain = locale_chain(locale)
    except ValueError:
        chain = []
    first: gettext.NullTranslations | None = None
    for name in [*chain, FALLBACK]:
        path = CATALOG_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)
        if first is None:
            first = catalog
        else:
            first.add_fallback(catalog)
    return first if first is not None else gettext.NullTranslations()


@cache
def label_locale(locale: str) -> str:
    """The locale whose catalog writes the tool's own words for ``locale``: the first in its
    CLDR chain that has one (``es_CL`` -> ``es``), else English, as ``translator`` picks it."""
    try:
        chain = locale_chain(locale)
    except ValueError:
        chain = []
    for name in chain:
        if (CATALOG_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
            return name
    return FALLBACK


def is_rtl(locale: str) -> bool:
    """True for locales written right to left (Arabic, Hebrew, Persian, Urdu)."""
    return bool(Locale.parse(normalize_locale(locale)).character_order == "right-to-left")


# ---------------------------------------------------------------- durations


def _unit(value: int, unit: str, width: str, locale: Locale) -> str:
    """One unit ("30 Minuten") from CLDR's unit patterns.

    babel's ``format_unit`` borrows the long pattern when a width lacks the plural category
    ("1 horas" in Spanish short) and prints the unit id when a width is missing entirely
    (Japanese long); here a missing category falls back to ``other`` of the same width and a
    missing width to the short one, as CLDR's aliases say.
    """
    table = locale._data["unit_patterns"].get(unit, {})  # babel has no public accessor
    for candidate in _WIDTH_FALLBACK[width]:
        patterns = table.get(candidate)
        if not patterns:
            continue
        pattern = patterns.get(locale.plural_form(value)) or patterns.get("other")
        if pattern:
            return str(pattern).replace("{0}", str(format_decimal(value, locale=locale)))
    return str(format_unit(value, unit, length="short", locale=locale))


def _list_pattern(locale: Locale, width: str, key: str) -> str:
    """A list joining pattern ("{0}, {1}") for ``key`` in '2'/'start'/'middle'/'end'."""
    for style in _LIST_STYLES[width]:
        patterns = locale.list_patterns.get(style)
        if not patterns:
            continue
        for name in ((key, "end") if key == "2" else (key,)):
            if name in patterns:
                return str(patterns[name])
    return "{0}, {1}"


def _join(parts: list[str], locale: Locale, width: str) -> str:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return _list_pattern(locale, width, "2").format(*parts)
    text = _list_pattern(locale, width, "end").format(parts[-2], parts[-1])
    for part in reversed(parts[1:-2]):
        text = _list_pattern(locale, width, "middle").format(part, text)
    return _list_pattern(locale, width, "start").format(parts[0], text)


def format_duration(minutes: int, locale: str, width: str = "long") -> str:
    """A duration in words: ``1 Stunde, 30 Minuten`` (de), ``90分`` (ja), ``2 hours`` (en).

    Built from CLDR unit and list patterns, since babel's ``format_timedelta`` rounds to one
    unit. Japanese, Chinese and Korean write lengths under three hours in minutes, the way
    their agendas do.
    """
    if width not in _WIDTH_FALLBACK:
        raise ValueError(f"width must be long, short or narrow, not {width!r}")
    loc = Locale.parse(normalize_locale(locale))
    days, rest = divmod(max(minutes, 0), 1440)
    hours, mins = divmod(rest, 60)
    if loc.language in _MINUTE_LANGUAGES and 0 < minutes < _MINUTES_ONLY_BELOW and mins:
        days, hours, mins = 0, 0, minutes
    amounts = [(days, "duration-day"), (hours, "duration-hour"), (mins, "duration-minute")]
    parts = [_unit(value, unit, width, loc) for value, unit in amounts if value]
    if not parts:
        parts = [_unit(0, "duration-minute", width, loc)]
    text = _join(parts, loc, width)
    if loc.language in _MINUTE_LANGUAGES:
        text = re.sub(r"(?<=\d)\s+(?=\S)|(?<=\S)\s+(?=\d)", "", text)
    return text


# ---------------------------------------------------------------- dates and times


def _quote(text: str) -> str:
    """``text`` as a literal inside a CLDR date pattern."""
    return "'" + text.replace("'", "''") + "'"


def _local(instant: dt.datetime, tz: str) -> dt.datetime:
    if instant.tzinfo is None:
        raise ValueError("instant needs a time zone (an aware datetime)")
    return instant.astimezone(zoneinfo.ZoneInfo(tz))


def format_datetime(instant: dt.datetime, tz: str, locale: str, width: str = "full") -> str:
    """A moment in the locale's words and in ``tz``: date, time without seconds and, for
    ``full`` and ``long``, the zone's name ("India Standard Time", never "GMT+05:30").
    """
    loc = Locale.parse(normalize_locale(locale))
    local = _local(instant, tz)
    date_pattern = loc.date_formats[width].pattern
    time_pattern = loc.time_formats["short"].pattern
    if width in ("full", "long"):
        zone = _quote(specific_zone_name(instant, tz, loc))
        zone_first = loc.time_formats[width].pattern.strip().startswith("z")
        time_pattern = f"{zone} {time_pattern}" if zone_first else f"{time_pattern} {zone}"
    combined = str(loc.datetime_formats[width]).replace("{1}", "\x00").replace("{0}", time_pattern)
    pattern = combined.replace("\x00", date_pattern)
    return str(babel_format_datetime(local, pattern, tzinfo=local.tzinfo, locale=loc))


_LITERAL = re.compile(r"'((?:[^']|'')+)'|''")  # 'at' -> at, '' -> '
_SLOT = re.compile(r"\{([01])\}")


def join_date_time(date_text: str, time_text: str, locale: str, width: str = "full") -> str:
    """A formatted date and a formatted time (or time range) joined by the locale's CLDR
    date-time pattern: "Monday, 1 February 2027, 10:00", "2027年2月1日月曜日 10:00", with
    Arabic's comma in Arabic; never an ASCII comma for every language.
    """
    pattern = str(Locale.parse(normalize_locale(locale)).datetime_formats[width])
    glue = _LITERAL.sub(lambda m: m.group(1).replace("''", "'") if m.group(1) else "'", pattern)
    # One pass, so a '{0}' inside the date text is never taken for the time's slot.
    return _SLOT.sub(lambda m: date_text if m.group(1) == "1" else time_text, glue)


def format_date(day: dt.date, locale: str, width: str = "full") -> str:
    """A calendar date in the locale's words ("Dienstag, 9. Februar 2027")."""
    return str(babel_format_date(day, format=width, locale=normalize_locale(locale)))


def format_time_range(start: dt.datetime, end: dt.datetime, tz: str, locale: str) -> str:
    """Local start and end in ``tz`` ("10:00–11:45 Uhr", "10:00 – 11:45 AM"), with the
    date of the end only when it falls on another local day.
    """
    loc = Locale.parse(normalize_locale(locale))
    first, last = _local(start, tz), _local(end, tz)
    twelve_hour = "h" in loc.time_formats["short"].pattern.replace("'h'", "")
    skeleton = "hm" if twelve_hour else "Hm"
    if first.date() == last.date():
        return str(format_interval(first, last, skeleton, tzinfo=first.tzinfo, locale=loc))
    # babel has no interval pattern for a day change at this width; join two moments.
    joined = str(loc.datetime_formats["medium"])
    ends = [
        joined.replace("{1}", str(format_skeleton("MMMd", moment, locale=loc))).replace(
            "{0}", str(babel_format_datetime(moment, loc.time_formats["short"], tzinfo=moment.tzinfo, locale=loc))
        )
        for moment in (first, last)
    ]
    fallback = str(loc.interval_formats.get(None, "{0} – {1}"))
    return fallback.replace("{0}", ends[0]).replace("{1}", ends[1])
