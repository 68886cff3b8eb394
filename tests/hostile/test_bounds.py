"""Numbers the solver needs bounded, dates Python can shift, and a planning horizon."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from glocal.values.limits import MAX_HORIZON_DAYS, MAX_WEIGHT

from ..checkhelp import ROLLOUT, TEAM, edit, errors, warnings
from ..wsgen import Spec, cohort, facilitator, module

WEIGHT = ("weight {n} is too large; use 0 to 1000000 (weights are relative, and larger ones could "
          "overflow the solver's 64-bit objective)")


def test_huge_objective_weights_are_refused_with_the_bound(workspace: Path) -> None:
    # 10^24 crashed 'plan' with a TypeError; 10^17 gave "no plan within the time limit".
    edit(workspace, ROLLOUT, "granularity: 15m", "granularity: 15m\nobjectives:\n  load_balance: "
         f"{10**24}\n  weekly_rhythm: {10**17}\n  early_finish: {MAX_WEIGHT}")
    assert errors(workspace) == [
        f"{ROLLOUT}:6:17: " + WEIGHT.format(n=10**24),
        f"{ROLLOUT}:7:18: " + WEIGHT.format(n=10**17),
    ]


def test_a_rollout_window_beyond_the_horizon_is_refused_with_a_shorter_one(workspace: Path) -> None:
    # A 20-year window ran 189-212 s with --time-limit 30 before.
    edit(workspace, ROLLOUT, "window: 2027-02-01..2027-04-30", "window: 2027-02-01..2046-12-31")
    assert errors(workspace) == [
        (f"{ROLLOUT}:3:9: rollout window 2027-02-01..2046-12-31 is 7274 days long; glocal plans at most "
        f"{MAX_HORIZON_DAYS} days (two years) at a time, so plan a shorter wave such as 2027-02-01..2029-01-31"),
    ]


def test_a_two_year_window_is_accepted(workspace: Path) -> None:
    edit(workspace, ROLLOUT, "window: 2027-02-01..2027-04-30", "window: 2027-02-01..2029-01-31")
    warnings(workspace)  # loads without an error


def test_dates_near_year_9999_are_refused(workspace: Path) -> None:
    edit(workspace, ROLLOUT, "window: 2027-02-01..2027-04-30", "window: 9999-12-30..9999-12-31")
    edit(workspace, TEAM, "- 2027-02-22..2027-02-26", "- 0001-01-01")
    assert errors(workspace) == [
        f"{TEAM}:12:9: date 0001-01-01 is outside the years glocal plans in; use a date from 1900 to 2999",
        f"{ROLLOUT}:3:9: date 9999-12-30 is outside the years glocal plans in; use a date from 1900 to 2999",
    ]


def test_counts_the_solver_uses_are_bounded(workspace: Path) -> None:
    edit(workspace, TEAM, "max_sessions_per_week: 5", f"max_sessions_per_week: {10**30}")
    found = errors(workspace)
    assert len(found) == 1 and found[0].startswith(f"{TEAM}:10:28: ") and "10080" in found[0]


def _india_2040(root: Path) -> Path:
    spec = Spec([module("m1", "60m")], [cohort("blr", "Asia/Kolkata", "IN-KA", "en_IN")],
                [facilitator("f", "Asia/Kolkata", "IN-KA", ["en"])], window="2040-03-05..2040-03-16")
    return spec.write(root)


def test_years_the_holiday_data_lacks_are_a_glocal_warning(tmp_path: Path) -> None:
    found = warnings(_india_2040(tmp_path))
    expected = ("warning: the holiday data of IN computes some holidays (such as lunar ones) only for 2001 to 2035, "
                "so 2040 lacks them in glocal; sessions may fall on public holidays there, so check those dates "
                "yourself (leave goes in 'unavailable', or move the window)")
    assert found == [f"programs/demo/facilitators.yaml:7:18: {expected}", f"programs/demo/rollout.yaml:14:18: {expected}"]


def test_the_holidays_package_warning_does_not_reach_stderr(tmp_path: Path) -> None:
    # "Requested Holidays are available only from 2001 to 2035." leaked to stderr before.
    root = _india_2040(tmp_path)
    glocal = Path(sys.executable).parent / "glocal"
    run = subprocess.run([str(glocal), "plan", "demo", "--time-limit", "2"], cwd=root, capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "Requested Holidays" not in run.stderr and "UserWarning" not in run.stderr
    assert "holiday data of IN" in run.stderr
