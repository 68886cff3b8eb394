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


def check_candidate(root: Path, program_id: str, rel: str, text: str) -> tuple[Workspace | None, list[Problem]]:
    """Load ``program_id`` with ``rel`` holding ``text``; the workspace, or every problem."""
    with tempfile.TemporaryDirectory(prefix="glocal-check-") as scratch:
        shadow = Path(scratch)
        try:
            shutil.copytree(root / "programs" / program_id, shadow / "programs" / program_id, ignore=_yaml_only, ignore_dangling_symlinks=True)
            if (root / "locales").is_dir():
                shutil.copytree(root / "locales", shadow / "locales", ignore=_yaml_only, ignore_dangling_symlinks=True)
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
