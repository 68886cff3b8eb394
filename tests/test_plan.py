"""``glocal plan`` end to end on the example, as a real process: files, summary, determinism.

One plan of the example (time limit 20 s, 1 worker) is made per test session and shared; the
determinism test makes a second one and compares every byte.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from glocal.model import Status
from glocal.scheduling.validate import validate_schedule
from glocal.workspace import load_workspace
from glocal.workspace.schedule_file import load_schedule

from .conftest import EXAMPLE_PROGRAM, REPO

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("plan-e2e")]  # one solve shared by the module

GLOCAL = str(Path(sys.executable).parent / "glocal")
PLAN_ARGS = ["--time-limit", "20", "--workers", "1", "--seed", "3"]


def run_plan(cwd: Path, *args: str, workspace: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run ``glocal plan`` in a subprocess (stdout and stderr are pipes: no terminal)."""
    command = [GLOCAL, "plan", EXAMPLE_PROGRAM, "--workspace", str(workspace), *args]
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(command, cwd=cwd, check=False, capture_output=True, text=True, timeout=600, env=env)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under a folder by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The example planned once with the default --out (out/<program> under the current folder)."""
    cwd = tmp_path_factory.mktemp("plan")
    done = run_plan(cwd, *PLAN_ARGS)
    return cwd / "out" / EXAMPLE_PROGRAM, done


def test_plan_writes_schedule_calendars_and_report(planned: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, done = planned
    assert done.returncode == 0, done.stderr
    files = tree(out)
    workspace = load_workspace(REPO, [EXAMPLE_PROGRAM])
    bundle = workspace.bundle(EXAMPLE_PROGRAM)
    for cohort in bundle.rollout.cohorts:
        assert f"calendars/cohorts/{cohort.id}.ics" in files
    assert "report.html" in files and "schedule.json" in files
    schedule = load_schedule(out / "schedule.json")
    assert schedule.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert len(schedule.sessions) == 54
    assert validate_schedule(bundle, schedule) == []  # the solver-free validator agrees
    for facilitator in sorted({s.facilitator for s in schedule.sessions}):
        assert f"calendars/facilitators/{facilitator}.ics" in files
    page = files["report.html"].decode("utf-8")
    for cohort in bundle.rollout.cohorts:
        assert f'id="cohort-{cohort.id}"' in page
    # No temp folders left: only the plan and its lock file (kept: see glocal.output.lock).
    assert sorted(p.name for p in out.parent.iterdir()) == [f".{EXAMPLE_PROGRAM}.glocal-lock", EXAMPLE_PROGRAM]


def test_plan_prints_summary_warnings_and_where(planned: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, done = planned
    assert "Traceback" not in done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("progress ")]
    assert lines, done.stderr
    pattern = re.compile(r"^progress elapsed=\d+\.\d placed=\d+/54 objective=(\d+|-) bound=(\d+|-)"
                         r"( phase=(starting|pre-solve))?$")
    assert all(pattern.match(ln) for ln in lines), lines
    elapsed = [float(ln.split()[1].removeprefix("elapsed=")) for ln in lines]
    assert elapsed == sorted(elapsed) and elapsed[0] < 10  # the run's clock, from its first seconds
    assert lines[-1].split()[2] == "placed=54/54"
    for row in ("oslo-1", "tokyo-2", "dubai-1"):
        assert re.search(rf"│ {row} +│ \w+ +│ [\w/]+ +│ \w{{3}} \d+ \w{{3}} 2027, \d\d:\d\d", done.stdout), row
    assert "in preferred hours" in done.stdout
    assert re.search(r"^(optimal|feasible): 54 sessions, objective \d+", done.stdout, re.MULTILINE)
    assert "locales/pt_BR/leading-through-change.yaml:3:11: warning: pt_BR variant is based on version 2" in done.stderr
    assert "ar_AE: activity feedback/hot-seat" in done.stderr
    assert f"wrote out/{EXAMPLE_PROGRAM}/: schedule.json, changes.json, report.html" in done.stdout


def test_same_input_and_seed_give_identical_bytes(
    planned: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    first, done = planned
    assert done.returncode == 0, done.stderr
    again = run_plan(tmp_path, *PLAN_ARGS, "--out", "second")
    assert again.returncode == 0, again.stderr
    one, two = tree(first), tree(tmp_path / "second")
    assert sorted(one) == sorted(two)
    different = [name for name in one if one[name] != two[name]]
    assert different == []


def test_replan_against_the_previous_plan_keeps_every_session(
    planned: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    first, done = planned
    assert done.returncode == 0, done.stderr
    again = run_plan(tmp_path, *PLAN_ARGS, "--previous", str(first / "schedule.json"), "--out", "next")
    assert again.returncode == 0, again.stderr
    before = {(s.cohort, s.module): s for s in load_schedule(first / "schedule.json").sessions}
    after = load_schedule(tmp_path / "next" / "schedule.json")
    assert not after.cancelled
    for session in after.sessions:
        earlier = before[(session.cohort, session.module)]
        assert (session.start, session.facilitator, session.sequence) == (earlier.start, earlier.facilitator, earlier.sequence)
        assert not session.moved
    assert "moved" not in again.stdout


@pytest.mark.external
def test_planned_report_in_chromium(planned: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    from playwright.sync_api import sync_playwright

    from .test_browser import CHROMIUM, Opened

    out, done = planned
    assert done.returncode == 0, done.stderr
    assert CHROMIUM is not None, "chromium is not installed; run make test-deps"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        opened = Opened(browser, out / "report.html", 390)  # the plan as 'glocal plan' wrote it, on a phone
        assert opened.errors == []
        cohorts = opened.page.eval_on_selector_all("div.cohort", "divs => divs.map(d => d.id)")
        expected = load_workspace(REPO, [EXAMPLE_PROGRAM]).bundle(EXAMPLE_PROGRAM).rollout.cohorts
        assert cohorts == [f"cohort-{c.id}" for c in expected]
        assert opened.page.locator("a.block").count() == 54
        scroll, inner = opened.overflow()
        assert scroll <= inner, f"the example's report scrolls sideways at 390 px: {scroll} > {inner}"
        browser.close()
