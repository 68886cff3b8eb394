"""Each session is placed exactly once, by one eligible facilitator, inside both calendars."""

from __future__ import annotations

from ortools.sat.python import cp_model

from glocal.scheduling.model.constraints.guard import GroupKey, Guard
from glocal.scheduling.model.variables import Variables
from glocal.scheduling.problem.build import Problem


def add_assignment(model: cp_model.CpModel, problem: Problem, found: Variables, guard: Guard) -> None:
    """Exactly one presence per session; the start lies in the chosen facilitator's domain.

    Eligibility (language, skills, in-person country) was filtered in ``problem.py``: an
    ineligible facilitator has no presence variable at all.
    """
    for session in found.sessions:
        keys = [(session.number, option.facilitator) for option in problem.options[session.number]]
        model.add_exactly_one(found.presence[key] for key in keys)
        for key in keys:
            group = GroupKey("working-hours", session.cohort, session.module, key[1])
            model.add_linear_expression_in_domain(found.start[session.number], found.domains[key]).only_enforce_if(
                [found.presence[key], *guard(group)]
            )
