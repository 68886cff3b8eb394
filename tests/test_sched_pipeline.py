"""The component pipeline: the searched-plan ending of large components, the equal-cost side
step that takes load off a shared peak, and the progress report of the starting plan."""

from __future__ import annotations

import pytest

from glocal.model import Status
from glocal.scheduling import Progress, SolveOptions, solve
from glocal.scheduling.model.costs import plan_costs
from glocal.scheduling.model.reschedule import Previous
from glocal.scheduling.problem.build import build_problem
from glocal.scheduling.search import pipeline
from glocal.scheduling.search.lns import _step
from glocal.scheduling.validate import validate_schedule
from tests.sched_factory import bundle, cohort, module, person

BERLIN = ("Europe/Berlin", "DE")
WEIGHTS = {"early_finish": 1, "load_balance": 20, "weekly_rhythm": 30, "facilitator_continuity": 200,
           "cohort_preferred_hours": 10}


def _rollout() -> object:
    modules = [module("a", "90m"), module("b", "90m", gap={"min": "2d", "max": "14d"})]
    cohorts = [cohort(f"b{i}", *BERLIN, "de") for i in range(1, 5)]
    people = [person(name, *BERLIN, ["de"], "09:00-17:00", max_sessions_per_week=3) for name in ("anna", "ben")]
    return bundle(modules, cohorts, people, "2027-03-01..2027-04-30", objectives=WEIGHTS,
                  defaults={"preferred_hours": "09:00-12:00"})


def test_a_large_component_ends_with_the_searched_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    base = _rollout()
    monkeypatch.setattr(pipeline, "FULL_MODEL_SESSIONS", 0)  # every component counts as large
    built: list[int] = []
    original = pipeline.build_component
    monkeypatch.setattr(pipeline, "build_component", lambda *a, **k: built.append(1) or original(*a, **k))
    seen: list[Progress] = []
    result = solve(base, SolveOptions(time_limit=5, seed=0, workers=1, on_progress=seen.append))  # type: ignore[arg-type]
    assert built == []  # no whole-component model
    assert result.status in (Status.FEASIBLE, Status.OPTIMAL) and len(result.sessions) == 8
    assert validate_schedule(base, result) == []  # type: ignore[arg-type]
    assert result.objective == sum(result.costs.values())
    assert result.best_bound is not None and result.best_bound <= result.objective
    problem = build_problem(base)  # type: ignore[arg-type]
    plan = {problem.session_of(s.cohort, s.module).number: (s.facilitator, problem.axis.minutes(s.start))
            for s in result.sessions}
    assert plan_costs(problem, problem.sessions, plan)[0] == result.costs
    assert [p.phase for p in seen[:2]] == ["pre-solve", "search"] and seen[0].placed == 0
    plans = [p for p in seen if p.objective is not None]
    assert plans and plans[0].placed == 8  # the starting plan is reported before any search
    assert seen[-1].objective == result.objective


def test_the_same_rollout_with_the_final_model_is_as_good() -> None:
    base = _rollout()
    result = solve(base, SolveOptions(time_limit=5, seed=0, workers=1))  # type: ignore[arg-type]
    assert result.status is Status.OPTIMAL
    assert validate_schedule(base, result) == []  # type: ignore[arg-type]


def test_an_equal_cost_step_takes_load_off_a_shared_peak() -> None:
    # anna and ben have two sessions each (the peak, shared); cleo has none. Moving one of
    # anna's sessions to cleo costs nothing and lowers nothing in the objective, yet it is
    # the step that lets the next one lower the peak.
    cohorts = [cohort(f"b{i}", *BERLIN, "de") for i in range(1, 5)]
    people = [person(name, *BERLIN, ["de"], "09:00-17:00") for name in ("anna", "ben", "cleo")]
    problem = build_problem(bundle([module("a")], cohorts, people, "2027-03-01..2027-03-05",
                                   objectives={"load_balance": 20}))
    monday = next(low for low, _ in next(o for o in problem.options[0] if o.facilitator == "anna").starts)
    plan = {problem.session_of("b1", "a").number: ("anna", monday),
            problem.session_of("b2", "a").number: ("anna", monday + 120),
            problem.session_of("b3", "a").number: ("ben", monday),
            problem.session_of("b4", "a").number: ("ben", monday + 120)}
    hood = [problem.session_of("b1", "a")]
    moved, _ = _step(problem, hood, plan, Previous(), seed=0)
    assert moved is not None and moved[hood[0].number][0] == "cleo"
    # With cleo on leave, b1 can only stay with anna or go to ben (a higher peak): no step.
    people[2]["unavailable"] = ["2027-03-01..2027-03-05"]
    problem = build_problem(bundle([module("a")], cohorts, people, "2027-03-01..2027-03-05",
                                   objectives={"load_balance": 20}))
    assert _step(problem, [problem.session_of("b1", "a")], plan, Previous(), seed=0)[0] is None
