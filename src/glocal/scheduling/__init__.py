"""Scheduling: the CP-SAT planner, its independent validator and pre-solve diagnostics."""

from glocal.scheduling.diagnose import diagnose
from glocal.scheduling.options import Progress, SolveOptions
from glocal.scheduling.solver import solve
from glocal.scheduling.validate import Violation, validate_schedule

__all__ = ["Progress", "SolveOptions", "solve"]
__all__ += ["Violation", "diagnose", "validate_schedule"]
