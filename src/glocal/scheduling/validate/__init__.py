"""The independent validator: re-checks a schedule against the workspace, sharing no code with
the model builder (only the domain model and values).
"""

from glocal.scheduling.validate.portfolio import validate_portfolio
from glocal.scheduling.validate.schedule import Violation, validate_schedule

__all__ = ["Violation", "validate_portfolio", "validate_schedule"]
