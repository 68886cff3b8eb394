"""Finding plans: greedy and cohort-chain construction, hints, CP-SAT, LNS, repair, in parallel.

``solve(bundle, options)`` runs the whole pipeline and returns a ``Schedule``.
"""

from glocal.scheduling.search.solver import solve

__all__ = ["solve"]
