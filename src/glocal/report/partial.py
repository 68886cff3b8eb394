"""The report's part about a partial plan: what is missing, why, and what would fix it.

A view model (``partial_view``) and its own template (``templates/report_partial.html.j2``),
included at the top of the report, so the report's layout can change around it.
"""

from __future__ import annotations

from dataclasses import dataclass

from glocal.model import Schedule, Status, Suggestion


@dataclass(frozen=True)
class MissingGroup:
    """Cohorts kept out by one cause, with the modules it keeps out."""

    reason: str
    cohorts: list[str]
    modules: list[str]


@dataclass(frozen=True)
class TentativeRow:
    """A placed session of a cohort that is not whole: never invited."""

    cohort: str
    module: str
    facilitator: str
    start: str  # cohort-local ISO date and time


@dataclass(frozen=True)
class PartialView:
    """Everything the partial section shows."""

    placed: int
    total: int
    whole: int
    cohorts: int
    missing: list[MissingGroup]
    reasons: list[str]  # the plan's other reasons (conflicting rules), not already said above
    suggestions: list[Suggestion]
    tentative: list[TentativeRow]


def partial_view(schedule: Schedule) -> PartialView | None:
    """The partial section's content, or None for a plan that is not partial."""
    if schedule.status is not Status.PARTIAL:
        return None
    groups: dict[str, dict[str, list[str]]] = {}
    for item in schedule.unplaced:
        groups.setdefault(item.reason, {}).setdefault(item.cohort, []).append(item.module)
    missing = [
        MissingGroup(reason, sorted(cohorts), sorted({m for modules in cohorts.values() for m in modules}))
        for reason, cohorts in groups.items()
    ]
    names = {s.cohort for s in schedule.sessions} | {u.cohort for u in schedule.unplaced}
    broken = {u.cohort for u in schedule.unplaced}
    tentative = [TentativeRow(s.cohort, s.module, s.facilitator, s.cohort_local_start[:16].replace("T", " "))
                 for s in schedule.sessions if s.tentative]
    return PartialView(
        placed=len(schedule.sessions), total=len(schedule.sessions) + len(schedule.unplaced),
        whole=len(names - broken), cohorts=len(names), missing=missing,
        reasons=[r.text for r in schedule.reasons if r.rule != "moved" and r.text not in groups],
        suggestions=list(schedule.suggestions), tentative=tentative,
    )
