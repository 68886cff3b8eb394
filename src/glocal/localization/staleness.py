"""What a regional team must do: outdated, missing and orphaned fields of a locale.

A variant records, per translated field, a short hash of the core text it translated
(``sources``, written by ``glocal locales stamp``). When the core text changes the hash no
longer matches and the field is *outdated* (still used, flagged). A variant reviewed against
an older core ``version`` (``based_on``) is outdated as a whole. A core text that no variant
in the chain translates is *missing*; a variant key whose core counterpart is gone is
*orphaned* (an error: the text would silently never show).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from babel import Locale

from glocal.errors import Location, Problem, Severity
from glocal.localization.fields import (
    core_key_path,
    core_texts,
    is_text_path,
    variant_key_path,
    variant_values,
)
from glocal.localization.resolve import resolve
from glocal.model import Program, Variant
from glocal.model.locales import locale_chain
from glocal.workspace import ProgramBundle
from glocal.workspace.yamlio import KeyPath

HASH_LENGTH = 8


def source_hash(text: str) -> str:
    """A short, stable hash of a core text; reflowing whitespace does not change it."""
    normalized = " ".join(text.split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class OutdatedField:
    """A translated field whose core text changed since it was translated."""

    locale: str  # the variant the resolved value comes from
    path: str
    location: Location
    recorded: str  # the hash in the variant
    current: str  # the hash of today's core text


@dataclass(frozen=True)
class OutdatedVariant:
    """A variant last reviewed against an older core version (or never stamped)."""

    locale: str
    based_on: int | None
    version: int
    location: Location


@dataclass(frozen=True)
class OrphanedKey:
    """A translation or source hash in a variant whose core text is gone."""

    locale: str
    path: str
    location: Location
    what: str

    def problem(self) -> Problem:
        """The orphan as an error for ``glocal check`` and ``locales status``."""
        return Problem(
            self.location,
            f"{self.what} '{self.path}' has no counterpart in the core program; "
            "remove it or rename it to an existing id",
            Severity.ERROR,
            code="orphaned",
        )


@dataclass
class Staleness:
    """Translation state of one locale of one program (along its whole chain)."""

    locale: str
    chain: list[str]
    total: int  # translatable core texts
    translated: int
    missing: list[str] = field(default_factory=list)
    outdated_fields: list[OutdatedField] = field(default_factory=list)
    outdated_variants: list[OutdatedVariant] = field(default_factory=list)
    unstamped: list[str] = field(default_factory=list)  # translated fields with no hash yet
    orphaned: list[OrphanedKey] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Translated share of the core texts (1.0 when nothing needs translating)."""
        return self.translated / self.total if self.total else 1.0

    @property
    def outdated(self) -> bool:
        """True when any field or variant in the chain is outdated."""
        return bool(self.outdated_fields or self.outdated_variants)


def speaks_source_language(bundle: ProgramBundle, locale: str) -> bool:
    """True when the locale's language is the core's (en_US for an English core)."""
    language = locale_chain(locale)[-1].split("_")[0]
    return bool(Locale.parse(bundle.program.source_locale).language == language)


def orphans(bundle: ProgramBundle, locale: str, variant: Variant) -> list[OrphanedKey]:
    """Translations and source hashes of one variant whose core text is gone.

    Unknown modules, activities and acknowledgements are rejected when the workspace is
    loaded (``glocal.workspace.checks.variants``); what is left is a text translated from a core text
    that no longer exists, which a recorded source hash proves was once there.
    """
    doc = bundle.variant_doc(locale)
    program = bundle.program
    texts = core_texts(program)
    found: list[OrphanedKey] = []

    def add(path: str, key_path: KeyPath, what: str) -> None:
        found.append(OrphanedKey(locale, path, doc.location(key_path, key=True), what))

    for path in variant.sources:
        if path not in texts:
            add(path, ("sources", path), "source hash of")
    for path in variant_values(variant):
        if is_text_path(path) and path in variant.sources and path not in texts and _parent_exists(program, path):
            add(path, variant_key_path(path), "translation of")
    return sorted(found, key=lambda o: (o.location, o.path))


def _parent_exists(program: Program, path: str) -> bool:
    """True when the module and activity that ``path`` names exist in the core."""
    try:
        core_key_path(program, path)
    except KeyError:
        return False
    return True


def staleness(bundle: ProgramBundle, locale: str) -> Staleness:
    """The translation state of ``locale``: share, missing, outdated, orphaned."""
    chain = locale_chain(locale)
    program = bundle.program
    texts = core_texts(program)
    localized = resolve(bundle, locale)
    layers = [loc for loc in chain if loc in bundle.variants]
    native = speaks_source_language(bundle, locale)
    state = Staleness(locale=chain[0], chain=chain, total=0 if native else len(texts), translated=0)
    for path, text in texts.items():
        origin = localized.sources.get(path, "core")
        if origin == "core":
            if not native:
                state.missing.append(path)
            continue
        if not native:  # in the core's language a variant adapts, it does not translate
            state.translated += 1
        variant = bundle.variants[origin]
        recorded = variant.sources.get(path)
        if recorded is None:
            state.unstamped.append(path)
        elif recorded != source_hash(text):
            location = bundle.variant_doc(origin).location(variant_key_path(path))
            state.outdated_fields.append(OutdatedField(origin, path, location, recorded, source_hash(text)))
    for origin in layers:
        variant = bundle.variants[origin]
        if variant.based_on is None or variant.based_on < program.version:
            doc = bundle.variant_doc(origin)
            where = doc.location(("based_on",)) if variant.based_on is not None else doc.location(())
            state.outdated_variants.append(OutdatedVariant(origin, variant.based_on, program.version, where))
        state.orphaned += orphans(bundle, origin, variant)
    return state
