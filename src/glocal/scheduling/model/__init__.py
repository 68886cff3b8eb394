"""The CP-SAT model of a problem: variables, one builder per constraint, the named objectives.

``build_component`` assembles a component's model; ``costs`` evaluates the same objective in
plain Python so a plan found without the solver is scored by the same formulas.
"""

from glocal.scheduling.model.assemble import Component, build_component, components

__all__ = ["Component", "build_component", "components"]
