"""Neighbourhood search: re-planning one cohort keeps the others' sessions fixed and valid."""

from __future__ import annotations

from glocal.scheduling.model.reschedule import Previous
from glocal.scheduling.problem.build import Problem, build_problem
from glocal.scheduling.search.greedy import greedy_plan
from glocal.scheduling.search.lns import improve_plan, neighbourhoods
from tests.sched_factory import bundle, cohort, module, person

BERLIN = ("Europe/Berlin", "DE")


def test_a_late_cohort_moves_forward_around_the_fixed_one() -> None:
    cohorts = [cohort("b1", *BERLIN, "de"), cohort("b2", *BERLIN, "de")]
    anna = person("anna", *BERLIN, ["de"], "09:00-11:00", max_sessions_per_day=1)
    problem = build_problem(bundle([module("a")], cohorts, [anna], "2027-03-01..2027-03-05",
                                   objectives={"early_finish": 1}))
    plan = greedy_plan(problem, problem.sessions)
    first = {problem.sessions[n].cohort: start for n, (_, start) in plan.items()}
    # Push b1 to Friday; b2 keeps Monday (or Tuesday) and anna may deliver one session a day.
    b1 = problem.session_of("b1", "a").number
    plan[b1] = ("anna", plan[b1][1] + 4 * 1440 if first["b1"] < first["b2"] else plan[b1][1] + 3 * 1440)
    better = improve_plan(problem, problem.sessions, plan, Previous(), seed=0, budget=5)
    days = sorted(start // 1440 for _, start in better.values())
    assert len(set(days)) == 2 and days[1] - days[0] == 1  # Monday and Tuesday, one a day
    assert len(neighbourhoods(problem, problem.sessions)) == 3  # b1, b2, and the pair


def test_independent_components_solve_side_by_side() -> None:
    from glocal.model import Status
    from glocal.scheduling import Progress, SolveOptions, solve
    from glocal.scheduling.model.assemble import components

    cohorts = [cohort("berlin-1", *BERLIN, "de"), cohort("tokyo-1", "Asia/Tokyo", "JP", "ja")]
    people = [person("anna", *BERLIN, ["de"], "09:00-17:00"), person("aiko", "Asia/Tokyo", "JP", ["ja"], "09:00-18:00")]
    base = bundle([module("a"), module("b", gap={"min": "1d"})], cohorts, people, "2027-03-01..2027-03-05",
                  objectives={"early_finish": 1, "load_balance": 20})
    assert [len(group) for group in components(build_problem(base))] == [2, 2]
    seen: list[Progress] = []
    result = solve(base, SolveOptions(time_limit=5, workers=2, on_progress=seen.append))
    assert result.status is Status.OPTIMAL
    assert {(s.cohort, s.facilitator) for s in result.sessions} == {("berlin-1", "anna"), ("tokyo-1", "aiko")}
    assert result.costs["load_balance"] == 2 * 20 * 2  # each pool's busiest facilitator has 2
    assert max(p.placed for p in seen) == 4 and all(p.total == 4 for p in seen)


def test_the_search_stops_once_the_plan_is_good_enough() -> None:
    problem, plan = _one_day_wasted()
    asked: list[dict[int, tuple[str, int]]] = []

    def satisfied(candidate: dict[int, tuple[str, int]]) -> bool:
        asked.append(dict(candidate))
        return True

    better = improve_plan(problem, problem.sessions, plan, Previous(), seed=0, budget=5, good_enough=satisfied)
    # Asked once, after the first improving step (b1 moved back); the pair was never re-planned.
    assert len(asked) == 1 and asked[0] == better
    days = sorted(start // 1440 for _, start in better.values())
    assert days[1] - days[0] == 1


def test_an_unsatisfied_check_lets_the_search_run_to_the_end() -> None:
    problem, plan = _one_day_wasted()
    asked: list[int] = []

    def never(candidate: dict[int, tuple[str, int]]) -> bool:
        asked.append(len(candidate))
        return False

    better = improve_plan(problem, problem.sessions, plan, Previous(), seed=0, budget=5, good_enough=never)
    # Asked after b1's improving step; the pair and the second pass improve nothing, so the
    # plan is not evaluated again, and the search ends where it would without the check.
    assert asked == [2]
    assert better == improve_plan(problem, problem.sessions, plan, Previous(), seed=0, budget=5)


def test_a_passed_deadline_leaves_the_plan_as_it_was() -> None:
    problem, plan = _one_day_wasted()
    assert improve_plan(problem, problem.sessions, plan, Previous(), seed=0, budget=5, until=0.0) == plan


def _one_day_wasted() -> tuple[Problem, dict[int, tuple[str, int]]]:
    """Two cohorts, anna alone with one session a day; b1 pushed to Thursday or Friday."""
    cohorts = [cohort("b1", *BERLIN, "de"), cohort("b2", *BERLIN, "de")]
    anna = person("anna", *BERLIN, ["de"], "09:00-11:00", max_sessions_per_day=1)
    problem = build_problem(bundle([module("a")], cohorts, [anna], "2027-03-01..2027-03-05",
                                   objectives={"early_finish": 1}))
    plan = greedy_plan(problem, problem.sessions)
    b1 = problem.session_of("b1", "a").number
    plan[b1] = ("anna", plan[b1][1] + 3 * 1440)
    return problem, plan
