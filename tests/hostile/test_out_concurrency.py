"""Two plans into one ``--out``: the second fails at once and says which run holds the folder."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from glocal import output
from glocal.errors import OutputError
from glocal.output.lock import lock_path, locked

from .helpers import plan_command, run, tree

pytestmark = pytest.mark.slow

# A process that is not glocal holds the lock (and does not say who it is).
HOLD_LOCK = ("import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR); "
             "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)")


def test_a_second_plan_into_the_same_out_loses_clearly_and_the_first_is_right(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "spring"
    first = subprocess.Popen(plan_command(workspace, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert first.stderr is not None
        for line in first.stderr:  # solving: the first run holds the lock of OUT from before the solve
            if line.startswith("progress "):
                break
        os.kill(first.pid, signal.SIGSTOP)  # keep it holding the lock, however fast the machine
        try:
            second = run(plan_command(workspace, out))
        finally:
            os.kill(first.pid, signal.SIGCONT)
        rest, _ = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert second.returncode == 2, second.stderr
    assert "another glocal run is writing this folder" in second.stderr
    assert f"pid {first.pid}, 'glocal plan leading-through-change', started " in second.stderr
    assert "progress" not in second.stderr and second.stdout == ""  # it stopped before solving
    assert first.returncode == 0
    assert re.search(r"^(optimal|feasible): 54 sessions", rest, re.MULTILINE) and f"{len(list((out / 'calendars').rglob('*.ics')))} calendar files" in rest
    data = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
    assert data["status"] in ("optimal", "feasible") and len(data["sessions"]) == 54
    assert sorted(p.name for p in tmp_path.iterdir()) == [".spring.glocal-lock", "spring", "ws"]


def test_the_lock_is_released_at_the_end_and_after_a_kill(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    with locked(out, "test holder"):
        with pytest.raises(OutputError, match=r"another glocal run .*'test holder'"), locked(out, "second"):
            pass  # pragma: no cover - never entered
        with pytest.raises(OutputError, match="another glocal run"), locked(tmp_path / "plan.proposed", "x"):
            pass  # pragma: no cover - OUT and OUT.proposed share one lock
    with locked(out, "again"):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock_path(out))], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError, match="a run that did not say who it is"), locked(out, "third"):
            pass  # pragma: no cover
        holder.kill()
        holder.wait()
        with locked(out, "after the kill"):  # the kernel released the dead holder's lock
            output.write_folder(out, {"schedule.json": b"{}"})
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert sorted(tree(out)) == [".glocal-out.json", "schedule.json"]
