"""``glocal locales status``: the state of every locale a program is used in.

A locale is *in use* when a cohort is taught in it or a variant folder exists for it. For
each: translated share, missing, outdated and orphaned fields, and cultural-fit clashes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from glocal.errors import Problem, Severity
from glocal.localization.culture import CulturalClash, cultural_clashes
from glocal.localization.staleness import Staleness, staleness
from glocal.model.locales import normalize_locale
from glocal.workspace import ProgramBundle, Workspace


@dataclass
class LocaleStatus:
    """Everything a regional team needs to know about one locale of one program."""

    program: str
    locale: str
    cohorts: list[str]
    variant: bool  # a variant file exists for exactly this locale
    state: Staleness
    clashes: list[CulturalClash] = field(default_factory=list)

    @property
    def open_clashes(self) -> list[CulturalClash]:
        """Clashes no variant acknowledges."""
        return [c for c in self.clashes if c.open]

    @property
    def blocking(self) -> bool:
        """What ``--strict`` fails on: outdated, orphaned or unacknowledged clashes."""
        return self.state.outdated or bool(self.state.orphaned) or bool(self.open_clashes)

    @property
    def clean(self) -> bool:
        """Nothing outdated, missing, orphaned or clashing."""
        return not self.blocking and not self.state.missing

    def problems(self) -> list[Problem]:
        """Orphans as errors, outdated variants/fields and open clashes as warnings."""
        found = [o.problem() for o in self.state.orphaned]
        for variant in self.state.outdated_variants:
            seen = "has no based_on" if variant.based_on is None else f"is based on version {variant.based_on}"
            found.append(Problem(
                variant.location,
                f"{variant.locale} variant {seen}, the core is at version {variant.version}; "
                f"review it, then run 'glocal locales stamp {variant.locale} {self.program}'",
                Severity.WARNING, code="outdated",
            ))
        for item in self.state.outdated_fields:
            found.append(Problem(
                item.location,
                f"{item.path} was translated from an earlier core text (source {item.recorded}, now "
                f"{item.current}); update the translation, then stamp it",
                Severity.WARNING, code="outdated",
            ))
        found += [c.problem(self.program) for c in self.open_clashes]
        return sorted(set(found), key=Problem.sort_key)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready summary (stable keys, sorted lists)."""
        state = self.state
        return {
            "locale": self.locale,
            "chain": state.chain,
            "cohorts": self.cohorts,
            "variant": self.variant,
            "translated": state.translated,
            "total": state.total,
            "share": round(state.share, 4),
            "missing": state.missing,
            "unstamped": state.unstamped,
            "outdated": {
                "variants": [
                    {"locale": v.locale, "based_on": v.based_on, "version": v.version, "at": str(v.location)}
                    for v in state.outdated_variants
                ],
                "fields": [
                    {"locale": f.locale, "path": f.path, "recorded": f.recorded, "current": f.current, "at": str(f.location)}
                    for f in state.outdated_fields
                ],
            },
            "orphaned": [{"locale": o.locale, "path": o.path, "what": o.what, "at": str(o.location)} for o in state.orphaned],
            "cultural_fit": [
                {
                    "activity": c.key,
                    "styles": c.styles,
                    "profile": c.profile_locale,
                    "profile_at": str(c.profile_location),
                    "activity_at": str(c.activity_location),
                    "adapted_in": c.adapted_in,
                    "acknowledged_in": c.acknowledged_in,
                    "reason": c.reason,
                }
                for c in self.clashes
            ],
            "clean": self.clean,
            "blocking": self.blocking,
        }


def locales_in_use(bundle: ProgramBundle) -> dict[str, list[str]]:
    """Locale -> ids of the cohorts taught in it (empty for a variant folder only), sorted."""
    used: dict[str, list[str]] = {locale: [] for locale in bundle.variants}
    for cohort in bundle.rollout.cohorts:
        used.setdefault(normalize_locale(cohort.locale), []).append(cohort.id)
    return {locale: sorted(used[locale]) for locale in sorted(used)}


def program_status(workspace: Workspace, bundle: ProgramBundle) -> list[LocaleStatus]:
    """The status of every locale in use by ``bundle``, sorted by locale."""
    return [
        LocaleStatus(
            program=bundle.id,
            locale=locale,
            cohorts=cohorts,
            variant=locale in bundle.variants,
            state=staleness(bundle, locale),
            clashes=cultural_clashes(workspace, bundle, locale),
        )
        for locale, cohorts in locales_in_use(bundle).items()
    ]
