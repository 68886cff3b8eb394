"""What ``glocal send`` must send: every (iTIP file, recipient) of an output folder that the
sent log does not hold yet.

The iTIP files are ``calendars/invites/`` (METHOD:REQUEST), ``calendars/cancel/`` and
``calendars/uninvite/`` (METHOD:CANCEL). Each goes to every ATTENDEE it lists, one e-mail per
recipient (each in their own message, so nobody's address leaks into another's mail headers
beyond what the invite itself lists). A message is identified by method, UID, SEQUENCE,
DTSTAMP and recipient: an invite that did not change since it was sent is not sent again,
a re-plan that bumps SEQUENCE makes it pending again.

The sent log ``sent.jsonl`` (one JSON object per line, appended and fsynced after each
accepted message) lives in the output folder; ``glocal plan`` carries it into every new plan
folder. A run that stops half-way resumes with the messages not in the log.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from icalendar import Calendar

SENT_LOG = "sent.jsonl"
FOLDERS = ("invites", "cancel", "uninvite")


@dataclass(frozen=True)
class Person:
    """A name and an address (from ORGANIZER / ATTENDEE)."""

    name: str
    email: str


@dataclass(frozen=True)
class Pending:
    """One e-mail to send: an iTIP file and one of its recipients."""

    path: str  # relative to the output folder, POSIX
    method: str
    uid: str
    sequence: int
    stamp: str
    organizer: Person
    recipient: Person
    summary: str
    description: str
    language: str
    data: bytes  # the file's bytes, sent as the text/calendar part

    @property
    def key(self) -> str:
        """What the sent log records: method, UID, SEQUENCE, DTSTAMP and recipient."""
        return f"{self.method} {self.uid} {self.sequence} {self.stamp} {self.recipient.email.lower()}"


def _person(prop: object) -> Person:
    email = str(prop)
    if email.lower().startswith("mailto:"):
        email = email[len("mailto:"):]
    params = getattr(prop, "params", {})
    return Person(str(params.get("CN", email)), email)


def _text(value: bytes | str) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else value


def _messages(out: Path, path: Path) -> list[Pending]:
    data = path.read_bytes()
    calendar = Calendar.from_ical(data)
    method = str(calendar.get("METHOD", ""))
    relative = path.relative_to(out).as_posix()
    found: list[Pending] = []
    for event in calendar.walk("VEVENT"):
        organizer = _person(event["ORGANIZER"])
        attendees = event.get("ATTENDEE", [])
        attendees = attendees if isinstance(attendees, list) else [attendees]
        summary = event.get("SUMMARY", "")
        for attendee in attendees:
            recipient = _person(attendee)
            if recipient.email.lower() == organizer.email.lower():
                continue
            found.append(Pending(
                path=relative, method=method, uid=str(event["UID"]), sequence=int(event.get("SEQUENCE", 0)),
                stamp=_text(event["DTSTAMP"].to_ical()), organizer=organizer, recipient=recipient,
                summary=str(summary), description=str(event.get("DESCRIPTION", "")),
                language=str(getattr(summary, "params", {}).get("LANGUAGE", "en")), data=data,
            ))
    return found


def all_messages(out: Path) -> list[Pending]:
    """Every message the iTIP files of ``out`` call for, sorted by file then recipient."""
    messages: list[Pending] = []
    for folder in FOLDERS:
        root = out / "calendars" / folder
        if root.is_dir():
            for path in sorted(root.rglob("*.ics")):
                if path.is_file() and not path.is_symlink():
                    messages += _messages(out, path)
    # Cancellations first: a re-invite after an uninvite must arrive after it.
    order = {"CANCEL": 0, "REQUEST": 1}
    return sorted(messages, key=lambda m: (order.get(m.method, 2), m.path, m.recipient.email.lower()))


def sent_keys(out: Path) -> set[str]:
    """The keys of the sent log (empty when nothing was sent); a torn last line is ignored."""
    path = out / SENT_LOG
    if not path.is_file():
        return set()
    keys: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            keys.add(str(json.loads(line)["key"]))
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a crash: that message counts as not sent
    return keys


def pending_messages(out: Path) -> list[Pending]:
    """The messages of ``out`` not in its sent log yet."""
    done = sent_keys(out)
    return [m for m in all_messages(out) if m.key not in done]


def record_sent(out: Path, message: Pending, message_id: str) -> None:
    """Append one accepted message to the sent log and fsync it before the next is sent."""
    entry = {"key": message.key, "file": message.path, "method": message.method, "uid": message.uid,
             "sequence": message.sequence, "to": message.recipient.email, "message_id": message_id}
    path = out / SENT_LOG
    with path.open("a", encoding="utf-8") as handle:
        if handle.tell() > 0 and not path.read_bytes().endswith(b"\n"):
            handle.write("\n")  # after a torn line, start a fresh one
        handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def carried_log(out: Path) -> dict[str, bytes]:
    """The sent log of the plan in ``out``, to keep in the plan that replaces it."""
    path = out / SENT_LOG
    return {SENT_LOG: path.read_bytes()} if path.is_file() else {}
