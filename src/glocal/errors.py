"""The GlocalError tree.

Every error carries its data (paths, positions, ids) and builds its own message, so the
library never formats text for a terminal and the CLI turns each error into output and an
exit status in one place (``glocal.cli``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: errors stop a run, warnings are reported and allowed."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a workspace file; ``path`` is relative to the workspace root.

    ``line`` and ``column`` are 1-based; 0 means "the whole file" (e.g. unreadable files).
    """

    path: str
    line: int = 0
    column: int = 0  # 0 with a line: the whole line (a CSV record), shown as ``path:line``

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        if self.column <= 0:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in the input, with where it is and what would be right."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR
    code: str = "invalid"

    @property
    def is_error(self) -> bool:
        """True for problems that make the input invalid."""
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        """Problems are shown sorted by file, then line, then column."""
        loc = self.location
        return (loc.path, loc.line, loc.column, self.message)

    def __str__(self) -> str:
        prefix = "" if self.is_error else "warning: "
        return f"{self.location}: {prefix}{self.message}"


class GlocalError(Exception):
    """Base of every error glocal raises on purpose; the CLI maps each to an exit status."""

    exit_status: int = 2

    def __str__(self) -> str:
        return self.message()

    def message(self) -> str:
        """The human-readable message built from the error's data."""
        return self.__class__.__name__


@dataclass
class InputError(GlocalError):
    """The workspace files are invalid: every problem found in one run, sorted."""

    problems: list[Problem] = field(default_factory=list)
    exit_status: int = 2

    def __post_init__(self) -> None:
        self.problems = sorted(self.problems, key=Problem.sort_key)

    def message(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        """Only the problems of error severity."""
        return [p for p in self.problems if p.is_error]


@dataclass
class UsageError(GlocalError):
    """A command was called with arguments that cannot work (unknown program, bad path)."""

    what: str
    hint: str = ""
    exit_status: int = 2

    def message(self) -> str:
        return f"{self.what}; {self.hint}" if self.hint else self.what


@dataclass(frozen=True)
class Reason:
    """Why a plan is infeasible, in a coordinator's terms.

    ``rule`` names the rule (e.g. ``language``, ``working-hours``, ``gap``); the other fields
    name whatever the rule is about, so reports can link and group them.
    """

    rule: str
    text: str
    cohort: str | None = None
    module: str | None = None
    facilitator: str | None = None
    date: str | None = None

    def __str__(self) -> str:
        return self.text


@dataclass
class InfeasibleError(GlocalError):
    """No plan satisfies every hard rule; ``reasons`` say which rules conflict."""

    program: str
    reasons: list[Reason] = field(default_factory=list)
    exit_status: int = 1

    def message(self) -> str:
        lines = [f"no plan for {self.program} satisfies every rule:"]
        lines += [f"  - {r.text}" for r in self.reasons] or ["  - (the solver gave no reason)"]
        return "\n".join(lines)


@dataclass
class OutputError(GlocalError):
    """Writing outputs failed (permissions, disk); the previous outputs are left untouched."""

    path: str
    why: str
    exit_status: int = 2

    def message(self) -> str:
        return f"{self.path}: cannot write output: {self.why}"
