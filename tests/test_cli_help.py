"""The command line as a whole: every command listed and explained, --version, docs/cli.md current."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from glocal import __version__
from glocal.cli import cli

from .conftest import REPO


def _commands() -> list[tuple[list[str], click.Command]]:
    """Every command and sub-command as (argv path, command)."""
    found: list[tuple[list[str], click.Command]] = []

    def walk(group: click.Group, path: list[str]) -> None:
        ctx = click.Context(group)
        for name in sorted(group.list_commands(ctx)):
            command = group.get_command(ctx, name)
            assert command is not None
            found.append(([*path, name], command))
            if isinstance(command, click.Group):
                walk(command, [*path, name])

    walk(cli, [])
    return found


def test_top_level_help_lists_every_command_with_a_line(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    listing = result.output.split("Commands:", 1)[1]
    for name in sorted(cli.list_commands(click.Context(cli))):
        line = next((ln for ln in listing.splitlines() if ln.strip().startswith(name + " ")), None)
        assert line is not None, f"{name} missing from glocal --help"
        assert len(line.split(None, 1)) == 2, f"{name} has no one-line description"


def test_expected_commands_are_there() -> None:
    names = set(cli.list_commands(click.Context(cli)))
    assert {"check", "init", "plan"} <= names


@pytest.mark.parametrize("path", [p for p, _ in _commands()], ids=lambda p: " ".join(p))
def test_every_command_help_has_an_example(runner: CliRunner, path: list[str]) -> None:
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"glocal {' '.join(path)} --help shows no example"
    example = result.output.split("Example", 1)[1]
    assert re.search(r"^\s+glocal " + re.escape(path[0]), example, re.MULTILINE), example


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"glocal, version {__version__}"


def test_docs_cli_md_is_generated_from_the_help_texts() -> None:
    spec = importlib.util.spec_from_file_location("gen_cli_docs", REPO / "scripts" / "gen_cli_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render()
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8") if (REPO / "docs" / "cli.md").is_file() else ""
    assert current == expected, "docs/cli.md is out of date; run: make docs"
    for path, _ in _commands():
        assert f"`glocal {' '.join(path)}`" in expected


def test_unknown_command_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["plna"])
    assert result.exit_code == 2
    assert "No such command 'plna'" in result.output
    assert "Traceback" not in result.output


def test_console_script_exit_statuses_and_piped_output() -> None:
    # The console script ends the process without the interpreter's teardown: the exit status
    # and everything written to a pipe (block-buffered) must still come out.
    glocal = Path(sys.executable).parent / "glocal"
    version = subprocess.run([str(glocal), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert (version.returncode, version.stdout.strip()) == (0, f"glocal, version {__version__}")
    unknown = subprocess.run([str(glocal), "plna"], capture_output=True, text=True, timeout=60, check=False)
    assert unknown.returncode == 2
    assert "No such command 'plna'" in unknown.stderr
    listing = subprocess.run([str(glocal), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert listing.returncode == 0
    assert listing.stdout.rstrip().endswith("Check a schedule.json against the workspace it was planned from.")
