"""The validator on the shipped example: localized durations, real leave, holidays, languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.scheduling.validate import Violation, validate_schedule
from glocal.workspace import ProgramBundle, load_workspace

from .conftest import EXAMPLE_PROGRAM
from .wsgen import schedule, session


@pytest.fixture(scope="module")
def bundle(example_root: Path) -> ProgramBundle:
    return load_workspace(example_root, [EXAMPLE_PROGRAM]).bundle(EXAMPLE_PROGRAM)


def broken(bundle: ProgramBundle, cohort: str, module: str, fac: str, start: str, minutes: int) -> list[Violation]:
    """Violations of one session, leaving out the 53 sessions it does not place."""
    plan = schedule(session(cohort, module, fac, start, minutes), program=EXAMPLE_PROGRAM)
    return [v for v in validate_schedule(bundle, plan) if v.rule != "placement"]


def test_an_empty_plan_misses_every_session(bundle: ProgramBundle) -> None:
    found = validate_schedule(bundle, schedule(program=EXAMPLE_PROGRAM))
    assert len(found) == 9 * 6 and {v.rule for v in found} == {"placement"}


def test_japanese_cohorts_use_the_localized_duration(bundle: ProgramBundle) -> None:
    # Tue 2027-02-09 10:00-11:45 JST: the ja variant makes foundations 105 minutes.
    assert broken(bundle, "tokyo-1", "foundations", "aiko", "2027-02-09T01:00Z", 105) == []
    found = broken(bundle, "tokyo-1", "foundations", "aiko", "2027-02-09T01:00Z", 90)
    assert [v.text for v in found] == [
        "session tokyo-1/foundations with aiko at 2027-02-09T01:00Z: lasts 1h30m; module foundations lasts 1h45m in ja_JP"
    ]
    assert broken(bundle, "oslo-1", "foundations", "ingrid", "2027-02-09T09:00Z", 90) == []


def test_foundation_day_is_a_holiday_for_both_sides(bundle: ProgramBundle) -> None:
    found = broken(bundle, "tokyo-1", "foundations", "aiko", "2027-02-11T01:00Z", 105)
    assert [v.rule for v in found] == ["cohort-day", "facilitator-day"]
    assert "Thu 2027-02-11 10:00 Asia/Tokyo, a public holiday in JP (Foundation Day)" in found[0].text


def test_people_who_cannot_deliver(bundle: ProgramBundle) -> None:
    assert [v.rule for v in broken(bundle, "dubai-1", "foundations", "omar", "2027-02-09T06:00Z", 90)] == []
    assert [v.rule for v in broken(bundle, "dubai-1", "foundations", "layla", "2027-02-09T09:00Z", 90)] == ["skills"]
    assert [v.rule for v in broken(bundle, "dubai-1", "coaching", "katrin", "2027-02-09T08:00Z", 120)] == ["language"]


def test_leave_partial_unavailability_and_start_after(bundle: ProgramBundle) -> None:
    assert [v.rule for v in broken(bundle, "oslo-1", "foundations", "ingrid", "2027-02-23T09:00Z", 90)] == ["leave"]
    # Priya is away from 12:00 IST on 2027-03-03; 10:00-11:30 IST is fine, 12:30 is not.
    assert broken(bundle, "bengaluru-1", "foundations", "priya", "2027-03-03T04:30Z", 90) == []
    assert [v.rule for v in broken(bundle, "bengaluru-1", "foundations", "priya", "2027-03-03T07:00Z", 90)] == ["unavailable"]
    assert [v.rule for v in broken(bundle, "tokyo-2", "foundations", "aiko", "2027-02-26T01:00Z", 105)] == ["start-after"]
    assert broken(bundle, "tokyo-2", "foundations", "aiko", "2027-03-01T01:00Z", 105) == []
