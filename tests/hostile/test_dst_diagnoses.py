"""Working hours inside the hour DST skips or repeats are named as such, not as a lack of days."""

from __future__ import annotations

import pytest

from glocal.scheduling.diagnose import diagnose

from ..wsgen import Spec, cohort, facilitator, module


def _spec(window: str, hours: str, fac_zone: str = "America/New_York", fac_country: str = "US-NY") -> Spec:
    # A Fri-Sat weekend on both sides so that the Sundays of the DST changes are working days.
    return Spec([module("m1", "30m")],
                [cohort("ny", "America/New_York", "US-NY", "en_US", working_hours=hours, weekend=["fri", "sat"])],
                [facilitator("f", fac_zone, fac_country, ["en"], hours="00:00-24:00", weekend=["fri", "sat"])],
                window=window)


@pytest.mark.parametrize("fac_zone", [("America/New_York", "US-NY"), ("Europe/London", "GB")])
def test_hours_in_the_skipped_hour(fac_zone: tuple[str, str]) -> None:
    # Was "cohort ny has 1 modules but only 1 working day in the rollout window".
    reasons = diagnose(_spec("2027-03-14..2027-03-14", "02:00-03:00", *fac_zone).bundle())
    assert [r.text for r in reasons] == [
        ("cohort ny: its working hours 02:00-03:00 leave no start for a 30m session: 02:00-03:00 does not exist "
        "on 2027-03-14 in America/New_York (clocks go forward), and that is its only working day in the rollout "
        "window; move its working hours or widen the window"),
    ]
    assert reasons[0].rule == "dst-hours" and reasons[0].cohort == "ny"


@pytest.mark.parametrize("hours", ["01:00-02:00", "01:15-01:45"])
def test_hours_in_the_repeated_hour(hours: str) -> None:
    # Was "f shares no working time with the cohort" from the solver.
    reasons = diagnose(_spec("2027-11-07..2027-11-07", hours).bundle())
    assert [r.text for r in reasons] == [
        (f"cohort ny: its working hours {hours} leave no start for a 30m session: 01:00-02:00 happens twice on "
        "2027-11-07 in America/New_York (clocks go back) and a session never starts at a time that happens "
        "twice, and that is its only working day in the rollout window; move its working hours or widen the window"),
    ]


def test_other_days_in_the_window_mean_dst_is_not_the_obstacle() -> None:
    assert diagnose(_spec("2027-03-08..2027-03-19", "02:00-03:00").bundle()) == []


def test_hours_partly_in_the_skipped_hour_still_fit_a_short_session() -> None:
    assert diagnose(_spec("2027-03-14..2027-03-14", "01:30-03:00").bundle()) == []
