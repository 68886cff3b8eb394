"""``glocal plan``: workspace -> checked, localized, scheduled plan with calendars and a report."""

from __future__ import annotations

import datetime as dt
import time
from contextlib import ExitStack
from pathlib import Path

import click

from glocal.calendars.outbox import carried_log
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
from glocal.cli.plan_target import claimed, say_continuing, say_fresh, write_plan
from glocal.cli.plan_team import booked_elsewhere, plan_portfolio, warn_over_limits
from glocal.errors import UsageError
from glocal.localization.rules import LOCALE_CODES
from glocal.output.history import previous_plan
from glocal.workspace import ProgramBundle, discovery
from glocal.workspace.discovery import Target


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
    lang = report_language(lang)
    if all_programs or len(programs) > 1:
        _plan_several(programs, all_programs, out, time_limit, seed, workers, previous, freeze_before, workspace)
        return
    if not programs:
        raise UsageError("no program to plan", "name a PROGRAM, several, or pass --all")
    chosen = program_target(programs[0], workspace)
    assert chosen.programs  # one PROGRAM names one id
    with ExitStack() as held:  # the lock of OUT, held from before the solve until the files are in place
        with SolverProcess() as solver:  # forked now: it imports the solver while this process loads
            loaded = load_checked(chosen)  # orphaned translations stop the plan, as in 'glocal check'
            bundle = loaded.bundle(chosen.programs[0])
            booked = booked_elsewhere(bundle, sorted(discovery.scan(chosen.root.resolve()).programs))
            if booked:
                stderr_console().print(f"sessions of {', '.join(booked)} are busy time for this plan", markup=False)
            # The warnings of 'glocal check', the same ones: the locale warnings are shown after the
            # summary (a coordinator reads them with the plan), the others before the solve.
            locale_warnings = [p for p in loaded.warnings if p.code in LOCALE_CODES]
            print_problems([p for p in loaded.warnings if p.code not in LOCALE_CODES])
            target = out if out is not None else Path("out") / bundle.id
            # Locked after the fork, so the solver process never holds the lock.
            held.enter_context(claimed(target, chosen.root, f"glocal plan {bundle.id}"))
            earlier = previous_plan(target, previous, fresh, bundle.id)
            if fresh:
                say_fresh(target)
            elif previous is None and earlier is not None:
                say_continuing(target)
            total = len(bundle.rollout.cohorts) * len(bundle.program.modules)
            request = SolveRequest(
                bundle, time_limit=time_limit, seed=seed, workers=workers, previous=earlier,
                freeze_before=freeze_before.date() if freeze_before else None, booked=tuple(booked.values()),
                spent=time.monotonic() - began + writing_reserve(time_limit, total),
            )
            try:
                with SolveProgress(stderr_console(), total, began) as progress:
                    solved = solver.solve(request, progress.update, meanwhile=lambda: _prepare_outputs(bundle, lang))
            except Terminated:
                stderr_console().print("glocal: terminated while solving; nothing was written",
                                       style="red", markup=False)
                raise click.exceptions.Exit(128 + Terminated.signum) from None
        # Already imported by _prepare_outputs, during the solve.
        from glocal.calendars import revise
        from glocal.cli import plan_outputs
        from glocal.localization import resolve_cohorts

        plan_outputs.check_plan(solved.broken)
        warn_over_limits(solved.over_limits)
        # The program in every cohort's locale, resolved once: revisions, calendars and the
        # report are handed it (none of them resolves a variant again).
        localized = resolve_cohorts(bundle)
        schedule = revise(bundle, solved.schedule, earlier, freeze_before.date() if freeze_before else None,
                          localized)
        files = plan_outputs.output_files(loaded, bundle, schedule, lang=lang, previous=earlier, localized=localized)
        files.update(carried_log(target))  # what 'glocal send' already sent stays known
        written = write_plan(target, files, schedule.status.value)
    plan_outputs.print_result(bundle, schedule, target, written, locale_warnings)


def _plan_several(programs: tuple[str, ...], all_programs: bool, out: Path | None, time_limit: float, seed: int,
                  workers: int, previous: Path | None, freeze_before: dt.datetime | None, workspace: Path) -> None:
    if all_programs and programs:
        raise UsageError("--all plans every program; do not name programs as well", "drop the program ids or --all")
    if previous is not None:
        raise UsageError("--previous names one program's plan",
                         "a portfolio keeps the plans in its --out folder where they still fit (and --freeze-before "
                         "fixes their delivered sessions); plan without --previous")
    ids = []
    root = None
    for program in programs:
        target = program_target(program, workspace)
        assert target.programs
        ids += target.programs
        root = target.root
    chosen = Target(root if root is not None else workspace, sorted(set(ids)) if programs else None)
    plan_portfolio(chosen, out, time_limit, seed, workers, freeze_before.date() if freeze_before else None)


def writing_reserve(time_limit: float, sessions: int) -> float:
    """Wall seconds kept for validating and writing the plan after the solve, never more than
    a quarter of the limit. Measured at 2,400 sessions: validation 0.2 s, calendars 4.7 s,
    report 1.3 s of CPU (about 2.6 s per 1,000 sessions; a busy machine takes longer)."""
    return min(0.25 * time_limit, 0.5 + 3 * sessions / 1000)


def _prepare_outputs(bundle: ProgramBundle, lang: str) -> None:
    """Runs while the child solves (on the other core): import and load what the outputs need."""
    from glocal.cli import plan_outputs

    plan_outputs.prepare(bundle, lang)


def report_language(lang: str) -> str:
    """``--lang`` as a CLDR locale id (``pt-BR`` -> ``pt_BR``); a usage error when CLDR has no such locale."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"--lang {lang}: not a language CLDR knows",
                         "use a locale id such as en, ja, ar or pt_BR") from None


