"""What ``glocal plan`` loads while the solver works: the caches the outputs use, and no change to them."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.calendars import texts, timezones, with_sequences
from glocal.cli import plan_outputs
from glocal.model import Schedule
from glocal.report import render as report
from glocal.workspace import ProgramBundle, Workspace, load_workspace

from .conftest import EXAMPLE_PROGRAM
from .report_factory import weekly_schedule


@pytest.fixture(scope="module")
def example(example_root: Path) -> tuple[Workspace, ProgramBundle, Schedule]:
    workspace = load_workspace(example_root, [EXAMPLE_PROGRAM])
    bundle = workspace.bundle(EXAMPLE_PROGRAM)
    return workspace, bundle, with_sequences(weekly_schedule(bundle), None)


def _forget() -> None:
    """Empty the caches ``prepare`` fills, as in a fresh process."""
    timezones._vtimezone_text.cache_clear()
    texts.when_text.cache_clear()
    report._environment.cache_clear()


def test_prepare_builds_every_vtimezone_the_calendars_use(example: tuple[Workspace, ProgramBundle, Schedule]) -> None:
    workspace, bundle, schedule = example
    _forget()
    plan_outputs.prepare(bundle)
    prepared = timezones._vtimezone_text.cache_info()
    assert prepared.currsize >= len({c.timezone for c in bundle.rollout.cohorts})
    assert texts.when_text.cache_info().currsize > 0
    plan_outputs.output_files(workspace, bundle, schedule)
    after = timezones._vtimezone_text.cache_info()
    assert after.misses == prepared.misses  # every zone and year span was ready
    assert after.hits > prepared.hits


def test_prepare_changes_no_output_byte(example: tuple[Workspace, ProgramBundle, Schedule]) -> None:
    workspace, bundle, schedule = example
    _forget()
    cold = plan_outputs.output_files(workspace, bundle, schedule)
    _forget()
    plan_outputs.prepare(bundle)
    prepared = plan_outputs.output_files(workspace, bundle, schedule)
    assert sorted(prepared) == sorted(cold)
    assert any(path.startswith("calendars/") for path in prepared)
    for path, data in cold.items():
        assert prepared[path] == data, path
