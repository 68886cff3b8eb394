"""The shipped example workspace loads unchanged."""

from __future__ import annotations

from pathlib import Path

from glocal.workspace import load_workspace

from .conftest import EXAMPLE_PROGRAM


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
