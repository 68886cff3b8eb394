"""No facilitator delivers two sessions at once or without the rest buffer between them;
no cohort attends two sessions at once."""

from __future__ import annotations

from ortools.sat.python import cp_model

from glocal.scheduling.model.constraints.guard import GroupKey, Guard
from glocal.scheduling.model.variables import Variables
from glocal.scheduling.problem.build import Problem


def add_overlaps(model: cp_model.CpModel, problem: Problem, found: Variables, guard: Guard) -> None:
    """NoOverlap per facilitator (duration + session_buffer) and per cohort (duration)."""
    unit = problem.unit
    sessions = {s.number: s for s in found.sessions}
    for person, keys in found.by_facilitator().items():
        fixed = found.fixed.busy.get(person, [])
        if len(keys) + len(fixed) < 2:
            continue
        literals = guard(GroupKey("facilitator-overlap", facilitator=person))
        intervals = []
        for key in keys:
            session = sessions[key[0]]
            active = found.presence[key]
            if literals:
                # NoOverlap takes no enforcement literal: make the interval absent instead.
                active = model.new_bool_var(f"overlap-active[{key}]")
                model.add_bool_and([found.presence[key], *literals]).only_enforce_if(active)
                model.add_bool_or([active, found.presence[key].Not(), *[lit.Not() for lit in literals]])
            size = (session.duration + problem.buffer) // unit
            intervals.append(
                model.new_optional_fixed_size_interval_var(found.start[key[0]], size, active, f"busy[{key}]")
            )
        for start, size in fixed:  # sessions outside this model that stay put
            intervals.append(model.new_fixed_size_interval_var(start // unit, size // unit, f"fixed[{person},{start}]"))
        model.add_no_overlap(intervals)
    by_cohort: dict[str, list[int]] = {}
    for session in found.sessions:
        by_cohort.setdefault(session.cohort, []).append(session.number)
    for cohort, numbers in sorted(by_cohort.items()):
        literals = guard(GroupKey("cohort-overlap", cohort=cohort))
        intervals = []
        for number in numbers:
            size = sessions[number].duration // unit
            if literals:
                intervals.append(
                    model.new_optional_fixed_size_interval_var(found.start[number], size, literals[0], f"attend[{number}]")
                )
            else:
                intervals.append(model.new_fixed_size_interval_var(found.start[number], size, f"attend[{number}]"))
        model.add_no_overlap(intervals)
