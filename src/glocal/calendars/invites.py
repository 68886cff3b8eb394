"""iTIP (RFC 5546) people: the one ORGANIZER of a program and the ATTENDEEs of a session.

ORGANIZER is the coordinator's mailbox: ``organizer`` in ``rollout.yaml``, else in
``program.yaml``. It is the same for every UID of the program and every re-plan, because
calendar programs only accept updates and cancellations from the organizer they first saw.
Without one, no REQUEST or CANCEL is written (as Google Calendar and Outlook do, an invite
cannot exist without an organizer); ``glocal check`` and ``glocal plan`` warn about it, and
the PUBLISH calendars are written as always.

ATTENDEEs: the session's facilitator as ``ROLE=CHAIR``, the cohort's participants with an
e-mail address as ``ROLE=REQ-PARTICIPANT``; the organizer's own address is never an attendee
(a coordinator who also facilitates is the organizer of that session, not invited to it).
"""

from __future__ import annotations

from icalendar import Event, vCalAddress

from glocal.model import Attendee, Cohort, Facilitator, Organizer
from glocal.workspace import ProgramBundle


def organizer_of(bundle: ProgramBundle) -> Organizer | None:
    """The program's organizer: ``rollout.yaml`` first, then ``program.yaml``, else None."""
    return bundle.rollout.organizer or bundle.program.organizer


def attendees_of(
    organizer: Organizer | None, cohort: Cohort | None, facilitator: Facilitator | None
) -> list[Attendee]:
    """The facilitator (CHAIR) and the participants with an address, minus the organizer,
    each address once, in file order."""
    people: list[Attendee] = []
    if facilitator is not None and facilitator.email:
        people.append(Attendee(name=facilitator.name, email=facilitator.email, role="CHAIR"))
    if cohort is not None:
        people += [Attendee(name=p.name, email=p.email) for p in cohort.participants if p.email]
    seen = {organizer.email.lower()} if organizer is not None else set()
    unique: list[Attendee] = []
    for person in people:
        if person.email.lower() not in seen:
            seen.add(person.email.lower())
            unique.append(person)
    return unique


def _address(name: str, email: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = name
    for key, value in params.items():
        address.params[key] = value
    return address


def add_people(event: Event, organizer: Organizer, attendees: list[Attendee]) -> None:
    """ORGANIZER, then one ATTENDEE per person (NEEDS-ACTION, RSVP)."""
    event.add("organizer", _address(organizer.name, organizer.email))
    for person in attendees:
        event.add(
            "attendee",
            _address(person.name, person.email, CUTYPE="INDIVIDUAL", ROLE=person.role,
                     PARTSTAT="NEEDS-ACTION", RSVP="TRUE"),
        )


def mark_cancelled(event: Event) -> None:
    """STATUS:CANCELLED on an event built as confirmed (for METHOD:CANCEL files)."""
    event.pop("STATUS", None)
    event.add("status", "CANCELLED")
    event.pop("TRANSP", None)
    event.add("transp", "TRANSPARENT")
    for alarm in list(event.subcomponents):
        event.subcomponents.remove(alarm)
