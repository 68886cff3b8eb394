"""The plan a component's search starts from, and where the neighbourhood search looks first.

A fresh component starts from ``chains.chain_plan`` (cohort by cohort, by the objective's
own terms); a component with sessions of a previous plan starts from the session greedy,
whose plan the moved-session penalty then pulls towards the previous one. Either is
completed by ``repair.py`` when it left sessions out. The neighbourhood search then starts
with the cohorts that cost more than their relaxation bound (most first) and those of the
busiest facilitators: elsewhere there is nothing to gain.
"""

from __future__ import annotations

from glocal.scheduling.model.costs import Placement, plan_costs
from glocal.scheduling.model.reschedule import Previous
from glocal.scheduling.problem.build import Problem, Session
from glocal.scheduling.search.bounds import Bounds
from glocal.scheduling.search.chains import chain_plan
from glocal.scheduling.search.greedy import greedy_plan
from glocal.scheduling.search.lns import neighbourhoods
from glocal.scheduling.search.repair import repair_plan


def initial_plan(
    problem: Problem, sessions: list[Session], previous: Previous, seed: int, budget: float
) -> tuple[dict[int, Placement], float]:
    """The starting plan (complete unless even the repair failed) and the deterministic
    seconds the repair spent."""
    fresh = not any(s.number in previous.placement for s in sessions)
    plan = chain_plan(problem, sessions) if fresh else greedy_plan(problem, sessions)
    if len(plan) == len(sessions):
        return plan, 0.0
    return repair_plan(problem, sessions, plan, previous, seed, budget)


def plan_objective_of(problem: Problem, sessions: list[Session], plan: dict[int, Placement]) -> int:
    """The objective of a complete fresh plan (no moved sessions), computed without a model."""
    totals, _ = plan_costs(problem, sessions, plan)
    return sum(totals.values())


def search_order(
    problem: Problem, sessions: list[Session], plan: dict[int, Placement], bounds: Bounds, rest: bool = True
) -> list[list[Session]]:
    """Neighbourhoods, the promising ones first: cohorts above their bound (largest excess
    first), each of them with the cohorts holding its facilitators at the same time, the
    cohorts of the most-loaded facilitators, then (with ``rest``) every other one."""
    everything = neighbourhoods(problem, sessions)
    if len(plan) < len(sessions):
        return everything
    _, per_cohort = plan_costs(problem, sessions, plan)
    excess = {name: cost - bounds.cohorts.get(name, 0) for name, cost in per_cohort.items()}
    load: dict[str, int] = {}
    for person, _ in plan.values():
        load[person] = load.get(person, 0) + 1
    busiest = {person for person, count in load.items() if count == max(load.values())}
    above = sorted((name for name, extra in excess.items() if extra > 0), key=lambda n: (-excess[n], n))
    singles = {hood[0].cohort: hood for hood in everything if len({s.cohort for s in hood}) == 1}
    chosen = [singles[name] for name in above if name in singles]
    by_cohort: dict[str, list[Session]] = {}
    for session in sessions:
        by_cohort.setdefault(session.cohort, []).append(session)
    pairs: set[tuple[str, str]] = set()
    for name in above:
        for other in _rivals(problem, plan, by_cohort, name):
            pair = (min(name, other), max(name, other))
            if pair not in pairs:
                pairs.add(pair)
                chosen.append(by_cohort[name] + by_cohort[other])
    # Last, the peak facilitators' cohorts: pairs may trade load for cohort costs, and these
    # steps (``lns._unload_peak``) take load off the peak at no cost.
    loaded = sorted({problem.sessions[n].cohort for n, (p, _) in plan.items() if p in busiest})
    chosen += [singles[name] for name in loaded if name in singles]
    taken = {id(hood) for hood in chosen}
    return chosen + [hood for hood in everything if rest and id(hood) not in taken]


def _rivals(
    problem: Problem, plan: dict[int, Placement], by_cohort: dict[str, list[Session]], name: str, most: int = 3
) -> list[str]:
    """The cohorts with the most sessions given to ``name``'s possible facilitators while
    ``name`` runs: re-planned together, they can trade those facilitators' time."""
    mine = by_cohort[name]
    eligible = {o.facilitator for s in mine for o in problem.options[s.number]}
    first = min(plan[s.number][1] for s in mine)
    last = max(plan[s.number][1] + s.duration for s in mine)
    shared: dict[str, int] = {}
    for other, theirs in by_cohort.items():
        count = sum(1 for s in theirs if plan[s.number][0] in eligible and first <= plan[s.number][1] <= last)
        if other != name and count:
            shared[other] = count
    return sorted(shared, key=lambda other: (-shared[other], other))[:most]
