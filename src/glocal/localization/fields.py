"""Field paths: the names glocal gives to every translatable or adaptable value.

A field path is dotted: ``title``, ``summary``, ``modules.<module>.title``,
``modules.<module>.activities.<activity>.note``, ``objectives.<objective>.text`` and
``evaluation.<level>.instrument`` (a level is addressed by its number, ``1`` to ``4``). Ids never contain dots, so the path splits
back into YAML key paths for both the core (where modules are a list) and a variant (where
they are a mapping by id).
"""

from __future__ import annotations

from typing import Any

from glocal.model import Program, Variant
from glocal.workspace.yamlio import KeyPath

PROGRAM_TEXTS = ("title", "summary")
MODULE_TEXTS = ("title", "description")
ACTIVITY_TEXTS = ("title", "description", "note")
MODULE_ADAPTATIONS = ("duration",)
ACTIVITY_ADAPTATIONS = ("minutes", "styles")
OBJECTIVE_TEXT = "text"
EVALUATION_TEXT = "instrument"


def module_path(module_id: str, name: str) -> str:
    """``modules.<module>.<name>``."""
    return f"modules.{module_id}.{name}"


def activity_path(module_id: str, activity_id: str, name: str) -> str:
    """``modules.<module>.activities.<activity>.<name>``."""
    return f"modules.{module_id}.activities.{activity_id}.{name}"


def objective_path(objective_id: str) -> str:
    """``objectives.<objective>.text``."""
    return f"objectives.{objective_id}.{OBJECTIVE_TEXT}"


def evaluation_path(level: int | str) -> str:
    """``evaluation.<level>.instrument``."""
    return f"evaluation.{level}.{EVALUATION_TEXT}"


def translatable_levels(program: Program) -> dict[int, int]:
    """Level -> index in ``program.evaluation`` of the levels a variant can address.

    A level listed twice in the core cannot say which instrument a translation is for, so
    it has no field path (``glocal check`` says so where a variant tries).
    """
    counts: dict[int, int] = {}
    for entry in program.evaluation:
        counts[entry.level] = counts.get(entry.level, 0) + 1
    return {e.level: i for i, e in enumerate(program.evaluation) if counts[e.level] == 1}


def core_texts(program: Program) -> dict[str, str]:
    """Every translatable core text by field path, in the order of the core file."""
    texts: dict[str, str] = {}
    for name in PROGRAM_TEXTS:
        value = getattr(program, name)
        if value:
            texts[name] = value
    for objective in program.objectives:
        texts.setdefault(objective_path(objective.id), objective.text)  # a repeated id: the first
    levels = translatable_levels(program)
    for entry in program.evaluation:
        if entry.level in levels:
            texts[evaluation_path(entry.level)] = entry.instrument
    for module in program.modules:
        for name in MODULE_TEXTS:
            value = getattr(module, name)
            if value:
                texts[module_path(module.id, name)] = value
        for activity in module.activities:
            for name in ACTIVITY_TEXTS:
                value = getattr(activity, name)
                if value:
                    texts[activity_path(module.id, activity.id, name)] = value
    return texts


def variant_values(variant: Variant) -> dict[str, Any]:
    """Every value a variant sets (texts and adaptations) by field path, in file order."""
    values: dict[str, Any] = {}
    for name in PROGRAM_TEXTS:
        value = getattr(variant, name)
        if value is not None:
            values[name] = value
    for objective_id, objective in variant.objectives.items():
        if objective.text is not None:
            values[objective_path(objective_id)] = objective.text
    for level, entry in variant.evaluation.items():
        if entry.instrument is not None:
            values[evaluation_path(level)] = entry.instrument
    for module_id, module in variant.modules.items():
        for name in (*MODULE_TEXTS, *MODULE_ADAPTATIONS):
            value = getattr(module, name)
            if value is not None:
                values[module_path(module_id, name)] = value
        for activity_id, activity in module.activities.items():
            for name in (*ACTIVITY_TEXTS, *ACTIVITY_ADAPTATIONS):
                value = getattr(activity, name)
                if value is not None:
                    values[activity_path(module_id, activity_id, name)] = value
    return values


def is_text_path(path: str) -> bool:
    """True when the field at ``path`` is a text (translated), not an adaptation."""
    parts = path.split(".")
    if len(parts) == 1:
        return parts[0] in PROGRAM_TEXTS
    if len(parts) == 3 and parts[0] == "objectives":
        return parts[2] == OBJECTIVE_TEXT
    if len(parts) == 3 and parts[0] == "evaluation":
        return parts[2] == EVALUATION_TEXT
    if len(parts) == 3:
        return parts[2] in MODULE_TEXTS
    return len(parts) == 5 and parts[4] in ACTIVITY_TEXTS


def variant_key_path(path: str) -> KeyPath:
    """The YAML key path of a field in a variant file (modules keyed by id)."""
    return tuple(path.split("."))


def core_key_path(program: Program, path: str) -> KeyPath:
    """The YAML key path of a field in program.yaml (modules and activities are lists).

    Raises ``KeyError`` when the module or activity does not exist in the core.
    """
    parts = path.split(".")
    if len(parts) == 1:
        return (parts[0],)
    if parts[0] == "objectives":
        objective_ids = [o.id for o in program.objectives]
        if len(parts) != 3 or parts[1] not in objective_ids:
            raise KeyError(path)
        return ("objectives", objective_ids.index(parts[1]), parts[2])
    if parts[0] == "evaluation":
        levels = translatable_levels(program)
        if len(parts) != 3 or not parts[1].isdigit() or int(parts[1]) not in levels:
            raise KeyError(path)
        return ("evaluation", levels[int(parts[1])], parts[2])
    module_ids = [m.id for m in program.modules]
    if parts[1] not in module_ids:
        raise KeyError(parts[1])
    module_index = module_ids.index(parts[1])
    if len(parts) == 3:
        return ("modules", module_index, parts[2])
    activity_ids = [a.id for a in program.modules[module_index].activities]
    if len(parts) != 5 or parts[3] not in activity_ids:
        raise KeyError(path)
    return ("modules", module_index, "activities", activity_ids.index(parts[3]), parts[4])
