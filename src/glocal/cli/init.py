"""``glocal init DIR``: a new workspace, scaffolded from the example shipped with glocal."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import click

from glocal.cli import cli
from glocal.cli.common import stderr_console
from glocal.errors import OutputError

EXAMPLE_PARTS = ("programs", "locales", "calendars", "facilitators.yaml")


@cli.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init_command(directory: Path) -> None:
    """Create a new workspace in DIRECTORY from the example program.

    Writes programs/ (two programs: a core curriculum with a rollout of nine cohorts, and a
    short program sharing its team), facilitators.yaml (the shared team), calendars/ (busy
    calendars of one facilitator) and locales/ (variants and cultural profiles) to edit for
    your own programs. DIRECTORY may
    be new or empty; glocal never overwrites files.

    \b
    Example:
      glocal init my-rollout && cd my-rollout && glocal plan --all
    """
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
