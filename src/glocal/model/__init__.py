"""The pydantic domain model of a glocal workspace and of the schedule glocal produces.

Models validate the *shape* and *values* of one file each (``extra="forbid"``, so a typo in a
key is an error). Rules that need more than one file live in ``glocal.workspace.loading``.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from glocal.values import (
    CountryValue,
    DateRangeValue,
    DateValue,
    Id,
    Language,
    LocaleId,
    Minutes,
    Percent,
    TimeRange,
    TimeRangeValue,
    TimeZone,
    Weekday,
    fail,
    in_years,
    parse_date_range,
)
from glocal.values.bounded import Horizon, Weight
from glocal.values.limits import (
    MAX_COHORT_SIZE,
    MAX_OFFSET_DAYS,
    MAX_SESSIONS_PER_DAY,
    MAX_SESSIONS_PER_WEEK,
)
from glocal.values.text import Line, Paragraph


class Strict(BaseModel):
    """Base of every file model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# ================================================================ program.yaml


class Delivery(str, Enum):
    """How a module is delivered."""

    VIRTUAL = "virtual"
    IN_PERSON = "in_person"
    HYBRID = "hybrid"


class Objective(Strict):
    """A learning objective (locked by default)."""

    id: Id
    text: Paragraph


_WHEN = re.compile(r"^(?:(?P<n>\d+)(?P<unit>[dw])\s+)?(?P<anchor>after-each-session|after-last-session|after-first-session)$")


class EvaluationTiming(Strict):
    """``60d after-last-session`` -> offset 60 days from the cohort's last session."""

    anchor: Literal["after-each-session", "after-last-session", "after-first-session"]
    offset_days: int = 0

    def __str__(self) -> str:
        return f"{self.offset_days}d {self.anchor}" if self.offset_days else self.anchor


def parse_when(value: Any) -> Any:
    """Parse the ``when`` text of an evaluation level."""
    if not isinstance(value, str):
        return value
    match = _WHEN.match(value.strip())
    if match is None:
        raise fail(
            f"invalid evaluation time '{value}'; use after-each-session, after-last-session "
            "or '<n>d after-last-session' (e.g. '60d after-last-session')"
        )
    days = int(match["n"] or 0) * (7 if match["unit"] == "w" else 1)
    if days > MAX_OFFSET_DAYS:
        raise fail(f"evaluation time '{value}' is more than {MAX_OFFSET_DAYS} days away; use a shorter offset")
    return {"anchor": match["anchor"], "offset_days": days}


class Evaluation(Strict):
    """One Kirkpatrick level with its instrument and when it happens."""

    level: int = Field(ge=1, le=4)
    instrument: Line
    when: Annotated[EvaluationTiming, BeforeValidator(parse_when)]


class Gap(Strict):
    """Allowed time between the end of the previous module and the start of this one."""

    min: Minutes = 0
    max: Minutes | None = None


class Activity(Strict):
    """A part of a module; ``styles`` drive the cultural-fit lint."""

    id: Id
    title: Line
    description: Paragraph | None = None
    minutes: int = Field(ge=1, le=24 * 60)
    styles: list[Line] = Field(default_factory=list)
    note: Paragraph | None = None


class Module(Strict):
    """One facilitator-led session per cohort."""

    id: Id
    title: Line
    description: Paragraph | None = None
    duration: Minutes
    delivery: Delivery = Delivery.VIRTUAL
    skills: list[Id] = Field(default_factory=list)
    after: Id | None = None
    gap: Gap = Gap()
    activities: list[Activity] = Field(default_factory=list)

    @field_validator("duration")
    @classmethod
    def _positive(cls, minutes: int) -> int:
        if not 0 < minutes <= 24 * 60:
            raise fail("a module lasts between 1 minute and 24 hours (e.g. 90m)")
        return minutes


class Adaptation(Strict):
    """What locale variants may change."""

    locked: list[str] = Field(default_factory=lambda: ["objectives", "evaluation"])
    duration_tolerance: Percent = 0.25


class Program(Strict):
    """The core curriculum (``programs/<id>/program.yaml``)."""

    id: Id
    version: int = Field(default=1, ge=1, le=1_000_000)
    title: Line
    summary: Paragraph | None = None
    source_locale: LocaleId = "en"
    objectives: list[Objective] = Field(default_factory=list)
    evaluation: list[Evaluation] = Field(default_factory=list)
    modules: list[Module] = Field(min_length=1)
    adaptation: Adaptation = Adaptation()
    organizer: Organizer | None = None  # the coordinator's mailbox; rollout.yaml may override

    def module(self, module_id: str) -> Module:
        """The module with this id (KeyError if none)."""
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)

    def predecessor(self, module_id: str) -> str | None:
        """The module this one follows: its ``after``, else the one listed before it."""
        ids = [m.id for m in self.modules]
        module = self.module(module_id)
        if module.after is not None:
            return module.after
        index = ids.index(module_id)
        return ids[index - 1] if index > 0 else None


# ================================================================ rollout.yaml


class Participant(Strict):
    """A participant; with an e-mail address, calendars become invites."""

    name: Line
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Organizer(Strict):
    """Who sends the invites (iTIP ORGANIZER)."""

    name: Line
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class CohortDefaults(Strict):
    """Defaults for every cohort of a rollout."""

    working_hours: TimeRangeValue = TimeRange(9 * 60, 17 * 60)
    preferred_hours: TimeRangeValue | None = None
    session_buffer: Minutes = 15


class Cohort(Strict):
    """A group of participants in one place, language and time zone."""

    id: Id
    locale: LocaleId
    timezone: TimeZone
    country: CountryValue
    size: int = Field(default=0, ge=0, le=MAX_COHORT_SIZE)
    working_hours: TimeRangeValue | None = None
    preferred_hours: TimeRangeValue | None = None
    weekend: list[Weekday] | None = None
    start_after: DateValue | None = None
    participants: list[Participant] = Field(default_factory=list)
    join_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    venue: Line | None = None
    # When not every cohort can be placed whole, higher priorities are placed first.
    priority: int = Field(default=0, ge=0, le=1000)


class ObjectiveWeights(Strict):
    """Weights of the soft objectives (see docs/scheduling.md), at most ``MAX_WEIGHT`` each."""

    cohort_preferred_hours: Weight = 10
    facilitator_preferred_hours: Weight = 5
    facilitator_continuity: Weight = 200
    load_balance: Weight = 20
    weekly_rhythm: Weight = 30
    early_finish: Weight = 1
    moved_session: Weight = 1000


class Rollout(Strict):
    """Who takes a program, where and when (``programs/<id>/rollout.yaml``)."""

    program: Id
    window: Horizon
    granularity: Minutes = 15
    defaults: CohortDefaults = CohortDefaults()
    organizer: Organizer | None = None
    objectives: ObjectiveWeights = ObjectiveWeights()
    cohorts: list[Cohort] = Field(min_length=1)

    @field_validator("granularity")
    @classmethod
    def _granularity(cls, minutes: int) -> int:
        if minutes <= 0 or 1440 % minutes:
            raise fail(f"granularity must divide a day into whole steps (e.g. 5m, 15m, 30m, 1h), not {minutes}m")
        return minutes


# ================================================================ facilitators.yaml


def parse_unavailable(value: Any) -> Any:
    """A date range string, or ``{date: <range>, hours: HH:MM-HH:MM}``."""
    if isinstance(value, dict):
        return value
    return {"date": parse_date_range(value)}


class Unavailability(Strict):
    """Leave (whole days) or partial unavailability (``hours`` on those days), facilitator-local."""

    date: DateRangeValue
    hours: TimeRangeValue | None = None


class Facilitator(Strict):
    """Someone who can deliver modules, in their own time zone and calendar."""

    id: Id
    name: Line
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    timezone: TimeZone
    country: CountryValue
    languages: list[Language] = Field(min_length=1)
    skills: list[Id] = Field(default_factory=list)
    working_hours: TimeRangeValue
    preferred_hours: TimeRangeValue | None = None
    weekend: list[Weekday] | None = None
    max_sessions_per_week: int | None = Field(default=None, ge=1, le=MAX_SESSIONS_PER_WEEK)
    max_sessions_per_day: int | None = Field(default=None, ge=1, le=MAX_SESSIONS_PER_DAY)
    unavailable: list[Annotated[Unavailability, BeforeValidator(parse_unavailable)]] = Field(
        default_factory=list
    )
    travels: bool = False
    busy: list[str] = Field(default_factory=list)  # .ics exports, paths from the workspace root


class FacilitatorsFile(Strict):
    """``facilitators.yaml`` of the workspace (shared) or of one program (``programs/<id>/``)."""

    facilitators: list[Facilitator] = Field(min_length=1)


# ================================================================ locales/<locale>/*.yaml


class ActivityVariant(Strict):
    """Translations and adaptations of one activity."""

    title: Line | None = None
    description: Paragraph | None = None
    minutes: int | None = Field(default=None, ge=1, le=24 * 60)
    styles: list[Line] | None = None
    note: Paragraph | None = None


class ModuleVariant(Strict):
    """Translations and adaptations of one module."""

    title: Line | None = None
    description: Paragraph | None = None
    duration: Minutes | None = None
    activities: dict[Id, ActivityVariant] = Field(default_factory=dict)


class Variant(Strict):
    """A locale variant of one program (``locales/<locale>/<program>.yaml``).

    ``sources`` maps a field path (``modules.foundations.title``) to a short hash of the core
    text it was translated from (written by ``glocal locales stamp``); ``acknowledged`` maps an
    activity path (``feedback/hot-seat``) to the reason a cultural-fit clash is accepted.
    """

    program: Id
    based_on: int | None = Field(default=None, ge=1)
    title: Line | None = None
    summary: Paragraph | None = None
    modules: dict[Id, ModuleVariant] = Field(default_factory=dict)
    objectives: Any = None  # present only to report "locked" precisely; see loading
    evaluation: Any = None
    sources: dict[Line, Line] = Field(default_factory=dict)
    acknowledged: dict[Line, Paragraph] = Field(default_factory=dict)


class Profile(Strict):
    """A cultural profile of a locale (``locales/<locale>/profile.yaml``)."""

    locale: LocaleId
    avoid_styles: list[Line] = Field(default_factory=list)
    prefer_styles: list[Line] = Field(default_factory=list)


# ================================================================ the schedule (output)


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
