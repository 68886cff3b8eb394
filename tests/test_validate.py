"""The schedule validator: for every hard rule, a schedule that keeps it and one that breaks it."""

from __future__ import annotations

from typing import Any

import pytest

from glocal.model import ScheduledSession
from glocal.scheduling.validate import Violation, validate_schedule

from .wsgen import Spec, cohort, facilitator, module, schedule, session

# Tue 2027-03-02 and Thu 2027-03-04, 10:00-11:00 in Berlin (CET, UTC+1).
A_OK = ("berlin-1", "a", "katrin", "2027-03-02T09:00Z", 60)
B_OK = ("berlin-1", "b", "katrin", "2027-03-04T09:00Z", 60)


def base(**changes: Any) -> Spec:
    """One Berlin cohort, two 1h modules (b at least 1 day, at most 7 days after a)."""
    spec = Spec(
        modules=[module("a", "60m", ["coaching"]), module("b", "60m", ["coaching"], gap={"min": "1d", "max": "7d"})],
        cohorts=[cohort("berlin-1", "Europe/Berlin", "DE-HE", "de_DE")],
        facilitators=[
            facilitator("katrin", "Europe/Berlin", "DE-HE", ["de", "en"], "08:00-17:00", ["coaching"]),
            facilitator("anna", "Europe/Vienna", "AT", ["de"], "08:00-17:00", ["coaching"]),
            facilitator("tom", "Europe/London", "GB", ["en"], "08:00-17:00", ["coaching"]),
            facilitator("uli", "Europe/Berlin", "DE-HE", ["de"], "08:00-17:00", []),
        ],
    )
    for key, value in changes.items():
        setattr(spec, key, value)
    return spec


def violations(spec: Spec, *sessions: ScheduledSession, **kw: Any) -> list[Violation]:
    return validate_schedule(spec.bundle(), schedule(*sessions, **kw))


def rules(spec: Spec, *sessions: ScheduledSession) -> list[str]:
    return [v.rule for v in violations(spec, *sessions)]


def test_a_correct_plan_has_no_violation() -> None:
    assert violations(base(), session(*A_OK), session(*B_OK)) == []


# ---------------------------------------------------------------- placement and people


def test_every_session_is_placed_exactly_once() -> None:
    found = violations(base(), session(*A_OK))
    assert [(v.rule, v.cohort, v.module) for v in found] == [("placement", "berlin-1", "b")]
    assert found[0].text == "cohort berlin-1, module b is not placed; every module of every cohort has exactly one session"
    twice = violations(base(), session(*A_OK), session(*B_OK), session("berlin-1", "b", "katrin", "2027-03-05T09:00Z", 60))
    assert "cohort berlin-1, module b is placed 2 times" in " ".join(v.text for v in twice)


def test_unknown_cohort_and_facilitator_are_named() -> None:
    ghost = session("paris-1", "a", "katrin", "2027-03-02T09:00Z", 60)
    assert "unknown cohort 'paris-1'" in violations(base(), session(*A_OK), session(*B_OK), ghost)[0].text
    found = violations(base(), session(*A_OK), session("berlin-1", "b", "zoe", "2027-03-04T09:00Z", 60))
    assert [v.rule for v in found] == ["facilitator"] and "unknown facilitator 'zoe'" in found[0].text


def test_language() -> None:
    assert rules(base(), session(*A_OK), session("berlin-1", "b", "anna", "2027-03-04T09:00Z", 60)) == []
    found = violations(base(), session(*A_OK), session("berlin-1", "b", "tom", "2027-03-04T09:00Z", 60))
    assert [v.rule for v in found] == ["language"]
    assert found[0].text.endswith("tom does not speak de (speaks en); the cohort learns in de")


def test_skills() -> None:
    found = violations(base(), session(*A_OK), session("berlin-1", "b", "uli", "2027-03-04T09:00Z", 60))
    assert [v.rule for v in found] == ["skills"]
    assert "uli does not hold coaching; module b needs coaching" in found[0].text


@pytest.mark.parametrize("delivery", ["in_person", "hybrid"])
def test_presence_needs_same_country_or_travel(delivery: str) -> None:
    spec = base(modules=[module("a", "60m", ["coaching"], delivery=delivery), module("b", "60m", ["coaching"], gap={"min": "1d"})])
    by_anna = session("berlin-1", "a", "anna", "2027-03-02T09:00Z", 60)
    assert rules(spec, session(*A_OK), session(*B_OK)) == []
    assert rules(spec, by_anna, session(*B_OK)) == ["in-person"]
    spec.facilitators[1]["travels"] = True
    assert rules(spec, by_anna, session(*B_OK)) == []


# ---------------------------------------------------------------- time of day and calendar


def test_cohort_working_hours() -> None:
    assert rules(base(), session("berlin-1", "a", "katrin", "2027-03-02T15:00Z", 60), session(*B_OK)) == []  # 16:00-17:00
    found = violations(base(), session("berlin-1", "a", "katrin", "2027-03-02T07:00Z", 60), session(*B_OK))  # 08:00
    assert [v.rule for v in found] == ["cohort-hours"]
    assert "runs Tue 2027-03-02 08:00 Europe/Berlin to 09:00 (2027-03-02), outside the cohort's working hours 09:00-17:00" in found[0].text


def test_facilitator_working_hours() -> None:
    spec = base()
    spec.facilitators[0]["working_hours"] = "10:00-17:00"
    assert rules(spec, session(*A_OK), session(*B_OK)) == []
    assert rules(spec, session("berlin-1", "a", "katrin", "2027-03-02T08:30Z", 60), session(*B_OK)) == ["facilitator-hours"]


def test_weekend_of_both_sides() -> None:
    saturday = session("berlin-1", "a", "katrin", "2027-03-06T09:00Z", 60)
    assert rules(base(), saturday, session("berlin-1", "b", "katrin", "2027-03-08T09:00Z", 60)) == ["cohort-day", "facilitator-day"]
    spec = base()
    spec.cohorts[0]["weekend"] = ["sun"]
    spec.facilitators[0]["weekend"] = ["fri", "sun"]
    assert rules(spec, saturday, session("berlin-1", "b", "katrin", "2027-03-08T09:00Z", 60)) == []


def test_public_holidays_of_the_cohort_and_of_the_facilitator() -> None:
    womens_day = session("berlin-1", "a", "katrin", "2027-03-08T09:00Z", 60)  # a holiday in Berlin (DE-BE) only
    after = session("berlin-1", "b", "katrin", "2027-03-10T09:00Z", 60)
    assert rules(base(), womens_day, after) == []
    spec = base()
    spec.cohorts[0]["country"] = "DE-BE"
    found = violations(spec, womens_day, after)
    assert [v.rule for v in found] == ["cohort-day"]
    assert "a public holiday in DE-BE (Women's Day) for cohort berlin-1" in found[0].text
    spec = base()
    spec.facilitators[0]["country"] = "DE-BE"
    assert rules(spec, womens_day, after) == ["facilitator-day"]


def test_leave_and_partial_unavailability() -> None:
    spec = base()
    spec.facilitators[0]["unavailable"] = ["2027-03-01..2027-03-02"]
    assert rules(spec, session(*A_OK), session(*B_OK)) == ["leave"]
    spec.facilitators[0]["unavailable"] = [{"date": "2027-03-02", "hours": "09:30-12:00"}]
    assert rules(spec, session(*A_OK), session(*B_OK)) == ["unavailable"]
    spec.facilitators[0]["unavailable"] = [{"date": "2027-03-02", "hours": "11:00-12:00"}]  # touches the end only
    assert rules(spec, session(*A_OK), session(*B_OK)) == []


def test_start_after_and_window_in_cohort_local_dates() -> None:
    spec = base()
    spec.cohorts[0]["start_after"] = "2027-03-02"
    assert rules(spec, session(*A_OK), session(*B_OK)) == []
    spec.cohorts[0]["start_after"] = "2027-03-03"
    assert rules(spec, session(*A_OK), session(*B_OK)) == ["start-after"]
    early = session("berlin-1", "a", "katrin", "2027-02-26T09:00Z", 60)
    found = violations(base(), early, session("berlin-1", "b", "katrin", "2027-03-01T09:00Z", 60))
    assert [v.rule for v in found] == ["window"]
    assert "outside the rollout window 2027-03-01..2027-03-31 (cohort-local dates)" in found[0].text


def test_window_end_counts_in_cohort_local_time() -> None:
    # 2027-03-31 23:30Z is already April 1st in Berlin: outside the window though UTC says March.
    spec = base()
    spec.cohorts[0].update(working_hours="00:00-24:00", weekend=[])
    spec.facilitators[0].update(working_hours="00:00-24:00", weekend=[])
    late = session("berlin-1", "b", "katrin", "2027-03-31T22:30Z", 60)  # 00:30-01:30 CEST on April 1st
    assert rules(spec, session("berlin-1", "a", "katrin", "2027-03-30T08:00Z", 60), late) == ["window"]
    inside = session("berlin-1", "b", "katrin", "2027-03-31T20:30Z", 60)  # 22:30-23:30 CEST on March 31st
    assert rules(spec, session("berlin-1", "a", "katrin", "2027-03-30T08:00Z", 60), inside) == []


def test_grid_and_duration() -> None:
    off_grid = session("berlin-1", "a", "katrin", "2027-03-02T09:05Z", 60)
    assert rules(base(), off_grid, session(*B_OK)) == ["grid"]
    spec = base(granularity="5m")
    assert rules(spec, off_grid, session(*B_OK)) == []
    found = violations(base(), session("berlin-1", "a", "katrin", "2027-03-02T09:00Z", 75), session(*B_OK))
    assert [v.rule for v in found] == ["duration"]
    assert found[0].text.endswith("lasts 1h15m; module a lasts 1h in de_DE")


# ---------------------------------------------------------------- order, gaps and load


def test_order_and_gaps() -> None:
    before = session("berlin-1", "b", "katrin", "2027-03-01T09:00Z", 60)
    assert rules(base(), session(*A_OK), before) == ["order"]
    too_soon = session("berlin-1", "b", "katrin", "2027-03-03T09:00Z", 60)  # 23h after a ends
    found = violations(base(), session(*A_OK), too_soon)
    assert [v.rule for v in found] == ["gap"]
    assert "starts 23h after a ends; at least 1d must pass" in found[0].text
    just_in_time = session("berlin-1", "b", "katrin", "2027-03-03T10:00Z", 60)
    assert rules(base(), session(*A_OK), just_in_time) == []
    too_late = session("berlin-1", "b", "katrin", "2027-03-10T09:00Z", 60)  # 7d 23h
    assert rules(base(), session(*A_OK), too_late) == ["gap"]


def two_cohorts(**facilitator_extra: Any) -> Spec:
    spec = base(modules=[module("a", "60m", ["coaching"])])
    spec.cohorts.append(cohort("berlin-2", "Europe/Berlin", "DE-HE", "de_DE"))
    spec.facilitators[0].update(facilitator_extra)
    return spec


def test_no_overlap_with_the_session_buffer() -> None:
    first = session("berlin-1", "a", "katrin", "2027-03-02T09:00Z", 60)
    assert rules(two_cohorts(), first, session("berlin-2", "a", "katrin", "2027-03-02T10:15Z", 60)) == []
    found = violations(two_cohorts(), first, session("berlin-2", "a", "katrin", "2027-03-02T10:00Z", 60))
    assert [v.rule for v in found] == ["overlap"]
    assert "follows too closely berlin-1/a (2027-03-02T09:00Z-10:00Z) of the same facilitator; keep 15m between sessions" in found[0].text
    assert rules(two_cohorts(), first, session("berlin-2", "a", "katrin", "2027-03-02T09:30Z", 60)) == ["overlap"]


def test_daily_and_weekly_limits_in_the_facilitators_calendar() -> None:
    monday, tuesday = "2027-03-01T09:00Z", "2027-03-02T09:00Z"
    same_day = (session("berlin-1", "a", "katrin", monday, 60), session("berlin-2", "a", "katrin", "2027-03-01T12:00Z", 60))
    assert rules(two_cohorts(max_sessions_per_day=2), *same_day) == []
    assert rules(two_cohorts(max_sessions_per_day=1), *same_day) == ["per-day"]
    same_week = (session("berlin-1", "a", "katrin", monday, 60), session("berlin-2", "a", "katrin", tuesday, 60))
    found = violations(two_cohorts(max_sessions_per_week=1), *same_week)
    assert [v.rule for v in found] == ["per-week"]
    assert "katrin has 2 sessions in week 2027-W09 (local); max_sessions_per_week is 1" in found[0].text
    next_week = (session("berlin-1", "a", "katrin", monday, 60), session("berlin-2", "a", "katrin", "2027-03-08T09:00Z", 60))
    assert rules(two_cohorts(max_sessions_per_week=1), *next_week) == []


def test_day_limit_uses_the_facilitators_local_date() -> None:
    # Two sessions on the same UTC day fall on two local dates for a facilitator in Tokyo.
    spec = base(modules=[module("a", "60m")])
    spec.cohorts = [cohort("ny-1", "America/New_York", "US-NY", "en_US", working_hours="06:00-20:00"),
                    cohort("ny-2", "America/New_York", "US-NY", "en_US", working_hours="06:00-20:00")]
    spec.facilitators = [facilitator("aiko", "Asia/Tokyo", "JP", ["en"], "00:00-24:00", max_sessions_per_day=1, weekend=[])]
    morning = session("ny-1", "a", "aiko", "2027-03-02T11:00Z", 60)  # 06:00 Tue in New York, 20:00 Tue in Tokyo
    evening = session("ny-2", "a", "aiko", "2027-03-02T18:00Z", 60)  # 13:00 Tue in New York, 03:00 Wed in Tokyo
    assert rules(spec, morning, evening) == []
    assert rules(spec, morning, session("ny-2", "a", "aiko", "2027-03-02T13:00Z", 60)) == ["per-day"]


# ---------------------------------------------------------------- status


def test_status_must_agree_with_the_sessions() -> None:
    spec = base()
    assert violations(spec, status="infeasible", reasons=[{"rule": "language", "text": "no facilitator speaks de"}]) == []
    found = violations(spec, status="infeasible")
    assert [v.rule for v in found] == ["status"]
    assert found[0].text == "the schedule is infeasible but gives no reason; an infeasible plan names at least one"
    with_sessions = violations(spec, session(*A_OK), status="infeasible", reasons=[{"rule": "x", "text": "y"}])
    assert [v.rule for v in with_sessions] == ["status"]
    other = violations(spec, session(*A_OK), session(*B_OK), program="other")
    assert [v.rule for v in other] == ["program"]
