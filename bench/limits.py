"""Time and memory of glocal on hostile input (issue 12): each case a real ``glocal`` process.

    python bench/limits.py                 # prints a markdown table

Cases: the example checked as it is (the reference), the 143 KB alias file of issue 12 and
one of 100,000 aliases, a 20-year rollout window, ``validate`` of a schedule nested 100,000
levels deep, and ``plan`` of the example over the longest window glocal accepts (731 days)
with ``--time-limit`` 3 and 30. Wall clock and the child's peak RSS (``getrusage``) are
measured per case in a fresh process and a fresh copy of the example workspace.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GLOCAL = Path(sys.executable).parent / "glocal"
PROGRAM = "leading-through-change"
TEAM = Path("programs", PROGRAM, "facilitators.yaml")
ROLLOUT = Path("programs", PROGRAM, "rollout.yaml")


def _bomb(aliases: int) -> str:
    big = "x" * 100_000
    return ("facilitators:\n  - id: a\n    name: A\n    timezone: Europe/Oslo\n    country: NO\n"
            "    languages: [en]\n    working_hours: 09:00-17:00\n"
            f"    unavailable: [&s {big}, " + ", ".join(["*s"] * aliases) + "]\n")


def _window(window: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / ROLLOUT
        path.write_text(path.read_text(encoding="utf-8").replace("window: 2027-02-01..2027-04-30", f"window: {window}"),
                        encoding="utf-8")
    return edit


def _team(text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / TEAM).write_text(text, encoding="utf-8")
    return edit


def _deep(root: Path) -> None:
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


CASES: list[tuple[str, Callable[[Path], None] | None, list[str]]] = [
    ("check, the example as it is", None, ["check"]),
    ("check, 143 KB file: 10,000 aliases of 100 KB", _team(_bomb(10_000)), ["check"]),
    ("check, 100,000 aliases of 100 KB", _team(_bomb(100_000)), ["check"]),
    ("plan, 20-year window, --time-limit 30", _window("2027-01-01..2046-12-31"), ["plan", PROGRAM, "--time-limit", "30"]),
    ("validate, JSON nested 100,000 deep", _deep, ["validate", "deep.json"]),
    ("plan, 731-day window, --time-limit 3", _window("2027-01-01..2028-12-31"), ["plan", PROGRAM, "--time-limit", "3"]),
    ("plan, 731-day window, --time-limit 30", _window("2027-01-01..2028-12-31"), ["plan", PROGRAM, "--time-limit", "30"]),
]


def _run(prepare: Callable[[Path], None] | None, args: list[str]) -> tuple[int, float, float]:
    """Exit status, wall seconds and peak RSS (MiB) of one glocal run in a fresh workspace."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "programs", root / "programs")
        shutil.copytree(REPO / "locales", root / "locales")
        if prepare is not None:
            prepare(root)
        # A fork server per case keeps getrusage's children maximum to this one run.
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            began = time.monotonic()
            status = subprocess.run([str(GLOCAL), *args], cwd=root, capture_output=True, check=False).returncode
            seconds = time.monotonic() - began
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            os.write(write_end, f"{status} {seconds} {peak}".encode())
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            status_text, seconds_text, peak_text = pipe.read().split()
        os.waitpid(pid, 0)
        return int(status_text), float(seconds_text), float(peak_text)


def main() -> None:
    """Run every case once and print the table."""
    print("| case | exit | wall clock | peak RSS |")
    print("|---|---|---|---|")
    for name, prepare, args in CASES:
        status, seconds, peak = _run(prepare, args)
        print(f"| {name} | {status} | {seconds:.1f} s | {peak:.0f} MiB |", flush=True)


if __name__ == "__main__":
    main()
