"""Workspace files -> validated model; every problem as ``path:line:column: message``.

``load_workspace`` reads every file it needs, validates each against its model, runs the
cross-file rules of ``glocal.workspace.checks`` and raises one ``InputError`` with all problems found,
sorted by file and line. Warnings travel with the returned ``Workspace``.
"""

from __future__ import annotations

import copy
import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from glocal.errors import InputError, Location, Problem, UsageError
from glocal.model import FacilitatorsFile, Profile, Program, Rollout, Variant
from glocal.values import suggest
from glocal.workspace import checks, discovery, team
from glocal.workspace.bundle import ProgramBundle, Workspace, unknown_program
from glocal.workspace.messages import error_message, shown
from glocal.workspace.yamlio import KeyPath, YamlDocument, read_yaml

M = TypeVar("M", bound=BaseModel)


def _clean_loc(loc: tuple[Any, ...]) -> tuple[KeyPath, bool]:
    """Drop pydantic's validator names from a location; True if it points at a dict key."""
    out: list[str | int] = []
    at_key = False
    for part in loc:
        if part == "[key]":
            at_key = True
            continue
        if isinstance(part, str) and ("[" in part and "(" in part or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out), at_key


def _known_keys(model: type[BaseModel], path: KeyPath) -> list[str]:
    """Field names valid at ``path`` in ``model``, for "did you mean" hints."""
    current: Any = model
    keyed = False  # the last field was a mapping by id (``modules: {foundations: ...}``)
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        if keyed:
            keyed = False  # ``foundations`` is an id, not a field: its value is the inner model
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        keyed = _is_mapping(info.annotation)
    return sorted(getattr(current, "model_fields", {}))


def _is_mapping(annotation: Any) -> bool:
    """True for ``dict[...]`` (also inside ``Optional``/``Annotated``), whose keys are ids."""
    from typing import get_args, get_origin

    if get_origin(annotation) is dict:
        return True
    return any(_is_mapping(arg) for arg in get_args(annotation) if arg is not type(None))


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_document(model: type[M], doc: YamlDocument) -> tuple[M | None, list[Problem]]:
    """Validate a document against a model; problems carry the YAML position."""
    if not isinstance(doc.data, dict):
        got = "an empty file" if doc.data is None else shown(doc.data)
        return None, [Problem(doc.location(()), f"expected a mapping of keys (like 'id: ...'), got {got}")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = exc.errors()
        misspelt = _misspelt_keys(model, errors)
        return None, [
            _problem(model, doc, error) for error in errors
            if not (error["type"] == "missing" and _clean_loc(error["loc"])[0] in misspelt)
        ]


def _misspelt_keys(model: type[BaseModel], errors: list[ErrorDetails]) -> set[KeyPath]:
    """Required keys that an unknown key probably meant (``titel`` -> ``title``).

    Reporting "unknown key 'titel'; did you mean 'title'?" says it all; the "missing
    required key 'title'" that comes with it is left out.
    """
    meant: set[KeyPath] = set()
    for error in errors:
        path, _ = _clean_loc(error["loc"])
        if error["type"] == "extra_forbidden" and path:
            close = difflib.get_close_matches(str(path[-1]), _known_keys(model, path[:-1]), n=1, cutoff=0.6)
            meant.update((*path[:-1], name) for name in close)
    return meant


def _problem(model: type[BaseModel], doc: YamlDocument, error: ErrorDetails) -> Problem:
    path, at_key = _clean_loc(error["loc"])
    message = error_message(error)
    if error["type"] == "extra_forbidden":
        keys = _known_keys(model, path[:-1])
        message += suggest(str(path[-1]), keys) or (f"; allowed keys: {', '.join(keys)}" if keys else "")
        location = doc.location(path, key=True)
    elif error["type"] == "missing":
        location = doc.location(path[:-1], key=True)
    else:
        location = doc.location(path, key=at_key)
    return Problem(location, message)


def without_unknown_keys(model: type[M], doc: YamlDocument) -> M | None:
    """The file's model with its unknown keys left out, when unknown keys are all that is wrong.

    A misspelt key must not hide the file's other problems: its own rules (duplicate ids,
    module order, preferred hours ...) still run on the rest of the file. A key that stands
    for a missing required key (``minuts`` for ``minutes``) is read as that key, others dropped.
    """
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors()
    meant = _misspelt_keys(model, errors)
    if any(error["type"] != "extra_forbidden" and not (error["type"] == "missing" and _clean_loc(error["loc"])[0] in meant)
           for error in errors):
        return None
    data = copy.deepcopy(doc.data)
    for error in errors:
        path, _ = _clean_loc(error["loc"])
        if error["type"] != "extra_forbidden" or not path:
            continue
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            value = parent.pop(path[-1], None)
        except (KeyError, IndexError, TypeError, AttributeError):
            return None  # a location that is not a plain path into the file (a union member's name)
        close = difflib.get_close_matches(str(path[-1]), _known_keys(model, path[:-1]), n=1, cutoff=0.6)
        if close and (*path[:-1], close[0]) in meant and close[0] not in parent:
            parent[close[0]] = value
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


class _Reader:
    """Collects problems while reading the files of one workspace."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        # Files whose only problems are unknown keys, read without them (relative path -> model).
        self.partial: dict[str, BaseModel] = {}

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read(self, model: type[M], path: Path) -> tuple[M | None, YamlDocument | None]:
        rel = self.rel(path)
        if not path.resolve().is_relative_to(self.root):
            # A link to a file outside the workspace would let a workspace read anything.
            message = "file is a link to outside the workspace; glocal reads only files inside it (copy the file here)"
            self.problems.append(Problem(Location(rel), message, code="symlink"))
            return None, None
        doc, problems = read_yaml(path, rel)
        self.problems += problems
        if doc is None:
            return None, None
        value, problems = validate_document(model, doc)
        self.problems += problems
        if value is None and isinstance(doc.data, dict):
            rest = without_unknown_keys(model, doc)
            if rest is not None:
                self.partial[rel] = rest
        return value, doc

    def partial_model(self, model: type[M], doc: YamlDocument | None) -> M | None:
        """The model of a file read without its unknown keys (see ``without_unknown_keys``)."""
        found = self.partial.get(doc.path) if doc is not None else None
        return found if isinstance(found, model) else None


def find_program_dirs(root: Path) -> list[Path]:
    """Program folders of a workspace (``programs/<id>/program.yaml``), sorted."""
    if not (root / "programs").is_dir():
        return []
    return [folder for _, folder in sorted(discovery.scan(root).programs.items())]


def resolve_program_arg(root: Path, program: str | None) -> list[str] | None:
    """Program ids named by a PROGRAM argument (an id or a path to its folder) in ``root``."""
    return discovery.resolve_target(program, root).programs


def load_workspace(root: Path, only: list[str] | None = None) -> Workspace:
    """Load and validate a workspace (or only some of its programs); raise InputError if bad."""
    try:
        root = root.resolve()
        is_workspace = (root / "programs").is_dir()
    except (OSError, ValueError) as exc:  # a NUL byte, a name too long for the file system
        raise UsageError(f"cannot use {str(root)!r} as a workspace: {exc}", "pass --workspace DIR with a folder that exists") from None
    if not is_workspace:
        raise UsageError(
            f"{root} is not a glocal workspace (it has no programs/ folder)",
            "run glocal in a workspace or pass --workspace DIR; 'glocal init DIR' creates one",
        )
    layout = discovery.scan(root)
    known = layout.programs
    wanted = only if only is not None else sorted(known)
    for program_id in wanted:
        if program_id in layout.links:
            raise UsageError(
                f"programs/{program_id} is a symbolic link",
                "glocal reads only real folders inside the workspace; move the folder into programs/",
            )
        if program_id not in known:
            raise unknown_program(program_id, list(known))
    reader = _Reader(root)
    reader.problems += layout.locale_problems
    if only is None:
        # Folders and files of other programs matter only when the whole workspace is checked.
        reader.problems += layout.problems + discovery.stray_locale_files(layout)
    workspace = Workspace(root, {})
    _read_profiles(reader, layout, workspace)
    shared = _read_shared_team(reader)
    for program_id in wanted:
        bundle = _read_program(reader, layout, known[program_id], shared)
        if bundle is not None:
            workspace.programs[program_id] = bundle
    workspace.complete = sorted(workspace.programs) == sorted(known)
    reader.problems += team.read_team_busy(root, list(workspace.programs.values()))
    # Rules run on every bundle that loaded, so one run shows file and cross-file problems.
    found = checks.check_workspace(workspace)
    problems = list(dict.fromkeys(reader.problems + found))
    if any(p.is_error for p in problems):
        raise InputError(problems)
    workspace.warnings = sorted(problems, key=Problem.sort_key)
    return workspace


def _read_profiles(reader: _Reader, layout: discovery.Layout, workspace: Workspace) -> None:
    for locale, folder in sorted(layout.locales.items()):
        path = folder / "profile.yaml"
        if not path.is_file():
            continue
        profile, doc = reader.read(Profile, path)
        if profile is not None and doc is not None:
            workspace.profiles[locale] = profile
            workspace.profile_docs[locale] = doc


def _read_shared_team(reader: _Reader) -> team.SharedTeam | None:
    """The workspace's own facilitators.yaml (None when there is none)."""
    path = reader.root / team.TEAM_FILE
    if not path.is_file():
        return None
    people, doc = reader.read(FacilitatorsFile, path)
    return team.SharedTeam(list(people.facilitators) if people is not None else None, doc)


def _read_program(reader: _Reader, layout: discovery.Layout, folder: Path,
                  shared: team.SharedTeam | None) -> ProgramBundle | None:
    program, program_doc = reader.read(Program, folder / "program.yaml")
    rollout_path, facilitators_path = folder / "rollout.yaml", folder / "facilitators.yaml"
    rollout, rollout_doc, own, own_doc = None, None, None, None
    # With a workspace team (facilitators.yaml at the root) a program's own file is optional.
    required = (rollout_path, facilitators_path) if shared is None else (rollout_path,)
    for path in required:
        if not path.is_file():
            message = (
                f"missing file {path.name}; every program folder needs program.yaml, "
                "rollout.yaml and facilitators.yaml"
            )
            if path is facilitators_path:
                message += " (or put one facilitators.yaml, shared by every program, at the workspace root)"
            reader.problems.append(Problem(Location(reader.rel(path)), message, code="missing-file"))
    if rollout_path.is_file():
        rollout, rollout_doc = reader.read(Rollout, rollout_path)
    if facilitators_path.is_file():
        own, own_doc = reader.read(FacilitatorsFile, facilitators_path)
    variants: dict[str, Variant] = {}
    docs: dict[str, YamlDocument] = {}
    for locale, locale_folder in sorted(layout.locales.items()):
        path = locale_folder / f"{folder.name}.yaml"
        if not path.is_file():
            continue
        variant, vdoc = reader.read(Variant, path)
        # A variant whose only problems are unknown keys is checked without them (its unknown
        # keys are errors already, so nothing is planned from it).
        variant = variant or reader.partial_model(Variant, vdoc)
        if variant is not None and vdoc is not None:
            variants[locale] = variant
            docs[f"variant:{locale}"] = vdoc
    partial = any(doc is not None and doc.path in reader.partial for doc in (program_doc, rollout_doc, own_doc))
    own_invalid = facilitators_path.is_file() and own is None
    shared_invalid = shared is not None and shared.people is None
    if (program is None or rollout is None or own_invalid or shared_invalid or (own is None and shared is None)
            or partial):
        # The files that did validate (or did without their unknown keys) still get their own
        # rules, so one run shows it all.
        program = program or reader.partial_model(Program, program_doc)
        rollout = rollout or reader.partial_model(Rollout, rollout_doc)
        own = own or reader.partial_model(FacilitatorsFile, own_doc)
        if program is not None and program_doc is not None:
            reader.problems += checks.files.check_program(program, program_doc)
        if rollout is not None and rollout_doc is not None:
            reader.problems += checks.files.check_rollout(rollout, rollout_doc)
        for doc, people in team.combine(shared, own.facilitators if own else None, own_doc)[1]:
            reader.problems += checks.files.check_facilitators(people, doc)
        return None
    assert program_doc is not None and rollout_doc is not None
    people, files, clashes = team.combine(shared, own.facilitators if own else None, own_doc)
    reader.problems += clashes
    docs.update(program=program_doc, rollout=rollout_doc, facilitators=files[-1][0])
    bundle = ProgramBundle(program, rollout, people, variants, docs)
    bundle.team_files = files
    return bundle
