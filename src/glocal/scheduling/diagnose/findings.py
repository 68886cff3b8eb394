"""Pre-solve diagnostics: fast checks that name why no plan can exist, in a coordinator's terms.

Each check looks at a relaxation of the problem (one cohort, one module or one facilitator at
a time), so every reason it gives is a real obstacle: when ``diagnose`` returns reasons, no
plan satisfies every hard rule. An empty list proves nothing; the solver decides the rest.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from glocal.errors import Reason
from glocal.model import Cohort, Facilitator, Module
from glocal.scheduling.diagnose.dst import dst_hours
from glocal.scheduling.diagnose.windows import (
    Meeting,
    cohort_days,
    cohort_spans,
    first_day,
    free_by_date,
    meeting,
    recent_change,
)
from glocal.scheduling.validate.calendar import (
    can_be_present,
    cohort_hours,
    cohort_weekend,
    is_eligible,
    language_of,
    missing_skills,
    module_durations,
    needs_presence,
    skills_text,
)
from glocal.values import format_duration
from glocal.workspace import ProgramBundle

__all__ = ["diagnose", "summarize"]

_DST_SYMPTOMS = {"chain-span", "no-overlap", "no-common-day"}


def diagnose(bundle: ProgramBundle) -> list[Reason]:
    """Reasons why no plan can exist, found without the solver (empty: none found)."""
    durations = module_durations(bundle)
    reasons = list(_no_working_day(bundle))
    reasons += _no_facilitator(bundle)
    dst = list(dst_hours(bundle))
    reasons += dst
    later = list(_chain_span(bundle, durations))
    meetings = _meetings(bundle)
    later += _no_common_window(bundle, durations, meetings)
    later += _weekly_limits(bundle, durations, meetings)
    # Where DST leaves a cohort no start at all, "too few days" and "no overlap" are its symptoms.
    blocked = {reason.cohort for reason in dst}
    reasons += [r for r in later if r.cohort not in blocked or r.rule not in _DST_SYMPTOMS]
    return list(dict.fromkeys(reasons))  # the same overlap can block several modules


def summarize(reasons: list[Reason]) -> str:
    """The reasons as lines for a terminal, one ``- text`` per reason."""
    if not reasons:
        return "no obstacle found before solving"
    return "\n".join(f"- {reason.text}" for reason in reasons)


# ---------------------------------------------------------------- cohorts


def _no_working_day(bundle: ProgramBundle) -> Iterator[Reason]:
    window = bundle.rollout.window
    for cohort in bundle.rollout.cohorts:
        first = first_day(bundle, cohort)
        if first > window.end:
            yield Reason(
                "no-working-day",
                f"cohort {cohort.id} has start_after {first.isoformat()}, after the rollout window {window} ends",
                cohort.id,
            )
        elif not cohort_days(bundle, cohort):
            where = "after start_after" if first > window.start else "in the rollout window"
            yield Reason(
                "no-working-day",
                f"cohort {cohort.id} has no working day {where} ({first.isoformat()}..{window.end.isoformat()})",
                cohort.id,
            )


def _no_facilitator(bundle: ProgramBundle) -> Iterator[Reason]:
    """Sessions nobody can deliver: language and skills, then presence in the room."""
    for cohort in bundle.rollout.cohorts:
        language = language_of(cohort.locale)
        for module in bundle.program.modules:
            able = [
                f
                for f in bundle.facilitators
                if language in f.languages and not missing_skills(module, f)
            ]
            needs = f"speaks {language}" + (
                f" and holds {skills_text(module.skills)}" if module.skills else ""
            )
            if not able:
                yield Reason(
                    "no-facilitator",
                    f"cohort {cohort.id}, module {module.id}: no facilitator {needs}",
                    cohort.id,
                    module.id,
                )
            elif needs_presence(module) and not any(can_be_present(cohort, f) for f in able):
                yield Reason(
                    "in-person",
                    f"cohort {cohort.id}, module {module.id}: the {module.delivery.value} session needs a facilitator "
                    f"in {cohort.country.code} or one who travels, and none who {needs} does",
                    cohort.id,
                    module.id,
                )


def _chain_span(bundle: ProgramBundle, durations: dict[tuple[str, str], int]) -> Iterator[Reason]:
    """Modules in order with their minimum gaps, on the cohort's working days only."""
    for cohort in bundle.rollout.cohorts:
        spans = [span for _, span in cohort_spans(bundle, cohort)]
        if not spans:
            continue  # reported by _no_working_day
        hours = cohort_hours(bundle, cohort)
        too_long = [
            m for m in bundle.program.modules if durations[(cohort.id, m.id)] > hours.minutes
        ]
        for module in too_long:
            yield Reason(
                "session-too-long",
                f"cohort {cohort.id}, module {module.id}: the {format_duration(durations[(cohort.id, module.id)])} "
                f"session is longer than the cohort's working hours {hours}",
                cohort.id,
                module.id,
            )
        if too_long:
            continue
        ends: dict[str, dt.datetime] = {}
        for module in _in_dependency_order(bundle):
            before = bundle.program.predecessor(module.id)
            earliest = (
                ends[before] + dt.timedelta(minutes=module.gap.min)
                if before in ends
                else spans[0][0]
            )
            length = dt.timedelta(minutes=durations[(cohort.id, module.id)])
            start = next(
                (max(s, earliest) for s, e in spans if max(s, earliest) + length <= e), None
            )
            if start is None:
                yield _chain_reason(bundle, cohort, module)
                break
            ends[module.id] = start + length


def _in_dependency_order(bundle: ProgramBundle) -> list[Module]:
    """Modules with every predecessor before its followers (``after`` may point forward)."""
    done: list[Module] = []
    pending = list(bundle.program.modules)
    while pending:
        ready = [
            m for m in pending if bundle.program.predecessor(m.id) in {d.id for d in done} | {None}
        ]
        if not ready:  # a cycle: the loader reports it; stop here rather than loop
            break
        done += ready
        pending = [m for m in pending if m not in ready]
    return done


def _chain_reason(bundle: ProgramBundle, cohort: Cohort, blocked: Module) -> Reason:
    """``cohort tokyo-2 has 6 modules with 2-day minimum gaps but only 9 working days ...``."""
    program = bundle.program
    chain = [blocked]
    while (before := program.predecessor(chain[0].id)) is not None:
        chain.insert(0, program.module(before))
    while (
        after := next(
            (m for m in program.modules if program.predecessor(m.id) == chain[-1].id), None
        )
    ) is not None:
        chain.append(after)
    gaps = [m.gap.min for m in chain[1:]]
    if not any(gaps):
        with_gaps = ""
    elif len(set(gaps)) == 1:
        gap = gaps[0]
        with_gaps = (
            f" with {gap // 1440}-day minimum gaps"
            if gap % 1440 == 0
            else f" with {format_duration(gap)} minimum gaps"
        )
    else:
        with_gaps = " with minimum gaps of " + skills_text([format_duration(g) for g in gaps])
    where = (
        "after start_after"
        if first_day(bundle, cohort) > bundle.rollout.window.start
        else "in the rollout window"
    )
    days = len(cohort_days(bundle, cohort))
    return Reason(
        "chain-span",
        f"cohort {cohort.id} has {len(chain)} modules{with_gaps} but only {days} working day{'s' if days != 1 else ''} {where}",
        cohort.id,
        blocked.id,
    )


# ---------------------------------------------------------------- cohorts and facilitators


Meetings = dict[tuple[str, str], Meeting]


def _meetings(bundle: ProgramBundle) -> Meetings:
    """How each cohort meets each facilitator who could deliver at least one of its modules."""
    free = {fac.id: free_by_date(bundle, fac) for fac in bundle.facilitators}
    found: Meetings = {}
    # Cohorts in the same place with the same calendar meet everyone the same way.
    same: dict[tuple[object, ...], Meeting] = {}
    for cohort in bundle.rollout.cohorts:
        days = cohort_spans(bundle, cohort)
        place = (
            cohort.timezone,
            cohort.country,
            cohort_hours(bundle, cohort),
            cohort_weekend(cohort),
            first_day(bundle, cohort),
        )
        for fac in bundle.facilitators:
            if any(is_eligible(cohort, m, fac) for m in bundle.program.modules):
                key = (*place, fac.id)
                if key not in same:
                    same[key] = meeting(days, fac, free[fac.id])
                found[(cohort.id, fac.id)] = same[key]
    return found


def _can_deliver(
    cohort: Cohort, module: Module, fac: Facilitator, minutes: int, meetings: Meetings
) -> bool:
    return is_eligible(cohort, module, fac) and meetings[(cohort.id, fac.id)].best >= minutes


def _no_common_window(
    bundle: ProgramBundle, durations: dict[tuple[str, str], int], meetings: Meetings
) -> Iterator[Reason]:
    """Sessions no eligible facilitator can fit into a common working window."""
    for cohort in bundle.rollout.cohorts:
        if not cohort_days(bundle, cohort):
            continue
        for module in bundle.program.modules:
            minutes = durations[(cohort.id, module.id)]
            eligible = [f for f in bundle.facilitators if is_eligible(cohort, module, f)]
            if minutes > cohort_hours(bundle, cohort).minutes:
                continue  # reported by _chain_span against the cohort's own hours
            if not eligible or any(
                _can_deliver(cohort, module, f, minutes, meetings) for f in eligible
            ):
                continue
            longest, whose = max((meetings[(cohort.id, f.id)].best, f.id) for f in eligible)
            if longest > 0:
                yield Reason(
                    "session-too-long",
                    f"cohort {cohort.id}, module {module.id}: the {format_duration(minutes)} session is longer than "
                    f"any common working window of the cohort and an eligible facilitator (longest: {format_duration(longest)} with {whose})",
                    cohort.id,
                    module.id,
                    whose,
                )
            for fac in eligible:
                yield from _no_overlap(cohort, fac, meetings[(cohort.id, fac.id)], bool(bundle.busy.get(fac.id)))


def _no_overlap(cohort: Cohort, fac: Facilitator, met: Meeting, busy: bool = False) -> Iterator[Reason]:
    """Why a cohort and a facilitator never share a working minute (or in which weeks)."""
    theirs = f"{fac.id}'s free time (working hours less busy calendar time)" if busy else f"{fac.id}'s"
    if not met.shared_days:
        yield Reason(
            "no-common-day",
            f"cohort {cohort.id} and {fac.id} have no working day in common in the window"
            + (" (busy calendar time included)" if busy else ""),
            cohort.id,
            None,
            fac.id,
        )
        return
    weeks = sorted(met.empty_days)
    changes = {week: recent_change(cohort, fac, met.empty_days[week][0]) for week in weeks}
    if met.best == 0 and not any(changes.values()):
        yield Reason(
            "no-overlap",
            f"no overlap between {cohort.id}'s working hours and {theirs} in the window",
            cohort.id,
            None,
            fac.id,
        )
        return
    for week in weeks:
        after = f" after the {changes[week]} DST change" if changes[week] else ""
        yield Reason(
            "no-overlap",
            f"no overlap between {cohort.id}'s working hours and {theirs} in week {week.isoformat()}{after}",
            cohort.id,
            None,
            fac.id,
            week.isoformat(),
        )


def _weekly_limits(
    bundle: ProgramBundle, durations: dict[tuple[str, str], int], meetings: Meetings
) -> Iterator[Reason]:
    """Facilitators whose daily/weekly limits cannot hold the sessions only they can deliver."""
    only: dict[str, list[_Only]] = defaultdict(list)
    for cohort in bundle.rollout.cohorts:
        for module in bundle.program.modules:
            minutes = durations[(cohort.id, module.id)]
            able = [
                f for f in bundle.facilitators if _can_deliver(cohort, module, f, minutes, meetings)
            ]
            if len(able) == 1:
                fits = meetings[(cohort.id, able[0].id)].fits
                dates = frozenset(day for day, longest in fits.items() if longest >= minutes)
                only[able[0].id].append((cohort.id, dates))
    for fac in bundle.facilitators:
        limited = fac.max_sessions_per_week is not None or fac.max_sessions_per_day is not None
        if limited and only[fac.id]:
            reason = _overloaded(fac, only[fac.id])
            if reason is not None:
                yield reason


_Only = tuple[str, frozenset[dt.date]]  # a cohort's session and the facilitator-local dates it fits


def _overloaded(fac: Facilitator, sessions: list[_Only]) -> Reason | None:
    """A group of sessions that the facilitator's limits cannot hold on the dates they fit.

    Tried in turn: all of them; those that fit only from some date on; each cohort's.
    """
    groups = [sessions]
    for threshold in sorted({min(dates) for _, dates in sessions}):
        groups.append([s for s in sessions if min(s[1]) >= threshold])
    for cohort_id in sorted({cohort_id for cohort_id, _ in sessions}):
        groups.append([s for s in sessions if s[0] == cohort_id])
    limits = ", ".join(
        f"{name}: {value}"
        for name, value in (
            ("max_sessions_per_day", fac.max_sessions_per_day),
            ("max_sessions_per_week", fac.max_sessions_per_week),
        )
        if value is not None
    )
    for group in groups:
        dates = frozenset().union(*(d for _, d in group))
        capacity = _capacity(fac, dates)
        if len(group) <= capacity:
            continue
        most = f"at most {capacity} session{'s' if capacity != 1 else ''}"
        if group is sessions:
            text = (
                f"{fac.id} can deliver {most} in the window ({limits}) "
                f"but {len(group)} sessions can only be delivered by {fac.id}"
            )
        else:
            cohorts = skills_text(sorted({cohort_id for cohort_id, _ in group}))
            text = (
                f"{len(group)} sessions of {cohorts} can only be delivered by {fac.id}, between "
                f"{min(dates).isoformat()} and {max(dates).isoformat()}, but {fac.id}'s limits "
                f"allow {most} then ({limits})"
            )
        return Reason("weekly-limit", text, None, None, fac.id, min(dates).isoformat())
    return None


def _capacity(fac: Facilitator, dates: frozenset[dt.date]) -> int:
    """Most sessions the daily and weekly limits allow on these facilitator-local dates."""
    days_per_week: dict[tuple[int, int], int] = defaultdict(int)
    for day in dates:
        iso = day.isocalendar()
        days_per_week[(iso.year, iso.week)] += 1
    total = 0
    for days in days_per_week.values():
        # Without a daily limit, a day still holds at most one session a minute.
        daily = fac.max_sessions_per_day if fac.max_sessions_per_day is not None else 1440
        allowed = days * daily
        total += (
            min(allowed, fac.max_sessions_per_week)
            if fac.max_sessions_per_week is not None
            else allowed
        )
    return total
