"""An independent check of a schedule against every hard rule of the workspace.

``validate_schedule`` re-implements the hard rules straight from the workspace model, with
its own code (zoneinfo, ``holidays`` and babel directly, judging each session instant in
local wall-clock time) rather than the model builder's interval domains. ``glocal plan`` runs
it after every solve, ``glocal validate`` on a ``schedule.json``, and the tests on every plan.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from glocal.model import Facilitator, Schedule, Status
from glocal.scheduling.validate.calendar import MINUTE, local_days_and_weeks, module_durations
from glocal.scheduling.validate.session import Placed, Violation, session_violations
from glocal.values import format_duration
from glocal.workspace import ProgramBundle

__all__ = ["Violation", "validate_schedule"]


def validate_schedule(bundle: ProgramBundle, schedule: Schedule) -> list[Violation]:
    """Every hard rule the schedule breaks (empty when the plan is valid), in a stable order."""
    found = list(_status(bundle, schedule))
    if schedule.status is not Status.INFEASIBLE:
        placed, problems = _placements(bundle, schedule)
        found += problems
        for item in placed:
            found += session_violations(bundle, item)
        found += _order_and_gaps(bundle, placed)
        found += _facilitator_load(bundle, placed)
    return sorted(found, key=_sort_key)


def _sort_key(v: Violation) -> tuple[str, str, str, str, str]:
    start = v.start.isoformat() if v.start is not None else ""
    return (v.cohort or "", start, v.module or "", v.rule, v.text)


def _status(bundle: ProgramBundle, schedule: Schedule) -> Iterator[Violation]:
    if schedule.program != bundle.program.id:
        yield Violation(
            "program",
            f"the schedule is for program '{schedule.program}', not '{bundle.program.id}'",
        )
    if schedule.status is Status.INFEASIBLE:
        if not schedule.reasons:
            yield Violation(
                "status",
                "the schedule is infeasible but gives no reason; an infeasible plan names at least one",
            )
        if schedule.sessions:
            yield Violation(
                "status",
                f"the schedule is infeasible but lists {len(schedule.sessions)} sessions; an infeasible plan has none",
            )


def _placements(bundle: ProgramBundle, schedule: Schedule) -> tuple[list[Placed], list[Violation]]:
    """Sessions whose cohort and module exist, and the violations of "exactly once"."""
    cohorts = {c.id: c for c in bundle.rollout.cohorts}
    modules = {m.id: m for m in bundle.program.modules}
    facilitators: dict[str, Facilitator] = {f.id: f for f in bundle.facilitators}
    durations = module_durations(bundle)
    placed: list[Placed] = []
    problems: list[Violation] = []
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for session in schedule.sessions:
        cohort, module = cohorts.get(session.cohort), modules.get(session.module)
        if cohort is None or module is None:
            what = f"cohort '{session.cohort}'" if cohort is None else f"module '{session.module}'"
            problems.append(
                Violation(
                    "placement",
                    f"session {session.cohort}/{session.module}: unknown {what}; the rollout has no such {what.split()[0]}",
                    session.cohort,
                    session.module,
                    session.facilitator,
                    session.start,
                )
            )
            continue
        seen[(cohort.id, module.id)] += 1
        duration = durations[(cohort.id, module.id)]
        placed.append(
            Placed(session, cohort, module, facilitators.get(session.facilitator), duration)
        )
    # A partial plan lists what it could not place; those sessions are accounted for.
    unplaced = {(u.cohort, u.module) for u in schedule.unplaced} if schedule.status is Status.PARTIAL else set()
    if schedule.unplaced and schedule.status is not Status.PARTIAL:
        problems.append(Violation(
            "status", f"the schedule is {schedule.status.value} but lists {len(schedule.unplaced)} unplaced "
            "sessions; only a partial plan leaves sessions unplaced"))
    for cohort_id in sorted(cohorts):
        for module in bundle.program.modules:
            count = seen[(cohort_id, module.id)]
            if count == 0 and (cohort_id, module.id) in unplaced:
                continue
            if count != 1 or (cohort_id, module.id) in unplaced:
                what = "is not placed" if count == 0 else f"is placed {count} times"
                if count == 1:
                    what = "is placed and also listed as unplaced"
                problems.append(
                    Violation(
                        "placement",
                        f"cohort {cohort_id}, module {module.id} {what}; every module of every cohort has exactly one session",
                        cohort_id,
                        module.id,
                    )
                )
    return placed, problems


def _order_and_gaps(bundle: ProgramBundle, placed: list[Placed]) -> Iterator[Violation]:
    """Each module starts after its predecessor ends, within the module's gap min/max."""
    by_key = {(p.cohort.id, p.module.id): p for p in placed}
    for item in placed:
        before_id = bundle.program.predecessor(item.module.id)
        before = by_key.get((item.cohort.id, before_id)) if before_id is not None else None
        if before is None:
            continue
        gap = item.module.gap
        waited = (item.session.start - before.session.end) / MINUTE
        if waited < 0:
            yield item.violation(
                "order",
                f"starts before {before_id} ends ({before.session.end:%Y-%m-%dT%H:%M}Z); modules follow their order",
            )
        elif waited < gap.min:
            yield item.violation(
                "gap",
                f"starts {_minutes(waited)} after {before_id} ends; at least {format_duration(gap.min)} must pass",
            )
        elif gap.max is not None and waited > gap.max:
            yield item.violation(
                "gap",
                f"starts {_minutes(waited)} after {before_id} ends; at most {format_duration(gap.max)} may pass",
            )


def _minutes(value: float) -> str:
    return format_duration(int(value)) if value == int(value) else f"{value:g} minutes"


def _facilitator_load(bundle: ProgramBundle, placed: list[Placed]) -> Iterator[Violation]:
    """No overlap (with the session buffer) and the daily/weekly limits, per facilitator."""
    mine: dict[str, list[Placed]] = defaultdict(list)
    for item in placed:
        if item.facilitator is not None:
            mine[item.facilitator.id].append(item)
    buffer = dt.timedelta(minutes=bundle.rollout.defaults.session_buffer)
    for fac_id in sorted(mine):
        sessions = sorted(mine[fac_id], key=lambda p: (p.session.start, p.session.end, p.cohort.id))
        yield from _overlaps(sessions, buffer)
        fac = sessions[0].facilitator
        assert fac is not None
        yield from _limits(fac, sessions)


def _overlaps(sessions: list[Placed], buffer: dt.timedelta) -> Iterator[Violation]:
    for i, first in enumerate(sessions):
        for later in sessions[i + 1 :]:
            if later.session.start >= first.session.end + buffer:
                break  # sorted by start: no later session can clash with ``first`` either
            clash = "overlaps" if later.session.start < first.session.end else "follows too closely"
            yield later.violation(
                "overlap",
                f"{clash} {first.cohort.id}/{first.module.id} ({first.session.start:%Y-%m-%dT%H:%M}Z-"
                f"{first.session.end:%H:%M}Z) of the same facilitator; keep {format_duration(int(buffer / MINUTE))} between sessions",
            )


def _limits(fac: Facilitator, sessions: list[Placed]) -> Iterator[Violation]:
    """max_sessions_per_day / _per_week counted in the facilitator's local calendar (ISO weeks)."""
    days, weeks = local_days_and_weeks(fac.timezone, sessions, lambda item: item.session.start)
    if fac.max_sessions_per_day is not None:
        for day in sorted(days):
            if len(days[day]) > fac.max_sessions_per_day:
                yield days[day][-1].violation(
                    "per-day",
                    f"{fac.id} has {len(days[day])} sessions on {day.isoformat()} (local); max_sessions_per_day is {fac.max_sessions_per_day}",
                )
    if fac.max_sessions_per_week is not None:
        for year, week in sorted(weeks):
            group = weeks[(year, week)]
            if len(group) > fac.max_sessions_per_week:
                yield group[-1].violation(
                    "per-week",
                    f"{fac.id} has {len(group)} sessions in week {year}-W{week:02d} (local); max_sessions_per_week is {fac.max_sessions_per_week}",
                )
