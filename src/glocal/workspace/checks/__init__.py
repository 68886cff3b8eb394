"""Every rule of a workspace's files, run from one entry point: ``check_workspace``.

Each rule is a small function ``(workspace, bundle) -> list[Problem]``; one run reports every
problem at once. The rules of one file each live in ``files`` (they also run on their own when
another file of the program is invalid), the rules about people (languages, skills) in
``people``, the rules about locale variants in ``variants``; ``base`` holds what they share.
"""

from __future__ import annotations

from glocal.errors import Problem
from glocal.workspace.bundle import ProgramBundle, Workspace
from glocal.workspace.checks import files, holidays, itip, people, variants
from glocal.workspace.checks.base import Rule

__all__ = ["Rule", "check_workspace", "file_rules", "files"]


def file_rules(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """The rules of program.yaml, rollout.yaml and facilitators.yaml, each on its own."""
    docs = bundle.docs
    return [
        *files.check_program(bundle.program, docs["program"]),
        *files.check_rollout(bundle.rollout, docs["rollout"]),
        # each facilitators.yaml on its own: the workspace's team and the program's additions
        *(problem for doc, people in bundle.team_files for problem in files.check_facilitators(people, doc)),
    ]


def check_workspace(workspace: Workspace) -> list[Problem]:
    """Run every cross-file rule on every program of the workspace, and the profile rules."""
    problems: list[Problem] = variants.profile_locales(workspace)
    rules: list[Rule] = [file_rules, *people.RULES, *variants.RULES, *holidays.RULES, *itip.RULES]
    for _, bundle in sorted(workspace.programs.items()):
        for rule in rules:
            problems += rule(workspace, bundle)
    return sorted(problems, key=Problem.sort_key)
