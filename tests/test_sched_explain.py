"""The assumption-based explanation names the conflicting rules in user terms."""

from __future__ import annotations

from glocal.model import Status
from glocal.scheduling import solve
from glocal.scheduling.diagnose.explain import explain
from glocal.scheduling.problem.build import build_problem
from tests.sched_factory import QUICK, bundle, cohort, module, person

BERLIN = ("Europe/Berlin", "DE")


def test_daily_limit_is_named() -> None:
    # Called directly: the pre-solve diagnostics (diagnose.py) may name this one first.
    cohorts = [cohort("b1", *BERLIN, "de"), cohort("b2", *BERLIN, "de")]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00", max_sessions_per_day=1)
    problem = build_problem(bundle([module("a")], cohorts, [anna], "2027-03-01..2027-03-01"))
    reasons = explain(problem, QUICK)
    assert [(r.rule, r.facilitator, r.text) for r in reasons] == [(
        "sessions-per-day-week", "anna",
        ("facilitator anna: max_sessions_per_day / max_sessions_per_week leave too few sessions "
         "for what only they can deliver"),
    )]


def test_overlap_with_rest_is_named() -> None:
    cohorts = [cohort("b1", *BERLIN, "de"), cohort("b2", *BERLIN, "de")]
    anna = person("anna", *BERLIN, ["de"], "09:00-11:00")
    base = bundle([module("a")], cohorts, [anna], "2027-03-01..2027-03-01", defaults={"session_buffer": "15m"})
    plan = solve(base, QUICK)
    assert plan.status is Status.PARTIAL and len(plan.sessions) == 1 and len(plan.unplaced) == 1
    assert plan.sessions[0].tentative is False  # its cohort is whole; the other one has nothing
    assert any("without overlapping" in r.text for r in plan.reasons)  # the conflict, named in the plan
    reasons = explain(build_problem(base), QUICK)
    assert reasons[0].text == ("facilitator anna cannot fit the sessions only they can deliver without "
                               "overlapping (with 15m of rest between sessions)")
    assert {r.rule for r in reasons} <= {"facilitator-overlap", "working-hours"}


def test_gap_maximum_is_named() -> None:
    # One session a day fits; b must start at most 1 day after a ends, but Thursday 25 March
    # 2027 is followed by Good Friday, the weekend and Easter Monday.
    modules = [module("a"), module("b", gap={"min": "0m", "max": "1d"})]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00")
    problem = build_problem(bundle(modules, [cohort("b1", *BERLIN, "de", working_hours="09:00-10:00")], [anna],
                                   "2027-03-25..2027-03-29"))
    reasons = explain(problem, QUICK)
    assert any(r.rule == "gap" and r.text == "cohort b1, module b must start 0m to 1d after a ends"
               for r in reasons)
    context = [r.text for r in reasons if r.rule == "available-days"]
    expected = ("cohort b1: with the working days it shares with its facilitators (after leave, holidays "
                "and start_after), each module can start only in: a 2027-03-25..2027-03-25, "
                "b 2027-03-25..2027-03-25")
    assert context == [expected]
