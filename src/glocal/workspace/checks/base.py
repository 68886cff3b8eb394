"""What the rules of a workspace share: the rule signature and how a problem is located."""

from __future__ import annotations

from collections.abc import Callable

from glocal.errors import Problem, Severity
from glocal.workspace.bundle import ProgramBundle, Workspace
from glocal.workspace.yamlio import KeyPath, YamlDocument

Rule = Callable[[Workspace, ProgramBundle], list[Problem]]


def problem_at(doc: YamlDocument, path: KeyPath, message: str, *, key: bool = False,
               code: str = "invalid", warning: bool = False) -> Problem:
    """A problem located at ``path`` in ``doc`` (its key when ``key`` is true)."""
    severity = Severity.WARNING if warning else Severity.ERROR
    return Problem(doc.location(path, key=key), message, severity, code)


def folder_id(bundle: ProgramBundle) -> str:
    """The program id the files are filed under: the name of the program folder."""
    return bundle.docs["program"].path.split("/")[1]
