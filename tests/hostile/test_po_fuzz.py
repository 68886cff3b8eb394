"""Hypothesis fuzzing of the PO reader and import, in a subprocess under a memory cap.

A crash (any exception but a GlocalError, so exit 3 in the CLI) or running out of the
memory cap fails the test with hypothesis' smallest failing input.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
MEMORY_CAP = 1536 * 1024 * 1024  # address space; the import of a 5 MiB PO stays far below


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.slow
def test_every_fuzzed_po_file_is_imported_or_refused_cleanly(workspace: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(HERE / "po_fuzz.py"), str(workspace), "300"],
        capture_output=True, text=True, timeout=540, preexec_fn=_cap, check=False, cwd=HERE.parent.parent,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-6000:]
    counts = dict(part.split("=") for part in done.stdout.split())
    # Both outcomes were exercised, so the fuzzer reached the import and the refusals.
    assert int(counts["imports"]) > 0 and int(counts["errors"]) > 0, done.stdout
