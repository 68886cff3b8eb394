"""A tiny workspace factory for validator, diagnostics and property tests.

``Spec`` holds the three files of one program as plain data; ``.bundle()`` validates them
with the real models (no files needed) and ``.write(root)`` writes a workspace a CLI can load
(JSON is valid YAML). ``random_spec`` is a hypothesis strategy of small random workspaces.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from glocal.model import FacilitatorsFile, Program, Rollout, Schedule, ScheduledSession
from glocal.workspace import ProgramBundle
from glocal.workspace.yamlio import YamlDocument

PROGRAM_ID = "demo"


def module(module_id: str, duration: str = "60m", skills: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """A module of program.yaml."""
    return {"id": module_id, "title": module_id.title(), "duration": duration, "skills": skills or [], **extra}


def cohort(cohort_id: str, timezone: str, country: str, locale: str, **extra: Any) -> dict[str, Any]:
    """A cohort of rollout.yaml."""
    return {"id": cohort_id, "locale": locale, "timezone": timezone, "country": country, **extra}


def facilitator(fac_id: str, timezone: str, country: str, languages: list[str], hours: str = "09:00-17:00",
                skills: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """A facilitator of facilitators.yaml."""
    return {"id": fac_id, "name": fac_id.title(), "timezone": timezone, "country": country,
            "languages": languages, "skills": skills or [], "working_hours": hours, **extra}


@dataclass
class Spec:
    """One program's files as data: program.yaml, rollout.yaml and facilitators.yaml."""

    modules: list[dict[str, Any]]
    cohorts: list[dict[str, Any]]
    facilitators: list[dict[str, Any]]
    window: str = "2027-03-01..2027-03-31"
    granularity: str = "15m"
    defaults: dict[str, Any] = field(default_factory=lambda: {"working_hours": "09:00-17:00", "session_buffer": "15m"})

    def files(self) -> dict[str, dict[str, Any]]:
        """The three documents, keyed by file name."""
        return {
            "program.yaml": {"id": PROGRAM_ID, "title": "Demo", "modules": copy.deepcopy(self.modules)},
            "rollout.yaml": {"program": PROGRAM_ID, "window": self.window, "granularity": self.granularity,
                             "defaults": dict(self.defaults), "cohorts": copy.deepcopy(self.cohorts)},
            "facilitators.yaml": {"facilitators": copy.deepcopy(self.facilitators)},
        }

    def bundle(self) -> ProgramBundle:
        """The validated bundle, built with the real models."""
        files = self.files()
        # Documents without positions: enough for code that asks where a value came from.
        docs = {name.removesuffix(".yaml"): YamlDocument(f"programs/{PROGRAM_ID}/{name}", data) for name, data in files.items()}
        return ProgramBundle(
            Program.model_validate(files["program.yaml"]),
            Rollout.model_validate(files["rollout.yaml"]),
            list(FacilitatorsFile.model_validate(files["facilitators.yaml"]).facilitators),
            docs=docs,
        )

    def write(self, root: Path) -> Path:
        """A workspace folder holding this program; returns ``root``."""
        folder = root / "programs" / PROGRAM_ID
        folder.mkdir(parents=True, exist_ok=True)
        (root / "locales").mkdir(exist_ok=True)
        for name, data in self.files().items():
            (folder / name).write_text(json.dumps(data, indent=2), encoding="utf-8")
        return root


# ---------------------------------------------------------------- random workspaces

# (zone, country, locale) triples: DST north and south, half-hour and 45-minute offsets,
# Fri-Sat and Sat-Sun weekends.
PLACES = [
    ("America/New_York", "US-NY", "en_US"),
    ("Europe/Berlin", "DE-HE", "en_DE"),
    ("Australia/Adelaide", "AU-SA", "en_AU"),
    ("Asia/Kathmandu", "NP", "en"),
    ("Asia/Jerusalem", "IL", "en_IL"),
    ("Asia/Kolkata", "IN-KA", "en_IN"),
    ("Asia/Tokyo", "JP", "en"),
    ("America/Sao_Paulo", "BR-SP", "en"),
    ("Europe/London", "GB", "en_GB"),
]
SKILLS = ["coaching", "facilitation"]
WINDOWS = ["2027-03-08..2027-04-09", "2027-03-22..2027-04-16", "2027-10-18..2027-11-12"]


@st.composite
def _hours(draw: st.DrawFn, earliest: int = 6, latest: int = 22) -> str:
    start = draw(st.integers(earliest, latest - 3))
    end = draw(st.integers(start + 3, latest))
    return f"{start:02d}:00-{end:02d}:00"


@st.composite
def random_spec(draw: st.DrawFn) -> Spec:
    """2-4 cohorts, 2-4 facilitators, 2-3 modules in real zones, random hours, weekends and leave."""
    window = draw(st.sampled_from(WINDOWS))
    modules = [
        module(f"m{i}", draw(st.sampled_from(["45m", "60m", "90m"])), draw(st.lists(st.sampled_from(SKILLS), max_size=1, unique=True)),
               gap={"min": draw(st.sampled_from(["0m", "1d", "2d"])), "max": draw(st.sampled_from(["7d", "14d"]))},
               delivery=draw(st.sampled_from(["virtual", "virtual", "in_person", "hybrid"])))
        for i in range(draw(st.integers(2, 3)))
    ]
    first_day = dt.date.fromisoformat(window.split("..")[0])
    cohorts = []
    for i in range(draw(st.integers(2, 4))):
        tz, country, locale = draw(st.sampled_from(PLACES))
        extra: dict[str, Any] = {"working_hours": draw(_hours())}
        if draw(st.booleans()):
            extra["weekend"] = draw(st.sampled_from([["sat", "sun"], ["fri", "sat"], ["sun"]]))
        if draw(st.integers(0, 2)) == 0:
            extra["start_after"] = (first_day + dt.timedelta(days=draw(st.integers(0, 24)))).isoformat()
        cohorts.append(cohort(f"c{i}", tz, country, locale, **extra))
    facilitators = []
    cohort_places = [p for p in PLACES if any(c["timezone"] == p[0] for c in cohorts)]
    for i in range(draw(st.integers(2, 4))):
        # Mostly near a cohort, so that a fair share of the workspaces has a plan at all.
        tz, country, _ = draw(st.sampled_from(cohort_places if draw(st.integers(0, 9)) < 7 else PLACES))
        extra = {}
        if draw(st.booleans()):
            first = window.split("..")[0]
            extra["unavailable"] = [f"{first[:8]}{draw(st.integers(10, 20)):02d}"]
        if draw(st.booleans()):
            extra["max_sessions_per_day"] = draw(st.integers(1, 2))
        if draw(st.integers(0, 2)) == 0:
            extra["max_sessions_per_week"] = draw(st.integers(1, 3))
        extra["travels"] = draw(st.booleans())
        hours = draw(st.one_of(st.just("07:00-20:00"), _hours()))
        skills = SKILLS if draw(st.booleans()) else draw(st.lists(st.sampled_from(SKILLS), unique=True))
        facilitators.append(facilitator(f"f{i}", tz, country, ["en"], hours, list(skills), **extra))
    return Spec(modules, cohorts, facilitators, window=window, granularity=draw(st.sampled_from(["15m", "30m"])))


# ---------------------------------------------------------------- hand-built schedules


def session(cohort_id: str, module_id: str, fac_id: str, start: str, minutes: int) -> ScheduledSession:
    """A placed session from a UTC (or offset) ISO start and a length in minutes."""
    begin = dt.datetime.fromisoformat(start)
    return ScheduledSession(cohort=cohort_id, module=module_id, facilitator=fac_id, start=begin,
                            end=begin + dt.timedelta(minutes=minutes), index=1, count=1)


def schedule(*sessions: ScheduledSession, status: str = "feasible", program: str = PROGRAM_ID,
             reasons: list[dict[str, str]] | None = None) -> Schedule:
    """A schedule of these sessions."""
    return Schedule.model_validate({"program": program, "status": status, "sessions": list(sessions), "reasons": reasons or []})
