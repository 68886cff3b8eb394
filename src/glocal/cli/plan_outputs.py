"""What ``glocal plan`` does with the solver's plan: validate it, write the files, print the summary.

A module of its own because what it imports (icalendar, jinja2, babel data) takes time:
``glocal plan`` imports it while the solver works in its child process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

from glocal.calendars import build_calendars, prepare_calendars, revise
from glocal.calendars.changes import changes_json, session_changes
from glocal.cli.common import print_problems, stderr_console, stdout_console
from glocal.cli.plan_changes import changes_line, changes_table
from glocal.cli.plan_display import summary_table
from glocal.cli.plan_solve import BrokenRule
from glocal.cli.plan_target import Written, say_written, shown
from glocal.errors import Problem
from glocal.localization import LocalizedProgram, resolve_cohorts
from glocal.model import Schedule, ScheduledSession, Status
from glocal.output.history import is_complete
from glocal.report import prepare_report, render_charts, render_html
from glocal.report.view_model import cohort_summaries
from glocal.workspace import ProgramBundle, Workspace
from glocal.workspace.schedule_file import dump_schedule

INTERNAL_ERROR = 3


class Prepared:
    """The outputs of the solver's starting plan, made while the solver searches on (the
    parent's core is idle then): its calendar files, and its charts (in the report's cache of
    rendered charts, keyed by their specification). The plan the solver returns is often the
    starting plan; ``output_files`` then reuses the calendars and the report its charts,
    and otherwise makes everything anew. Either way the files are those of the returned plan.
    """

    def __init__(self, bundle: ProgramBundle, previous: Schedule | None, freeze_before: dt.date | None, lang: str,
                 localized: dict[str, LocalizedProgram]) -> None:
        self._bundle, self._previous = bundle, previous
        self._freeze_before, self._lang, self._localized = freeze_before, lang, localized
        self._calendars: tuple[Schedule, dict[str, bytes]] | None = None

    def __call__(self, sessions: list[ScheduledSession], searching: Callable[[], bool] = lambda: True) -> None:
        """Make the outputs of a plan of ``sessions`` (``SolverProcess.solve``'s ``on_plan``),
        step by step while ``searching()`` says the solver is still at work: once its result
        is there, these would only hold it up."""
        planned = Schedule(program=self._bundle.id, status=Status.FEASIBLE, sessions=sessions)
        revised = revise(self._bundle, planned, self._previous, self._freeze_before, self._localized)
        if not searching():
            return
        render_charts(self._bundle, revised, self._lang)
        if not searching():
            return
        booked = invited(revised)
        self._calendars = (booked, build_calendars(self._bundle, booked, self._localized))

    def calendars(self, booked: Schedule) -> dict[str, bytes] | None:
        """The calendar files made for the same sessions and cancellations as ``booked``, if any."""
        if self._calendars is None:
            return None
        made, files = self._calendars
        if (made.sessions, made.cancelled) != (booked.sessions, booked.cancelled):
            return None
        return files


def invited(schedule: Schedule) -> Schedule:
    """The part of a plan that gets invitations: whole cohorts (tentative sessions stay in
    schedule.json and the report)."""
    return schedule.model_copy(update={"sessions": [s for s in schedule.sessions if not s.tentative]})


def prepare(bundle: ProgramBundle, lang: str = "en") -> None:
    """What the outputs need whatever the plan (templates, CLDR data, holidays, VTIMEZONEs, the
    charts' runtime), loaded while the solver works; the files come out the same without it."""
    prepare_calendars(bundle)
    prepare_report(bundle, lang)


def check_plan(violations: list[BrokenRule]) -> None:
    """A plan that breaks a hard rule is a bug in the solver: say so and write nothing."""
    if not violations:
        return
    console = stderr_console()
    console.print(f"glocal: internal error: the solver's plan breaks {len(violations)} rule(s); nothing was written",
                  style="red", markup=False)
    for violation in violations:
        console.print(f"  - {violation.rule}: {violation.text}", markup=False)
    console.print("This is a bug in glocal; please report it with the workspace files.", markup=False)
    raise click.exceptions.Exit(INTERNAL_ERROR)


def output_files(
    workspace: Workspace, bundle: ProgramBundle, schedule: Schedule, *, lang: str = "en",
    previous: Schedule | None = None, localized: dict[str, LocalizedProgram] | None = None,
    prepared: Prepared | None = None,
) -> dict[str, bytes]:
    """Every output file by path; an infeasible plan gets no calendars. ``lang`` is the report's
    language; ``previous`` the plan this one replaces (the report lists what changed);
    ``localized`` the program per cohort locale, resolved once and handed to every output;
    ``prepared`` what was made for the solver's starting plan meanwhile (used where it is the same)."""
    localized = localized if localized is not None else resolve_cohorts(bundle)
    files = {"schedule.json": dump_schedule(schedule).encode("utf-8")}
    if schedule.status is not Status.INFEASIBLE:
        booked = invited(schedule)
        made = prepared.calendars(booked) if prepared is not None else None
        files.update(made if made is not None else build_calendars(bundle, booked, localized))
        files["changes.json"] = changes_json(bundle, booked)
    files["report.html"] = render_html(workspace, bundle, schedule, lang=lang, previous=previous,
                                       programs=localized).encode("utf-8")
    return files


def print_result(bundle: ProgramBundle, schedule: Schedule, target: Path, written: Written,
                 warnings: list[Problem]) -> None:
    """The summary on stdout, then warnings; for a plan that is not complete the reasons and exit status 1."""
    out = stdout_console()
    where = shown(written.folder) if written.proposed else shown(target)
    say_written(target, written)
    if schedule.status is Status.PARTIAL:
        if not out.is_terminal:
            out.width = max(out.width, 160)
        out.print(summary_table(cohort_summaries(bundle, schedule)))
        out.print(_result_line(schedule), markup=False)
        print_partial(schedule)
        if written.proposed:
            stderr_console().print(f"{shown(target)}/ is unchanged: it still holds the last complete plan; this "
                                   f"run's proposal is in {where}/ (a partial plan)", markup=False)
        out.print(f"wrote {where}/: schedule.json, changes.json, report.html, {written.calendars} calendar files "
                  "in calendars/ (whole cohorts only)", markup=False)
        _print_locale_warnings(warnings)
        raise click.exceptions.Exit(1)
    if not is_complete(schedule.status.value):
        err = stderr_console()
        err.print(f"no plan for {bundle.id} satisfies every rule:", style="red", markup=False)
        for reason in schedule.reasons or []:
            err.print(f"  - {reason.text}", markup=False)
        if not schedule.reasons:
            err.print("  - (the solver gave no reason)", markup=False)
        if written.proposed:
            err.print(f"{shown(target)}/ is unchanged: it still holds the last complete plan; this run's "
                      f"proposal is in {where}/", markup=False)
        err.print(f"wrote {where}/schedule.json and {where}/report.html with the reasons", markup=False)
        _print_locale_warnings(warnings)  # the same warnings as 'glocal check', plan or no plan
        raise click.exceptions.Exit(1)
    if not out.is_terminal:
        out.width = max(out.width, 160)  # keep table rows on one line in logs and pipes
    out.print(summary_table(cohort_summaries(bundle, schedule)))
    out.print(_result_line(schedule), markup=False)
    changes = session_changes(bundle, schedule)
    table = changes_table(changes)
    if table is not None:
        out.print(table)
    line = changes_line(changes)
    if line is not None:
        out.print(line, markup=False)
    _print_locale_warnings(warnings)
    out.print(f"wrote {where}/: schedule.json, changes.json, report.html, {written.calendars} calendar files in calendars/",
              markup=False)


def _print_locale_warnings(warnings: list[Problem]) -> None:
    if warnings:
        stderr_console().print(f"{len(warnings)} locale warning{'s' if len(warnings) != 1 else ''} "
                               "(outdated variants, cultural fit; see 'glocal locales status'):", markup=False)
        print_problems(warnings)
def print_partial(schedule: Schedule) -> None:
    """What a partial plan leaves out and why (one line per cause), then the suggestions."""
    err = stderr_console()
    cohorts = sorted({u.cohort for u in schedule.unplaced})
    err.print(f"partial plan: {len(schedule.unplaced)} session(s) of {len(cohorts)} cohort(s) could not be placed; "
              "their other sessions are tentative (no invitations):", style="yellow", markup=False)
    for line in unplaced_lines(schedule):
        err.print(f"  - {line}", markup=False)
    said = {item.reason for item in schedule.unplaced}
    for reason in schedule.reasons:
        if reason.rule != "moved" and reason.text not in said:
            err.print(f"  - {reason.text}", markup=False)
    if schedule.suggestions:
        err.print("what would place more:", markup=False)
        for suggestion in schedule.suggestions:
            err.print(f"  - {suggestion.text}", markup=False)


def unplaced_lines(schedule: Schedule) -> list[str]:
    """One line per reason: the cohorts and modules it keeps out."""
    by_reason: dict[str, dict[str, list[str]]] = {}
    for item in schedule.unplaced:
        by_reason.setdefault(item.reason, {}).setdefault(item.cohort, []).append(item.module)
    lines = []
    for reason, cohorts in by_reason.items():
        modules = {tuple(m) for m in cohorts.values()}
        names = ", ".join(sorted(cohorts))
        what = f"modules {', '.join(next(iter(modules)))}" if len(modules) == 1 else "some modules"
        label = "cohort" if len(cohorts) == 1 else "cohorts"
        lines.append(f"{label} {names} ({what}): {reason}")
    return lines


def _result_line(schedule: Schedule) -> str:
    parts = [f"{schedule.status.value}: {len(schedule.sessions)} sessions"]
    if schedule.status is Status.PARTIAL:
        total = len(schedule.sessions) + len(schedule.unplaced)
        tentative = sum(1 for s in schedule.sessions if s.tentative)
        parts = [f"partial: {len(schedule.sessions)} of {total} sessions placed ({tentative} tentative)"]
    if schedule.objective is not None:
        parts.append(f"objective {schedule.objective}")
    if schedule.best_bound is not None:
        parts.append(f"bound {schedule.best_bound}")
    if schedule.gap is not None:
        parts.append(f"gap {schedule.gap * 100:.1f}%")
    if schedule.solve_seconds is not None:
        parts.append(f"solved in {schedule.solve_seconds:.1f} s")
    changed = [c for c in schedule.changes if c.what not in (["new"], ["delivered"])]
    if changed:
        cancelled = sum(1 for c in changed if "cancelled" in c.what)
        parts.append(f"{len(changed) - cancelled} changed, {cancelled} cancelled since the previous plan")
    return ", ".join(parts)
