"""Writing an output folder atomically: the previous plan stays intact on any failure or kill.

``write_folder(out, files)`` writes every file into a fresh temporary folder *beside* ``out``
(same file system, so a rename is atomic), fsyncs each file and folder, and only then puts the
new folder in place:

- ``out`` does not exist: one ``rename`` moves the new folder in.
- ``out`` exists: on Linux, ``renameat2(RENAME_EXCHANGE)`` swaps the two folders in one step,
  so at every instant ``out`` is either the complete old plan or the complete new one; the old
  one (now under the temporary name) is removed afterwards. Where the exchange is not
  available, ``out`` is first renamed aside and a later run restores it if a kill came between
  the two renames.

Leftover temporary folders (a run killed with SIGKILL) are removed by the next run; callers
hold ``glocal.output.lock.locked(out)`` so that this never meets another run's folder.

Ownership (``glocal.output.ownership``): the new folder gets a manifest of the files it holds; an
existing ``out`` is replaced only when it is new, empty or carries glocal's manifest, so a
mistaken ``--out ~`` cannot delete a home folder. Entries of ``out`` that glocal did not write
are carried into the new folder unchanged (hard links, so the very same files), and a plan
that would overwrite one of them is refused.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path, PurePosixPath

from glocal.errors import OutputError
from glocal.output.ownership import (
    MANIFEST,
    Foreign,
    conflict_error,
    conflicts,
    entries_of,
    inventory,
    manifest_bytes,
)

MARKER = MANIFEST  # every folder glocal writes holds its manifest
_OLD_MARKER = "schedule.json"  # what a plan folder of an earlier glocal holds (for recovery only)
_TEMP_INFIX = ".glocal-tmp-"
_ASIDE_INFIX = ".glocal-old-"
RESCUED_INFIX = ".glocal-rescued-"  # never removed by recover_folder: it holds a user's files
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_folder(out: Path, files: Mapping[str, bytes]) -> list[Foreign]:
    """Replace glocal's files in ``out`` by ``files`` (relative POSIX path -> bytes) plus a manifest.

    Returns the entries glocal did not write, which are kept as they are. Raises
    ``OutputError`` when ``out`` cannot be written, is not glocal's, or holds a foreign file
    where ``files`` has one; in every failure the previous contents of ``out`` are left as they were.
    """
    out = Path(os.path.abspath(out))
    _check_paths(files)
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(parent), exc.strerror or str(exc)) from None
    recover_folder(out)
    found = inventory(out)
    clashing = conflicts(found.foreign, files)
    if clashing:
        raise conflict_error(out, clashing)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{_TEMP_INFIX}", dir=parent))
    except OSError as exc:
        raise OutputError(str(parent), exc.strerror or str(exc)) from None
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700; a plan folder is shared
        _write_tree(staging, {**files, MANIFEST: manifest_bytes(files)})
        _carry_over(out, staging, found.foreign)
        known = {MANIFEST, *found.owned, *(entry.path for entry in found.foreign)}
        _put_in_place(staging, out, known)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(str(out), exc.strerror or str(exc)) from None
    except BaseException:
        # KeyboardInterrupt / SystemExit from a signal handler: leave no half-written folder.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return found.foreign


def remove_folder(out: Path) -> bool:
    """Remove ``out`` when it is glocal's and holds nothing else; False (and untouched) otherwise.

    The folder is renamed to a temporary name first, so it is never seen half-deleted.
    """
    out = Path(os.path.abspath(out))
    if not out.is_dir() or out.is_symlink() or not (out / MANIFEST).is_file():
        return False
    try:
        if inventory(out).foreign:
            return False
    except OutputError:
        return False
    doomed = Path(tempfile.mkdtemp(prefix=f".{out.name}{_TEMP_INFIX}", dir=out.parent))
    os.rename(out, doomed)  # replaces the empty folder made by mkdtemp in one step
    _fsync_dir(out.parent)
    shutil.rmtree(doomed, ignore_errors=True)
    return True


def recover_folder(out: Path) -> None:
    """Clean up after a run that was killed: restore a plan left aside, drop temporary folders."""
    out = Path(os.path.abspath(out))
    parent = out.parent
    if not parent.is_dir():
        return
    asides = sorted(p for p in parent.glob(f".{out.name}{_ASIDE_INFIX}*")
                    if (p / MARKER).is_file() or (p / _OLD_MARKER).is_file())
    if asides and not out.exists():
        # Killed between "old plan aside" and "new plan in": the old plan is still whole.
        os.rename(asides[-1], out)
    leftovers = sorted(parent.glob(f".{out.name}{_TEMP_INFIX}*")) + sorted(parent.glob(f".{out.name}{_ASIDE_INFIX}*"))
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)


def check_target(out: Path) -> None:
    """Raise ``OutputError`` now if ``out`` could not be replaced by a plan later."""
    inventory(Path(os.path.abspath(out)))


def _check_paths(files: Mapping[str, bytes]) -> None:
    """Every output path is relative and stays inside the folder (ids are checked, but be sure)."""
    for name in files:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise OutputError(name, "output paths must be relative and stay inside the output folder")
        if name == MANIFEST:
            raise OutputError(name, "is the manifest's name; glocal writes it itself")


def _carry_over(out: Path, staging: Path, foreign: list[Foreign]) -> None:
    """Put the entries glocal did not write into the new folder as they are.

    A hard link is the same file (bytes, mode, owner, times, inode), so "kept" is literal;
    where the file system refuses one (another user's file), a copy with its metadata.
    Symlinks are recreated, never followed.
    """
    for entry in foreign:
        source = out.joinpath(*PurePosixPath(entry.path).parts)
        target = staging.joinpath(*PurePosixPath(entry.path).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry.kind == "folder":
            target.mkdir(exist_ok=True)
            shutil.copystat(source, target)
        elif entry.kind == "symlink":
            os.symlink(os.readlink(source), target)
        else:
            try:
                os.link(source, target, follow_symlinks=False)
            except OSError:
                if entry.kind != "file":
                    raise
                shutil.copy2(source, target, follow_symlinks=False)


def _write_tree(root: Path, files: Mapping[str, bytes]) -> None:
    folders = {root}
    for name in sorted(files):
        target = root.joinpath(*PurePosixPath(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.update(p for p in target.parents if p == root or root in p.parents)
        with open(target, "wb") as handle:
            handle.write(files[name])
            handle.flush()
            os.fsync(handle.fileno())
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        _fsync_dir(folder)


def _put_in_place(staging: Path, out: Path, known: set[str]) -> None:
    if not out.exists():
        os.rename(staging, out)
    elif _exchange(staging, out):
        # ``staging`` now holds the old plan.
        _retire(staging, out, known)
    else:
        # rename() replaces the empty folder made by mkdtemp in one step.
        aside = Path(tempfile.mkdtemp(prefix=f".{out.name}{_ASIDE_INFIX}", dir=out.parent))
        os.rename(out, aside)
        os.rename(staging, out)
        _retire(aside, out, known)
    _fsync_dir(out.parent)


def _retire(old: Path, out: Path, known: set[str]) -> None:
    """Delete the replaced folder, after moving back what a user put there since the inventory.

    ``known`` is what the inventory saw (glocal's files, the entries carried over). Anything
    else arrived while the new folder was written: it goes into the new folder at the same
    path; one that cannot (the new plan has a file there) keeps the old folder alive under a
    ``.OUT.glocal-rescued-*`` name instead of being deleted.
    """
    try:
        left = entries_of(old)
    except OSError:  # an unreadable folder of the user's inside: keep it all rather than guess
        left, stuck = {}, True
    else:
        stuck = False
    for name, kind in sorted(left.items()):
        if kind == "folder" or name in known:
            continue
        target = out.joinpath(*PurePosixPath(name).parts)
        try:
            if os.path.lexists(target):
                raise FileExistsError(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(old.joinpath(*PurePosixPath(name).parts), target)
        except OSError:
            stuck = True
    if stuck:
        try:
            os.rename(old, tempfile.mkdtemp(prefix=f".{out.name}{RESCUED_INFIX}", dir=out.parent))
        except OSError:
            pass  # the plan is in place; the old folder stays under its temporary name
    else:
        shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename is still atomic
    finally:
        os.close(fd)


@cache
def _renameat2() -> Callable[..., int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        func = ctypes.CDLL(name, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False when the system cannot."""
    func = _renameat2()
    if func is None:
        return False
    result = func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))
