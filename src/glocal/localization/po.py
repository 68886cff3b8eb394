"""Translator round trip through gettext PO files (babel.messages).

One entry per core text: ``msgctxt`` is the field path, ``msgid`` the core text, ``msgstr``
the locale's own translation. Outdated translations are ``#, fuzzy`` with the earlier core
text as ``#| msgid`` when git history has it; translator comments give the module and activity
context and what a parent locale already says. Import writes the translations back into
``locales/<locale>/<program>.yaml`` through ruamel's round trip, touching only changed values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from glocal.errors import InputError, Location, Problem, Severity, UsageError
from glocal.localization.candidate import check_candidate
from glocal.localization.edit import set_texts, variant_file
from glocal.localization.fields import core_key_path, core_texts
from glocal.localization.history import CoreRevision, core_history, previous_text
from glocal.localization.po_lint import MAX_PO_BYTES, PoScan, scan_po
from glocal.localization.resolve import LocalizedProgram, resolve
from glocal.localization.staleness import source_hash, staleness
from glocal.model import Program
from glocal.model.locales import normalize_locale
from glocal.workspace import ProgramBundle, Workspace
from glocal.workspace.yamlio import read_yaml_text

# PO headers carry a creation date; a fixed one keeps exports byte-identical run to run.
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
BASE_MARK = "glocal-base"  # "#. glocal-base <hash>": the msgstr as exported, for compare-and-swap
HEADER = (
    "# Translations of the glocal program {program} (core version {version}) into {locale}.\n"
    "# Translate msgstr only; msgctxt names the field. Import with:\n"
    "#   glocal locales import-po <this file>\n"
)


def text_hash(text: str) -> str:
    """A short hash of a text exactly as written (unlike ``source_hash``, spaces count)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _base(message: Message) -> str | None:
    """The hash of the msgstr export-po wrote, when the entry still carries it."""
    for comment in message.auto_comments:
        parts = comment.split()
        if len(parts) == 2 and parts[0] == BASE_MARK:
            return str(parts[1])
    return None


def _context(program: Program, path: str) -> list[str]:
    """Translator comments (``# ...``) that say where a text appears."""
    parts = path.split(".")
    if len(parts) == 1:
        return [f"Program {parts[0]}"]
    if parts[0] == "objectives":
        ids = [o.id for o in program.objectives]
        return [f"Objective {ids.index(parts[1]) + 1} of {len(ids)} ({parts[1]}); translate its words, keep its meaning"]
    if parts[0] == "evaluation":
        entry = next(e for e in program.evaluation if str(e.level) == parts[1])
        return [f"Evaluation level {entry.level} instrument, due {entry.when}"]
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
            auto_comments=[f"{BASE_MARK} {text_hash(translation)}"],
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
    if parts[0] == "objectives":
        return next((o.text for o in localized.objectives if o.id == parts[1]), "")
    if parts[0] == "evaluation":
        return next((e.instrument for e in localized.evaluation if str(e.level) == parts[1]), "")
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
    warnings: list[Problem] = field(default_factory=list)  # plural, obsolete, duplicate entries
    outdated: bool = False  # the variant still needs 'glocal locales stamp' after the import


def _read(data: bytes, rel: str) -> tuple[Catalog, PoScan]:
    """The catalog of a PO file checked line by line first (see ``po_lint``), and its warnings."""
    scan = scan_po(data, rel)
    if scan.errors or scan.text is None:
        raise InputError(scan.problems)
    try:
        # babel reads the structure (header, flags, contexts) of a file the lexer accepted.
        catalog = read_po(io.StringIO(scan.text), abort_invalid=True)
    except PoFileError as exc:
        line = int(getattr(exc, "lineno", 0)) + 1
        problem = Problem(Location(rel, line, 1), f"not a readable PO file: {exc}; export one with 'glocal locales export-po PROGRAM LOCALE'", code="po-syntax")
        raise InputError([problem, *scan.problems]) from None
    except (ValueError, LookupError, AttributeError, TypeError, IndexError, KeyError) as exc:
        # babel fails on some headers it cannot parse (a date, a Language, Plural-Forms)
        # with these, outside its PoFileError; they are the file's fault, not glocal's.
        problem = Problem(Location(rel, 1, 1), f"the PO header cannot be read: {exc}; keep the header glocal wrote", code="po-header")
        raise InputError([problem, *scan.problems]) from None
    return catalog, scan


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


def _text_problems(path: str, text: str, where: Location) -> list[Problem]:
    """A translation glocal cannot carry into every output: line breaks in a title."""
    if "\n" in text and path.rsplit(".", 1)[-1] == "title":
        return [Problem(where, f"the translation of {path} has a line break; a title is one line (remove the \\n)", code="control-character")]
    return []


@dataclass
class _Wanted:
    texts: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # field path -> msgstr line in the PO
    bases: dict[str, str] = field(default_factory=dict)  # field path -> hash of the exported msgstr
    exported: dict[str, str] = field(default_factory=dict)  # the same for entries left as exported
    stamped: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def _wanted(catalog: Catalog, bundle: ProgramBundle, locale: str, rel: str, msgstr_lines: dict[str, int]) -> _Wanted:
    texts = core_texts(bundle.program)
    variant = bundle.variants.get(locale)
    tracks_sources = variant is not None and bool(variant.sources)
    problems: list[Problem] = []
    wanted = _Wanted()
    seen: set[str] = set()
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue  # the header (plural entries were warned about by the lexer)
        path = str(message.context or "")
        where = Location(rel, message.lineno or 1, 1)
        if path in seen:
            continue  # a duplicate: the lexer warned, the first one counts
        seen.add(path)
        if path not in texts:
            problems.append(Problem(where, f"msgctxt '{path}' is not a text of {bundle.id}; keep the msgctxt lines glocal wrote", Severity.ERROR, code="po-context"))
            continue
        if not isinstance(message.string, str) or not message.string:
            continue
        problems += _text_problems(path, message.string, Location(rel, msgstr_lines.get(path) or where.line, 1))
        base = _base(message)
        if base is not None and base == text_hash(message.string):
            wanted.exported[path] = base  # left as exported: not an update
        else:
            wanted.texts[path] = message.string
            wanted.lines[path] = msgstr_lines.get(path) or message.lineno or 1
            if base is not None:
                wanted.bases[path] = base
        if source_hash(message.id) != source_hash(texts[path]):
            wanted.stale.append(path)
        elif tracks_sources and not message.fuzzy:
            wanted.stamped.append(path)
    if problems:
        raise InputError(problems)
    return wanted


def import_po(workspace: Workspace, po_file: Path, *, program: str | None = None, locale: str | None = None) -> PoImport:
    """Write the translations of a PO file into its locale's variant file.

    Nothing is written when the file has an error, or when the variant file it would produce
    fails the checks of ``glocal check``.
    """
    try:
        rel = po_file.resolve().relative_to(workspace.root).as_posix()
    except ValueError:
        rel = str(po_file)
    size = po_file.stat().st_size
    if size > MAX_PO_BYTES:  # refused before a byte is read into memory
        message = f"PO file is {size} bytes; glocal reads PO files of at most 5 MiB ({MAX_PO_BYTES} bytes), split the translation or remove what is not needed"
        raise InputError([Problem(Location(rel), message, code="too-big")])
    with po_file.open("rb") as handle:
        data = handle.read(MAX_PO_BYTES + 1)  # the file may have grown since
    catalog, scan = _read(data, rel)
    bundle, target_locale = _target(workspace, catalog, rel, program, locale)
    msgstr_lines: dict[str, int] = {}
    for entry in scan.entries:
        if entry.context is not None and not entry.obsolete and not entry.plural:
            msgstr_lines.setdefault(entry.context, entry.msgstr_line)
    wanted = _wanted(catalog, bundle, target_locale, rel, msgstr_lines)
    variant_rel = f"locales/{target_locale}/{bundle.id}.yaml"
    outdated = [False]

    def check(text: str) -> None:
        loaded, problems = check_candidate(workspace.root, bundle.id, variant_rel, text)
        if problems:
            raise InputError(_refusals(problems, wanted, variant_rel, rel, text))
        if loaded is not None:
            state = staleness(loaded.bundle(bundle.id), target_locale)
            outdated[0] = any(v.locale == target_locale for v in state.outdated_variants) or any(
                f.locale == target_locale for f in state.outdated_fields)

    def unchanged_since_export(current: str | None) -> list[str]:
        conflicts, moved = _conflicts(current, wanted, rel, variant_rel)
        if conflicts:
            raise InputError(conflicts)
        # An entry left as exported stamps only the text it showed, not one changed since.
        return [p for p in wanted.stamped if p not in moved]

    changed = set_texts(workspace.root, bundle, target_locale, wanted.texts, wanted.stamped, check, unchanged_since_export)
    path = variant_file(workspace.root, target_locale, bundle.id)
    return PoImport(bundle.id, target_locale, path, changed, wanted.stamped, wanted.stale, scan.problems, outdated[0])


def _conflicts(current: str | None, wanted: _Wanted, rel: str, variant_rel: str) -> tuple[list[Problem], set[str]]:
    """Translations someone else changed in the variant since this PO file was exported.

    Compare-and-swap per field: an edit applies only over the text it was made from, so two
    translators' imports never silently undo each other. Returns the conflicts and every
    field whose text in the variant is no longer the one exported.
    """
    doc, _ = read_yaml_text(current, variant_rel) if current is not None else (None, [])
    data = doc.data if doc is not None else {}
    moved = {p for p, base in wanted.exported.items() if text_hash(_field_value(data, p)) != base}
    problems = []
    for path, base in wanted.bases.items():
        now = _field_value(data, path)
        if text_hash(now) != base and now != wanted.texts[path]:
            problems.append(Problem(
                Location(rel, wanted.lines[path], 1),
                f"{path} was changed in {variant_rel} since this PO file was exported (it is now {now[:60]!r}); "
                "export the PO file again and redo this edit there, so neither change is lost",
                code="po-conflict",
            ))
    return problems, moved


def _field_value(data: object, path: str) -> str:
    """The text at a field path in a variant's plain data ('' when it has none)."""
    node = data
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, str) else ""


def _refusals(problems: list[Problem], wanted: _Wanted, variant_rel: str, rel: str, text: str) -> list[Problem]:
    """What ``check`` would reject, at the PO line of the translation that causes it."""
    doc, _ = read_yaml_text(text, variant_rel)
    lines = {}
    if doc is not None:
        lines = {doc.location(tuple(_variant_key(p))).line: p for p in wanted.texts}
    out = []
    for problem in problems:
        if not problem.is_error:
            continue
        path = lines.get(problem.location.line) if problem.location.path == variant_rel else None
        if path is not None:
            where = Location(rel, wanted.lines[path], 1)
            out.append(Problem(where, f"import refused, the translation of {path} would fail 'glocal check': {problem.message}", code=problem.code))
        else:
            out.append(Problem(problem.location, f"import refused, after it 'glocal check' would say: {problem.message}", code=problem.code))
    return out


def _variant_key(path: str) -> list[str]:
    return path.split(".")
