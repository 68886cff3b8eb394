"""``glocal check``: validate the workspace files."""

from __future__ import annotations

from pathlib import Path

import click

from glocal.cli import cli
from glocal.cli.common import (
    load_checked,
    print_problems,
    program_target,
    stderr_console,
    workspace_option,
)


@cli.command("check")
@click.argument("program", required=False)
@workspace_option
def check_command(program: str | None, workspace: Path) -> None:
    """Check the workspace files and report every problem at once.

    PROGRAM is a program id or the path to its folder (then the workspace is the folder two
    levels up unless --workspace says otherwise); without it every program is checked.
    Exits 0 when the files are valid (warnings allowed), 2 on any error.

    \b
    Examples:
      glocal check leading-through-change
      glocal check path/to/workspace/programs/leading-through-change
    """
    loaded = load_checked(program_target(program, workspace))
    print_problems(loaded.warnings)
    names = ", ".join(sorted(loaded.programs)) or "no programs"
    warnings = len(loaded.warnings)
    stderr_console().print(
        f"ok: {names} ({warnings} warning{'s' if warnings != 1 else ''})", markup=False
    )
