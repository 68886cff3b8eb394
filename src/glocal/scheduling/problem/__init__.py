"""The scheduling problem: a workspace program -> sessions, options and windows on a time axis.

``build_problem(bundle)`` gives the ``Problem``; ``options`` holds what a solve is asked to do.
"""

from glocal.scheduling.problem.build import Option, Party, Problem, Session, build_problem
from glocal.scheduling.problem.options import Progress, SolveOptions

__all__ = ["Option", "Party", "Problem", "Progress", "Session", "SolveOptions", "build_problem"]
