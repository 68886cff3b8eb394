"""Busy times from the facilitators' own calendars: .ics exports of Outlook, Google, Apple.

``read_busy(path, rel, zone, first, last)`` returns the busy intervals (UTC) of one file that
touch the days ``first``..``last`` and the problems found, each as ``path:line``. What counts:

- VEVENT, with RRULE (several), RDATE, EXDATE and RECURRENCE-ID overrides expanded by
  ``recurring-ical-events`` only inside the asked days (an RRULE without end is fine);
- all-day events: the whole day in the facilitator's zone;
- TZID naming an IANA zone or a Windows zone ("Romance Standard Time", as Outlook writes),
  with or without its VTIMEZONE; UTC times (Google) as they are; floating times in the
  calendar's X-WR-TIMEZONE, else in the facilitator's zone;
- not busy: TRANSP:TRANSPARENT (shown as free), STATUS:CANCELLED, Outlook's
  X-MICROSOFT-CDO-BUSYSTATUS:FREE. An event Outlook left CONFIRMED with a "Canceled:" title
  stays busy (never double-book on a guess) and gets a warning saying so;
- VFREEBUSY periods with FBTYPE BUSY, BUSY-UNAVAILABLE or BUSY-TENTATIVE (FREE is not busy).
Titles and descriptions are never kept: client work stays private.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from glocal.errors import Location, Problem, Severity

MAX_BUSY_BYTES = 5 * 1024 * 1024
MAX_OCCURRENCES = 20_000  # per file inside the rollout's days; a real calendar has hundreds
# Steps a recurrence library takes from a rule's DTSTART to the end of the rollout: it walks
# every one (an endless FREQ=SECONDLY rule took 95 s), so a rule that would take more is refused.
MAX_RULE_STEPS = 50_000
_FREQ_SECONDS = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 604800,
                 "MONTHLY": 2419200, "YEARLY": 31536000}
BUSY_FBTYPES = {"BUSY", "BUSY-UNAVAILABLE", "BUSY-TENTATIVE"}
_CANCELED = re.compile(r"^\s*(cancel+ed|abgesagt|annulé|cancelad[oa])\s*:", re.IGNORECASE)
_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")


@dataclass(frozen=True, order=True)
class BusyTime:
    """One busy interval, UTC, and where it came from (file and line of its component)."""

    start: dt.datetime
    end: dt.datetime
    source: Location


def _problem(rel: str, line: int, message: str, warning: bool = False) -> Problem:
    severity = Severity.WARNING if warning else Severity.ERROR
    return Problem(Location(rel, line, 1 if line else 0), message, severity, "busy-calendar")


def _unfolded(text: str) -> list[tuple[int, str]]:
    """Content lines with the physical line number each starts on (RFC 5545 3.1 folding)."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def _syntax(lines: list[tuple[int, str]], rel: str) -> list[Problem]:
    found = []
    for number, line in lines:
        if not _CONTENT_LINE.match(line):
            shown = line if len(line) <= 40 else line[:40] + "..."
            found.append(_problem(rel, number, f"not an iCalendar content line: {shown!r}; "
                                  "each line is NAME[;PARAM=VALUE]:VALUE (is this an .ics export?)"))
    if not found and (not lines or lines[0][1].upper() != "BEGIN:VCALENDAR"):
        found.append(_problem(rel, lines[0][0] if lines else 0,
                              "not a calendar: an .ics file starts with BEGIN:VCALENDAR"))
    return found[:20]


def _component_lines(lines: list[tuple[int, str]]) -> dict[str, int]:
    """The line of each VEVENT/VFREEBUSY by UID (and RECURRENCE-ID), for messages."""
    where: dict[str, int] = {}
    start, uid, rid = 0, "", ""
    for number, line in lines:
        upper = line.upper()
        if upper in ("BEGIN:VEVENT", "BEGIN:VFREEBUSY"):
            start, uid, rid = number, "", ""
        elif upper.startswith("UID"):
            uid = line.split(":", 1)[1]
        elif upper.startswith("RECURRENCE-ID"):
            rid = line.split(":", 1)[1]
        elif upper in ("END:VEVENT", "END:VFREEBUSY"):
            where.setdefault(f"{uid}|{rid}", start)
            where.setdefault(uid, start)
    return where


def _as_utc(value: dt.date | dt.datetime, zone: ZoneInfo, end_of_day: bool = False) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # floating: the wall clock of the zone that applies
            value = value.replace(tzinfo=zone)
        return value.astimezone(dt.UTC)
    day = value + dt.timedelta(days=1) if end_of_day else value
    return dt.datetime.combine(day, dt.time(0), zone).astimezone(dt.UTC)


def _floating_zone(calendar: Any, fallback: ZoneInfo) -> ZoneInfo:
    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    try:
        return ZoneInfo(name) if name else fallback
    except (ValueError, KeyError, OSError):
        return fallback


def _event_busy(event: Any) -> bool:
    if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        return False
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return False
    return str(event.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() != "FREE"


def _events(calendar: Any, rel: str, where: dict[str, int], zone: ZoneInfo, first: dt.date,
            last: dt.date) -> tuple[list[BusyTime], list[Problem]]:
    import recurring_ical_events

    busy: list[BusyTime] = []
    problems: list[Problem] = []
    warned: set[str] = set()
    query = recurring_ical_events.of(calendar, components=["VEVENT"])
    # a day of margin on both sides: an event the evening before in another zone may reach in
    span = (first - dt.timedelta(days=1), last + dt.timedelta(days=2))
    for count, event in enumerate(query.between(*span)):
        if count >= MAX_OCCURRENCES:
            problems.append(_problem(rel, 0, f"more than {MAX_OCCURRENCES} busy events in the rollout's "
                                     "days; export only the facilitator's calendar for those dates"))
            break
        uid = str(event.get("UID", ""))
        rid = event.get("RECURRENCE-ID")
        line = where.get(f"{uid}|{rid.to_ical().decode() if rid is not None else ''}", where.get(uid, 0))
        if not _event_busy(event):
            continue
        if _CANCELED.match(str(event.get("SUMMARY", ""))) and uid not in warned:
            warned.add(uid)
            problems.append(_problem(rel, line, "event titled as cancelled but still marked busy; kept as "
                                     "busy (remove it from the calendar, or mark it free, to free the time)",
                                     warning=True))
        start = event.get("DTSTART")
        if start is None:
            problems.append(_problem(rel, line, "VEVENT without DTSTART; every event needs a start"))
            continue
        end = event.get("DTEND")
        begin = _as_utc(start.dt, zone)
        finish = _as_utc(end.dt, zone, end_of_day=False) if end is not None else (
            _as_utc(start.dt, zone, end_of_day=True) if not isinstance(start.dt, dt.datetime) else begin)
        if finish > begin:
            busy.append(BusyTime(begin, finish, Location(rel, line, 1 if line else 0)))
    return busy, problems


def _rule_steps(rule: Any, start: dt.datetime, last: dt.datetime) -> int:
    """An upper estimate of the occurrences a rule yields from ``start`` to ``last``."""
    seconds = _FREQ_SECONDS.get(str((rule.get("FREQ") or ["YEARLY"])[0]).upper(), 1)
    interval = max(1, int((rule.get("INTERVAL") or [1])[0]))
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        end = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time(0))
        last = min(last, end if end.tzinfo else end.replace(tzinfo=dt.UTC))
    steps = max(0, int((last - start).total_seconds() // (seconds * interval))) + 1
    for part in ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY"):
        steps *= max(1, len(rule.get(part) or []))  # each BY list can multiply the occurrences
    count = rule.get("COUNT")
    return min(steps, int(count[0])) if count else steps


def _too_frequent(calendar: Any, rel: str, where: dict[str, int], last: dt.date) -> list[Problem]:
    """Rules that would make the recurrence library walk too many steps (see MAX_RULE_STEPS)."""
    end = dt.datetime.combine(last + dt.timedelta(days=2), dt.time(0), dt.UTC)
    found = []
    for event in calendar.walk("VEVENT"):
        start = event.get("DTSTART")
        rules = event.get("RRULE")
        if start is None or rules is None:
            continue
        value = start.dt
        begin = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time(0))
        begin = begin if begin.tzinfo else begin.replace(tzinfo=dt.UTC)
        for rule in rules if isinstance(rules, list) else [rules]:
            if _rule_steps(rule, begin, end) > MAX_RULE_STEPS:
                line = where.get(str(event.get("UID", "")), 0)
                found.append(_problem(rel, line, f"a recurring event repeats more than {MAX_RULE_STEPS} times up to the "
                                      "rollout's end (its RRULE is too frequent or starts too long ago); export "
                                      "the calendar for the rollout's dates only"))
                break
    return found


def _freebusy(calendar: Any, rel: str, where: dict[str, int]) -> tuple[list[BusyTime], list[Problem]]:
    busy: list[BusyTime] = []
    problems: list[Problem] = []
    for component in calendar.walk("VFREEBUSY"):
        line = where.get(str(component.get("UID", "")), 0)
        values = component.get("FREEBUSY", [])
        for prop in values if isinstance(values, list) else [values]:
            kind = str(prop.params.get("FBTYPE", "BUSY")).upper()
            if kind not in BUSY_FBTYPES:
                continue
            for period in prop.dts if hasattr(prop, "dts") else [prop]:
                value = getattr(period, "dt", period)
                if not (isinstance(value, tuple) and len(value) == 2):
                    problems.append(_problem(rel, line, "FREEBUSY value is not a period; write START/END or START/DURATION"))
                    continue
                begin, other = value
                finish = begin + other if isinstance(other, dt.timedelta) else other
                busy.append(BusyTime(begin.astimezone(dt.UTC), finish.astimezone(dt.UTC), Location(rel, line, 1 if line else 0)))
    return busy, problems


SINGLE = ("UID", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "TRANSP", "STATUS")  # once per event


def _repeated(calendar: Any, rel: str, where: dict[str, int]) -> list[Problem]:
    """Properties RFC 5545 allows once per event, given twice: which one counts is a guess."""
    found = []
    for event in calendar.walk("VEVENT"):
        uid = event.get("UID")
        line = where.get(str(uid), 0) if not isinstance(uid, list) else 0
        for name in SINGLE:
            if isinstance(event.get(name), list):
                found.append(_problem(rel, line, f"{name} appears more than once in one event; RFC 5545 allows it "
                                                 "once: keep one (export the calendar again)"))
    return found


def read_busy(path: Path, rel: str, zone: str, first: dt.date, last: dt.date) -> tuple[list[BusyTime], list[Problem]]:
    """The busy intervals of one calendar file on the days ``first``..``last`` (see module doc)."""
    import icalendar

    try:
        size = path.stat().st_size
    except OSError as exc:
        return [], [_problem(rel, 0, f"cannot read the busy calendar: {exc.strerror}; check the path")]
    if size > MAX_BUSY_BYTES:
        return [], [_problem(rel, 0, f"busy calendar is {size} bytes, more than {MAX_BUSY_BYTES}; "
                             "export only the facilitator's calendar for the rollout's dates")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [_problem(rel, line, "not UTF-8; export the calendar as UTF-8 (RFC 5545 requires it)")]
    lines = _unfolded(text)
    problems = _syntax(lines, rel)
    if problems:
        return [], problems
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as exc:
        return [], [_problem(rel, 0, f"cannot read the calendar: {exc}; export it again as .ics")]
    where = _component_lines(lines)
    for component in calendar.walk():
        for name, message in getattr(component, "errors", []):
            line = next((n for n, text_line in lines if text_line.upper().startswith(str(name).upper())), 0)
            problems.append(_problem(rel, line, f"{name}: {message}; fix or remove that line"))
    problems += _repeated(calendar, rel, where)
    if problems:
        return [], problems
    problems = _too_frequent(calendar, rel, where, last)
    if problems:
        return [], problems
    floating = _floating_zone(calendar, ZoneInfo(zone))
    try:
        events, found = _events(calendar, rel, where, floating, first, last)
    except Exception as exc:  # noqa: BLE001 - the recurrence library's errors have no common base
        return [], [_problem(rel, 0, f"cannot expand the recurring events: {exc}; export the calendar again")]
    periods, more = _freebusy(calendar, rel, where)
    window = (dt.datetime.combine(first - dt.timedelta(days=1), dt.time(0), dt.UTC),
              dt.datetime.combine(last + dt.timedelta(days=2), dt.time(0), dt.UTC))
    inside = [b for b in events + periods if b.end > window[0] and b.start < window[1]]
    return sorted(set(inside)), found + more
