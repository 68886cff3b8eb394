"""Edits of variant files that keep the file's comments, key order and quoting.

``stamp`` records the hash of the core text each translation was made from; ``accept``
lets a core author mark an edit of a core text as minor, so variants stay current (like
Crowdin's "update without changes"); ``set_texts`` writes translations (from a PO file).
All go through ruamel's round trip and an atomic write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from glocal.errors import UsageError
from glocal.localization.fields import (
    ACTIVITY_ADAPTATIONS,
    ACTIVITY_TEXTS,
    MODULE_ADAPTATIONS,
    MODULE_TEXTS,
    PROGRAM_TEXTS,
    core_texts,
    variant_values,
)
from glocal.localization.staleness import source_hash
from glocal.workspace import ProgramBundle
from glocal.workspace.yamlio import dump_round_trip, load_round_trip, write_atomic

# The order keys take when glocal adds them, so new keys land where a person would put them.
TOP_ORDER = ["program", "based_on", *PROGRAM_TEXTS, "modules", "acknowledged", "sources"]
MODULE_ORDER = [*MODULE_TEXTS, *MODULE_ADAPTATIONS, "activities"]
ACTIVITY_ORDER = ["title", "description", *ACTIVITY_ADAPTATIONS, "note"]
assert set(ACTIVITY_TEXTS) <= set(ACTIVITY_ORDER)


def variant_file(root: Path, locale: str, program_id: str) -> Path:
    """``locales/<locale>/<program>.yaml`` under the workspace root."""
    return root / "locales" / locale / f"{program_id}.yaml"


def _insert(mapping: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set ``key``; a new key goes after the keys that precede it in ``order``."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = len(mapping)
    for index, existing in enumerate(mapping):
        if existing in order and order.index(existing) > rank:
            position = index
            break
    mapping.insert(position, key, value)


def _child(mapping: CommentedMap, key: str, order: list[str]) -> CommentedMap:
    """The mapping under ``key``, created (in order) when absent or empty."""
    value = mapping.get(key)
    if not isinstance(value, CommentedMap):
        value = CommentedMap()
        _insert(mapping, key, value, order)
    return value


def set_field(data: CommentedMap, path: str, value: Any, module_order: list[str]) -> None:
    """Set a field (``modules.<m>.activities.<a>.title``) in a variant document.

    New modules are inserted in the core's module order (``module_order``).
    """
    parts = path.split(".")
    if len(parts) == 1:
        _insert(data, parts[0], value, TOP_ORDER)
        return
    modules = _child(data, "modules", TOP_ORDER)
    module = _child(modules, parts[1], module_order)
    if len(parts) == 3:
        _insert(module, parts[2], value, MODULE_ORDER)
        return
    activities = _child(module, "activities", MODULE_ORDER)
    activity = _child(activities, parts[3], [])
    _insert(activity, parts[4], value, ACTIVITY_ORDER)


def _load(path: Path, program_id: str) -> CommentedMap:
    if not path.is_file():
        data = CommentedMap()
        data["program"] = program_id
        return data
    data = load_round_trip(path)
    if not isinstance(data, CommentedMap):
        raise UsageError(f"{path}: a variant file must be a mapping of keys", "start it with 'program: <id>'")
    return data


def _write_sources(data: CommentedMap, hashes: dict[str, str], order: list[str]) -> None:
    sources = _child(data, "sources", TOP_ORDER)
    for path in sorted(hashes, key=lambda p: order.index(p) if p in order else len(order)):
        _insert(sources, path, hashes[path], order)


def stamp(root: Path, bundle: ProgramBundle, locale: str, fields: list[str] | None = None) -> list[str]:
    """Record the core text hash of every field the variant translates (or only ``fields``).

    Stamping the whole variant also sets ``based_on`` to the core version: the regional team
    says it reviewed the variant against today's core. Returns the stamped field paths.
    """
    if locale not in bundle.variants:
        raise UsageError(f"no variant of {bundle.id} for locale '{locale}'", f"create locales/{locale}/{bundle.id}.yaml first")
    texts = core_texts(bundle.program)
    translated = [p for p in variant_values(bundle.variants[locale]) if p in texts]
    chosen = translated if fields is None else list(dict.fromkeys(fields))
    for field_path in chosen:
        if field_path not in translated:
            hint = "it has no core text" if field_path not in texts else f"the {locale} variant does not translate it"
            raise UsageError(f"cannot stamp '{field_path}': {hint}", f"stampable fields: {', '.join(translated) or 'none'}")
    path = variant_file(root, locale, bundle.id)
    data = _load(path, bundle.id)
    order = list(texts)
    _write_sources(data, {p: source_hash(texts[p]) for p in chosen}, order)
    if fields is None:
        _insert(data, "based_on", bundle.program.version, TOP_ORDER)
    write_atomic(path, dump_round_trip(data))
    return chosen


def accept(root: Path, bundle: ProgramBundle, fields: list[str]) -> dict[str, list[str]]:
    """Mark core edits of ``fields`` as minor: every variant tracking them stays current.

    Returns, per locale whose file changed, the fields whose recorded hash was refreshed.
    """
    texts = core_texts(bundle.program)
    unknown = [f for f in fields if f not in texts]
    if unknown:
        raise UsageError(f"no core text at {', '.join(unknown)}", "give field paths like modules.foundations.title (see 'glocal locales status --format json')")
    changed: dict[str, list[str]] = {}
    for locale in sorted(bundle.variants):
        variant = bundle.variants[locale]
        # Only fields that track their source: an unstamped translation stays unstamped.
        refresh = [f for f in fields if f in variant.sources and variant.sources[f] != source_hash(texts[f])]
        if not refresh:
            continue
        path = variant_file(root, locale, bundle.id)
        data = _load(path, bundle.id)
        _write_sources(data, {f: source_hash(texts[f]) for f in refresh}, list(texts))
        write_atomic(path, dump_round_trip(data))
        changed[locale] = refresh
    return changed


def set_texts(root: Path, bundle: ProgramBundle, locale: str, texts: dict[str, str], stamped: list[str]) -> Path:
    """Write translations into the locale's variant file; record hashes for ``stamped``.

    Values equal to what the file already holds are left untouched (byte for byte). A new
    file starts with ``program`` and ``based_on`` (today's core version).
    """
    path = variant_file(root, locale, bundle.id)
    created = not path.is_file()
    data = _load(path, bundle.id)
    if created:  # a first translation is made against today's core
        _insert(data, "based_on", bundle.program.version, TOP_ORDER)
    current = variant_values(bundle.variants[locale]) if locale in bundle.variants else {}
    module_order = [m.id for m in bundle.program.modules]
    for field_path, text in texts.items():
        if current.get(field_path) != text:
            set_field(data, field_path, text, module_order)
    core = core_texts(bundle.program)
    hashes = {p: source_hash(core[p]) for p in stamped if p in core}
    variant = bundle.variants.get(locale)
    hashes = {p: h for p, h in hashes.items() if variant is None or variant.sources.get(p) != h}
    if hashes:
        _write_sources(data, hashes, list(core))
    write_atomic(path, dump_round_trip(data))
    return path
