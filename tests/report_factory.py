"""Hand-made schedules for report tests: built from the workspace, no solver involved.

Each cohort gets one session per module, a week apart from the first working Tuesday of the
window, at a given local hour, with the first facilitator who speaks the cohort's language and
holds the module's skills. Plans made this way are not necessarily valid (no rule is checked);
they exercise the report's layout, local times and escaping.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel import Locale

from glocal.model import ReasonRecord, Schedule, ScheduledSession, Status
from glocal.workspace import ProgramBundle


def first_capable(bundle: ProgramBundle, language: str, skills: list[str]) -> str:
    """The first facilitator (file order) who speaks ``language`` and holds ``skills``."""
    for facilitator in bundle.facilitators:
        if language in facilitator.languages and set(skills) <= set(facilitator.skills):
            return facilitator.id
    raise AssertionError(f"no facilitator for {language} {skills}")


def weekly_schedule(bundle: ProgramBundle, hour: int = 10, weekday: int = 1) -> Schedule:
    """One session per module per cohort, weekly on ``weekday`` (0 = Monday) at ``hour`` local time."""
    sessions = []
    first_day = bundle.rollout.window.start
    while first_day.weekday() != weekday:
        first_day += dt.timedelta(days=1)
    modules = bundle.program.modules
    for cohort in bundle.rollout.cohorts:
        zone = ZoneInfo(cohort.timezone)
        language = Locale.parse(cohort.locale).language
        for index, module in enumerate(modules, start=1):
            day = first_day + dt.timedelta(weeks=index - 1)
            if cohort.start_after and day < cohort.start_after:
                day += dt.timedelta(weeks=(cohort.start_after - first_day).days // 7 + 1)
            start = dt.datetime.combine(day, dt.time(hour), zone).astimezone(dt.UTC)
            sessions.append(
                ScheduledSession(
                    cohort=cohort.id,
                    module=module.id,
                    facilitator=first_capable(bundle, language, module.skills),
                    start=start,
                    end=start + dt.timedelta(minutes=module.duration),
                    index=index,
                    count=len(modules),
                )
            )
    return Schedule(program=bundle.program.id, status=Status.FEASIBLE, objective=10, best_bound=5, gap=0.5,
                    seed=0, costs={"cohort_preferred_hours": 0}, sessions=sessions)


def infeasible_schedule(bundle: ProgramBundle) -> Schedule:
    """An infeasible result with one reason, as the solver returns it."""
    reason = ReasonRecord(
        rule="language",
        text="cohort dubai-1, module team-simulation: no facilitator speaks ar and holds change-management and facilitation",
        cohort="dubai-1",
        module="team-simulation",
    )
    return Schedule(program=bundle.program.id, status=Status.INFEASIBLE, reasons=[reason])
