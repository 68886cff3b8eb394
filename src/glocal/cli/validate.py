"""``glocal validate SCHEDULE.json``: check a schedule against every hard rule of its workspace."""

from __future__ import annotations

from pathlib import Path

import click

from glocal.cli import cli
from glocal.cli.common import print_problems, stderr_console, workspace_option
from glocal.scheduling.validate import validate_schedule
from glocal.workspace import load_workspace
from glocal.workspace.schedule_file import load_schedule


@cli.command("validate")
@click.argument(
    "schedule_path", metavar="SCHEDULE.json", type=click.Path(dir_okay=False, path_type=Path)
)
@workspace_option
@click.pass_context
def validate_command(ctx: click.Context, schedule_path: Path, workspace: Path) -> None:
    """Check a schedule.json against the workspace it was planned from.

    Every hard rule is re-checked with code independent of the solver: each session placed
    once, language and skills, working hours and days of both sides, holidays, leave, the
    window and grid, module order and gaps, overlaps and the facilitators' limits.
    Exits 0 when the schedule breaks no rule, 2 with every violation printed.

    \b
    Example:
      glocal validate out/schedule.json
    """
    schedule = load_schedule(schedule_path, display=str(schedule_path))
    loaded = load_workspace(workspace, [schedule.program])
    print_problems(loaded.warnings)
    violations = validate_schedule(loaded.bundle(schedule.program), schedule)
    console = stderr_console()
    for violation in violations:
        console.print(f"{schedule_path}: {violation.text}", style="red", markup=False)
    if violations:
        n = len(violations)
        console.print(
            f"{n} violation{'s' if n != 1 else ''} in {schedule_path}", style="red", markup=False
        )
        ctx.exit(2)
    sessions = len(schedule.sessions)
    console.print(
        f"ok: {schedule_path} ({schedule.status.value}, {sessions} session{'s' if sessions != 1 else ''}) breaks no rule",
        markup=False,
    )
