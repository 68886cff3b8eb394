"""``glocal plan``: workspace -> checked, localized, scheduled plan with calendars and a report."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from glocal.calendars import build_calendars, with_sequences
from glocal.cli import cli
from glocal.cli.common import (
    load_checked,
    print_problems,
    program_target,
    stderr_console,
    stdout_console,
    workspace_option,
)
from glocal.cli.plan_display import SolveProgress, summary_table
from glocal.cli.plan_solve import Terminated, solve_isolated
from glocal.errors import Problem, UsageError
from glocal.loading import ProgramBundle, Workspace
from glocal.localization.status import program_status
from glocal.model import Schedule, Status
from glocal.output import check_target, write_folder
from glocal.report import render_html
from glocal.report_model import cohort_summaries
from glocal.schedule_file import dump_schedule, load_schedule
from glocal.scheduling import SolveOptions
from glocal.scheduling.validate import validate_schedule

INTERNAL_ERROR = 3


@cli.command("plan", short_help="Schedule a program; write calendars, schedule.json and a report.")
@click.argument("program")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None,
              help="Output folder; replaced as a whole at the end.  [default: out/PROGRAM]")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Search budget in seconds: spent as the solver's deterministic time (a solve that "
                   "finishes within it gives the same plan on any machine) and also a wall-clock "
                   "deadline for the search.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Random seed; the same input and seed give the same files.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Solver threads.")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="schedule.json of an earlier plan: keep what still fits, bump calendar sequences.")
@click.option("--freeze-before", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Sessions of --previous before this date (YYYY-MM-DD) were delivered and do not move.")
@workspace_option
def plan_command(
    program: str, out: Path | None, time_limit: float, seed: int, workers: int,
    previous: Path | None, freeze_before: dt.datetime | None, workspace: Path,
) -> None:
    """Schedule every session of a program and write calendars, schedule.json and a report.

    Checks the workspace, resolves each cohort's locale variant, schedules every session
    across time zones, weekends, holidays and leave, checks the result with an independent
    validator, and writes OUT/schedule.json, OUT/calendars/ and OUT/report.html. The output
    folder is written beside OUT and renamed into place at the end, so an interrupted run
    leaves the previous plan as it was (Ctrl-C or SIGTERM while solving: nothing is written).

    Exits 0 with a plan, 1 when no plan satisfies every rule (the reasons are printed and
    written to schedule.json and report.html), 2 when the input is invalid (nothing written).

    \b
    Example:
      glocal plan leading-through-change --time-limit 20 --out out/spring
    """
    chosen = program_target(program, workspace)
    assert chosen.programs  # PROGRAM is required, so there is always one id
    loaded = load_checked(chosen)  # orphaned translations stop the plan, as in 'glocal check'
    bundle = loaded.bundle(chosen.programs[0])
    locale_warnings = _locale_warnings(loaded, bundle)
    # Locale warnings are shown after the summary; the other warnings before the solve.
    print_problems([p for p in loaded.warnings if p not in set(locale_warnings)])
    target = out if out is not None else Path("out") / bundle.id
    check_target(target)  # fail before a long solve, not after it
    earlier = _previous(previous, bundle)
    total = len(bundle.rollout.cohorts) * len(bundle.program.modules)
    options = SolveOptions(
        time_limit=time_limit, seed=seed, workers=workers, previous=earlier,
        freeze_before=freeze_before.date() if freeze_before else None,
    )
    try:
        with SolveProgress(stderr_console(), total) as progress:
            schedule = solve_isolated(bundle, options, progress.update)
    except Terminated:
        stderr_console().print("glocal: terminated while solving; nothing was written", style="red", markup=False)
        raise click.exceptions.Exit(128 + Terminated.signum) from None
    _validate(bundle, schedule)
    schedule = with_sequences(schedule, earlier)
    write_folder(target, _files(loaded, bundle, schedule))
    _report(bundle, schedule, target, locale_warnings)


def _previous(path: Path | None, bundle: ProgramBundle) -> Schedule | None:
    if path is None:
        return None
    schedule = load_schedule(path)
    if schedule.program != bundle.id:
        raise UsageError(f"{path} is a plan of '{schedule.program}', not of '{bundle.id}'",
                         "pass the schedule.json written by 'glocal plan' for this program")
    return schedule


def _validate(bundle: ProgramBundle, schedule: Schedule) -> None:
    """A plan that breaks a hard rule is a bug in the solver: say so and write nothing."""
    if schedule.status is Status.INFEASIBLE:
        return
    violations = validate_schedule(bundle, schedule)
    if not violations:
        return
    console = stderr_console()
    console.print(f"glocal: internal error: the solver's plan breaks {len(violations)} rule(s); nothing was written",
                  style="red", markup=False)
    for violation in violations:
        console.print(f"  - {violation.rule}: {violation.text}", markup=False)
    console.print("This is a bug in glocal; please report it with the workspace files.", markup=False)
    raise click.exceptions.Exit(INTERNAL_ERROR)


def _files(workspace: Workspace, bundle: ProgramBundle, schedule: Schedule) -> dict[str, bytes]:
    """Every output file by path; an infeasible plan gets no calendars."""
    files = {"schedule.json": dump_schedule(schedule).encode("utf-8")}
    if schedule.status is not Status.INFEASIBLE:
        files.update(build_calendars(bundle, schedule))
    files["report.html"] = render_html(workspace, bundle, schedule).encode("utf-8")
    return files


def _locale_warnings(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """Outdated variants and open cultural-fit clashes of the locales this program uses."""
    found = {p for status in program_status(workspace, bundle) for p in status.problems() if not p.is_error}
    return sorted(found, key=Problem.sort_key)


def _report(bundle: ProgramBundle, schedule: Schedule, target: Path, warnings: list[Problem]) -> None:
    """The summary on stdout, then warnings; for an infeasible plan the reasons and exit status 1."""
    out = stdout_console()
    where = os.path.relpath(target) if not target.is_absolute() else str(target)
    if schedule.status is Status.INFEASIBLE:
        err = stderr_console()
        err.print(f"no plan for {bundle.id} satisfies every rule:", style="red", markup=False)
        for reason in schedule.reasons or []:
            err.print(f"  - {reason.text}", markup=False)
        if not schedule.reasons:
            err.print("  - (the solver gave no reason)", markup=False)
        err.print(f"wrote {where}/schedule.json and {where}/report.html with the reasons", markup=False)
        raise click.exceptions.Exit(1)
    if not out.is_terminal:
        out.width = max(out.width, 160)  # keep table rows on one line in logs and pipes
    out.print(summary_table(cohort_summaries(bundle, schedule)))
    out.print(_result_line(schedule), markup=False)
    if warnings:
        stderr_console().print(f"{len(warnings)} locale warning{'s' if len(warnings) != 1 else ''} "
                               "(outdated variants, cultural fit; see 'glocal locales status'):", markup=False)
        print_problems(warnings)
    calendars = sum(1 for _ in (target / "calendars").rglob("*.ics"))
    out.print(f"wrote {where}/: schedule.json, report.html, {calendars} calendar files in calendars/",
              markup=False)


def _result_line(schedule: Schedule) -> str:
    parts = [f"{schedule.status.value}: {len(schedule.sessions)} sessions"]
    if schedule.objective is not None:
        parts.append(f"objective {schedule.objective}")
    if schedule.best_bound is not None:
        parts.append(f"bound {schedule.best_bound}")
    if schedule.gap is not None:
        parts.append(f"gap {schedule.gap * 100:.1f}%")
    if schedule.solve_seconds is not None:
        parts.append(f"solved in {schedule.solve_seconds:.1f} s")
    moved = sum(1 for s in schedule.sessions if s.moved)
    if moved or schedule.cancelled:
        parts.append(f"{moved} moved, {len(schedule.cancelled)} cancelled since the previous plan")
    return ", ".join(parts)
