"""The shipped example workspace loads unchanged and equals ../shared/examples."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from glocal.loading import load_workspace

from .conftest import EXAMPLE_PROGRAM, REPO

SHARED = REPO.parent / "shared" / "examples"


def test_example_loads(example_root: Path) -> None:
    workspace = load_workspace(example_root, [EXAMPLE_PROGRAM])
    bundle = workspace.bundle(EXAMPLE_PROGRAM)
    assert [m.id for m in bundle.program.modules] == [
        "foundations", "coaching", "feedback", "resistance", "team-simulation", "capstone",
    ]
    assert len(bundle.rollout.cohorts) == 9
    assert len(bundle.facilitators) == 14
    assert set(bundle.variants) == {"ar", "de", "ja", "nb", "pt", "pt_BR"}
    assert set(workspace.profiles) == {"ar_AE", "ja_JP"}


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/examples not beside the repo")
def test_shipped_example_is_the_shared_one() -> None:
    for sub in ("programs", "locales"):
        # evaluation.yaml (glocal evaluate's mapping of the sample results) is the repository's
        # addition to the shared example; everything the shared example has must be the same.
        cmp = filecmp.dircmp(SHARED / sub, REPO / sub, ignore=[*filecmp.DEFAULT_IGNORES, "evaluation.yaml"])
        stack = [cmp]
        while stack:
            current = stack.pop()
            assert not current.left_only and not current.right_only and not current.diff_files, current.report()
            stack.extend(current.subdirs.values())
