"""``glocal locales status|stamp|accept`` on the example and on temp copies of it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glocal.cli import cli

PROGRAM = "leading-through-change"


def _run(runner: CliRunner, root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, [*args, "--workspace", str(root)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_status_table_on_the_example(runner: CliRunner, example_root: Path) -> None:
    code, out, err = _run(runner, example_root, "locales", "status", PROGRAM)
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[2:]}
    assert "pt_BR: based_on 2 < 3" in rows["pt_BR"]
    assert "feedback/hot-seat, resistance/fishbowl" in rows["ar_AE"]
    assert rows["ja_JP"].split() == ["ja_JP", "tokyo-1,", "tokyo-2", "28/28", "100%", "-", "-", "-", "-"]
    assert "source language" in rows["en_US"]
    # Problems go to stderr with path:line:column.
    assert "locales/pt_BR/leading-through-change.yaml:3:11: warning: pt_BR variant is based on version 2" in err
    assert "locales/ar_AE/profile.yaml:2:33: warning: ar_AE: activity feedback/hot-seat" in err
    assert "ja_JP" not in err


def test_status_json_and_strict(runner: CliRunner, example_root: Path) -> None:
    code, out, _ = _run(runner, example_root, "locales", "status", PROGRAM, "--format", "json", "--strict")
    assert code == 2
    data = {s["locale"]: s for s in json.loads(out)[PROGRAM]}
    assert data["pt_BR"]["outdated"]["variants"] == [
        {"locale": "pt_BR", "based_on": 2, "version": 3, "at": "locales/pt_BR/leading-through-change.yaml:3:11"}
    ]
    assert [c["activity"] for c in data["ar_AE"]["cultural_fit"]] == ["feedback/hot-seat", "resistance/fishbowl"]
    assert data["ja_JP"]["clean"] is True
    assert sorted(loc for loc, s in data.items() if s["blocking"]) == ["ar_AE", "pt_BR"]


def test_strict_passes_once_everything_is_current(runner: CliRunner, workspace: Path) -> None:
    (workspace / "locales" / "ar_AE" / f"{PROGRAM}.yaml").write_text(
        "program: leading-through-change\nbased_on: 3\nacknowledged:\n"
        "  feedback/hot-seat: Agreed with the regional HR lead.\n"
        "  resistance/fishbowl: Agreed with the regional HR lead.\n",
        encoding="utf-8",
    )
    assert _run(runner, workspace, "locales", "status", "--strict")[0] == 2  # pt_BR still outdated
    assert _run(runner, workspace, "locales", "stamp", "pt-BR", PROGRAM)[0] == 0
    code, out, err = _run(runner, workspace, "locales", "status", "--strict")
    assert code == 0, err
    assert "(acknowledged)" in out


def test_stamp_keeps_comments_and_order(runner: CliRunner, workspace: Path) -> None:
    path = workspace / "locales" / "pt_BR" / f"{PROGRAM}.yaml"
    before = path.read_text(encoding="utf-8")
    code, _, err = _run(runner, workspace, "locales", "stamp", "pt_BR", PROGRAM)
    assert code == 0 and "stamped 1 field(s)" in err
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# Brazil: only what differs from the shared Portuguese variant.\n")
    assert after == before.replace("based_on: 2", "based_on: 3") + (
        "sources:\n  modules.team-simulation.activities.merger-game.title: 3a338c20\n"
    )


def test_stamp_one_field_and_unknown_fields(runner: CliRunner, workspace: Path) -> None:
    code, _, _ = _run(runner, workspace, "locales", "stamp", "ja", "--field", "modules.feedback.title")
    assert code == 0
    text = (workspace / "locales" / "ja" / f"{PROGRAM}.yaml").read_text(encoding="utf-8")
    assert text.endswith("sources:\n  modules.feedback.title: a9f2083a\n")
    code, _, err = _run(runner, workspace, "locales", "stamp", "ja", "--field", "modules.feedback.note")
    assert code == 2 and "cannot stamp 'modules.feedback.note'" in err
    code, _, err = _run(runner, workspace, "locales", "stamp", "xx-nope")
    assert code == 2 and "unknown locale 'xx-nope'" in err


def test_core_edit_makes_stamped_field_outdated_until_accepted_as_minor(runner: CliRunner, workspace: Path) -> None:
    assert _run(runner, workspace, "locales", "stamp", "ja")[0] == 0
    core = workspace / "programs" / PROGRAM / "program.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("title: Feedback that lands", "title: Feedback That Lands"), encoding="utf-8")
    code, out, err = _run(runner, workspace, "locales", "status", "--strict")
    assert code == 2
    assert "modules.feedback.title was translated from an earlier core text" in err
    code, _, err = _run(runner, workspace, "locales", "accept", PROGRAM, "modules.feedback.title")
    assert code == 0
    assert err.strip() == "locales/ja/leading-through-change.yaml: accepted modules.feedback.title"
    _, out, _ = _run(runner, workspace, "locales", "status", "--format", "json")
    ja = next(s for s in json.loads(out)[PROGRAM] if s["locale"] == "ja_JP")
    assert ja["outdated"]["fields"] == [] and ja["clean"]


def test_accept_refuses_unknown_fields(runner: CliRunner, workspace: Path) -> None:
    code, _, err = _run(runner, workspace, "locales", "accept", PROGRAM, "modules.nope.title")
    assert code == 2 and "no core text at modules.nope.title" in err
