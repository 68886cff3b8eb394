"""``glocal plan``: workspace -> checked, localized, scheduled plan with calendars and a report."""

from __future__ import annotations

import datetime as dt
import time
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
from glocal.cli.plan_display import SolveProgress
from glocal.cli.plan_solve import SolveRequest, SolverProcess, Terminated
from glocal.errors import Problem, UsageError
from glocal.loading import ProgramBundle, Workspace
from glocal.localization.status import program_status
from glocal.model import Schedule
from glocal.output import check_target, write_folder
from glocal.schedule_file import load_schedule


@cli.command("plan", short_help="Schedule a program; write calendars, schedule.json and a report.")
@click.argument("program")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None,
              help="Output folder; replaced as a whole at the end.  [default: out/PROGRAM]")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds for the whole run (loading, search, writing) as a wall-clock deadline; "
                   "the search is also bounded by the solver's deterministic time (a solve that "
                   "finishes within it gives the same plan on any machine). When time runs out, "
                   "the best plan so far is written.")
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

    Exits 0 when every session is placed; 1 with a partial plan (the sessions that could not
    be placed and why are printed and written to schedule.json and report.html; only whole
    cohorts get calendars) or with no plan at all (the reasons); 2 when the input is invalid
    (nothing written).

    \b
    Example:
      glocal plan leading-through-change --time-limit 20 --out out/spring
    """
    began = time.monotonic()  # --time-limit bounds the whole run, loading and writing included
    chosen = program_target(program, workspace)
    assert chosen.programs  # PROGRAM is required, so there is always one id
    with SolverProcess() as solver:  # forked now: it imports the solver while this process loads
        loaded = load_checked(chosen)  # orphaned translations stop the plan, as in 'glocal check'
        bundle = loaded.bundle(chosen.programs[0])
        locale_warnings = _locale_warnings(loaded, bundle)
        # Locale warnings are shown after the summary; the other warnings before the solve.
        print_problems([p for p in loaded.warnings if p not in set(locale_warnings)])
        target = out if out is not None else Path("out") / bundle.id
        check_target(target)  # fail before a long solve, not after it
        earlier = _previous(previous, bundle)
        total = len(bundle.rollout.cohorts) * len(bundle.program.modules)
        request = SolveRequest(
            bundle, time_limit=time_limit, seed=seed, workers=workers, previous=earlier,
            freeze_before=freeze_before.date() if freeze_before else None,
            spent=time.monotonic() - began + writing_reserve(time_limit, total),
        )
        try:
            with SolveProgress(stderr_console(), total, began) as progress:
                solved = solver.solve(request, progress.update, meanwhile=lambda: _prepare_outputs(bundle))
        except Terminated:
            stderr_console().print("glocal: terminated while solving; nothing was written", style="red", markup=False)
            raise click.exceptions.Exit(128 + Terminated.signum) from None
    from glocal.calendars import with_sequences
    from glocal.cli import plan_outputs  # already imported by _prepare_outputs, during the solve

    plan_outputs.check_plan(solved.broken)
    schedule = with_sequences(solved.schedule, earlier)
    write_folder(target, plan_outputs.output_files(loaded, bundle, schedule))
    plan_outputs.print_result(bundle, schedule, target, locale_warnings)


def writing_reserve(time_limit: float, sessions: int) -> float:
    """Wall seconds kept for validating and writing the plan after the solve, never more than
    a quarter of the limit. Measured at 2,400 sessions: validation 0.2 s, calendars 4.7 s,
    report 1.3 s of CPU (about 2.6 s per 1,000 sessions; a busy machine takes longer)."""
    return min(0.25 * time_limit, 0.5 + 3 * sessions / 1000)


def _prepare_outputs(bundle: ProgramBundle) -> None:
    """Runs while the child solves (on the other core): import and load what the outputs need."""
    from glocal.cli import plan_outputs

    plan_outputs.prepare(bundle)


def _previous(path: Path | None, bundle: ProgramBundle) -> Schedule | None:
    if path is None:
        return None
    schedule = load_schedule(path)
    if schedule.program != bundle.id:
        raise UsageError(f"{path} is a plan of '{schedule.program}', not of '{bundle.id}'",
                         "pass the schedule.json written by 'glocal plan' for this program")
    return schedule


def _locale_warnings(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """Outdated variants and open cultural-fit clashes of the locales this program uses."""
    found = {p for status in program_status(workspace, bundle) for p in status.problems() if not p.is_error}
    return sorted(found, key=Problem.sort_key)
