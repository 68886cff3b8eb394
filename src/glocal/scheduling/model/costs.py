"""The objective of a complete plan, computed in Python term by term as the model defines it.

Used to rank candidate plans during construction, to steer the neighbourhood search to the
cohorts that cost more than their relaxation bound, and to report progress before a model
exists. Each formula mirrors one soft term of ``objectives.py`` (tests check that the two
agree on real plans); sessions' moved costs (``reschedule.py``) are not included.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from glocal.scheduling.model.objectives import WEEKDAY_CHANGE_QUARTERS
from glocal.scheduling.problem.build import Party, Problem, Session

Placement = tuple[str, int]  # facilitator, start (epoch minutes)


@dataclass
class DayIndex:
    """Finds the local day of an axis minute for each party (bisect over day starts)."""

    # Parties live as long as the problem, so their identity is a safe key within one use.
    starts: dict[int, list[int]] = field(default_factory=dict)

    def local(self, party: Party, minute: int) -> tuple[int, int, int]:
        """Local wall minute, weekday (Monday 0) and day position of an axis minute."""
        key = id(party)
        starts = self.starts.get(key)
        if starts is None:
            starts = self.starts[key] = [day.span[0] for day in party.days]
        position = max(bisect.bisect_right(starts, minute) - 1, 0)
        day = party.days[position]
        return minute - day.base, day.date.weekday(), position


def outside_preferred(party: Party, local_minute: int, duration: int) -> int:
    """Minutes of a session before the party's preferred start or after its preferred end."""
    if party.preferred is None:
        return 0
    return max(0, party.preferred.start - local_minute) + max(0, local_minute + duration - party.preferred.end)


def session_costs(problem: Problem, session: Session, person: str, start: int,
                  days: DayIndex | None = None) -> dict[str, int]:
    """The terms the model attributes to one session: minutes outside either side's preferred hours."""
    days = days or DayIndex()
    weights = problem.weights
    cohort, facilitator = problem.cohorts[session.cohort], problem.facilitators[person]
    minute, _, _ = days.local(cohort, start)
    own, _, _ = days.local(facilitator, start)
    return {
        "cohort_preferred_hours": weights.cohort_preferred_hours * outside_preferred(cohort, minute, session.duration),
        "facilitator_preferred_hours":
            weights.facilitator_preferred_hours * outside_preferred(facilitator, own, session.duration),
    }


def cohort_costs(
    problem: Problem, sessions: list[Session], plan: dict[int, Placement], days: DayIndex
) -> dict[str, int]:
    """Weighted cost per term of one cohort's placed sessions (all placed), load balance aside."""
    weights = problem.weights
    cohort = problem.cohorts[sessions[0].cohort]
    costs = dict.fromkeys(("cohort_preferred_hours", "facilitator_preferred_hours", "weekly_rhythm",
                           "early_finish", "facilitator_continuity"), 0)
    minutes: list[int] = []
    weekday_of: dict[str, int] = {}
    finish = 0
    for session in sessions:
        person, start = plan[session.number]
        minute, weekday, _ = days.local(cohort, start)
        minutes.append(minute)
        weekday_of[session.module] = weekday
        for term, cost in session_costs(problem, session, person, start, days).items():
            costs[term] += cost
        finish = max(finish, -(-(start + session.duration - 1440) // 1440))
    costs["early_finish"] = weights.early_finish * max(0, finish)
    if len(sessions) >= 2:
        changes = sum(1 for s in sessions if s.predecessor in weekday_of
                      and weekday_of[s.predecessor] != weekday_of[s.module])
        spread = -(-(max(minutes) - min(minutes)) // 15)
        costs["weekly_rhythm"] = weights.weekly_rhythm * (spread + WEEKDAY_CHANGE_QUARTERS * changes)
    people = {plan[s.number][0] for s in sessions}
    costs["facilitator_continuity"] = weights.facilitator_continuity * (len(people) - 1)
    return costs


def plan_costs(problem: Problem, sessions: list[Session], plan: dict[int, Placement],
               outside_load: dict[str, int] | None = None) -> tuple[dict[str, int], dict[str, int]]:
    """Weighted cost per term of a complete plan, and each cohort's total (load balance aside)."""
    days = DayIndex()
    by_cohort: dict[str, list[Session]] = {}
    for session in sessions:
        by_cohort.setdefault(session.cohort, []).append(session)
    totals: dict[str, int] = {}
    per_cohort: dict[str, int] = {}
    for name, mine in sorted(by_cohort.items()):
        costs = cohort_costs(problem, mine, plan, days)
        per_cohort[name] = sum(costs.values())
        for term, cost in costs.items():
            totals[term] = totals.get(term, 0) + cost
    load = dict(outside_load or {})
    for session in sessions:
        person = plan[session.number][0]
        load[person] = load.get(person, 0) + 1
    totals["load_balance"] = problem.weights.load_balance * max(load.values(), default=0)
    return {term: cost for term, cost in sorted(totals.items())}, per_cohort
