"""The body of ``glocal plan``, imported once the solver's child process has been forked.

``plan.py`` holds only the command's options, so that the child starts importing the solver
(ortools, ~0.3 s) while this module and everything it needs (the workspace, the outputs) load here.
"""

from __future__ import annotations

import datetime as dt
import time
from contextlib import ExitStack
from pathlib import Path

import click

from glocal.calendars.outbox import carried_log
from glocal.cli.common import load_checked, print_problems, program_target, stderr_console
from glocal.cli.plan_display import SolveProgress
from glocal.cli.plan_meanwhile import Meanwhile
from glocal.cli.plan_solve import SolveRequest, SolverProcess, Terminated
from glocal.cli.plan_target import claimed, say_continuing, say_fresh, write_plan
from glocal.cli.plan_team import booked_elsewhere, plan_portfolio, warn_over_limits
from glocal.errors import UsageError
from glocal.localization.rules import LOCALE_CODES
from glocal.output.history import previous_plan
from glocal.workspace import discovery
from glocal.workspace.discovery import Target


def plan_one(
    solver: SolverProcess, began: float, program: str, out: Path | None, time_limit: float, seed: int, workers: int,
    previous: Path | None, fresh: bool, freeze_before: dt.datetime | None, lang: str, workspace: Path,
) -> None:
    """``glocal plan PROGRAM``: load, solve in ``solver``'s child, write OUT and print the summary."""
    lang = report_language(lang)
    chosen = program_target(program, workspace)
    assert chosen.programs  # one PROGRAM names one id
    with ExitStack() as held:  # the lock of OUT, held from before the solve until the files are in place
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
        frozen = freeze_before.date() if freeze_before else None
        meanwhile = Meanwhile([bundle], {bundle.id: earlier} if earlier is not None else {}, frozen, lang)
        try:
            with SolveProgress(stderr_console(), total, began) as progress:
                solved = solver.solve(request, progress.update, meanwhile=meanwhile.load, on_plan=meanwhile.preparation())
        except Terminated:
            stderr_console().print("glocal: terminated while solving; nothing was written",
                                   style="red", markup=False)
            raise click.exceptions.Exit(128 + Terminated.signum) from None
        # Already imported by the preparation, during the solve.
        from glocal.calendars import revise
        from glocal.cli import plan_outputs

        plan_outputs.check_plan(solved.broken)
        warn_over_limits(solved.over_limits)
        localized = meanwhile.localized(bundle)
        schedule = revise(bundle, solved.schedule, earlier, frozen, localized)
        files = plan_outputs.output_files(loaded, bundle, schedule, lang=lang, previous=earlier, localized=localized,
                                          prepared=meanwhile.prepared.get(bundle.id))
        files.update(carried_log(target))  # what 'glocal send' already sent stays known
        written = write_plan(target, files, schedule.status.value)
    plan_outputs.print_result(bundle, schedule, target, written, locale_warnings)


def plan_several(programs: tuple[str, ...], all_programs: bool, out: Path | None, time_limit: float, seed: int,
                 workers: int, previous: Path | None, freeze_before: dt.datetime | None, workspace: Path,
                 solver: SolverProcess) -> None:
    """``glocal plan --all`` or several PROGRAMs: one portfolio, solved in ``solver``'s child."""
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
    plan_portfolio(chosen, out, time_limit, seed, workers, freeze_before.date() if freeze_before else None, solver)


def writing_reserve(time_limit: float, sessions: int) -> float:
    """Wall seconds kept for validating and writing the plan after the solve, never more than
    a quarter of the limit. Measured at 2,400 sessions: validation 0.2 s, calendars 4.7 s,
    report 1.3 s of CPU (about 2.6 s per 1,000 sessions; a busy machine takes longer)."""
    return min(0.25 * time_limit, 0.5 + 3 * sessions / 1000)


def report_language(lang: str) -> str:
    """``--lang`` as a CLDR locale id (``pt-BR`` -> ``pt_BR``); a usage error when CLDR has no such locale."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"--lang {lang}: not a language CLDR knows",
                         "use a locale id such as en, ja, ar or pt_BR") from None


