"""``glocal validate SCHEDULE.json``: exit 0 on a valid plan, 2 with every violation printed."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli
from glocal.model import ScheduledSession
from glocal.workspace.schedule_file import dump_schedule

from .conftest import EXAMPLE_PROGRAM
from .wsgen import Spec, cohort, facilitator, module, schedule, session


def demo(root: Path) -> Path:
    spec = Spec(
        [module("a", "60m", ["coaching"]), module("b", "60m", ["coaching"], gap={"min": "1d"})],
        [cohort("berlin-1", "Europe/Berlin", "DE-HE", "de_DE")],
        [facilitator("katrin", "Europe/Berlin", "DE-HE", ["de"], "08:00-17:00", ["coaching"])],
    )
    return spec.write(root / "ws")


def write(path: Path, *sessions: ScheduledSession) -> Path:
    path.write_text(dump_schedule(schedule(*sessions)), encoding="utf-8")
    return path


def test_a_valid_schedule_exits_0(tmp_path: Path, runner: CliRunner) -> None:
    root = demo(tmp_path)
    plan = write(tmp_path / "schedule.json",
                 session("berlin-1", "a", "katrin", "2027-03-02T09:00Z", 60),
                 session("berlin-1", "b", "katrin", "2027-03-04T09:00Z", 60))
    assert '"start": "2027-03-02T09:00:00Z"' in plan.read_text(encoding="utf-8")  # as dump_schedule writes it
    result = runner.invoke(cli, ["validate", str(plan), "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    assert f"ok: {plan} (feasible, 2 sessions) breaks no rule" in result.stderr


def test_every_violation_is_printed_and_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    root = demo(tmp_path)
    plan = write(tmp_path / "schedule.json",
                 session("berlin-1", "a", "katrin", "2027-03-06T09:00Z", 60),  # a Saturday
                 session("berlin-1", "b", "katrin", "2027-03-06T11:00Z", 90))  # too soon, too long
    result = runner.invoke(cli, ["validate", str(plan), "--workspace", str(root)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-1] == f"6 violations in {plan}"
    assert all(line.startswith(f"{plan}: session berlin-1/") for line in lines[:-1])
    joined = "\n".join(lines)
    for fragment in ("a weekend day (sat) for cohort berlin-1", "a weekend day (sat) for katrin",
                     "lasts 1h30m; module b lasts 1h in de_DE", "at least 1d must pass"):
        assert fragment in joined


def test_unreadable_schedule_and_unknown_program_exit_2(tmp_path: Path, runner: CliRunner) -> None:
    root = demo(tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(broken), "--workspace", str(root)])
    assert result.exit_code == 2 and "not a JSON schedule" in result.stderr
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"program": "nope", "status": "infeasible", "reasons": [{"rule": "x", "text": "y"}]}), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(other), "--workspace", str(root)])
    assert result.exit_code == 2 and "unknown program 'nope'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(importlib.import_module("glocal.scheduling"), "solve"), reason="the solver is not there yet")
def test_a_solved_example_plan_validates(example_root: Path, tmp_path: Path, runner: CliRunner) -> None:
    from glocal.scheduling import SolveOptions, solve
    from glocal.workspace import load_workspace

    bundle = load_workspace(example_root, [EXAMPLE_PROGRAM]).bundle(EXAMPLE_PROGRAM)
    plan = solve(bundle, SolveOptions(time_limit=5, seed=0, workers=1))
    path = tmp_path / "schedule.json"
    path.write_text(dump_schedule(plan), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path), "--workspace", str(example_root)])
    assert result.exit_code == 0, result.stderr
    assert "breaks no rule" in result.stderr
