"""Split a problem into independent components and build one CP-SAT model per component."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from glocal.scheduling.model.constraints import add_hard_rules
from glocal.scheduling.model.objectives import add_objectives
from glocal.scheduling.model.reschedule import Previous, add_previous
from glocal.scheduling.model.variables import Fixed, Variables, build_variables
from glocal.scheduling.problem.build import Problem, Session


@dataclass
class Component:
    """A model over sessions that share no facilitator and no cohort with any other."""

    model: cp_model.CpModel
    found: Variables

    @property
    def sessions(self) -> list[Session]:
        """The sessions of this component."""
        return self.found.sessions


def components(problem: Problem) -> list[list[Session]]:
    """Groups of sessions linked through a cohort or a shared eligible facilitator."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for session in problem.sessions:
        for option in problem.options[session.number]:
            parent[find("f:" + option.facilitator)] = find("c:" + session.cohort)
    groups: dict[str, list[Session]] = {}
    for session in problem.sessions:
        groups.setdefault(find("c:" + session.cohort), []).append(session)
    return sorted(groups.values(), key=lambda group: group[0].number)


def build_component(
    problem: Problem, sessions: list[Session], previous: Previous, fixed: Fixed | None = None
) -> Component:
    """The optimisation model of some sessions (a component, or a neighbourhood of one with
    the rest ``fixed``): variables, hard rules, soft terms."""
    model = cp_model.CpModel()
    found = build_variables(model, problem, sessions)
    if fixed is not None:
        found.fixed = fixed
    add_hard_rules(model, problem, found)
    add_objectives(model, problem, found)
    add_previous(model, problem, found, previous)
    terms = [entry.weight * entry.amount for entries in found.costs.values() for entry in entries]
    model.minimize(sum(terms))
    return Component(model, found)
