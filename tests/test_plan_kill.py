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
    before = _tree(out)  # EARLIER and glocal's manifest
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
        solvers = _children(process.pid)
        assert solvers, "the solver runs in a child process"
        os.kill(process.pid, signum)
        returncode = process.wait(timeout=60)
        _, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if signum == signal.SIGTERM:
        assert returncode == 128 + signal.SIGTERM
        assert "glocal: terminated while solving; nothing was written" in errors
    else:
        assert returncode == -signal.SIGKILL
    assert _tree(out) == before
    # Nothing half-written beside it; the lock file stays (deleting it would let two runs lock two files).
    assert sorted(p.name for p in out.parent.iterdir()) == [".spring.glocal-lock", "spring"]
    _assert_gone(solvers)  # no orphaned solver keeps burning CPU


def test_ctrl_c_mid_solve_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "spring"
    output.write_folder(out, EARLIER)
    before = _tree(out)  # EARLIER and glocal's manifest
    command = [GLOCAL, "plan", EXAMPLE_PROGRAM, "--workspace", str(REPO), "--out", str(out),
               "--time-limit", "120", "--workers", "1"]
    # A shell running jobs in the background makes its children ignore SIGINT; undo that, as a
    # terminal session would have it, before glocal starts.
    reset = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
    process = subprocess.Popen([sys.executable, "-c", reset, *command], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("progress "):
                break
        solvers = _children(process.pid)
        for pid in [process.pid, *solvers]:  # Ctrl-C reaches the whole foreground process group
            os.kill(pid, signal.SIGINT)
        _, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130
    assert "glocal: interrupted; nothing was written" in errors
    assert _tree(out) == before  # CP-SAT's own Ctrl-C handling (stop early, keep the best) is not used
    _assert_gone(solvers)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _assert_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        alive = [p for p in pids if Path(f"/proc/{p}").exists() and "Z" not in _state(p)]
        if not alive:
            return
        time.sleep(0.2)
    raise AssertionError(f"solver processes still running: {alive}")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"
