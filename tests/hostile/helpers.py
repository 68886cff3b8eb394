"""What the hostile tests share: running ``glocal plan`` and comparing folders byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from glocal.cli import cli

from ..conftest import EXAMPLE_PROGRAM

GLOCAL = str(Path(sys.executable).parent / "glocal")
ROLLOUT = Path("programs") / EXAMPLE_PROGRAM / "rollout.yaml"
NARROW = ("window: 2027-02-01..2027-04-30", "window: 2027-02-01..2027-03-12")  # tokyo-2 cannot fit


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones too) by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def edit(workspace: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` once in the example's rollout.yaml."""
    path = workspace / ROLLOUT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def plan(runner: CliRunner, workspace: Path, *args: str) -> tuple[int, str]:
    """``glocal plan`` of the example in-process: exit status and everything it printed."""
    result = runner.invoke(cli, ["plan", EXAMPLE_PROGRAM, "--workspace", str(workspace),
                                 "--time-limit", "5", "--workers", "1", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def plan_command(workspace: Path, out: Path, *args: str) -> list[str]:
    """The command line of a real ``glocal plan`` process of the example into ``out``."""
    return [GLOCAL, "plan", EXAMPLE_PROGRAM, "--workspace", str(workspace), "--out", str(out),
            "--time-limit", "5", "--workers", "1", *args]


def run(command: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a command to its end, capturing text output."""
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
