"""The last good plan is never lost: which earlier plan a run continues, and where its files go.

- The previous plan of a run is, by default, the ``schedule.json`` already in ``--out``; it
  carries the calendars' SEQUENCE history and what was delivered. ``--previous FILE``
  overrides it; ``--fresh`` starts over on purpose (``Dropped`` says what that gives up).
- A plan that is not complete (infeasible, no plan within the time limit, or any future
  status that is not a complete plan) never replaces a complete plan: it goes to the sibling
  folder ``OUT.proposed/`` and ``--out`` stays byte-identical.

No printing here: the CLI words what these functions return.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from glocal.errors import InputError, UsageError
from glocal.model import Schedule, Status
from glocal.output.lock import PROPOSED_SUFFIX
from glocal.output.ownership import MANIFEST
from glocal.workspace.schedule_file import load_schedule

SCHEDULE = "schedule.json"
# The statuses of a plan that places every session; any other status (today "infeasible",
# tomorrow perhaps "partial") is not complete and never replaces a complete plan.
COMPLETE = frozenset({Status.OPTIMAL.value, Status.FEASIBLE.value})
_MAX_SCHEDULE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Dropped:
    """What ``--fresh`` gives up: the plan in ``--out`` it does not continue."""

    path: Path
    sessions: int
    max_sequence: int
    cancelled: int


def is_complete(status: str) -> bool:
    """True for the status of a plan that places every session."""
    return status in COMPLETE


def proposal_folder(out: Path) -> Path:
    """Where a run that is not complete puts its files when ``out`` holds a complete plan."""
    out = Path(os.path.abspath(out))
    return out.with_name(out.name + PROPOSED_SUFFIX)


def holds_complete_plan(out: Path) -> bool:
    """True when ``out`` is glocal's folder and its ``schedule.json`` is a complete plan.

    Read as raw JSON, so a status this version does not know is "not complete" instead of
    an error.
    """
    path = out / SCHEDULE
    if not (out / MANIFEST).is_file() or not path.is_file() or path.is_symlink():
        return False
    try:
        if path.stat().st_size > _MAX_SCHEDULE_BYTES:
            return False
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and isinstance(data.get("status"), str) and is_complete(data["status"])


def destination(out: Path, status: str) -> Path:
    """Where a plan of ``status`` is written: ``out``, unless it would replace a complete plan there."""
    if is_complete(status) or not holds_complete_plan(out):
        return out
    return proposal_folder(out)


def previous_plan(out: Path, given: Path | None, fresh: bool, program: str) -> Schedule | None:
    """The plan this run continues: ``given`` (``--previous``), else the one in ``out``, else none.

    With ``fresh`` there is none (the caller reports ``dropped(out)``). A plan of another
    program, or an unreadable ``schedule.json`` in ``out``, is a usage error naming both ways out.
    """
    if given is not None and fresh:
        raise UsageError("--previous and --fresh contradict each other",
                         "pass --previous FILE to continue that plan, or --fresh to start over")
    if fresh:
        return None
    if given is not None:
        schedule = load_schedule(given)
        if schedule.program != program:
            raise UsageError(f"{given} is a plan of '{schedule.program}', not of '{program}'",
                             "pass the schedule.json written by 'glocal plan' for this program")
        return schedule
    path = out / SCHEDULE
    if not path.is_file():
        return None
    try:
        schedule = load_schedule(path)
    except InputError as exc:
        first = exc.problems[0].message if exc.problems else "unreadable"
        raise UsageError(f"{path} cannot be read as the previous plan ({first})",
                         "pass --previous FILE to continue another plan, or --fresh to start over "
                         "(calendars then restart at SEQUENCE 0)") from None
    if schedule.program != program:
        raise UsageError(f"{out} holds a plan of '{schedule.program}', not of '{program}'",
                         "choose another --out, or pass --fresh to replace it") from None
    return schedule


def dropped(out: Path) -> Dropped | None:
    """What ``--fresh`` gives up: the plan in ``out`` (None when there is no readable plan)."""
    path = out / SCHEDULE
    if not path.is_file():
        return None
    try:
        schedule = load_schedule(path)
    except InputError:
        return Dropped(path, 0, 0, 0)
    sequences = [s.sequence for s in schedule.sessions] + [c.sequence for c in schedule.cancelled]
    return Dropped(path, len(schedule.sessions), max(sequences, default=0), len(schedule.cancelled))
