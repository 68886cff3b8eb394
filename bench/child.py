"""One benchmark measurement, run by ``bench/run.py`` in its own process (for its peak RSS).

    python bench/child.py --cohorts 100 --seed 1 --time-limit 30 [--baseline] [--profile FILE]

generates the workspace, loads it, solves it with glocal's solver (recording every progress
report), validates the plan with the independent validator, and prints one JSON object on
stdout. With ``--baseline`` it also runs the greedy baseline, validates it, and scores it with
the solver's own objective by re-solving with every baseline session frozen.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import pstats
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.baseline import schedule_greedy
from bench.generate import PROGRAM_ID, Sizing, write_workspace
from bench.metrics import measure
from glocal.model import Schedule, Status
from glocal.scheduling import Progress, SolveOptions, solve
from glocal.scheduling.model.costs import plan_costs
from glocal.scheduling.problem.build import build_problem
from glocal.scheduling.validate import validate_schedule
from glocal.workspace import ProgramBundle, load_workspace


def peak_rss_mib() -> float:
    """This process's peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def verdict(bundle: ProgramBundle, schedule: Schedule) -> dict[str, Any]:
    """The validator's violations of a schedule, counted per rule, with the first few texts."""
    violations = validate_schedule(bundle, schedule)
    return {
        "violations": len(violations),
        "by_rule": dict(sorted(Counter(v.rule for v in violations).items())),
        "first": [str(v) for v in violations[:3]],
    }


def solve_traced(bundle: ProgramBundle, args: argparse.Namespace) -> tuple[Schedule, list[dict[str, Any]], float]:
    """Solve, recording each progress report; optionally under cProfile."""
    trace: list[dict[str, Any]] = []

    def record(progress: Progress) -> None:
        trace.append(asdict(progress))

    options = SolveOptions(time_limit=args.time_limit, seed=args.seed, workers=args.workers, on_progress=record)
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    schedule = solve(bundle, options)
    if profiler is not None:
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(30)
        Path(args.profile).write_text(text.getvalue(), encoding="utf-8")
    return schedule, trace, time.perf_counter() - started


def baseline_figures(bundle: ProgramBundle, args: argparse.Namespace) -> dict[str, Any]:
    """The greedy baseline's plan: time, what it could not place, validity and objective."""
    started = time.perf_counter()
    result = schedule_greedy(bundle)
    seconds = time.perf_counter() - started
    # Validate the placed sessions as a plan; missing sessions show up as "placement".
    as_plan = result.schedule.model_copy(update={"status": Status.FEASIBLE, "reasons": []})
    figures: dict[str, Any] = {
        "seconds": round(seconds, 2),
        "unplaced": len(result.unplaced),
        "metrics": result.metrics.as_dict(),
        "validator": verdict(bundle, as_plan),
    }
    if not result.unplaced:
        figures["objective_by_formula"] = formula_objective(bundle, result.schedule)
    if not result.unplaced and args.score_baseline:
        # The solver's objective of the baseline plan: re-solve with every session frozen.
        after_window = bundle.rollout.window.end + dt.timedelta(days=2)
        scored = solve(bundle, SolveOptions(time_limit=args.score_limit, seed=args.seed, workers=args.workers,
                                            previous=as_plan, freeze_before=after_window))
        figures["objective"] = scored.objective
        figures["objective_status"] = scored.status.value
        figures["moved_when_scored"] = sum(1 for s in scored.sessions if s.moved)
        figures["costs"] = dict(scored.costs)
    return figures


def formula_objective(bundle: ProgramBundle, schedule: Schedule) -> int:
    """A complete fresh plan's objective by the model's formulas (``plan_costs``, tested equal
    to the CP-SAT model's objective), without a solve: scores plans of any size."""
    problem = build_problem(bundle)
    plan = {problem.session_of(s.cohort, s.module).number: (s.facilitator, problem.axis.minutes(s.start))
            for s in schedule.sessions}
    totals, _ = plan_costs(problem, problem.sessions, plan)
    return sum(totals.values())


def measure_one(args: argparse.Namespace) -> dict[str, Any]:
    """Everything ``bench/run.py`` needs about one (size, time limit) pair."""
    out: dict[str, Any] = {"cohorts": args.cohorts, "sessions": 6 * args.cohorts, "time_limit": args.time_limit}
    with tempfile.TemporaryDirectory(prefix="glocal-bench-") as folder:
        root = Path(folder)
        if args.example:
            bundle = load_workspace(Path(args.example)).bundle(PROGRAM_ID)
        else:
            write_workspace(Sizing(args.cohorts, args.facilitators, args.seed, args.weeks), root)
            started = time.perf_counter()
            bundle = load_workspace(root).bundle(PROGRAM_ID)
            out["load_seconds"] = round(time.perf_counter() - started, 2)
    out["facilitators"] = len(bundle.facilitators)
    out["sessions"] = len(bundle.rollout.cohorts) * len(bundle.program.modules)
    schedule, trace, seconds = solve_traced(bundle, args)
    out["peak_rss_mib"] = round(peak_rss_mib(), 1)  # before the baseline adds anything
    out["solve_wall_seconds"] = round(seconds, 2)
    out["status"] = schedule.status.value
    out["objective"], out["bound"], out["gap"] = schedule.objective, schedule.best_bound, schedule.gap
    out["costs"] = dict(schedule.costs)
    out["placed"] = len(schedule.sessions)
    out["reasons"] = [reason.text for reason in schedule.reasons[:5]]
    out["trace"] = trace
    out["validator"] = verdict(bundle, schedule)
    out["metrics"] = measure(bundle, schedule).as_dict() if schedule.sessions else None
    if args.baseline:
        out["baseline"] = baseline_figures(bundle, args)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, measure, print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cohorts", type=int, default=9)
    parser.add_argument("--facilitators", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--weeks", type=int, default=17)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--score-baseline", action="store_true", help="score the baseline with the solver (frozen)")
    parser.add_argument("--score-limit", type=float, default=20.0, help="time limit when scoring the baseline")
    parser.add_argument("--example", default=None, help="measure this workspace instead of a generated one")
    parser.add_argument("--profile", default=None, help="write a cProfile summary of the solve here")
    args = parser.parse_args(argv)
    print(json.dumps(measure_one(args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
