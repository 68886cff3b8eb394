"""Bad input a new user writes first: a ': ' inside a value, misspelt nested keys next to other errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli
from glocal.workspace.yamlio import read_yaml

from .checkhelp import PROGRAM, ROLLOUT, edit, errors

VARIANT = "locales/ja/leading-through-change.yaml"


def _syntax(tmp_path: Path, text: str) -> str:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    doc, problems = read_yaml(path, "f.yaml")
    assert doc is None and len(problems) == 1
    return str(problems[0])


@pytest.mark.parametrize(("text", "expected"), [
    ("id: x\ntitle: Leading change: a primer\n",
     ("f.yaml:2:22: YAML syntax error: mapping values are not allowed here; a ': ' inside a value starts a "
     'new key, so quote the value: "Leading change: a primer"')),
    ("modules:\n  - id: a\n    title: Step 1: ask   # first\n",
     ("f.yaml:3:18: YAML syntax error: mapping values are not allowed here; a ': ' inside a value starts a "
     'new key, so quote the value: "Step 1: ask"')),
    ('title: Say "no": kindly\n',
     ("f.yaml:1:16: YAML syntax error: mapping values are not allowed here; a ': ' inside a value starts a "
     "new key, so quote the value: 'Say \"no\": kindly'")),
    ("summary: A long text\n  that goes on: here\n",
     ("f.yaml:2:15: YAML syntax error: mapping values are not allowed here; a ': ' inside a value starts a "
     "new key: quote the whole value (\"...\") or write it as a block after '>-'")),
    ("gap: {min: 2d, note: wait: a week}\n",
     ("f.yaml:1:26: YAML syntax error: expected ',' or '}', but got ':'; a ': ' inside a value starts a new key: "
      'quote the value ("...")')),
])
def test_colon_in_a_value_gets_the_quoting_hint(tmp_path: Path, text: str, expected: str) -> None:
    assert _syntax(tmp_path, text) == expected


def test_the_quoted_value_of_the_hint_reads_back_as_written(tmp_path: Path) -> None:
    message = _syntax(tmp_path, 'title: Say "no": kindly\n')
    quoted = message.split("quote the value: ", 1)[1]
    path = tmp_path / "fixed.yaml"
    path.write_text(f"title: {quoted}\n", encoding="utf-8")
    doc, _ = read_yaml(path, "fixed.yaml")
    assert doc is not None and doc.data == {"title": 'Say "no": kindly'}


def test_colon_hint_through_the_cli(runner: CliRunner, workspace: Path) -> None:
    edit(workspace, PROGRAM, "title: Leading Through Change", "title: Leading change: a primer")
    result = runner.invoke(cli, ["check", "--workspace", str(workspace)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        (f"{PROGRAM}:5:22: YAML syntax error: mapping values are not allowed here; a ': ' inside a value "
        'starts a new key, so quote the value: "Leading change: a primer"'),
        "1 error; nothing was written",
    ]


def test_unknown_key_in_a_mapping_by_id_gets_did_you_mean(workspace: Path) -> None:
    # modules and activities of a variant are mappings by id: the key under the id is a field.
    edit(workspace, VARIANT, "        title: 3人組でのコーチング演習", "        titel: 3人組でのコーチング演習")
    edit(workspace, VARIANT, "  feedback:\n    title:", "  feedback:\n    descriptoin: x\n    title:")
    found = errors(workspace)
    assert f"{VARIANT}:25:9: unknown key 'titel'; did you mean 'title'?" in found
    assert any(line.startswith(f"{VARIANT}:27:5: unknown key 'descriptoin'; did you mean 'description'?")
               for line in found)


def test_unknown_keys_do_not_hide_the_other_errors_of_the_file(workspace: Path) -> None:
    # An unknown optional key and a misspelt required one ('minuts' for 'minutes') ...
    edit(workspace, PROGRAM, "        minutes: 30\n        styles: [debate, confrontational]",
         "        minuts: 30\n        styles: [debate, confrontational]")
    edit(workspace, PROGRAM, "    duration: 2h\n    delivery: virtual\n    skills: [coaching]\n    gap: {min: 2d, max: 14d}",
         "    duration: 2h\n    delivery: virtual\n    skills: [coaching]\n    gap: {min: 15d, max: 14d, maxx: 3d}")
    # ... and in another file an unknown key beside a duplicate cohort id.
    edit(workspace, ROLLOUT, "    size: 24", "    sise: 24")
    edit(workspace, ROLLOUT, "  - id: dubai-1", "  - id: tokyo-1")
    assert errors(workspace) == [
        f"{PROGRAM}:43:9: unknown key 'minuts'; did you mean 'minutes'?",
        f"{PROGRAM}:56:16: gap min 15d of module 'coaching' is longer than its max 14d; make min at most max",
        f"{PROGRAM}:56:31: unknown key 'maxx'; did you mean 'max'?",
        f"{ROLLOUT}:67:5: unknown key 'sise'; did you mean 'size'?",
        f"{ROLLOUT}:70:9: duplicate cohort id 'tokyo-1' (first used at line 40); give each cohort its own id",
    ]


def test_unknown_key_in_a_variant_does_not_hide_its_other_errors(workspace: Path) -> None:
    variant = "locales/de/leading-through-change.yaml"
    edit(workspace, variant, "    title: Grundlagen der Veränderung", "    titel: Grundlagen der Veränderung")
    edit(workspace, variant, "  capstone:\n", "  capstone:\n    duration: 10h\n")
    found = errors(workspace)
    assert found[0] == f"{variant}:9:5: unknown key 'titel'; did you mean 'title'?"
    assert found[1].startswith(f"{variant}:21:15: duration 10h of module 'capstone' differs from the core 2h")
    assert len(found) == 2
