"""The solver's child process: progress and results come back, errors keep their type, crashes are reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glocal.cli import plan_solve
from glocal.errors import InputError, Location, Problem
from glocal.loading import ProgramBundle, load_workspace
from glocal.model import Schedule, Status
from glocal.scheduling import Progress, SolveOptions

from .conftest import EXAMPLE_PROGRAM


@pytest.fixture(scope="module")
def bundle(example_root: Path) -> ProgramBundle:
    return load_workspace(example_root, [EXAMPLE_PROGRAM]).bundle(EXAMPLE_PROGRAM)


def test_progress_and_result_cross_the_process_boundary(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()

    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        assert os.getpid() != parent  # really in the child
        assert options.on_progress is not None
        options.on_progress(Progress(0.5, 10, 54, None, None))
        options.on_progress(Progress(1.5, 54, 54, 900, 800))
        return Schedule(program=solved.id, status=Status.FEASIBLE, objective=900, seed=options.seed)

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    seen: list[Progress] = []
    result = plan_solve.solve_isolated(bundle, SolveOptions(seed=7), seen.append)
    assert result == Schedule(program=EXAMPLE_PROGRAM, status=Status.FEASIBLE, objective=900, seed=7)
    assert seen == [Progress(0.5, 10, 54, None, None), Progress(1.5, 54, 54, 900, 800)]


def test_glocal_errors_keep_their_type_and_data(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    problem = Problem(Location("previous.json", 3, 5), "unknown cohort 'rome-1'")

    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        raise InputError([problem])

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    with pytest.raises(InputError) as caught:
        plan_solve.solve_isolated(bundle, SolveOptions(), lambda p: None)
    assert caught.value.problems == [problem]


def test_other_errors_keep_their_message(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        raise ValueError("bad domain")

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    with pytest.raises(ValueError, match="bad domain"):
        plan_solve.solve_isolated(bundle, SolveOptions(), lambda p: None)


def test_a_crashed_solver_is_reported(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        os._exit(7)  # as if the native solver aborted

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    with pytest.raises(plan_solve.SolverCrashed, match="exit status 7"):
        plan_solve.solve_isolated(bundle, SolveOptions(), lambda p: None)
