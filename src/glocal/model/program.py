"""program.yaml: the core curriculum."""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from glocal.model.base import Strict
from glocal.model.rollout import Organizer
from glocal.values import (
    Id,
    LocaleId,
    Minutes,
    Percent,
    fail,
)
from glocal.values.limits import (
    MAX_OFFSET_DAYS,
)
from glocal.values.text import Line, Paragraph


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
