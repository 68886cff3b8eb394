"""A loaded workspace: its programs, each with its files, variants and where each part came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from glocal.errors import Problem, UsageError
from glocal.model import Facilitator, Profile, Program, Rollout, Variant
from glocal.values import suggest
from glocal.workspace.busy import BusyTime
from glocal.workspace.yamlio import YamlDocument


@dataclass
class ProgramBundle:
    """One program with everything that belongs to it, and where each part was read from."""

    program: Program
    rollout: Rollout
    facilitators: list[Facilitator]
    variants: dict[str, Variant] = field(default_factory=dict)  # POSIX locale -> variant
    docs: dict[str, YamlDocument] = field(default_factory=dict)  # "program"/"rollout"/... -> doc
    # Where the facilitators came from: the workspace's facilitators.yaml and/or the program's
    # own, each with its people in file order (rules locate problems by index in the file).
    team_files: list[tuple[YamlDocument, list[Facilitator]]] = field(default_factory=list)
    # Busy intervals (UTC) per facilitator id, read once at loading from their ``busy`` files;
    # ``glocal plan`` adds the sessions other programs' plans booked.
    busy: dict[str, list[BusyTime]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The program id."""
        return self.program.id

    def facilitator_source(self, facilitator_id: str) -> tuple[YamlDocument, int]:
        """The file and index in it where a facilitator is defined."""
        files = self.team_files or [(self.docs["facilitators"], self.facilitators)]
        for doc, people in files:
            for index, person in enumerate(people):
                if person.id == facilitator_id:
                    return doc, index
        raise KeyError(facilitator_id)

    def variant_doc(self, locale: str) -> YamlDocument:
        """The source document of a variant (for line numbers in warnings)."""
        return self.docs[f"variant:{locale}"]


@dataclass
class Workspace:
    """A loaded, validated workspace."""

    root: Path
    programs: dict[str, ProgramBundle]
    profiles: dict[str, Profile] = field(default_factory=dict)  # POSIX locale -> profile
    profile_docs: dict[str, YamlDocument] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    # False when some program of the workspace is not loaded (not asked for, or invalid):
    # rules about the shared team as a whole (someone idle in every program) then wait.
    complete: bool = True

    def bundle(self, program_id: str) -> ProgramBundle:
        """The program with this id; a UsageError naming the known ones otherwise."""
        if program_id not in self.programs:
            raise unknown_program(program_id, list(self.programs))
        return self.programs[program_id]


def unknown_program(program_id: str, known: list[str]) -> UsageError:
    """The error for a program id that is not in the workspace, with the close ones."""
    names = sorted(known)
    hint = suggest(program_id, names).removeprefix("; ") or f"known programs: {', '.join(names) or 'none'}"
    return UsageError(f"unknown program '{program_id}'", hint)
