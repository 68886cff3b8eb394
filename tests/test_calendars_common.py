"""Helpers shared by the calendar tests: workspaces with DST-crossing cohorts, hand-made
schedules (the solver is not needed to test calendars), and the ical.js / ics-check runners.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

from glocal.model import Schedule, ScheduledSession, Status
from glocal.workspace import ProgramBundle, load_workspace

from .conftest import EXAMPLE_PROGRAM, REPO, copy_example

JS_DUMP = REPO / "tests" / "js" / "dump.mjs"
ICS_CHECK = REPO / "tests" / "clients" / "ics-check" / "ics-check"

# Cohorts in zones with unusual offsets and 2027 DST changes (issue 5), appended to the
# example rollout. Adelaide: DST ends 2027-04-04, starts 2027-10-03; Santiago: ends 04-04,
# starts 09-05; New York: starts 03-14, ends 11-07; Kathmandu: +05:45, no DST.
EXTRA_COHORTS = """
  - id: kathmandu-1
    locale: ne-NP
    timezone: Asia/Kathmandu
    country: NP
    size: 12
    join_url: https://meet.example.com/ktm-1?pass=a,b;c
    participants:
      - {name: "Sharma, Sita", email: sita.sharma@example.com}
      - {name: Bikash Thapa}
  - id: adelaide-1
    locale: en-AU
    timezone: Australia/Adelaide
    country: AU-SA
    size: 10
    venue: "Level 3, 25 Grenfell St; Adelaide SA 5000"
  - id: santiago-1
    locale: es-CL
    timezone: America/Santiago
    country: CL
    size: 11
    participants:
      - {name: Catalina Rojas, email: catalina.rojas@example.com}
organizer:
  name: "Programme Office, Global L&D"
  email: programme.office@example.com
"""

# Local dates (cohort zone) of the six sessions, straddling each 2027 transition.
DST_DATES: dict[str, list[str]] = {
    "kathmandu-1": ["2027-02-08", "2027-03-15", "2027-04-05", "2027-06-07", "2027-09-06", "2027-10-04"],
    "adelaide-1": ["2027-03-29", "2027-04-05", "2027-04-06", "2027-09-27", "2027-10-04", "2027-10-05"],
    "santiago-1": ["2027-03-29", "2027-04-05", "2027-04-06", "2027-08-30", "2027-09-06", "2027-09-07"],
    "new-york-1": ["2027-03-08", "2027-03-15", "2027-03-16", "2027-11-01", "2027-11-08", "2027-11-09"],
}
DST_FACILITATOR = {
    "kathmandu-1": "priya", "adelaide-1": "wei", "santiago-1": "beatriz", "new-york-1": "emily",
}


def make_workspace(root: Path, rollout_extra: str = EXTRA_COHORTS) -> Path:
    """A copy of the example workspace with ``rollout_extra`` appended to its rollout."""
    root.mkdir(parents=True, exist_ok=True)
    copy_example(root)
    rollout = root / "programs" / EXAMPLE_PROGRAM / "rollout.yaml"
    rollout.write_text(rollout.read_text(encoding="utf-8") + rollout_extra, encoding="utf-8")
    # Someone must speak Nepali for kathmandu-1: Priya (her calendar stays English, her first).
    people = root / "facilitators.yaml"
    text = people.read_text(encoding="utf-8").replace("languages: [en, hi, ta]", "languages: [en, hi, ta, ne]")
    # ... and the facilitators of the new cohorts travel, for the in-person capstone.
    for who in set(DST_FACILITATOR.values()) - {"emily"}:
        text = text.replace(f"  - id: {who}\n", f"  - id: {who}\n    travels: true\n")
    people.write_text(text, encoding="utf-8")
    return root


def load_bundle(root: Path) -> ProgramBundle:
    """The example program of the workspace at ``root``."""
    return load_workspace(root, [EXAMPLE_PROGRAM]).bundle(EXAMPLE_PROGRAM)


def local_session(
    bundle: ProgramBundle, cohort_id: str, module_id: str, day: str, clock: str, facilitator: str
) -> ScheduledSession:
    """A session at local ``day`` ``clock`` in the cohort's zone, lasting the module's duration."""
    cohort = next(c for c in bundle.rollout.cohorts if c.id == cohort_id)
    modules = [m.id for m in bundle.program.modules]
    module = bundle.program.module(module_id)
    zone = zoneinfo.ZoneInfo(cohort.timezone)
    start = dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(clock), zone)
    return ScheduledSession(
        cohort=cohort_id,
        module=module_id,
        facilitator=facilitator,
        start=start,
        end=start + dt.timedelta(minutes=module.duration),
        index=modules.index(module_id) + 1,
        count=len(modules),
    )


def dst_schedule(bundle: ProgramBundle) -> Schedule:
    """Six sessions per DST cohort at 10:00 local on the dates of ``DST_DATES``."""
    modules = [m.id for m in bundle.program.modules]
    sessions = [
        local_session(bundle, cohort, module, day, "10:00", DST_FACILITATOR[cohort])
        for cohort, days in sorted(DST_DATES.items())
        for module, day in zip(modules, days, strict=True)
    ]
    return Schedule(program=bundle.id, status=Status.FEASIBLE, sessions=sessions)


def write_files(files: dict[str, bytes], out: Path) -> list[Path]:
    """Write ``build_calendars`` output under ``out``; the written paths, sorted."""
    paths = []
    for relative, data in sorted(files.items()):
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def need_node() -> None:
    """Skip (with the reason) when node or the pinned ical.js are not installed."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed (make test-deps installs it)")
    if not (REPO / "tests" / "js" / "node_modules" / "ical.js").is_dir():
        pytest.skip("ical.js is not installed in tests/js (npm ci in tests/js)")


def icaljs_dump(path: Path) -> dict[str, Any]:
    """What Mozilla's ical.js reads in ``path`` (tests/js/dump.mjs), as JSON."""
    done = subprocess.run(
        ["node", str(JS_DUMP), str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin:/usr/local/bin"},
        timeout=60,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def utc_text(instant: dt.datetime) -> str:
    """The instant as ical.js's ``toISOString`` writes it."""
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
