"""Helpers for tests that break a copy of the example workspace and read the problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.errors import InputError
from glocal.workspace import Workspace, load_workspace

EXAMPLE = "leading-through-change"
PROGRAM = "programs/leading-through-change/program.yaml"
ROLLOUT = "programs/leading-through-change/rollout.yaml"
TEAM = "facilitators.yaml"


def edit(root: Path, rel: str, old: str, new: str, *, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a workspace file; ``old`` must occur exactly ``count`` times."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors(root: Path, only: list[str] | None = None) -> list[str]:
    """The problems (as printed) that make loading the workspace fail."""
    with pytest.raises(InputError) as caught:
        load_workspace(root, only)
    return [str(p) for p in caught.value.problems]


def warnings(root: Path, only: list[str] | None = None) -> list[str]:
    """The warnings of a workspace that loads."""
    workspace: Workspace = load_workspace(root, only)
    return [str(p) for p in workspace.warnings]


def outcome(root: Path, edits: list[tuple[str, str, str]], kind: str) -> list[str]:
    """Apply a rule case's edits, then the error lines (``kind`` 'e') or the warning lines ('w')."""
    for rel, old, new in edits:
        edit(root, rel, old, new)
    return errors(root) if kind == "e" else warnings(root)
