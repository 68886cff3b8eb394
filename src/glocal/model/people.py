"""facilitators.yaml: who can deliver it."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from glocal.model.base import Strict
from glocal.values import (
    CountryValue,
    DateRangeValue,
    Id,
    Language,
    TimeRangeValue,
    TimeZone,
    Weekday,
    parse_date_range,
)
from glocal.values.limits import (
    MAX_SESSIONS_PER_DAY,
    MAX_SESSIONS_PER_WEEK,
)
from glocal.values.text import Line


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
