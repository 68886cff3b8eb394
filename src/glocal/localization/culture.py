"""Cultural fit: core activities whose styles a locale's profile avoids.

A profile (``locales/<locale>/profile.yaml``) applies to every locale whose chain contains
it: the ``ar_AE`` profile applies to an ``ar_AE`` cohort (chain ``ar_AE -> ar``), not to a
plain ``ar`` one. A core activity whose ``styles`` meet the profile's ``avoid_styles`` needs
a styles adaptation in some variant of the chain that removes the clash; otherwise it is
reported, unless a variant in the chain acknowledges it under ``acknowledged`` with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from glocal.errors import Location, Problem, Severity
from glocal.localization.fields import activity_path, core_key_path
from glocal.model.locales import locale_chain
from glocal.workspace import ProgramBundle, Workspace


@dataclass(frozen=True)
class CulturalClash:
    """One core activity that clashes with a profile in a locale's chain."""

    locale: str  # the locale whose status this is
    profile_locale: str
    module: str
    activity: str
    styles: list[str]  # the avoided styles the activity (still) has
    activity_location: Location  # the styles of the core activity
    profile_location: Location  # the avoid_styles entry of the profile
    adapted_in: str | None = None  # a variant adapted the styles but kept an avoided one
    acknowledged_in: str | None = None  # the variant that accepts the clash
    reason: str | None = None

    @property
    def key(self) -> str:
        """``module/activity``, as written under ``acknowledged``."""
        return f"{self.module}/{self.activity}"

    @property
    def open(self) -> bool:
        """True when nothing acknowledges the clash."""
        return self.acknowledged_in is None

    def problem(self, program_id: str) -> Problem:
        """The clash as a warning at the profile's line."""
        styles = ", ".join(self.styles)
        if self.adapted_in is not None:
            what = f"the {self.adapted_in} adaptation of activity {self.key} still has avoided style(s) {styles}"
        else:
            what = f"activity {self.key} ({self.activity_location}) has avoided style(s) {styles} and no variant in {' -> '.join(locale_chain(self.locale))} adapts it"
        files = " or ".join(f"locales/{loc}/{program_id}.yaml" for loc in locale_chain(self.locale))
        fix = (
            f"adapt modules.{self.module}.activities.{self.activity}.styles in {files}, "
            f"or acknowledge it there with 'acknowledged: {{{self.key}: <reason>}}'"
        )
        return Problem(
            self.profile_location,
            f"{self.locale}: {what}; {fix}",
            Severity.WARNING,
            code="cultural-fit",
        )


def applicable_profiles(workspace: Workspace, locale: str) -> list[str]:
    """Locales of the profiles that apply to ``locale`` (those in its chain), specific first."""
    return [loc for loc in locale_chain(locale) if loc in workspace.profiles]


def cultural_clashes(workspace: Workspace, bundle: ProgramBundle, locale: str) -> list[CulturalClash]:
    """Every core activity of ``bundle`` that clashes with a profile in ``locale``'s chain."""
    chain = locale_chain(locale)
    layers = [(loc, bundle.variants[loc]) for loc in chain if loc in bundle.variants]
    core_doc = bundle.docs["program"]
    clashes: list[CulturalClash] = []
    for profile_locale in applicable_profiles(workspace, locale):
        profile = workspace.profiles[profile_locale]
        profile_doc = workspace.profile_docs[profile_locale]
        avoid = set(profile.avoid_styles)
        for module in bundle.program.modules:
            for activity in module.activities:
                if not avoid & set(activity.styles):
                    continue
                key = f"{module.id}/{activity.id}"
                adapted_in, styles = None, list(activity.styles)
                for loc, variant in layers:  # the most specific adaptation wins
                    mv = variant.modules.get(module.id)
                    av = mv.activities.get(activity.id) if mv is not None else None
                    if av is not None and av.styles is not None:
                        adapted_in, styles = loc, list(av.styles)
                        break
                clash = [s for s in styles if s in avoid]
                if not clash:
                    continue
                acknowledged = next(((loc, v.acknowledged[key]) for loc, v in layers if key in v.acknowledged), None)
                first = profile.avoid_styles.index(clash[0])
                path = activity_path(module.id, activity.id, "styles")
                clashes.append(CulturalClash(
                    locale=chain[0],
                    profile_locale=profile_locale,
                    module=module.id,
                    activity=activity.id,
                    styles=clash,
                    activity_location=core_doc.location(core_key_path(bundle.program, path)),
                    profile_location=profile_doc.location(("avoid_styles", first)),
                    adapted_in=adapted_in,
                    acknowledged_in=acknowledged[0] if acknowledged else None,
                    reason=acknowledged[1] if acknowledged else None,
                ))
    return clashes
