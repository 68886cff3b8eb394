"""``glocal check`` and ``glocal plan`` print the same warnings for the same files (one source)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from glocal.cli import cli

from .checkhelp import EXAMPLE, ROLLOUT, edit


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": warning: " in line]


def test_check_and_plan_print_the_same_warnings(runner: CliRunner, workspace: Path, tmp_path: Path) -> None:
    # One warning of each kind: a file rule (rollout.yaml), an outdated variant of a locale no cohort
    # is taught in, the example's outdated pt_BR variant and its two open cultural-fit clashes.
    edit(workspace, ROLLOUT, "    size: 14\n", '    size: 14\n    preferred_hours: "07:00-10:00"\n')
    (workspace / "locales" / "fr").mkdir()
    (workspace / "locales" / "fr" / f"{EXAMPLE}.yaml").write_text(
        f"program: {EXAMPLE}\nbased_on: 1\ntitle: Diriger le changement\n", encoding="utf-8")

    checked = runner.invoke(cli, ["check", EXAMPLE, "--workspace", str(workspace)])
    planned = runner.invoke(cli, ["plan", EXAMPLE, "--workspace", str(workspace), "--out", str(tmp_path / "out"),
                                  "--time-limit", "5", "--workers", "1"])

    assert checked.exit_code == 0, checked.output
    assert planned.exit_code == 0, planned.output
    from_check, from_plan = _warnings(checked.stderr), _warnings(planned.stderr)
    assert sorted(from_check) == sorted(from_plan)
    assert len(from_check) == 5
    assert any(line.startswith(ROLLOUT) for line in from_check)
    assert any(line.startswith(f"locales/fr/{EXAMPLE}.yaml:2:11: warning: fr variant is based on version 1")
               for line in from_check)
    assert any(line.startswith(f"locales/pt_BR/{EXAMPLE}.yaml:3:11: warning: pt_BR variant") for line in from_check)
    assert checked.stderr.splitlines()[-1] == f"ok: {EXAMPLE} (5 warnings)"
