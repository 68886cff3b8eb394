"""A blank program to start from: ``glocal init DIR --program ID``.

The three files of ``programs/<id>/`` come from the commented templates in
``glocal/workspace/blank_program/``: one module, one cohort and one facilitator with placeholder values
that pass ``glocal check`` and ``glocal plan`` as written, and every optional key shown (in a
comment where leaving it out is the better default), each with a comment saying what it does.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

from glocal.errors import UsageError
from glocal.values import ID_PATTERN

BLANK_FILES = ("program.yaml", "rollout.yaml", "facilitators.yaml")
LEAD_DAYS = 28  # a rollout is planned weeks ahead: the window opens on a Monday at least this far off
WINDOW_WEEKS = 12


def check_program_id(program_id: str) -> str:
    """The id, or a UsageError saying what an id may be (it becomes a folder name)."""
    if not ID_PATTERN.match(program_id):
        raise UsageError(
            f"invalid program id '{program_id}'",
            "use lower-case letters, digits and '-', starting with a letter, at most 64 characters "
            "(e.g. 'leading-through-change')",
        )
    return program_id


def blank_program_files(program_id: str, today: dt.date) -> dict[str, bytes]:
    """The files of a blank program, by path relative to the workspace.

    The rollout window opens on the first Monday at least four weeks after ``today`` and
    lasts twelve weeks; the same id and day give the same files.
    """
    check_program_id(program_id)
    earliest = today + dt.timedelta(days=LEAD_DAYS)
    start = earliest + dt.timedelta(days=-earliest.weekday() % 7)
    end = start + dt.timedelta(weeks=WINDOW_WEEKS, days=-3)  # the Friday of the last week
    week = dt.timedelta(weeks=1)
    values = {
        "program": program_id,
        "title": program_id.replace("-", " ").capitalize(),  # ids are letters, digits, '-': safe YAML
        "window": f"{start.isoformat()}..{end.isoformat()}",
        "week2": (start + week).isoformat(),
        "week3": (start + 2 * week).isoformat(),
        "week3_friday": (start + 2 * week + dt.timedelta(days=4)).isoformat(),
        "week4": (start + 3 * week + dt.timedelta(days=2)).isoformat(),
    }
    folder = resources.files("glocal.workspace").joinpath("blank_program")
    return {
        f"programs/{program_id}/{name}": folder.joinpath(name).read_text(encoding="utf-8").format(**values).encode("utf-8")
        for name in BLANK_FILES
    }
