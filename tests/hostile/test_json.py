"""schedule.json read back (validate, agenda --schedule, plan --previous): bounded, positioned errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli
from glocal.errors import InputError
from glocal.values.limits import MAX_JSON_DEPTH
from glocal.workspace.schedule_file import load_schedule

from ..conftest import EXAMPLE_PROGRAM


def _a_schedule() -> dict[str, object]:
    """A small schedule.json as glocal writes it: one session in Oslo."""
    session = {"cohort": "oslo-1", "module": "foundations", "facilitator": "ingrid",
               "start": "2027-02-09T08:00:00Z", "end": "2027-02-09T09:30:00Z", "index": 1, "count": 5}
    return {"program": EXAMPLE_PROGRAM, "status": "feasible", "sessions": [session]}


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_schedule(path, "s.json")
    return [str(p) for p in caught.value.problems]


def test_deep_nesting_is_a_positioned_error_not_recursion(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert _problems(path) == [
        (f"s.json:1:{MAX_JSON_DEPTH + 1}: lists and objects nest more than {MAX_JSON_DEPTH} levels deep here; "
        "a glocal schedule nests four levels, so this is not one"),
    ]


def test_a_session_in_year_9999_is_an_error_not_an_overflow(tmp_path: Path) -> None:
    data = _a_schedule()
    sessions = data["sessions"]
    assert isinstance(sessions, list)
    sessions[0]["start"] = "9999-12-31T23:00:00Z"
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("9999-12-31T23")].count("\n") + 1
    assert _problems(path) == [
        f"s.json:{line}:16: sessions.0.start: date 9999-12-31 is outside the years glocal plans in; use a date from 1900 to 2999",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ('{"program": 1' + "9" * 5000 + "}", "s.json:1:13: value of 5001 characters where a number or true/false/null belongs; numbers in a schedule have at most 40 characters"),
    ('{"program": NaN}', "s.json:1:1: not a JSON schedule: NaN is not a JSON number; write a number"),
    ('{"program": "x",\n "status": }', "s.json:2:12: not a JSON schedule: Expecting value"),
    ('{"program": "a\\u001bb", "status": "optimal"}', ("s.json:1:13: program: text holds U+001B ESC (terminal escape) at character 2; "
     "control, line-separator and bidirectional-override characters break calendars, e-mail and terminals, so remove it "
     "(write line breaks as real new lines in a multi-line field)")),
])
def test_hostile_values_are_positioned_errors(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    assert _problems(path) == [expected]


@pytest.mark.parametrize("command", ["validate", "agenda", "previous"])
def test_every_command_that_reads_a_schedule_reports_without_a_traceback(
    workspace: Path, runner: CliRunner, tmp_path: Path, command: str
) -> None:
    bad = tmp_path / "schedule.json"
    bad.write_text("[" * 50_000, encoding="utf-8")
    args = {
        "validate": ["validate", str(bad), "--workspace", str(workspace)],
        "agenda": ["agenda", EXAMPLE_PROGRAM, "--cohort", "oslo-1", "--schedule", str(bad), "--workspace", str(workspace)],
        "previous": ["plan", EXAMPLE_PROGRAM, "--previous", str(bad), "--workspace", str(workspace),
                     "--out", str(tmp_path / "o")],
    }[command]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert f"schedule.json:1:{MAX_JSON_DEPTH + 1}: lists and objects nest more than" in result.stderr
    assert not isinstance(result.exception, RecursionError)
    assert not (tmp_path / "o").exists()
    shutil.rmtree(tmp_path / "o", ignore_errors=True)
