"""Scheduling: the CP-SAT planner, its independent validator and pre-solve diagnostics."""

from glocal.scheduling.diagnose import diagnose
from glocal.scheduling.validate import Violation, validate_schedule

__all__ = ["Violation", "diagnose", "validate_schedule"]
