"""The validator judges instants in real local time: DST shifts, odd offsets, other weekends."""

from __future__ import annotations

from typing import Any

from glocal.scheduling.validate import validate_schedule

from .wsgen import Spec, cohort, facilitator, module, schedule, session


def one_module(cohort_: dict[str, Any], fac: dict[str, Any], *, minutes: int = 60, **spec: Any) -> Spec:
    return Spec([module("a", f"{minutes}m")], [cohort_], [fac], **spec)


def rules(spec: Spec, start: str, minutes: int = 60) -> list[str]:
    c, f = spec.cohorts[0]["id"], spec.facilitators[0]["id"]
    return [v.rule for v in validate_schedule(spec.bundle(), schedule(session(c, "a", f, start, minutes)))]


# New York 09:00-17:00 with Berlin 08:00-16:00. New York moves to EDT on 2027-03-14, Berlin to
# CEST on 2027-03-28: for those two weeks they are 5 hours apart instead of 6, and 10:00 in
# New York is 15:00 in Berlin (inside her hours) instead of 16:00 (outside).
NEW_YORK = one_module(
    cohort("new-york-1", "America/New_York", "US-NY", "en_US"),
    facilitator("katrin", "Europe/Berlin", "DE-HE", ["en"], "08:00-16:00"),
)


def test_new_york_with_berlin_across_the_march_dst_weeks() -> None:
    assert rules(NEW_YORK, "2027-03-16T14:00Z") == []  # Tue 10:00 EDT = 15:00 CET
    assert rules(NEW_YORK, "2027-03-23T14:00Z") == []  # Tue 10:00 EDT = 15:00 CET
    assert rules(NEW_YORK, "2027-03-09T15:00Z") == ["facilitator-hours"]  # Tue 10:00 EST = 16:00 CET
    assert rules(NEW_YORK, "2027-03-30T14:00Z") == ["facilitator-hours"]  # Tue 10:00 EDT = 16:00 CEST
    assert rules(NEW_YORK, "2027-03-09T14:00Z") == []  # Tue 09:00 EST = 15:00 CET


def test_new_york_start_computed_with_a_stale_offset_is_rejected() -> None:
    # 10:00 "EST" on 2027-03-16 is really 11:00 EDT: 16:00 in Berlin, past her hours.
    assert rules(NEW_YORK, "2027-03-16T15:00Z") == ["facilitator-hours"]


def test_new_york_hours_are_checked_in_its_own_wall_clock() -> None:
    # 13:00Z is 09:00 EDT after the change but 08:00 EST before it.
    assert rules(NEW_YORK, "2027-03-16T13:00Z") == []
    assert rules(NEW_YORK, "2027-03-09T13:00Z") == ["cohort-hours"]


# Adelaide leaves daylight time on Sunday 2027-04-04 (UTC+10:30 -> UTC+9:30); Kolkata stays at
# UTC+5:30. 13:00-14:00 in Adelaide meets Kolkata's 09:00 only after the change.
ADELAIDE = one_module(
    cohort("adelaide-1", "Australia/Adelaide", "AU-SA", "en_AU"),
    facilitator("priya", "Asia/Kolkata", "IN-KA", ["en"], "09:00-17:00"),
    window="2027-03-15..2027-04-30",
)


def test_adelaide_in_april() -> None:
    assert rules(ADELAIDE, "2027-04-06T03:30Z") == []  # Tue 13:00 ACST = 09:00 IST
    assert rules(ADELAIDE, "2027-03-30T02:30Z") == ["facilitator-hours"]  # Tue 13:00 ACDT = 08:00 IST
    # The same wall-clock time computed with the summer offset after the change: 12:00 ACST.
    assert rules(ADELAIDE, "2027-04-06T02:30Z") == ["facilitator-hours"]


def test_adelaide_ambiguous_fall_back_hour_is_refused() -> None:
    spec = one_module(
        cohort("adelaide-1", "Australia/Adelaide", "AU-SA", "en_AU", working_hours="00:00-24:00", weekend=[]),
        facilitator("liam", "Australia/Adelaide", "AU-SA", ["en"], "00:00-24:00", weekend=[]),
        window="2027-03-15..2027-04-30",
    )
    # 02:30 on Sunday 2027-04-04 happens twice in Adelaide (16:00Z in ACDT, 17:00Z in ACST).
    assert rules(spec, "2027-04-03T16:00Z") == ["local-time", "local-time"]
    assert rules(spec, "2027-04-03T17:00Z") == ["local-time", "local-time"]
    assert rules(spec, "2027-04-03T17:30Z") == []  # 03:00 ACST, after the repeated hour


# Kathmandu is UTC+5:45: a cohort-local 15-minute grid is not the UTC quarter-hour grid.
def kathmandu(granularity: str) -> Spec:
    return one_module(
        cohort("kathmandu-1", "Asia/Kathmandu", "NP", "en", working_hours="10:00-17:00"),
        facilitator("sita", "Asia/Kathmandu", "NP", ["en"], "10:00-17:00"),
        granularity=granularity,
    )


def test_kathmandu_grid_is_cohort_local() -> None:
    assert rules(kathmandu("15m"), "2027-03-02T04:30Z") == []  # 10:15 NPT
    assert rules(kathmandu("15m"), "2027-03-02T04:40Z") == ["grid"]  # 10:25 NPT
    assert rules(kathmandu("30m"), "2027-03-02T04:45Z") == []  # 10:30 NPT
    assert rules(kathmandu("30m"), "2027-03-02T05:00Z") == ["grid"]  # 10:45 NPT, a whole UTC hour
    assert rules(kathmandu("15m"), "2027-03-02T04:00Z") == ["cohort-hours", "facilitator-hours"]  # 09:45 NPT


# Jerusalem works Sunday to Thursday (CLDR weekend Fri-Sat); London Monday to Friday.
JERUSALEM = one_module(
    cohort("tel-aviv-1", "Asia/Jerusalem", "IL", "he_IL"),
    facilitator("dana", "Europe/London", "GB", ["he"], "07:00-17:00"),
)


def test_jerusalem_fri_sat_weekend_against_a_sat_sun_one() -> None:
    assert rules(JERUSALEM, "2027-03-04T08:00Z") == []  # Thursday 10:00 IST: both work
    assert rules(JERUSALEM, "2027-03-05T08:00Z") == ["cohort-day"]  # Friday: Jerusalem's weekend
    assert rules(JERUSALEM, "2027-03-07T08:00Z") == ["facilitator-day"]  # Sunday: London's weekend
    assert rules(JERUSALEM, "2027-03-06T08:00Z") == ["cohort-day", "facilitator-day"]  # Saturday


def test_explicit_weekend_overrides_cldr() -> None:
    spec = one_module(
        cohort("tel-aviv-1", "Asia/Jerusalem", "IL", "he_IL", weekend=["sat", "sun"]),
        facilitator("dana", "Europe/London", "GB", ["he"], "07:00-17:00"),
    )
    assert rules(spec, "2027-03-05T08:00Z") == []  # Friday is a working day now
    assert rules(spec, "2027-03-07T08:00Z") == ["cohort-day", "facilitator-day"]
