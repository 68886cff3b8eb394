"""The team of a workspace: the shared ``facilitators.yaml`` at its root, each program's own
additions, and the busy times read from the facilitators' calendar exports.

A program's facilitators are the workspace's team (if the root file exists) followed by the
people of its own ``programs/<id>/facilitators.yaml`` (if that exists). A program file may add
people but never redefine one of the team: the same id in both is an error naming both lines.
Busy files are read once per workspace (one read per file and zone, over the days of every
loaded rollout) and travel on each bundle as ``bundle.busy``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from glocal.errors import Problem
from glocal.model import Facilitator
from glocal.workspace.bundle import ProgramBundle
from glocal.workspace.busy import BusyTime, read_busy
from glocal.workspace.checks.base import problem_at
from glocal.workspace.yamlio import YamlDocument

TEAM_FILE = "facilitators.yaml"
# Calendar days a facilitator-local date may differ from a cohort-local one (+14 h vs -12 h).
_MARGIN = dt.timedelta(days=2)
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class SharedTeam:
    """The workspace's facilitators.yaml as read: its people and document (None when invalid)."""

    people: list[Facilitator] | None
    doc: YamlDocument | None


def combine(shared: SharedTeam | None, own: list[Facilitator] | None, own_doc: YamlDocument | None
            ) -> tuple[list[Facilitator], list[tuple[YamlDocument, list[Facilitator]]], list[Problem]]:
    """A program's facilitators, the files they came from, and clashes between the two files."""
    files: list[tuple[YamlDocument, list[Facilitator]]] = []
    if shared is not None and shared.people is not None and shared.doc is not None:
        files.append((shared.doc, shared.people))
    if own is not None and own_doc is not None:
        files.append((own_doc, own))
    problems: list[Problem] = []
    if len(files) == 2:
        problems = _clashes(files[0], files[1])
    people = [person for _, group in files for person in group]
    return people, files, problems


def _clashes(team: tuple[YamlDocument, list[Facilitator]], own: tuple[YamlDocument, list[Facilitator]]) -> list[Problem]:
    team_doc, team_people = team
    own_doc, own_people = own
    first = {person.id: index for index, person in enumerate(team_people)}
    problems = []
    for index, person in enumerate(own_people):
        if person.id not in first:
            continue
        where = team_doc.location(("facilitators", first[person.id], "id"))
        message = (
            f"facilitator id '{person.id}' is already defined in the workspace's team at "
            f"{where.path}:{where.line}:{where.column}; a program's facilitators.yaml may add people "
            "but not redefine them: remove this entry (the team's applies) or give it its own id"
        )
        problems.append(problem_at(own_doc, ("facilitators", index, "id"), message, code="duplicate-id"))
    return problems


def busy_file(root: Path, rel: str) -> tuple[Path | None, str]:
    """The file a ``busy`` entry names, or None and why it may not be read.

    Only files inside the workspace are read: no absolute paths, no ``..``, no link that
    leads out (a workspace shared by e-mail must not read the coordinator's other files).
    """
    text = rel.strip()
    posix = PurePosixPath(text)
    if not text or posix.is_absolute() or "\\" in text or _DRIVE.match(text):
        return None, (f"busy calendar '{rel}' is not a path inside the workspace; write it relative to "
                      "the workspace folder, e.g. calendars/ingrid.ics")
    if ".." in posix.parts:
        return None, f"busy calendar '{rel}' may not contain '..'; keep the calendars inside the workspace"
    path = root / posix
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        return None, (f"busy calendar '{rel}' leads outside the workspace (a symbolic link?); "
                      "copy the exported file into the workspace")
    if not path.exists():
        return None, f"busy calendar '{rel}' does not exist; export the facilitator's calendar as .ics to that path"
    if not path.is_file():
        return None, f"busy calendar '{rel}' is not a file; name the exported .ics file itself"
    return path, posix.as_posix()


def read_team_busy(root: Path, bundles: list[ProgramBundle]) -> list[Problem]:
    """Read every busy file of every loaded program once; fill each ``bundle.busy``."""
    if not bundles:
        return []
    first = min(b.rollout.window.start for b in bundles) - _MARGIN
    last = max(b.rollout.window.end for b in bundles) + _MARGIN
    cache: dict[tuple[str, str], list[BusyTime]] = {}
    problems: list[Problem] = []
    for bundle in bundles:
        busy: dict[str, list[BusyTime]] = {}
        for doc, people in bundle.team_files:
            for index, person in enumerate(people):
                for position, rel in enumerate(person.busy):
                    path, name = busy_file(root, rel)
                    if path is None:
                        problems.append(problem_at(doc, ("facilitators", index, "busy", position), name, code="busy-path"))
                        continue
                    key = (name, person.timezone)
                    if key not in cache:
                        cache[key], found = read_busy(path, name, person.timezone, first, last)
                        problems += found
                    busy.setdefault(person.id, []).extend(cache[key])
        bundle.busy = {person: sorted(set(times)) for person, times in sorted(busy.items())}
    return problems
