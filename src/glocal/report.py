"""``report.html``: one self-contained page a coordinator opens in a browser.

``render_html(workspace, bundle, schedule)`` fills ``templates/report.html.j2`` (jinja2 with
autoescape on, so every title and name from the workspace is shown as text) with the views
of ``glocal.report_views``. The page has inline CSS and JS and loads nothing from the network;
it carries no generation time, so the same plan gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2
from babel import Locale

from glocal.errors import Problem
from glocal.loading import ProgramBundle, Workspace
from glocal.localization import LocalizedProgram, resolve
from glocal.model import Schedule, Status
from glocal.report_model import CohortSummary, cohort_summaries
from glocal.report_views import (
    Text,
    cohort_timelines,
    facilitator_changes,
    facilitator_loads,
    session_views,
)

TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class LocaleRow:
    """How a cohort's locale was resolved: its chain and where its texts come from."""

    cohort: str
    locale: str
    chain: list[str]
    title: Text
    translated: int  # module titles taken from a variant
    modules: int
    adapted: list[str]  # "module/activity" adapted in the chain


def render_html(workspace: Workspace, bundle: ProgramBundle, schedule: Schedule) -> str:
    """The report page for one program's plan (feasible or not), as HTML text."""
    localized = {c.id: resolve(bundle, c.locale) for c in bundle.rollout.cohorts}
    source = bundle.program.source_locale
    titles = {
        (cohort_id, module.id): _text(module.title, program.sources.get(f"modules.{module.id}.title"), program, source)
        for cohort_id, program in localized.items()
        for module in program.modules
    }
    program_titles = {
        cohort_id: _text(program.title, program.sources.get("title"), program, source)
        for cohort_id, program in localized.items()
    }
    sessions = session_views(bundle, schedule, titles) if schedule.sessions else []
    feasible = schedule.status is not Status.INFEASIBLE
    context = {
        "program": bundle.program,
        "schedule": schedule,
        "feasible": feasible,
        "summaries": cohort_summaries(bundle, schedule),
        "sessions": sessions,
        "timelines": cohort_timelines(bundle, sessions, schedule, program_titles) if feasible else [],
        "loads": facilitator_loads(bundle, sessions, schedule) if feasible else [],
        "changes": facilitator_changes(bundle, schedule, sessions) if feasible else [],
        "outside": [s for s in sessions if s.outside_cohort_preferred or s.outside_facilitator_preferred],
        "locales": _locale_rows(bundle, localized, program_titles),
        "warnings": _warnings(workspace, bundle),
        "costs": sorted(schedule.costs.items()),
        "weights": bundle.rollout.objectives.model_dump(),
        "reasons": schedule.reasons,
        "cancelled": sorted(schedule.cancelled, key=lambda c: (c.cohort, c.start, c.module)),
        "moved": [s for s in sessions if s.moved],
    }
    return _environment().get_template(TEMPLATE).render(context)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("glocal", "templates"),
        autoescape=True,  # every value from the workspace is text, never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _text(value: str, origin: str | None, program: LocalizedProgram, source_locale: str) -> Text:
    """A localized text with the language it is really in: the variant's, or the core's source language."""
    locale = source_locale if origin in (None, "core") else str(origin)
    return Text(value, locale.replace("_", "-"), direction(locale))


def direction(locale: str) -> str:
    """``rtl`` for right-to-left scripts (Arabic, Hebrew, ...), else ``ltr`` (CLDR character order)."""
    try:
        order = Locale.parse(locale).character_order
    except (ValueError, TypeError, LookupError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def _locale_rows(
    bundle: ProgramBundle, localized: dict[str, LocalizedProgram], program_titles: dict[str, Text]
) -> list[LocaleRow]:
    rows = []
    for cohort in bundle.rollout.cohorts:
        program = localized[cohort.id]
        translated = sum(
            1 for m in program.modules if program.sources.get(f"modules.{m.id}.title", "core") != "core"
        )
        adapted = [f"{m.id}/{a.id}" for m in program.modules for a in m.activities if a.adapted]
        rows.append(
            LocaleRow(cohort.id, cohort.locale, program.chain, program_titles[cohort.id], translated,
                      len(program.modules), adapted)
        )
    return rows


def _warnings(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """Warnings about this program's files and the locales its cohorts use (outdated, cultural fit)."""
    mine = {doc.path for doc in bundle.docs.values()} | {doc.path for doc in workspace.profile_docs.values()}
    return [w for w in workspace.warnings if w.location.path in mine]


__all__ = ["CohortSummary", "direction", "render_html"]
