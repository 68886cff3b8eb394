"""``max_sessions_per_day`` / ``_per_week`` in the facilitator's local calendar.

Each option of a limited facilitator has a facilitator-local clock (``clock.py``): its local
date number and Monday-based week number are integer variables, linear in the start. A limit
is then a cumulative over that axis: one optional unit interval per option at its local day
(or week), present when the facilitator delivers it, capacity = the limit; sessions outside
the model that stay put (``Variables.fixed``) are fixed unit intervals. This keeps a handful
of variables per option where one Boolean per (option, day) took 90 % of a large model.
"""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from glocal.scheduling.model.clock import LocalClock, local_day_number
from glocal.scheduling.model.constraints.guard import GroupKey, Guard
from glocal.scheduling.model.variables import Variables, option_clock
from glocal.scheduling.problem.build import Party, Problem

Pick = Callable[[LocalClock], cp_model.IntVar]


def add_limits(model: cp_model.CpModel, problem: Problem, found: Variables, guard: Guard) -> None:
    """Bound the sessions a facilitator delivers per local day and per local Monday-Sunday week."""
    for person_id, keys in found.by_facilitator().items():
        person = problem.facilitators[person_id]
        fixed = found.fixed.starts(person_id)
        if _cannot_bind(person, len(keys) + len(fixed)):
            continue
        literals = guard(GroupKey("sessions-per-day-week", facilitator=person_id))
        active = [_counted(model, found.presence[key], literals, f"{key}") for key in keys]
        clocks = [option_clock(model, problem, found, key) for key in keys]
        shift = problem.axis.epoch.date().weekday()
        fixed_days = [local_day_number(problem, person, start) for start in fixed]
        if person.max_per_day is not None and len(keys) + len(fixed) > person.max_per_day:
            _cumulative(model, clocks, active, fixed_days, person.max_per_day, lambda c: c.day, f"{person_id}/day")
        if person.max_per_week is not None and len(keys) + len(fixed) > person.max_per_week:
            fixed_weeks = [(day + shift) // 7 for day in fixed_days]
            _cumulative(model, clocks, active, fixed_weeks, person.max_per_week, lambda c: c.week, f"{person_id}/week")


def _cannot_bind(person: Party, most: int) -> bool:
    """True when no limit is set or none is below the sessions the facilitator could get."""
    limits = [limit for limit in (person.max_per_day, person.max_per_week) if limit is not None]
    return all(most <= limit for limit in limits)


def _counted(
    model: cp_model.CpModel, presence: cp_model.IntVar, literals: list[cp_model.IntVar], name: str
) -> cp_model.IntVar:
    """``presence``, or, under a guard, ``presence and every literal`` (cumulative constraints
    take no enforcement literal, so a switched-off rule makes its intervals absent instead)."""
    if not literals:
        return presence
    counted = model.new_bool_var(f"limit-active[{name}]")
    model.add_bool_and([presence, *literals]).only_enforce_if(counted)
    model.add_bool_or([counted, presence.Not(), *[lit.Not() for lit in literals]])
    return counted


def _cumulative(
    model: cp_model.CpModel, clocks: list[LocalClock], active: list[cp_model.IntVar], fixed: list[int],
    capacity: int, pick: Pick, name: str,
) -> None:
    """At most ``capacity`` present options (and fixed sessions) on one value of ``pick``."""
    intervals = [
        model.new_optional_fixed_size_interval_var(pick(clock), 1, present, f"count[{name},{index}]")
        for index, (clock, present) in enumerate(zip(clocks, active, strict=True))
    ]
    intervals += [model.new_fixed_size_interval_var(value, 1, f"fixed[{name},{value}]") for value in fixed]
    model.add_cumulative(intervals, [1] * len(intervals), capacity)
