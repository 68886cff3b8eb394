"""Pre-solve diagnostics: each names its culprit with an exact, user-facing reason."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from glocal.errors import Reason
from glocal.scheduling.diagnose import diagnose, summarize
from glocal.workspace import load_workspace

from .conftest import EXAMPLE_PROGRAM
from .wsgen import Spec, cohort, facilitator, module


def texts(spec: Spec) -> list[str]:
    return [r.text for r in diagnose(spec.bundle())]


def berlin(**cohort_extra: Any) -> Spec:
    return Spec(
        [module("a", "60m")],
        [cohort("berlin-1", "Europe/Berlin", "DE-HE", "de_DE", **cohort_extra)],
        [facilitator("katrin", "Europe/Berlin", "DE-HE", ["de"], "08:00-17:00")],
    )


def test_the_example_has_no_obstacle(example_root: Path) -> None:
    bundle = load_workspace(example_root, [EXAMPLE_PROGRAM]).bundle(EXAMPLE_PROGRAM)
    assert diagnose(bundle) == []
    assert texts(berlin()) == []


# ---------------------------------------------------------------- who can deliver


def dubai(delivery: str = "virtual", **layla: Any) -> Spec:
    spec = Spec(
        [module("team-simulation", "3h", ["change-management", "facilitation"], delivery=delivery)],
        [cohort("dubai-1", "Asia/Dubai", "AE", "ar_AE")],
        [facilitator("layla", "Europe/London", "GB", ["ar", "en"], "08:00-18:00", ["coaching"]),
         facilitator("emily", "America/New_York", "US-NY", ["en"], "07:00-19:00", ["change-management", "facilitation"])],
    )
    spec.facilitators[0].update(layla)
    return spec


def test_no_facilitator_speaks_the_language_and_holds_the_skills() -> None:
    reasons = diagnose(dubai().bundle())
    assert reasons == [Reason(
        "no-facilitator",
        "cohort dubai-1, module team-simulation: no facilitator speaks ar and holds change-management and facilitation",
        "dubai-1", "team-simulation",
    )]
    assert texts(dubai(skills=["change-management", "facilitation"])) == []


def test_no_facilitator_in_the_room_for_an_in_person_module() -> None:
    spec = dubai("in_person", skills=["change-management", "facilitation"])
    assert texts(spec) == [
        (
            "cohort dubai-1, module team-simulation: the in_person session needs a facilitator in AE or one "
            "who travels, and none who speaks ar and holds change-management and facilitation does"
        )
    ]
    spec.facilitators[0]["travels"] = True
    assert texts(spec) == []


def test_the_example_without_omar_has_no_arabic_facilitator_for_dubai(example_root: Path) -> None:
    # The loader refuses such a workspace too; the diagnostics must not rely on it.
    bundle = load_workspace(example_root, [EXAMPLE_PROGRAM]).bundle(EXAMPLE_PROGRAM)
    bundle = dataclasses.replace(bundle, facilitators=[f for f in bundle.facilitators if f.id != "omar"])
    assert [r.text for r in diagnose(bundle)] == [
        "cohort dubai-1, module foundations: no facilitator speaks ar and holds change-management",
        "cohort dubai-1, module resistance: no facilitator speaks ar and holds change-management",
        "cohort dubai-1, module team-simulation: no facilitator speaks ar and holds change-management and facilitation",
        "cohort dubai-1, module capstone: no facilitator speaks ar and holds change-management",
    ]


# ---------------------------------------------------------------- the cohort's own calendar


def test_no_working_day_in_the_window() -> None:
    weekend_only = berlin()
    weekend_only.window = "2027-03-06..2027-03-07"
    assert texts(weekend_only) == ["cohort berlin-1 has no working day in the rollout window (2027-03-06..2027-03-07)"]
    easter = berlin(start_after="2027-03-26")  # Good Friday to Easter Monday are all days off in Hesse
    easter.window = "2027-03-01..2027-03-29"
    assert texts(easter) == ["cohort berlin-1 has no working day after start_after (2027-03-26..2027-03-29)"]
    easter.window = "2027-03-01..2027-03-30"
    assert texts(easter) == []
    assert texts(berlin(start_after="2027-04-02")) == [
        "cohort berlin-1 has start_after 2027-04-02, after the rollout window 2027-03-01..2027-03-31 ends"
    ]


def tokyo(start_after: str) -> Spec:
    modules = [module(f"m{i}", "3h", gap={"min": "2d"} if i else {}) for i in range(1, 7)]
    modules[0].pop("gap", None)
    return Spec(
        modules,
        [cohort("tokyo-2", "Asia/Tokyo", "JP", "ja_JP", working_hours="09:30-18:00", start_after=start_after)],
        [facilitator("aiko", "Asia/Tokyo", "JP", ["ja"], "09:00-18:00")],
        window="2027-04-01..2027-04-30",
    )


def test_chain_of_gaps_longer_than_the_working_days_left() -> None:
    # 19-23 April and 26-30 April without Showa Day (29th): 9 working days.
    assert texts(tokyo("2027-04-19")) == [
        "cohort tokyo-2 has 6 modules with 2-day minimum gaps but only 9 working days after start_after"
    ]
    assert texts(tokyo("2027-04-12")) == []


def test_the_example_with_a_late_start_for_tokyo_2(workspace: Path) -> None:
    rollout = workspace / "programs" / EXAMPLE_PROGRAM / "rollout.yaml"
    rollout.write_text(rollout.read_text(encoding="utf-8").replace("start_after: 2027-03-01", "start_after: 2027-04-19"), encoding="utf-8")
    bundle = load_workspace(workspace, [EXAMPLE_PROGRAM]).bundle(EXAMPLE_PROGRAM)
    assert [r.text for r in diagnose(bundle)] == [
        "cohort tokyo-2 has 6 modules with minimum gaps of 2d, 2d, 2d, 2d and 7d but only 9 working days after start_after"
    ]


def test_session_longer_than_the_cohorts_working_hours() -> None:
    spec = berlin(working_hours="09:00-11:00")
    spec.modules = [module("a", "3h")]
    assert texts(spec) == ["cohort berlin-1, module a: the 3h session is longer than the cohort's working hours 09:00-11:00"]


# ---------------------------------------------------------------- cohorts meeting facilitators


def test_session_longer_than_any_common_window() -> None:
    spec = berlin()
    spec.modules = [module("a", "3h")]
    spec.facilitators[0]["working_hours"] = "06:00-11:00"  # meets 09:00-17:00 for 2 hours
    assert texts(spec) == [
        (
            "cohort berlin-1, module a: the 3h session is longer than any common working window of the cohort "
            "and an eligible facilitator (longest: 2h with katrin)"
        )
    ]
    spec.facilitators[0]["working_hours"] = "06:00-12:00"
    assert texts(spec) == []


def tel_aviv(minutes: int) -> Spec:
    # Jerusalem 16:00-18:00 (14-16 UTC in winter); Dana in New York 06:00-10:00 (11-15 UTC in EST,
    # 10-14 UTC in EDT). From 2027-03-14 (US DST) to 2027-03-26 (Israel DST) they never meet.
    return Spec(
        [module("a", f"{minutes}m")],
        [cohort("tel-aviv-1", "Asia/Jerusalem", "IL", "he_IL", working_hours="16:00-18:00")],
        [facilitator("dana", "America/New_York", "US-NY", ["he", "en"], "06:00-10:00")],
        window="2027-03-08..2027-03-25",
    )


def test_no_overlap_in_the_weeks_after_the_us_dst_change() -> None:
    assert texts(tel_aviv(90)) == [
        (
            "cohort tel-aviv-1, module a: the 1h30m session is longer than any common working window of the "
            "cohort and an eligible facilitator (longest: 1h with dana)"
        ),
        "no overlap between tel-aviv-1's working hours and dana's in week 2027-03-15 after the US DST change",
        "no overlap between tel-aviv-1's working hours and dana's in week 2027-03-22 after the US DST change",
    ]
    assert texts(tel_aviv(60)) == []  # the week of 2027-03-08 still has an hour in common


def test_no_overlap_at_all() -> None:
    spec = Spec(
        [module("a", "60m")],
        [cohort("tokyo-1", "Asia/Tokyo", "JP", "en")],
        [facilitator("emily", "America/New_York", "US-NY", ["en"], "09:00-17:00")],
        window="2027-02-01..2027-02-26",
    )
    assert texts(spec) == ["no overlap between tokyo-1's working hours and emily's in the window"]


def test_no_common_working_day() -> None:
    spec = berlin()
    spec.facilitators[0]["unavailable"] = ["2027-02-20..2027-04-10"]
    assert texts(spec) == ["cohort berlin-1 and katrin have no working day in common in the window"]


# ---------------------------------------------------------------- facilitators' limits


def limited(cohorts: int) -> Spec:
    return Spec(
        [module("a", "60m", ["coaching"])],
        [cohort(f"oslo-{i}", "Europe/Oslo", "NO", "nb_NO") for i in range(1, cohorts + 1)],
        [facilitator("ingrid", "Europe/Oslo", "NO", ["nb"], "08:00-16:00", ["coaching"], max_sessions_per_week=1),
         facilitator("lars", "Europe/Oslo", "NO", ["nb"], "08:00-16:00", [])],
        window="2027-03-01..2027-03-12",
    )


def test_weekly_limit_too_low_for_the_sessions_only_one_facilitator_can_deliver() -> None:
    assert texts(limited(2)) == []
    reasons = diagnose(limited(3).bundle())
    assert [(r.rule, r.facilitator, r.text) for r in reasons] == [(
        "weekly-limit", "ingrid",
        "ingrid can deliver at most 2 sessions in the window (max_sessions_per_week: 1) but 3 sessions can only be delivered by ingrid",
    )]


def test_weekly_limit_for_sessions_that_fit_only_late_in_the_window() -> None:
    spec = Spec(
        [module("a", "60m", ["coaching"]), module("b", "60m", ["coaching"])],
        [cohort("ny-1", "America/New_York", "US-NY", "en_US"),
         cohort("ny-2", "America/New_York", "US-NY", "en_US", start_after="2027-04-12")],
        [facilitator("emily", "America/New_York", "US-NY", ["en"], "07:00-19:00", ["coaching"], max_sessions_per_week=1),
         facilitator("marcus", "America/Chicago", "US-IL", ["en"], "06:00-20:00", [])],
        window="2027-03-22..2027-04-16",
    )
    # Four weeks hold all four sessions, but ny-2's two fit only in the last week.
    reasons = diagnose(spec.bundle())
    assert [(r.rule, r.facilitator, r.date, r.text) for r in reasons] == [(
        "weekly-limit", "emily", "2027-04-12",
        (
            "2 sessions of ny-2 can only be delivered by emily, between 2027-04-12 and 2027-04-16, "
            "but emily's limits allow at most 1 session then (max_sessions_per_week: 1)"
        ),
    )]
    spec.cohorts[1]["start_after"] = "2027-04-05"
    assert texts(spec) == []


def test_summarize() -> None:
    assert summarize([]) == "no obstacle found before solving"
    assert summarize(diagnose(dubai().bundle())) == (
        "- cohort dubai-1, module team-simulation: no facilitator speaks ar and holds change-management and facilitation"
    )
