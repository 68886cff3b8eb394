"""Repair: a cohort the greedy could not finish is re-planned whole around the fixed rest."""

from __future__ import annotations

from glocal.scheduling.model.reschedule import Previous
from glocal.scheduling.problem.build import build_problem
from glocal.scheduling.search.greedy import greedy_plan
from glocal.scheduling.search.repair import repair_plan
from tests.sched_factory import bundle, cohort, module, person

BERLIN = ("Europe/Berlin", "DE")


def test_a_cohort_the_greedy_left_unfinished_is_replanned_around_the_others() -> None:
    # anna delivers one session a day; module b must follow a within a day. Module by module,
    # the greedy puts b1's a on Monday and b2's a on Tuesday, and b1's b then fits nowhere.
    cohorts = [cohort("b1", *BERLIN, "de"), cohort("b2", *BERLIN, "de")]
    anna = person("anna", *BERLIN, ["de"], "09:00-11:00", max_sessions_per_day=1)
    modules = [module("a"), module("b", gap={"min": "0m", "max": "1d"})]
    problem = build_problem(bundle(modules, cohorts, [anna], "2027-03-01..2027-03-05",
                                   objectives={"early_finish": 1}))
    plan = greedy_plan(problem, problem.sessions)
    assert len(plan) == 3

    repaired, spent = repair_plan(problem, problem.sessions, plan, Previous(), seed=0, budget=5)
    assert len(repaired) == 4 and spent > 0
    days = sorted(start // 1440 for _, start in repaired.values())
    assert len(set(days)) == 4  # one session a day
    for name in ("b1", "b2"):
        first = repaired[problem.session_of(name, "a").number][1]
        second = repaired[problem.session_of(name, "b").number][1]
        assert 60 <= second - first <= 60 + 1440  # b starts after a ends, within a day
    b2 = [problem.session_of("b2", m).number for m in ("a", "b")]
    assert [repaired[n] for n in b2] == [plan[n] for n in b2]  # the finished cohort stays


def test_a_complete_plan_is_left_alone() -> None:
    problem = build_problem(bundle([module("a")], [cohort("b1", *BERLIN, "de")],
                                   [person("anna", *BERLIN, ["de"], "09:00-17:00")], "2027-03-01..2027-03-05"))
    plan = greedy_plan(problem, problem.sessions)
    assert repair_plan(problem, problem.sessions, plan, Previous(), seed=0, budget=5) == (plan, 0.0)
