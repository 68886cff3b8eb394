"""SEQUENCE numbers and cancellations: how a re-plan becomes an update, not a duplicate.

A session is identified by (cohort, module), which is also what its UID is made of. Against
the previous ``schedule.json``:

* same start, end and facilitator: the session keeps its SEQUENCE;
* anything of those changed: previous SEQUENCE + 1 (calendar programs then replace it);
* new (cohort, module): SEQUENCE 0, or one more than its cancellation if it was cancelled
  before and comes back (an iTIP REQUEST must outrank the CANCEL it follows);
* a previous session that no longer exists is *cancelled* with previous SEQUENCE + 1;
  cancellations of earlier runs are carried over, so their CANCEL files and numbers survive.
"""

from __future__ import annotations

from glocal.model import CancelledSession, Schedule, ScheduledSession, Status

SessionKey = tuple[str, str]


def _key(session: ScheduledSession | CancelledSession) -> SessionKey:
    return (session.cohort, session.module)


def _changed(now: ScheduledSession, before: ScheduledSession) -> bool:
    return (now.start, now.end, now.facilitator) != (before.start, before.end, before.facilitator)


def _sequence(
    session: ScheduledSession,
    before: dict[SessionKey, ScheduledSession],
    cancelled: dict[SessionKey, CancelledSession],
) -> int:
    key = _key(session)
    if key in before:
        old = before[key]
        return old.sequence + 1 if _changed(session, old) else old.sequence
    if key in cancelled:
        return cancelled[key].sequence + 1
    return 0


def with_sequences(schedule: Schedule, previous: Schedule | None) -> Schedule:
    """``schedule`` with ``sequence`` set on every session and ``cancelled`` filled in.

    Without a previous schedule every session starts at SEQUENCE 0 and nothing is cancelled.
    An infeasible schedule is returned unchanged: it places nothing, and treating that as
    "every session was cancelled" would send cancellations for a plan nobody changed.
    """
    if schedule.status is Status.INFEASIBLE:
        return schedule
    before = {} if previous is None else {_key(s): s for s in previous.sessions}
    old_cancelled = {} if previous is None else {_key(c): c for c in previous.cancelled}
    sessions = [
        session.model_copy(update={"sequence": _sequence(session, before, old_cancelled)})
        for session in schedule.sessions
    ]
    present = {_key(s) for s in sessions}
    cancelled: dict[SessionKey, CancelledSession] = {
        key: entry for key, entry in old_cancelled.items() if key not in present
    }
    for key, old in before.items():
        if key not in present:
            cancelled[key] = CancelledSession(
                cohort=old.cohort,
                module=old.module,
                start=old.start,
                end=old.end,
                sequence=old.sequence + 1,
                facilitator=old.facilitator,
            )
    ordered = [cancelled[key] for key in sorted(cancelled)]
    return schedule.model_copy(update={"sessions": sessions, "cancelled": ordered})
