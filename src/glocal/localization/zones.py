"""Localized time-zone names that never fall back to a bare GMT offset.

babel 2.18 canonicalizes a zone to its current IANA name (``Asia/Kolkata``) but keeps the
CLDR metazone and city tables under the old CLDR ids (``Asia/Calcutta``), so the metazone
lookup misses and ``get_timezone_name`` returns ``GMT+05:30`` (python-babel/babel#1260).
Here every alias of the zone is tried against those tables, so Asia/Kolkata reads "India
Standard Time", Europe/Kyiv "Eastern European Time", and so on.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from functools import cache

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

NO_INHERITANCE = "∅∅∅"


@cache
def zone_ids(tz: str) -> tuple[str, ...]:
    """The zone's canonical IANA name first, then every CLDR alias of it (old ids)."""
    aliases: Mapping[str, str] = get_global("zone_aliases")
    canonical = aliases.get(tz, tz)
    others = sorted(old for old, new in aliases.items() if new == canonical)
    ids = [canonical, *others]
    if tz not in ids:
        ids.append(tz)
    return tuple(ids)


def _metazone(tz: str) -> str | None:
    meta: Mapping[str, str] = get_global("meta_zones")
    for zone in zone_ids(tz):
        if zone in meta:
            return meta[zone]
    return None


def _observes_dst(tz: str, year: int) -> bool:
    """True when the zone has daylight time in ``year`` (Jan and Jul offsets differ)."""
    info = zoneinfo.ZoneInfo(tz)
    offsets = {dt.datetime(year, month, 15, 12, tzinfo=info).utcoffset() for month in (1, 7)}
    return len(offsets) > 1


def _usable(name: object) -> str | None:
    return name if isinstance(name, str) and name and name != NO_INHERITANCE else None


def _lookup(tz: str, locale: Locale, variant: str) -> str | None:
    """The long name of ``variant`` (generic/standard/daylight) from the zone or metazone table."""
    for zone in zone_ids(tz):
        info = locale.time_zones.get(zone, {})
        name = _usable(info.get("long", {}).get(variant))
        if name:
            return name
    metazone = _metazone(tz)
    if metazone is not None:
        name = _usable(locale.meta_zones.get(metazone, {}).get("long", {}).get(variant))
        if name:
            return name
    return None


def _location_name(tz: str, locale: Locale) -> str:
    """CLDR's location format ("India Time", "Japan Time"), built from the canonical id."""
    return str(get_timezone_location(zoneinfo.ZoneInfo(zone_ids(tz)[0]), locale=locale))


def zone_name(tz: str, locale: str | Locale, year: int = 2027) -> str:
    """The long generic name of a zone ("India Standard Time", "Central European Time").

    Follows LDML: the generic metazone name; for a zone without daylight time, its standard
    name; otherwise the location format ("Nepal Time"). Never a GMT offset.
    """
    loc = Locale.parse(locale)
    name = _lookup(tz, loc, "generic")
    if name is None and not _observes_dst(tz, year):
        name = _lookup(tz, loc, "standard")
    return name or _location_name(tz, loc)


def specific_zone_name(instant: dt.datetime, tz: str, locale: str | Locale) -> str:
    """The long name in effect at ``instant`` ("Central European Summer Time")."""
    loc = Locale.parse(locale)
    local = instant.astimezone(zoneinfo.ZoneInfo(tz))
    variant = "daylight" if local.dst() else "standard"
    return _lookup(tz, loc, variant) or zone_name(tz, loc, local.year)
