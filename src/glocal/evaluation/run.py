"""``evaluate``: results folder + plan -> the evaluation document written as evaluation.json.

The document (see docs/formats.md) holds, per group of cohorts and level, the figures of
``glocal.evaluation.figures``, the follow-ups of ``glocal.evaluation.followups`` and the
findings of ``glocal.evaluation.findings``. It is plain JSON data with sorted groups and
rounded numbers, so the same results, plan and date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from glocal.errors import InputError, Problem, Severity
from glocal.evaluation.config import EvaluationConfig, load_config
from glocal.evaluation.figures import CohortInfo, all_figures, to_frame
from glocal.evaluation.findings import all_findings
from glocal.evaluation.followups import followups
from glocal.evaluation.ingest import ingest
from glocal.evaluation.rows import Context
from glocal.model import Cohort, Schedule
from glocal.model.locales import locale_chain, normalize_locale
from glocal.workspace import ProgramBundle
from glocal.workspace.yamlio import YamlDocument

FORMAT_VERSION = 1


def cohort_info(bundle: ProgramBundle, cohort: Cohort) -> CohortInfo:
    """A cohort's locale, the variant it is taught in, and how many participants it has."""
    locale = normalize_locale(cohort.locale)
    variant = next((loc for loc in locale_chain(locale) if loc in bundle.variants), "core")
    return CohortInfo(cohort.id, locale, variant, cohort.size or len(cohort.participants))


def _config_problems(
    config: EvaluationConfig, doc: YamlDocument | None, levels: list[int], program: str, results: Path
) -> list[Problem]:
    """Questions mapped to levels the program does not evaluate; export files that are not
    there (a warning: a survey not exported yet) or that would leave the results folder."""
    problems: list[Problem] = []
    if doc is None:
        return problems
    named = [("exports", i, e.file, ".csv") for i, e in enumerate(config.exports)]
    named += [("xapi", i, e.file, ".json") for i, e in enumerate(config.xapi)]
    for key, e, file, suffix in named:
        where = doc.location((key, e, "file"))
        relative = Path(file)
        if relative.is_absolute() or ".." in relative.parts or relative.suffix.lower() != suffix:
            problems.append(Problem(where, f"export file '{file}' must be a {suffix} file inside the results folder (e.g. l1-survey{suffix})"))
        elif not (results / relative).is_file():
            message = f"export '{file}' is not in the results folder yet; its answers are not counted"
            problems.append(Problem(where, message, Severity.WARNING, code="missing-export"))
    for e, export in enumerate(config.exports):
        for q, question in enumerate(export.questions):
            if question.level not in levels:
                declared = ", ".join(str(n) for n in levels) or "none"
                message = f"level {question.level} is not evaluated by {program} (program.yaml declares levels {declared}); map the question to one of those"
                problems.append(Problem(doc.location(("exports", e, "questions", q, "level")), message))
            if question.reverse and question.scale is None and config.scale(question.level) is None:
                message = f"'{question.column}' is reverse-coded but neither it nor level {question.level} has a scale; add scale: {{min: 1, max: 5}}"
                problems.append(Problem(doc.location(("exports", e, "questions", q)), message))
    for e, xapi in enumerate(config.xapi):
        for a, activity in enumerate(xapi.activities):
            if activity.level not in levels:
                declared = ", ".join(str(n) for n in levels) or "none"
                message = f"level {activity.level} is not evaluated by {program} (program.yaml declares levels {declared}); map the activity to one of those"
                problems.append(Problem(doc.location(("xapi", e, "activities", a, "level")), message))
    return problems


def evaluate(
    root: Path, bundle: ProgramBundle, results: Path, schedule: Schedule, now: dt.datetime | dt.date
) -> tuple[dict[str, Any], list[Problem]]:
    """The evaluation document and the warnings about the input; InputError with every
    problem of the results and the mapping."""
    config, doc, problems = load_config(root, bundle.id)
    levels = sorted({e.level for e in bundle.program.evaluation})
    problems += _config_problems(config, doc, levels, bundle.id, results)
    if any(p.is_error for p in problems):
        raise InputError(problems)
    modules = {m.id: m.id for m in bundle.program.modules}
    modules.update({m.title.strip().lower(): m.id for m in bundle.program.modules})
    cohorts = bundle.rollout.cohorts
    context = Context(bundle.id, [c.id for c in cohorts], modules, levels, config)
    read = ingest(results, root, config, context)
    if any(p.is_error for p in read.problems):
        raise InputError([*problems, *read.problems])
    infos = [cohort_info(bundle, c) for c in cohorts]
    invited = {i.id: i.invited for i in infos}
    follow = followups(cohorts, invited, schedule, bundle.program.evaluation, read.responses, now, config.grace_days)
    figures = all_figures(to_frame(read.responses), infos, levels, config)
    document = {
        "format": FORMAT_VERSION,
        "program": bundle.id,
        "as_of": now.isoformat(timespec="seconds") if isinstance(now, dt.datetime) else now.isoformat(),
        "plan_status": schedule.status.value,
        "settings": {
            "min_group": config.min_group, "grace_days": config.grace_days,
            "thresholds": config.thresholds.model_dump(),
            "scales": {str(level): _scale(config, level) for level in levels},
        },
        "files": dict(sorted(read.files.items())),
        "responses": len(read.responses),
        "cohorts": [
            {"id": i.id, "locale": i.locale, "variant": i.variant, "invited": i.invited} for i in infos
        ],
        "groups": figures,
        "followups": [f.to_json() for f in follow],
        "findings": all_findings(figures, follow, config, [c.id for c in cohorts]),
    }
    return document, sorted(problems, key=Problem.sort_key)


def _scale(config: EvaluationConfig, level: int) -> dict[str, float] | None:
    scale = config.scale(level)
    return None if scale is None else {"min": scale.min, "max": scale.max}


def dump_evaluation(document: dict[str, Any]) -> str:
    """The text of evaluation.json: stable key order as built, two-space indent."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
