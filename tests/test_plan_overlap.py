"""What ``glocal plan`` does at the same time: the solver's child forks before the command's
heavy imports, and the parent makes the outputs of the solver's starting plan while the child
searches on. None of it may change a byte of the outputs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from glocal.calendars import revise
from glocal.cli import plan_outputs, plan_solve
from glocal.localization import resolve_cohorts
from glocal.model import Schedule, ScheduledSession, Status
from glocal.scheduling import Progress, SolveOptions, solve
from glocal.scheduling.search.parallel import ProgressBoard
from glocal.scheduling.validate import validate_schedule
from glocal.workspace import ProgramBundle, Workspace, load_workspace

from .conftest import EXAMPLE_PROGRAM


@pytest.fixture(scope="module")
def workspace(example_root: Path) -> Workspace:
    return load_workspace(example_root, [EXAMPLE_PROGRAM])


@pytest.fixture(scope="module")
def bundle(workspace: Workspace) -> ProgramBundle:
    return workspace.bundle(EXAMPLE_PROGRAM)


@pytest.fixture(scope="module")
def solved(bundle: ProgramBundle) -> tuple[Schedule, list[list[ScheduledSession]]]:
    starts: list[list[ScheduledSession]] = []
    schedule = solve(bundle, SolveOptions(time_limit=20, workers=1, on_plan=starts.append))
    return schedule, starts


def test_the_starting_plan_comes_once_places_every_session_and_is_valid(
    bundle: ProgramBundle, solved: tuple[Schedule, list[list[ScheduledSession]]]
) -> None:
    schedule, starts = solved
    assert len(starts) == 1
    (start,) = starts
    assert len(start) == len(bundle.rollout.cohorts) * len(bundle.program.modules)
    assert start == sorted(start, key=lambda s: (s.cohort, s.index, s.module))
    # The independent validator accepts it: it is a plan, not a guess.
    assert validate_schedule(bundle, Schedule(program=bundle.id, status=Status.FEASIBLE, sessions=start)) == []
    assert schedule.status is Status.OPTIMAL


def test_a_re_plan_hands_on_the_previous_plan_where_it_still_fits(
    bundle: ProgramBundle, solved: tuple[Schedule, list[list[ScheduledSession]]]
) -> None:
    # The search keeps what still fits (moving costs): that, not the greedy's plan, is what
    # the outputs are prepared for.
    previous, _ = solved
    starts: list[list[ScheduledSession]] = []
    again = solve(bundle, SolveOptions(time_limit=20, workers=1, previous=previous, on_plan=starts.append))
    (start,) = starts
    assert [(s.cohort, s.module, s.facilitator, s.start, s.moved) for s in start] == \
        [(s.cohort, s.module, s.facilitator, s.start, False) for s in previous.sessions]
    assert start == again.sessions


def test_the_board_waits_for_every_component_before_handing_the_plan_on() -> None:
    got: list[list[ScheduledSession]] = []
    board = ProgressBoard(SolveOptions(on_plan=got.append), 3, 0.0, components=2)
    first = [_session("b-1", 0), _session("b-1", 1)]
    board.offer(1, first)
    assert got == []
    board.offer(0, [_session("a-1", 0)])
    assert got == [[_session("a-1", 0), *first]]
    board.offer(0, [_session("z-9", 0)])  # a later plan of a component: the starting plan went once
    assert len(got) == 1


def test_a_proven_bound_stays_on_the_board() -> None:
    seen: list[Progress] = []
    board = ProgressBoard(SolveOptions(on_progress=seen.append), 54, 0.0)
    board.report(0, 54, 900, 850, 1.0)
    board.report(0, 54, 880, 400, 2.0)  # a later solve starts from a weaker bound of its own
    assert [(p.objective, p.bound) for p in seen] == [(900, 850), (880, 850)]


def _with_and_without(
    workspace: Workspace, bundle: ProgramBundle, schedule: Schedule, start: list[ScheduledSession]
) -> tuple[dict[str, bytes], dict[str, bytes], bool]:
    """The result's files made alone, made after preparing ``start``, and whether the
    prepared calendars were taken."""
    localized = resolve_cohorts(bundle)
    final = revise(bundle, schedule, None, None, localized)
    alone = plan_outputs.output_files(workspace, bundle, final, localized=localized)
    prepared = plan_outputs.Prepared(bundle, None, None, "en", localized)
    prepared(start)
    taken = prepared.calendars(plan_outputs.invited(final)) is not None
    return alone, plan_outputs.output_files(workspace, bundle, final, localized=localized, prepared=prepared), taken


def test_outputs_made_for_the_starting_plan_are_those_of_the_result(
    workspace: Workspace, bundle: ProgramBundle, solved: tuple[Schedule, list[list[ScheduledSession]]]
) -> None:
    schedule, (start,) = solved
    alone, prepared, taken = _with_and_without(workspace, bundle, schedule, start)
    assert taken  # the example's result is its starting plan
    assert prepared == alone


def test_calendars_made_for_another_plan_are_never_used(
    workspace: Workspace, bundle: ProgramBundle, solved: tuple[Schedule, list[list[ScheduledSession]]]
) -> None:
    schedule, (start,) = solved
    moved = start[0].model_copy(update={"facilitator": "someone-else"})
    alone, prepared, taken = _with_and_without(workspace, bundle, schedule, [moved, *start[1:]])
    assert not taken
    assert prepared == alone


def test_the_parent_prepares_the_starting_plan_while_the_child_searches(
    bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = [_session("oslo-1", 0)]

    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        assert options.on_plan is not None
        options.on_plan(plan)
        time.sleep(1.0)  # searching on
        return Schedule(program=solved.id, status=Status.FEASIBLE, seed=os.getpid())

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    monkeypatch.setattr(plan_solve, "validate", lambda solved, schedule: [])
    prepared: list[list[ScheduledSession]] = []
    with plan_solve.SolverProcess() as solver:
        result = solver.solve(plan_solve.SolveRequest(bundle), lambda p: None,
                              on_plan=lambda plan, searching: prepared.append(plan))
    assert prepared == [{EXAMPLE_PROGRAM: plan}]  # the starting plan per program
    assert result.schedule.seed != os.getpid()  # the child's result


def test_a_preparation_learns_when_the_result_has_come(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        assert options.on_plan is not None and options.on_progress is not None
        options.on_plan([_session("oslo-1", 0)])
        time.sleep(0.5)
        options.on_progress(Progress(0.6, 54, 54, 900, 850))  # progress alone: still searching
        time.sleep(0.5)
        return Schedule(program=solved.id, status=Status.FEASIBLE)

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    monkeypatch.setattr(plan_solve, "validate", lambda solved, schedule: [])
    answers: list[bool] = []
    progress: list[plan_solve.SolverProgress] = []

    def preparation(plan: list[ScheduledSession], searching: Callable[[], bool]) -> None:
        answers.append(searching())
        deadline = time.monotonic() + 30
        while searching() and time.monotonic() < deadline:  # a long step, checked between parts
            time.sleep(0.05)
        answers.append(searching())

    with plan_solve.SolverProcess() as solver:
        result = solver.solve(plan_solve.SolveRequest(bundle), progress.append, on_plan=preparation)
    assert answers == [True, False]
    assert [p.objective for p in progress] == [900]  # taken while preparing, shown at once
    assert result.schedule.status is Status.FEASIBLE


def test_the_preparation_stops_between_steps_once_the_result_is_there(
    bundle: ProgramBundle, solved: tuple[Schedule, list[list[ScheduledSession]]]
) -> None:
    _, (start,) = solved
    localized = resolve_cohorts(bundle)
    booked = plan_outputs.invited(revise(bundle, Schedule(program=bundle.id, status=Status.FEASIBLE, sessions=start),
                                         None, None, localized))
    for searching, made in ((lambda: True, True), (lambda: False, False)):
        prepared = plan_outputs.Prepared(bundle, None, None, "en", localized)
        prepared(start, searching)
        assert (prepared.calendars(booked) is not None) is made


def test_no_preparation_once_the_result_is_there(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        assert options.on_plan is not None
        options.on_plan([_session("oslo-1", 0)])
        return Schedule(program=solved.id, status=Status.FEASIBLE)  # at once: nothing left to overlap

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    monkeypatch.setattr(plan_solve, "validate", lambda solved, schedule: [])
    prepared: list[list[ScheduledSession]] = []

    def slow_meanwhile() -> None:
        time.sleep(1.0)  # the child has finished by the time this process looks

    with plan_solve.SolverProcess() as solver:
        result = solver.solve(plan_solve.SolveRequest(bundle), lambda p: None, slow_meanwhile,
                              lambda plan, searching: prepared.append(plan))
    assert prepared == []
    assert result.schedule.status is Status.FEASIBLE


def test_a_failed_preparation_is_not_the_runs(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        assert options.on_plan is not None
        options.on_plan([_session("oslo-1", 0)])
        time.sleep(0.5)
        return Schedule(program=solved.id, status=Status.FEASIBLE)

    def broken(plan: list[ScheduledSession], searching: Callable[[], bool]) -> None:
        raise ValueError("a bug in the preparation")

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    monkeypatch.setattr(plan_solve, "validate", lambda solved, schedule: [])
    monkeypatch.delenv("GLOCAL_DEBUG", raising=False)
    with plan_solve.SolverProcess() as solver:
        assert solver.solve(plan_solve.SolveRequest(bundle), lambda p: None, on_plan=broken).schedule.status \
            is Status.FEASIBLE
    monkeypatch.setenv("GLOCAL_DEBUG", "1")  # ... but a developer sees it
    with plan_solve.SolverProcess() as solver, pytest.raises(ValueError, match="a bug in the preparation"):
        solver.solve(plan_solve.SolveRequest(bundle), lambda p: None, on_plan=broken)


def test_the_plan_command_module_imports_nothing_heavy() -> None:
    # The child forks when plan_command starts: whatever the command's module imports is
    # imported before that, once, on one core.
    script = ("import sys, glocal.cli.plan\n"
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'ortools', 'pydantic', 'icalendar', 'jinja2',"
              " 'babel', 'holidays', 'ruamel', 'vl_convert'}))\n"
              "print(sorted(m for m in sys.modules if m.startswith(('glocal.workspace', 'glocal.calendars',"
              " 'glocal.report', 'glocal.scheduling'))))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.splitlines() == ["[]", "[]"]


def _session(cohort: str, index: int) -> ScheduledSession:
    from datetime import UTC, datetime, timedelta

    start = datetime(2027, 2, 1, 9, tzinfo=UTC) + timedelta(days=7 * index)
    end = start + timedelta(hours=2)
    return ScheduledSession(cohort=cohort, module=f"m{index}", facilitator="ingrid", start=start, end=end,
                            index=index + 1, count=6, cohort_local_start=start.isoformat(),
                            cohort_local_end=end.isoformat(), facilitator_local_start=start.isoformat(),
                            facilitator_local_end=end.isoformat())


def test_a_portfolio_hands_each_program_its_own_starting_plan(example_root: Path) -> None:
    loaded = load_workspace(example_root)
    bundles = [loaded.bundle(program) for program in sorted(loaded.programs)]
    assert len(bundles) > 1
    request = plan_solve.SolveRequest(bundles[0], others=tuple(bundles[1:]), time_limit=20, workers=1)
    starts: list[plan_solve.StartingPlan] = []
    solved = plan_solve.solve_and_validate(request, lambda p: None, starts.append)
    (start,) = starts
    assert sorted(start) == [b.id for b in bundles]
    for bundle in bundles:  # each program's own cohort ids; the example's result is its start
        assert start[bundle.id] == solved.portfolio[bundle.id].sessions
