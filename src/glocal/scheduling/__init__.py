"""Scheduling: problem -> CP-SAT model -> search -> schedule, with diagnosis and an independent
validator. Its face: ``solve``, ``diagnose`` and ``validate_schedule``.
"""

from glocal.scheduling.diagnose import diagnose
from glocal.scheduling.problem.options import Progress, SolveOptions
from glocal.scheduling.search.portfolio import solve_portfolio
from glocal.scheduling.search.solver import solve
from glocal.scheduling.validate import Violation, validate_portfolio, validate_schedule

__all__ = ["Progress", "SolveOptions", "solve", "solve_portfolio"]
__all__ += ["Violation", "diagnose", "validate_portfolio", "validate_schedule"]
