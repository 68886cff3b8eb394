"""``changes.json``: per session, what changed since the previous plan and which iTIP files
must reach which addresses (docs/formats.md, "changes.json").

Built from the schedule numbered by ``revise`` alone (``schedule.changes``, each session's
attendees and removed attendees) with the same rules ``build_calendars`` follows for writing
a REQUEST or CANCEL, so the paths named here are exactly the files in the output folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from glocal.calendars.events import session_uid
from glocal.calendars.invites import organizer_of
from glocal.model import Attendee, Schedule, SessionChange
from glocal.workspace import ProgramBundle

FILE = "changes.json"


@dataclass(frozen=True)
class Message:
    """One iTIP file to send and who must receive it."""

    method: str  # REQUEST or CANCEL
    path: str
    to: list[str]


@dataclass(frozen=True)
class Change:
    """One session's change and the messages it needs."""

    change: SessionChange
    uid: str
    messages: list[Message]


def _emails(people: list[Attendee]) -> list[str]:
    return [person.email for person in people]


def session_changes(bundle: ProgramBundle, schedule: Schedule) -> list[Change]:
    """Every change of ``schedule`` with the files and addresses that must receive it."""
    has_organizer = organizer_of(bundle) is not None
    sessions = {(s.cohort, s.module): s for s in schedule.sessions}
    cancelled = {(c.cohort, c.module): c for c in schedule.cancelled}
    out: list[Change] = []
    for change in schedule.changes:
        key = (change.cohort, change.module)
        messages: list[Message] = []
        where = f"{change.cohort}/{change.module}.ics"
        if has_organizer and key in sessions:
            session = sessions[key]
            if session.removed:  # first, as `glocal send` sends them
                messages.append(Message("CANCEL", f"calendars/uninvite/{where}", _emails(session.removed)))
            if session.attendees:
                messages.append(Message("REQUEST", f"calendars/invites/{where}", _emails(session.attendees)))
        elif has_organizer and "cancelled" in change.what and key in cancelled and cancelled[key].attendees:
            messages.append(Message("CANCEL", f"calendars/cancel/{where}", _emails(cancelled[key].attendees)))
        out.append(Change(change, session_uid(bundle.id, *key), messages))
    return out


def _instant(value: Any) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def changes_json(bundle: ProgramBundle, schedule: Schedule) -> bytes:
    """The bytes of ``changes.json``: stable order and layout, UTC ``Z`` instants."""
    rows = []
    for item in session_changes(bundle, schedule):
        change = item.change
        rows.append({
            "cohort": change.cohort,
            "module": change.module,
            "uid": item.uid,
            "what": change.what,
            "sequence": change.sequence,
            "start": _instant(change.start),
            "previous_start": _instant(change.previous_start),
            "facilitator": change.facilitator,
            "previous_facilitator": change.previous_facilitator,
            "send": [{"method": m.method, "file": m.path, "to": m.to} for m in item.messages],
        })
    organizer = organizer_of(bundle)
    document = {
        "program": bundle.id,
        "organizer": organizer.email if organizer is not None else None,
        "changes": rows,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
