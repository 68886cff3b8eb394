"""RFC 5545 calendars of a schedule: cohort, facilitator and coordinator calendars, iTIP
invites and cancellations (docs/calendars.md).

``with_sequences(schedule, previous)`` numbers the sessions against the previous plan;
``build_calendars(bundle, schedule)`` turns the numbered schedule into file bytes by path.
"""

from glocal.calendars.build import build_calendars, prepare_calendars
from glocal.calendars.events import session_uid
from glocal.calendars.revisions import revise
from glocal.calendars.sequences import with_sequences

__all__ = ["build_calendars", "prepare_calendars", "revise", "session_uid", "with_sequences"]
