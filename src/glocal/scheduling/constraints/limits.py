"""``max_sessions_per_day`` / ``_per_week`` in the facilitator's local calendar.

Only facilitators with a limit get day variables: for each option and each of the
facilitator's local days its start domain reaches, a Boolean "delivered on that day";
exactly one is true when the facilitator delivers the session. Weeks are ISO weeks
(Monday to Sunday) of the facilitator's local dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ortools.sat.python import cp_model

from glocal.scheduling.constraints.guard import GroupKey, Guard
from glocal.scheduling.problem import Problem
from glocal.scheduling.variables import Variables


def add_limits(model: cp_model.CpModel, problem: Problem, found: Variables, guard: Guard) -> None:
    """Bound the sessions a facilitator delivers per local day and per local ISO week.

    With a daily limit, Booleans per local day (weeks are sums of days); with only a weekly
    limit, Booleans per local week (five to seven times fewer variables).
    """
    for person_id, keys in found.by_facilitator().items():
        person = problem.facilitators[person_id]
        if person.max_per_day is None and person.max_per_week is None:
            continue
        literals = guard(GroupKey("sessions-per-day-week", facilitator=person_id))
        days = [(day.date, day.span[0], day.span[1]) for day in person.days]
        weeks_spans = _weeks(days)
        fixed = found.fixed.starts(person_id)
        if person.max_per_day is not None:
            per_day = _period_literals(model, problem, found, keys, days)
            weeks: dict[Any, list[cp_model.IntVar]] = {}
            for day, first, last in days:
                flags = per_day.get(day, [])
                weeks.setdefault(_week_of(day), []).extend(flags)
                taken = sum(first <= start <= last for start in fixed)
                if flags and len(flags) + taken > person.max_per_day:
                    model.add(sum(flags) + taken <= person.max_per_day).only_enforce_if(literals)
        else:
            weeks = _period_literals(model, problem, found, keys, weeks_spans)
        for week, first, last in weeks_spans:
            flags = weeks.get(week, [])
            taken = sum(first <= start <= last for start in fixed)
            if person.max_per_week is not None and flags and len(flags) + taken > person.max_per_week:
                model.add(sum(flags) + taken <= person.max_per_week).only_enforce_if(literals)


def _week_of(day: dt.date) -> tuple[int, int]:
    iso = day.isocalendar()
    return (iso[0], iso[1])


def _weeks(days: list[tuple[dt.date, int, int]]) -> list[tuple[Any, int, int]]:
    """Local ISO weeks as contiguous spans of the axis (a week's days are adjacent)."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for day, low, high in days:
        week = _week_of(day)
        first, last = spans.get(week, (low, high))
        spans[week] = (min(first, low), max(last, high))
    return [(week, low, high) for week, (low, high) in sorted(spans.items())]


def _period_literals(
    model: cp_model.CpModel, problem: Problem, found: Variables, keys: list[tuple[int, str]],
    periods: list[tuple[Any, int, int]],
) -> dict[Any, list[cp_model.IntVar]]:
    """Per option, one Boolean per period its domain reaches; exactly one when present."""
    unit = problem.unit
    flags: dict[Any, list[cp_model.IntVar]] = {}
    for key in keys:
        domain = found.domains[key]
        start = found.start[key[0]]
        mine = []
        for period, first, last in periods:
            low, high = -(-first // unit), last // unit
            if domain.intersection_with(cp_model.Domain(low, high)).is_empty():
                continue
            inside = model.new_bool_var(f"in[{key},{period}]")
            model.add_linear_constraint(start, low, high).only_enforce_if(inside)
            mine.append(inside)
            flags.setdefault(period, []).append(inside)
        model.add(sum(mine) == found.presence[key])
    return flags
