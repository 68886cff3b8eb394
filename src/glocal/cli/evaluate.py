"""``glocal evaluate``: Kirkpatrick results + the plan -> figures, follow-ups and findings."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from glocal.cli import cli
from glocal.cli.common import (
    SafePath,
    load_checked,
    print_problems,
    printable,
    program_target,
    stdout_console,
    workspace_option,
)
from glocal.errors import UsageError
from glocal.workspace.schedule_file import load_schedule


@cli.command("evaluate", short_help="Read evaluation results back: figures, due follow-ups and findings.")
@click.argument("program")
@click.option("--results", "results", type=SafePath(file_okay=False, path_type=Path), default=None,
              help="Folder of result exports (CSV).  [default: results/PROGRAM]")
@click.option("--out", "-o", "out", type=SafePath(file_okay=False, path_type=Path), default=None,
              help="Plan folder written by 'glocal plan' (holds schedule.json); receives evaluation.json "
                   "and an updated report.html.  [default: out/PROGRAM]")
@click.option("--today", "today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Evaluate as of this date (YYYY-MM-DD) in every cohort's zone; default: now, "
                   "taken in each cohort's zone.")
@workspace_option
def evaluate_command(program: str, results: Path | None, out: Path | None, today: dt.datetime | None, workspace: Path) -> None:
    """Read the results of PROGRAM's evaluation and say what they mean.

    Reads every CSV in RESULTS: tidy long files (cohort, participant, level, measure, value)
    as they are, and Microsoft Forms, Google Forms and Qualtrics exports (and xAPI statements
    from a learning record store) through the mapping in programs/PROGRAM/evaluation.yaml. Computes per cohort, locale, variant and overall
    the response rate, L1 mean and distribution, L2 gain (and normalized gain), L3 share of
    observed behaviours and L4 change, each with a 95 % interval; groups under the minimum
    size (default 5) are suppressed. From OUT/schedule.json it dates every follow-up in the
    cohort's zone (due, overdue, done, upcoming), then prints findings and writes
    OUT/evaluation.json and the evaluation section of OUT/report.html.

    Exits 0 when done (findings do not change the status), 2 when a file is invalid (every
    problem printed as file:line, nothing written).

    \b
    Example:
      glocal evaluate leading-through-change --results results/leading-through-change \\
        --out out/leading-through-change --today 2027-10-15
    """
    from glocal.evaluation.run import dump_evaluation, evaluate
    from glocal.evaluation.view import evaluation_view
    from glocal.report import render_html
    from glocal.workspace.yamlio import write_atomic

    chosen = program_target(program, workspace)
    assert chosen.programs
    loaded = load_checked(chosen)
    bundle = loaded.bundle(chosen.programs[0])
    folder = results if results is not None else chosen.root / "results" / bundle.id
    target = out if out is not None else Path("out") / bundle.id
    if not folder.is_dir():
        raise UsageError(f"no results folder {folder}", "pass --results DIR with the exported CSV files")
    plan_file = target / "schedule.json"
    if not plan_file.is_file():
        raise UsageError(f"no plan in {target} (no schedule.json)", f"run 'glocal plan {bundle.id}' first or pass --out with a plan folder")
    schedule = load_schedule(plan_file, display=str(plan_file))
    if schedule.program != bundle.id:
        raise UsageError(f"{plan_file} is a plan of '{schedule.program}', not of '{bundle.id}'", "pass the plan folder of this program with --out")
    now: dt.datetime | dt.date = today.date() if today is not None else dt.datetime.now(dt.UTC)
    document, warnings = evaluate(chosen.root, bundle, folder, schedule, now)
    print_problems(warnings)
    report = render_html(loaded, bundle, schedule, evaluation=evaluation_view(document))
    write_atomic(target / "evaluation.json", dump_evaluation(document))
    write_atomic(target / "report.html", report)
    _print(document, target)


def _print(document: dict[str, Any], target: Path) -> None:
    """The cohort table and the findings on stdout."""
    from glocal.evaluation.view import evaluation_view

    view = evaluation_view(document, with_charts=False)
    console = stdout_console()
    if not console.is_terminal:
        console.width = max(console.width, 180)  # keep rows on one line in logs and pipes
    table = Table(title=f"evaluation of {document['program']} as of {document['as_of']} (per cohort; 95 % intervals)")
    for name in ("cohort", "locale", "variant", *(label for _, label in view.levels), "responses"):
        table.add_column(name)
    for row in view.cohorts:
        rates = " ".join(f"L{level}:{rate.split(' ')[0]}" for (level, _), rate in zip(view.levels, row.rates, strict=True))
        table.add_row(row.cohort, row.locale, row.variant, *row.cells, rates)
    console.print(table)
    findings = document["findings"]
    if findings:
        console.print(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}:", markup=False)
        for finding in findings:
            console.print(printable(f"  - [{finding['kind']}] {finding['text']}"), markup=False)
    else:
        console.print("no findings: every measurement is on time and no group stands out", markup=False)
    where = os.path.relpath(target) if not target.is_absolute() else str(target)
    console.print(f"wrote {where}/evaluation.json and the evaluation section of {where}/report.html", markup=False)
