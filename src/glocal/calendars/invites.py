"""iTIP (RFC 5546) files: one REQUEST per session of a cohort with participant e-mails, and
one CANCEL per session an earlier plan had and this one has not.

ORGANIZER is the rollout's ``organizer``. Without one, the session's facilitator organizes
(if they have an e-mail address): an invite needs an organizer to send replies to, and the
facilitator is the person who runs the session. With neither, no iTIP file is written for
that session (the cohort calendar still has it).
"""

from __future__ import annotations

from dataclasses import dataclass

from icalendar import Event, vCalAddress

from glocal.model import Cohort, Facilitator, Organizer


@dataclass(frozen=True)
class Person:
    """Someone with an e-mail address, as iTIP names them."""

    name: str
    email: str


def organizer_of(organizer: Organizer | None, facilitator: Facilitator | None) -> Person | None:
    """The rollout's organizer, else the facilitator (with an e-mail), else nobody."""
    if organizer is not None:
        return Person(organizer.name, organizer.email)
    if facilitator is not None and facilitator.email:
        return Person(facilitator.name, facilitator.email)
    return None


def participants_with_email(cohort: Cohort | None) -> list[Person]:
    """The cohort's participants who can receive invites, in file order."""
    if cohort is None:
        return []
    return [Person(p.name, p.email) for p in cohort.participants if p.email]


def _address(person: Person, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = person.name
    for key, value in params.items():
        address.params[key] = value
    return address


def add_people(
    event: Event, organizer: Person, participants: list[Person], facilitator: Facilitator | None
) -> None:
    """ORGANIZER, the facilitator as CHAIR and every participant as REQ-PARTICIPANT."""
    event.add("organizer", _address(organizer))
    people: list[tuple[Person, str]] = []
    if facilitator is not None and facilitator.email:
        people.append((Person(facilitator.name, facilitator.email), "CHAIR"))
    people += [(person, "REQ-PARTICIPANT") for person in participants]
    for person, role in people:
        event.add(
            "attendee",
            _address(person, CUTYPE="INDIVIDUAL", ROLE=role, PARTSTAT="NEEDS-ACTION", RSVP="TRUE"),
        )


def mark_cancelled(event: Event) -> None:
    """STATUS:CANCELLED on an event built as confirmed (for METHOD:CANCEL files)."""
    event.pop("STATUS", None)
    event.add("status", "CANCELLED")
    event.pop("TRANSP", None)
    event.add("transp", "TRANSPARENT")
    for alarm in list(event.subcomponents):
        event.subcomponents.remove(alarm)
