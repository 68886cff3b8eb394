"""Localization rules in the shape of ``glocal.workspace.checks.Rule``, for ``glocal check`` and ``glocal plan``.

``orphaned_translations`` (errors) and ``cultural_fit`` (warnings, per cohort locale) can be
appended to ``glocal.workspace.checks.RULES``. ``localization_problems`` is the one source of the locale
findings both ``glocal check`` and ``glocal plan`` print: the problems ``glocal locales status``
reports (orphans, outdated variants and fields, open cultural-fit clashes), so the commands
never disagree on what is wrong with the same files.
"""

from __future__ import annotations

from glocal.errors import Problem
from glocal.localization.culture import cultural_clashes
from glocal.localization.staleness import orphans
from glocal.localization.status import program_status
from glocal.model.locales import normalize_locale
from glocal.workspace import ProgramBundle, Workspace

# The codes of the findings ``localization_problems`` adds; 'glocal plan' prints these after its summary.
LOCALE_CODES = frozenset({"orphaned", "outdated", "cultural-fit"})


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
    """Orphaned translations (errors), outdated variants and fields and open cultural-fit clashes
    (warnings) of every locale every program uses: what ``glocal locales status`` reports."""
    problems: list[Problem] = []
    for _, bundle in sorted(workspace.programs.items()):
        problems += orphaned_translations(workspace, bundle)
        problems += [p for status in program_status(workspace, bundle) for p in status.problems()]
    return sorted(dict.fromkeys(problems), key=Problem.sort_key)
