"""Quality figures of a schedule that the solver's plan and the baseline's can be compared on.

These are the parts of the solver's objective measured directly from a ``Schedule`` with
the benchmark's own code: minutes outside preferred hours (cohort and facilitator side),
facilitator changes within cohorts (continuity), the most-loaded facilitator, and when the
last session ends. ``solver_objective`` scores a schedule with the solver's own formula when
``glocal.scheduling`` exposes one.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any
from zoneinfo import ZoneInfo

from glocal.model import Schedule
from glocal.values import TimeRange
from glocal.workspace import ProgramBundle


@dataclass(frozen=True)
class Metrics:
    """Comparable parts of a plan's quality (lower is better except ``placed``)."""

    placed: int
    cohort_minutes_outside_preferred: int
    facilitator_minutes_outside_preferred: int
    extra_facilitators_per_cohort: int  # sum over cohorts of (distinct facilitators - 1)
    max_load: int  # sessions of the most-loaded facilitator
    last_end: str  # UTC instant the last session ends
    finish_days: int  # sum over cohorts of days from window start to their last session's end

    def as_dict(self) -> dict[str, Any]:
        """The figures by name."""
        return asdict(self)


def _outside(start: dt.datetime, end: dt.datetime, zone: str, hours: TimeRange) -> int:
    """Minutes of [start, end) outside ``hours`` in local wall-clock time of its start day."""
    local = start.astimezone(ZoneInfo(zone))
    begin = local.hour * 60 + local.minute
    length = int((end - start).total_seconds() // 60)
    overlap = max(0, min(begin + length, hours.end) - max(begin, hours.start))
    return length - overlap


def measure(bundle: ProgramBundle, schedule: Schedule) -> Metrics:
    """Compute the comparable figures of a schedule."""
    rollout = bundle.rollout
    cohorts = {c.id: c for c in rollout.cohorts}
    team = {f.id: f for f in bundle.facilitators}
    cohort_outside = fac_outside = 0
    by_cohort: dict[str, set[str]] = defaultdict(set)
    last_by_cohort: dict[str, dt.datetime] = {}
    load: Counter[str] = Counter()
    for session in schedule.sessions:
        cohort, fac = cohorts[session.cohort], team.get(session.facilitator)
        preferred = cohort.preferred_hours or rollout.defaults.preferred_hours
        if preferred is not None:
            cohort_outside += _outside(session.start, session.end, cohort.timezone, preferred)
        if fac is not None and fac.preferred_hours is not None:
            fac_outside += _outside(session.start, session.end, fac.timezone, fac.preferred_hours)
        by_cohort[session.cohort].add(session.facilitator)
        load[session.facilitator] += 1
        last_by_cohort[session.cohort] = max(session.end, last_by_cohort.get(session.cohort, session.end))
    window_start = dt.datetime.combine(rollout.window.start, dt.time(), tzinfo=dt.UTC)
    return Metrics(
        placed=len(schedule.sessions),
        cohort_minutes_outside_preferred=cohort_outside,
        facilitator_minutes_outside_preferred=fac_outside,
        extra_facilitators_per_cohort=sum(len(f) - 1 for f in by_cohort.values()),
        max_load=max(load.values(), default=0),
        last_end=max(last_by_cohort.values()).isoformat() if last_by_cohort else "",
        finish_days=sum((end - window_start).days for end in last_by_cohort.values()),
    )


def solver_objective(bundle: ProgramBundle, schedule: Schedule) -> int | None:
    """The solver's objective value of any schedule, if the solver exposes its formula."""
    for module_name, function in (("glocal.scheduling.objective", "score_schedule"),
                                  ("glocal.scheduling", "score_schedule")):
        try:
            score = getattr(importlib.import_module(module_name), function)
        except (ImportError, AttributeError):
            continue
        value = score(bundle, schedule)
        return int(value) if value is not None else None
    return None
