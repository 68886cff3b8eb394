"""VEVENTs and VCALENDARs: identity (UID, SEQUENCE, DTSTAMP), times, place, alarm, bytes.

Identity rules (docs/calendars.md):

* A session's UID is ``<program>.<cohort>.<module>@glocal``, the same in the cohort, the
  facilitator, the coordinator calendar and the invite, because it is one real-world event;
  calendar programs merge the copies instead of showing duplicates.
* An evaluation follow-up's UID is ``<program>.<cohort>.evaluation-<level>@glocal``
  (``...evaluation-<level>.<module>@glocal`` for one due after each session).
* DTSTAMP is 00:00:00Z on the earliest UTC date of the plan (sessions and cancellations), a
  function of the schedule only, so re-running on the same input writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict

from icalendar import Alarm, Calendar, Event

from glocal.calendars.texts import EventText, Place
from glocal.calendars.timezones import vtimezone_bytes
from glocal.model import Cohort, Delivery, Module, Schedule

PRODID = "-//glocal//glocal calendars 1.0//EN"
ALARM_BEFORE = dt.timedelta(minutes=15)
_UTC = dt.UTC


def session_uid(program: str, cohort: str, module: str) -> str:
    """The stable UID of one session: program, cohort and module identify it."""
    return f"{program}.{cohort}.{module}@glocal"


def followup_uid(program: str, cohort: str, level: int, module: str | None = None) -> str:
    """The stable UID of a cohort's evaluation follow-up of Kirkpatrick level ``level``
    (per-session follow-ups add the module)."""
    suffix = f".{module}" if module else ""
    return f"{program}.{cohort}.evaluation-{level}{suffix}@glocal"


def plan_stamp(schedule: Schedule) -> dt.datetime:
    """DTSTAMP of every component: midnight UTC of the earliest date in the plan."""
    instants = [s.start for s in schedule.sessions] + [c.start for c in schedule.cancelled]
    if not instants:
        return dt.datetime(1970, 1, 1, tzinfo=_UTC)
    first = min(instants).astimezone(_UTC).date()
    return dt.datetime(first.year, first.month, first.day, tzinfo=_UTC)


def place_of(cohort: Cohort | None, module: Module | None) -> Place:
    """Join link for virtual, venue for in-person, both for hybrid sessions (when given)."""
    if cohort is None:
        return Place(None, None)
    delivery = module.delivery if module is not None else Delivery.VIRTUAL
    join = cohort.join_url if delivery in (Delivery.VIRTUAL, Delivery.HYBRID) else None
    venue = cohort.venue if delivery in (Delivery.IN_PERSON, Delivery.HYBRID) else None
    return Place(join, venue)


def new_calendar(method: str, name: str | None = None, language: str | None = None) -> Calendar:
    """An empty VCALENDAR with PRODID, VERSION, METHOD and (if given) a localized name."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name is not None:
        params = {"LANGUAGE": language} if language else {}
        calendar.add("name", name, parameters=params)
        calendar.add("x-wr-calname", name)
    return calendar


def session_event(
    uid: str,
    start: dt.datetime,
    end: dt.datetime,
    zone: str | None,
    *,
    text: EventText,
    sequence: int,
    stamp: dt.datetime,
    place: Place,
    alarm: bool = True,
) -> Event:
    """One timed VEVENT; ``zone`` None writes UTC (``...Z``), else ``DTSTART;TZID=zone``."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    tz: dt.tzinfo = _UTC if zone is None else zoneinfo.ZoneInfo(zone)
    event.add("dtstart", start.astimezone(tz))
    event.add("dtend", end.astimezone(tz))
    event.add("sequence", sequence)
    add_text(event, text)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    if place.venue or place.join_url:
        event.add("location", place.venue or place.join_url)
    if place.join_url:
        event.add("url", place.join_url)
    if alarm:
        event.add_component(_alarm(text.summary))
    return event


def add_text(event: Event, text: EventText) -> None:
    """SUMMARY and DESCRIPTION with their ``LANGUAGE=`` parameter."""
    event.add("summary", text.summary, parameters={"LANGUAGE": text.language})
    described = text.description_language or text.language  # a description may mix languages
    event.add("description", text.description, parameters={"LANGUAGE": described})


def _alarm(summary: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -ALARM_BEFORE)
    return alarm


def all_day_event(
    uid: str, day: dt.date, *, text: EventText, sequence: int, stamp: dt.datetime
) -> Event:
    """An all-day, free-time VEVENT (``DTSTART;VALUE=DATE``) for evaluation follow-ups."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("sequence", sequence)
    add_text(event, text)
    event.add("transp", "TRANSPARENT")
    return event


def to_bytes(calendar: Calendar) -> bytes:
    """The file: a VTIMEZONE for every TZID used (covering its dates), CRLF, folded, no BOM."""
    dates: dict[str, list[dt.date]] = defaultdict(list)
    for event in calendar.walk("VEVENT"):
        for key in ("DTSTART", "DTEND"):
            prop = event.get(key)
            tzid = prop.params.get("TZID") if prop is not None else None
            if tzid:
                dates[str(tzid)].append(prop.dt.date())
    missing = calendar.get_missing_tzids() - set(dates)
    if missing:
        raise ValueError(f"calendar uses time zones without VTIMEZONE: {sorted(missing)}")
    # VTIMEZONEs go first so a streaming parser knows every zone before it meets a TZID. Their
    # bytes (cached per zone and years) are spliced in: parsing them back into components and
    # writing them again for every file took a fifth of the calendars' time, for the same bytes.
    zones = b"".join(vtimezone_bytes(tzid, dates[tzid]) for tzid in sorted(dates))
    data: bytes = calendar.to_ical()
    return _before_first_component(data, zones)


def _before_first_component(data: bytes, insert: bytes) -> bytes:
    """``data`` (a VCALENDAR) with ``insert`` before its first component, or before its END.

    Content lines of properties never start with ``BEGIN:`` (folded lines start with a space;
    TEXT escapes line breaks), so the first ``BEGIN:`` line after the first is a component.
    """
    found = data.find(b"\r\nBEGIN:", len(b"BEGIN:VCALENDAR"))
    at = found + 2 if found >= 0 else data.rindex(b"END:VCALENDAR")
    return data[:at] + insert + data[at:]
