"""SIGKILL at random moments of a real ``glocal plan``: ``--out`` is the old or the new plan, never a mix.

Half of the kills fall anywhere in the run (loading, solving, writing); the other half are
aimed at the write itself: the test watches for the temporary folder glocal writes beside
``--out`` and kills at a random moment after it appears. After each kill the next run must
succeed and leave nothing behind but the plan and its lock file.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli

from ..wsgen import PROGRAM_ID, Spec, cohort, facilitator, module
from .helpers import GLOCAL, run, tree

pytestmark = pytest.mark.slow

ITERATIONS = 10
# Small enough to plan in well under a second, with a folder of calendars to write.
SPEC = Spec(
    modules=[module("m1"), module("m2")],
    cohorts=[cohort(f"c{i}", zone, country, locale) for i, (zone, country, locale) in enumerate([
        ("Europe/Berlin", "DE", "de_DE"), ("America/New_York", "US-NY", "en_US"), ("Asia/Tokyo", "JP", "ja_JP"),
        ("Europe/Berlin", "DE", "de_DE"), ("America/New_York", "US-NY", "en_US"), ("Asia/Tokyo", "JP", "ja_JP"),
    ])],
    facilitators=[facilitator("f1", "Europe/Berlin", "DE", ["de", "en"], hours="07:00-20:00"),
                  facilitator("f2", "America/New_York", "US-NY", ["en"], hours="07:00-20:00"),
                  facilitator("f3", "Asia/Tokyo", "JP", ["ja", "en"], hours="07:00-20:00")],
)


def _command(root: Path, out: Path, seed: int) -> list[str]:
    return [GLOCAL, "plan", PROGRAM_ID, "--workspace", str(root), "--out", str(out), "--seed", str(seed),
            "--workers", "1", "--time-limit", "10"]


def _plan_here(runner: CliRunner, root: Path, out: Path, seed: int) -> None:
    result = runner.invoke(cli, _command(root, out, seed)[1:])
    assert result.exit_code == 0, result.output


def _kill_during_write(process: subprocess.Popen[bytes], parent: Path, rng: random.Random) -> bool:
    """Kill ``process`` at a random moment after its temporary folder appears; True if one was seen."""
    while process.poll() is None:
        if any(".glocal-tmp-" in name for name in os.listdir(parent)):
            time.sleep(rng.uniform(0, 0.01))
            process.send_signal(signal.SIGKILL)
            return True
        time.sleep(0.0005)
    return False


def test_sigkill_at_random_moments_leaves_the_old_or_the_new_plan(tmp_path: Path, runner: CliRunner) -> None:
    root = SPEC.write(tmp_path / "ws")
    out = tmp_path / "plans" / "spring"
    _plan_here(runner, root, out, seed=0)
    _plan_here(runner, root, out, seed=0)  # continuing itself: the plan every "next run" below gives
    old = tree(out)
    reference = tmp_path / "reference"
    shutil.copytree(out, reference)
    started = time.monotonic()
    assert run(_command(root, reference, seed=1)).returncode == 0
    whole_run = time.monotonic() - started
    new = tree(reference)  # what the killed runs (seed 1, continuing ``old``) write when not killed
    assert new != old

    rng = random.Random(20261207)
    outcomes: list[str] = []
    for i in range(ITERATIONS):
        process = subprocess.Popen(_command(root, out, seed=1), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            if i % 2:
                aimed = _kill_during_write(process, out.parent, rng)
            else:
                aimed = False
                time.sleep(rng.uniform(0.05, whole_run))
                process.send_signal(signal.SIGKILL)
            code = process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        state = tree(out)
        assert state in (old, new), f"kill {i} left a mix of the old and the new plan in --out"
        outcomes.append(f"{'aimed' if aimed else 'random'}:{'killed' if code else 'finished'}:"
                        f"{'old' if state == old else 'new'}")
        _plan_here(runner, root, out, seed=0)  # the next run succeeds over whatever the kill left
        assert tree(out) == old
        assert sorted(os.listdir(out.parent)) == [".spring.glocal-lock", "spring"], outcomes
    assert any(o.startswith("aimed:killed") for o in outcomes), f"no kill hit the write: {outcomes}"
