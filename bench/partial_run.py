"""Short-staffed and tight rollouts end to end: ``glocal plan`` as a user runs it, against the greedy.

For each instance (``bench/generate.py``, with ``--short-staffed`` where the team is below the
pools' minimum) and time limit: the wall time and peak memory of the whole ``glocal plan``
process, its exit status, sessions placed, the first time a complete plan was reported and
the gap at the end (from its progress lines), ``glocal validate`` on the result, the greedy
baseline's sessions placed on the same files and, for a partial plan, its first suggestion
pasted into the files and planned again (sessions gained against the promise).

    python bench/partial_run.py [--out bench/results/partial.md] [--only NAME]
    python bench/partial_run.py --set unlike --out bench/results/unlike.md

``--set unlike`` runs the instances unlike the generator's defaults (``bench/shapes.py``:
weekly limits 5-8 for everyone, twenty time zones with three facilitators each, two of the
three skills each) at 600 and 2,400 sessions. Runs go limit by limit (every instance at the
shortest limit first), and the table and JSON are rewritten after each run, so a stopped
benchmark keeps what it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GLOCAL = ROOT / ".venv" / "bin" / "glocal"
PYTHON = ROOT / ".venv" / "bin" / "python"
PROGRAM = "leading-through-change"


@dataclass(frozen=True)
class Instance:
    """A generated workspace."""

    name: str
    cohorts: int
    facilitators: int | None  # None: the generator's default team for the shape
    short: bool
    limits: tuple[float, ...]
    shape: tuple[str, ...] = ()  # bench/generate.py options of bench/shapes.py


INSTANCES = [
    Instance("600 sessions / 24 facilitators (short-staffed)", 100, 24, True, (60, 120)),
    Instance("2,400 sessions / 60 facilitators (tight)", 400, 60, False, (60, 120)),
    Instance("2,400 sessions / 80 facilitators", 400, 80, False, (30, 120)),
    Instance("2,400 sessions / 50 facilitators (short of time: 6 places with half a pool)", 400, 50, True, (60,)),
]
ZONES = ("--zones", "20", "--per-zone", "3")
ALL_UNLIKE = (*ZONES, "--limits", "5-8", "--skill-overlap", "0.67")
UNLIKE = [
    Instance(f"{sessions} sessions / {shape_name}", cohorts, None, False, (60, 120), shape)
    for shape_name, shape in (
        ("weekly limits 5-8 for all", ("--limits", "5-8")),
        ("20 zones x 3 facilitators", ZONES),
        ("20 zones x 3, limits 5-8, 2 of 3 skills each", ALL_UNLIKE),
    )
    for sessions, cohorts in (("600", 100), ("2,400", 400))
]
SETS = {"issue14": INSTANCES, "unlike": UNLIKE}
PROGRESS = re.compile(r"progress elapsed=([\d.]+) placed=(\d+)/(\d+) objective=(\S+) bound=(\S+)")


def generate(instance: Instance, folder: Path) -> Path:
    """Write the instance's workspace (seed 1) and return it."""
    args = [str(PYTHON), str(ROOT / "bench" / "generate.py"), "--cohorts", str(instance.cohorts),
            "--seed", "1", "--out", str(folder), *instance.shape]
    if instance.facilitators is not None:
        args += ["--facilitators", str(instance.facilitators)]
    if instance.short:
        args.append("--short-staffed")
    subprocess.run(args, check=True, capture_output=True)
    return folder


def plan(workspace: Path, out: Path, limit: float) -> dict[str, Any]:
    """Run ``glocal plan`` in its own process: wall time, peak RSS (GNU time: the largest of
    the process and its solver child, which it waits for), progress."""
    began = time.monotonic()
    done = subprocess.run(["/usr/bin/time", "-f", "maxrss-kib %M", str(GLOCAL), "plan", PROGRAM, "--workspace", str(workspace), "--out", str(out),
                           "--time-limit", str(limit)], capture_output=True, text=True, check=False,
                          env={**os.environ, "COLUMNS": "200"})
    wall = time.monotonic() - began
    rss = re.search(r"maxrss-kib (\d+)", done.stderr)
    first_complete = None
    for match in PROGRESS.finditer(done.stderr):
        if match.group(2) == match.group(3) and first_complete is None:
            first_complete = float(match.group(1))
    data = json.loads((out / "schedule.json").read_text(encoding="utf-8")) if (out / "schedule.json").exists() else {}
    return {"exit": done.returncode, "wall": wall, "rss_mib": int(rss.group(1)) / 1024 if rss else None,
            "first_complete": first_complete, "schedule": data}


def validate(workspace: Path, out: Path) -> bool:
    """``glocal validate`` on the written plan."""
    done = subprocess.run([str(GLOCAL), "validate", str(out / "schedule.json"), "--workspace", str(workspace)],
                          capture_output=True, text=True, check=False)
    return done.returncode == 0


def greedy_placed(workspace: Path) -> int:
    """Sessions the greedy baseline places on the same files."""
    done = subprocess.run([str(PYTHON), str(ROOT / "bench" / "baseline.py"), str(workspace)],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    match = re.search(r"placed (\d+)", done.stdout)
    return int(match.group(1)) if match else -1


def apply_first(workspace: Path, suggestion: dict[str, Any]) -> None:
    """Paste a suggestion into the workspace files as a user would."""
    folder = workspace / "programs" / PROGRAM
    change = suggestion["change"]
    if suggestion["kind"] == "add-facilitator":
        with (folder / "facilitators.yaml").open("a", encoding="utf-8") as handle:
            handle.write("  - " + json.dumps(change["facilitator"]) + "\n")
    elif suggestion["kind"] == "extend-window":
        path = folder / "rollout.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^window: .*$", f"window: {change['window']}", text, count=1), encoding="utf-8")
    else:
        path = folder / "facilitators.yaml"
        text = path.read_text(encoding="utf-8")
        for key in ("max_sessions_per_week", "max_sessions_per_day"):
            if key in change:
                block = re.compile(rf"(- id: {re.escape(change['facilitator'])}\n(?:    .*\n)*?    {key}: )\d+")
                text = block.sub(rf"\g<1>{change[key]}", text, count=1)
        path.write_text(text, encoding="utf-8")


def run(instance: Instance, limit: float, scratch: Path) -> dict[str, Any]:
    """One (instance, limit) measurement."""
    workspace = generate(instance, scratch / "ws")
    result = plan(workspace, scratch / "out", limit)
    data = result.pop("schedule")
    sessions = data.get("sessions", [])
    team = (workspace / "programs" / PROGRAM / "facilitators.yaml").read_text(encoding="utf-8")
    row: dict[str, Any] = {
        "instance": instance.name, "limit": limit, "generate": " ".join(instance.shape),
        "facilitators": team.count("\n  - id: "), **result, "status": data.get("status"),
        "placed": len(sessions), "total": len(sessions) + len(data.get("unplaced", [])),
        "gap": data.get("gap"), "valid": validate(workspace, scratch / "out"), "greedy": greedy_placed(workspace),
        "unplaced_reasons": len({u["reason"] for u in data.get("unplaced", [])}),
    }
    suggestions = data.get("suggestions", [])
    if suggestions:
        first = suggestions[0]
        apply_first(workspace, first)
        again = plan(workspace, scratch / "again", limit)
        row["suggestion"] = {"kind": first["kind"], "promised": first["places"],
                             "gained": len(again["schedule"].get("sessions", [])) - len(sessions)}
    shutil.rmtree(scratch / "ws", ignore_errors=True)
    return row


def table(rows: list[dict[str, Any]]) -> str:
    """The markdown table of docs/benchmarks.md."""
    lines = ["| instance | limit | exit | status | placed | greedy | first complete plan | gap | wall | RSS | valid | first suggestion: promised -> gained |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        gap = f"{row['gap'] * 100:.1f} %" if row.get("gap") is not None else "-"
        first = f"{row['first_complete']:.1f} s" if row.get("first_complete") is not None else "-"
        rss = f"{row['rss_mib']:.0f} MiB" if row.get("rss_mib") else "-"
        tip = row.get("suggestion")
        tried = f"{tip['kind']}: {tip['promised']} -> {tip['gained']}" if tip else "-"
        name = f"{row['instance']} ({row['facilitators']} facilitators)" if row.get("generate") else row["instance"]
        lines.append(f"| {name} | {row['limit']:g} s | {row['exit']} | {row['status']} | "
                     f"{row['placed']:,}/{row['total']:,} | {row['greedy']:,} | {first} | {gap} | "
                     f"{row['wall']:.1f} s | {rss} | {'yes' if row['valid'] else 'NO'} | {tried} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run every instance and limit (or ``--only`` those whose name contains it)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "partial.md")
    parser.add_argument("--only", default="")
    parser.add_argument("--set", choices=sorted(SETS), default="issue14", help="which instances")
    args = parser.parse_args(argv)
    instances = [instance for instance in SETS[args.set] if args.only in instance.name]
    runs = sorted(((limit, order) for order, instance in enumerate(instances) for limit in instance.limits))
    done: dict[tuple[int, float], dict[str, Any]] = {}
    for limit, order in runs:
        with tempfile.TemporaryDirectory() as folder:
            done[(order, limit)] = run(instances[order], limit, Path(folder))
        print(json.dumps(done[(order, limit)]), file=sys.stderr, flush=True)
        rows = [done[key] for key in sorted(done)]  # the table reads instance by instance
        args.out.write_text(table(rows), encoding="utf-8")
        args.out.with_suffix(".json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table([done[key] for key in sorted(done)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
