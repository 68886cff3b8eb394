"""The hard rules of the model, one module per family.

Every family takes a ``Guard``: the main solve passes ``no_guard`` (every rule is hard);
the infeasibility explanation passes one that puts each rule group under an enforcement
literal, so CP-SAT can name the groups that conflict (see ``explain.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from glocal.scheduling.model.constraints.assignment import add_assignment
from glocal.scheduling.model.constraints.guard import GroupKey, Guard, no_guard
from glocal.scheduling.model.constraints.limits import add_limits
from glocal.scheduling.model.constraints.order import add_order
from glocal.scheduling.model.constraints.overlap import add_overlaps
from glocal.scheduling.model.variables import Variables
from glocal.scheduling.problem.build import Problem

__all__ = ["GroupKey", "Guard", "add_hard_rules", "no_guard"]

Family = Callable[[cp_model.CpModel, Problem, Variables, Guard], None]
FAMILIES: tuple[Family, ...] = (add_assignment, add_order, add_overlaps, add_limits)


def add_hard_rules(model: cp_model.CpModel, problem: Problem, found: Variables, guard: Guard = no_guard) -> None:
    """Add every hard rule family to the model."""
    for family in FAMILIES:
        family(model, problem, found, guard)
