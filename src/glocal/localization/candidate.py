"""Would ``glocal check`` accept the workspace with this file changed? Ask before writing.

An import must never store what the next ``glocal check`` rejects (a text too big for the
file limit, a key the core does not have...). The candidate text is checked by the very loader
and rules ``check`` uses, on a scratch copy of the program's files and the locale folders,
so no rule is restated here and the real workspace is not touched.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from glocal.errors import InputError, Problem, UsageError
from glocal.workspace import Workspace, load_workspace


def _yaml_only(folder: str, names: list[str]) -> set[str]:
    """Copy folders and YAML files only; other files play no part in a check."""
    return {n for n in names if not n.endswith(".yaml") and not (Path(folder) / n).is_dir()}


def _busy_files(root: Path, program_id: str) -> list[Path]:
    """The busy calendars the team files name (inside the workspace; the check reports the rest)."""
    from ruamel.yaml import YAML

    found: set[Path] = set()
    for team in (root / "facilitators.yaml", root / "programs" / program_id / "facilitators.yaml"):
        try:
            data = YAML(typ="safe").load(team.read_text(encoding="utf-8")) if team.is_file() else None
        except Exception:  # noqa: BLE001, S112 - an unreadable team file is the check's to report
            continue
        people = data.get("facilitators") if isinstance(data, dict) else None
        for person in people if isinstance(people, list) else []:
            busy = person.get("busy") if isinstance(person, dict) else None
            for name in busy if isinstance(busy, list) else []:
                path = (root / str(name)).resolve()
                if path.is_file() and path.is_relative_to(root.resolve()):
                    found.add(path.relative_to(root.resolve()))
    return sorted(found)


def check_candidate(root: Path, program_id: str, rel: str, text: str) -> tuple[Workspace | None, list[Problem]]:
    """Load ``program_id`` with ``rel`` holding ``text``; the workspace, or every problem."""
    with tempfile.TemporaryDirectory(prefix="glocal-check-") as scratch:
        shadow = Path(scratch)
        try:
            shutil.copytree(root / "programs" / program_id, shadow / "programs" / program_id, ignore=_yaml_only, ignore_dangling_symlinks=True)
            if (root / "locales").is_dir():
                shutil.copytree(root / "locales", shadow / "locales", ignore=_yaml_only, ignore_dangling_symlinks=True)
            # the workspace's shared team, and the busy calendars its people name (read by the check)
            if (root / "facilitators.yaml").is_file():
                shutil.copyfile(root / "facilitators.yaml", shadow / "facilitators.yaml")
            for relative in _busy_files(root, program_id):
                (shadow / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / relative, shadow / relative)
        except (OSError, shutil.Error) as exc:
            raise UsageError(f"cannot check the result before writing it: {exc}", "make the workspace files readable, then run this again") from None
        target = shadow / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # a copied link must not carry the text elsewhere
        target.write_bytes(text.encode("utf-8"))
        try:
            return load_workspace(shadow, [program_id]), []
        except InputError as exc:
            return None, exc.problems
