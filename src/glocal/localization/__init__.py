"""Locale variants: CLDR chains, field-by-field resolution, staleness and cultural fit.

``locale_chain`` and ``resolve`` are the contract other modules use (docs/architecture.md);
``glocal.localization.formatting`` formats dates, times and durations and holds the tool's
own translated strings.
"""

from glocal.localization.resolve import (
    LocalizedActivity,
    LocalizedModule,
    LocalizedProgram,
    LocalizedPrograms,
    resolve,
    resolve_cohorts,
)
from glocal.model.locales import locale_chain, normalize_locale, parent_locale

__all__ = [
    "LocalizedActivity",
    "LocalizedModule",
    "LocalizedProgram",
    "LocalizedPrograms",
    "locale_chain",
    "normalize_locale",
    "parent_locale",
    "resolve",
    "resolve_cohorts",
]
