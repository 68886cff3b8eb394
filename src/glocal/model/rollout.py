"""rollout.yaml: who takes the program, where and when."""

from __future__ import annotations

from pydantic import Field, field_validator

from glocal.model.base import Strict
from glocal.values import (
    CountryValue,
    DateValue,
    Id,
    LocaleId,
    Minutes,
    TimeRange,
    TimeRangeValue,
    TimeZone,
    Weekday,
    fail,
)
from glocal.values.bounded import Horizon, Weight
from glocal.values.limits import (
    MAX_COHORT_SIZE,
)
from glocal.values.text import Line


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
