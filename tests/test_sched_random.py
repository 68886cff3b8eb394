"""Random small workspaces: a returned plan always passes the independent validator, and an
infeasible answer always carries at least one reason."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glocal.errors import InputError
from glocal.model import Status
from glocal.scheduling import solve
from glocal.scheduling.validate import validate_schedule
from tests.sched_factory import QUICK, bundle, cohort, module, person

PLACES = [
    ("Europe/Berlin", "DE", "de"), ("America/New_York", "US-NY", "en"), ("Asia/Kathmandu", "NP", "en"),
    ("Asia/Jerusalem", "IL", "he"), ("Australia/Adelaide", "AU-SA", "en"), ("Asia/Tokyo", "JP", "ja"),
]
HOURS = ["08:00-16:00", "09:00-17:00", "13:00-21:00", "06:00-12:00", "00:00-24:00"]


@st.composite
def workspaces(draw: st.DrawFn) -> dict[str, object]:
    count = draw(st.integers(1, 3))
    modules = [module("m0", draw(st.sampled_from(["45m", "60m", "90m"])), skills=["s"])]
    for i in range(1, count):
        gap = {"min": draw(st.sampled_from(["0m", "1d", "2d"]))}
        modules.append(module(f"m{i}", draw(st.sampled_from(["30m", "60m", "2h"])), gap=gap))
    places = draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=2))
    cohorts = [cohort(f"c{i}", zone, country, language) for i, (zone, country, language) in enumerate(places)]
    people = []
    for i in range(draw(st.integers(1, 3))):
        zone, country, language = draw(st.sampled_from(PLACES))
        languages = sorted({language, *(p[2] for p in places if draw(st.booleans()))})
        extra: dict[str, object] = {"skills": ["s"]} if draw(st.booleans()) or i == 0 else {}
        if draw(st.booleans()):
            extra["max_sessions_per_day"] = 1
        people.append(person(f"p{i}", zone, country, languages, draw(st.sampled_from(HOURS)), **extra))
    start = draw(st.sampled_from(["2027-03-08", "2027-03-22", "2027-03-29", "2027-10-25"]))
    days = draw(st.sampled_from([4, 10]))
    granularity = draw(st.sampled_from(["15m", "30m", "1h"]))
    return {"modules": modules, "cohorts": cohorts, "people": people, "start": start, "days": days,
            "granularity": granularity}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces())
def test_plans_validate_or_explain(case: dict[str, object]) -> None:
    import datetime as dt

    first = dt.date.fromisoformat(str(case["start"]))
    window = f"{first}..{first + dt.timedelta(days=int(str(case['days'])))}"
    try:
        base = bundle(case["modules"], case["cohorts"], case["people"], window,  # type: ignore[arg-type]
                      granularity=str(case["granularity"]),
                      objectives={"early_finish": 1, "weekly_rhythm": 30, "load_balance": 20})
    except InputError:
        return  # a workspace `glocal check` rejects never reaches the solver
    result = solve(base, QUICK)
    if result.status is Status.INFEASIBLE:
        assert result.reasons
    else:
        assert validate_schedule(base, result) == []
