"""Reading and writing ``schedule.json``: deterministic bytes for the same plan.

The solve time is measured, not planned, so it is left out of the file (the CLI prints it);
everything else in ``Schedule`` is written with sorted sessions and a fixed layout.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from glocal.errors import InputError, Problem
from glocal.model import Schedule
from glocal.workspace.jsonio import locator, read_json

_NOT_WRITTEN = {"solve_seconds"}
MAX_PROBLEMS = 50  # a hostile file can hold millions of bad values; the first ones say enough
_INSTANTS = ("start", "end", "stamp", "previous_start")


def dump_schedule(schedule: Schedule) -> str:
    """The text of ``schedule.json`` for a schedule: stable order, UTC ``Z`` instants."""
    ordered = schedule.model_copy(
        update={"sessions": sorted(schedule.sessions, key=lambda s: (s.cohort, s.index, s.module))}
    )
    data = ordered.model_dump(mode="json", exclude=_NOT_WRITTEN)
    # What only partial plans have is written only when present: complete plans keep their bytes.
    for key in ("unplaced", "suggestions"):
        if not data[key]:
            del data[key]
    for session in data["sessions"]:
        if not session["tentative"]:
            del session["tentative"]
    _zulu(data)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _zulu(value: object) -> None:
    """Write UTC instants as ``...Z`` instead of ``+00:00`` (as FORMATS.md shows)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and key in _INSTANTS and item.endswith("+00:00"):
                value[key] = item[:-6] + "Z"
            else:
                _zulu(item)
    elif isinstance(value, list):
        for item in value:
            _zulu(item)


def load_schedule(path: Path, display: str | None = None) -> Schedule:
    """Read a ``schedule.json`` written by glocal (for ``--previous``); InputError if bad.

    Size, nesting and numbers are bounded and every problem carries its line and column
    (``glocal.workspace.jsonio``), so a hostile file is a clear error, never a crash.
    """
    where = display or str(path)
    data, text = read_json(path, where, "schedule")
    try:
        return Schedule.model_validate(data)
    except ValidationError as exc:
        location = locator(text, where)
        problems = [
            Problem(location(tuple(e["loc"])), f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}")
            for e in exc.errors()[:MAX_PROBLEMS]
        ]
        raise InputError(problems) from None
