"""Suggestions of a partial plan: each kind on a small workspace, measured and then kept.

Every test applies a suggestion to the files (through the loader, as a user would paste it)
and plans again: the new plan places at least 90 % of what the suggestion promised.
"""

from __future__ import annotations

from typing import Any

from glocal.model import Schedule, Status
from glocal.scheduling import solve
from glocal.scheduling.validate import validate_schedule
from tests.sched_factory import QUICK, bundle, cohort, module, person

BERLIN = ("Europe/Berlin", "DE")
PARIS = ("Europe/Paris", "FR")
WEEK = "2027-03-01..2027-03-05"


def _kept(before: Schedule, after: Schedule, places: int) -> None:
    assert len(after.sessions) - len(before.sessions) >= 0.9 * places
    assert places > 0


def test_add_facilitator_for_a_language_nobody_speaks() -> None:
    modules = [module("a", skills=["coaching"]), module("b", skills=["coaching"])]
    cohorts = [cohort("berlin-1", *BERLIN, "de"), cohort("paris-1", *PARIS, "fr")]
    people = [person("anna", *BERLIN, ["de"], "09:00-17:00", skills=["coaching"])]
    base = bundle(modules, cohorts, people, WEEK)
    plan = solve(base, QUICK)
    assert plan.status is Status.PARTIAL
    assert {(u.cohort, u.reason) for u in plan.unplaced} == {("paris-1", "no facilitator speaks fr, the cohort's language")}
    first = plan.suggestions[0]
    assert first.kind == "add-facilitator" and first.places == 2
    entry: dict[str, Any] = first.change["facilitator"]
    assert "fr" in entry["languages"] and entry["skills"] == ["coaching"] and entry["country"] == "FR"
    assert entry["timezone"] == "Europe/Paris" and entry["working_hours"] == "09:00-17:00"
    assert "speaks fr" in first.text and "2 more sessions placed" in first.text
    again = solve(bundle(modules, cohorts, [*people, entry], WEEK), QUICK)
    assert again.status in (Status.OPTIMAL, Status.FEASIBLE)
    _kept(plan, again, first.places)


def test_extend_window_when_the_gaps_do_not_fit() -> None:
    modules = [module("a"), module("b", gap={"min": "2d"})]
    people = [person("anna", *BERLIN, ["de"], "09:00-17:00")]
    cohorts = [cohort("berlin-1", *BERLIN, "de")]
    short = "2027-03-01..2027-03-02"
    plan = solve(bundle(modules, cohorts, people, short), QUICK)
    assert plan.status is Status.PARTIAL and len(plan.sessions) == 1 and plan.sessions[0].tentative
    windows = [s for s in plan.suggestions if s.kind == "extend-window"]
    assert windows and windows[0].change == {"window": "2027-03-01..2027-03-16"} and windows[0].places == 1
    again = solve(bundle(modules, cohorts, people, windows[0].change["window"]), QUICK)
    assert again.status in (Status.OPTIMAL, Status.FEASIBLE)
    _kept(plan, again, windows[0].places)


def test_raise_limit_of_the_only_facilitator() -> None:
    cohorts = [cohort(f"b{i}", *BERLIN, "de") for i in range(4)]
    anna = person("anna", *BERLIN, ["de"], "09:00-17:00", max_sessions_per_week=2)
    base = bundle([module("a")], cohorts, [anna], WEEK)
    plan = solve(base, QUICK)
    assert plan.status is Status.PARTIAL and len(plan.sessions) == 2
    assert all("anna at most 2 a week" in u.reason for u in plan.unplaced)
    kinds = {s.kind: s for s in plan.suggestions}
    assert set(kinds) == {"raise-limit", "add-facilitator", "extend-window"}
    assert [s.places for s in plan.suggestions] == sorted((s.places for s in plan.suggestions), reverse=True)
    raise_limit = kinds["raise-limit"]
    assert raise_limit.change == {"facilitator": "anna", "max_sessions_per_week": 4} and raise_limit.places == 2
    assert raise_limit.text.startswith("let anna deliver up to 4 sessions a week (now 2)")
    raised = bundle([module("a")], cohorts, [{**anna, "max_sessions_per_week": 4}], WEEK)
    again = solve(raised, QUICK)
    assert again.status in (Status.OPTIMAL, Status.FEASIBLE) and validate_schedule(raised, again) == []
    _kept(plan, again, raise_limit.places)
    clone = kinds["add-facilitator"].change["facilitator"]
    assert clone["id"] == "anna-2" and clone["max_sessions_per_week"] == 2
    _kept(plan, solve(bundle([module("a")], cohorts, [anna, clone], WEEK), QUICK), kinds["add-facilitator"].places)
