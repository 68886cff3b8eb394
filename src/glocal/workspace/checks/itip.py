"""Rules about what reaches people: an organizer for invites, and the tool's own words in
every cohort's language. Both are warnings: the plan and its calendars are still written.
"""

from __future__ import annotations

from glocal.errors import Problem
from glocal.model.locales import CATALOG_DIR, DOMAIN, locale_chain
from glocal.workspace.bundle import ProgramBundle, Workspace
from glocal.workspace.checks.base import Rule, problem_at


def organizer_missing(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """People with an address but no organizer: no invite or cancellation can be written."""
    if bundle.rollout.organizer is not None or bundle.program.organizer is not None:
        return []
    addresses = any(p.email for c in bundle.rollout.cohorts for p in c.participants)
    addresses = addresses or any(f.email for f in bundle.facilitators)
    if not addresses:
        return []
    message = ("no organizer: invites and cancellations (METHOD:REQUEST/CANCEL) are not written and "
               "'glocal send' has nothing to send; add 'organizer: {name: ..., email: ...}' "
               "(the coordinator's mailbox, the same for every re-plan) here or in program.yaml")
    return [problem_at(bundle.docs["rollout"], (), message, code="organizer", warning=True)]


def has_catalog(locale: str) -> bool:
    """Whether glocal's own labels are translated for ``locale`` (itself or a CLDR parent)."""
    try:
        chain = locale_chain(locale)
    except ValueError:
        return False
    return any((CATALOG_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file() for name in chain)


def label_translations(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """A cohort whose language glocal has no catalog for reads 'Time', 'Facilitator', ... in
    English next to its translated content: say so once per language."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, cohort in enumerate(bundle.rollout.cohorts):
        language = cohort.locale.replace("-", "_").split("_")[0]
        if language in seen or has_catalog(cohort.locale):
            continue
        seen.add(language)
        message = (f"glocal has no translation of its own labels (Time, Facilitator, Venue, ...) for "
                   f"'{language}': cohort {cohort.id}'s calendars mix them in English with its content; "
                   f"add src/glocal/locale/{language}/LC_MESSAGES/messages.po (docs/localization.md)")
        problems.append(problem_at(bundle.docs["rollout"], ("cohorts", index, "locale"), message,
                                   code="labels", warning=True))
    return problems


RULES: list[Rule] = [organizer_missing, label_translations]
