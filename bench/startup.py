"""Start-up benchmark: how long glocal's commands take against the bare import time of the
libraries they need (the floor no lazy import can go below).

``python bench/startup.py [--runs 9]`` times, each as a fresh process, median of the runs:
- the floor: one ``python`` that imports every third-party module ``glocal plan`` imports on
  the example, in either of its processes (read from ``python -X importtime``, so the list
  follows the code: nothing to keep up to date by hand);
- the floor as measured before (nine libraries named by hand), for comparison with older figures;
- ``glocal --help``, ``glocal check`` and ``glocal plan`` on the example: the first plan (into an
  empty folder) and a re-plan (into the folder holding the plan, which is then the previous plan).
Runs alternate between the commands, so a slow moment of the machine does not land on one row.
It prints a markdown table and writes ``bench/results/startup.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROGRAM = "leading-through-change"
# The floor of the first measurements (issue 13): the libraries named by hand.
NAMED_LIBRARIES = ("pydantic", "ruamel.yaml", "babel", "holidays", "ortools.sat.python.cp_model",
                   "icalendar", "jinja2", "click", "rich.console")
TARGET = 3.0  # glocal plan within 3x the floor
_IMPORT_LINE = re.compile(r"import time:\s+\d+ \|\s+\d+ \| \s*(\S+)")


def _glocal() -> list[str]:
    script = Path(sys.executable).with_name("glocal")
    return [str(script)] if script.exists() else [sys.executable, "-m", "glocal"]


def _third_party(top: str) -> bool:
    if top == "glocal":
        return False
    spec = importlib.util.find_spec(top)
    if spec is None:
        return False
    where = spec.origin or next(iter(spec.submodule_search_locations or []), "")
    return "site-packages" in where and not where.startswith(sysconfig.get_paths()["stdlib"])


def plan_imports(out: Path) -> list[str]:
    """Every third-party module ``glocal plan`` imports on the example, in import order
    (``-X importtime`` reports the forked solver process's imports too)."""
    command = [sys.executable, "-X", "importtime", "-m", "glocal", "plan", PROGRAM, "--out", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    names = [m.group(1) for m in map(_IMPORT_LINE.match, done.stderr.splitlines()) if m]
    tops = {name.split(".")[0] for name in names}
    third = {top for top in tops if _third_party(top)}
    return list(dict.fromkeys(name for name in names if name.split(".")[0] in third))


def floor_command(modules: Sequence[str]) -> list[str]:
    """``python -c`` importing ``modules`` (each that imports on its own; a few are aliases
    that only exist once their package has set them up)."""
    script = ("import importlib\n"
              f"for name in {list(modules)!r}:\n"
              "    try:\n"
              "        importlib.import_module(name)\n"
              "    except ImportError:\n"
              "        pass\n")
    return [sys.executable, "-c", script]


Command = list[str] | Callable[[int], list[str]]  # a command, or the command of run N


def timed(commands: dict[str, Command], runs: int) -> dict[str, dict[str, float]]:
    """Median, min and max wall-clock seconds of each command as a fresh process, the
    commands taking turns."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(runs):
        for name, command in commands.items():
            argv = command(run) if callable(command) else command
            started = time.perf_counter()
            subprocess.run(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False, env={**os.environ, "NO_COLOR": "1"})
            samples[name].append(time.perf_counter() - started)
    return {name: {"median": statistics.median(values), "min": min(values), "max": max(values)}
            for name, values in samples.items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the measurements, print the table and save the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results" / "startup.json")
    args = parser.parse_args(argv)
    glocal = _glocal()
    with tempfile.TemporaryDirectory() as tmp:
        modules = plan_imports(Path(tmp) / "probe")
        rows = timed({
            "import floor": floor_command(modules),
            "import floor (9 named libraries)": [sys.executable, "-c", "import " + ", ".join(NAMED_LIBRARIES)],
            "python -c pass": [sys.executable, "-c", "pass"],
            "glocal --help": [*glocal, "--help"],
            "glocal check": [*glocal, "check", PROGRAM],
            # The first plan into an empty folder (a new folder each run), then the weekly
            # re-plan: the same folder, its plan the previous one.
            "glocal plan": lambda run: [*glocal, "plan", PROGRAM, "--out", str(Path(tmp) / f"first-{run}")],
            "glocal plan (re-plan)": [*glocal, "plan", PROGRAM, "--out", str(Path(tmp) / "probe")],
        }, args.runs)
    floor = rows["import floor"]["median"]
    packages = sorted({name.split(".")[0] for name in modules})
    print(f"floor: {len(modules)} modules of {len(packages)} packages: {', '.join(packages)}")
    print("| command | median s | min s | max s | x import floor |")
    print("|---|---|---|---|---|")
    for name, row in rows.items():
        print(f"| {name} | {row['median']:.2f} | {row['min']:.2f} | {row['max']:.2f} | {row['median'] / floor:.2f} |")
    ratio = rows["glocal plan"]["median"] / floor
    for name in ("glocal plan", "glocal plan (re-plan)"):
        over = rows[name]["median"] / floor
        print(f"{name}: {over:.2f}x the floor (target {TARGET:g}x: {'met' if over <= TARGET else 'missed'})")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"runs": args.runs, "floor_packages": packages,
                                       "floor_modules": len(modules), "rows": rows,
                                       "plan_over_floor": round(ratio, 3)}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
