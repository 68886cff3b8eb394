"""What an attendee can see of each session, and how it changed since the previous plan.

``revise(bundle, schedule, previous, freeze_before)`` is ``with_sequences`` with the rest
of RFC 5546's bookkeeping (docs/calendars.md, "Updates"):

* each session gets a digest per visible aspect (``revision``): time, facilitator (and their
  address), venue (venue and join link), participants with addresses (and the organizer), text (every SUMMARY and DESCRIPTION
  and their LANGUAGE, in the cohort's, the facilitator's and the coordinator's calendar, with
  the time, facilitator and place left out so that each change is named once);
* any aspect changed: SEQUENCE + 1 and a later DTSTAMP (the previous one plus a minute, or
  midnight UTC of ``--freeze-before`` if that is later: "now" as the plan knows it), so the
  stamp is a function of the plans, not of the wall clock;
* attendees taken off a session that goes on are kept in ``removed``: they get a CANCEL of
  their own (RFC 5546 3.2.5, "uninvite");
* a previous session that is gone is cancelled unless it started (cohort-local date) before
  ``--freeze-before``: that one was delivered, and nothing delivered is ever cancelled;
* ``changes`` lists, per session, what happened (new, moved, facilitator, venue, text,
  attendees, cancelled, delivered).

A previous ``schedule.json`` without digests (written before this), or with digests of another
``DIGESTS`` version, is compared on time and facilitator only, as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo

from glocal.calendars.events import place_of, plan_stamp
from glocal.calendars.invites import attendees_of, organizer_of
from glocal.calendars.sequences import SessionKey, with_sequences
from glocal.calendars.texts import Place, Wording
from glocal.localization import LocalizedProgram
from glocal.model import (
    Attendee,
    CancelledSession,
    Schedule,
    ScheduledSession,
    SessionChange,
    Status,
)
from glocal.workspace import ProgramBundle

ASPECTS = ("time", "facilitator", "venue", "attendees", "text")
# Bumped whenever a digest is computed differently: a previous plan with other digests is then
# compared on time and facilitator only, rather than every session looking changed.
DIGESTS = "1"
_NAMES = {"time": "moved", "facilitator": "facilitator", "venue": "venue", "attendees": "attendees", "text": "text"}
_CANONICAL = dt.datetime(2000, 1, 3, 12, tzinfo=dt.UTC)  # a fixed instant: texts without their time
_STEP = dt.timedelta(minutes=1)


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


def _key(session: ScheduledSession | CancelledSession) -> SessionKey:
    return (session.cohort, session.module)


def _revision(
    bundle: ProgramBundle, wording: Wording, session: ScheduledSession, attendees: list[Attendee]
) -> dict[str, str]:
    lookups = wording.lookups()
    cohort = lookups.cohorts[session.cohort]
    facilitator = lookups.facilitators.get(session.facilitator)
    place = place_of(cohort, lookups.modules.get(session.module))
    organizer = organizer_of(bundle)
    fixed = session.model_copy(update={"start": _CANONICAL, "end": _CANONICAL + (session.end - session.start)})
    nowhere = Place(None, None)
    texts: list[object] = [
        wording.cohort_event(cohort, fixed, None, nowhere),
        wording.coordinator_event(cohort, fixed, None, nowhere),
    ]
    if facilitator is not None:
        # The facilitator's words in their language; their zone is left out (it moves with them).
        texts.append(wording.facilitator_event(cohort, fixed, facilitator.model_copy(update={"timezone": "UTC"}), nowhere))
    return {
        "digests": DIGESTS,
        "time": _digest(session.start.isoformat(), session.end.isoformat()),
        # The facilitator's address is theirs: a new facilitator is one change, not two.
        "facilitator": _digest(session.facilitator, [a.email.lower() for a in attendees if a.role == "CHAIR"]),
        "venue": _digest(place.venue, place.join_url),
        "attendees": _digest(organizer.email if organizer else None,
                             sorted(a.email.lower() for a in attendees if a.role != "CHAIR")),
        "text": _digest(texts),
    }


def _changed(now: dict[str, str], before: ScheduledSession) -> list[str]:
    return [aspect for aspect in ASPECTS if now.get(aspect) != before.revision.get(aspect)]


def _later(stamp: dt.datetime | None, floor: dt.datetime) -> dt.datetime:
    return floor if stamp is None else max(stamp + _STEP, floor)


def revise(
    bundle: ProgramBundle, schedule: Schedule, previous: Schedule | None, freeze_before: dt.date | None = None,
    localized: dict[str, LocalizedProgram] | None = None,
) -> Schedule:
    """``schedule`` numbered against ``previous`` (SEQUENCE, DTSTAMP, attendees, cancellations,
    changes); an infeasible schedule is returned unchanged."""
    if schedule.status is Status.INFEASIBLE:
        return schedule
    wording = Wording(bundle, localized if localized is not None else {})
    cohorts = {c.id: c for c in bundle.rollout.cohorts}
    facilitators = {f.id: f for f in bundle.facilitators}
    organizer = organizer_of(bundle)
    base = plan_stamp(schedule)
    now = base
    if freeze_before is not None:
        now = max(base, dt.datetime.combine(freeze_before, dt.time(0), dt.UTC))
    old_base = plan_stamp(previous) if previous is not None else base
    before = {} if previous is None else {_key(s): s for s in previous.sessions}
    old_cancelled = {} if previous is None else {_key(c): c for c in previous.cancelled}
    numbered = {_key(s): s for s in with_sequences(schedule, previous).sessions}
    sessions: list[ScheduledSession] = []
    changes: list[SessionChange] = []
    for session in schedule.sessions:
        key = _key(session)
        attendees = attendees_of(organizer, cohorts.get(session.cohort), facilitators.get(session.facilitator))
        revision = _revision(bundle, wording, session, attendees)
        old = before.get(key)
        update: dict[str, object] = {"revision": revision, "attendees": attendees}
        if old is None:
            gone = old_cancelled.get(key)
            update |= {"sequence": numbered[key].sequence,
                       "stamp": _later(gone.stamp or old_base, now) if gone is not None else base}
            changes.append(_change(session, ["new"], numbered[key].sequence, None))
        else:
            comparable = old.revision.get("digests") == DIGESTS
            what = _changed(revision, old) if comparable else _legacy(session, old)
            emails = {a.email.lower() for a in attendees}
            removed = [a for a in old.attendees + old.removed if a.email.lower() not in emails]
            removed = list({a.email.lower(): a for a in removed}.values())
            if what:
                update |= {"sequence": old.sequence + 1, "stamp": _later(old.stamp or old_base, now)}
                changes.append(_change(session, [_NAMES[a] for a in what], old.sequence + 1, old))
            else:
                update |= {"sequence": old.sequence, "stamp": old.stamp or old_base}
            update["removed"] = removed
        sessions.append(session.model_copy(update=update))
    cancelled = _cancelled(bundle, previous, {_key(s) for s in sessions}, now, old_base, freeze_before, changes)
    changes.sort(key=lambda c: (c.cohort, c.module))
    return schedule.model_copy(update={"sessions": sessions, "cancelled": cancelled, "changes": changes})


def _legacy(session: ScheduledSession, old: ScheduledSession) -> list[str]:
    what = []
    if (session.start, session.end) != (old.start, old.end):
        what.append("time")
    if session.facilitator != old.facilitator:
        what.append("facilitator")
    return what


def _change(session: ScheduledSession, what: list[str], sequence: int, old: ScheduledSession | None) -> SessionChange:
    return SessionChange(
        cohort=session.cohort, module=session.module, what=what, sequence=sequence,
        start=session.start, facilitator=session.facilitator,
        previous_start=old.start if old is not None else None,
        previous_facilitator=old.facilitator if old is not None else None,
    )


def _delivered(bundle: ProgramBundle, old: ScheduledSession, freeze_before: dt.date | None) -> bool:
    """Started before ``--freeze-before`` on the cohort's local date (as the solver freezes)."""
    if freeze_before is None:
        return False
    cohort = next((c for c in bundle.rollout.cohorts if c.id == old.cohort), None)
    zone = zoneinfo.ZoneInfo(cohort.timezone) if cohort is not None else dt.UTC
    return old.start.astimezone(zone).date() < freeze_before


def _cancelled(
    bundle: ProgramBundle,
    previous: Schedule | None,
    present: set[SessionKey],
    now: dt.datetime,
    old_base: dt.datetime,
    freeze_before: dt.date | None,
    changes: list[SessionChange],
) -> list[CancelledSession]:
    """Earlier cancellations carried over, plus every previous session now gone and not
    delivered; the previous attendees (participants of a dropped cohort too) get the CANCEL."""
    if previous is None:
        return []
    cancelled = {_key(c): c for c in previous.cancelled if _key(c) not in present}
    for old in previous.sessions:
        key = _key(old)
        if key in present:
            continue
        if _delivered(bundle, old, freeze_before):
            changes.append(SessionChange(cohort=old.cohort, module=old.module, what=["delivered"],
                                         sequence=old.sequence, previous_start=old.start,
                                         previous_facilitator=old.facilitator))
            continue
        cancelled[key] = CancelledSession(
            cohort=old.cohort, module=old.module, start=old.start, end=old.end,
            sequence=old.sequence + 1, facilitator=old.facilitator,
            stamp=_later(old.stamp or old_base, now), attendees=old.attendees,
        )
        changes.append(SessionChange(cohort=old.cohort, module=old.module, what=["cancelled"],
                                     sequence=old.sequence + 1, previous_start=old.start,
                                     previous_facilitator=old.facilitator))
    return [cancelled[key] for key in sorted(cancelled)]
