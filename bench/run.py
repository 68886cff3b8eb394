"""Benchmark glocal's scheduler on generated rollouts and against the greedy baseline.

    python bench/run.py                          # 54, 240, 600, 1200, 2400 sessions
    python bench/run.py --sizes 54 240 --limits 10 30
    python bench/run.py --larger                 # also 4800 and 9600 sessions

For each size (sessions = 6 x cohorts) and each time limit it runs ``bench/child.py`` in a
fresh process: generate (``bench/generate.py``, fixed seed), load, solve with a progress
callback, validate with the independent validator, and report the process's peak RSS. The
run with the smallest limit also runs the greedy baseline (``bench/baseline.py``). It also
times ``glocal plan`` end to end on the shipped example. Results go to a markdown file
(``--output``) and the raw JSON beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "child.py"
DEFAULT_SIZES = (54, 240, 600, 1200, 2400)
LARGER_SIZES = (4800, 9600)


def run_child(sessions: int, limit: float, args: argparse.Namespace, baseline: bool) -> dict[str, Any]:
    """Measure one (size, time limit) pair in its own process; errors come back as data."""
    command = [sys.executable, str(CHILD), "--cohorts", str(sessions // 6), "--seed", str(args.seed),
               "--weeks", str(args.weeks), "--time-limit", str(limit), "--workers", str(args.workers)]
    if baseline:
        command.append("--baseline")
        if sessions <= args.score_baseline_max:
            command.append("--score-baseline")
    if args.profile:
        command += ["--profile", str(Path(args.output).with_name(f"profile-{sessions}-{limit:g}s.txt"))]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        return {"sessions": sessions, "time_limit": limit, "error": done.stderr.strip().splitlines()[-3:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall_seconds"] = round(wall, 2)
    return result


def plan_example(args: argparse.Namespace) -> dict[str, Any]:
    """``glocal plan`` on the shipped example, end to end (files included), timed."""
    glocal = shutil.which("glocal", path=str(Path(sys.executable).parent)) or "glocal"
    with tempfile.TemporaryDirectory(prefix="glocal-bench-plan-") as folder:
        out = Path(folder) / "plan"
        started = time.perf_counter()
        done = subprocess.run([glocal, "plan", "leading-through-change", "--out", str(out), "--workspace", str(REPO)],
                              capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        status = None
        if (out / "schedule.json").is_file():
            status = json.loads((out / "schedule.json").read_text(encoding="utf-8")).get("status")
        files = sum(1 for p in out.rglob("*") if p.is_file()) if out.is_dir() else 0
    return {"wall_seconds": round(wall, 2), "exit": done.returncode, "status": status, "files": files,
            "stderr": done.stderr.strip().splitlines()[-3:]}


def first_feasible(result: dict[str, Any]) -> float | None:
    """Seconds until the first progress report with every session placed."""
    for point in result.get("trace", []):
        if point["placed"] == point["total"] and point["objective"] is not None:
            return float(point["elapsed"])
    return None


def machine() -> dict[str, str]:
    """Where the benchmark ran."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=REPO, check=False).stdout.strip() or os.environ.get("GLOCAL_BENCH_COMMIT", "unknown")
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "bench"], capture_output=True, text=True,
                           cwd=REPO, check=False).stdout.strip()
    if dirty:
        commit += f" plus uncommitted changes in {len(dirty.splitlines())} files of src/ or bench/"
    return {"cpus": str(os.cpu_count()), "cpu": model, "python": platform.python_version(), "commit": commit,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


# ---------------------------------------------------------------- markdown


def _gap(result: dict[str, Any]) -> str:
    if "error" in result:
        return "error"
    if result.get("objective") is None:
        return f"{result['status']}, no plan"
    gap = result.get("gap")
    gap_text = f"{100 * gap:.1f} %" if gap is not None else "?"
    return f"{result['objective']} / {result['bound']} ({gap_text}, {result['status']}, {result['solve_wall_seconds']:.0f} s)"


def solver_table(rows: dict[int, dict[float, dict[str, Any]]], limits: Sequence[float]) -> list[str]:
    """Scaling: first feasible, objective/bound/gap per limit, RSS, validator."""
    head = ["sessions", "cohorts / facilitators", "first feasible plan"]
    head += [f"objective / bound (gap, status, wall) at {limit:g} s" for limit in limits]
    head += ["peak RSS", "validator"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for sessions, runs in sorted(rows.items()):
        ok = [r for r in runs.values() if "error" not in r]
        if not ok:
            lines.append(f"| {sessions} | " + " | ".join(["error"] * (len(head) - 1)) + " |")
            continue
        longest = max(ok, key=lambda r: r["time_limit"])
        first = first_feasible(longest)
        cells = [str(sessions), f"{ok[0]['cohorts']} / {ok[0]['facilitators']}",
                 f"{first:.1f} s" if first is not None else "none"]
        cells += [_gap(runs[limit]) if limit in runs else "not run" for limit in limits]
        cells.append(f"{max(r['peak_rss_mib'] for r in ok):.0f} MiB")
        bad = sum(r["validator"]["violations"] for r in ok)
        checked = sum(1 for r in ok if r.get("placed"))
        verdict = "no violation" if bad == 0 else f"{bad} violations"
        cells.append(verdict if checked else f"no plan to check ({verdict} in the infeasible result)")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def quality_table(rows: dict[int, dict[float, dict[str, Any]]]) -> list[str]:
    """The solver's plan (longest run) against the greedy baseline, on the same figures."""
    head = ["sessions", "plan", "placed", "objective", "min outside cohort preferred",
            "min outside facilitator preferred", "extra facilitators per cohort", "max load", "cohort finish (days, sum)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for sessions, runs in sorted(rows.items()):
        ok = [r for r in runs.values() if "error" not in r]
        if not ok:
            continue
        longest = max(ok, key=lambda r: r["time_limit"])
        with_baseline = next((r for r in ok if "baseline" in r), None)
        entries = [(f"CP-SAT {longest['time_limit']:g} s", longest["metrics"], longest["objective"], longest["placed"])]
        if with_baseline is not None:
            base = with_baseline["baseline"]
            objective = base.get("objective")
            if objective is None and "objective_by_formula" in base:
                objective = f"{base['objective_by_formula']} (by formula)"
            if objective is None:
                objective = (f"solver says {base['objective_status']} when frozen" if "objective_status" in base
                             else "not scored")
            entries.append(("greedy baseline", base["metrics"], objective,
                            f"{base['metrics']['placed']} ({base['unplaced']} unplaced)"))
        for label, metrics, objective, placed in entries:
            if metrics is None:
                status = f"no plan ({longest['status']})" if label.startswith("CP-SAT") else "no plan"
                lines.append(f"| {sessions} | {label} | {placed} | {status} |" + " - |" * 5)
                continue
            cells = [str(sessions), label, str(placed), str(objective),
                     str(metrics["cohort_minutes_outside_preferred"]), str(metrics["facilitator_minutes_outside_preferred"]),
                     str(metrics["extra_facilitators_per_cohort"]), str(metrics["max_load"]), str(metrics["finish_days"])]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def markdown(rows: dict[int, dict[float, dict[str, Any]]], limits: Sequence[float], example: dict[str, Any] | None,
             where: dict[str, str]) -> str:
    """The whole results page."""
    text = [(f"Measured {where['date']} on {where['cpus']} CPUs ({where['cpu']}), Python {where['python']}, "
            f"commit {where['commit']}."), ""]
    if example is not None:
        text += [(f"`glocal plan` on the example (54 sessions), end to end with files: "
                 f"{example['wall_seconds']} s wall, exit {example['exit']}, status {example['status']}, "
                 f"{example['files']} files."), ""]
    text += ["### Solver", "", *solver_table(rows, limits), "", "### Plan quality against the greedy baseline", "",
             *quality_table(rows), ""]
    return "\n".join(text)


def save(output: Path, rows: dict[int, dict[float, dict[str, Any]]], limits: Sequence[float],
         example: dict[str, Any] | None, where: dict[str, str]) -> str:
    """Write the markdown page and the raw JSON (after every run, so partial results survive)."""
    page = markdown(rows, limits, example, where)
    output.write_text(page, encoding="utf-8")
    raw = {"machine": where, "example": example, "rows": rows}
    output.with_suffix(".json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return page


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="sessions (multiples of 6)")
    parser.add_argument("--larger", action="store_true", help=f"also {', '.join(map(str, LARGER_SIZES))} sessions")
    parser.add_argument("--limits", type=float, nargs="+", default=[10.0, 30.0, 120.0], help="solver time limits (s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--weeks", type=int, default=17)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--score-baseline-max", type=int, default=600,
                        help="score the baseline with the solver's objective (a frozen re-solve) up to this size")
    parser.add_argument("--skip-example", action="store_true", help="do not time glocal plan on the example")
    parser.add_argument("--profile", action="store_true", help="write a cProfile summary per run beside --output")
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results" / "results.md")
    parser.add_argument("--render", type=Path, default=None, help="only rewrite the page from this results.json")
    args = parser.parse_args(argv)
    if args.render is not None:
        raw = json.loads(args.render.read_text(encoding="utf-8"))
        rows_in = {int(size): {float(limit): r for limit, r in runs.items()} for size, runs in raw["rows"].items()}
        print(markdown(rows_in, sorted(args.limits), raw["example"], raw["machine"]))
        return 0
    sizes = sorted(set(args.sizes) | (set(LARGER_SIZES) if args.larger else set()))
    if any(size % 6 for size in sizes):
        parser.error("sizes are session counts: multiples of 6 (6 modules per cohort)")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    where = machine()
    example = None if args.skip_example else plan_example(args)
    rows: dict[int, dict[float, dict[str, Any]]] = {sessions: {} for sessions in sizes}
    limits = sorted(args.limits)
    # Every size at the shortest limit first, so a long run that is cut short still leaves a
    # row per size; a size proven optimal is not re-run at longer limits.
    for position, limit in enumerate(limits):
        for sessions in sizes:
            if any(r.get("status") == "optimal" for r in rows[sessions].values()):
                continue
            result = run_child(sessions, limit, args, baseline=position == 0)
            rows[sessions][limit] = result
            print(f"{sessions} sessions, {limit:g} s: {_gap(result)}", file=sys.stderr, flush=True)
            save(args.output, rows, limits, example, where)
    page = save(args.output, rows, limits, example, where)
    print(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
