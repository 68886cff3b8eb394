"""``glocal init``: a new workspace from the example shipped inside the package."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from glocal.cli import cli
from glocal.cli.init import example_files
from glocal.workspace import load_workspace

from .conftest import EXAMPLE_PROGRAM, REPO


def test_packaged_example_equals_the_repository_example() -> None:
    # src/glocal/example/ is a copy made by scripts/sync_example.py; it must not drift.
    for name in ("facilitators.yaml", "calendars/layla-outlook.ics", "calendars/layla-freebusy.ics"):
        assert (REPO / name).read_bytes() == (REPO / "src" / "glocal" / "example" / name).read_bytes()
    for part in ("programs", "locales", "calendars"):
        stack = [filecmp.dircmp(REPO / part, REPO / "src" / "glocal" / "example" / part)]
        while stack:
            cmp = stack.pop()
            assert not (cmp.left_only or cmp.right_only or cmp.diff_files), (
                f"{cmp.left} differs from the packaged copy; run python scripts/sync_example.py"
            )
            stack.extend(cmp.subdirs.values())


def test_init_writes_a_workspace_that_loads(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "new-rollout"
    result = runner.invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert f"created workspace {target} (15 files)" in result.output
    assert "glocal check && glocal plan --all" in result.output
    files = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert files == set(example_files())
    assert (target / "programs" / EXAMPLE_PROGRAM / "rollout.yaml").read_bytes() == (
        REPO / "programs" / EXAMPLE_PROGRAM / "rollout.yaml"
    ).read_bytes()
    workspace = load_workspace(target)
    assert sorted(workspace.programs) == ["feedback-that-lands", EXAMPLE_PROGRAM]
    assert workspace.bundle(EXAMPLE_PROGRAM).busy["layla"]  # the busy calendars came along
    assert len(workspace.bundle(EXAMPLE_PROGRAM).rollout.cohorts) == 9


def test_init_into_an_empty_folder_is_allowed(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "programs" / EXAMPLE_PROGRAM / "program.yaml").is_file()


def test_init_never_overwrites(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = runner.invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "the folder is not empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_as_a_real_process(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    glocal = str(Path(sys.executable).parent / "glocal")
    done = subprocess.run([glocal, "init", str(target)], check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (target / "locales" / "ja" / f"{EXAMPLE_PROGRAM}.yaml").is_file()
