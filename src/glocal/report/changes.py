"""The report's "Changes since the previous plan" section: its view model.

One row per session that changed (``schedule.changes`` as numbered by ``revise``) in human
words, with the invite or cancellation files that must be sent and to which addresses;
rendered by the partial ``templates/report_changes.html.j2`` (included by the report page).
"""

from __future__ import annotations

from dataclasses import dataclass

from glocal.calendars.changes import session_changes
from glocal.model import Schedule, Status
from glocal.workspace import ProgramBundle

_WORDS = {
    "new": "new session", "moved": "moved", "facilitator": "new facilitator", "venue": "venue or link changed",
    "text": "text changed", "attendees": "attendees changed", "cancelled": "cancelled",
    "delivered": "delivered before the freeze date (kept, nothing sent)",
}


@dataclass(frozen=True)
class MessageRow:
    """One file to send: ``REQUEST calendars/invites/oslo-1/capstone.ics`` and its addresses."""

    method: str
    path: str
    to: list[str]


@dataclass(frozen=True)
class ChangeRow:
    """One changed session as the report shows it."""

    key: str  # cohort/module
    what: str  # "moved, new facilitator"
    when: str  # "2027-02-09 09:00 UTC (was 2027-02-08 09:00 UTC)"
    facilitator: str  # "jonas (was katrin)"
    sequence: int
    cancelled: bool
    messages: list[MessageRow]


@dataclass(frozen=True)
class ChangesView:
    """The section: changed sessions, and how many new ones (a first plan is all new)."""

    rows: list[ChangeRow]
    new: int
    to_send: int  # files to send for the rows and the new sessions


def _was(now: str, before: str) -> str:
    if now and before and now != before:
        return f"{now} (was {before})"
    return now or (f"was {before}" if before else "")


def changes_view(bundle: ProgramBundle, schedule: Schedule) -> ChangesView:
    """The changes of ``schedule`` with the messages they need (empty for an infeasible plan)."""
    if schedule.status is Status.INFEASIBLE:
        return ChangesView([], 0, 0)
    rows: list[ChangeRow] = []
    new = to_send = 0
    for item in session_changes(bundle, schedule):
        change = item.change
        to_send += len(item.messages)
        if change.what == ["new"]:
            new += 1
            continue
        fmt = "%Y-%m-%d %H:%M UTC"
        rows.append(ChangeRow(
            key=f"{change.cohort}/{change.module}",
            what=", ".join(_WORDS[w] for w in change.what),
            when=_was(change.start.strftime(fmt) if change.start else "",
                      change.previous_start.strftime(fmt) if change.previous_start else ""),
            facilitator=_was(change.facilitator or "", change.previous_facilitator or ""),
            sequence=change.sequence,
            cancelled="cancelled" in change.what,
            messages=[MessageRow(m.method, m.path, m.to) for m in item.messages],
        ))
    return ChangesView(rows, new, to_send)
