"""``glocal plan`` exit statuses and what it writes: invalid input, infeasible plans, bad --out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli

from .conftest import EXAMPLE_PROGRAM

ROLLOUT = Path("programs") / EXAMPLE_PROGRAM / "rollout.yaml"


def _edit(workspace: Path, old: str, new: str) -> None:
    path = workspace / ROLLOUT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _plan(runner: CliRunner, workspace: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["plan", EXAMPLE_PROGRAM, "--workspace", str(workspace),
                                 "--time-limit", "5", "--workers", "1", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_invalid_input_exits_2_and_writes_nothing(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    _edit(workspace, "timezone: Asia/Kolkata", "timezone: Asia/Calcuta")
    out = tmp_path / "out"
    code, text = _plan(runner, workspace, "--out", str(out))
    assert code == 2
    assert f"{ROLLOUT.as_posix()}:" in text and "unknown time zone 'Asia/Calcuta'" in text
    assert "nothing was written" in text
    assert not out.exists()


def test_infeasible_plan_exits_1_with_reasons_and_no_calendars(
    workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    # Six modules with 2- and 7-day minimum gaps cannot fit tokyo-2's 10 working days.
    _edit(workspace, "window: 2027-02-01..2027-04-30", "window: 2027-02-01..2027-03-12")
    out = tmp_path / "plan"
    code, text = _plan(runner, workspace, "--out", str(out))
    assert code == 1
    assert "no plan for leading-through-change satisfies every rule:" in text
    assert "cohort tokyo-2 has 6 modules" in text
    assert sorted(p.name for p in out.iterdir()) == [".glocal-out.json", "report.html", "schedule.json"]
    data = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
    assert data["status"] == "infeasible" and data["sessions"] == []
    assert any("tokyo-2" in reason["text"] for reason in data["reasons"])
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Why no plan satisfies every rule" in page and "cohort tokyo-2 has 6 modules" in page


def test_out_that_is_not_a_plan_folder_is_refused_before_solving(
    workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("precious")
    code, text = _plan(runner, workspace, "--out", str(home))
    assert code == 2
    assert "not a glocal plan folder" in text
    assert "progress" not in text  # refused before the solver ran
    assert sorted(p.name for p in home.iterdir()) == ["thesis.tex"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "ws"]


def test_previous_plan_of_another_program_is_refused(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"program": "another-program", "status": "optimal", "sessions": []}))
    code, text = _plan(runner, workspace, "--previous", str(other), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "is a plan of 'another-program', not of 'leading-through-change'" in text


@pytest.mark.parametrize("bad", ["--previous=/nonexistent/schedule.json", "--freeze-before=2027-13-01"])
def test_bad_options_are_clean_errors(workspace: Path, runner: CliRunner, tmp_path: Path, bad: str) -> None:
    code, text = _plan(runner, workspace, bad, "--out", str(tmp_path / "o"))
    assert code == 2
    assert ("cannot read schedule" in text) if "previous" in bad else ("2027-13-01" in text)
    assert not (tmp_path / "o").exists()


def test_unknown_program_suggests(workspace: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plan", "leading-through-chang", "--workspace", str(workspace)])
    assert result.exit_code == 2
    assert "leading-through-change" in result.output


def test_a_plan_that_breaks_a_rule_is_an_internal_error(
    workspace: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glocal.cli import plan_solve
    from glocal.scheduling.validate.session import Violation
    from glocal.workspace import load_workspace

    from .report_factory import weekly_schedule

    bundle = load_workspace(workspace, [EXAMPLE_PROGRAM]).bundle(EXAMPLE_PROGRAM)
    monkeypatch.setattr(plan_solve, "solve", lambda b, options: weekly_schedule(bundle))
    broken = Violation(rule="leave", text="ingrid is on leave 2027-02-23 but gives oslo-1/resistance")
    monkeypatch.setattr("glocal.scheduling.validate.validate_schedule", lambda b, s: [broken])
    out = tmp_path / "plan"
    code, text = _plan(runner, workspace, "--out", str(out))
    assert code == 3
    assert "internal error: the solver's plan breaks 1 rule(s); nothing was written" in text
    assert "  - leave: ingrid is on leave 2027-02-23 but gives oslo-1/resistance" in text
    assert not out.exists()
