"""The example workspace plans with status optimal and passes the independent validator."""

from __future__ import annotations

import pytest

from glocal.model import Status
from glocal.scheduling import Progress, SolveOptions, solve
from glocal.scheduling.validate import validate_schedule
from glocal.workspace import load_workspace
from tests.conftest import EXAMPLE_PROGRAM, REPO


@pytest.mark.slow
def test_example_plans_optimally_and_validates() -> None:
    bundle = load_workspace(REPO).bundle(EXAMPLE_PROGRAM)
    seen: list[Progress] = []
    schedule = solve(bundle, SolveOptions(time_limit=20, workers=1, seed=0, on_progress=seen.append))
    assert schedule.status is Status.OPTIMAL
    assert schedule.objective == schedule.best_bound and schedule.gap == 0
    assert len(schedule.sessions) == 9 * 6
    assert validate_schedule(bundle, schedule) == []
    assert sum(schedule.costs.values()) == schedule.objective
    assert seen and seen[-1].placed == seen[-1].total == 54
    assert [s.index for s in schedule.sessions if s.cohort == "tokyo-2"] == [1, 2, 3, 4, 5, 6]
