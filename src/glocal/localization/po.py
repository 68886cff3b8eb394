"""Translator round trip through gettext PO files (babel.messages).

One entry per core text: ``msgctxt`` is the field path, ``msgid`` the core text, ``msgstr``
the locale's own translation. Outdated translations are ``#, fuzzy`` with the earlier core
text as ``#| msgid`` when git history has it; translator comments give the module and activity
context and what a parent locale already says. Import writes the translations back into
``locales/<locale>/<program>.yaml`` through ruamel's round trip, touching only changed values.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from glocal.errors import InputError, Location, Problem, Severity, UsageError
from glocal.localization.edit import set_texts
from glocal.localization.fields import core_key_path, core_texts, variant_values
from glocal.localization.history import CoreRevision, core_history, previous_text
from glocal.localization.resolve import LocalizedProgram, resolve
from glocal.localization.staleness import source_hash
from glocal.model import Program
from glocal.model.locales import normalize_locale
from glocal.workspace import ProgramBundle, Workspace

# PO headers carry a creation date; a fixed one keeps exports byte-identical run to run.
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
HEADER = (
    "# Translations of the glocal program {program} (core version {version}) into {locale}.\n"
    "# Translate msgstr only; msgctxt names the field. Import with:\n"
    "#   glocal locales import-po <this file>\n"
)


def _context(program: Program, path: str) -> list[str]:
    """Translator comments (``# ...``) that say where a text appears."""
    parts = path.split(".")
    if len(parts) == 1:
        return [f"Program {parts[0]}"]
    ids = [m.id for m in program.modules]
    module = program.module(parts[1])
    lines = [f"Module {ids.index(module.id) + 1} of {len(ids)}: {module.title} ({module.id})"]
    if len(parts) == 5:
        activity = next(a for a in module.activities if a.id == parts[3])
        styles = f"; styles: {', '.join(activity.styles)}" if activity.styles else ""
        lines.append(f"Activity: {activity.title} ({activity.id}, {activity.minutes} min{styles})")
    return lines


def _fuzzy(bundle: ProgramBundle, locale: str, path: str, text: str, history: list[CoreRevision]) -> tuple[bool, str | None]:
    """Whether the locale's own translation of ``path`` needs review, and the old core text."""
    variant = bundle.variants[locale]
    recorded = variant.sources.get(path)
    if recorded is not None:
        if recorded == source_hash(text):
            return False, None
        return True, previous_text(history, path, recorded=recorded, based_on=None)
    if variant.based_on is not None and variant.based_on >= bundle.program.version:
        return False, None
    earlier = previous_text(history, path, recorded=None, based_on=variant.based_on)
    if earlier is not None and source_hash(earlier) == source_hash(text):
        return False, None  # the text did not change since the reviewed version
    return True, earlier


def export_po(root: Path, bundle: ProgramBundle, locale: str) -> bytes:
    """The PO file of ``locale``'s own translations of ``bundle`` (UTF-8 bytes)."""
    locale = normalize_locale(locale)
    program = bundle.program
    localized = resolve(bundle, locale)
    own = bundle.variants.get(locale)
    history = core_history(root, program.id) if own is not None else []
    catalog = Catalog(
        locale=Locale.parse(locale),
        domain=program.id,
        project=program.id,
        version=str(program.version),
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        language_team=f"{locale} <{locale}@glocal.invalid>",
        last_translator="glocal",
        msgid_bugs_address="glocal.invalid",
        header_comment=HEADER.format(program=program.id, version=program.version, locale=locale),
        fuzzy=False,
    )
    core_doc = bundle.docs["program"]
    for path, text in core_texts(program).items():
        comments = _context(program, path)
        origin = localized.sources.get(path, "core")
        translation = ""
        flags: list[str] = []
        previous: str | None = None
        if origin == locale and own is not None:
            translation = localized_text(localized, path)
            fuzzy, previous = _fuzzy(bundle, locale, path, text, history)
            flags = ["fuzzy"] if fuzzy else []
        elif origin != "core":
            comments.append(f"Used now, from {origin}: {localized_text(localized, path)}")
        line = core_doc.location(core_key_path(program, path)).line
        catalog.add(
            text, translation, context=path, user_comments=comments,
            locations=[(core_doc.path, line)], flags=flags,
            previous_id=previous if previous is not None else (),
        )
    out = io.BytesIO()
    write_po(out, catalog, include_previous=True, width=76)
    return out.getvalue()


def localized_text(localized: LocalizedProgram, path: str) -> str:
    """The resolved text at ``path`` in a localized program."""
    parts = path.split(".")
    if len(parts) == 1:
        return str(getattr(localized, parts[0]) or "")
    module = localized.module(parts[1])
    if len(parts) == 3:
        return str(getattr(module, parts[2]) or "")
    return str(getattr(module.activity(parts[3]), parts[4]) or "")


@dataclass
class PoImport:
    """What an imported PO file changed."""

    program: str
    locale: str
    path: Path  # the variant file written
    changed: list[str] = field(default_factory=list)  # field paths whose text changed
    stamped: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # translated from a core text that changed since


def _read(data: bytes, rel: str) -> Catalog:
    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise InputError([Problem(Location(rel, 1, 1), f"not a readable PO file: {exc}; export one with 'glocal locales export-po PROGRAM LOCALE'")]) from None


def _target(workspace: Workspace, catalog: Catalog, rel: str, program: str | None, locale: str | None) -> tuple[ProgramBundle, str]:
    """The program and locale a PO file is for, refusing one meant for something else."""
    found_program = (catalog.project or "").strip()
    found_locale = str(catalog.locale) if catalog.locale is not None else ""
    if not found_program or not found_locale:
        raise UsageError(f"{rel}: the PO header names no program (Project-Id-Version) or no Language", "import files written by 'glocal locales export-po'")
    if program is not None and program != found_program:
        raise UsageError(f"{rel} is a PO file for program '{found_program}', not '{program}'", "import it for its own program, or export one for this program")
    if locale is not None and normalize_locale(locale) != normalize_locale(found_locale):
        raise UsageError(f"{rel} is a PO file for locale '{found_locale}', not '{normalize_locale(locale)}'", f"import it into locales/{found_locale}/ or export one for this locale")
    if found_program not in workspace.programs:
        raise UsageError(f"{rel} is for program '{found_program}', which this workspace does not have", f"known programs: {', '.join(sorted(workspace.programs)) or 'none'}")
    return workspace.programs[found_program], normalize_locale(found_locale)


def import_po(workspace: Workspace, po_file: Path, *, program: str | None = None, locale: str | None = None) -> PoImport:
    """Write the translations of a PO file into its locale's variant file."""
    try:
        rel = po_file.resolve().relative_to(workspace.root).as_posix()
    except ValueError:
        rel = str(po_file)
    catalog = _read(po_file.read_bytes(), rel)
    bundle, target_locale = _target(workspace, catalog, rel, program, locale)
    texts = core_texts(bundle.program)
    variant = bundle.variants.get(target_locale)
    tracks_sources = variant is not None and bool(variant.sources)
    problems: list[Problem] = []
    wanted: dict[str, str] = {}
    stamped: list[str] = []
    stale: list[str] = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue  # the header (or plural entries, which glocal never writes)
        path = str(message.context or "")
        if path not in texts:
            problems.append(Problem(Location(rel, message.lineno or 1, 1), f"msgctxt '{path}' is not a text of {bundle.id}; keep the msgctxt lines glocal wrote", Severity.ERROR, code="po-context"))
            continue
        if not isinstance(message.string, str) or not message.string:
            continue
        wanted[path] = message.string
        if source_hash(message.id) != source_hash(texts[path]):
            stale.append(path)
        elif tracks_sources and not message.fuzzy:
            stamped.append(path)
    if problems:
        raise InputError(problems)
    current = _current(bundle, target_locale)
    changed = [p for p, text in wanted.items() if current.get(p) != text]
    written = set_texts(workspace.root, bundle, target_locale, wanted, stamped)
    return PoImport(bundle.id, target_locale, written, changed, stamped, stale)


def _current(bundle: ProgramBundle, locale: str) -> dict[str, str]:
    variant = bundle.variants.get(locale)
    return {k: v for k, v in variant_values(variant).items() if isinstance(v, str)} if variant else {}

