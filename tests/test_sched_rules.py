"""Each hard rule decides a tiny instance: satisfied (a plan that keeps it) / violated (infeasible,
or partial: what can be placed keeping the rule is placed, the rest is listed as unplaced)."""

from __future__ import annotations

import datetime as dt

import pytest

from glocal.model import Schedule, Status
from glocal.scheduling import solve
from tests.sched_factory import QUICK, bundle, cohort, module, person, with_people

BERLIN = ("Europe/Berlin", "DE")
WEEK = "2027-03-01..2027-03-05"  # Monday to Friday


def _one(modules: list[dict], people: list[dict], window: str = WEEK, **extra: object) -> Schedule:
    base = bundle(modules, [cohort("berlin-1", *BERLIN, "de", **extra)], people, window)
    return solve(base, QUICK)


def _by_module(schedule: Schedule) -> dict[str, object]:
    return {s.module: s for s in schedule.sessions}


def test_language_decides() -> None:
    german = person("anna", *BERLIN, ["de"], "09:00-17:00")
    base = bundle([module("a")], [cohort("berlin-1", *BERLIN, "de")], [german], WEEK)
    assert solve(base, QUICK).status is Status.OPTIMAL
    english_only = with_people(base, [person("bob", *BERLIN, ["en"], "09:00-17:00")])
    result = solve(english_only, QUICK)
    assert result.status is Status.INFEASIBLE
    assert result.reasons and " de" in result.reasons[0].text and result.reasons[0].cohort == "berlin-1"


def test_skills_decide() -> None:
    modules = [module("a", skills=["coaching", "facilitation"])]
    skilled = person("anna", *BERLIN, ["de"], "09:00-17:00", skills=["coaching", "facilitation"])
    base = bundle(modules, [cohort("berlin-1", *BERLIN, "de")], [skilled], WEEK)
    assert solve(base, QUICK).sessions[0].facilitator == "anna"
    half = with_people(base, [person("bob", *BERLIN, ["de"], "09:00-17:00", skills=["coaching"])])
    result = solve(half, QUICK)
    assert result.status is Status.INFEASIBLE
    assert any("facilitation" in r.text and r.module == "a" for r in result.reasons)


@pytest.mark.parametrize("travels, status", [(True, Status.OPTIMAL), (False, Status.INFEASIBLE)])
def test_in_person_needs_the_country_or_travel(travels: bool, status: Status) -> None:
    abroad = person("ana", "Europe/Vienna", "AT", ["de"], "09:00-17:00", travels=travels)
    base = bundle([module("a", delivery="in_person")], [cohort("berlin-1", *BERLIN, "de")],
                  [person("x", *BERLIN, ["de"], "09:00-17:00")], WEEK)
    assert solve(with_people(base, [abroad]), QUICK).status is status


def test_hybrid_counts_as_in_person_but_virtual_does_not() -> None:
    abroad = person("ana", "Europe/Vienna", "AT", ["de"], "09:00-17:00")
    for delivery, status in (("hybrid", Status.INFEASIBLE), ("virtual", Status.OPTIMAL)):
        base = bundle([module("a", delivery=delivery)], [cohort("berlin-1", *BERLIN, "de")],
                      [person("x", *BERLIN, ["de"], "09:00-17:00")], WEEK)
        assert solve(with_people(base, [abroad]), QUICK).status is status


def test_working_hours_of_both_sides() -> None:
    # Berlin 09:00-17:00 and New York 08:00-12:00 (14:00-18:00 Berlin) share 14:00-17:00 Berlin.
    ny = person("nina", "America/New_York", "US-NY", ["de"], "08:00-12:00")
    result = _one([module("a", "3h")], [ny])
    session = result.sessions[0]
    assert result.status is Status.OPTIMAL
    assert session.cohort_local_start.endswith("T14:00:00+01:00")
    assert session.facilitator_local_start.endswith("T08:00:00-05:00")
    too_long = _one([module("a", "3h15m")], [ny])
    assert too_long.status is Status.INFEASIBLE
    assert too_long.reasons


def test_gap_min_and_max() -> None:
    modules = [module("a"), module("b", gap={"min": "2d", "max": "3d"})]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00")
    result = _one(modules, [anna])
    first, second = sorted(result.sessions, key=lambda s: s.start)
    assert dt.timedelta(days=2) <= second.start - first.end <= dt.timedelta(days=3)
    # Two days cannot hold a 2-day gap between working-hour sessions.
    short = _one(modules, [anna], window="2027-03-01..2027-03-02")
    assert short.status is Status.PARTIAL  # a is placed, tentatively; b cannot be
    assert short.reasons and all(r.cohort == "berlin-1" for r in short.reasons)


def test_gap_max_forbids_a_holiday_week() -> None:
    # Good Friday and Easter Monday 2027 in Germany: a 1-day max gap from Thursday 25 March fails.
    modules = [module("a"), module("b", gap={"min": "0m", "max": "1d"})]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00")
    result = _one(modules, [anna], window="2027-03-25..2027-03-30")
    assert result.status is Status.OPTIMAL
    dates = sorted(s.cohort_local_start[:10] for s in result.sessions)
    assert "2027-03-26" not in dates and "2027-03-29" not in dates


@pytest.mark.parametrize("buffer, status", [("0m", Status.OPTIMAL), ("15m", Status.PARTIAL)])
def test_facilitator_overlap_with_buffer(buffer: str, status: Status) -> None:
    cohorts = [cohort("b1", *BERLIN, "de"), cohort("b2", *BERLIN, "de")]
    anna = person("anna", *BERLIN, ["de"], "09:00-11:00")
    base = bundle([module("a")], cohorts, [anna], "2027-03-01..2027-03-01", defaults={"session_buffer": buffer})
    result = solve(base, QUICK)
    assert result.status is status
    if status is Status.OPTIMAL:
        first, second = sorted(result.sessions, key=lambda s: s.start)
        assert first.end <= second.start
    else:
        assert any(r.rule in ("facilitator-overlap", "overlap") for r in result.reasons)


@pytest.mark.parametrize("days, status", [("2027-03-01..2027-03-02", Status.OPTIMAL),
                                          ("2027-03-01..2027-03-01", Status.PARTIAL)])
def test_max_sessions_per_day(days: str, status: Status) -> None:
    cohorts = [cohort("b1", *BERLIN, "de"), cohort("b2", *BERLIN, "de")]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00", max_sessions_per_day=1)
    result = solve(bundle([module("a")], cohorts, [anna], days), QUICK)
    assert result.status is status
    if status is Status.OPTIMAL:
        assert len({s.facilitator_local_start[:10] for s in result.sessions}) == 2


def test_max_sessions_per_week_counts_local_iso_weeks() -> None:
    cohorts = [cohort(f"b{i}", *BERLIN, "de") for i in range(3)]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00", max_sessions_per_week=2)
    one_week = solve(bundle([module("a")], cohorts, [anna], WEEK), QUICK)
    assert one_week.status is Status.PARTIAL
    assert len(one_week.sessions) == 2 and len(one_week.unplaced) == 1
    two_weeks = solve(bundle([module("a")], cohorts, [anna], "2027-03-01..2027-03-12"), QUICK)
    weeks = [dt.date.fromisoformat(s.facilitator_local_start[:10]).isocalendar()[1] for s in two_weeks.sessions]
    assert sorted(weeks.count(w) for w in set(weeks)) == [1, 2]


def test_leave_and_partial_unavailability() -> None:
    on_leave = person("anna", *BERLIN, ["de"], "09:00-17:00", unavailable=["2027-03-01..2027-03-04"])
    result = _one([module("a")], [on_leave])
    assert result.sessions[0].cohort_local_start.startswith("2027-03-05")
    busy = person("anna", *BERLIN, ["de"], "09:00-17:00",
                  unavailable=[{"date": "2027-03-01..2027-03-05", "hours": "09:00-16:00"}])
    result = _one([module("a")], [busy])
    assert result.sessions[0].cohort_local_start.endswith("T16:00:00+01:00")
    assert _one([module("a", "90m")], [busy]).status is Status.INFEASIBLE


def test_start_after_and_window() -> None:
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00")
    result = _one([module("a")], [anna], start_after="2027-03-04")
    assert result.sessions[0].cohort_local_start[:10] in ("2027-03-04", "2027-03-05")
    two = [module("a"), module("b", gap={"min": "1d"})]
    assert _one(two, [anna], start_after="2027-03-04").status is Status.OPTIMAL
    assert _one(two, [anna], start_after="2027-03-05").status is Status.PARTIAL


def test_module_order_follows_the_program() -> None:
    two = [person("anna", *BERLIN, ["de"], "09:00-17:00"), person("ben", *BERLIN, ["de"], "09:00-17:00")]
    base = bundle([module("a"), module("b"), module("c", after="a")], [cohort("b1", *BERLIN, "de")],
                  two, "2027-03-01..2027-03-01")
    placed = {s.module: s for s in solve(base, QUICK).sessions}
    assert placed["a"].end <= placed["b"].start and placed["a"].end <= placed["c"].start
    # A cohort attends one session at a time, even with two facilitators free.
    assert placed["b"].end <= placed["c"].start or placed["c"].end <= placed["b"].start
    one_hour = bundle([module("a"), module("b")], [cohort("b1", *BERLIN, "de", working_hours="09:00-10:30")],
                      two, "2027-03-01..2027-03-01")
    assert solve(one_hour, QUICK).status is Status.PARTIAL
