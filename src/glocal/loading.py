"""Workspace files -> validated model; every problem as ``path:line:column: message``.

``load_workspace`` reads every file it needs, validates each against its model, runs the
cross-file rules of ``glocal.checks`` and raises one ``InputError`` with all problems found,
sorted by file and line. Warnings travel with the returned ``Workspace``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from glocal.errors import InputError, Location, Problem, Severity, UsageError
from glocal.model import Facilitator, FacilitatorsFile, Profile, Program, Rollout, Variant
from glocal.values import ID_PATTERN, parse_locale, suggest
from glocal.yamlio import KeyPath, YamlDocument, read_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class ProgramBundle:
    """One program with everything that belongs to it, and where each part was read from."""

    program: Program
    rollout: Rollout
    facilitators: list[Facilitator]
    variants: dict[str, Variant] = field(default_factory=dict)  # POSIX locale -> variant
    docs: dict[str, YamlDocument] = field(default_factory=dict)  # "program"/"rollout"/... -> doc

    @property
    def id(self) -> str:
        """The program id."""
        return self.program.id

    def variant_doc(self, locale: str) -> YamlDocument:
        """The source document of a variant (for line numbers in warnings)."""
        return self.docs[f"variant:{locale}"]


@dataclass
class Workspace:
    """A loaded, validated workspace."""

    root: Path
    programs: dict[str, ProgramBundle]
    profiles: dict[str, Profile] = field(default_factory=dict)  # POSIX locale -> profile
    profile_docs: dict[str, YamlDocument] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def bundle(self, program_id: str) -> ProgramBundle:
        """The program with this id; a UsageError naming the known ones otherwise."""
        if program_id not in self.programs:
            known = sorted(self.programs)
            raise UsageError(
                f"unknown program '{program_id}'",
                (suggest(program_id, known).removeprefix("; ") or "") or f"known programs: {', '.join(known) or 'none'}",
            )
        return self.programs[program_id]


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'"
    msg = str(error["msg"])
    if kind in ("string_type", "int_type", "int_parsing", "list_type", "dict_type", "model_type", "bool_type", "bool_parsing", "float_type"):
        return msg[0].lower() + msg[1:] + f", got {error['input']!r}" if not isinstance(error["input"], (dict, list)) else msg[0].lower() + msg[1:]
    return msg[0].lower() + msg[1:] if msg and not msg.startswith(("'", "'")) else msg


def _clean_loc(loc: tuple[Any, ...]) -> KeyPath:
    """Drop pydantic's validator names from a location, keep keys and indexes."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and ("[" in part and "(" in part or part.startswith("function-")):
            continue
        if part == "[key]":
            continue
        out.append(part)
    return tuple(out)


def _known_keys(model: type[BaseModel], path: KeyPath) -> list[str]:
    """Field names valid at ``path`` in ``model``, for "did you mean" hints."""
    current: Any = model
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return sorted(getattr(current, "model_fields", {}))


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
        return None, [Problem(doc.location(()), f"expected a mapping of keys (like 'id: ...'), got {type(doc.data).__name__ if doc.data is not None else 'an empty file'}")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = _clean_loc(error["loc"])
            message = _message(error)
            if error["type"] == "extra_forbidden":
                keys = _known_keys(model, path[:-1])
                message += suggest(str(path[-1]), keys) or (f"; allowed keys: {', '.join(keys)}" if keys else "")
                location = doc.location(path, key=True)
            elif error["type"] == "missing":
                location = doc.location(path[:-1])
            else:
                location = doc.location(path)
            problems.append(Problem(location, message))
        return None, problems


class _Reader:
    """Collects problems while reading the files of one workspace."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read(self, model: type[M], path: Path) -> tuple[M | None, YamlDocument | None]:
        doc, problems = read_yaml(path, self.rel(path))
        self.problems += problems
        if doc is None:
            return None, None
        value, problems = validate_document(model, doc)
        self.problems += problems
        return value, doc


def find_program_dirs(root: Path) -> list[Path]:
    """Program folders of a workspace (``programs/<id>/program.yaml``), sorted."""
    programs = root / "programs"
    if not programs.is_dir():
        return []
    return sorted(p for p in programs.iterdir() if p.is_dir() and not p.is_symlink() and (p / "program.yaml").is_file())


def resolve_program_arg(root: Path, program: str | None) -> list[str] | None:
    """Turn a PROGRAM argument (an id or a path to its folder) into program ids to check."""
    if program is None:
        return None
    candidate = Path(program)
    if candidate.is_dir() and (candidate / "program.yaml").is_file():
        return [candidate.resolve().name]
    if not ID_PATTERN.match(program):
        raise UsageError(f"'{program}' is neither a program id nor a program folder", "give an id like 'leading-through-change' or a path to programs/<id>")
    return [program]


def load_workspace(root: Path, only: list[str] | None = None) -> Workspace:
    """Load and validate a workspace (or only some of its programs); raise InputError if bad."""
    root = root.resolve()
    if not (root / "programs").is_dir():
        raise UsageError(f"{root} is not a glocal workspace (it has no programs/ folder)", "run glocal in a workspace or pass --workspace DIR; 'glocal init DIR' creates one")
    reader = _Reader(root)
    known = {p.name: p for p in find_program_dirs(root)}
    wanted = only if only is not None else sorted(known)
    for program_id in wanted:
        if program_id not in known:
            raise UsageError(f"unknown program '{program_id}'", (suggest(program_id, sorted(known)).removeprefix("; ") or f"known programs: {', '.join(sorted(known)) or 'none'}"))
    workspace = Workspace(root, {})
    _read_profiles(reader, workspace)
    for program_id in wanted:
        bundle = _read_program(reader, known[program_id])
        if bundle is not None:
            workspace.programs[program_id] = bundle
    from glocal import checks

    found = checks.check_workspace(workspace) if not any(p.is_error for p in reader.problems) else []
    problems = list(dict.fromkeys(reader.problems + found))
    errors = [p for p in problems if p.is_error]
    if errors:
        raise InputError(problems)
    workspace.warnings = sorted((p for p in problems if not p.is_error), key=Problem.sort_key)
    return workspace


def _read_profiles(reader: _Reader, workspace: Workspace) -> None:
    locales = reader.root / "locales"
    if not locales.is_dir():
        return
    for folder in sorted(p for p in locales.iterdir() if p.is_dir() and not p.is_symlink()):
        path = folder / "profile.yaml"
        if not path.is_file():
            continue
        locale = _folder_locale(reader, folder)
        profile, doc = reader.read(Profile, path)
        if profile is not None and doc is not None and locale is not None:
            workspace.profiles[locale] = profile
            workspace.profile_docs[locale] = doc


def _folder_locale(reader: _Reader, folder: Path) -> str | None:
    try:
        return parse_locale(folder.name)
    except Exception:  # noqa: BLE001 - any parse failure is one user-facing problem
        reader.problems.append(Problem(Location(reader.rel(folder)), f"folder '{folder.name}' is not a locale; name locale folders like 'pt_BR', 'ja' or 'de'"))
        return None


def _read_program(reader: _Reader, folder: Path) -> ProgramBundle | None:
    program, program_doc = reader.read(Program, folder / "program.yaml")
    rollout_path, facilitators_path = folder / "rollout.yaml", folder / "facilitators.yaml"
    rollout, rollout_doc, team, team_doc = None, None, None, None
    for path in (rollout_path, facilitators_path):
        if not path.is_file():
            reader.problems.append(Problem(Location(reader.rel(path)), f"missing file {path.name}; every program folder needs program.yaml, rollout.yaml and facilitators.yaml"))
    if rollout_path.is_file():
        rollout, rollout_doc = reader.read(Rollout, rollout_path)
    if facilitators_path.is_file():
        team, team_doc = reader.read(FacilitatorsFile, facilitators_path)
    variants: dict[str, Variant] = {}
    docs: dict[str, YamlDocument] = {}
    locales = reader.root / "locales"
    if locales.is_dir():
        for vfolder in sorted(p for p in locales.iterdir() if p.is_dir() and not p.is_symlink()):
            path = vfolder / f"{folder.name}.yaml"
            if not path.is_file():
                continue
            locale = _folder_locale(reader, vfolder)
            variant, vdoc = reader.read(Variant, path)
            if variant is not None and vdoc is not None and locale is not None:
                variants[locale] = variant
                docs[f"variant:{locale}"] = vdoc
    if program is None or rollout is None or team is None:
        return None
    assert program_doc is not None and rollout_doc is not None and team_doc is not None
    docs.update(program=program_doc, rollout=rollout_doc, facilitators=team_doc)
    return ProgramBundle(program, rollout, list(team.facilitators), variants, docs)
