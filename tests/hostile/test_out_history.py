"""The last good plan is never lost: the previous plan comes from ``--out``; incomplete runs propose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal import output
from glocal.cli.plan_target import write_plan
from glocal.output.history import destination, proposal_folder
from glocal.output.ownership import MANIFEST

from ..conftest import copy_example_with_organizer
from .helpers import NARROW, edit, plan, tree

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def first_plan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files of one complete plan of the example (without the manifest), planned once."""
    base = tmp_path_factory.mktemp("first")
    out = base / "plan"
    # the same files as the ``workspace`` fixture: a re-plan of them changes nothing visible
    code, text = plan(CliRunner(), copy_example_with_organizer(base / "ws"), "--out", str(out))
    assert code == 0, text
    return {name: data for name, data in tree(out).items() if name != MANIFEST}


def test_an_infeasible_run_after_a_complete_plan_leaves_out_byte_identical(
    workspace: Path, runner: CliRunner, tmp_path: Path, first_plan: dict[str, bytes]
) -> None:
    out = tmp_path / "spring"
    output.write_folder(out, first_plan)  # as 'glocal plan' wrote it: the same files and manifest
    before = tree(out)
    edit(workspace, *NARROW)
    code, text = plan(runner, workspace, "--out", str(out))
    assert code == 1, text
    assert tree(out) == before  # the last good calendars are all still there, byte for byte
    proposal = tmp_path / "spring.proposed"
    assert f"{out}/ is unchanged: it still holds the last complete plan" in text
    assert f"proposal is in {proposal}/" in text and "cohort tokyo-2 has 6 modules" in text
    # tokyo-2 cannot be placed whole: the run's plan is partial (whole cohorts' calendars only)
    assert {MANIFEST, "report.html", "schedule.json"} <= {p.name for p in proposal.iterdir()}
    assert json.loads((proposal / "schedule.json").read_text(encoding="utf-8"))["status"] == "partial"
    # The window fixed again: the complete plan replaces --out and the outdated proposal goes.
    edit(workspace, NARROW[1], NARROW[0])
    code, text = plan(runner, workspace, "--out", str(out))
    assert code == 0, text
    assert f"removed {proposal}/" in text and not proposal.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".spring.glocal-lock", "spring", "ws"]


def test_a_plan_that_is_not_complete_never_replaces_a_complete_one(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    assert destination(out, "infeasible") == out  # nothing to keep yet
    output.write_folder(out, {"schedule.json": b'{"status": "infeasible"}'})
    assert destination(out, "infeasible") == out  # an infeasible plan is not worth keeping over another
    output.write_folder(out, {"schedule.json": b'{"status": "feasible"}'})
    for status in ("infeasible", "partial", "no-plan-in-time", ""):  # any status but a complete plan
        assert destination(out, status) == proposal_folder(out) == tmp_path / "plan.proposed"
    assert destination(out, "optimal") == out


def test_the_previous_plan_defaults_to_the_one_in_out_and_fresh_says_what_it_drops(
    workspace: Path, runner: CliRunner, tmp_path: Path, first_plan: dict[str, bytes]
) -> None:
    first = tmp_path / "first.json"
    first.write_bytes(first_plan["schedule.json"])
    files = dict(first_plan)
    earlier = json.loads(files["schedule.json"])
    for session in earlier["sessions"]:
        session["sequence"] = 4  # as if re-planned four times already
    files["schedule.json"] = json.dumps(earlier).encode()
    out = tmp_path / "spring"
    output.write_folder(out, files)

    code, text = plan(runner, workspace, "--out", str(out))  # no --previous: continues OUT's plan
    assert code == 0, text
    assert f"continuing the plan in {out}/schedule.json" in text
    sessions = json.loads((out / "schedule.json").read_text(encoding="utf-8"))["sessions"]
    # A session the re-plan moves (the first plan may not be optimal on a busy machine) gets 5.
    assert min(s["sequence"] for s in sessions) == 4 and max(s["sequence"] for s in sessions) <= 5
    calendars = "".join(p.read_text(encoding="utf-8") for p in (out / "calendars" / "cohorts").glob("*.ics"))
    assert "SEQUENCE:4" in calendars and "SEQUENCE:0" not in calendars

    code, text = plan(runner, workspace, "--out", str(out), "--previous", str(first))
    assert code == 0, text  # --previous overrides OUT's plan: its sequences are 0
    assert {s["sequence"] for s in json.loads((out / "schedule.json").read_bytes())["sessions"]} <= {0, 1}

    output.write_folder(out, files)
    code, text = plan(runner, workspace, "--out", str(out), "--fresh")
    assert code == 0, text
    assert (f"--fresh: not continuing {out}/schedule.json (54 sessions, SEQUENCE up to 4, 0 cancelled): "
            "calendars restart at SEQUENCE 0") in text
    assert {s["sequence"] for s in json.loads((out / "schedule.json").read_bytes())["sessions"]} == {0}


def test_out_holding_another_program_s_plan_or_contradicting_options_are_refused(
    workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "other"
    output.write_folder(out, {"schedule.json": b'{"program": "other-program", "status": "optimal"}\n'})
    before = tree(out)
    code, text = plan(runner, workspace, "--out", str(out))
    assert code == 2, text
    assert "holds a plan of 'other-program', not of 'leading-through-change'" in text and "--fresh" in text
    code, text = plan(runner, workspace, "--out", str(out), "--fresh", "--previous", str(out / "schedule.json"))
    assert code == 2 and "--previous and --fresh contradict each other" in text
    assert tree(out) == before and "progress" not in text


def test_an_outdated_proposal_with_a_user_file_in_it_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    complete = {"schedule.json": b'{"status": "optimal"}'}
    output.write_folder(out, complete)
    written = write_plan(out, {"schedule.json": b'{"status": "infeasible"}'}, "infeasible")
    assert written.proposed and written.folder == tmp_path / "plan.proposed"
    assert (out / "schedule.json").read_bytes() == b'{"status": "optimal"}'
    (written.folder / "my-notes.txt").write_text("why it failed")
    again = write_plan(out, {"schedule.json": b'{"status": "feasible"}'}, "feasible")
    assert not again.proposed and again.stale_left and not again.stale_removed
    assert (written.folder / "my-notes.txt").read_text() == "why it failed"
    (written.folder / "my-notes.txt").unlink()
    last = write_plan(out, {"schedule.json": b'{"status": "optimal"}'}, "optimal")
    assert last.stale_removed and not written.folder.exists()
