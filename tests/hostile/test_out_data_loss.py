"""Issue 12 item 1: ``--out`` deleted folders that merely held a file named ``schedule.json``."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from .helpers import plan, tree


def test_out_dot_in_a_workspace_with_a_stray_schedule_json_deletes_nothing(
    workspace: Path, runner: CliRunner
) -> None:
    # Reported: `glocal plan P --out .` deleted programs/ and locales/, then failed with ENOENT.
    (workspace / "schedule.json").write_text('{"stray": true}\n', encoding="utf-8")
    before = tree(workspace)
    cwd = os.getcwd()
    os.chdir(workspace)
    try:
        code, text = plan(runner, Path("."), "--out", ".")
    finally:
        os.chdir(cwd)
    assert code == 2, text
    assert "is the workspace" in text and "choose another --out" in text
    assert "No such file or directory" not in text
    assert tree(workspace) == before  # programs/, locales/ and the stray file untouched


def test_out_on_a_folder_with_schedule_json_and_other_files_is_refused(
    workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    # Reported: `--out ../thesis` on a folder holding schedule.json and thesis.txt exited 0
    # and thesis.txt was gone.
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "schedule.json").write_text('{"mine": true}\n', encoding="utf-8")
    (thesis / "thesis.txt").write_text("four years of work\n", encoding="utf-8")
    before = tree(thesis)
    code, text = plan(runner, workspace, "--out", str(thesis))
    assert code == 2, text
    assert "not a glocal plan folder" in text and ".glocal-out.json" in text
    assert tree(thesis) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis", "ws"]  # nothing written beside it
