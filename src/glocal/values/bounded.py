"""Value types with bounds the solver and date arithmetic need (see ``glocal.values.limits``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field

from glocal.values import DateRange, DateRangeValue, fail
from glocal.values.limits import MAX_HORIZON_DAYS, MAX_WEIGHT


def _weight(weight: int) -> int:
    # The solver sums weight x cost in 64-bit integers; beyond this bound the sum can overflow.
    if weight > MAX_WEIGHT:
        raise fail(
            f"weight {weight} is too large; use 0 to {MAX_WEIGHT} (weights are relative, and "
            "larger ones could overflow the solver's 64-bit objective)"
        )
    return weight


def _horizon(window: DateRange) -> DateRange:
    days = (window.end - window.start).days + 1
    if days > MAX_HORIZON_DAYS:
        shorter = DateRange(window.start, window.start + dt.timedelta(days=MAX_HORIZON_DAYS - 1))
        raise fail(
            f"rollout window {window} is {days} days long; glocal plans at most "
            f"{MAX_HORIZON_DAYS} days (two years) at a time, so plan a shorter wave such as {shorter}"
        )
    return window


Weight = Annotated[int, Field(ge=0), AfterValidator(_weight)]
"""An objective weight: 0 to ``MAX_WEIGHT``."""

Horizon = Annotated[DateRangeValue, AfterValidator(_horizon)]
"""A rollout window of at most ``MAX_HORIZON_DAYS`` days."""
