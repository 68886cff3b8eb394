"""Killing ``glocal plan`` mid-solve (SIGTERM, SIGKILL) leaves the earlier plan exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glocal import output

from .conftest import EXAMPLE_PROGRAM, REPO

pytestmark = pytest.mark.slow

GLOCAL = str(Path(sys.executable).parent / "glocal")
EARLIER = {
    "schedule.json": b'{"program": "leading-through-change", "status": "optimal", "sessions": []}\n',
    "report.html": b"<!DOCTYPE html><title>earlier plan</title>\n",
    "calendars/cohorts/oslo-1.ics": b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_kill_mid_solve_keeps_the_earlier_plan(tmp_path: Path, signum: int) -> None:
    out = tmp_path / "plans" / "spring"
    output.write_folder(out, EARLIER)
    command = [GLOCAL, "plan", EXAMPLE_PROGRAM, "--workspace", str(REPO), "--out", str(out),
               "--time-limit", "120", "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 300
        for line in process.stderr:  # the first progress line: the solver is running
            if line.startswith("progress ") or time.monotonic() > deadline:
                break
        else:
            pytest.fail(f"glocal plan ended before solving: {process.wait()}")
        os.kill(process.pid, signum)
        returncode = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert returncode == -signum  # it died from the signal, mid-solve, not after finishing
    assert _tree(out) == EARLIER
    assert sorted(p.name for p in out.parent.iterdir()) == ["spring"]  # nothing half-written beside it
