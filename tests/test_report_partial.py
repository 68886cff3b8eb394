"""The report's partial-plan part: what is missing grouped by cause, tentative sessions, suggestions."""

from __future__ import annotations

import datetime as dt

from glocal.model import (
    ReasonRecord,
    Schedule,
    ScheduledSession,
    Status,
    Suggestion,
    UnplacedSession,
)
from glocal.report.partial import partial_view


def _session(cohort: str, module: str, tentative: bool) -> ScheduledSession:
    start = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
    return ScheduledSession(cohort=cohort, module=module, facilitator="anna", start=start,
                            end=start + dt.timedelta(hours=1), index=1, count=2,
                            cohort_local_start="2027-03-01T10:00:00+01:00", tentative=tentative)


def test_partial_view_groups_causes_and_lists_tentative_sessions() -> None:
    why = "no facilitator speaks pl, the cohort's language"
    schedule = Schedule(
        program="p", status=Status.PARTIAL,
        sessions=[_session("berlin-1", "a", False), _session("berlin-1", "b", False), _session("lodz-1", "a", True)],
        unplaced=[UnplacedSession(cohort="warsaw-1", module="a", reason=why),
                  UnplacedSession(cohort="warsaw-1", module="b", reason=why),
                  UnplacedSession(cohort="lodz-1", module="b", reason=why)],
        reasons=[ReasonRecord(rule="chain-span", text="cohort x has 2 modules but only 1 working day"),
                 ReasonRecord(rule="moved", text="moved")],
        suggestions=[Suggestion(kind="add-facilitator", change={}, places=3, text="add someone")],
    )
    view = partial_view(schedule)
    assert view is not None
    assert (view.placed, view.total, view.whole, view.cohorts) == (3, 6, 1, 3)
    assert [(g.cohorts, g.modules) for g in view.missing] == [(["lodz-1", "warsaw-1"], ["a", "b"])]
    assert view.reasons == ["cohort x has 2 modules but only 1 working day"]
    assert [(t.cohort, t.module, t.start) for t in view.tentative] == [("lodz-1", "a", "2027-03-01 10:00")]
    assert partial_view(schedule.model_copy(update={"status": Status.OPTIMAL})) is None
