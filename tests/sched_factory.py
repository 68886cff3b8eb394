"""Small ProgramBundles built in Python for the scheduler tests.

Values go through the same pydantic models as workspace files, so ``"90m"``, ``"09:00-17:00"``
and ``"US-NY"`` are parsed exactly as a user's YAML would be.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path
from typing import Any

from glocal.model import Facilitator
from glocal.scheduling import SolveOptions
from glocal.workspace import ProgramBundle, load_workspace

QUICK = SolveOptions(time_limit=5, seed=0, workers=1)
NO_WEIGHTS = {
    "cohort_preferred_hours": 0, "facilitator_preferred_hours": 0, "facilitator_continuity": 0,
    "load_balance": 0, "weekly_rhythm": 0, "early_finish": 0, "moved_session": 0,
}


def module(id: str, duration: str = "60m", **extra: Any) -> dict[str, Any]:
    """A module dict (``skills``, ``after``, ``gap``, ``delivery`` as extra keys)."""
    return {"id": id, "title": id.title(), "duration": duration, **extra}


def cohort(id: str, timezone: str, country: str, locale: str, **extra: Any) -> dict[str, Any]:
    """A cohort dict."""
    return {"id": id, "locale": locale, "timezone": timezone, "country": country, **extra}


def person(
    id: str, timezone: str, country: str, languages: list[str], hours: str = "00:00-24:00", **extra: Any
) -> dict[str, Any]:
    """A facilitator dict (skills default to none; weekend to the CLDR one)."""
    return {"id": id, "name": id.title(), "timezone": timezone, "country": country,
            "languages": languages, "working_hours": hours, **extra}


def bundle(
    modules: list[dict[str, Any]],
    cohorts: list[dict[str, Any]],
    people: list[dict[str, Any]],
    window: str,
    granularity: str = "15m",
    objectives: dict[str, int] | None = None,
    defaults: dict[str, Any] | None = None,
) -> ProgramBundle:
    """A bundle loaded from a temporary workspace (JSON is YAML), exactly as users' files are.

    Objectives default to all-zero weights unless given.
    """
    files = {
        "program.yaml": {"id": "test", "title": "Test", "modules": modules},
        "rollout.yaml": {
            "program": "test", "window": window, "granularity": granularity, "defaults": defaults or {},
            "objectives": {**NO_WEIGHTS, **(objectives or {})}, "cohorts": cohorts,
        },
        "facilitators.yaml": {"facilitators": people},
    }
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "locales").mkdir()
        (root / "programs" / "test").mkdir(parents=True)
        for name, data in files.items():
            (root / "programs" / "test" / name).write_text(json.dumps(data), encoding="utf-8")
        return load_workspace(root).bundle("test")


def with_people(base: ProgramBundle, people: list[dict[str, Any]]) -> ProgramBundle:
    """The bundle with other facilitators, bypassing the loader's cross-file checks.

    For solver tests of rules that ``glocal check`` would already reject: the solver must
    still answer "infeasible, because ..." rather than fail.
    """
    return dataclasses.replace(base, facilitators=[Facilitator.model_validate(p) for p in people])
