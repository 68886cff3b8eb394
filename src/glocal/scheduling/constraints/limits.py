"""``max_sessions_per_day`` / ``_per_week`` in the facilitator's local calendar.

Only facilitators with a limit get day variables: for each option and each of the
facilitator's local days its start domain reaches, a Boolean "delivered on that day";
exactly one is true when the facilitator delivers the session. Weeks are ISO weeks
(Monday to Sunday) of the facilitator's local dates.
"""

from __future__ import annotations

import datetime as dt

from ortools.sat.python import cp_model

from glocal.scheduling.constraints.guard import GroupKey, Guard
from glocal.scheduling.problem import Party, Problem
from glocal.scheduling.variables import Variables


def add_limits(model: cp_model.CpModel, problem: Problem, found: Variables, guard: Guard) -> None:
    """Bound the sessions a facilitator delivers per local day and per local ISO week."""
    for person_id, keys in found.by_facilitator().items():
        person = problem.facilitators[person_id]
        if person.max_per_day is None and person.max_per_week is None:
            continue
        per_day = _day_literals(model, problem, found, person, keys)
        literals = guard(GroupKey("sessions-per-day-week", facilitator=person_id))
        weeks: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        for day in sorted(per_day):
            iso = day.isocalendar()
            weeks.setdefault((iso[0], iso[1]), []).extend(per_day[day])
            if person.max_per_day is not None and len(per_day[day]) > person.max_per_day:
                model.add(sum(per_day[day]) <= person.max_per_day).only_enforce_if(literals)
        for week in sorted(weeks):
            if person.max_per_week is not None and len(weeks[week]) > person.max_per_week:
                model.add(sum(weeks[week]) <= person.max_per_week).only_enforce_if(literals)


def _day_literals(
    model: cp_model.CpModel, problem: Problem, found: Variables, person: Party, keys: list[tuple[int, str]]
) -> dict[dt.date, list[cp_model.IntVar]]:
    unit = problem.unit
    per_day: dict[dt.date, list[cp_model.IntVar]] = {}
    for key in keys:
        domain = found.domains[key]
        start = found.start[key[0]]
        on_days = []
        for day in person.days:
            low, high = -(-day.span[0] // unit), day.span[1] // unit
            if domain.intersection_with(cp_model.Domain(low, high)).is_empty():
                continue
            on_day = model.new_bool_var(f"on[{key},{day.date}]")
            model.add_linear_constraint(start, low, high).only_enforce_if(on_day)
            on_days.append(on_day)
            per_day.setdefault(day.date, []).append(on_day)
        model.add(sum(on_days) == found.presence[key])
    return per_day
