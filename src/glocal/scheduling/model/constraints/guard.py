"""Enforcement literals for rule groups (empty for the main solve)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ortools.sat.python import cp_model


class GroupKey(NamedTuple):
    """A rule group: the rule and what it is about, in user terms."""

    rule: str
    cohort: str | None = None
    module: str | None = None
    facilitator: str | None = None


Guard = Callable[[GroupKey], list[cp_model.IntVar]]


def no_guard(key: GroupKey) -> list[cp_model.IntVar]:
    """Every rule is hard: no enforcement literal."""
    return []
