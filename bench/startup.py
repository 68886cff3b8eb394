"""Start-up benchmark: how long glocal's commands take against the bare import time of the
libraries they need (the floor no lazy import can go below).

``python bench/startup.py [--runs 7]`` times, each as a fresh process, median of the runs:
- the floor: ``python -c "import <every dependency glocal plan uses>"``;
- ``glocal --help``, ``glocal check`` and ``glocal plan`` on the example (into a temp folder).
It prints a markdown table and writes ``bench/results/startup.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROGRAM = "leading-through-change"
# what `glocal plan` needs on its way from files to outputs
FLOOR_IMPORTS = ("pydantic", "ruamel.yaml", "babel", "holidays", "ortools.sat.python.cp_model",
                 "icalendar", "jinja2", "click", "rich.console")


def _glocal() -> list[str]:
    script = Path(sys.executable).with_name("glocal")
    return [str(script)] if script.exists() else [sys.executable, "-m", "glocal"]


def timed(command: list[str], runs: int) -> dict[str, float]:
    """Median, min and max wall-clock seconds of ``command`` as a fresh process."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False, env={**os.environ, "NO_COLOR": "1"})
        samples.append(time.perf_counter() - started)
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples)}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the measurements, print the table and save the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results" / "startup.json")
    args = parser.parse_args(argv)
    glocal = _glocal()
    with tempfile.TemporaryDirectory() as tmp:
        rows = {
            "import floor": timed([sys.executable, "-c", "import " + ", ".join(FLOOR_IMPORTS)], args.runs),
            "python -c pass": timed([sys.executable, "-c", "pass"], args.runs),
            "glocal --help": timed([*glocal, "--help"], args.runs),
            "glocal check": timed([*glocal, "check", PROGRAM], args.runs),
            "glocal plan": timed([*glocal, "plan", PROGRAM, "--out", str(Path(tmp) / "out")], args.runs),
        }
    floor = rows["import floor"]["median"]
    print("| command | median s | min s | max s | x import floor |")
    print("|---|---|---|---|---|")
    for name, row in rows.items():
        print(f"| {name} | {row['median']:.2f} | {row['min']:.2f} | {row['max']:.2f} | {row['median'] / floor:.1f} |")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"runs": args.runs, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
