"""Evaluation follow-ups (Kirkpatrick levels) as dated, all-day events per cohort.

A level's ``when`` is an anchor and an offset (``60d after-last-session``). The date is the
anchor session's *cohort-local* date plus the offset: a survey is due on a day where the
participants live, not on a UTC day. Levels due right after every session
(``after-each-session`` without an offset) are not dated events; each session's description
names them instead, so the calendars are not doubled with same-day reminders. A level
``after-each-session`` with an offset yields one follow-up per session, UID suffixed by the
module.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from glocal.model import Cohort, Evaluation, ScheduledSession


@dataclass(frozen=True)
class FollowUp:
    """One dated follow-up of one cohort; ``sequence`` is its anchor session's SEQUENCE."""

    cohort: str
    evaluation: Evaluation
    day: dt.date
    sequence: int
    module: str | None = None  # set for per-session follow-ups


def _local_day(session: ScheduledSession, cohort: Cohort) -> dt.date:
    return session.start.astimezone(zoneinfo.ZoneInfo(cohort.timezone)).date()


def cohort_followups(
    cohort: Cohort, sessions: list[ScheduledSession], evaluation: list[Evaluation]
) -> list[FollowUp]:
    """The dated follow-ups of one cohort, sorted by date then level."""
    if not sessions:
        return []
    ordered = sorted(sessions, key=lambda s: (s.start, s.index))
    out: list[FollowUp] = []
    for level in evaluation:
        offset = dt.timedelta(days=level.when.offset_days)
        anchor = level.when.anchor
        if anchor == "after-each-session":
            if not level.when.offset_days:
                continue
            out += [
                FollowUp(cohort.id, level, _local_day(s, cohort) + offset, s.sequence, s.module)
                for s in ordered
            ]
            continue
        session = ordered[0] if anchor == "after-first-session" else ordered[-1]
        out.append(FollowUp(cohort.id, level, _local_day(session, cohort) + offset, session.sequence))
    return sorted(out, key=lambda f: (f.day, f.evaluation.level, f.module or ""))
