"""Reading and writing ``schedule.json``: deterministic bytes for the same plan.

The solve time is measured, not planned, so it is left out of the file (the CLI prints it);
everything else in ``Schedule`` is written with sorted sessions and a fixed layout.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from glocal.errors import InputError, Location, Problem
from glocal.model import Schedule

_NOT_WRITTEN = {"solve_seconds"}


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
            if isinstance(item, str) and key in ("start", "end") and item.endswith("+00:00"):
                value[key] = item[:-6] + "Z"
            else:
                _zulu(item)
    elif isinstance(value, list):
        for item in value:
            _zulu(item)


def load_schedule(path: Path, display: str | None = None) -> Schedule:
    """Read a ``schedule.json`` written by glocal (for ``--previous``); InputError if bad."""
    where = display or str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Schedule.model_validate(data)
    except OSError as exc:
        raise InputError([Problem(Location(where), f"cannot read schedule: {exc.strerror or exc}")]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 0)
        column = getattr(exc, "colno", 0)
        raise InputError([Problem(Location(where, line, column), f"not a JSON schedule: {exc}")]) from None
    except ValidationError as exc:
        problems = [
            Problem(Location(where), f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}")
            for e in exc.errors()
        ]
        raise InputError(problems) from None
