"""Local calendar variables of a start: wall minute, date, ISO week and weekday in a zone.

All linear, so presolve has nothing to expand: with ``k`` the local date (days since the
epoch date) and ``offset(k)`` the zone's UTC offset during that day's working hours,
``start = 1440 k - offset(k) + minute``; ``offset(k)`` is the first day's offset plus one
step per DST change, switched on by a Boolean ``k >= change day``; and
``k + weekday(epoch) = 7 week + weekday`` (weeks run Monday to Sunday, like ISO weeks).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ortools.sat.python import cp_model

from glocal.scheduling.problem.build import Party, Problem


class LocalClock:
    """Local wall minute, date number, week number and weekday of a start."""

    def __init__(self, minute: cp_model.IntVar, day: cp_model.IntVar, week: cp_model.IntVar,
                 weekday: cp_model.IntVar) -> None:
        self.minute = minute
        self.day = day
        self.week = week
        self.weekday = weekday


def local_clock(
    model: cp_model.CpModel, problem: Problem, start: cp_model.IntVar, party: Party, name: str,
    domain: cp_model.Domain, enforce: list[cp_model.IntVar] | None = None,
) -> LocalClock:
    """Variables for the local calendar position of ``start`` in ``party``'s zone.

    With ``enforce`` (a facilitator's presence), the clock is tied to the start only when
    those literals hold: the days known are those of ``domain``, which the start need not
    lie in when someone else delivers the session.
    """
    unit = problem.unit
    days = [
        day for day in party.days
        if not domain.intersection_with(cp_model.Domain(-(-day.span[0] // unit), day.span[1] // unit)).is_empty()
    ]
    epoch = problem.axis.epoch.date()
    numbers = [(day.date - epoch).days for day in days]
    offsets = [1440 * number - day.base for number, day in zip(numbers, days, strict=True)]
    day_var = model.new_int_var_from_domain(cp_model.Domain.from_values(numbers), f"day[{name}]")
    switches: list[cp_model.IntVar] = []
    steps: list[int] = []
    for position in range(1, len(days)):
        step = offsets[position] - offsets[position - 1]
        if step:
            after = model.new_bool_var(f"after-dst[{name},{days[position].date}]")
            model.add(day_var >= numbers[position]).only_enforce_if(after)
            model.add(day_var < numbers[position]).only_enforce_if(after.Not())
            switches.append(after)
            steps.append(step)
    offset = cp_model.LinearExpr.weighted_sum(switches, steps) + offsets[0]
    minute = model.new_int_var(0, 1439, f"local[{name}]")
    model.add(unit * start == 1440 * day_var - offset + minute).only_enforce_if(enforce or [])
    shift = epoch.weekday()
    week = model.new_int_var((numbers[0] + shift) // 7, (numbers[-1] + shift) // 7, f"week[{name}]")
    weekday = model.new_int_var(0, 6, f"weekday[{name}]")
    model.add(day_var + shift == 7 * week + weekday)
    return LocalClock(minute, day_var, week, weekday)


def local_day_number(problem: Problem, party: Party, minute: int) -> int:
    """The party-local date number (days since the epoch date) of an axis minute."""
    instant = problem.axis.epoch + dt.timedelta(minutes=minute)
    return (instant.astimezone(ZoneInfo(party.zone)).date() - problem.axis.epoch.date()).days
