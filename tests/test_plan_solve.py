"""The solver's child process: progress, results and the validator's findings come back, errors keep
their type, crashes are reported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from glocal.cli import plan_solve
from glocal.errors import InputError, Location, Problem
from glocal.model import Schedule, Status
from glocal.scheduling import Progress, SolveOptions
from glocal.scheduling.validate.session import Violation
from glocal.workspace import ProgramBundle, load_workspace

from .conftest import EXAMPLE_PROGRAM, REPO


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
    monkeypatch.setattr(plan_solve, "validate", lambda solved, schedule: [])
    seen: list[plan_solve.SolverProgress] = []
    result = plan_solve.solve_isolated(plan_solve.SolveRequest(bundle, seed=7), seen.append)
    assert result.schedule == Schedule(program=EXAMPLE_PROGRAM, status=Status.FEASIBLE, objective=900, seed=7)
    assert result.broken == []
    assert seen == [(0.5, 10, 54, None, None, "search"), (1.5, 54, 54, 900, 800, "search")]


def test_the_child_validates_the_plan_and_sends_plain_findings(
    bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An empty plan breaks the rule that every session is placed: the real validator says so.
    monkeypatch.setattr(plan_solve, "solve", lambda solved, options: Schedule(program=solved.id, status=Status.FEASIBLE))
    result = plan_solve.solve_isolated(plan_solve.SolveRequest(bundle), lambda p: None)
    assert result.broken
    assert all(type(found) is plan_solve.BrokenRule for found in result.broken)  # no solver class crosses
    assert {found.rule for found in result.broken} == {"placement"}


def test_an_infeasible_plan_is_not_validated(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_validate(solved: ProgramBundle, schedule: Schedule) -> list[Violation]:
        raise AssertionError("the validator ran on an infeasible plan")

    monkeypatch.setattr(plan_solve, "solve", lambda solved, options: Schedule(program=solved.id, status=Status.INFEASIBLE))
    monkeypatch.setattr("glocal.scheduling.validate.validate_schedule", fake_validate)
    result = plan_solve.solve_isolated(plan_solve.SolveRequest(bundle), lambda p: None)
    assert result.schedule.status is Status.INFEASIBLE
    assert result.broken == []


def test_a_child_that_could_not_import_the_solver_reports_why(
    bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_import() -> None:
        raise ImportError("libortools.so: cannot open shared object file")

    monkeypatch.setattr(plan_solve, "import_solver", broken_import)
    with plan_solve.SolverProcess() as solver:
        assert solver._child is not None
        solver._child.join(timeout=30)  # it ends before the request is sent
        with pytest.raises(ImportError, match="libortools.so"):
            solver.solve(plan_solve.SolveRequest(bundle), lambda p: None)


def test_the_child_waits_for_the_request_and_ends_with_the_block(bundle: ProgramBundle) -> None:
    with plan_solve.SolverProcess() as solver:
        child = solver._child
        assert child is not None and child.is_alive()  # forked before there is anything to solve
    assert not child.is_alive()  # the parent stopped before solving (invalid input, say)


def test_glocal_errors_keep_their_type_and_data(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    problem = Problem(Location("previous.json", 3, 5), "unknown cohort 'rome-1'")

    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        raise InputError([problem])

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    with pytest.raises(InputError) as caught:
        plan_solve.solve_isolated(plan_solve.SolveRequest(bundle), lambda p: None)
    assert caught.value.problems == [problem]


def test_other_errors_keep_their_message(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        raise ValueError("bad domain")

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    with pytest.raises(ValueError, match="bad domain"):
        plan_solve.solve_isolated(plan_solve.SolveRequest(bundle), lambda p: None)


def test_a_crashed_solver_is_reported(bundle: ProgramBundle, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_solve(solved: ProgramBundle, options: SolveOptions) -> Schedule:
        os._exit(7)  # as if the native solver aborted

    monkeypatch.setattr(plan_solve, "solve", fake_solve)
    with pytest.raises(plan_solve.SolverCrashed, match="exit status 7"):
        plan_solve.solve_isolated(plan_solve.SolveRequest(bundle), lambda p: None)


@pytest.mark.slow
def test_glocal_plan_leaves_the_solver_imports_to_the_child(tmp_path: Path) -> None:
    # ortools (with numpy and pandas) takes ~0.4 s to import: only the solver process may pay it.
    script = (
        "import sys\n"
        "from glocal.cli import cli\n"
        "try:\n"
        "    cli.main(args=sys.argv[1:], prog_name='glocal')\n"
        "finally:\n"
        "    heavy = {name.split('.')[0] for name in sys.modules} & {'ortools', 'numpy', 'pandas'}\n"
        "    print('imported here:', sorted(heavy), file=sys.stderr)\n"
    )
    command = [sys.executable, "-c", script, "plan", EXAMPLE_PROGRAM, "--workspace", str(REPO),
               "--out", str(tmp_path / "plan"), "--time-limit", "5", "--workers", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "imported here: []" in done.stderr
    assert (tmp_path / "plan" / "schedule.json").is_file()
