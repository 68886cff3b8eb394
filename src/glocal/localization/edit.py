"""Edits of variant files that keep the file's comments, key order and quoting.

``stamp`` records the hash of the core text each translation was made from; ``accept``
lets a core author mark an edit of a core text as minor, so variants stay current (like
Crowdin's "update without changes"); ``set_texts`` writes translations (from a PO file).
Each edits the file's text in place (only changed values; quotes, comments, line endings,
mode and links kept) under a lock on the workspace folder, so concurrent edits never lose one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from glocal.errors import UsageError
from glocal.localization.fields import (
    ACTIVITY_ADAPTATIONS,
    ACTIVITY_TEXTS,
    EVALUATION_TEXT,
    MODULE_ADAPTATIONS,
    MODULE_TEXTS,
    OBJECTIVE_TEXT,
    PROGRAM_TEXTS,
    core_texts,
    variant_values,
)
from glocal.localization.safe_edit import edit_file
from glocal.localization.staleness import source_hash
from glocal.localization.yaml_splice import OrderOf, set_values
from glocal.model import Program
from glocal.workspace import ProgramBundle

Edit = tuple[tuple[str, ...], str | int]  # a key path in the variant and the value to set there

# The order keys take when glocal adds them, so new keys land where a person would put them.
TOP_ORDER = ["program", "based_on", *PROGRAM_TEXTS, "objectives", "evaluation", "modules", "acknowledged", "sources"]
MODULE_ORDER = [*MODULE_TEXTS, *MODULE_ADAPTATIONS, "activities"]
ACTIVITY_ORDER = ["title", "description", *ACTIVITY_ADAPTATIONS, "note"]
assert set(ACTIVITY_TEXTS) <= set(ACTIVITY_ORDER)


def variant_file(root: Path, locale: str, program_id: str) -> Path:
    """``locales/<locale>/<program>.yaml`` under the workspace root."""
    return root / "locales" / locale / f"{program_id}.yaml"


def _order_of(program: Program) -> OrderOf:
    """Where a new key goes at each level: the order a person would write the keys in."""
    modules = {m.id: m for m in program.modules}
    texts = list(core_texts(program))

    def order(path: tuple[str, ...]) -> list[str]:
        if path == ():
            return TOP_ORDER
        if path == ("modules",):
            return list(modules)
        if path == ("objectives",):
            return [o.id for o in program.objectives]
        if path == ("evaluation",):
            return [str(e.level) for e in program.evaluation]
        if len(path) == 2 and path[0] in ("objectives", "evaluation"):
            return [OBJECTIVE_TEXT if path[0] == "objectives" else EVALUATION_TEXT]
        if path == ("sources",) or path == ("acknowledged",):
            return texts
        if len(path) == 2 and path[0] == "modules":
            return MODULE_ORDER
        if len(path) == 3 and path[2] == "activities" and path[1] in modules:
            return [a.id for a in modules[path[1]].activities]
        if len(path) == 4 and path[2] == "activities":
            return ACTIVITY_ORDER
        return []

    return order


def _edit(root: Path, bundle: ProgramBundle, locale: str,
          edits: list[Edit] | Callable[[str | None], list[Edit]],
          check: Callable[[str], None] | None = None) -> list[tuple[str, ...]]:
    """Set ``edits`` in the locale's variant file under its lock; the key paths that changed.

    ``edits`` may be a function of the current text (read under the lock), which may also
    raise to refuse the edit; ``check`` sees the new text before it is written and raises to
    refuse it. A new file starts with ``program`` and ``based_on`` (today's core version): a
    first translation is made against today's core.
    """
    changed: list[tuple[str, ...]] = []

    def apply(current: str | None) -> str | None:
        nonlocal changed
        wanted = edits(current) if callable(edits) else edits
        text = current
        if text is None:
            text = f"program: {bundle.id}\nbased_on: {bundle.program.version}\n"
        new, changed = set_values(text, wanted, _order_of(bundle.program))
        if not changed:
            return None  # a no-op import writes nothing: same bytes, mode and links
        if check is not None:
            check(new)
        return new

    edit_file(root, variant_file(root, locale, bundle.id), apply)
    return changed


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
    edits: list[Edit] = [(("sources", p), source_hash(texts[p])) for p in chosen]
    if fields is None:
        edits.insert(0, (("based_on",), bundle.program.version))
    _edit(root, bundle, locale, edits)
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
        _edit(root, bundle, locale, [(("sources", f), source_hash(texts[f])) for f in refresh])
        changed[locale] = refresh
    return changed


def set_texts(root: Path, bundle: ProgramBundle, locale: str, texts: dict[str, str], stamped: list[str],
              check: Callable[[str], None] | None = None,
              guard: Callable[[str | None], list[str]] | None = None) -> list[str]:
    """Write translations into the locale's variant file; record hashes for ``stamped``.

    Only the values that differ from the file are touched, each in place (see
    ``glocal.localization.yaml_splice``). ``guard`` sees the current text under the lock: it
    may refuse it (raise) and returns which of ``stamped`` to stamp after all; ``check`` may
    refuse the new text. Returns the field paths whose text changed.
    """
    core = core_texts(bundle.program)

    def edits(current: str | None) -> list[Edit]:
        chosen = guard(current) if guard is not None else stamped
        wanted: list[Edit] = [(tuple(p.split(".")), t) for p, t in texts.items()]
        return wanted + [(("sources", p), source_hash(core[p])) for p in chosen if p in core]

    changed = _edit(root, bundle, locale, edits, check)
    return [".".join(p) for p in changed if p[0] != "sources" and p != ("based_on",)]
