"""The decision variables of one component: a start per session, a presence per option.

Times in the model count in ``problem.unit`` minutes (usually the 15-minute grid), so a
working day is one contiguous interval of a start domain instead of 32 separate points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ortools.sat.python import cp_model

from glocal.scheduling.model.clock import LocalClock, local_clock
from glocal.scheduling.problem.build import Option, Problem, Session


@dataclass(frozen=True)
class Fixed:
    """Sessions outside a neighbourhood model that stay where they are (``lns.py``)."""

    busy: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # facilitator -> (start, size)
    load: dict[str, int] = field(default_factory=dict)  # facilitator -> sessions

    def starts(self, person: str) -> list[int]:
        """Start minutes of a facilitator's fixed sessions."""
        return [start for start, _ in self.busy.get(person, [])]


class CostEntry(NamedTuple):
    """One weighted amount of a soft term, attributed to a session and/or a cohort."""

    weight: int
    amount: cp_model.IntVar
    session: int | None
    cohort: str | None


@dataclass
class Variables:
    """Every variable of a component model, by what it means."""

    sessions: list[Session]
    start: dict[int, cp_model.IntVar] = field(default_factory=dict)
    presence: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    domains: dict[tuple[int, str], cp_model.Domain] = field(default_factory=dict)
    costs: dict[str, list[CostEntry]] = field(default_factory=dict)
    constant_costs: dict[str, int] = field(default_factory=dict)
    session_constant_costs: dict[int, dict[str, int]] = field(default_factory=dict)
    fixed: Fixed = field(default_factory=Fixed)
    clocks: dict[tuple[int, str], LocalClock] = field(default_factory=dict)  # facilitator-local, per option

    def by_facilitator(self) -> dict[str, list[tuple[int, str]]]:
        """Option keys grouped per facilitator, sorted (see ``fixed`` for sessions outside)."""
        groups: dict[str, list[tuple[int, str]]] = {}
        for key in sorted(self.presence, key=lambda k: (k[1], k[0])):
            groups.setdefault(key[1], []).append(key)
        return groups

    def add_cost(
        self, term: str, weight: int, amount: cp_model.IntVar, session: Session | None = None,
        cohort: str | None = None,
    ) -> None:
        """Record a weighted soft term, attributed to a session or a cohort when it has one."""
        if weight:
            number = session.number if session is not None else None
            owner = session.cohort if session is not None else cohort
            self.costs.setdefault(term, []).append(CostEntry(weight, amount, number, owner))


def option_domain(option: Option, grid: int, unit: int) -> cp_model.Domain:
    """The allowed starts of an option, in model units."""
    step = grid // unit
    intervals: list[list[int]] = []
    for low, high in option.starts:
        if step == 1:
            intervals.append([low // unit, high // unit])
        else:
            intervals += [[point, point] for point in range(low // unit, high // unit + 1, step)]
    return cp_model.Domain.from_intervals(intervals)


def build_variables(
    model: cp_model.CpModel, problem: Problem, sessions: list[Session], relaxed: bool = False,
    with_presence: bool = True,
) -> Variables:
    """Starts and presences; ``relaxed`` lets a start leave every calendar (for explanations).

    Without presences, a start may take any facilitator's allowed start (for relaxations).
    """
    found = Variables(sessions)
    unit = problem.unit
    for session in sessions:
        options = problem.options[session.number]
        union: list[list[int]] = []
        for option in options:
            key = (session.number, option.facilitator)
            domain = option_domain(option, session.grid, unit)
            found.domains[key] = domain
            union += [list(pair) for pair in _pairs(domain)]
        name = f"{session.cohort}/{session.module}"
        if relaxed:
            union = [[0, problem.axis.horizon // unit]]
        found.start[session.number] = model.new_int_var_from_domain(
            cp_model.Domain.from_intervals(union), f"start[{name}]"
        )
        for option in options if with_presence else []:
            key = (session.number, option.facilitator)
            found.presence[key] = model.new_bool_var(f"by[{name},{option.facilitator}]")
    return found


def _pairs(domain: cp_model.Domain) -> list[tuple[int, int]]:
    flat = domain.flattened_intervals()
    return [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]


def option_clock(model: cp_model.CpModel, problem: Problem, found: Variables, key: tuple[int, str]) -> LocalClock:
    """The facilitator-local clock of an option, built once and shared by every rule and term."""
    clock = found.clocks.get(key)
    if clock is None:
        number, person_id = key
        session = problem.sessions[number]
        name = f"{session.cohort}/{session.module}@{person_id}"
        clock = local_clock(model, problem, found.start[number], problem.facilitators[person_id], name,
                            found.domains[key], [found.presence[key]])
        found.clocks[key] = clock
    return clock
