"""Partial plans: whole cohorts first (priority-weighted), then sessions; tentative sessions;
the validator's view of what is left out."""

from __future__ import annotations

from glocal.model import Status
from glocal.scheduling import solve
from glocal.scheduling.validate import validate_schedule
from glocal.workspace.schedule_file import dump_schedule
from tests.sched_factory import QUICK, bundle, cohort, module, person

BERLIN = ("Europe/Berlin", "DE")
DAY = "2027-03-01..2027-03-01"


def _rollout(priorities: dict[str, int]) -> object:
    # anna has two free hours on one day: one cohort's two sessions, or one session each.
    cohorts = [cohort(name, *BERLIN, "de", **({"priority": p} if p else {})) for name, p in priorities.items()]
    anna = person("anna", *BERLIN, ["de"], "09:00-11:00")
    return bundle([module("a"), module("b")], cohorts, [anna], DAY, defaults={"session_buffer": "0m"})


def test_a_whole_cohort_beats_two_half_cohorts() -> None:
    base = _rollout({"b1": 0, "b2": 0})
    plan = solve(base, QUICK)  # type: ignore[arg-type]
    assert plan.status is Status.PARTIAL
    assert len({s.cohort for s in plan.sessions}) == 1 and len(plan.sessions) == 2
    assert not any(s.tentative for s in plan.sessions)
    assert {(u.cohort, u.module) for u in plan.unplaced} == {(next(iter({"b1", "b2"} - {plan.sessions[0].cohort})), m)
                                                             for m in ("a", "b")}
    assert validate_schedule(base, plan) == []  # type: ignore[arg-type]


def test_priority_decides_which_cohort_is_placed_whole() -> None:
    for favourite in ("b1", "b2"):
        plan = solve(_rollout({"b1": 3 if favourite == "b1" else 0, "b2": 3 if favourite == "b2" else 0}), QUICK)  # type: ignore[arg-type]
        assert {s.cohort for s in plan.sessions} == {favourite}


def test_sessions_of_a_cohort_that_cannot_be_whole_are_placed_tentatively() -> None:
    modules = [module("a"), module("b", skills=["coaching"]), module("c")]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00")
    ben = person("ben", *BERLIN, ["en"], "09:00-17:00", skills=["coaching"])  # holds it, speaks no German
    base = bundle(modules, [cohort("b1", *BERLIN, "de")], [anna, ben], "2027-03-01..2027-03-05")
    plan = solve(base, QUICK)
    assert plan.status is Status.PARTIAL
    assert [(s.module, s.tentative) for s in plan.sessions] == [("a", True), ("c", True)]
    assert [(u.module, u.reason) for u in plan.unplaced] == [
        ("b", "no facilitator who speaks the cohort's language (anna) holds every skill of the module (missing: coaching)")]
    assert validate_schedule(base, plan) == []
    # The validator does not take "unplaced" for granted: listing a placed session is caught.
    wrong = plan.model_copy(update={"unplaced": [*plan.unplaced, plan.unplaced[0].model_copy(update={"module": "a"})]})
    assert any("also listed as unplaced" in v.text for v in validate_schedule(base, wrong))
    complete = plan.model_copy(update={"status": Status.FEASIBLE})
    assert any(v.rule == "status" for v in validate_schedule(base, complete))
    assert dump_schedule(solve(base, QUICK)) == dump_schedule(plan)  # deterministic
