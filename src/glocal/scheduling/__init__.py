"""Scheduling: problem -> CP-SAT model -> search -> schedule, with diagnosis and an independent
validator. Its face: ``solve``, ``diagnose`` and ``validate_schedule``.

The face is loaded on first use (PEP 562): importing ``glocal.scheduling.validate`` or
``glocal.scheduling.problem`` must not import OR-Tools, which only the search needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glocal.scheduling.diagnose import diagnose
    from glocal.scheduling.problem.options import Progress, SolveOptions
    from glocal.scheduling.search.portfolio import solve_portfolio
    from glocal.scheduling.search.solver import solve
    from glocal.scheduling.validate import Violation, validate_portfolio, validate_schedule

__all__ = ["Progress", "SolveOptions", "Violation", "diagnose", "solve", "solve_portfolio"]
__all__ += ["validate_portfolio", "validate_schedule"]

_HOME = {
    "diagnose": "glocal.scheduling.diagnose",
    "Progress": "glocal.scheduling.problem.options",
    "SolveOptions": "glocal.scheduling.problem.options",
    "solve": "glocal.scheduling.search.solver",
    "solve_portfolio": "glocal.scheduling.search.portfolio",
    "validate_portfolio": "glocal.scheduling.validate",
    "Violation": "glocal.scheduling.validate",
    "validate_schedule": "glocal.scheduling.validate",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'glocal.scheduling' has no attribute {name!r}")
