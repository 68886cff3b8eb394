"""``glocal evaluate`` on the example: findings printed, evaluation.json and the report section."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli

from .conftest import EXAMPLE_PROGRAM, REPO, copy_example
from .evalgen import make_workspace
from .wsgen import PROGRAM_ID


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace with its sample results, planned once."""
    root = tmp_path_factory.mktemp("example")
    copy_example(root)
    shutil.copytree(REPO / "results", root / "results")
    result = CliRunner().invoke(cli, ["plan", EXAMPLE_PROGRAM, "--workspace", str(root), "--out", str(root / "out"), "--time-limit", "20"])
    assert result.exit_code == 0, result.output
    return root


def _evaluate(root: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["evaluate", EXAMPLE_PROGRAM, "--workspace", str(root), "--out", str(out), *extra])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_example_loop(planned: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(planned / "out", out)
    code, stdout, stderr = _evaluate(planned, out, "--today", "2027-10-15")
    assert code == 0, stderr
    assert "evaluation of leading-through-change as of 2027-10-15" in stdout
    # the story the sample data tells (scripts/gen_sample_results.py)
    assert "[overdue] cohort tokyo-2: L3 Manager observation checklist is overdue" in stdout
    assert "[overdue] cohort new-york-1: L4" in stdout
    assert "[variant-differs] variant ja: L2 gain" in stdout and "lower than the core's" in stdout
    assert "[liked-not-applied] cohort dubai-1" in stdout
    assert "[low-response] cohort singapore-1: low L1 response rate" in stdout
    document = json.loads((out / "evaluation.json").read_text(encoding="utf-8"))
    assert set(document["files"].values()) == {"microsoft-forms", "qualtrics", "google-forms", "tidy"}
    oslo = next(g for g in document["groups"] if g["key"] == "oslo-1")
    assert oslo["levels"]["4"]["change"]["suppressed"]  # four teams only
    report = (out / "report.html").read_text(encoding="utf-8")
    section = report.split('<section id="evaluation">')[1].split("</section>")[0]
    assert section.count("<svg") == 4  # the plan's own charts come on top of these
    assert "<script" not in report.split('<section id="evaluation">')[1].split("</section>")[0]
    first = (out / "evaluation.json").read_bytes(), (out / "report.html").read_bytes()
    assert _evaluate(planned, out, "--today", "2027-10-15")[0] == 0
    assert ((out / "evaluation.json").read_bytes(), (out / "report.html").read_bytes()) == first


def test_needs_a_plan_and_a_results_folder(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    runner = CliRunner()
    args = ["evaluate", PROGRAM_ID, "--workspace", str(root), "--today", "2027-10-01"]
    result = runner.invoke(cli, [*args, "--results", str(root / "results"), "--out", str(root / "nowhere")])
    assert result.exit_code == 2
    assert "no plan in" in result.stderr and f"run 'glocal plan {PROGRAM_ID}' first" in result.stderr
    result = runner.invoke(cli, [*args, "--results", str(root / "none"), "--out", str(root / "out")])
    assert result.exit_code == 2 and "no results folder" in result.stderr
    schedule = json.loads((root / "out" / "schedule.json").read_text(encoding="utf-8"))
    (root / "out" / "schedule.json").write_text(json.dumps({**schedule, "program": "other"}), encoding="utf-8")
    result = runner.invoke(cli, [*args, "--results", str(root / "results"), "--out", str(root / "out")])
    assert result.exit_code == 2 and "is a plan of 'other'" in result.stderr


def test_findings_do_not_change_the_exit_status(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    result = CliRunner().invoke(cli, ["evaluate", PROGRAM_ID, "--workspace", str(root), "--results", str(root / "results"),
                                      "--out", str(root / "out"), "--today", "2027-10-01"])
    assert result.exit_code == 0, result.stderr
    assert "[overdue] cohort tokyo: L3 Observation is overdue: due 2027-05-17" in result.stdout
    assert "fewer than 5" in result.stdout  # tokyo's four answers
