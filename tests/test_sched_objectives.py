"""Each soft term changes the plan when its weight is on, and is reported under its name."""

from __future__ import annotations

import datetime as dt

import pytest

from glocal.model import Schedule, Status
from glocal.scheduling import SolveOptions, solve
from tests.sched_factory import QUICK, bundle, cohort, module, person

BERLIN = ("Europe/Berlin", "DE")
WEEK = "2027-03-01..2027-03-05"


def _local(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso)


def _plan(objectives: dict[str, int], **extra: object) -> Schedule:
    modules = extra.pop("modules", [module("a")])
    cohorts = extra.pop("cohorts", [cohort("b1", *BERLIN, "de")])
    people = extra.pop("people", [person("anna", *BERLIN, ["de"], "09:00-17:00")])
    window = str(extra.pop("window", WEEK))
    base = bundle(modules, cohorts, people, window, objectives=objectives, **extra)  # type: ignore[arg-type]
    result = solve(base, QUICK)
    assert result.status is Status.OPTIMAL
    return result


def test_cohort_preferred_hours() -> None:
    result = _plan({"cohort_preferred_hours": 10, "early_finish": 1}, defaults={"preferred_hours": "13:00-15:00"})
    start = _local(result.sessions[0].cohort_local_start)
    assert 13 <= start.hour and start.hour + 1 <= 15
    late = _plan({"cohort_preferred_hours": 10}, cohorts=[cohort("b1", *BERLIN, "de", working_hours="09:00-12:00")],
                 defaults={"preferred_hours": "11:30-17:00"})
    assert late.costs["cohort_preferred_hours"] == 10 * 30  # 11:00-12:00 is the best: 30 min early
    assert late.sessions[0].costs == {"cohort_preferred_hours": 300}


def test_facilitator_preferred_hours() -> None:
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00", preferred_hours="15:00-17:00")
    result = _plan({"facilitator_preferred_hours": 5}, people=[anna])
    assert _local(result.sessions[0].facilitator_local_start).hour in (15, 16)
    assert result.costs["facilitator_preferred_hours"] == 0


def test_continuity_against_load_balance() -> None:
    modules = [module("a"), module("b")]
    two = [person("anna", *BERLIN, ["de"], "09:00-17:00"), person("ben", *BERLIN, ["de"], "09:00-17:00")]
    together = _plan({"facilitator_continuity": 200, "load_balance": 20}, modules=modules, people=two)
    assert len({s.facilitator for s in together.sessions}) == 1
    assert together.costs == {"facilitator_continuity": 0, "load_balance": 40}
    spread = _plan({"load_balance": 20}, modules=modules, people=two)
    assert len({s.facilitator for s in spread.sessions}) == 2
    assert spread.costs["load_balance"] == 20


def test_weekly_rhythm_against_early_finish() -> None:
    modules = [module("a"), module("b", gap={"min": "1d"}), module("c", gap={"min": "1d"})]
    window = "2027-03-01..2027-03-19"
    steady = _plan({"weekly_rhythm": 30, "early_finish": 1}, modules=modules, window=window)
    days = [_local(s.cohort_local_start) for s in sorted(steady.sessions, key=lambda s: s.start)]
    assert len({d.weekday() for d in days}) == 1 and len({(d.hour, d.minute) for d in days}) == 1
    assert steady.costs["weekly_rhythm"] == 0
    fast = _plan({"early_finish": 1}, modules=modules, window=window)
    last = max(_local(s.cohort_local_end) for s in fast.sessions)
    assert last.date() == dt.date(2027, 3, 3)  # Mon, Tue, Wed: each a day (24 h) after the last
    assert fast.costs["early_finish"] == 3  # the end lies in the third day of the window (UTC)


def test_early_finish() -> None:
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00", unavailable=["2027-03-01"])
    result = _plan({"early_finish": 1}, people=[anna])
    assert result.sessions[0].cohort_local_start.startswith("2027-03-02")


def test_moved_session_keeps_the_previous_plan() -> None:
    two = [person("anna", *BERLIN, ["de"], "09:00-17:00"), person("ben", *BERLIN, ["de"], "09:00-17:00")]
    base = bundle([module("a")], [cohort("b1", *BERLIN, "de")], two, WEEK,
                  objectives={"early_finish": 1, "moved_session": 1000})
    first = solve(base, QUICK)
    assert first.sessions[0].cohort_local_start.startswith("2027-03-01")
    previous = first.model_copy(update={"sessions": [first.sessions[0].model_copy(update={
        "facilitator": "ben", "start": first.sessions[0].start + dt.timedelta(days=2),
        "end": first.sessions[0].end + dt.timedelta(days=2)})]})
    again = solve(base, SolveOptions(time_limit=5, workers=1, previous=previous))
    kept = again.sessions[0]
    assert (kept.facilitator, kept.start, kept.moved) == ("ben", previous.sessions[0].start, False)
    assert again.costs.get("moved_session", 0) == 0


def test_moved_session_when_the_old_time_is_gone() -> None:
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00")
    base = bundle([module("a")], [cohort("b1", *BERLIN, "de")], [anna], WEEK,
                  objectives={"early_finish": 1, "moved_session": 1000})
    first = solve(base, QUICK)
    on_leave = person("anna", *BERLIN, ["de"], "09:00-17:00", unavailable=["2027-03-01"])
    changed = bundle([module("a")], [cohort("b1", *BERLIN, "de")], [on_leave], WEEK,
                     objectives={"early_finish": 1, "moved_session": 1000})
    again = solve(changed, SolveOptions(time_limit=5, workers=1, previous=first))
    assert again.sessions[0].moved and again.sessions[0].costs["moved_session"] == 1000
    assert again.reasons and again.reasons[0].rule == "moved"
    assert again.reasons[0].text.endswith("moved because 2027-03-01 is no longer a working day of anna (leave, weekend or public holiday)")


def test_freeze_before_fixes_delivered_sessions() -> None:
    modules = [module("a"), module("b")]
    two = [person("anna", *BERLIN, ["de"], "09:00-17:00"), person("ben", *BERLIN, ["de"], "09:00-17:00")]
    base = bundle(modules, [cohort("b1", *BERLIN, "de")], two, WEEK,
                  objectives={"early_finish": 1, "facilitator_continuity": 200})
    first = solve(base, QUICK)
    delivered = min(first.sessions, key=lambda s: s.start)
    # The previous plan had "a" with ben on Tuesday; continuity would pull it to anna, but it is frozen.
    moved = delivered.model_copy(update={"facilitator": "ben", "start": delivered.start + dt.timedelta(days=1),
                                         "end": delivered.end + dt.timedelta(days=1)})
    previous = first.model_copy(update={"sessions": [moved]})
    frozen = solve(base, SolveOptions(time_limit=5, workers=1, previous=previous,
                                      freeze_before=dt.date(2027, 3, 3)))
    placed = {s.module: s for s in frozen.sessions}
    assert (placed["a"].facilitator, placed["a"].start) == ("ben", moved.start)
    assert placed["b"].facilitator == "ben"


def test_same_input_and_seed_give_the_same_plan() -> None:
    modules = [module("a"), module("b", gap={"min": "1d"})]
    cohorts = [cohort("b1", *BERLIN, "de"), cohort("b2", *BERLIN, "de")]
    two = [person("anna", *BERLIN, ["de"], "09:00-17:00"), person("ben", *BERLIN, ["de"], "10:00-18:00")]
    weights = {"early_finish": 1, "load_balance": 20, "weekly_rhythm": 30, "facilitator_continuity": 200}
    base = bundle(modules, cohorts, two, "2027-03-01..2027-03-12", objectives=weights)
    runs = [solve(base, SolveOptions(time_limit=5, workers=2, seed=7)) for _ in range(2)]
    assert [s.model_dump() for s in runs[0].sessions] == [s.model_dump() for s in runs[1].sessions]
    assert runs[0].objective == runs[1].objective


def test_out_of_time_falls_back_to_the_greedy_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    from glocal.scheduling.search import pipeline as solver_module
    def starved(solver: object, seconds: float, options: SolveOptions) -> None:
        solver.parameters.max_deterministic_time = 0.0  # type: ignore[attr-defined]
        solver.parameters.stop_after_presolve = True  # type: ignore[attr-defined]

    monkeypatch.setattr(solver_module, "parameters", starved)
    result = _plan_any({"early_finish": 1})
    assert result.status is Status.FEASIBLE and len(result.sessions) == 1
    assert result.objective is not None and result.best_bound is not None
    assert result.best_bound <= result.objective


def _plan_any(objectives: dict[str, int]) -> Schedule:
    base = bundle([module("a")], [cohort("b1", *BERLIN, "de")], [person("anna", *BERLIN, ["de"], "09:00-17:00")],
                  WEEK, objectives=objectives)
    return solve(base, QUICK)


def test_a_facilitators_preferred_hours_do_not_restrict_sessions_others_deliver() -> None:
    # ben has preferred hours and works Tuesday only; anna works Monday only; one session a
    # day each. One of the two cohorts must be delivered by anna on Monday, a day ben's local
    # clock does not know: that clock may only bind when ben delivers.
    cohorts = [cohort("b1", *BERLIN, "de"), cohort("b2", *BERLIN, "de")]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00", unavailable=["2027-03-02"], max_sessions_per_day=1)
    ben = person("ben", *BERLIN, ["de"], "09:00-17:00", unavailable=["2027-03-01"],
                 preferred_hours="10:00-12:00", max_sessions_per_day=1)
    base = bundle([module("a")], cohorts, [anna, ben], "2027-03-01..2027-03-02",
                  objectives={"facilitator_preferred_hours": 5, "early_finish": 1})
    result = solve(base, QUICK)
    assert result.status is Status.OPTIMAL
    days = sorted((s.facilitator, _local(s.cohort_local_start).day) for s in result.sessions)
    assert days == [("anna", 1), ("ben", 2)]
    assert result.costs["facilitator_preferred_hours"] == 0  # ben's session lies in 10:00-12:00
