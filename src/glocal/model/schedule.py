"""The schedule glocal produces (schedule.json)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Literal

from pydantic import Field, field_validator

from glocal.model.base import Strict
from glocal.values import (
    fail,
    in_years,
)
from glocal.values.text import Line, Paragraph


class Status(str, Enum):
    """Solver outcome as written to ``schedule.json``."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    PARTIAL = "partial"  # a plan that leaves some sessions unplaced (see Schedule.unplaced)
    INFEASIBLE = "infeasible"


class Attendee(Strict):
    """Someone invited to a session (iTIP ATTENDEE): CHAIR is the facilitator."""

    name: str
    email: str
    role: Literal["CHAIR", "REQ-PARTICIPANT"] = "REQ-PARTICIPANT"


class ScheduledSession(Strict):
    """One placed session. ``start``/``end`` are UTC instants; local times are for people."""

    cohort: Line
    module: Line
    facilitator: Line
    start: dt.datetime
    end: dt.datetime
    index: int = Field(ge=1, description="session N of M within the cohort")
    count: int = Field(ge=1)
    cohort_local_start: Line = ""
    cohort_local_end: Line = ""
    facilitator_local_start: Line = ""
    facilitator_local_end: Line = ""
    costs: dict[str, int] = Field(default_factory=dict)
    sequence: int = 0
    moved: bool = False
    # iTIP state (docs/calendars.md): DTSTAMP of this SEQUENCE, a digest per visible aspect,
    # who is invited, and who was taken off the invite (they are owed a CANCEL).
    stamp: dt.datetime | None = None
    revision: dict[str, str] = Field(default_factory=dict)
    attendees: list[Attendee] = Field(default_factory=list)
    removed: list[Attendee] = Field(default_factory=list)
    # In a partial plan, a session of a cohort that is not placed whole: never invited.
    tentative: bool = False

    @field_validator("start", "end", "stamp")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise fail("session times need an offset (e.g. 2027-02-09T01:00:00Z)")
        in_years(value.date())  # a session in year 9999 overflows when shifted to a time zone
        return value.astimezone(dt.UTC)


class SessionChange(Strict):
    """What became of one session since the previous plan (``changes.json``)."""

    cohort: str
    module: str
    what: list[str] = Field(description="new, moved, facilitator, venue, text, attendees, cancelled, delivered")
    sequence: int
    start: dt.datetime | None = None
    facilitator: str | None = None
    previous_start: dt.datetime | None = None
    previous_facilitator: str | None = None

class ReasonRecord(Strict):
    """A serialisable infeasibility reason (mirrors ``glocal.errors.Reason``)."""

    rule: Line
    text: Paragraph
    cohort: Line | None = None
    module: Line | None = None
    facilitator: Line | None = None
    date: Line | None = None


class UnplacedSession(Strict):
    """A session a partial plan could not place, and why, in the coordinator's terms."""

    cohort: str
    module: str
    reason: str


class Suggestion(Strict):
    """A change to the workspace files and how many more sessions it measurably places."""

    kind: str = Field(description="add-facilitator, extend-window or raise-limit")
    change: dict[str, Any] = Field(default_factory=dict)
    places: int = Field(ge=0, description="extra sessions placed when re-planned with the change")
    text: str


class CancelledSession(Strict):
    """A session of an earlier plan that no longer exists (for METHOD:CANCEL)."""

    cohort: Line
    module: Line
    start: dt.datetime
    end: dt.datetime
    sequence: int
    facilitator: Line | None = None
    stamp: dt.datetime | None = None
    attendees: list[Attendee] = Field(default_factory=list)

    @field_validator("start", "end")
    @classmethod
    def _in_years(cls, value: dt.datetime) -> dt.datetime:
        in_years(value.date())  # shifted to time zones when cancellations are written
        return value


class Schedule(Strict):
    """The solver's result as written to ``schedule.json``."""

    program: Line
    status: Status
    objective: int | None = None
    best_bound: int | None = None
    gap: float | None = None
    solve_seconds: float | None = None
    seed: int = 0
    costs: dict[str, int] = Field(default_factory=dict, description="total per soft term")
    sessions: list[ScheduledSession] = Field(default_factory=list)
    reasons: list[ReasonRecord] = Field(default_factory=list)
    cancelled: list[CancelledSession] = Field(default_factory=list)
    changes: list[SessionChange] = Field(default_factory=list, description="since the previous plan")
    unplaced: list[UnplacedSession] = Field(default_factory=list)
    suggestions: list[Suggestion] = Field(default_factory=list)
