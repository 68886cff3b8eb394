"""Data flows once: the plan's outputs are handed the localized program per cohort locale and
resolve no variant again (the calendars, the revisions and the report used to each resolve it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.calendars import revise
from glocal.cli import plan_outputs
from glocal.localization import resolve_cohorts
from glocal.workspace import load_workspace

from .conftest import EXAMPLE_PROGRAM
from .report_factory import weekly_schedule


def test_outputs_given_the_localized_program_resolve_nothing(example_root: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = load_workspace(example_root, [EXAMPLE_PROGRAM])
    bundle = workspace.bundle(EXAMPLE_PROGRAM)
    localized = resolve_cohorts(bundle)
    assert sorted(localized) == sorted({c.locale for c in bundle.rollout.cohorts})  # once per locale
    calls: list[str] = []

    def counting(module: str) -> None:
        import importlib

        target = importlib.import_module(module)
        original = target.resolve
        monkeypatch.setattr(target, "resolve", lambda b, locale: calls.append(locale) or original(b, locale))

    for module in ("glocal.calendars.texts", "glocal.report.render", "glocal.localization.resolve"):
        counting(module)
    calls.clear()
    shared = resolve_cohorts(bundle)
    schedule = revise(bundle, weekly_schedule(bundle), None, None, shared)
    given = plan_outputs.output_files(workspace, bundle, schedule, localized=shared)
    # the cohorts' locales were resolved once up front; the facilitators' calendar languages
    # once each on first use; nothing twice
    assert len(calls) == len(set(calls))
    calls.clear()
    separate = revise(bundle, weekly_schedule(bundle), None)
    alone = plan_outputs.output_files(workspace, bundle, separate)
    assert len(calls) > len(set(calls))  # the check above can fail: unshared, locales resolve again
    assert given == alone  # and the bytes are the same either way
