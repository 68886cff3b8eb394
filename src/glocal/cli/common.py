"""What every command shares: error mapping, the --workspace option, output helpers."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

from glocal.errors import GlocalError, InputError, Problem

if TYPE_CHECKING:  # loading the workspace code (pydantic models) waits until a command needs it
    from glocal.workspace import Workspace
    from glocal.workspace.discovery import Target

F = TypeVar("F", bound=Callable[..., Any])


def stderr_console() -> Console:
    """A console for messages; plain text when not a terminal (stable for scripts and tests)."""
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def stdout_console() -> Console:
    """A console for results."""
    return Console(highlight=False, soft_wrap=True, emoji=False)


_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code != 0x09}


def printable(text: str) -> str:
    """Text with control characters escaped: file contents echoed in messages must never
    move the cursor, change colours or split one problem over several lines."""
    return text.translate(_CONTROL)


def print_problems(problems: list[Problem]) -> None:
    """Print problems one per line, ``path:line:column: message``; errors before the summary."""
    console = stderr_console()
    for problem in sorted(problems, key=Problem.sort_key):
        style = "red" if problem.is_error else "yellow"
        console.print(printable(str(problem)), style=style, markup=False)


class GlocalGroup(click.Group):
    """A click group that turns library errors into messages and exit statuses, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            print_problems(exc.problems)
            n = len(exc.errors)
            stderr_console().print(f"{n} error{'s' if n != 1 else ''}; nothing was written", style="red", markup=False)
            ctx.exit(exc.exit_status)
        except GlocalError as exc:
            stderr_console().print(printable(f"glocal: {exc.message()}"), style="red", markup=False)
            ctx.exit(exc.exit_status)
        except OSError as exc:
            # Unreadable folders (permissions, vanished files) are the user's input, not a bug.
            where = f"{exc.filename}: " if exc.filename else ""
            stderr_console().print(printable(f"glocal: {where}{exc.strerror or exc}"), style="red", markup=False)
            ctx.exit(2)
        except KeyboardInterrupt:
            stderr_console().print("glocal: interrupted; nothing was written", style="red", markup=False)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("GLOCAL_DEBUG"):
                raise
            stderr_console().print(
                f"glocal: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in glocal; run again with GLOCAL_DEBUG=1 for details and report it.",
                style="red", markup=False,
            )
            ctx.exit(3)
        return None


class SafePath(click.Path):
    """A click path that reports unusable text (a NUL byte) as a usage error, not a crash."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except ValueError as exc:  # os.stat refuses embedded NUL bytes with ValueError
            self.fail(f"{value!r} is not a usable path ({exc})", param, ctx)


def workspace_option(func: F) -> F:
    """``--workspace DIR``: the workspace root (default: the current folder)."""
    return click.option(
        "--workspace", "-w", "workspace",
        type=SafePath(file_okay=False, path_type=Path),
        default=Path("."), show_default=True,
        help="Workspace folder holding programs/ and locales/.",
    )(func)


def program_target(program: str | None, workspace: Path) -> Target:
    """The workspace root and program ids named by PROGRAM and ``--workspace``.

    PROGRAM may be an id or a path to ``<workspace>/programs/<id>``; given as a path, it
    finds its workspace two levels up unless ``--workspace`` was given on the command line.
    """
    from glocal.workspace.discovery import resolve_target

    source = click.get_current_context().get_parameter_source("workspace")
    given = workspace if source is not click.core.ParameterSource.DEFAULT else None
    return resolve_target(program, given)


def load_checked(target: Target) -> Workspace:
    """Load the target's programs and run the localization rules too (as ``glocal check``).

    Orphaned translations are errors (InputError, exit 2); cultural-fit clashes are warnings
    that travel with the returned workspace.
    """
    from glocal.localization.rules import localization_problems
    from glocal.workspace import load_workspace

    loaded = load_workspace(target.root, target.programs)
    found = localization_problems(loaded)
    if any(problem.is_error for problem in found):
        raise InputError([*loaded.warnings, *found])
    loaded.warnings = sorted(dict.fromkeys([*loaded.warnings, *found]), key=Problem.sort_key)
    return loaded


def is_terminal() -> bool:
    """True when stdout is an interactive terminal."""
    return sys.stdout.isatty()
