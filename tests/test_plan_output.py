"""The atomic output folder: a complete new plan or the untouched old one, never a mix."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from glocal import output
from glocal.errors import OutputError
from glocal.output.ownership import MANIFEST, manifest_bytes


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


OLD = {"schedule.json": b'{"old": true}\n', "calendars/cohorts/a.ics": b"OLD", "report.html": b"<p>old</p>"}
NEW = {"schedule.json": b'{"new": true}\n', "calendars/facilitators/b.ics": b"NEW", "report.html": b"<p>new</p>"}


def _owned(files: dict[str, bytes]) -> dict[str, bytes]:
    """``files`` as glocal leaves them: with its manifest."""
    return {**files, MANIFEST: manifest_bytes(files)}


def test_first_write_creates_folder_with_exactly_the_files(tmp_path: Path) -> None:
    out = tmp_path / "out" / "plan"
    output.write_folder(out, OLD)
    assert _tree(out) == _owned(OLD)
    assert sorted(p.name for p in out.parent.iterdir()) == ["plan"]
    mode = stat.S_IMODE(out.stat().st_mode)
    assert mode & 0o055, "the plan folder is readable by others (not mkdtemp's 0700)"


def test_rewrite_replaces_everything_and_leaves_no_temp_folders(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    output.write_folder(out, OLD)
    output.write_folder(out, NEW)
    assert _tree(out) == _owned(NEW)  # the old cohort calendar is gone, not merged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_failure_while_writing_leaves_previous_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan"
    output.write_folder(out, OLD)
    real_fsync = os.fsync
    calls = {"n": 0}

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # in the middle of writing the new files
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(output.os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match="No space left on device"):
        output.write_folder(out, NEW)
    assert _tree(out) == _owned(OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_interrupt_while_writing_leaves_previous_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan"
    output.write_folder(out, OLD)

    def interrupted(root: Path, files: object) -> None:
        (root / "schedule.json").write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_write_tree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_folder(out, NEW)
    assert _tree(out) == _owned(OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_fallback_without_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    out = tmp_path / "plan"
    output.write_folder(out, OLD)
    output.write_folder(out, NEW)
    assert _tree(out) == _owned(NEW)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_kill_between_fallback_renames_is_recovered(tmp_path: Path) -> None:
    # State after a SIGKILL between "old plan aside" and "new plan in": no plan folder, the old
    # plan under its aside name, a complete staging folder. The next run restores and cleans.
    out = tmp_path / "plan"
    output.write_folder(out, OLD)
    os.rename(out, tmp_path / ".plan.glocal-old-abc123")
    (tmp_path / ".plan.glocal-tmp-def456").mkdir()
    output.recover_folder(out)
    assert _tree(out) == _owned(OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_leftover_temp_folder_from_a_killed_run_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    output.write_folder(out, OLD)
    leftover = tmp_path / ".plan.glocal-tmp-xyz"
    (leftover / "calendars").mkdir(parents=True)
    output.write_folder(out, NEW)
    assert not leftover.exists()
    assert _tree(out) == _owned(NEW)


def test_refuses_to_replace_a_folder_that_is_not_a_plan(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("precious")
    with pytest.raises(OutputError, match="not a glocal plan folder"):
        output.write_folder(home, NEW)
    assert (home / "thesis.tex").read_text() == "precious"
    empty = tmp_path / "empty"
    empty.mkdir()
    output.write_folder(empty, NEW)  # an empty folder may be used
    assert _tree(empty) == _owned(NEW)


def test_refuses_a_file_and_escaping_paths(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        output.write_folder(target, NEW)
    with pytest.raises(OutputError, match="inside the output folder"):
        output.write_folder(tmp_path / "plan", {"../evil": b"x", "schedule.json": b""})
    assert not (tmp_path / "evil").exists()
