"""A small workspace with evaluation levels, a hand-built plan and hand-computable results.

Cohorts: berlin (de_DE, taught in the ``de`` variant, 10 participants), tokyo (ja_JP, core,
4 participants: always suppressed), nyc (en_US, core, 6 participants). Two modules, one a
week; the figures in the tests are computed by hand from the rows below.
"""

from __future__ import annotations

import json
from pathlib import Path

from glocal.model import Schedule
from glocal.workspace.schedule_file import dump_schedule

from .wsgen import PROGRAM_ID, Spec, cohort, facilitator, module, schedule, session

EVALUATION = [
    {"level": 1, "instrument": "Session survey", "when": "after-each-session"},
    {"level": 2, "instrument": "Test", "when": "after-last-session"},
    {"level": 3, "instrument": "Observation", "when": "60d after-last-session"},
    {"level": 4, "instrument": "KPI review", "when": "180d after-last-session"},
]

TIDY_HEADER = "cohort,participant,level,measure,value,module,date\n"

# berlin: L1 two sessions, L2 pre/post, L3 two behaviours, L4 baseline/current; tokyo: L1
# only (4 people); nyc: L2 only.
BERLIN_L1 = {"b1": (5, 4), "b2": (4, 4), "b3": (4, 5), "b4": (3, 3), "b5": (5, 4)}
BERLIN_L2 = {"b1": (40, 50), "b2": (50, 70), "b3": (60, 90), "b4": (50, 90), "b5": (50, 100)}
BERLIN_L3 = {"b1": (1, 1), "b2": (1, 0), "b3": (0, 0), "b4": (1, 1), "b5": (1, 0)}
BERLIN_L4 = {"b1": (60, 63), "b2": (62, 66), "b3": (58, 60), "b4": (70, 71), "b5": (50, 55)}
NYC_L2 = {f"n{i}": (50, 50 + 2 * i) for i in range(1, 7)}
TOKYO_L1 = {f"t{i}": (4, 5) for i in range(1, 5)}


def tidy_rows() -> list[str]:
    """The tidy long rows of every answer above (no header)."""
    rows: list[str] = []
    for who, (a, b) in BERLIN_L1.items():
        rows += [f"berlin,{who},1,relevance,{a},intro,2027-03-01", f"berlin,{who},1,relevance,{b},practice,2027-03-08"]
    for who, (pre, post) in BERLIN_L2.items():
        rows += [f"berlin,{who},2,pre,{pre},,2027-02-25", f"berlin,{who},2,post,{post},,2027-03-09"]
    for who, (x, y) in BERLIN_L3.items():
        rows += [f"berlin,{who},3,explains,{x},,2027-05-10", f"berlin,{who},3,coaches,{y},,2027-05-10"]
    for who, (before, after) in BERLIN_L4.items():
        rows += [f"berlin,{who},4,baseline,{before},,2027-02-01", f"berlin,{who},4,current,{after},,2027-09-05"]
    for who, (pre, post) in NYC_L2.items():
        rows += [f"nyc,{who},2,pre,{pre},,2027-02-25", f"nyc,{who},2,post,{post},,2027-03-10"]
    for who, (a, b) in TOKYO_L1.items():
        rows += [f"tokyo,{who},1,relevance,{a},intro,", f"tokyo,{who},1,relevance,{b},practice,"]
    return rows


def plan() -> Schedule:
    """Two sessions a cohort; tokyo's are early in the morning of the next local day."""
    return schedule(
        session("berlin", "intro", "ana", "2027-03-01T09:00:00+00:00", 60),
        session("berlin", "practice", "ana", "2027-03-08T09:00:00+00:00", 60),
        session("tokyo", "intro", "ana", "2027-03-10T23:30:00+00:00", 60),
        session("tokyo", "practice", "ana", "2027-03-17T23:30:00+00:00", 60),
        session("nyc", "intro", "ana", "2027-03-02T14:00:00+00:00", 60),
        session("nyc", "practice", "ana", "2027-03-09T14:00:00+00:00", 60),
    )


def make_workspace(root: Path, tidy: bool = True) -> Path:
    """Write the workspace, its de variant, the plan to root/out and (tidy) root/results."""
    spec = Spec(
        modules=[module("intro"), module("practice")],
        cohorts=[
            cohort("berlin", "Europe/Berlin", "DE", "de_DE", size=10),
            cohort("tokyo", "Asia/Tokyo", "JP", "ja_JP", size=4),
            cohort("nyc", "America/New_York", "US", "en_US", size=6),
        ],
        facilitators=[facilitator("ana", "Europe/London", "GB", ["en", "de", "ja"], hours="00:00-23:45")],
    )
    spec.write(root)
    program = root / "programs" / PROGRAM_ID / "program.yaml"
    data = json.loads(program.read_text(encoding="utf-8"))
    data["evaluation"] = EVALUATION
    program.write_text(json.dumps(data, indent=2), encoding="utf-8")
    (root / "locales" / "de").mkdir(parents=True)
    (root / "locales" / "de" / f"{PROGRAM_ID}.yaml").write_text(json.dumps({"program": PROGRAM_ID, "title": "Demo (de)"}), encoding="utf-8")
    (root / "out").mkdir()
    (root / "out" / "schedule.json").write_text(dump_schedule(plan()), encoding="utf-8")
    (root / "results").mkdir()
    if tidy:
        (root / "results" / "answers.csv").write_text(TIDY_HEADER + "\n".join(tidy_rows()) + "\n", encoding="utf-8")
    return root
