"""The portfolio benchmark of issue 16: two 50-cohort programs sharing a 60-person team.

    python bench/portfolio.py --out /tmp/portfolio        # writes the workspace and plans it
    python bench/portfolio.py --out /tmp/portfolio --time-limit 120 --workers 2

The workspace comes from ``bench/generate.py`` (100 cohorts, 60 facilitators, fixed seed),
split into two programs of 50 cohorts each (the shipped curriculum under two ids) with the
team moved to the root ``facilitators.yaml``. Four facilitators export a weekly busy block
(Outlook shape: RRULE with COUNT and an EXDATE, TZID without VTIMEZONE, plus a transparent
all-day event) and one a two-week VFREEBUSY block. It then runs ``glocal plan --all --out
OUT --time-limit T`` in a real process, ``glocal validate`` on each program's schedule.json,
and the portfolio validator over both, and prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import (
    PROGRAM_ID,
    WINDOW_START,
    Sizing,
    build_workspace,
    make_facilitators,
    rollout_document,
)

SECOND = "people-leadership-essentials"
BUSY_PEOPLE = 4


def weekly_block(zone: str, weekday: int, weeks: int) -> str:
    """An Outlook-like export: a weekly 3-hour block with COUNT and one EXDATE, TZID without
    VTIMEZONE (IANA name), and a transparent all-day event that must not count."""
    first = WINDOW_START + dt.timedelta(days=weekday)
    skipped = first + dt.timedelta(days=14)
    lines = [
        "BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0",
        "BEGIN:VEVENT", f"UID:weekly-{zone}-{weekday}@bench", "DTSTAMP:20270101T000000Z",
        f"DTSTART;TZID={zone}:{first:%Y%m%d}T100000", f"DTEND;TZID={zone}:{first:%Y%m%d}T130000",
        f"RRULE:FREQ=WEEKLY;COUNT={weeks}", f"EXDATE;TZID={zone}:{skipped:%Y%m%d}T100000",
        "SUMMARY:client work", "END:VEVENT",
        "BEGIN:VEVENT", f"UID:allday-{zone}-{weekday}@bench", "DTSTAMP:20270101T000000Z",
        f"DTSTART;VALUE=DATE:{first:%Y%m%d}", f"DTEND;VALUE=DATE:{first + dt.timedelta(days=1):%Y%m%d}",
        "TRANSP:TRANSPARENT", "SUMMARY:reminder", "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def freebusy_block(first: dt.date) -> str:
    """A VFREEBUSY export: two weeks busy (FBTYPE=BUSY-UNAVAILABLE), UTC periods."""
    last = first + dt.timedelta(days=14)
    lines = [
        "BEGIN:VCALENDAR", "PRODID:-//Example//Free-Busy//EN", "VERSION:2.0", "BEGIN:VFREEBUSY",
        "UID:freebusy@bench", "DTSTAMP:20270101T000000Z",
        f"FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:{first:%Y%m%d}T000000Z/{last:%Y%m%d}T000000Z",
        "END:VFREEBUSY", "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def build(out: Path, seed: int) -> dict[str, str]:
    """Write the portfolio workspace; returns the busy file of each facilitator who has one."""
    sizing = Sizing(100, 60, seed)
    files = build_workspace(sizing)
    base = f"programs/{PROGRAM_ID}"
    del files[f"{base}/rollout.yaml"], files[f"{base}/facilitators.yaml"]
    rng = random.Random(seed)  # the same draws as build_workspace: the same cohorts and team
    rollout = rollout_document(sizing, rng)
    team = {"facilitators": make_facilitators(sizing, rng)}
    program = files[f"{base}/program.yaml"]
    cohorts = rollout["cohorts"]
    second = dict(rollout, program=SECOND, cohorts=cohorts[1::2])
    rollout["cohorts"] = cohorts[0::2]
    files[f"programs/{SECOND}/program.yaml"] = program.replace(f"id: {PROGRAM_ID}", f"id: {SECOND}", 1)
    files[f"{base}/rollout.yaml"] = json.dumps(rollout, indent=1, ensure_ascii=False)
    files[f"programs/{SECOND}/rollout.yaml"] = json.dumps(second, indent=1, ensure_ascii=False)
    busy: dict[str, str] = {}
    people = team["facilitators"]
    # four weekly blocks on different weekdays, for people spread over the team; one VFREEBUSY
    for index in range(BUSY_PEOPLE):
        person = people[index * len(people) // (BUSY_PEOPLE + 1)]
        rel = f"calendars/{person['id']}.ics"
        files[rel] = weekly_block(person["timezone"], index % 5, 17)
        person["busy"] = [rel]
        busy[person["id"]] = rel
    person = people[-1]
    rel = f"calendars/{person['id']}-freebusy.ics"
    files[rel] = freebusy_block(WINDOW_START + dt.timedelta(days=28))
    person["busy"] = [rel]
    busy[person["id"]] = rel
    files["facilitators.yaml"] = json.dumps(team, indent=1, ensure_ascii=False)
    for relative, text in files.items():
        path = out / "ws" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return busy


def run(out: Path, time_limit: float, workers: int) -> dict[str, Any]:
    """Plan the portfolio, validate each plan and both together; the figures."""
    glocal = str(Path(sys.executable).parent / "glocal")
    ws, plans = out / "ws", out / "OUT"
    started = time.monotonic()
    done = subprocess.run([glocal, "plan", "--all", "--out", str(plans), "--time-limit", str(time_limit),
                           "--workers", str(workers), "--workspace", str(ws)], check=False, capture_output=True, text=True)
    wall = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures: dict[str, Any] = {"exit": done.returncode, "wall_seconds": round(wall, 1), "peak_rss_mib": round(peak),
                               "first_complete_plan_seconds": _first_complete(done.stderr),
                               "stdout": done.stdout.strip().splitlines()[-4:], "programs": {}}
    if done.returncode not in (0, 1):
        figures["stderr"] = done.stderr[-3000:]
        return figures
    from glocal.model import Status
    from glocal.scheduling import validate_portfolio
    from glocal.workspace import load_workspace
    from glocal.workspace.schedule_file import load_schedule

    loaded = load_workspace(ws)
    bundles = [loaded.bundle(PROGRAM_ID), loaded.bundle(SECOND)]
    schedules = {b.id: load_schedule(plans / b.id / "schedule.json") for b in bundles}
    for bundle in bundles:
        schedule = schedules[bundle.id]
        check = subprocess.run([glocal, "validate", str(plans / bundle.id / "schedule.json"), "--workspace", str(ws)],
                               check=False, capture_output=True, text=True)
        figures["programs"][bundle.id] = {
            "status": schedule.status.value, "sessions": len(schedule.sessions), "objective": schedule.objective,
            "bound": schedule.best_bound, "gap": schedule.gap, "validate_exit": check.returncode,
        }
    live = [b for b in bundles if schedules[b.id].status is not Status.INFEASIBLE]
    violations = validate_portfolio(live, schedules)
    figures["portfolio_violations"] = [v.text for v in violations][:20]
    figures["sessions_of_busy_facilitators"] = sum(
        1 for s in schedules[PROGRAM_ID].sessions + schedules[SECOND].sessions if s.facilitator in loaded.bundle(PROGRAM_ID).busy)
    return figures


def _first_complete(progress: str) -> float | None:
    """Seconds to the first plan placing every session, from the progress lines on stderr."""
    for line in progress.splitlines():
        fields = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
        placed, _, total = fields.get("placed", "").partition("/")
        if line.startswith("progress ") and placed and placed == total:
            return float(fields["elapsed"])
    return None


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the workspace (ws/) and the plans (OUT/)")
    parser.add_argument("--time-limit", type=float, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    busy = build(args.out, args.seed)
    print(json.dumps({"busy_calendars": busy, **run(args.out, args.time_limit, args.workers)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
