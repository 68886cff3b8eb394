"""Cross-file rules of a workspace: everything one file's model cannot see on its own.

Each rule is a small function ``(workspace, bundle) -> list[Problem]`` registered in
``RULES``; ``check_workspace`` runs them all so one run reports every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from glocal.errors import Problem

if TYPE_CHECKING:
    from glocal.loading import ProgramBundle, Workspace

Rule = Callable[["Workspace", "ProgramBundle"], list[Problem]]


def program_id_matches_folder(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """``id`` in program.yaml must equal the program's folder name."""
    doc = bundle.docs["program"]
    folder = doc.path.split("/")[1]
    if bundle.program.id == folder:
        return []
    return [Problem(doc.location(("id",)), f"program id '{bundle.program.id}' differs from its folder '{folder}'; make them equal")]


RULES: list[Rule] = [program_id_matches_folder]


def check_workspace(workspace: Workspace) -> list[Problem]:
    """Run every cross-file rule on every program of the workspace."""
    problems: list[Problem] = []
    for bundle in workspace.programs.values():
        for rule in RULES:
            problems += rule(workspace, bundle)
    return problems
