"""``glocal init DIR``: a new workspace, scaffolded from the example shipped with glocal."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import click

from glocal.cli import cli
from glocal.cli.common import stderr_console
from glocal.errors import OutputError

EXAMPLE_PARTS = ("programs", "locales", "results", "calendars", "facilitators.yaml")


@cli.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--program", "program_id", metavar="ID", default=None,
              help="Write a blank, commented program ID (programs/ID/) instead of the example.")
def init_command(directory: Path, program_id: str | None) -> None:
    """Create a new workspace in DIRECTORY from the example program, or a blank program.

    Without --program: writes programs/ (two programs: a core curriculum with a rollout of nine
    cohorts, and a short program sharing its team), facilitators.yaml (the shared team),
    calendars/ (busy calendars of one facilitator), locales/ (variants and cultural profiles)
    and results/ (sample evaluation exports) to edit for your own programs. DIRECTORY may be
    new or empty; glocal never overwrites files.

    With --program ID: writes programs/ID/program.yaml, rollout.yaml and facilitators.yaml
    with one module, one cohort and one facilitator, every key explained in a comment; they
    pass 'glocal check' and 'glocal plan' as written. DIRECTORY may be new, empty or an
    existing workspace without a program ID.

    \b
    Examples:
      glocal init my-rollout && cd my-rollout && glocal plan --all
      glocal init my-rollout --program onboarding && glocal check onboarding -w my-rollout
    """
    if program_id is not None:
        _init_blank(directory, program_id)
        return
    if directory.exists() and any(directory.iterdir()):
        raise OutputError(str(directory), "the folder is not empty; give a new or empty folder")
    files = example_files()
    try:
        for relative, data in sorted(files.items()):
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    except OSError as exc:
        raise OutputError(str(directory), exc.strerror or str(exc)) from None
    programs = sorted({Path(p).parts[1] for p in files if p.startswith("programs/")})
    console = stderr_console()
    console.print(f"created workspace {directory} ({len(files)} files)", markup=False)
    console.print(
        "next: cd " + str(directory) + " && glocal check && glocal plan "
        + ("--all" if len(programs) > 1 else programs[0] if programs else "PROGRAM"),
        markup=False,
    )


def _init_blank(directory: Path, program_id: str) -> None:
    """Add a blank program to a new, empty or existing workspace; never overwrite anything."""
    from glocal.workspace.scaffold import blank_program_files, check_program_id

    check_program_id(program_id)
    is_workspace = (directory / "programs").is_dir()
    if directory.exists() and any(directory.iterdir()) and not is_workspace:
        raise OutputError(str(directory), "the folder is not empty and not a workspace (no programs/ folder); "
                                          "give a new or empty folder, or a workspace")
    if (directory / "programs" / program_id).exists():
        raise OutputError(str(directory / "programs" / program_id),
                          "the program exists already; choose another id or edit its files")
    files = blank_program_files(program_id, dt.date.today())
    try:
        (directory / "locales").mkdir(parents=True, exist_ok=True)  # where variants go later
        for relative, data in sorted(files.items()):
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as handle:  # "x": fails rather than overwrite
                handle.write(data)
    except OSError as exc:
        raise OutputError(str(directory), exc.strerror or str(exc)) from None
    console = stderr_console()
    console.print(f"created program {program_id} in {directory}: " + ", ".join(sorted(files)), markup=False)
    console.print(f"next: edit the files (every key is explained in them), then: cd {directory} && "
                  f"glocal check {program_id} && glocal plan {program_id}", markup=False)


def example_files() -> dict[str, bytes]:
    """The example workspace shipped in the package, as relative POSIX path -> bytes."""
    root = resources.files("glocal").joinpath("example")
    files: dict[str, bytes] = {}
    for part in EXAMPLE_PARTS:
        node = root.joinpath(part)
        if node.is_file():
            files[part] = node.read_bytes()
        else:
            _collect(node, part, files)
    return files


def _collect(node: Traversable, prefix: str, files: dict[str, bytes]) -> None:
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        path = f"{prefix}/{child.name}"
        if child.is_dir():
            _collect(child, path, files)
        elif child.is_file() and not child.name.startswith("."):
            files[path] = child.read_bytes()
