"""Follow-ups from the plan: due, overdue, done and upcoming, with dates in the cohort's zone."""

from __future__ import annotations

import datetime as dt

import pytest

from glocal.evaluation.followups import FollowUpStatus, followups
from glocal.evaluation.rows import Response
from glocal.model import Cohort, Evaluation

from .evalgen import EVALUATION, plan

COHORTS = [
    Cohort.model_validate({"id": "tokyo", "locale": "ja_JP", "timezone": "Asia/Tokyo", "country": "JP", "size": 4}),
    Cohort.model_validate({"id": "nyc", "locale": "en_US", "timezone": "America/New_York", "country": "US", "size": 6}),
]
LEVELS = [Evaluation.model_validate(e) for e in EVALUATION]


def _answer(cohort: str, level: int, module: str | None = None) -> Response:
    return Response("r.csv", 2, cohort, "p1", level, "m", module, 1.0, None)


def _status(items: list[FollowUpStatus], cohort: str, level: int, module: str | None = None) -> tuple[str, str, int]:
    item = next(f for f in items if f.cohort == cohort and f.level == level and f.module == module)
    return item.due.isoformat(), item.status, item.days_late


def test_due_dates_are_the_cohorts_local_dates() -> None:
    items = followups(COHORTS, {"tokyo": 4, "nyc": 6}, plan(), LEVELS, [], dt.date(2027, 1, 1), 14)
    # tokyo's last session starts 2027-03-17 23:30 UTC, 08:30 on 18 March in Tokyo
    assert _status(items, "tokyo", 3) == ("2027-05-17", "upcoming", 0)  # 18 March + 60 days
    assert _status(items, "tokyo", 1, "intro") == ("2027-03-11", "upcoming", 0)
    assert _status(items, "nyc", 4) == ("2027-09-05", "upcoming", 0)  # 9 March + 180 days
    # one L1 per session, then L2, L3, L4; by cohort in rollout order
    assert [(f.cohort, f.level, f.module) for f in items][:5] == [
        ("tokyo", 1, "intro"), ("tokyo", 1, "practice"), ("tokyo", 2, None), ("tokyo", 3, None), ("tokyo", 4, None),
    ]


@pytest.mark.parametrize(("today", "status", "late"), [
    (dt.date(2027, 5, 16), "upcoming", 0),
    (dt.date(2027, 5, 17), "due", 0),
    (dt.date(2027, 5, 31), "due", 14),  # the last day of grace
    (dt.date(2027, 6, 1), "overdue", 15),
])
def test_due_overdue_by_date(today: dt.date, status: str, late: int) -> None:
    items = followups(COHORTS, {}, plan(), LEVELS, [], today, 14)
    assert _status(items, "tokyo", 3)[1:] == (status, late)


def test_today_is_taken_in_the_cohorts_zone() -> None:
    # 16 May 2027 16:00 UTC is already 17 May in Tokyo but still 16 May in New York
    now = dt.datetime(2027, 5, 16, 16, 0, tzinfo=dt.UTC)
    items = followups(COHORTS, {}, plan(), LEVELS, [], now, 14)
    assert _status(items, "tokyo", 3)[1] == "due"
    nyc = followups(COHORTS, {}, plan(), LEVELS, [], dt.datetime(2027, 5, 8, 3, 0, tzinfo=dt.UTC), 14)
    assert _status(nyc, "nyc", 3) == ("2027-05-08", "upcoming", 0)  # 23:00 on 7 May in New York


def test_done_when_results_are_present() -> None:
    answers = [_answer("tokyo", 3), _answer("tokyo", 1, "intro"), _answer("nyc", 1)]
    items = followups(COHORTS, {"tokyo": 4}, plan(), LEVELS, answers, dt.date(2027, 10, 1), 14)
    assert _status(items, "tokyo", 3) == ("2027-05-17", "done", 0)
    assert _status(items, "tokyo", 1, "intro")[1] == "done"
    assert _status(items, "tokyo", 1, "practice")[1] == "overdue"  # no answers about this session
    # answers that name no session count for every session of the level
    assert {_status(items, "nyc", 1, m)[1] for m in ("intro", "practice")} == {"done"}
    done = next(f for f in items if f.cohort == "tokyo" and f.level == 3)
    assert (done.respondents, done.invited) == (1, 4)


def test_unplaced_cohorts_have_no_followups() -> None:
    only_nyc = plan().model_copy(update={"sessions": [s for s in plan().sessions if s.cohort == "nyc"]})
    items = followups(COHORTS, {}, only_nyc, LEVELS, [], dt.date(2027, 10, 1), 14)
    assert {f.cohort for f in items} == {"nyc"}
