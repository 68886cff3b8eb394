"""What the portfolio asks of each facilitator, before any plan: ``glocal check``'s team table.

For every facilitator of the loaded programs: the sessions (cohort x module, over all
programs) they may deliver (language, skills, place), the sessions nobody else may deliver,
what their weekly limit allows over the programs' windows, and the busy time their calendars
take. A facilitator who alone must deliver more than their limit allows is the first thing a
coordinator fixes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from glocal.model import Facilitator
from glocal.workspace.bundle import Workspace
from glocal.workspace.checks.people import can_deliver


@dataclass(frozen=True)
class Demand:
    """One facilitator's share of the portfolio."""

    facilitator: Facilitator
    programs: list[str]  # programs with a session they may deliver
    eligible: int  # sessions they may deliver
    only: int  # sessions nobody else may deliver
    capacity: int | None  # sessions their weekly limit allows over the windows (None: no limit)
    busy_hours: float  # busy calendar time inside the windows

    @property
    def over(self) -> bool:
        """True when the sessions only they can deliver exceed what their limit allows."""
        return self.capacity is not None and self.only > self.capacity


def team_demand(workspace: Workspace) -> list[Demand]:
    """The demand on every facilitator of the loaded programs, in team order."""
    bundles = [workspace.programs[k] for k in sorted(workspace.programs)]
    people: dict[str, Facilitator] = {}
    for bundle in bundles:
        for person in bundle.facilitators:
            people.setdefault(person.id, person)
    eligible: dict[str, int] = dict.fromkeys(people, 0)
    only: dict[str, int] = dict.fromkeys(people, 0)
    programs: dict[str, set[str]] = {p: set() for p in people}
    for bundle in bundles:
        for cohort in bundle.rollout.cohorts:
            for module in bundle.program.modules:
                able = [p.id for p in bundle.facilitators if can_deliver(p, module, cohort)]
                for person_id in able:
                    eligible[person_id] += 1
                    programs[person_id].add(bundle.id)
                if len(able) == 1:
                    only[able[0]] += 1
    if not bundles:
        return []
    first = min(b.rollout.window.start for b in bundles)
    last = max(b.rollout.window.end for b in bundles)
    weeks = {(first + dt.timedelta(days=d)).isocalendar()[:2] for d in range((last - first).days + 1)}
    start = dt.datetime.combine(first, dt.time(0), dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), dt.UTC)
    rows = []
    for person_id, person in people.items():
        times = next((b.busy.get(person_id, []) for b in bundles if person_id in b.busy), [])
        busy = sum(max(0.0, (min(end, t.end) - max(start, t.start)).total_seconds()) for t in times) / 3600
        limit = person.max_sessions_per_week
        rows.append(Demand(person, sorted(programs[person_id]), eligible[person_id], only[person_id],
                           limit * len(weeks) if limit is not None else None, round(busy, 1)))
    return rows
