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


def test_short_window_gives_a_partial_plan_exit_1_whole_cohorts_invited(
    workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    # Six modules with 2- and 7-day minimum gaps cannot fit tokyo-2's 10 working days.
    _edit(workspace, "window: 2027-02-01..2027-04-30", "window: 2027-02-01..2027-03-12")
    out = tmp_path / "plan"
    code, text = _plan(runner, workspace, "--out", str(out))
    assert code == 1
    assert "partial plan:" in text and "cohort tokyo-2 has 6 modules" in text
    data = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
    assert data["status"] == "partial" and data["sessions"]
    missing = {item["cohort"] for item in data["unplaced"]}
    assert missing == {"tokyo-2"}
    tentative = {s["cohort"] for s in data["sessions"] if s.get("tentative")}
    assert tentative <= {"tokyo-2"}
    assert any("tokyo-2" in reason["text"] for reason in data["reasons"])
    cohorts = sorted(p.stem for p in (out / "calendars" / "cohorts").iterdir())
    assert "tokyo-2" not in cohorts and cohorts  # only whole cohorts get calendars
    coordinator = (out / "calendars" / "coordinator.ics").read_text(encoding="utf-8")
    assert "tokyo-2" not in coordinator
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Not everything could be booked" in page and "cohort tokyo-2 has 6 modules" in page
    assert runner.invoke(cli, ["validate", str(out / "schedule.json"),
                               "--workspace", str(workspace)]).exit_code == 0


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


def test_cohorts_nobody_can_teach_give_a_partial_plan_not_an_input_error(
    workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    team = workspace / "facilitators.yaml"  # the team the programs share
    text = team.read_text(encoding="utf-8")
    old = "    languages: [ja, en]\n    skills: [change-management, coaching, facilitation]"
    assert old in text
    team.write_text(text.replace(old, "    languages: [ja, en]\n    skills: [change-management, coaching]"), "utf-8")
    out = tmp_path / "plan"
    code, output = _plan(runner, workspace, "--out", str(out))
    assert code == 1
    # One warning per cohort before the solve, then the aggregated reason once for both cohorts.
    assert output.count("warning: nobody can deliver module team-simulation") == 2
    assert "cohorts tokyo-1, tokyo-2 (modules team-simulation): no facilitator who speaks" in output
    data = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
    assert data["status"] == "partial"
    assert {(u["cohort"], u["module"]) for u in data["unplaced"]} == {("tokyo-1", "team-simulation"),
                                                                     ("tokyo-2", "team-simulation")}
    tentative = {(s["cohort"], s["module"]) for s in data["sessions"] if s.get("tentative")}
    assert {cohort for cohort, _ in tentative} == {"tokyo-1", "tokyo-2"}
    assert len(tentative) == 2 * 5  # every other module of both cohorts is placed, tentatively
    assert "tentative" not in json.dumps([s for s in data["sessions"] if s["cohort"] != "tokyo-1"
                                          and s["cohort"] != "tokyo-2"])
    invites = [p.name for p in (out / "calendars").rglob("*.ics")]
    assert not any("tokyo" in name for name in invites)
    # The first suggestion, pasted into facilitators.yaml, places what it promised.
    first = data["suggestions"][0]
    assert first["kind"] == "add-facilitator" and first["places"] == 2
    assert "what would place more:" in output and first["text"] in output
    with team.open("a", encoding="utf-8") as handle:
        handle.write("  - " + json.dumps(first["change"]["facilitator"]) + "\n")
    code, output = _plan(runner, workspace, "--out", str(tmp_path / "again"))
    again = json.loads((tmp_path / "again" / "schedule.json").read_text(encoding="utf-8"))
    assert code == 0 and again["status"] in ("optimal", "feasible")
    assert len(again["sessions"]) - len(data["sessions"]) >= 0.9 * first["places"]
