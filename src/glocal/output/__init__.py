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

Leftover temporary folders (a run killed with SIGKILL) are removed by the next run. An
existing ``out`` that does not look like a glocal plan is never replaced, so a mistaken
``--out ~`` cannot delete a home folder.
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

MARKER = "schedule.json"  # every plan folder glocal writes holds this file
PORTFOLIO_MARKER = "portfolio.json"  # ... and every folder of several programs' plans this one
_TEMP_INFIX = ".glocal-tmp-"
_ASIDE_INFIX = ".glocal-old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_folder(out: Path, files: Mapping[str, bytes], *, portfolio: bool = False) -> None:
    """Replace the folder ``out`` by one holding exactly ``files`` (relative POSIX path -> bytes).

    Raises ``OutputError`` when ``out`` cannot be written or is not a glocal plan folder; in
    every failure the previous contents of ``out`` are left as they were.
    """
    out = Path(os.path.abspath(out))
    _check_paths(files)
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(parent), exc.strerror or str(exc)) from None
    recover_folder(out)
    _check_replaceable(out, portfolio)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{_TEMP_INFIX}", dir=parent))
    except OSError as exc:
        raise OutputError(str(parent), exc.strerror or str(exc)) from None
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700; a plan folder is shared
        _write_tree(staging, files)
        _put_in_place(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(str(out), exc.strerror or str(exc)) from None
    except BaseException:
        # KeyboardInterrupt / SystemExit from a signal handler: leave no half-written folder.
        shutil.rmtree(staging, ignore_errors=True)
        raise


def recover_folder(out: Path) -> None:
    """Clean up after a run that was killed: restore a plan left aside, drop temporary folders."""
    out = Path(os.path.abspath(out))
    parent = out.parent
    if not parent.is_dir():
        return
    asides = sorted(p for p in parent.glob(f".{out.name}{_ASIDE_INFIX}*") if _is_plan(p))
    if asides and not out.exists():
        # Killed between "old plan aside" and "new plan in": the old plan is still whole.
        os.rename(asides[-1], out)
    leftovers = sorted(parent.glob(f".{out.name}{_TEMP_INFIX}*")) + sorted(parent.glob(f".{out.name}{_ASIDE_INFIX}*"))
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)


def check_target(out: Path, portfolio: bool = False) -> None:
    """Raise ``OutputError`` now if ``out`` could not be replaced by a plan later.

    ``portfolio``: the plans of several programs, which may also replace a folder that holds
    only plan folders (``out/`` after single-program plans)."""
    _check_replaceable(Path(os.path.abspath(out)), portfolio)


def _check_paths(files: Mapping[str, bytes]) -> None:
    """Every output path is relative and stays inside the folder (ids are checked, but be sure)."""
    for name in files:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise OutputError(name, "output paths must be relative and stay inside the output folder")


def _check_replaceable(out: Path, portfolio: bool = False) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputError(str(out), "exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not _is_plan(out) and not (portfolio and _holds_plans(out)):
        raise OutputError(
            str(out), f"exists and is not a glocal plan folder (no {MARKER}); choose another --out or empty it"
        )


def _is_plan(folder: Path) -> bool:
    return (folder / MARKER).is_file() or (folder / PORTFOLIO_MARKER).is_file()


def _holds_plans(folder: Path) -> bool:
    """A folder of plan folders only (``out/`` after single-program plans): a portfolio may
    replace it (``glocal plan --all`` carries over the plans of programs it does not plan)."""
    # Hidden entries count too: replacing the folder would delete them (a .git, say).
    return all(p.is_dir() and not p.is_symlink() and _is_plan(p) for p in folder.iterdir())


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


def _put_in_place(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
    elif _exchange(staging, out):
        # ``staging`` now holds the old plan.
        shutil.rmtree(staging, ignore_errors=True)
    else:
        # rename() replaces the empty folder made by mkdtemp in one step.
        aside = Path(tempfile.mkdtemp(prefix=f".{out.name}{_ASIDE_INFIX}", dir=out.parent))
        os.rename(out, aside)
        os.rename(staging, out)
        shutil.rmtree(aside, ignore_errors=True)
    _fsync_dir(out.parent)


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
