"""Which measurements are due, overdue, done or upcoming, per cohort, from the plan.

Each level of ``program.yaml``'s ``evaluation`` is due on its anchor session's date *in the
cohort's time zone* plus its offset (the same rule the calendars' follow-up events use). A
level ``after-each-session`` is due once per session. A follow-up is ``done`` when results
for it are present (for a per-session level: answers about that module, or answers that
name no module at all), ``upcoming`` before its date, ``due`` from its date until
``grace_days`` later, and ``overdue`` after that. "Today" is taken in the cohort's zone too.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from glocal.evaluation.rows import Response
from glocal.model import Cohort, Evaluation, Schedule, ScheduledSession


@dataclass(frozen=True)
class FollowUpStatus:
    """One measurement of one cohort and where it stands."""

    cohort: str
    level: int
    instrument: str
    module: str | None  # the session, for levels measured after each session
    due: dt.date
    status: str  # done | due | overdue | upcoming
    respondents: int
    invited: int
    days_late: int  # days past the due date (0 when not yet due or done)

    def to_json(self) -> dict[str, object]:
        """The follow-up as written to evaluation.json."""
        return {
            "cohort": self.cohort, "level": self.level, "instrument": self.instrument,
            "module": self.module, "due": self.due.isoformat(), "status": self.status,
            "respondents": self.respondents, "invited": self.invited, "days_late": self.days_late,
        }


def cohort_today(cohort: Cohort, now: dt.datetime | dt.date) -> dt.date:
    """The date in the cohort's zone at instant ``now`` (a plain date is taken as is)."""
    if isinstance(now, dt.datetime):
        return now.astimezone(zoneinfo.ZoneInfo(cohort.timezone)).date()
    return now


def _due_dates(cohort: Cohort, sessions: list[ScheduledSession], level: Evaluation) -> list[tuple[str | None, dt.date]]:
    zone = zoneinfo.ZoneInfo(cohort.timezone)
    ordered = sorted(sessions, key=lambda s: (s.start, s.index))
    offset = dt.timedelta(days=level.when.offset_days)
    if level.when.anchor == "after-each-session":
        return [(s.module, s.start.astimezone(zone).date() + offset) for s in ordered]
    anchor = ordered[0] if level.when.anchor == "after-first-session" else ordered[-1]
    return [(None, anchor.start.astimezone(zone).date() + offset)]


def followups(
    cohorts: list[Cohort],
    invited: dict[str, int],
    schedule: Schedule,
    evaluation: list[Evaluation],
    responses: list[Response],
    now: dt.datetime | dt.date,
    grace_days: int,
) -> list[FollowUpStatus]:
    """Every follow-up of every scheduled cohort, by cohort (rollout order), date and level."""
    who: dict[tuple[str, int, str | None], set[str]] = {}
    for r in responses:
        who.setdefault((r.cohort, r.level, r.module), set()).add(r.participant)
    out: list[FollowUpStatus] = []
    for cohort in cohorts:
        sessions = [s for s in schedule.sessions if s.cohort == cohort.id]
        if not sessions:
            continue  # not placed: nothing is due; the plan's reasons say why
        today = cohort_today(cohort, now)
        mine: list[FollowUpStatus] = []
        for level in evaluation:
            for module, due in _due_dates(cohort, sessions, level):
                answered = who.get((cohort.id, level.level, module), set())
                if module is not None:
                    answered = answered | who.get((cohort.id, level.level, None), set())
                else:
                    answered = set().union(*(v for k, v in who.items() if k[0] == cohort.id and k[1] == level.level))
                late = (today - due).days
                if answered:
                    status = "done"
                elif late < 0:
                    status = "upcoming"
                elif late <= grace_days:
                    status = "due"
                else:
                    status = "overdue"
                mine.append(FollowUpStatus(
                    cohort.id, level.level, level.instrument, module, due, status,
                    len(answered), invited.get(cohort.id, 0), max(late, 0) if status != "done" else 0,
                ))
        out += sorted(mine, key=lambda f: (f.due, f.level, f.module or ""))
    return out
