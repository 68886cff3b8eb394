"""The team view of a portfolio: one calendar per facilitator over every program.

Each program's own facilitator calendar (``calendars/facilitators/<id>.ics``) already holds
the events in the facilitator's language and zone; the team calendar gathers those events
(their UIDs name their program, so they never collide) into one file, sorted by start and
UID so the same plans give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping

from icalendar import Calendar, Component

from glocal.calendars.events import new_calendar, to_bytes

FACILITATOR_PREFIX = "calendars/facilitators/"


def team_calendars(program_files: Mapping[str, Mapping[str, bytes]], names: Mapping[str, str]) -> dict[str, bytes]:
    """``team/calendars/<facilitator>.ics`` for every facilitator with a session in any program.

    ``program_files`` holds each program's output files by path; ``names`` the facilitators'
    display names by id.
    """
    events: dict[str, list[Component]] = {}
    for program in sorted(program_files):
        for path, data in sorted(program_files[program].items()):
            if not (path.startswith(FACILITATOR_PREFIX) and path.endswith(".ics")):
                continue
            person = path.removeprefix(FACILITATOR_PREFIX).removesuffix(".ics")
            events.setdefault(person, []).extend(Calendar.from_ical(data).walk("VEVENT"))
    files: dict[str, bytes] = {}
    for person, found in sorted(events.items()):
        calendar = new_calendar("PUBLISH", f"{names.get(person, person)} – all programs")
        for event in sorted(found, key=lambda e: (e.decoded("dtstart"), str(e.get("uid")))):
            calendar.add_component(event)
        files[f"team/calendars/{person}.ics"] = to_bytes(calendar)
    return files
