"""The key tables of docs/formats.md, generated from the pydantic models so they cannot drift.

``python scripts/gen_formats.py`` rewrites every block between ``<!-- keys:NAME -->`` and
``<!-- /keys -->`` in docs/formats.md; ``tests/test_formats_doc.py`` fails when the page is
not what this script writes, or when a model key has no description here.
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from glocal import model as m

DOC = Path(__file__).resolve().parent.parent / "docs" / "formats.md"

# block name -> the models it documents, each with the key path it sits under
BLOCKS: dict[str, list[tuple[str, type[BaseModel]]]] = {
    "program": [("", m.Program), ("objectives[]", m.Objective), ("evaluation[]", m.Evaluation),
                ("modules[]", m.Module), ("modules[].gap", m.Gap),
                ("modules[].activities[]", m.Activity), ("adaptation", m.Adaptation)],
    "rollout": [("", m.Rollout), ("defaults", m.CohortDefaults), ("organizer", m.Organizer),
                ("objectives", m.ObjectiveWeights), ("cohorts[]", m.Cohort),
                ("cohorts[].participants[]", m.Participant)],
    "facilitators": [("", m.FacilitatorsFile), ("facilitators[]", m.Facilitator),
                     ("facilitators[].unavailable[]", m.Unavailability)],
    "variant": [("", m.Variant), ("objectives.<objective>", m.ObjectiveVariant),
                ("evaluation.<level>", m.EvaluationVariant), ("modules.<module>", m.ModuleVariant),
                ("modules.<module>.activities.<activity>", m.ActivityVariant)],
    "profile": [("", m.Profile)],
    "schedule": [("", m.Schedule), ("sessions[]", m.ScheduledSession), ("reasons[]", m.ReasonRecord),
                 ("cancelled[]", m.CancelledSession)],
}

TYPE_WORDS = {
    "Id": "id", "Minutes": "duration", "TimeRangeValue": "time range", "DateRangeValue": "date range",
    "DateValue": "date", "LocaleId": "locale", "Language": "language", "TimeZone": "time zone",
    "CountryValue": "country", "Weekday": "weekday", "Percent": "percentage", "str": "text",
    "int": "integer", "float": "number", "bool": "true/false", "dt.datetime": "instant (ISO 8601)",
    "Line": "text (one line)", "Paragraph": "text (lines allowed)", "Weight": "integer 0-1 000 000",
    "Horizon": "date range (at most 731 days)",
    "Any": "any", "Delivery": "`virtual` / `in_person` / `hybrid`", "Status": "status",
}

DESCRIPTIONS: dict[str, str] = {
    # program.yaml
    "Program.id": "the program id; must equal the folder name",
    "Program.version": "the core's version; bump it when the core changes (variants record `based_on`)",
    "Program.title": "the program's title in the source language",
    "Program.summary": "one or two sentences about the program",
    "Program.source_locale": "the language the core is written in",
    "Program.objectives": "learning objectives; global, locked for variants by default",
    "Program.evaluation": "Kirkpatrick instruments (levels 1-4), each may put a follow-up on calendars",
    "Program.modules": "the modules, delivered in this order unless `after` says otherwise",
    "Program.adaptation": "what locale variants may change",
    "Objective.id": "unique within the program",
    "Objective.text": "the objective",
    "Evaluation.level": "Kirkpatrick level: 1 reaction, 2 learning, 3 behaviour, 4 results",
    "Evaluation.instrument": "what is used (survey, test, checklist)",
    "Evaluation.when": "`after-each-session`, `after-first-session` or `after-last-session`, "
                       "optionally with an offset (`60d after-last-session`, `8w ...`)",
    "Module.id": "unique within the program",
    "Module.title": "the module's title",
    "Module.description": "what the module is about",
    "Module.duration": "length of its one facilitator-led session per cohort (1 minute to 24 hours)",
    "Module.delivery": "how it is delivered; `in_person` and `hybrid` need a facilitator in the "
                       "cohort's country or one who travels",
    "Module.skills": "a facilitator must hold all of these",
    "Module.after": "the module it follows (default: the module listed before it)",
    "Module.gap": "time between the end of `after` and this module's start",
    "Module.activities": "the activities of the session",
    "Gap.min": "least time between the two sessions",
    "Gap.max": "most time between the two sessions (none: no limit)",
    "Activity.id": "unique within the module",
    "Activity.title": "the activity's title",
    "Activity.description": "what happens",
    "Activity.minutes": "its length; all activities together fit in the module (1 to 1440)",
    "Activity.styles": "teaching styles, matched against cultural profiles' `avoid_styles`",
    "Activity.note": "a note for facilitators",
    "Adaptation.locked": "fields or dotted paths variants may not change (see below)",
    "Adaptation.duration_tolerance": "how far a variant may change a module's duration",
    # rollout.yaml
    "Rollout.program": "the program id (its folder name)",
    "Rollout.window": "every session starts and ends inside it, in cohort-local dates",
    "Rollout.granularity": "start times are multiples of this, cohort-local; must divide a day",
    "Rollout.defaults": "defaults for every cohort",
    "Rollout.organizer": "who sends calendar invites (ORGANIZER of every invitation and cancellation); "
                         "overrides program.yaml's; keep the same mailbox for every re-plan",
    "Program.organizer": "the coordinator's mailbox, ORGANIZER of every invite and cancellation of the "
                         "program; without it (here or in rollout.yaml) no REQUEST/CANCEL files are written",
    "Rollout.objectives": "weights of the scheduler's soft goals",
    "Rollout.cohorts": "the cohorts that take the program",
    "CohortDefaults.working_hours": "hard: sessions lie wholly inside, on working days",
    "CohortDefaults.preferred_hours": "soft: the solver prefers these",
    "CohortDefaults.session_buffer": "a facilitator's least rest between two sessions",
    "Organizer.name": "shown as the organizer's name",
    "Organizer.email": "the mailbox invitations come from and replies go to",
    "ObjectiveWeights.cohort_preferred_hours": "per 15 minutes of a session outside the cohort's preferred hours",
    "ObjectiveWeights.facilitator_preferred_hours": "per 15 minutes outside the facilitator's preferred hours",
    "ObjectiveWeights.facilitator_continuity": "per extra facilitator a cohort meets",
    "ObjectiveWeights.load_balance": "per session of the busiest facilitator's peak",
    "ObjectiveWeights.weekly_rhythm": "per change of weekday or time between a cohort's sessions",
    "ObjectiveWeights.early_finish": "per day a cohort's last session ends after its earliest possible end",
    "ObjectiveWeights.moved_session": "per session moved from the previous plan (re-planning)",
    "Cohort.id": "unique within the rollout",
    "Cohort.locale": "delivery language and variant chain (`ja_JP` -> `ja` -> core)",
    "Cohort.timezone": "the cohort's time zone",
    "Cohort.country": "its public holidays are not working days",
    "Cohort.size": "number of participants (for the report and response rates)",
    "Cohort.working_hours": "overrides `defaults.working_hours`",
    "Cohort.preferred_hours": "overrides `defaults.preferred_hours`",
    "Cohort.weekend": "default: the CLDR weekend of the locale's territory / country",
    "Cohort.start_after": "no session of this cohort before this date",
    "Cohort.participants": "with e-mails, calendars become invitations",
    "Cohort.join_url": "`http(s)://` link of virtual sessions",
    "Cohort.venue": "where in-person sessions take place",
    "Cohort.priority": "0-1000: when not every cohort can be placed whole, a cohort counts 1 + priority",
    "Participant.name": "the participant's name",
    "Participant.email": "where invitations go",
    # facilitators.yaml
    "FacilitatorsFile.facilitators": "the team (at the workspace root: shared by every program)",
    "Facilitator.id": "unique within the team",
    "Facilitator.name": "the facilitator's name",
    "Facilitator.email": "where invitations and cancellations go",
    "Facilitator.timezone": "their time zone; working hours are in it",
    "Facilitator.country": "their public holidays are days off",
    "Facilitator.languages": "languages they can deliver in",
    "Facilitator.skills": "skills they hold (modules list what they need)",
    "Facilitator.working_hours": "hard, in their own time zone, on their working days",
    "Facilitator.preferred_hours": "soft, in their own time zone",
    "Facilitator.weekend": "default: the CLDR weekend of their country's territory",
    "Facilitator.max_sessions_per_week": "at most this many sessions in one of their weeks",
    "Facilitator.max_sessions_per_day": "at most this many sessions on one of their days",
    "Facilitator.unavailable": "leave and other commitments: a date, a date range, or `{date, hours}`",
    "Facilitator.travels": "`in_person` sessions only in their own country unless true",
    "Facilitator.busy": "their calendar exports (.ics, paths from the workspace root): busy time is a hard rule",
    "Unavailability.date": "the day or days",
    "Unavailability.hours": "only these hours of those days (default: the whole day)",
    # variant
    "Variant.program": "the program this variant adapts",
    "Variant.based_on": "the core version this variant was last reviewed against",
    "Variant.title": "translated program title",
    "Variant.summary": "translated summary",
    "Variant.modules": "per core module id: what this locale changes",
    "Variant.objectives": "per core objective id: its text in this locale (meaning stays locked)",
    "Variant.evaluation": "per core level (`1`-`4`): its instrument in this locale (level and `when` stay locked)",
    "ObjectiveVariant.text": "translated objective text",
    "ObjectiveVariant.id": "not adaptable: read only to report it as locked",
    "EvaluationVariant.instrument": "translated instrument name (calendars, follow-ups, report)",
    "EvaluationVariant.level": "not adaptable: read only to report it as locked",
    "EvaluationVariant.when": "not adaptable: read only to report it as locked",
    "Variant.sources": "field path -> short hash of the core text it was translated from "
                       "(written by `glocal locales stamp`)",
    "Variant.acknowledged": "`<module>/<activity>` -> why a cultural-fit clash is accepted",
    "ModuleVariant.title": "translated title",
    "ModuleVariant.description": "translated description",
    "ModuleVariant.duration": "adapted duration, within the core's `duration_tolerance`",
    "ModuleVariant.activities": "per core activity id: what this locale changes",
    "ActivityVariant.title": "translated title",
    "ActivityVariant.description": "translated description",
    "ActivityVariant.minutes": "adapted length",
    "ActivityVariant.styles": "adapted styles (e.g. debate replaced by consensus building)",
    "ActivityVariant.note": "why it was adapted, for facilitators",
    # profile
    "Profile.locale": "the locale of the folder",
    "Profile.avoid_styles": "core activities with these styles need an adaptation or an acknowledgement",
    "Profile.prefer_styles": "styles that work well here",
    # schedule.json
    "Schedule.program": "the program id",
    "Schedule.status": "`optimal`, `feasible` or `infeasible`",
    "Schedule.objective": "the plan's total soft cost",
    "Schedule.best_bound": "the best proven lower bound of that cost",
    "Schedule.gap": "(objective - bound) / objective",
    "Schedule.solve_seconds": "wall-clock seconds the solve took",
    "Schedule.seed": "the solver seed (same input and seed, same plan)",
    "Schedule.costs": "total per soft term",
    "Schedule.sessions": "the placed sessions",
    "Schedule.reasons": "why no (complete) plan exists, in the coordinator's terms",
    "Schedule.cancelled": "sessions of the previous plan that no longer exist",
    "Schedule.unplaced": "partial plans: every session not placed, with its reason (below)",
    "Schedule.suggestions": "partial plans: measured changes that would place more, best first (below)",
    "ScheduledSession.cohort": "cohort id",
    "ScheduledSession.module": "module id",
    "ScheduledSession.facilitator": "facilitator id",
    "ScheduledSession.start": "UTC instant",
    "ScheduledSession.end": "UTC instant",
    "ScheduledSession.index": "session N of M within the cohort",
    "ScheduledSession.count": "M, the cohort's number of sessions",
    "ScheduledSession.cohort_local_start": "start in the cohort's zone, with offset",
    "ScheduledSession.cohort_local_end": "end in the cohort's zone, with offset",
    "ScheduledSession.facilitator_local_start": "start in the facilitator's zone, with offset",
    "ScheduledSession.facilitator_local_end": "end in the facilitator's zone, with offset",
    "ScheduledSession.costs": "this session's soft costs per term",
    "ScheduledSession.sequence": "iCalendar SEQUENCE of its invitation",
    "ScheduledSession.moved": "true when it moved from the previous plan",
    "ScheduledSession.tentative": "partial plans: a session of a cohort not placed whole (never invited)",
    "ScheduledSession.stamp": "its iCalendar DTSTAMP (derived from the plans, never the clock)",
    "ScheduledSession.revision": "a digest per aspect an attendee sees (time, facilitator, venue, text, attendees)",
    "ScheduledSession.attendees": "who was invited (`{name, email, role}`)",
    "ScheduledSession.removed": "who was taken off this session (they get a CANCEL)",
    "Schedule.changes": "what changed since the previous plan (as in changes.json, without `send`)",
    "CancelledSession.stamp": "DTSTAMP of the cancellation",
    "CancelledSession.attendees": "who receives the cancellation",
    "ReasonRecord.rule": "the rule that cannot be met",
    "ReasonRecord.text": "what to change, in words",
    "ReasonRecord.cohort": "the cohort concerned",
    "ReasonRecord.module": "the module concerned",
    "ReasonRecord.facilitator": "the facilitator concerned",
    "ReasonRecord.date": "the date concerned",
    "CancelledSession.cohort": "cohort id",
    "CancelledSession.module": "module id",
    "CancelledSession.start": "UTC instant it had",
    "CancelledSession.end": "UTC instant it had",
    "CancelledSession.sequence": "SEQUENCE of the cancellation",
    "CancelledSession.facilitator": "who was to deliver it",
}


# keys whose model type is not what a user writes
TYPE_OVERRIDES = {
    "Evaluation.when": "text",
    "Facilitator.unavailable": "list of date, date range or `{date, hours}`",
}


def _type(annotation: str) -> str:
    text = annotation.replace(" | None", "")
    for name in sorted(TYPE_WORDS, key=len, reverse=True):
        text = re.sub(rf"(?<![\w.]){re.escape(name)}(?!\w)", TYPE_WORDS[name], text)
    text = re.sub(r"Annotated\[(.+?), BeforeValidator\(\w+\)\]", r"\1", text)
    text = re.sub(r"list\[(.+)\]", r"list of \1", text)
    text = re.sub(r"dict\[(.+?), (.+)\]", r"\1 -> \2", text)
    for name in dir(m):
        if isinstance(getattr(m, name), type) and issubclass(getattr(m, name), BaseModel):
            text = re.sub(rf"(?<!\w){name}(?!\w)", "mapping", text)
    return text


def _default(field: Any, annotation: str) -> str:
    if field.default is PydanticUndefined and field.default_factory is None:
        return "required"
    value = field.default_factory() if field.default_factory is not None else field.default
    if value is None:
        return "-"
    if isinstance(value, Enum):
        return f"`{value.value}`"
    if isinstance(value, BaseModel):
        return "see below"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list | dict) and not value:
        return "empty"
    if "Minutes" in annotation and isinstance(value, int):
        return f"`{value}m`"
    if "Percent" in annotation and isinstance(value, float):
        return f"`{value:.0%}`"
    if hasattr(value, "start") and hasattr(value, "end") and isinstance(value.start, int):
        return f"`{value.start // 60:02d}:{value.start % 60:02d}-{value.end // 60:02d}:{value.end % 60:02d}`"
    return f"`{value}`"


def missing_descriptions() -> list[str]:
    """Model keys with no description here (each must be documented)."""
    return [f"{model.__name__}.{name}" for rows in BLOCKS.values() for _, model in rows
            for name in model.model_fields if f"{model.__name__}.{name}" not in DESCRIPTIONS]


def table(block: str) -> str:
    """The markdown table of one block: key, type, default, meaning."""
    lines = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for prefix, model in BLOCKS[block]:
        annotations = {k: v for klass in reversed(model.__mro__) for k, v in getattr(klass, "__annotations__", {}).items()}
        for name, field in model.model_fields.items():
            key = f"{prefix}.{name}" if prefix and not prefix.endswith(">") else (f"{prefix}.{name}" if prefix else name)
            meaning = DESCRIPTIONS.get(f"{model.__name__}.{name}", "")
            kind = TYPE_OVERRIDES.get(f"{model.__name__}.{name}") or _type(str(annotations.get(name, "")))
            lines.append(f"| `{key}` | {kind} | {_default(field, str(annotations.get(name, '')))} | {meaning} |")
    return "\n".join(lines)


def render(text: str) -> str:
    """``text`` with every key block regenerated."""
    def fill(match: re.Match[str]) -> str:
        return f"<!-- keys:{match.group(1)} -->\n{table(match.group(1))}\n<!-- /keys -->"
    return re.sub(r"<!-- keys:(\w+) -->.*?<!-- /keys -->", fill, text, flags=re.DOTALL)


if __name__ == "__main__":
    missing = missing_descriptions()
    if missing:
        sys.exit("no description in scripts/gen_formats.py for: " + ", ".join(missing))
    DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
