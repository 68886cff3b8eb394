"""Cross-file rules of a workspace: everything one file's model cannot see on its own.

Each rule is a small function ``(workspace, bundle) -> list[Problem]`` registered in
``RULES``; ``check_workspace`` runs them all so one run reports every problem at once.
The rules of one file each live in ``glocal.checks_files`` (they also run on their own when
another file of the program is invalid), the rules about people (languages, skills) in
``glocal.checks_people``, the rules about locale variants in ``glocal.checks_variants``; this
module holds the registry and the helpers the rules share.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from glocal.errors import Problem, Severity
from glocal.yamlio import KeyPath, YamlDocument

if TYPE_CHECKING:
    from glocal.loading import ProgramBundle, Workspace

Rule = Callable[["Workspace", "ProgramBundle"], list[Problem]]


def problem_at(doc: YamlDocument, path: KeyPath, message: str, *, key: bool = False,
               code: str = "invalid", warning: bool = False) -> Problem:
    """A problem located at ``path`` in ``doc`` (its key when ``key`` is true)."""
    severity = Severity.WARNING if warning else Severity.ERROR
    return Problem(doc.location(path, key=key), message, severity, code)


def folder_id(bundle: ProgramBundle) -> str:
    """The program id the files are filed under: the name of the program folder."""
    return bundle.docs["program"].path.split("/")[1]


def file_rules(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """The rules of program.yaml, rollout.yaml and facilitators.yaml, each on its own."""
    from glocal import checks_files

    docs = bundle.docs
    return [
        *checks_files.check_program(bundle.program, docs["program"]),
        *checks_files.check_rollout(bundle.rollout, docs["rollout"]),
        *checks_files.check_facilitators(bundle.facilitators, docs["facilitators"]),
    ]


RULES: list[Rule] = [file_rules]


def _all_rules() -> list[Rule]:
    from glocal import checks_itip, checks_people, checks_variants

    return [*RULES, *checks_people.RULES, *checks_variants.RULES, *checks_itip.RULES]


def check_workspace(workspace: Workspace) -> list[Problem]:
    """Run every cross-file rule on every program of the workspace, and the profile rules."""
    from glocal import checks_variants

    problems: list[Problem] = checks_variants.profile_locales(workspace)
    rules = _all_rules()
    for _, bundle in sorted(workspace.programs.items()):
        for rule in rules:
            problems += rule(workspace, bundle)
    return sorted(problems, key=Problem.sort_key)
