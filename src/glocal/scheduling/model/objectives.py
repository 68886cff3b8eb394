"""The soft objectives as named, weighted terms (see docs/scheduling.md for each term).

Every term is built from explicit variables so the result can say what each session and
each cohort cost. Local wall-clock minutes and weekdays are linear in the start, the local
date and one Boolean per DST change (``clock.py``).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from glocal.scheduling.model.clock import LocalClock, local_clock
from glocal.scheduling.model.constraints.order import end_expr
from glocal.scheduling.model.variables import Variables, option_clock
from glocal.scheduling.problem.build import Party, Problem, Session

WEEKDAY_CHANGE_QUARTERS = 4  # a weekday change costs as much as an hour of start-time spread


def add_objectives(model: cp_model.CpModel, problem: Problem, found: Variables) -> dict[int, LocalClock]:
    """Add every weighted soft term to ``found.costs`` and return the cohort-local clocks."""
    weights = problem.weights
    clocks: dict[int, LocalClock] = {}
    needs_clock = weights.cohort_preferred_hours > 0 or weights.weekly_rhythm > 0
    for session in found.sessions:
        cohort = problem.cohorts[session.cohort]
        name = f"{session.cohort}/{session.module}"
        if needs_clock:
            domain = cp_model.Domain.from_flat_intervals(found.start[session.number].proto.domain)
            clocks[session.number] = local_clock(model, problem, found.start[session.number], cohort, name, domain)
        if cohort.preferred is not None and weights.cohort_preferred_hours:
            minutes = _minutes_outside(model, clocks[session.number], session, cohort, name, [])
            found.add_cost("cohort_preferred_hours", weights.cohort_preferred_hours, minutes, session)
        _facilitator_preferred(model, problem, found, session)
    _continuity(model, problem, found)
    _load_balance(model, problem, found)
    _rhythm(model, problem, found, clocks)
    _early_finish(model, problem, found)
    return clocks


def _minutes_outside(
    model: cp_model.CpModel, clock: LocalClock, session: Session, party: Party, name: str,
    enforce: list[cp_model.IntVar],
) -> cp_model.IntVar:
    """Minutes of the session before the party's preferred start or after its preferred end."""
    assert party.preferred is not None
    early = model.new_int_var(0, 1440, f"early[{name},{party.id}]")
    late = model.new_int_var(0, 1440, f"late[{name},{party.id}]")
    model.add(early >= party.preferred.start - clock.minute).only_enforce_if(enforce)
    model.add(late >= clock.minute + session.duration - party.preferred.end).only_enforce_if(enforce)
    total = model.new_int_var(0, 2880, f"outside[{name},{party.id}]")
    model.add(total == early + late)
    return total


def _facilitator_preferred(model: cp_model.CpModel, problem: Problem, found: Variables, session: Session) -> None:
    weight = problem.weights.facilitator_preferred_hours
    if not weight:
        return
    for option in problem.options[session.number]:
        person = problem.facilitators[option.facilitator]
        if person.preferred is None:
            continue
        key = (session.number, option.facilitator)
        name = f"{session.cohort}/{session.module}@{person.id}"
        clock = option_clock(model, problem, found, key)
        minutes = _minutes_outside(model, clock, session, person, name, [found.presence[key]])
        found.add_cost("facilitator_preferred_hours", weight, minutes, session)


def _continuity(model: cp_model.CpModel, problem: Problem, found: Variables) -> None:
    """Distinct facilitators per cohort beyond the first."""
    weight = problem.weights.facilitator_continuity
    if not weight:
        return
    uses: dict[str, dict[str, list[cp_model.IntVar]]] = {}
    sessions = {s.number: s for s in found.sessions}
    for (number, person), presence in sorted(found.presence.items()):
        uses.setdefault(sessions[number].cohort, {}).setdefault(person, []).append(presence)
    for cohort, people in sorted(uses.items()):
        used = []
        for person, presences in sorted(people.items()):
            flag = model.new_bool_var(f"uses[{cohort},{person}]")
            model.add_max_equality(flag, presences)
            used.append(flag)
        extra = model.new_int_var(0, len(used), f"extra-facilitators[{cohort}]")
        model.add(extra >= sum(used) - 1)
        found.add_cost("facilitator_continuity", weight, extra, cohort=cohort)


def _load_balance(model: cp_model.CpModel, problem: Problem, found: Variables) -> None:
    """Sessions of the most-loaded facilitator of this component (independent pool)."""
    weight = problem.weights.load_balance
    if not weight:
        return
    groups = found.by_facilitator()
    outside = found.fixed.load
    most = model.new_int_var(max(outside.values(), default=0), len(found.sessions) + max(outside.values(), default=0),
                             "most-sessions")
    for person, keys in groups.items():
        model.add(most >= outside.get(person, 0) + sum(found.presence[key] for key in keys))
    found.add_cost("load_balance", weight, most)


def _rhythm(model: cp_model.CpModel, problem: Problem, found: Variables, clocks: dict[int, LocalClock]) -> None:
    """Per cohort: spread of local start times (quarter hours) plus weekday changes."""
    weight = problem.weights.weekly_rhythm
    if not weight:
        return
    by_cohort: dict[str, list[Session]] = {}
    for session in found.sessions:
        by_cohort.setdefault(session.cohort, []).append(session)
    for cohort, sessions in sorted(by_cohort.items()):
        if len(sessions) < 2:
            continue
        minutes = [clocks[s.number].minute for s in sessions]
        latest = model.new_int_var(0, 1439, f"latest[{cohort}]")
        earliest = model.new_int_var(0, 1439, f"earliest[{cohort}]")
        model.add_max_equality(latest, minutes)
        model.add_min_equality(earliest, minutes)
        quarters = model.new_int_var(0, 96, f"spread[{cohort}]")
        model.add(15 * quarters >= latest - earliest)
        changes = []
        by_module = {s.module: s for s in sessions}
        for session in sessions:
            if session.predecessor is None or session.predecessor not in by_module:
                continue
            before = clocks[by_module[session.predecessor].number].weekday
            changed = model.new_bool_var(f"weekday-change[{cohort}/{session.module}]")
            model.add(clocks[session.number].weekday == before).only_enforce_if(changed.Not())
            changes.append(changed)
        rhythm = model.new_int_var(0, 96 + WEEKDAY_CHANGE_QUARTERS * len(changes), f"rhythm[{cohort}]")
        model.add(rhythm == quarters + WEEKDAY_CHANGE_QUARTERS * sum(changes))
        found.add_cost("weekly_rhythm", weight, rhythm, cohort=cohort)


def _early_finish(model: cp_model.CpModel, problem: Problem, found: Variables) -> None:
    """Per cohort: whole days from the window's start to the end of its last session."""
    weight = problem.weights.early_finish
    if not weight:
        return
    unit = problem.unit
    first = 1440  # 00:00 UTC of the window's first date (the epoch is a day earlier)
    by_cohort: dict[str, list[Session]] = {}
    for session in found.sessions:
        by_cohort.setdefault(session.cohort, []).append(session)
    for cohort, sessions in sorted(by_cohort.items()):
        days = model.new_int_var(0, problem.axis.horizon // 1440 + 1, f"finish-day[{cohort}]")
        for session in sessions:
            model.add(1440 * days >= unit * end_expr(found, session, unit) - first)
        found.add_cost("early_finish", weight, days, cohort=cohort)
