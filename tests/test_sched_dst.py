"""Time zones and calendars: DST weeks, half-hour and 45-minute offsets, other weekends."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from glocal.model import Status
from glocal.scheduling import solve
from glocal.scheduling.problem.build import build_problem
from tests.sched_factory import QUICK, bundle, cohort, module, person


def _local(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso)


def _start_dates(base: object) -> set[dt.date]:
    """Cohort-local dates on which the first session may start (from the problem's domains)."""
    problem = build_problem(base)  # type: ignore[arg-type]
    zone = ZoneInfo(problem.cohorts[problem.sessions[0].cohort].zone)
    dates = set()
    for option in problem.options[0]:
        for low, high in option.starts:
            for minutes in range(low, high + 1, problem.sessions[0].grid):
                dates.add(problem.axis.instant(minutes).astimezone(zone).date())
    return dates


def test_new_york_and_berlin_overlap_longer_between_the_two_dst_changes() -> None:
    # New York 09:00-17:00, Berlin 08:00-16:00. Usually 6 h apart: one shared hour (Berlin
    # 15:00-16:00). From 14 March (US DST) to 27 March 2027 (EU DST on the 28th) only 5 h apart:
    # two shared hours, so a 90-minute session fits only in those two weeks.
    def plan(duration: str) -> object:
        return bundle(
            [module("a", duration)],
            [cohort("new-york-1", "America/New_York", "US-NY", "de")],
            [person("katrin", "Europe/Berlin", "DE-HE", ["de"], "08:00-16:00")],
            "2027-03-01..2027-04-09",
        )
    dates = _start_dates(plan("90m"))
    # Friday 26 March 2027 is Good Friday, a public holiday in Hesse (DE-HE).
    assert dates and min(dates) == dt.date(2027, 3, 15) and max(dates) == dt.date(2027, 3, 25)
    one_hour = _start_dates(plan("60m"))
    assert dt.date(2027, 3, 1) in one_hour and dt.date(2027, 4, 9) in one_hour
    result = solve(plan("90m"), QUICK)  # type: ignore[arg-type]
    session = result.sessions[0]
    assert result.status is Status.OPTIMAL
    assert _local(session.cohort_local_start).utcoffset() == dt.timedelta(hours=-4)
    assert _local(session.facilitator_local_start).utcoffset() == dt.timedelta(hours=1)
    assert _local(session.cohort_local_start).hour == 9  # 14:00 in Berlin
    assert _local(session.facilitator_local_start).hour == 14


def test_adelaide_keeps_wall_clock_hours_across_the_april_change() -> None:
    # Australia/Adelaide leaves DST on Sunday 4 April 2027: +10:30 before, +09:30 after.
    base = bundle(
        [module("a"), module("b", gap={"min": "1d"})],
        [cohort("adelaide-1", "Australia/Adelaide", "AU-SA", "en", working_hours="09:00-10:00")],
        [person("sam", "Australia/Adelaide", "AU-SA", ["en"])],
        "2027-04-02..2027-04-06",
        objectives={"early_finish": 1},
    )
    result = solve(base, QUICK)
    first, second = sorted(result.sessions, key=lambda s: s.start)
    assert first.cohort_local_start == "2027-04-02T09:00:00+10:30"
    assert second.cohort_local_start == "2027-04-05T09:00:00+09:30"
    assert first.start.hour == 22 and first.start.minute == 30
    assert second.start.hour == 23 and second.start.minute == 30


def test_ambiguous_local_times_are_never_used() -> None:
    # On 4 April 2027 Adelaide's 02:00-03:00 happens twice; with round-the-clock hours and no
    # weekend, no start may fall in it (nor in the instant's twin).
    base = bundle(
        [module("a", "30m")],
        [cohort("adelaide-1", "Australia/Adelaide", "AU-SA", "en", working_hours="00:00-24:00", weekend=[])],
        [person("sam", "Australia/Adelaide", "AU-SA", ["en"], weekend=[])],
        "2027-04-04..2027-04-04",
        granularity="15m",
    )
    problem = build_problem(base)
    zone = ZoneInfo("Australia/Adelaide")
    starts = [m for o in problem.options[0] for low, high in o.starts for m in range(low, high + 1, 15)]
    locals_ = [problem.axis.instant(m).astimezone(zone) for m in starts]
    assert locals_ and not any(t.hour == 2 for t in locals_)
    assert any(t.hour == 1 for t in locals_) and any(t.hour == 3 for t in locals_)


def test_new_york_spring_gap_never_yields_a_nonexistent_start() -> None:
    base = bundle(
        [module("a", "30m")],
        [cohort("ny", "America/New_York", "US-NY", "en", working_hours="00:00-24:00", weekend=[])],
        [person("ann", "America/New_York", "US-NY", ["en"], weekend=[])],
        "2027-03-14..2027-03-14",
    )
    problem = build_problem(base)
    zone = ZoneInfo("America/New_York")
    hours = {problem.axis.instant(m).astimezone(zone).hour
             for o in problem.options[0] for low, high in o.starts for m in range(low, high + 1, 15)}
    assert 2 not in hours and {1, 3} <= hours


def test_kathmandu_quarter_hour_offset_on_the_grid() -> None:
    # +05:45: with an hourly grid, local 10:00 is 04:15 UTC; the model counts in 15-minute units.
    base = bundle(
        [module("a")],
        [cohort("kathmandu-1", "Asia/Kathmandu", "NP", "en", working_hours="10:00-17:00")],
        [person("lena", "Europe/London", "GB", ["en"], "04:00-12:00")],
        "2027-03-01..2027-03-01",
        granularity="1h",
        objectives={"cohort_preferred_hours": 1},
        defaults={"preferred_hours": "13:00-17:00"},
    )
    assert build_problem(base).unit == 15
    session = solve(base, QUICK).sessions[0]
    local = _local(session.cohort_local_start)
    assert local.utcoffset() == dt.timedelta(hours=5, minutes=45)
    assert local.minute == 0 and local.hour == 13  # preferred, and on the hourly grid
    assert (session.start.hour, session.start.minute) == (7, 15)


def test_jerusalem_friday_saturday_weekend_against_saturday_sunday() -> None:
    # Fri 5 to Sun 7 March 2027: Friday and Saturday are the cohort's weekend (CLDR, IL),
    # Saturday and Sunday the Berlin facilitator's. No common working day until Monday.
    def plan(window: str, country: str, zone: str) -> object:
        return bundle(
            [module("a")],
            [cohort("tel-aviv-1", "Asia/Jerusalem", "IL", "he")],
            [person("dana", zone, country, ["he"], "08:00-18:00")],
            window,
        )
    assert solve(plan("2027-03-05..2027-03-07", "DE", "Europe/Berlin"), QUICK).status is Status.INFEASIBLE  # type: ignore[arg-type]
    monday = solve(plan("2027-03-05..2027-03-08", "DE", "Europe/Berlin"), QUICK)  # type: ignore[arg-type]
    assert monday.sessions[0].cohort_local_start.startswith("2027-03-08")
    local = solve(plan("2027-03-05..2027-03-07", "IL", "Asia/Jerusalem"), QUICK)  # type: ignore[arg-type]
    assert local.sessions[0].cohort_local_start.startswith("2027-03-07")  # Sunday is a working day


def test_weekly_rhythm_is_kept_in_local_time_across_the_us_change() -> None:
    # Same weekday and local time each week: 14:00 New York is 19:00 UTC before 14 March
    # 2027 and 18:00 UTC after; a UTC-based rhythm would cost something here.
    base = bundle(
        [module("a"), module("b", gap={"min": "1d"}), module("c", gap={"min": "1d"})],
        [cohort("new-york-1", "America/New_York", "US-NY", "en")],
        [person("emily", "America/New_York", "US-NY", ["en"], "09:00-17:00")],
        "2027-03-08..2027-03-26",
        objectives={"weekly_rhythm": 30, "early_finish": 1, "cohort_preferred_hours": 10},
        defaults={"preferred_hours": "14:00-17:00"},
    )
    result = solve(base, QUICK)
    starts = [_local(s.cohort_local_start) for s in sorted(result.sessions, key=lambda s: s.start)]
    assert result.costs["weekly_rhythm"] == 0 and result.costs["cohort_preferred_hours"] == 0
    assert {(t.weekday(), t.hour, t.minute) for t in starts} == {(0, 14, 0)}
    assert [s.start.hour for s in sorted(result.sessions, key=lambda s: s.start)] == [19, 18, 18]
