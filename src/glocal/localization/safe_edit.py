"""Read-modify-write of a workspace file under a lock, keeping what the file was.

Two ``glocal locales import-po`` runs (or an import and a ``stamp``) on the same locale must
not lose an update, so the whole read-modify-write runs under an exclusive ``flock`` on the
workspace folder: the second run waits, then reads the file the first one wrote. The new text
replaces the file atomically (a temporary file beside it, renamed into place) with the old
file's permission bits (and owner, when allowed). A symbolic link stays a link: glocal
writes through it to its target, as an editor would, but only when the target lies inside
the workspace. Nothing is written when the text does not change.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from glocal.errors import UsageError

LOCK_TIMEOUT = 30.0  # seconds to wait for another glocal editing the same folder


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def write_target(root: Path, path: Path) -> Path:
    """The real file behind ``path`` (through symbolic links), refused outside ``root``."""
    root = root.resolve()
    target = path.resolve()
    if not target.is_relative_to(root):
        raise UsageError(
            f"{_rel(root, path)} is a link to {target}, outside the workspace",
            "glocal writes only files inside the workspace; replace the link with a copy of the file",
        )
    if path.is_symlink() and target.exists() and not target.is_file():
        raise UsageError(f"{_rel(root, path)} links to {_rel(root, target)}, which is not a file", "point the link at a YAML file or replace it with one")
    return target


@contextlib.contextmanager
def folder_lock(folder: Path, shown: str) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (shared by every glocal process on this machine)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UsageError(f"another glocal command has been editing {shown} for {LOCK_TIMEOUT:.0f} s", "wait for it to finish, then run this again") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def replace_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, keeping the old file's mode and owner."""
    try:
        old = target.stat()
        mode, owner = old.st_mode & 0o7777, (old.st_uid, old.st_gid)
    except FileNotFoundError:
        mode, owner = 0o666 & ~_umask(), None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            if owner is not None and (os.geteuid() == 0):
                os.fchown(handle.fileno(), *owner)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def edit_file(root: Path, path: Path, edit: Callable[[str | None], str | None]) -> bool:
    """Run ``edit(current text or None)`` under the folder's lock and store what it returns.

    ``edit`` returns the new text, or None to leave the file as it is; an exception from it
    leaves the file untouched. Returns True when the file was written.
    """
    target = write_target(root, path)
    # One lock per workspace (its root folder always exists, unlike a new locale's folder,
    # and a link's target may sit in another folder): every edit of a workspace in turn.
    with folder_lock(root, "this workspace"):
        try:
            raw: bytes | None = target.read_bytes()
        except FileNotFoundError:
            raw = None
        try:
            current = raw.decode("utf-8") if raw is not None else None
        except UnicodeDecodeError:
            raise UsageError(f"{_rel(root.resolve(), target)} is not UTF-8 text", "save it as UTF-8, then run this again") from None
        new = edit(current)
        if new is None or (raw is not None and new.encode("utf-8") == raw):
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, new.encode("utf-8"))
        return True
