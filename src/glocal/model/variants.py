"""Locale variants and cultural profiles (locales/<locale>/*.yaml)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from glocal.model.base import Strict
from glocal.values import (
    Id,
    LocaleId,
    Minutes,
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
