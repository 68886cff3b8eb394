"""Text that no output can carry is refused at load time, at its position, with what would be right."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli

from ..checkhelp import PROGRAM, ROLLOUT, TEAM, edit, errors

NEVER = "control, line-separator and bidirectional-override characters break calendars, e-mail and terminals, so remove it (write line breaks as real new lines in a multi-line field)"


def test_facilitator_name_with_crlf_is_an_error_not_a_crash_in_plan(workspace: Path, runner: CliRunner) -> None:
    # Passed 'check' and crashed 'plan' (icalendar assertion, exit 3) before.
    edit(workspace, TEAM, "name: Ingrid Solberg", 'name: "Ingrid\\r\\nX-EVIL: 1"')
    result = runner.invoke(cli, ["plan", "leading-through-change", "--workspace", str(workspace), "--time-limit", "2"])
    assert result.exit_code == 2, result.output
    assert f"{TEAM}:3:11: text holds U+000D a carriage return (CR) at character 7; {NEVER}" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (workspace / "out").exists()


@pytest.mark.parametrize(("escaped", "shown"), [
    ("\\0", "U+0000 NUL"),
    ("\\e[31m", "U+001B ESC (terminal escape)"),
    ("\\a", "U+0007 BEL (bell)"),
    ("\\x7f", "U+007F DEL"),
    ("\\x85", "U+0085 a control character"),
    ("\\u2028", "U+2028 LINE SEPARATOR"),
    ("\\u2029", "U+2029 PARAGRAPH SEPARATOR"),
    ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\\ud800", "U+D800 a lone surrogate (not encodable as UTF-8)"),
])
def test_control_characters_in_a_title_are_refused(workspace: Path, escaped: str, shown: str) -> None:
    # Were written raw into 7 .ics files and to the terminal before.
    edit(workspace, PROGRAM, "title: Foundations of change", f'title: "Foundations{escaped} of change"')
    assert errors(workspace) == [f"{PROGRAM}:35:12: text holds {shown} at character 12; {NEVER}"]


def test_a_line_break_in_a_one_line_field_is_refused(workspace: Path) -> None:
    edit(workspace, PROGRAM, "title: Foundations of change", 'title: "Foundations\\nof change"')
    edit(workspace, TEAM, "name: Lars Haugen", 'name: "Lars\\tHaugen"')
    edit(workspace, ROLLOUT, "{name: Kari Nordmann,", '{name: "Kari\\nNordmann",')
    assert errors(workspace) == [
        f"{TEAM}:15:11: this is a one-line text, but it holds U+0009 TAB at character 5; write it on one line, without tabs",
        f"{PROGRAM}:35:12: this is a one-line text, but it holds U+000A a line break (LF) at character 12; write it on one line, without tabs",
        f"{ROLLOUT}:17:16: this is a one-line text, but it holds U+000A a line break (LF) at character 5; write it on one line, without tabs",
    ]


def test_multi_line_fields_keep_line_breaks_and_tabs(workspace: Path) -> None:
    edit(workspace, PROGRAM, "    description: Why most change efforts stall, and what a first-line manager can do about it.",
         "    description: |\n      Why most change efforts stall.\n      \tWhat a manager can do.")
    from glocal.workspace.loading import load_workspace

    program = load_workspace(workspace).bundle("leading-through-change").program
    assert program.modules[0].description == "Why most change efforts stall.\n\tWhat a manager can do.\n"


def test_control_characters_in_keys_and_in_a_variant_are_refused(workspace: Path) -> None:
    variant = "locales/de/leading-through-change.yaml"
    edit(workspace, variant, "title: Führen im Wandel", 'title: "Führen\\x1b]0;pwned\\x07 im Wandel"')
    edit(workspace, ROLLOUT, "granularity: 15m", 'granularity: 15m\n"evil\\0key": 1')
    assert errors(workspace) == [
        f"{variant}:3:8: text holds U+001B ESC (terminal escape) at character 7; {NEVER}",
        f"{ROLLOUT}:5:1: text holds U+0000 NUL at character 5; {NEVER}",
    ]
