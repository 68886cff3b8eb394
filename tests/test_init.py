"""``glocal init``: a new workspace from the example shipped inside the package."""

from __future__ import annotations

import datetime as dt
import filecmp
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pydantic import BaseModel

from glocal.cli import cli
from glocal.cli.init import example_files
from glocal.model import (
    Activity,
    Adaptation,
    Cohort,
    CohortDefaults,
    Evaluation,
    Facilitator,
    FacilitatorsFile,
    Gap,
    Module,
    Objective,
    ObjectiveWeights,
    Organizer,
    Participant,
    Program,
    Rollout,
    Unavailability,
)
from glocal.workspace import load_workspace
from glocal.workspace.scaffold import blank_program_files

from .conftest import EXAMPLE_PROGRAM, REPO


def test_packaged_example_equals_the_repository_example() -> None:
    # src/glocal/example/ is a copy made by scripts/sync_example.py; it must not drift.
    for name in ("facilitators.yaml", "calendars/layla-outlook.ics", "calendars/layla-freebusy.ics"):
        assert (REPO / name).read_bytes() == (REPO / "src" / "glocal" / "example" / name).read_bytes()
    for part in ("programs", "locales", "results", "calendars"):
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
    assert f"created workspace {target} (21 files)" in result.output
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


# ---------------------------------------------------------------- glocal init DIR --program ID

BLANK = "onboarding"
_COMMENTED_OUT = re.compile(r"^#( {2,}|[^ #])", re.MULTILINE)  # '#  key:' / '#key:', not '# prose'


def _blank(runner: CliRunner, target: Path, program: str = BLANK) -> Result:
    result = runner.invoke(cli, ["init", str(target), "--program", program])
    assert "Traceback" not in result.output
    return result


def test_blank_program_passes_check_and_plan(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "ws"
    result = _blank(runner, target)
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert files == [f"programs/{BLANK}/{name}" for name in ("facilitators.yaml", "program.yaml", "rollout.yaml")]
    assert (target / "locales").is_dir()
    checked = runner.invoke(cli, ["check", BLANK, "--workspace", str(target)])
    assert (checked.exit_code, checked.stderr) == (0, f"ok: {BLANK} (0 warnings)\n")
    planned = runner.invoke(cli, ["plan", BLANK, "--workspace", str(target), "--out", str(tmp_path / "out"),
                                  "--time-limit", "5", "--workers", "1"])
    assert planned.exit_code == 0, planned.output
    assert "optimal: 1 sessions" in planned.stdout


def test_blank_program_with_every_commented_key_switched_on_still_passes(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "ws"
    assert _blank(runner, target).exit_code == 0
    folder = target / "programs" / BLANK
    for path in folder.iterdir():
        path.write_text(_COMMENTED_OUT.sub(r"\1", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert "module-2" in (folder / "program.yaml").read_text(encoding="utf-8")
    (target / "calendars").mkdir()  # the busy export the switched-on 'busy' line names
    (target / "calendars" / "busy.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    assert "organizer:" in (folder / "program.yaml").read_text(encoding="utf-8")
    workspace = load_workspace(target)
    assert workspace.warnings == []
    bundle = workspace.bundle(BLANK)
    assert [m.id for m in bundle.program.modules] == ["module-1", "module-2"]
    assert bundle.facilitators[0].max_sessions_per_day == 2
    planned = runner.invoke(cli, ["plan", BLANK, "--workspace", str(target), "--out", str(tmp_path / "out"),
                                  "--time-limit", "5", "--workers", "1"])
    assert planned.exit_code == 0, planned.output


def test_blank_program_explains_every_key(tmp_path: Path) -> None:
    files = blank_program_files(BLANK, dt.date(2026, 12, 7))
    text = {name.rsplit("/", 1)[1]: _COMMENTED_OUT.sub(r"\1", data.decode("utf-8")) for name, data in files.items()}
    models: dict[str, list[type[BaseModel]]] = {
        "program.yaml": [Program, Objective, Evaluation, Module, Gap, Activity, Adaptation],
        "rollout.yaml": [Rollout, CohortDefaults, Organizer, ObjectiveWeights, Cohort, Participant],
        "facilitators.yaml": [FacilitatorsFile, Facilitator, Unavailability],
    }
    self_evident = {"id", "title", "name", "text", "level", "instrument", "when", "minutes"}
    for name, kinds in models.items():
        lines = text[name].splitlines()
        for model in kinds:
            for key in model.model_fields:
                at = [i for i, line in enumerate(lines) if re.search(rf"(^|[ {{-]){key}:", line.split("#")[0])]
                assert at, f"{name} does not show {model.__name__}.{key}"
                if key in self_evident:
                    continue
                # Explained where it first appears: on its line or in a comment just above it.
                first = at[0]
                above = [line for line in lines[max(0, first - 2):first] if line.lstrip().startswith("#")]
                assert "#" in lines[first] or above, f"{name}: {model.__name__}.{key} has no comment"


def test_blank_program_window_is_weeks_ahead_and_deterministic() -> None:
    files = blank_program_files(BLANK, dt.date(2026, 12, 7))
    assert files == blank_program_files(BLANK, dt.date(2026, 12, 7))
    rollout = files[f"programs/{BLANK}/rollout.yaml"].decode("utf-8")
    assert "window: 2027-01-04..2027-03-26  #" in rollout  # a Monday 4 weeks on; the Friday of week 12
    later = blank_program_files(BLANK, dt.date(2026, 12, 8))[f"programs/{BLANK}/rollout.yaml"].decode("utf-8")
    assert "window: 2027-01-11..2027-04-02  #" in later


def test_blank_program_is_added_to_an_existing_workspace(workspace: Path, runner: CliRunner) -> None:
    result = _blank(runner, workspace)
    assert result.exit_code == 0, result.output
    assert sorted(load_workspace(workspace).programs) == ["feedback-that-lands", EXAMPLE_PROGRAM, BLANK]


@pytest.mark.parametrize(("program", "message"), [
    ("Onboarding", "glocal: invalid program id 'Onboarding'; use lower-case letters"),
    ("../escape", "glocal: invalid program id '../escape'; use lower-case letters"),
    (EXAMPLE_PROGRAM, "the program exists already; choose another id or edit its files"),
])
def test_blank_program_refuses_bad_ids_and_never_overwrites(
    workspace: Path, runner: CliRunner, program: str, message: str
) -> None:
    before = {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()}
    result = _blank(runner, workspace, program)
    assert result.exit_code == 2
    assert message in result.stderr
    assert {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()} == before
    assert not (workspace.parent / "escape").exists()


def test_blank_program_refuses_a_folder_that_is_not_a_workspace(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = _blank(runner, tmp_path)
    assert result.exit_code == 2
    assert "not a workspace" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
