"""The top of the report: what a coordinator needs first, and the charts.

``overview(...)`` says how the plan stands (status, sessions placed and not placed, changes
since the previous plan, follow-ups due) and what its soft objectives cost in plain words;
``charts(...)`` turns the plan into the three SVG pictures of ``glocal.report.charts``. Dates
are formatted in the report's language with CLDR (babel).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from glocal.localization import LocalizedProgram
from glocal.localization.formatting import is_rtl
from glocal.model import Schedule, ScheduledSession, Status
from glocal.model.followups import cohort_followups
from glocal.report.charts import ClockRow, GanttBar, clock_svg, gantt_svg, load_svg
from glocal.report.view_model import cohort_map, cohort_preferred_hours, local, sessions_by_cohort
from glocal.report.views import SessionView, Text, date_text
from glocal.workspace import ProgramBundle


@dataclass(frozen=True)
class FollowUpRow:
    """An evaluation follow-up due on one day, for the cohorts that have it that day."""

    day: str  # in the report's language
    level: int
    instrument: Text  # in the cohorts' language (rows split where their words differ)
    cohorts: list[str]
    countries: list[str]


@dataclass(frozen=True)
class Overview:
    """How the plan stands, for the first screen of the report."""

    status: str  # "optimal", "feasible", "infeasible"
    placed: int
    total: int  # cohorts x modules
    unplaced: list[str]  # "cohort/module", when few enough to list
    cohorts: int
    previous: bool  # a previous plan was given
    moved: int
    cancelled: int
    kept: int
    followups: list[FollowUpRow]
    tradeoffs: list[str]


@dataclass(frozen=True)
class Charts:
    """The report's pictures as inline SVG (empty strings when there is nothing to draw)."""

    timeline: str
    load: str
    world: str


def day_text(day: dt.date, lang: str, *, year: bool = False) -> str:
    """``9 Feb`` / ``2月9日`` / ``9 فبراير``: a short date in the language's own CLDR pattern."""
    return date_text(day, "d MMM y" if year else "d MMM", "yMMMd" if year else "MMMd", lang)


def overview(
    bundle: ProgramBundle, schedule: Schedule, sessions: list[SessionView], previous: Schedule | None,
    texts: dict[str, str], lang: str, localized: Mapping[str, LocalizedProgram] | None = None,
) -> Overview:
    """The plan's standing and its trade-offs in ``lang`` (``texts`` from ``report_labels.labels``);
    ``localized`` (cohort id -> its program) gives the follow-ups' instruments in each cohort's words."""
    placed = {(s.cohort, s.module) for s in schedule.sessions}
    wanted = [(c.id, m.id) for c in bundle.rollout.cohorts for m in bundle.program.modules]
    missing = [f"{c}/{m}" for c, m in wanted if (c, m) not in placed]
    moved = sum(1 for s in schedule.sessions if s.moved)
    return Overview(
        status=schedule.status.value,
        placed=len(placed),
        total=len(wanted),
        unplaced=missing if 0 < len(missing) <= 12 else [],
        cohorts=len(bundle.rollout.cohorts),
        previous=previous is not None,
        moved=moved,
        cancelled=len(schedule.cancelled),
        kept=len(schedule.sessions) - moved if previous is not None else 0,
        followups=_followups(bundle, schedule, lang, localized or {}) if schedule.status is not Status.INFEASIBLE else [],
        tradeoffs=tradeoffs(bundle, schedule, sessions, previous is not None, texts, lang),
    )


def _followups(
    bundle: ProgramBundle, schedule: Schedule, lang: str, localized: Mapping[str, LocalizedProgram]
) -> list[FollowUpRow]:
    """Dated follow-ups by day and level, cohorts due the same day with the same words on one row."""
    grouped = sessions_by_cohort(schedule)
    due: dict[tuple[dt.date, int, str, str], list[str]] = defaultdict(list)
    countries = {c.id: c.country.code for c in bundle.rollout.cohorts}
    source = bundle.program.source_locale.replace("_", "-")
    for cohort in bundle.rollout.cohorts:
        program = localized.get(cohort.id)
        for follow in cohort_followups(cohort, grouped.get(cohort.id, []), bundle.program.evaluation):
            instrument, language = follow.evaluation.instrument, source
            if program is not None:
                instrument = program.instrument(follow.evaluation)
                origin = program.sources.get(f"evaluation.{follow.evaluation.level}.instrument", "core")
                language = source if origin == "core" else program.locale.replace("_", "-")
            due[(follow.day, follow.evaluation.level, instrument, language)].append(cohort.id)
    return [
        FollowUpRow(day_text(day, lang, year=True), level, Text(instrument, language, "rtl" if is_rtl(language) else "ltr"),
                    sorted(set(cohorts)), sorted({countries[c] for c in cohorts}))
        for (day, level, instrument, language), cohorts in sorted(due.items())
    ]


def tradeoffs(
    bundle: ProgramBundle, schedule: Schedule, sessions: list[SessionView], previous: bool,
    texts: dict[str, str], lang: str,
) -> list[str]:
    """One sentence per soft objective, from the plan itself (never the solver's term names)."""
    if not sessions:
        return []
    cohort_late = [s.outside_cohort_preferred for s in sessions if s.outside_cohort_preferred]
    team_late = [s.outside_facilitator_preferred for s in sessions if s.outside_facilitator_preferred]
    per_cohort: dict[str, set[str]] = defaultdict(set)
    for s in sessions:
        per_cohort[s.cohort].add(s.facilitator)
    busiest = Counter(s.facilitator_name for s in sessions).most_common()
    top = max(count for _, count in busiest)
    names = sorted(name for name, count in busiest if count == top)
    last = max(sessions_by_cohort(schedule).items(), key=lambda item: item[1][-1].end)
    cohorts = cohort_map(bundle)
    last_day = local(last[1][-1].end, cohorts[last[0]].timezone).date()
    lines = [
        texts["cost_cohort_hours"].format(count=len(cohort_late), minutes=sum(cohort_late)),
        texts["cost_facilitator_hours"].format(count=len(team_late), minutes=sum(team_late)),
        texts["cost_continuity"].format(count=sum(1 for team in per_cohort.values() if len(team) > 1)),
        texts["cost_load"].format(count=top, name=", ".join(names)),
        texts["cost_rhythm"].format(count=_uneven_cohorts(bundle, schedule)),
        texts["cost_finish"].format(date=day_text(last_day, lang, year=True)),
    ]
    if previous:
        lines.append(texts["cost_moved"].format(count=sum(1 for s in schedule.sessions if s.moved)))
    return lines


def _uneven_cohorts(bundle: ProgramBundle, schedule: Schedule) -> int:
    """Cohorts whose sessions do not all start at one local time on one weekday."""
    cohorts = cohort_map(bundle)
    uneven = 0
    for cohort_id, mine in sessions_by_cohort(schedule).items():
        starts = [local(s.start, cohorts[cohort_id].timezone) for s in mine]
        if len({(t.hour, t.minute) for t in starts}) > 1 or len({t.weekday() for t in starts}) > 1:
            uneven += 1
    return uneven


def _mondays(first: dt.date, last: dt.date) -> list[dt.date]:
    monday = first - dt.timedelta(days=first.weekday())
    out = []
    while monday <= last:
        out.append(monday)
        monday += dt.timedelta(days=7)
    return out


def charts(bundle: ProgramBundle, schedule: Schedule, texts: dict[str, str], lang: str) -> Charts:
    """The timeline, load and world-view charts of a plan with sessions."""
    if not schedule.sessions:
        return Charts("", "", "")
    grouped = sessions_by_cohort(schedule)
    window = bundle.rollout.window
    mondays = _mondays(window.start, window.end)
    labels = {m: day_text(m, lang) for m in mondays}
    name = {f.id: f.name for f in bundle.facilitators}
    rows = []
    for cohort in bundle.rollout.cohorts:
        bars = []
        for s in grouped.get(cohort.id, []):
            day = local(s.start, cohort.timezone).date()
            monday = day - dt.timedelta(days=day.weekday())
            if monday in labels:
                tip = f"{cohort.id} {s.index}/{s.count} {s.module} · {day_text(day, lang)} · {name.get(s.facilitator, s.facilitator)}"
                bars.append(GanttBar(labels[monday], day.weekday(), name.get(s.facilitator, s.facilitator), s.moved, tip))
        rows.append((f"{cohort.id} ({cohort.country.code})", bars))
    used = {s.facilitator for s in schedule.sessions}
    people = [f.name for f in bundle.facilitators if f.id in used]
    weeks = [labels[m] for m in mondays]
    timeline = gantt_svg(rows, weeks, people, texts)
    counts = []
    for facilitator in bundle.facilitators:
        days = [local(s.start, facilitator.timezone).date() for s in schedule.sessions if s.facilitator == facilitator.id]
        per_week = Counter(day - dt.timedelta(days=day.weekday()) for day in days)
        counts.append([per_week.get(m, 0) for m in mondays])
    load = load_svg([f.name for f in bundle.facilitators], weeks, counts, texts)
    clock = []
    for cohort in bundle.rollout.cohorts:
        hours = cohort_preferred_hours(bundle, cohort)
        clock.append(ClockRow(f"{cohort.id} · {cohort.timezone}", _spans(grouped.get(cohort.id, []), cohort.timezone),
                              (hours.start, hours.end) if hours else None, facilitator=False))
    for person in bundle.facilitators:
        mine = [s for s in schedule.sessions if s.facilitator == person.id]
        if mine:
            hours = person.preferred_hours
            clock.append(ClockRow(f"{person.name} · {person.timezone}", _spans(mine, person.timezone),
                                  (hours.start, hours.end) if hours else None, facilitator=True))
    return Charts(timeline, load, clock_svg(clock, texts))


def _spans(sessions: list[ScheduledSession], timezone: str) -> list[tuple[int, int]]:
    out = []
    for session in sessions:
        start = local(session.start, timezone)
        begin = start.hour * 60 + start.minute
        out.append((begin, begin + int((session.end - session.start).total_seconds() // 60)))
    return out
