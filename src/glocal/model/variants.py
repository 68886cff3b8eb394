"""Locale variants and cultural profiles (locales/<locale>/*.yaml)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from glocal.model.base import Strict
from glocal.values import (
    Id,
    LocaleId,
    Minutes,
    fail,
)
from glocal.values.text import Line, Paragraph


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


class ObjectiveVariant(Strict):
    """The translation of one core objective; what it means (its id, its place) stays the core's."""

    text: Paragraph | None = None
    id: Any = None  # present only to report "locked" precisely (workspace.checks.variants)


class EvaluationVariant(Strict):
    """The translation of one core evaluation level's instrument; level and timing stay the core's."""

    instrument: Line | None = None
    level: Any = None  # present only to report "locked" precisely
    when: Any = None


def _keyed(what: str, example: str) -> Any:
    """A before-validator: a variant addresses objectives and levels by key, never as a list."""

    def check(value: Any) -> Any:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise fail(
                f"a locale variant translates {what} as a mapping by {example}, not as a list; "
                f"adding, removing or reordering {what} changes their meaning, which the core program locks"
            )
        return value

    return BeforeValidator(check)


class Variant(Strict):
    """A locale variant of one program (``locales/<locale>/<program>.yaml``).

    ``objectives`` and ``evaluation`` carry translations of the core's objective texts and
    evaluation instruments; their meaning (which objectives and levels exist, when) is locked.

    ``sources`` maps a field path (``modules.foundations.title``) to a short hash of the core
    text it was translated from (written by ``glocal locales stamp``); ``acknowledged`` maps an
    activity path (``feedback/hot-seat``) to the reason a cultural-fit clash is accepted.
    """

    program: Id
    based_on: int | None = Field(default=None, ge=1)
    title: Line | None = None
    summary: Paragraph | None = None
    modules: dict[Id, ModuleVariant] = Field(default_factory=dict)
    # Translations only: objectives by id, evaluation levels by level number (``1`` .. ``4``).
    objectives: Annotated[
        dict[Id, ObjectiveVariant], _keyed("objectives", "objective id (lead-change: text: ...)")
    ] = Field(default_factory=dict)
    evaluation: Annotated[
        dict[str, EvaluationVariant],
        _keyed("evaluation levels", "level (3: instrument: ...)"),
    ] = Field(default_factory=dict)
    sources: dict[Line, Line] = Field(default_factory=dict)
    acknowledged: dict[Line, Paragraph] = Field(default_factory=dict)


class Profile(Strict):
    """A cultural profile of a locale (``locales/<locale>/profile.yaml``)."""

    locale: LocaleId
    avoid_styles: list[Line] = Field(default_factory=list)
    prefer_styles: list[Line] = Field(default_factory=list)
