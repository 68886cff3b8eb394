"""Small portfolio workspaces for the team tests: several programs sharing a root facilitators.yaml.

Files are written as JSON (valid YAML) through ``write_portfolio``; busy calendars as given.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.sched_factory import NO_WEIGHTS, cohort, module, person

__all__ = ["cohort", "module", "person", "program_files", "write_portfolio"]


def program_files(program_id: str, modules: list[dict[str, Any]], cohorts: list[dict[str, Any]], window: str,
                  **rollout: Any) -> dict[str, dict[str, Any]]:
    """program.yaml and rollout.yaml of one program (no facilitators: the team is shared)."""
    return {
        "program.yaml": {"id": program_id, "title": program_id.title(), "modules": modules},
        "rollout.yaml": {"program": program_id, "window": window, "objectives": dict(NO_WEIGHTS),
                         "cohorts": cohorts, **rollout},
    }


def write_portfolio(root: Path, programs: dict[str, dict[str, dict[str, Any]]], team: list[dict[str, Any]],
                    calendars: dict[str, str] | None = None) -> Path:
    """A workspace with the given programs (id -> files), a root team and busy calendars."""
    (root / "locales").mkdir(parents=True, exist_ok=True)
    (root / "facilitators.yaml").write_text(json.dumps({"facilitators": team}, indent=1), encoding="utf-8")
    for program_id, files in programs.items():
        folder = root / "programs" / program_id
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_text(json.dumps(data, indent=1), encoding="utf-8")
    for rel, text in (calendars or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return root
