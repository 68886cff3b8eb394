"""Which output folders belong to glocal, and which files in them glocal wrote.

Every folder glocal writes holds a manifest, ``.glocal-out.json``, listing each file it wrote
with its SHA-256. That manifest is the only proof of ownership glocal accepts:

- a folder that does not exist, or is empty, may become an output folder;
- a folder with a valid manifest is glocal's; inside it, a file is glocal's only when its path
  is in the manifest *and* its bytes still have the recorded hash;
- anything else (a non-empty folder without manifest, a file, a symlink) is refused.

Inside an owned folder, everything that is not glocal's (a file the user dropped in, a file
edited since, a symlink, an empty folder) is a *foreign* entry: the writer keeps it, and
refuses the run when the new plan would overwrite it (``conflicts``). This is how package
managers treat the files under their control (pip's RECORD, dpkg's file lists): remove and
replace only what the record lists, never what someone added.

``location_problem`` refuses places no output may ever go, whatever they hold: the workspace,
any folder containing it, and its source folders ``programs/`` and ``locales/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from glocal.errors import OutputError

MANIFEST = ".glocal-out.json"
FORMAT = "glocal-out/1"
SOURCE_FOLDERS = ("programs", "locales")  # a workspace's own files: never an output
# Logs glocal appends to in place, after the plan was written (``glocal send``'s sent log,
# ``calendars.outbox.SENT_LOG``): glocal's own although the manifest cannot know their hash.
APPEND_LOGS = ("sent.jsonl",)
_MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # a manifest lists paths and hashes; more is not ours


@dataclass(frozen=True)
class Foreign:
    """An entry of an owned folder that glocal did not write (or that changed since)."""

    path: str  # relative POSIX path inside the folder
    kind: str  # "file", "symlink", "folder" or "other"
    edited: bool = False  # listed in the manifest but its bytes changed since glocal wrote it

    def describe(self) -> str:
        """How the entry is named in messages."""
        if self.edited:
            return f"{self.path} (changed since glocal wrote it)"
        what = {"file": "", "symlink": " (a symlink)", "folder": "/ (a folder)", "other": " (a special file)"}
        return f"{self.path}{what[self.kind]}"


@dataclass(frozen=True)
class Inventory:
    """What an existing output folder holds: glocal's files and everything else."""

    owned: list[str] = field(default_factory=list)
    foreign: list[Foreign] = field(default_factory=list)


def manifest_bytes(files: Mapping[str, bytes]) -> bytes:
    """The manifest for a folder holding exactly ``files``; deterministic (sorted, no times)."""
    document = {
        "format": FORMAT,
        "about": "written by glocal: the files it owns in this folder; it replaces or deletes no other file",
        "files": {name: "sha256:" + hashlib.sha256(files[name]).hexdigest() for name in sorted(files)},
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def location_problem(out: Path, workspace: Path) -> str | None:
    """Why ``out`` can never be an output folder of ``workspace`` (None when it can).

    Paths are compared after resolving symlinks, so ``--out ws/link-to-programs`` and
    ``--out ..`` are caught as well as the plain spellings.
    """
    real = Path(os.path.realpath(out))
    root = Path(os.path.realpath(workspace))
    if real == root:
        return "is the workspace itself (it holds programs/ and locales/)"
    if real in root.parents:
        return f"contains the workspace {root}"
    for name in SOURCE_FOLDERS:
        source = root / name
        if real == source or source in real.parents:
            return f"is inside the workspace's {name}/ folder (source files, not outputs)"
    return None


def check_location(out: Path, workspace: Path) -> None:
    """Raise ``OutputError`` when ``out`` is the workspace, contains it, or is inside its sources."""
    problem = location_problem(out, workspace)
    if problem is not None:
        raise OutputError(str(out), f"{problem}; choose another --out (the default is out/PROGRAM)")


def inventory(out: Path) -> Inventory:
    """Check that ``out`` is glocal's (or new, or empty) and sort its entries; ``OutputError`` if not.

    Nothing is followed: a symlink is an entry of its own, never a way out of the folder.
    """
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputError(str(out), "exists and is not a folder; choose another --out")
    if not out.exists():
        return Inventory()
    entries = entries_of(out)
    manifest = _read_manifest(out, entries)
    nested = _nested(out, entries)
    if manifest is None:
        ours = set(nested) | {n for n in entries if n.startswith(".") and n.endswith(".glocal-lock") and "/" not in n}
        if entries and not (nested and all(name in ours or kind == "folder" for name, kind in entries.items())):
            raise OutputError(
                str(out),
                f"is not a glocal plan folder: it holds files and no {MANIFEST} (glocal writes only into a "
                "new or empty folder or one it wrote before); choose another --out",
            )
        if not entries:
            return Inventory()
    # A plan folder inside (a program's plan in a portfolio) answers for its own files: its
    # manifest is newer than the outer one after that program was re-planned alone.
    manifest = {**(manifest or {}), **nested}
    owned: list[str] = []
    foreign: list[Foreign] = []
    for name, kind in sorted(entries.items()):
        if name == MANIFEST:
            continue
        if kind == "file" and name.startswith(".") and name.endswith(".glocal-lock") and "/" not in name:
            owned.append(name)  # the lock of a plan folder inside (left beside it, as documented)
        elif kind == "file" and (name in APPEND_LOGS or name.endswith("/" + APPEND_LOGS[0])):
            owned.append(name)
        elif kind == "file" and name in manifest:
            if manifest[name] in (_NESTED, "sha256:" + _hash_file(out / name)):
                owned.append(name)
            else:
                foreign.append(Foreign(name, kind, edited=True))
        elif kind == "folder":
            if not any(other.startswith(name + "/") for other in entries):
                foreign.append(Foreign(name, kind))  # an empty folder glocal never makes
        else:
            foreign.append(Foreign(name, kind))
    return Inventory(owned, foreign)


def conflicts(foreign: list[Foreign], files: Mapping[str, bytes]) -> list[Foreign]:
    """The foreign entries that writing ``files`` would overwrite (same path, or in the way of one)."""
    found = []
    for entry in foreign:
        for name in files:
            inside_entry = name.startswith(entry.path + "/") and entry.kind != "folder"
            if name == entry.path or inside_entry or entry.path.startswith(name + "/"):
                found.append(entry)
                break
    return found


def conflict_error(out: Path, clashing: list[Foreign]) -> OutputError:
    """The error for a run that would overwrite files glocal did not write."""
    names = ", ".join(entry.describe() for entry in clashing)
    return OutputError(
        str(out),
        f"holds {len(clashing)} file(s) glocal did not write where this plan writes its own: {names}; "
        "glocal never overwrites them: move them out of the folder and run again",
    )


def entries_of(root: Path) -> dict[str, str]:
    """Every entry under ``root`` by relative POSIX path, with its kind; symlinks not followed."""
    found: dict[str, str] = {}
    pending = [root]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as scan:
            for item in scan:
                path = Path(item.path)
                name = path.relative_to(root).as_posix()
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode):
                    found[name] = "symlink"
                elif stat.S_ISDIR(mode):
                    found[name] = "folder"
                    pending.append(path)
                elif stat.S_ISREG(mode):
                    found[name] = "file"
                else:
                    found[name] = "other"
    return found


_NESTED = "nested"  # a nested plan folder's own manifest: glocal's by its valid content


def _nested(out: Path, entries: Mapping[str, str]) -> dict[str, str]:
    """The files of the plan folders inside ``out`` (each with a valid manifest of its own)."""
    found: dict[str, str] = {}
    for name, kind in entries.items():
        if kind != "file" or not name.endswith("/" + MANIFEST):
            continue
        sub = name[: -len(MANIFEST) - 1]
        inner = {k[len(sub) + 1:]: v for k, v in entries.items() if k.startswith(sub + "/")}
        try:
            listed = _read_manifest(out / sub, inner)
        except OutputError:
            continue  # not glocal's: its files stay foreign
        if listed is not None:
            found.update({f"{sub}/{path}": digest for path, digest in listed.items()})
            found[name] = _NESTED
    return found


def _read_manifest(out: Path, entries: Mapping[str, str]) -> dict[str, str] | None:
    """The manifest's ``path -> sha256:...`` map; None without one; OutputError when it is not ours."""
    kind = entries.get(MANIFEST)
    if kind is None:
        return None
    path = out / MANIFEST
    bad = OutputError(str(path), f"is not a manifest written by glocal ({FORMAT}); the folder is not "
                                 "glocal's: choose another --out")
    if kind != "file" or path.stat().st_size > _MAX_MANIFEST_BYTES:
        raise bad
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise bad
    files = document.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(name, str) and isinstance(digest, str) and _safe(name) for name, digest in files.items()
    ):
        raise bad
    return dict(files)


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(path.parts) and not path.is_absolute() and ".." not in path.parts


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
