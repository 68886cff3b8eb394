"""Shared fixtures: the example workspace, temp copies of it, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_PROGRAM = "leading-through-change"


EXAMPLE_PARTS = ("programs", "locales", "calendars", "facilitators.yaml")  # the example workspace


def copy_example(root: Path) -> Path:
    """Copy the example workspace (programs, locales, the shared team and its calendars) to ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for part in EXAMPLE_PARTS:
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, root / part)
        else:
            shutil.copyfile(REPO / part, root / part)
    return root


@pytest.fixture(scope="session")
def example_root() -> Path:
    """The repo root, which is the example workspace (programs/ and locales/)."""
    return REPO


def copy_example_with_organizer(root: Path) -> Path:
    """A copy of the example workspace at ``root``, with an organizer.

    The organizer is appended, so no line moves: the rules under test are not mixed with the
    "no organizer" warning of the shipped example (tests/test_check_cli.py checks that).
    """
    copy_example(root)
    for program_file in sorted((root / "programs").glob("*/program.yaml")):
        if "\norganizer:" not in program_file.read_text(encoding="utf-8"):  # the example names one
            with program_file.open("a", encoding="utf-8") as program:
                program.write("organizer: {name: Global L&D, email: learning@example.com}\n")
    return root


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the example workspace that a test may edit."""
    yield copy_example_with_organizer(tmp_path / "ws")


@pytest.fixture
def runner() -> CliRunner:
    """A click CliRunner that keeps stderr apart from stdout."""
    return CliRunner()
