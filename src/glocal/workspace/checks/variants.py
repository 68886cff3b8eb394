"""Cross-file rules about locale variants and cultural profiles.

A variant may translate and adapt, within limits the core program sets: it names only
modules, activities, objectives and evaluation levels the core has, leaves locked fields alone
(``adaptation.locked``; locking ``objectives`` or ``evaluation`` locks their meaning, not their
language: a variant may still translate an objective's text and a level's instrument),
keeps module durations within ``duration_tolerance``, and its activities still fit in the
module. Values inherited along the CLDR chain (``pt_BR`` -> ``pt`` -> core) count too.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from glocal.errors import Problem
from glocal.model import ModuleVariant, Program, Variant
from glocal.model.locales import locale_chain
from glocal.values import format_duration, suggest
from glocal.workspace.bundle import ProgramBundle, Workspace
from glocal.workspace.checks.base import Rule, folder_id, problem_at
from glocal.workspace.yamlio import KeyPath, YamlDocument

_TOP_FIELDS = ("title", "summary", "objectives", "evaluation", "modules")
_MODULE_FIELDS = ("title", "description", "duration", "activities")
_ACTIVITY_FIELDS = ("title", "description", "minutes", "styles", "note")
_META_KEYS = ("program", "based_on", "sources", "acknowledged")  # bookkeeping, never locked
# The words of objectives and levels: translating them keeps their meaning, so a lock of
# ``objectives`` or ``evaluation`` allows them (lock ``objectives.<id>.text`` to forbid them).
_TRANSLATIONS = {"objectives": "text", "evaluation": "instrument"}
LOCKABLE = tuple(sorted(set(_TOP_FIELDS + _MODULE_FIELDS + _ACTIVITY_FIELDS)))


def _variants(bundle: ProgramBundle) -> Iterator[tuple[str, Variant, YamlDocument]]:
    for locale, variant in sorted(bundle.variants.items()):
        yield locale, variant, bundle.variant_doc(locale)


def variant_program(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """``program`` in a variant names the program its file is named after."""
    folder = folder_id(bundle)
    problems = []
    for _, variant, doc in _variants(bundle):
        if variant.program != folder:
            message = (
                f"variant names program '{variant.program}' but its file is for '{folder}'; "
                f"write program: {folder}"
            )
            problems.append(problem_at(doc, ("program",), message, code="variant-program"))
    return problems


def variant_based_on(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """A variant cannot have been reviewed against a core version that does not exist yet."""
    version = bundle.program.version
    problems = []
    for _, variant, doc in _variants(bundle):
        if variant.based_on is not None and variant.based_on > version:
            message = (
                f"based_on {variant.based_on} is newer than the core program's version {version}; "
                f"write the version it was reviewed against (at most {version})"
            )
            problems.append(problem_at(doc, ("based_on",), message, code="based-on"))
    return problems


def variant_orphans(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """Variants name only modules and activities the core program has."""
    program = bundle.program
    module_ids = list(dict.fromkeys(m.id for m in program.modules))
    problems = []
    for _, variant, doc in _variants(bundle):
        for module_id, adapted in variant.modules.items():
            if module_id not in module_ids:
                hint = suggest(module_id, module_ids) or f"; the core modules are {', '.join(module_ids)}"
                message = f"unknown module '{module_id}' (not in the core program){hint}"
                problems.append(problem_at(doc, ("modules", module_id), message, key=True, code="orphan"))
                continue
            activity_ids = list(dict.fromkeys(a.id for a in program.module(module_id).activities))
            for activity_id in adapted.activities:
                if activity_id in activity_ids:
                    continue
                listed = ", ".join(activity_ids) or "none"
                hint = suggest(activity_id, activity_ids) or f"; its activities are {listed}"
                message = f"unknown activity '{activity_id}' in module '{module_id}'{hint}"
                path = ("modules", module_id, "activities", activity_id)
                problems.append(problem_at(doc, path, message, key=True, code="orphan"))
        problems += _orphan_acknowledgements(program, variant, doc)
        problems += _orphan_translations(program, variant, doc)
    return problems


def _orphan_translations(program: Program, variant: Variant, doc: YamlDocument) -> list[Problem]:
    """Objective ids and evaluation levels a variant translates that the core does not have."""
    problems = []
    objective_ids = list(dict.fromkeys(o.id for o in program.objectives))
    for objective_id in variant.objectives:
        if objective_id not in objective_ids:
            hint = suggest(objective_id, objective_ids) or f"; the core objectives are {', '.join(objective_ids) or 'none'}"
            message = f"unknown objective '{objective_id}' (not in the core program){hint}"
            problems.append(problem_at(doc, ("objectives", objective_id), message, key=True, code="orphan"))
    levels = [e.level for e in program.evaluation]
    for key in variant.evaluation:
        count = levels.count(int(key)) if key.isdigit() else 0
        if count == 1:
            continue
        if count == 0:
            listed = ", ".join(str(level) for level in sorted(set(levels))) or "none"
            message = f"unknown evaluation level '{key}' (the core program evaluates levels {listed}); translate one of those"
        else:
            message = (
                f"the core program lists level {key} {count} times, so 'evaluation.{key}' cannot say "
                "which instrument it translates; give each level one entry in program.yaml"
            )
        problems.append(problem_at(doc, ("evaluation", key), message, key=True, code="orphan"))
    return problems


def _orphan_acknowledgements(program: Program, variant: Variant, doc: YamlDocument) -> list[Problem]:
    known = [f"{m.id}/{a.id}" for m in program.modules for a in m.activities]
    example = known[0] if known else "module/activity"
    problems = []
    for path in variant.acknowledged:
        if path not in known:
            hint = suggest(path, known) or f"; write <module>/<activity>, e.g. {example}"
            message = f"acknowledged activity '{path}' is not in the core program{hint}"
            problems.append(problem_at(doc, ("acknowledged", path), message, key=True, code="orphan"))
    return problems


# ---------------------------------------------------------------- locked fields


def _locked_entries(bundle: ProgramBundle) -> tuple[list[tuple[str, ...]], list[Problem]]:
    """The valid ``adaptation.locked`` entries as key paths, and problems with the others."""
    program, doc = bundle.program, bundle.docs["program"]
    entries, problems = [], []
    for index, entry in enumerate(program.adaptation.locked):
        parts = tuple(entry.split("."))
        if _valid_lock(program, parts):
            entries.append(parts)
            continue
        message = _lock_message(program, entry)
        problems.append(problem_at(doc, ("adaptation", "locked", index), message, code="locked"))
    return entries, problems


def _lock_message(program: Program, entry: str) -> str:
    parts = entry.split(".")
    module_ids = [m.id for m in program.modules]
    if len(parts) == 1:
        listed = ", ".join(LOCKABLE)
        hint = suggest(entry, LOCKABLE) or f"; lock one of {listed} or a path like modules.<module>.duration"
        return f"cannot lock '{entry}'{hint}"
    if parts[0] == "modules" and parts[1] not in module_ids:
        hint = suggest(parts[1], module_ids) or f"; the core modules are {', '.join(module_ids)}"
        return f"cannot lock '{entry}': the core program has no module '{parts[1]}'{hint}"
    return (f"cannot lock '{entry}'; write a path of core ids like modules.<module>.duration "
            "or modules.<module>.activities.<activity>.styles")


def _valid_lock(program: Program, parts: tuple[str, ...]) -> bool:
    if len(parts) == 1:
        return parts[0] in LOCKABLE
    if parts[0] in _TRANSLATIONS:  # objectives.<id>.text, evaluation.<level>.instrument
        keys = [o.id for o in program.objectives] if parts[0] == "objectives" else [str(e.level) for e in program.evaluation]
        return parts[1] in keys and (len(parts) == 2 or (len(parts) == 3 and parts[2] == _TRANSLATIONS[parts[0]]))
    if parts[0] != "modules" or parts[1] not in [m.id for m in program.modules]:
        return False
    if len(parts) == 2:
        return True
    if len(parts) == 3:
        return parts[2] in _MODULE_FIELDS
    activities = [a.id for a in program.module(parts[1]).activities]
    if parts[2] != "activities" or parts[3] not in activities:
        return False
    return len(parts) == 4 or (len(parts) == 5 and parts[4] in _ACTIVITY_FIELDS)


def _field_level(path: tuple[str, ...]) -> bool:
    """True when the last key of ``path`` is a field name (not a module or activity id)."""
    return len(path) in (1, 3, 5) and (len(path) == 1 or path[0] == "modules")


def _translation(path: tuple[str, ...]) -> bool:
    """True for the keys that carry only words: ``objectives``, ``objectives.<id>``,
    ``objectives.<id>.text`` (and the same for ``evaluation.<level>.instrument``)."""
    if path[0] not in _TRANSLATIONS:
        return False
    return len(path) <= 2 or (len(path) == 3 and path[2] == _TRANSLATIONS[path[0]])


def _key_paths(data: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every key path of a variant document, parents before children."""
    if not isinstance(data, dict) or len(path) >= 5:
        return
    for key, value in data.items():
        if not path and key in _META_KEYS:
            continue
        child = (*path, str(key))
        yield child
        yield from _key_paths(value, child)


def _lock_for(path: tuple[str, ...], entries: list[tuple[str, ...]]) -> str | None:
    for entry in entries:
        if len(entry) == 1 and entry[0] in _TRANSLATIONS and path[0] == entry[0]:
            if not _translation(path):  # what the objective or level means: its id, level, when
                return entry[0]
            continue
        if len(entry) == 1 and _field_level(path) and path[-1] == entry[0]:
            return entry[0]
        if len(entry) > 1 and path[: len(entry)] == entry:
            return ".".join(entry)
    return None


def variant_locked(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """Variants leave every field in ``adaptation.locked`` alone (objectives, evaluation...)."""
    entries, problems = _locked_entries(bundle)
    for _, _, doc in _variants(bundle):
        reported: list[tuple[str, ...]] = []
        for path in _key_paths(doc.data):
            if any(path[: len(done)] == done for done in reported):
                continue  # one problem per locked subtree
            entry = _lock_for(path, entries)
            if entry is None and path[0] in _TRANSLATIONS and not _translation(path):
                # Unlocked or not, a variant has nowhere to put another meaning: say so, never ignore it.
                reported.append(path)
                message = (
                    f"'{'.'.join(path)}' cannot be adapted per locale; a variant translates only the "
                    f"{_TRANSLATIONS[path[0]]} of {path[0]} (e.g. {path[0]}.{path[1]}.{_TRANSLATIONS[path[0]]})"
                )
                problems.append(problem_at(doc, path, message, key=True, code="locked"))
                continue
            if entry is not None:
                reported.append(path)
                message = (
                    f"'{'.'.join(path)}' is locked by the core program (adaptation.locked: "
                    f"{entry}), so a locale variant may not change it; remove it here or unlock "
                    "it in program.yaml"
                )
                problems.append(problem_at(doc, path, message, key=True, code="locked"))
    return problems


# ---------------------------------------------------------------- durations and minutes


def duration_bounds(core: int, tolerance: float) -> tuple[int, int]:
    """The shortest and longest duration (minutes) a variant may give a core module."""
    # The epsilon keeps float noise (0.7 * 100 = 70.00000000000001) from moving a bound.
    low = max(1, math.ceil(core * (1 - tolerance) - 1e-9))
    return low, math.floor(core * (1 + tolerance) + 1e-9)


def variant_durations(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """A variant changes a module's duration by at most ``adaptation.duration_tolerance``."""
    program = bundle.program
    tolerance = program.adaptation.duration_tolerance
    module_ids = {m.id for m in program.modules}
    problems = []
    for _, variant, doc in _variants(bundle):
        for module_id, adapted in variant.modules.items():
            if adapted.duration is None or module_id not in module_ids:
                continue
            core = program.module(module_id).duration
            low, high = duration_bounds(core, tolerance)
            if low <= adapted.duration <= high:
                continue
            change = round(abs(adapted.duration - core) * 100 / core)
            message = (
                f"duration {format_duration(adapted.duration)} of module '{module_id}' differs "
                f"from the core {format_duration(core)} by {change}%, more than the "
                f"{tolerance:.0%} adaptation.duration_tolerance allows; use "
                f"{format_duration(low)} to {format_duration(high)}"
            )
            path = ("modules", module_id, "duration")
            problems.append(problem_at(doc, path, message, code="duration-tolerance"))
    return problems


def variant_activity_minutes(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """In every variant locale the module's activities (as inherited) fit in its duration."""
    problems = []
    for locale, variant, doc in _variants(bundle):
        chain = [bundle.variants[c] for c in locale_chain(locale) if c in bundle.variants]
        for module in bundle.program.modules:
            own = variant.modules.get(module.id)
            path = _own_timing(own, module.id) if own is not None else None
            if path is None:
                continue  # nothing of this locale's own: an ancestor's problem is reported there
            duration = _duration(chain, module.id, module.duration)
            total = sum(_minutes(chain, module.id, a.id, a.minutes) for a in module.activities)
            if total > duration:
                message = (
                    f"in locale {locale} the activities of module '{module.id}' take {total} "
                    f"minutes, more than its duration {format_duration(duration)}; shorten the "
                    "activities or lengthen the module"
                )
                problems.append(problem_at(doc, path, message, code="activity-minutes"))
    return problems


def _own_timing(own: ModuleVariant, module_id: str) -> KeyPath | None:
    """Where a variant sets a module's timing itself (its duration, else the first minutes)."""
    if own.duration is not None:
        return ("modules", module_id, "duration")
    for activity_id, activity in own.activities.items():
        if activity.minutes is not None:
            return ("modules", module_id, "activities", activity_id, "minutes")
    return None


def _duration(chain: list[Variant], module_id: str, core: int) -> int:
    for variant in chain:
        adapted = variant.modules.get(module_id)
        if adapted is not None and adapted.duration is not None:
            return adapted.duration
    return core


def _minutes(chain: list[Variant], module_id: str, activity_id: str, core: int) -> int:
    for variant in chain:
        adapted = variant.modules.get(module_id)
        activity = adapted.activities.get(activity_id) if adapted else None
        if activity is not None and activity.minutes is not None:
            return activity.minutes
    return core


# ---------------------------------------------------------------- cultural profiles


def profile_locales(workspace: Workspace) -> list[Problem]:
    """A profile's ``locale`` is the locale of its folder."""
    problems = []
    for folder, profile in sorted(workspace.profiles.items()):
        if profile.locale != folder:
            message = (
                f"profile is for locale {profile.locale} but lies in the folder of {folder}; "
                f"write locale: {folder.replace('_', '-')} (or move the file)"
            )
            doc = workspace.profile_docs[folder]
            problems.append(problem_at(doc, ("locale",), message, code="profile-locale"))
    return problems


RULES: list[Rule] = [
    variant_program, variant_based_on, variant_orphans, variant_locked, variant_durations,
    variant_activity_minutes,
]
