"""Localization rules in the shape of ``glocal.workspace.checks.Rule``, for ``glocal check``.

``orphaned_translations`` (errors) and ``cultural_fit`` (warnings, per cohort locale) can be
appended to ``glocal.workspace.checks.RULES``; ``glocal locales status`` reports the same findings.
"""

from __future__ import annotations

from glocal.errors import Problem
from glocal.localization.culture import cultural_clashes
from glocal.localization.staleness import orphans
from glocal.model.locales import normalize_locale
from glocal.workspace import ProgramBundle, Workspace


def orphaned_translations(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """Translations and source hashes whose core text is gone (errors)."""
    return [o.problem() for locale in sorted(bundle.variants) for o in orphans(bundle, locale, bundle.variants[locale])]


def cultural_fit(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """Unacknowledged cultural-fit clashes of every cohort locale (warnings)."""
    locales = sorted({normalize_locale(c.locale) for c in bundle.rollout.cohorts})
    found = {
        clash.problem(bundle.id)
        for locale in locales
        for clash in cultural_clashes(workspace, bundle, locale)
        if clash.open
    }
    return sorted(found, key=Problem.sort_key)


def localization_problems(workspace: Workspace) -> list[Problem]:
    """Orphaned translations (errors) and open cultural-fit clashes (warnings) of every program."""
    problems: list[Problem] = []
    for _, bundle in sorted(workspace.programs.items()):
        problems += orphaned_translations(workspace, bundle)
        problems += cultural_fit(workspace, bundle)
    return sorted(dict.fromkeys(problems), key=Problem.sort_key)
