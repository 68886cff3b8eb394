"""The team page of a portfolio plan (``index.html``): every program's outcome and every
facilitator's load over all programs, with links to each program's own report.

Same rules as ``report.html``: jinja2 with autoescape, inline CSS, nothing from the network,
no generation time (the same plans give the same bytes). Nothing here calls the solver.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import jinja2

from glocal.model import Facilitator, Schedule, Status
from glocal.report.busy import BusyShare, busy_share
from glocal.workspace import ProgramBundle

TEMPLATE = "team.html.j2"


@dataclass(frozen=True)
class ProgramRow:
    """One program of the portfolio: its outcome and where its own report is."""

    id: str
    title: str
    status: str
    sessions: int
    reasons: list[str]


@dataclass(frozen=True)
class PersonRow:
    """One facilitator over all programs: sessions per program, peak week, limits, and the busy
    share of their working time over the programs' windows together."""

    facilitator: Facilitator
    per_program: list[int]
    total: int
    peak_week: str
    peak: int
    busy: BusyShare | None


def _peak(person: Facilitator, schedules: list[Schedule]) -> tuple[str, int]:
    weeks: Counter[tuple[int, int]] = Counter()
    for schedule in schedules:
        for session in schedule.sessions:
            if session.facilitator == person.id:
                iso = session.start.astimezone(ZoneInfo(person.timezone)).date().isocalendar()
                weeks[(iso.year, iso.week)] += 1
    if not weeks:
        return "", 0
    (year, week), count = min(weeks.items(), key=lambda item: (-item[1], item[0]))
    return f"{year}-W{week:02d}", count


def team_rows(bundles: list[ProgramBundle], schedules: dict[str, Schedule]) -> tuple[list[ProgramRow], list[PersonRow]]:
    """The rows of the team page, programs by id and facilitators in team order."""
    bundles = sorted(bundles, key=lambda b: b.id)
    programs = [ProgramRow(b.id, b.program.title, schedules[b.id].status.value, len(schedules[b.id].sessions),
                           [r.text for r in schedules[b.id].reasons] if schedules[b.id].status is Status.INFEASIBLE else [])
                for b in bundles]
    span = (min(b.rollout.window.start for b in bundles), max(b.rollout.window.end for b in bundles))
    seen: dict[str, tuple[ProgramBundle, Facilitator]] = {}
    for bundle in bundles:
        for person in bundle.facilitators:
            seen.setdefault(person.id, (bundle, person))
    people = []
    for bundle, person in seen.values():
        counts = [sum(1 for s in schedules[b.id].sessions if s.facilitator == person.id) for b in bundles]
        week, peak = _peak(person, [schedules[b.id] for b in bundles])
        people.append(PersonRow(person, counts, sum(counts), week, peak, busy_share(bundle, person, span)))
    return programs, people


def render_team(bundles: list[ProgramBundle], schedules: dict[str, Schedule]) -> str:
    """The team page as HTML text."""
    programs, people = team_rows(bundles, schedules)
    environment = jinja2.Environment(loader=jinja2.PackageLoader("glocal", "templates"), autoescape=True,
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    first = min(b.rollout.window.start for b in bundles)
    last = max(b.rollout.window.end for b in bundles)
    span = f"{first.isoformat()} – {last.isoformat()}" if first <= last else ""
    return environment.get_template(TEMPLATE).render(programs=programs, people=people, span=span,
                                                     days=(last - first + dt.timedelta(days=1)).days)
