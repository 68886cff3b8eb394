"""``glocal check``: validate the workspace files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from glocal.cli import cli
from glocal.cli.common import (
    load_checked,
    print_problems,
    program_target,
    stderr_console,
    stdout_console,
    workspace_option,
)

if TYPE_CHECKING:  # the workspace code loads when the command runs, not for --help
    from glocal.workspace import Workspace


@cli.command("check")
@click.argument("program", required=False)
@workspace_option
def check_command(program: str | None, workspace: Path) -> None:
    """Check the workspace files and report every problem at once.

    PROGRAM is a program id or the path to its folder (then the workspace is the folder two
    levels up unless --workspace says otherwise); without it every program is checked.
    Exits 0 when the files are valid (warnings allowed), 2 on any error. With several
    programs or a shared team (facilitators.yaml at the workspace root) it also prints what
    the portfolio asks of each facilitator: the sessions they may deliver, those only they
    may deliver, what their weekly limit allows over the windows, and their busy hours.

    \b
    Examples:
      glocal check leading-through-change
      glocal check path/to/workspace/programs/leading-through-change
    """
    loaded = load_checked(program_target(program, workspace))
    print_problems(loaded.warnings)
    if len(loaded.programs) > 1 or (loaded.root / "facilitators.yaml").is_file():
        _print_demand(loaded)
    names = ", ".join(sorted(loaded.programs)) or "no programs"
    warnings = len(loaded.warnings)
    stderr_console().print(
        f"ok: {names} ({warnings} warning{'s' if warnings != 1 else ''})", markup=False
    )


def _print_demand(loaded: Workspace) -> None:
    from rich.table import Table

    from glocal.workspace.demand import team_demand

    table = Table(title="what the programs ask of each facilitator", title_justify="left")
    for column in ("facilitator", "programs", "may deliver", "only they", "weekly limit allows", "busy hours"):
        table.add_column(column, justify="left" if column == "facilitator" else "right")
    for row in team_demand(loaded):
        allows = "-" if row.capacity is None else str(row.capacity) + (" (too few)" if row.over else "")
        table.add_row(row.facilitator.id, str(len(row.programs)), str(row.eligible), str(row.only),
                      allows, f"{row.busy_hours:.1f}" if row.busy_hours else "")
    out = stdout_console()
    if not out.is_terminal:
        out.width = max(out.width, 120)
    out.print(table)
