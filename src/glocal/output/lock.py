"""One run at a time per output folder: a non-blocking ``flock`` on a lock file beside it.

Two ``glocal plan`` runs into the same ``--out`` would each read the previous plan, solve and
swap in their own folder: the last one wins and the first one's report (counts, changes) is
about a plan that no longer exists. So a run takes ``.<name>.glocal-lock`` beside the folder
before it reads anything from it and keeps it until its files are in place; a second run
fails at once, naming the run that holds the lock (its pid, command and start time, which
the holder writes into the lock file).

``flock`` locks belong to the open file, so the kernel releases them when the holder exits or
is killed (SIGKILL included): there are no stale locks to clean up. The lock file itself is
never deleted (deleting it would let two runs lock two different files).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from glocal.errors import OutputError

_LOCK_SUFFIX = ".glocal-lock"
PROPOSED_SUFFIX = ".proposed"  # OUT.proposed: where a plan that is not complete goes (glocal.output.history)
_READ_TRIES = 20  # the holder writes its details just after locking: wait up to ~0.2 s for them
_MAX_HOLDER_BYTES = 4096


def lock_path(out: Path) -> Path:
    """The lock file of the output folder ``out`` (beside it, hidden).

    ``OUT`` and its proposal folder ``OUT.proposed`` share one lock: a run writes either.
    """
    out = Path(os.path.abspath(out))
    name = out.name
    while name.endswith(PROPOSED_SUFFIX) and len(name) > len(PROPOSED_SUFFIX):
        name = name[: -len(PROPOSED_SUFFIX)]
    return out.parent / f".{name}{_LOCK_SUFFIX}"


@contextmanager
def locked(out: Path, command: str) -> Iterator[None]:
    """Hold the lock of ``out`` for the ``with`` block; ``OutputError`` (exit 2) when another run holds it.

    ``command`` is how this run is named to a run that finds the folder locked.
    """
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_NOFOLLOW: a symlink planted as the lock file must not make glocal write elsewhere.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise OutputError(str(path), f"cannot create the lock file: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                str(out), f"another glocal run is writing this folder ({_holder(fd)}); "
                          "wait for it to finish, or choose another --out"
            ) from None
        _describe_self(fd, command)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # a later loser must not name this run once it has ended
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _describe_self(fd: int, command: str) -> None:
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    text = json.dumps({"pid": os.getpid(), "command": command, "started": started}) + "\n"
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8"), 0)


def _holder(fd: int) -> str:
    """Who holds the lock, as the holder described itself."""
    for _ in range(_READ_TRIES):
        raw = os.pread(fd, _MAX_HOLDER_BYTES, 0)
        try:
            data = json.loads(raw.decode("utf-8"))
            pid = int(data["pid"])
            if _alive(pid):  # else: the details of a killed run, not yet replaced by the holder's
                return f"pid {pid}, '{data['command']}', started {data['started']}"
        except (ValueError, KeyError, TypeError):
            pass  # the holder has locked but not yet written its details
        time.sleep(0.01)
    return "a run that did not say who it is"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process exists (or a number no process has: not ours to judge)
    return True
