"""Partial plans: whole cohorts first (priority-weighted), then sessions; tentative sessions;
the validator's view of what is left out."""

from __future__ import annotations

import dataclasses

from glocal.model import Schedule, Status
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


def _short_staffed(unavailable: list[str] | None = None) -> object:
    # Anna alone, two sessions a week for three weeks: two of the three cohorts can be whole,
    # in many equally good ways, so every plan is partial.
    cohorts = [cohort(name, *BERLIN, "de") for name in ("b1", "b2", "b3")]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00", max_sessions_per_week=2,
                  **({"unavailable": unavailable} if unavailable else {}))
    return bundle([module("a"), module("b"), module("c")], cohorts, [anna], "2027-03-01..2027-03-19",
                  objectives={"early_finish": 1, "moved_session": 1000})


def _placements(plan: object) -> list[tuple[str, str, str]]:
    return [(s.cohort, s.module, s.start.isoformat()) for s in plan.sessions]  # type: ignore[attr-defined]


def _swapped(plan: Schedule, one: str, other: str) -> Schedule:
    """The plan with two cohorts' times exchanged: as valid, but not what the solver builds."""
    times = ("start", "end", "cohort_local_start", "cohort_local_end", "facilitator_local_start",
             "facilitator_local_end")
    by_key = {(s.cohort, s.module): s for s in plan.sessions}
    sessions = []
    for session in plan.sessions:
        partner = {one: other, other: one}.get(session.cohort)
        if partner is None:
            sessions.append(session)
            continue
        twin = by_key[(partner, session.module)]
        sessions.append(session.model_copy(update={name: getattr(twin, name) for name in times}))
    return plan.model_copy(update={"sessions": sessions})


def test_a_partial_re_plan_keeps_what_still_fits() -> None:
    base = _short_staffed()
    first = solve(base, QUICK)  # type: ignore[arg-type]
    assert first.status is Status.PARTIAL and len(first.sessions) == 6
    whole = sorted({s.cohort for s in first.sessions})
    earlier = _swapped(first, *whole)  # a plan made another way, still valid
    assert validate_schedule(base, earlier) == []  # type: ignore[arg-type]
    assert _placements(earlier) != _placements(first)
    again = solve(base, dataclasses.replace(QUICK, previous=earlier))  # type: ignore[arg-type]
    assert _placements(again) == _placements(earlier)
    assert not any(s.moved for s in again.sessions)


def test_a_partial_re_plan_moves_only_what_no_longer_fits() -> None:
    first = solve(_short_staffed(), QUICK)  # type: ignore[arg-type]
    day = first.sessions[0].start.date().isoformat()
    that_day = [s for s in first.sessions if s.start.date().isoformat() == day]
    changed = _short_staffed([day])
    again = solve(changed, dataclasses.replace(QUICK, previous=first))  # type: ignore[arg-type]
    assert again.status is Status.PARTIAL and len(again.sessions) == 6
    assert validate_schedule(changed, again) == []  # type: ignore[arg-type]
    moved = [(s.cohort, s.module) for s in again.sessions if s.moved]
    assert sorted(moved) == sorted((s.cohort, s.module) for s in that_day)
