"""``glocal plan``'s output folder: claimed before solving, written after, the last good plan kept.

``claimed`` refuses places no output may go (the workspace, a folder containing it, its
``programs/`` and ``locales/``) and folders glocal does not own, then holds the lock of
``--out`` and of ``OUT.proposed`` until the run ends. ``write_plan`` puts the files where
``glocal.output.history.destination`` says: ``--out``, or ``OUT.proposed/`` when the plan is not
complete and ``--out`` holds a complete one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from glocal.cli.common import printable, stderr_console
from glocal.output import check_target, recover_folder, remove_folder, write_folder
from glocal.output.history import destination, dropped, proposal_folder
from glocal.output.lock import locked
from glocal.output.ownership import Foreign, check_location


@dataclass(frozen=True)
class Written:
    """Where a run's files went and what it left alone."""

    folder: Path  # ``--out`` or its proposal folder
    proposed: bool  # True: ``--out`` was left as it was (it holds a complete plan)
    kept: list[Foreign]  # entries of the folder that glocal did not write, kept as they were
    stale_removed: bool  # an earlier run's proposal was removed (this plan is complete)
    stale_left: bool  # an earlier run's proposal stays: it holds files glocal did not write
    calendars: int  # calendar files written


@contextmanager
def claimed(out: Path, workspace: Path, command: str) -> Iterator[None]:
    """Check ``out`` (and its proposal folder) can be glocal's, then hold both locks."""
    proposal = proposal_folder(out)
    for folder in (out, proposal):
        check_location(folder, workspace)
        check_target(folder)  # fail before a long solve (and before creating a lock file)
    with locked(out, command):  # OUT and OUT.proposed share one lock
        yield  # the writer checks the folders again, under the lock


def say_fresh(out: Path) -> None:
    """Tell what ``--fresh`` gives up (on stderr, before solving)."""
    console = stderr_console()
    gone = dropped(out)
    if gone is None:
        console.print(f"--fresh: {shown(out)} holds no earlier plan; nothing to drop", markup=False)
        return
    console.print(
        printable(f"--fresh: not continuing {shown(gone.path)} ({gone.sessions} sessions, SEQUENCE up to "
                  f"{gone.max_sequence}, {gone.cancelled} cancelled): calendars restart at SEQUENCE 0, "
                  "its sessions may move freely and none of them gets a CANCEL"),
        style="yellow", markup=False,
    )


def say_continuing(out: Path) -> None:
    """Tell that this run continues the plan in ``out`` (the default previous plan)."""
    stderr_console().print(printable(f"continuing the plan in {shown(out / 'schedule.json')} (calendars keep "
                                     "their SEQUENCE; --fresh starts over)"), markup=False)


def write_plan(out: Path, files: dict[str, bytes], status: str) -> Written:
    """Write ``files`` into ``out``, or into ``OUT.proposed`` when that keeps a complete plan."""
    recover_folder(proposal_folder(out))  # leftovers of a run killed while removing a proposal
    folder = destination(out, status)
    proposed = folder == proposal_folder(out)
    kept = write_folder(folder, files)
    stale_removed = False if proposed else remove_folder(proposal_folder(out))
    stale_left = not proposed and not stale_removed and proposal_folder(out).exists()
    calendars = sum(1 for name in files if name.startswith("calendars/") and name.endswith(".ics"))
    return Written(_spelled_like(out, folder), proposed, kept, stale_removed, stale_left, calendars)


def _spelled_like(out: Path, folder: Path) -> Path:
    """``folder`` relative to the current folder when ``out`` was given relative."""
    return folder if out.is_absolute() else Path(os.path.relpath(folder))


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when it was given so."""
    return os.path.relpath(path) if not path.is_absolute() else str(path)


def say_written(out: Path, written: Written) -> None:
    """What the run left alone: files glocal did not write, an outdated proposal removed or kept."""
    console = stderr_console()
    where = shown(written.folder) if written.proposed else shown(out)
    proposal = shown(_spelled_like(out, proposal_folder(out)))
    if written.kept:
        names = ", ".join(entry.describe() for entry in written.kept)
        console.print(printable(f"kept {len(written.kept)} file(s) in {where}/ that glocal did not write: {names}"),
                      style="yellow", markup=False)
    if written.stale_removed:
        console.print(printable(f"removed {proposal}/: the proposal of an earlier run that did not complete "
                                "(this plan replaces it)"), markup=False)
    if written.stale_left:
        console.print(printable(f"{proposal}/ is an earlier run's proposal, out of date now; it holds files "
                                "glocal did not write, so it is left as it is"), style="yellow", markup=False)
