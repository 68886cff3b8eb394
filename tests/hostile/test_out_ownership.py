"""``--out`` belongs to glocal: where it refuses to write, and what it keeps in a folder it owns."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal import output
from glocal.errors import OutputError
from glocal.output.ownership import MANIFEST, Foreign, location_problem

from .helpers import plan, tree

PLAN = {"schedule.json": b'{"status": "optimal"}\n', "report.html": b"<p>plan</p>",
        "calendars/cohorts/a.ics": b"A"}
LATER = {"schedule.json": b'{"status": "optimal", "v": 2}\n', "report.html": b"<p>later</p>",
         "calendars/cohorts/b.ics": b"B"}


@pytest.mark.parametrize("where", [".", "..", "../..", "programs", "programs/leading-through-change",
                                   "locales", "locales/de/new", "programs/../programs/x"])
def test_the_workspace_its_ancestors_and_its_sources_are_never_outputs(workspace: Path, where: str) -> None:
    assert location_problem(workspace / where, workspace) is not None
    assert location_problem(Path("/"), workspace) is not None


def test_a_symlink_into_the_workspace_sources_is_seen_through(workspace: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent"
    link.symlink_to(workspace / "locales")
    assert location_problem(link / "out", workspace) is not None
    assert location_problem(workspace / "out" / "spring", workspace) is None  # the default is fine
    assert location_problem(tmp_path / "elsewhere", workspace) is None


def test_plan_into_an_ancestor_of_the_workspace_is_refused_before_solving(
    workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    before = tree(tmp_path)
    code, text = plan(runner, workspace, "--out", str(tmp_path))
    assert code == 2, text
    assert "contains the workspace" in text and "progress" not in text
    assert tree(tmp_path) == before


def test_a_user_file_in_an_owned_folder_is_kept_as_the_same_file(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    output.write_folder(out, PLAN)
    notes = out / "notes.txt"
    notes.write_text("my notes\n")
    os.chmod(notes, 0o600)
    (out / "calendars" / "mine").mkdir()
    (out / "calendars" / "mine" / "x.ics").write_bytes(b"mine")
    (out / "empty").mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("outside")
    (out / "link").symlink_to(outside)
    inode = notes.stat().st_ino
    kept = output.write_folder(out, LATER)
    assert sorted(entry.path for entry in kept) == ["calendars/mine/x.ics", "empty", "link", "notes.txt"]
    assert notes.read_text() == "my notes\n" and notes.stat().st_ino == inode  # the very same file
    assert oct(notes.stat().st_mode & 0o777) == oct(0o600)
    assert (out / "calendars" / "mine" / "x.ics").read_bytes() == b"mine"
    assert (out / "empty").is_dir() and os.readlink(out / "link") == str(outside)
    assert outside.read_text() == "outside"
    assert (out / "report.html").read_bytes() == b"<p>later</p>"
    assert not (out / "calendars" / "cohorts" / "a.ics").exists()  # glocal's own old file is replaced
    manifest = json.loads((out / MANIFEST).read_text())
    assert sorted(manifest["files"]) == sorted(LATER)  # the user's files are never claimed


def test_a_file_glocal_would_overwrite_refuses_the_run_and_nothing_changes(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    output.write_folder(out, PLAN)
    (out / "report.html").write_text("<p>my annotated copy</p>")  # edited since glocal wrote it
    (out / "calendars" / "cohorts" / "b.ics").write_bytes(b"a user's file where glocal writes")
    before = tree(out)
    with pytest.raises(OutputError) as caught:
        output.write_folder(out, LATER)
    text = caught.value.message()
    assert "report.html (changed since glocal wrote it)" in text and "calendars/cohorts/b.ics" in text
    assert "move them out of the folder" in text
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_an_edited_file_glocal_no_longer_writes_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    output.write_folder(out, PLAN)
    (out / "calendars" / "cohorts" / "a.ics").write_bytes(b"edited")
    kept = output.write_folder(out, LATER)
    assert [(entry.path, entry.edited) for entry in kept] == [("calendars/cohorts/a.ics", True)]
    assert (out / "calendars" / "cohorts" / "a.ics").read_bytes() == b"edited"


@pytest.mark.parametrize("manifest", [b"not json", b'{"format": "other/1", "files": {}}', b"[]",
                                      b'{"format": "glocal-out/1", "files": {"../../etc/passwd": "x"}}',
                                      b"[" * 100_000])
def test_a_forged_or_broken_manifest_does_not_make_a_folder_glocal_s(tmp_path: Path, manifest: bytes) -> None:
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "thesis.txt").write_text("precious")
    (folder / MANIFEST).write_bytes(manifest)
    with pytest.raises(OutputError, match="not a manifest written by glocal"):
        output.write_folder(folder, PLAN)
    assert (folder / "thesis.txt").read_text() == "precious"


def test_a_symlinked_out_or_manifest_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    output.write_folder(real, PLAN)
    (tmp_path / "alias").symlink_to(real)
    with pytest.raises(OutputError, match="not a folder"):
        output.write_folder(tmp_path / "alias", LATER)
    other = tmp_path / "other"
    other.mkdir()
    (other / "data.txt").write_text("x")
    (other / MANIFEST).symlink_to(real / MANIFEST)
    with pytest.raises(OutputError, match="not a manifest written by glocal"):
        output.write_folder(other, LATER)
    assert (other / "data.txt").read_text() == "x"


def test_remove_folder_removes_only_a_folder_that_holds_nothing_else(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    output.write_folder(mine, PLAN)
    (mine / "keep.txt").write_text("user")
    assert not output.remove_folder(mine) and (mine / "keep.txt").exists()
    (mine / "keep.txt").unlink()
    assert output.remove_folder(mine) and not mine.exists()
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "schedule.json").write_text("{}")
    assert not output.remove_folder(stranger) and (stranger / "schedule.json").exists()


def test_a_file_dropped_in_while_the_new_folder_is_written_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "plan"
    output.write_folder(out, PLAN)
    real = output._carry_over

    def user_drops_files_meanwhile(source: Path, staging: Path, foreign: list[Foreign]) -> None:
        real(source, staging, foreign)
        (source / "late.txt").write_text("arrived after the inventory")
        (source / "calendars" / "cohorts" / "b.ics").write_bytes(b"mine, where the new plan writes")

    monkeypatch.setattr(output, "_carry_over", user_drops_files_meanwhile)
    output.write_folder(out, LATER)
    assert (out / "late.txt").read_text() == "arrived after the inventory"
    assert (out / "calendars" / "cohorts" / "b.ics").read_bytes() == b"B"  # the plan is whole
    rescued = [p for p in tmp_path.iterdir() if ".glocal-rescued-" in p.name]
    assert len(rescued) == 1  # the clashing file survives in the replaced folder, not deleted
    assert (rescued[0] / "calendars" / "cohorts" / "b.ics").read_bytes() == b"mine, where the new plan writes"
    output.write_folder(out, PLAN)  # a later run leaves the rescued folder alone
    assert rescued[0].exists()
