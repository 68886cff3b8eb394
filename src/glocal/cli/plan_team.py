"""``glocal plan --all`` (or several program ids): plan a portfolio together; and, for a plan of
one program, the sessions other programs' plans already booked, as busy time.

A portfolio goes to ``OUT/<program>/`` per program (each as a single plan writes it) plus the
team view: ``OUT/team/calendars/<facilitator>.ics`` over all programs and ``OUT/index.html``;
``OUT/portfolio.json`` marks the folder as glocal's. The whole folder is replaced at once.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from glocal.cli.common import load_checked, print_problems, stderr_console, stdout_console
from glocal.cli.plan_display import SolveProgress
from glocal.cli.plan_meanwhile import Meanwhile
from glocal.cli.plan_solve import (
    BrokenRule,
    SolveRequest,
    SolverProcess,
    Terminated,
)
from glocal.errors import InputError, Location, UsageError
from glocal.model import Schedule, Status
from glocal.output import check_target, write_folder
from glocal.output.lock import locked
from glocal.output.ownership import MANIFEST, manifest_bytes
from glocal.workspace import ProgramBundle, Workspace
from glocal.workspace.busy import BusyTime
from glocal.workspace.discovery import Target
from glocal.workspace.schedule_file import load_schedule

if TYPE_CHECKING:  # imported during the solve (they load the calendars and the report)
    from glocal.cli.plan_outputs import Prepared

DEFAULT_OUT = Path("out")


PLAN_FILE = "schedule.json"  # what a program's plan folder holds


def booked_elsewhere(bundle: ProgramBundle, programs: list[str], base: Path = DEFAULT_OUT) -> dict[str, Schedule]:
    """Add the sessions of other programs' plans (``base/<id>/schedule.json``) to ``bundle.busy``,
    widened by this program's buffer, so a new plan never breaks what is booked. Returns the
    plans read by path (for the user, and to count limits over them). A plan that cannot be
    read is an input problem (exit 2)."""
    buffer = dt.timedelta(minutes=bundle.rollout.defaults.session_buffer)
    people = {f.id for f in bundle.facilitators}
    busy = {person: list(times) for person, times in bundle.busy.items()}
    read: dict[str, Schedule] = {}
    for other in sorted(set(programs) - {bundle.id}):
        path = base / other / PLAN_FILE
        if not path.is_file():
            continue
        shown = path.as_posix()
        schedule = load_schedule(path, shown)
        if schedule.program != other or schedule.status is Status.INFEASIBLE:
            continue
        read[shown] = schedule
        for session in schedule.sessions:
            if session.facilitator in people:
                where = Location(shown, 0, 0)
                busy.setdefault(session.facilitator, []).append(
                    BusyTime(session.start - buffer, session.end + buffer, where))
    bundle.busy = {person: sorted(set(times)) for person, times in sorted(busy.items())}
    return read


def warn_over_limits(over: list[BrokenRule]) -> None:
    """Limits exceeded over this plan and the other programs' (planned alone, they only block time)."""
    if not over:
        return
    console = stderr_console()
    for item in over:
        console.print(f"warning: {item.text}; plan the programs together (glocal plan --all) to keep it",
                      style="yellow", markup=False)


def same_people(bundles: list[ProgramBundle]) -> None:
    """Programs planned together must mean the same person by the same id."""
    seen: dict[str, tuple[str, object]] = {}
    for bundle in bundles:
        for person in bundle.facilitators:
            if person.id in seen and seen[person.id][1] != person:
                raise UsageError(
                    f"facilitator '{person.id}' is defined differently by {seen[person.id][0]} and {bundle.id}",
                    "move the facilitator to the workspace's facilitators.yaml (shared by every program)",
                )
            seen.setdefault(person.id, (bundle.id, person))


def plan_portfolio(target: Target, out: Path | None, time_limit: float, seed: int, workers: int,
                   freeze_before: dt.date | None, solver: SolverProcess) -> None:
    """Plan the target's programs together in ``solver``'s child and write the portfolio folder
    (exits like ``plan``)."""
    loaded = load_checked(target)
    ids = target.programs or sorted(loaded.programs)
    bundles = [loaded.bundle(i) for i in ids]
    same_people(bundles)
    print_problems(loaded.warnings)
    folder = out if out is not None else DEFAULT_OUT
    check_target(folder)
    earlier = _earlier(folder, ids)
    total = sum(len(b.rollout.cohorts) * len(b.program.modules) for b in bundles)
    request = SolveRequest(bundles[0], time_limit=time_limit, seed=seed, workers=workers,
                           others=tuple(bundles[1:]), previous_plans=tuple(earlier.values()),
                           freeze_before=freeze_before, previous=earlier.get(bundles[0].id))
    meanwhile = Meanwhile(bundles, earlier, freeze_before)
    try:
        with SolveProgress(stderr_console(), total) as progress:
            solved = solver.solve(request, progress.update, meanwhile=meanwhile.load, on_plan=meanwhile.preparation())
    except Terminated:
        stderr_console().print("glocal: terminated while solving; nothing was written", style="red", markup=False)
        raise click.exceptions.Exit(128 + Terminated.signum) from None
    from glocal.calendars import revise
    from glocal.cli import plan_outputs

    plan_outputs.check_plan(solved.broken)
    planned = solved.portfolio or {bundles[0].id: solved.schedule}  # --all in a one-program workspace
    schedules = {b.id: revise(b, planned[b.id], earlier.get(b.id), freeze_before) for b in bundles}
    with locked(folder, "glocal plan --all"):
        write_folder(folder, portfolio_files(loaded, bundles, schedules, folder, meanwhile.prepared))
    _print_result(bundles, schedules, folder)


def _earlier(folder: Path, ids: list[str]) -> dict[str, Schedule]:
    """The plans the folder holds now: kept where they still fit, and their calendar sequences bumped."""
    found: dict[str, Schedule] = {}
    for program in ids:
        path = folder / program / PLAN_FILE
        if path.is_file():
            try:
                schedule = load_schedule(path, path.as_posix())
            except InputError:
                continue  # an unreadable old plan is replaced, not kept
            if schedule.program == program and schedule.status is not Status.INFEASIBLE:
                found[program] = schedule
    return found


def portfolio_files(workspace: Workspace, bundles: list[ProgramBundle], schedules: dict[str, Schedule],
                    folder: Path, prepared: dict[str, Prepared] | None = None) -> dict[str, bytes]:
    """Every file of the portfolio folder; plans of programs not planned now are carried over.
    ``prepared``: each program's outputs of the solver's starting plan (used where the same)."""
    from glocal.calendars.team import team_calendars
    from glocal.cli import plan_outputs
    from glocal.report.team import render_team

    made = prepared or {}
    per_program = {b.id: plan_outputs.output_files(workspace, b, schedules[b.id], prepared=made.get(b.id))
                   for b in bundles}
    files = {f"{program}/{path}": data for program, paths in per_program.items() for path, data in paths.items()}
    # each program's folder is a plan folder of its own: 'glocal plan <program>' may re-plan it alone
    files.update({f"{program}/{MANIFEST}": manifest_bytes(paths) for program, paths in per_program.items()})
    names = {p.id: p.name for b in bundles for p in b.facilitators}
    files.update(team_calendars(per_program, names))
    files["index.html"] = render_team(bundles, schedules).encode("utf-8")
    summary = {"programs": {b.id: {"status": schedules[b.id].status.value, "sessions": len(schedules[b.id].sessions)}
                            for b in sorted(bundles, key=lambda b: b.id)}}
    files["portfolio.json"] = (json.dumps(summary, indent=2, sort_keys=True) + "\n").encode("utf-8")
    if folder.is_dir():
        for entry in sorted(folder.iterdir()):
            if entry.name not in per_program and not entry.is_symlink() and (entry / PLAN_FILE).is_file():
                for path in sorted(entry.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return dict(sorted(files.items()))


def _print_result(bundles: list[ProgramBundle], schedules: dict[str, Schedule], folder: Path) -> None:
    out = stdout_console()
    failed = [b.id for b in bundles if schedules[b.id].status is Status.INFEASIBLE]
    for bundle in bundles:
        schedule = schedules[bundle.id]
        out.print(f"{bundle.id}: {schedule.status.value}, {len(schedule.sessions)} sessions", markup=False)
    some = next(iter(schedules.values()))
    if some.objective is not None:
        out.print(f"portfolio: objective {some.objective}, bound {some.best_bound}, "
                  f"solved in {some.solve_seconds or 0:.1f} s", markup=False)
    out.print(f"wrote {folder.as_posix()}/: index.html, team/calendars/, and a folder per program", markup=False)
    if failed:
        err = stderr_console()
        for program in failed:
            err.print(f"no plan for {program} satisfies every rule:", style="red", markup=False)
            for reason in schedules[program].reasons:
                err.print(f"  - {reason.text}", markup=False)
        raise click.exceptions.Exit(1)
