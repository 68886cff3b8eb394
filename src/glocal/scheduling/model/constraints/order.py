"""Module order and the gap between the end of the previous module and the next start."""

from __future__ import annotations

from ortools.sat.python import cp_model

from glocal.scheduling.model.constraints.guard import GroupKey, Guard
from glocal.scheduling.model.variables import Variables
from glocal.scheduling.problem.build import Problem, Session


def end_expr(found: Variables, session: Session, unit: int) -> cp_model.LinearExpr:
    """The end of a session in model units."""
    end: cp_model.LinearExpr = found.start[session.number] + session.duration // unit
    return end


def add_order(model: cp_model.CpModel, problem: Problem, found: Variables, guard: Guard) -> None:
    """start(next) - end(previous) lies in [gap.min, gap.max] (elapsed minutes)."""
    unit = problem.unit
    by_key = {(s.cohort, s.module): s for s in found.sessions}
    for session in found.sessions:
        if session.predecessor is None:
            continue
        previous = by_key[(session.cohort, session.predecessor)]
        distance = found.start[session.number] - end_expr(found, previous, unit)
        literals = guard(GroupKey("gap", session.cohort, session.module))
        # Both sides are whole units, so rounding the bounds inward is exact.
        model.add(distance >= -(-session.gap_min // unit)).only_enforce_if(literals)
        if session.gap_max is not None:
            model.add(distance <= session.gap_max // unit).only_enforce_if(literals)
