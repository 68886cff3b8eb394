"""``report.html``: one self-contained page a coordinator opens in a browser.

``render_html(workspace, bundle, schedule)`` fills ``templates/report.html.j2`` (jinja2 with
autoescape on, so every title and name from the workspace is shown as text) with the views
of ``glocal.report.views``. The page has inline CSS and JS and loads nothing from the network;
it carries no generation time, so the same plan gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import jinja2
from babel import Locale

from glocal.errors import Problem
from glocal.localization import LocalizedProgram, resolve
from glocal.localization.status import LocaleStatus, program_status
from glocal.model import Schedule, Status
from glocal.report.changes import changes_view
from glocal.report.charts import prepare_charts
from glocal.report.labels import labels
from glocal.report.overview import charts, overview
from glocal.report.partial import partial_view
from glocal.report.view_model import CohortSummary, cohort_summaries
from glocal.report.views import (
    Text,
    cohort_timelines,
    facilitator_changes,
    facilitator_loads,
    prepare_timelines,
    session_views,
)
from glocal.workspace import ProgramBundle, Workspace

TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class LocaleRow:
    """The state of one locale in use: its chain, translated share, staleness, cultural fit."""

    locale: str
    cohorts: list[str]
    chain: list[str]
    translated: str  # "12/14 (86%)"
    missing: int
    outdated: list[str]  # "pt_BR based on version 2, core at 3", "<path> changed since translated"
    clashes: list[str]  # open cultural-fit clashes: "feedback/hot-seat (public-individual-feedback)"
    acknowledged: list[str]  # accepted clashes with their reason
    adapted: list[str]  # "module/activity" whose styles or minutes a variant adapted


def render_html(
    workspace: Workspace, bundle: ProgramBundle, schedule: Schedule, *, lang: str = "en",
    previous: Schedule | None = None, sections: Sequence[str] = (), extra: Mapping[str, object] | None = None,
    evaluation: object | None = None, programs: Mapping[str, LocalizedProgram] | None = None,
) -> str:
    """The report page for one program's plan (feasible or not), as HTML text.

    ``lang`` is the language of the report's own labels and dates (titles stay in each cohort's
    language); ``previous`` is the plan this one replaces, for the changes in the overview;
    ``sections`` are extra templates (``templates/sections/<name>.html.j2``) included after the
    overview, each rendered with the same context plus ``extra`` (their own view data, e.g. the
    invitations sent or the evaluation results), so a new section needs no change here.

    ``evaluation`` (a ``glocal.evaluation.view.EvaluationView``, given by ``glocal evaluate``)
    adds the evaluation section, rendered by its own partial template.
    """
    # ``programs`` (per cohort locale, resolved once for every output) or resolved here
    localized = {c.id: programs[c.locale] if programs and c.locale in programs else resolve(bundle, c.locale)
                 for c in bundle.rollout.cohorts}
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
    statuses = program_status(workspace, bundle)
    feasible = schedule.status is not Status.INFEASIBLE
    texts = labels(lang)
    summaries = cohort_summaries(bundle, schedule)
    context = {
        "lang": lang.replace("_", "-"),
        "dir": direction(lang),
        "t": texts,
        "overview": overview(bundle, schedule, sessions, previous, texts, lang, localized),
        "charts": charts(bundle, schedule, texts, lang) if feasible else None,
        "sections": [f"sections/{name}.html.j2" for name in sections],
        "extra": dict(extra or {}),
        "filters": _filters(bundle, schedule),
        "country": {c.id: c.country.code for c in bundle.rollout.cohorts},
        "program": bundle.program,
        "schedule": schedule,
        "feasible": feasible,
        "summaries": summaries,
        "sessions": sessions,
        "timelines": cohort_timelines(bundle, sessions, schedule, program_titles, lang) if feasible else [],
        "loads": facilitator_loads(bundle, sessions, schedule, lang) if feasible else [],
        "changes": facilitator_changes(bundle, schedule, sessions) if feasible else [],
        "outside": [s for s in sessions if s.outside_cohort_preferred or s.outside_facilitator_preferred],
        "program_titles": program_titles,
        "locales": [_locale_row(status, localized) for status in statuses],
        "warnings": _warnings(workspace, bundle, statuses),
        "reasons": schedule.reasons,
        "cancelled": sorted(schedule.cancelled, key=lambda c: (c.cohort, c.start, c.module)),
        "moved": [s for s in sessions if s.moved],
        "evaluation": evaluation,
        "itip_changes": changes_view(bundle, schedule),
        "partial": partial_view(schedule),
    }
    return _environment().get_template(TEMPLATE).render(context)


def prepare_report(bundle: ProgramBundle, lang: str = "en") -> None:
    """Load what ``render_html`` needs whatever the plan: the compiled template, CLDR data of
    the cohorts' locales, weekends and holidays over the rollout window. ``glocal plan`` calls
    it while the solver works; the outputs do not change (every cache is keyed by its inputs)."""
    _environment().get_template(TEMPLATE)
    for cohort in bundle.rollout.cohorts:
        direction(cohort.locale)
    prepare_timelines(bundle)
    labels(lang)
    prepare_charts()


def render_charts(bundle: ProgramBundle, schedule: Schedule, lang: str = "en") -> None:
    """Render the charts of ``schedule`` now (vl-convert's output is cached by specification):
    ``glocal plan`` does it for the solver's starting plan while the solver searches on, and
    ``render_html`` of a plan with the same sessions then finds its charts ready."""
    if schedule.status is not Status.INFEASIBLE:
        charts(bundle, schedule, labels(lang), lang)


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


def _filters(bundle: ProgramBundle, schedule: Schedule) -> dict[str, list[tuple[str, str]]]:
    """The choices of the page's filters: (value, label) per cohort, facilitator and country."""
    used = {s.facilitator for s in schedule.sessions}
    countries = sorted({c.country.code for c in bundle.rollout.cohorts})
    return {
        "cohort": [(c.id, c.id) for c in bundle.rollout.cohorts],
        "facilitator": [(f.id, f.name) for f in bundle.facilitators if f.id in used],
        "country": [(code, code) for code in countries],
    }


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


def _locale_row(status: LocaleStatus, localized: dict[str, LocalizedProgram]) -> LocaleRow:
    state = status.state
    outdated = [
        f"{v.locale} is based on version {v.based_on}, the core is at {v.version}"
        if v.based_on is not None else f"{v.locale} has no based_on"
        for v in state.outdated_variants
    ] + [f"{f.path} ({f.locale}) was translated from an earlier core text" for f in state.outdated_fields]
    program = next((localized[c] for c in status.cohorts if c in localized), None)
    adapted = [f"{m.id}/{a.id}" for m in program.modules for a in m.activities if a.adapted] if program else []
    return LocaleRow(
        locale=status.locale,
        cohorts=status.cohorts,
        chain=state.chain,
        translated=f"{state.translated}/{state.total} ({round(state.share * 100)}%)",
        missing=len(state.missing),
        outdated=outdated,
        clashes=[f"{c.key} ({', '.join(c.styles)})" for c in status.open_clashes],
        acknowledged=[f"{c.key}: {c.reason or ''}" for c in status.clashes if not c.open],
        adapted=adapted,
    )


def _warnings(workspace: Workspace, bundle: ProgramBundle, statuses: list[LocaleStatus]) -> list[Problem]:
    """Warnings about this program's files and its locales (outdated variants, cultural fit)."""
    mine = {doc.path for doc in bundle.docs.values()} | {doc.path for doc in workspace.profile_docs.values()}
    found = {w for w in workspace.warnings if w.location.path in mine}
    found.update(p for status in statuses for p in status.problems() if not p.is_error)
    return sorted(found, key=Problem.sort_key)


__all__ = ["CohortSummary", "direction", "render_charts", "render_html"]
