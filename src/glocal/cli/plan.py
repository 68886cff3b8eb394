"""``glocal plan``: workspace -> checked, localized, scheduled plan with calendars and a report.

This module is the command's options only: its body (``plan_run``) is imported after the
solver's child process is forked, so that both load at once on two cores.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import click

from glocal.cli import cli
from glocal.cli.common import workspace_option
from glocal.cli.plan_solve import SolverProcess
from glocal.errors import UsageError


@cli.command("plan", short_help="Schedule a program (or several together); write calendars, schedule.json and a report.")
@click.argument("programs", nargs=-1, metavar="[PROGRAM]...")
@click.option("--all", "all_programs", is_flag=True,
              help="Plan every program of the workspace together (a portfolio sharing the team).")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None,
              help="Output folder, owned by glocal (new, empty, or written by glocal before); its files "
                   "are replaced at the end, files glocal did not write are kept. A plan that is not "
                   "complete goes to OUT.proposed/ when OUT holds a complete plan.  [default: out/PROGRAM]")
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
              help="schedule.json of an earlier plan: keep what still fits, bump calendar sequences. "
                   "[default: OUT/schedule.json when there is one]")
@click.option("--fresh", is_flag=True, default=False,
              help="Start over: do not continue the plan in OUT (calendars restart at SEQUENCE 0; "
                   "says what it drops).")
@click.option("--freeze-before", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Sessions of --previous before this date (YYYY-MM-DD) were delivered and do not move.")
@click.option("--lang", default="en", show_default=True, metavar="LOCALE",
              help="Language of the report's labels and dates (e.g. ja, ar, pt_BR); titles stay in "
                   "each cohort's language.")
@workspace_option
def plan_command(
    programs: tuple[str, ...], all_programs: bool, out: Path | None, time_limit: float, seed: int, workers: int,
    previous: Path | None, fresh: bool, freeze_before: dt.datetime | None, lang: str, workspace: Path,
) -> None:
    """Schedule every session of a program and write calendars, schedule.json and a report.

    With --all (or several PROGRAMs) the programs are planned together: nobody is booked in two
    places at once (session buffer included) and daily and weekly limits count over all of them.
    OUT (default: out) then holds OUT/<program>/ for each, as a single plan, plus the team view:
    OUT/index.html and OUT/team/calendars/<facilitator>.ics over all programs. Their current
    plans in OUT are the previous plans: kept where they still fit, and with --freeze-before
    their sessions before that date do not move. A plan of one program treats the sessions of
    the other programs' plans in out/<program>/schedule.json as busy time (and warns where
    daily or weekly limits are exceeded over all of them).

    Checks the workspace, resolves each cohort's locale variant, schedules every session
    across time zones, weekends, holidays and leave, checks the result with an independent
    validator, and writes OUT/schedule.json, OUT/calendars/ and OUT/report.html. The output
    folder is written beside OUT and renamed into place at the end, so an interrupted run
    leaves the previous plan as it was (Ctrl-C or SIGTERM while solving: nothing is written).

    The plan in OUT is the previous plan unless --previous or --fresh says otherwise. A plan
    that is not complete never replaces a complete one: it is written to OUT.proposed/ and
    OUT stays as it was. One run at a time per OUT (a lock file beside it).

    Exits 0 when every session is placed; 1 with a partial plan (the sessions that could not
    be placed and why are printed and written to schedule.json and report.html; only whole
    cohorts get calendars) or with no plan at all (the reasons); 2 when the input is invalid,
    OUT is not glocal's or another run is writing it (nothing written).

    \b
    Example:
      glocal plan leading-through-change --time-limit 20 --out out/spring
      glocal plan leading-through-change --lang ja
    """
    began = time.monotonic()  # --time-limit bounds the whole run, loading and writing included
    # The child is forked first thing: it imports the solver on the other core while this
    # process imports the rest of the command (plan_run) and loads the workspace.
    with SolverProcess() as solver:
        from glocal.cli import plan_run

        if all_programs or len(programs) > 1:
            plan_run.report_language(lang)  # checked as for one program
            plan_run.plan_several(programs, all_programs, out, time_limit, seed, workers, previous, freeze_before,
                                  workspace, solver)
            return
        if not programs:
            raise UsageError("no program to plan", "name a PROGRAM, several, or pass --all")
        plan_run.plan_one(solver, began, programs[0], out, time_limit, seed, workers, previous, fresh, freeze_before,
                          lang, workspace)
