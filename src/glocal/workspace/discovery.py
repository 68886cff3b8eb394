"""Which files of a workspace glocal reads, and how a PROGRAM argument names one of them.

Program ids and locale folder names become parts of paths (``locales/<locale>/<id>.yaml``,
``calendars/cohorts/<id>.ics``), so only folders whose names are valid ids or locales, that
are real folders (not symbolic links) and lie inside the workspace are ever read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from glocal.errors import Location, Problem, Severity, UsageError
from glocal.values import ID_PATTERN, parse_locale, suggest

PROGRAM_FILES = ("program.yaml", "rollout.yaml", "facilitators.yaml")


def _warning(where: str, message: str, code: str) -> Problem:
    return Problem(Location(where), message, Severity.WARNING, code)


def _visible(folder: Path) -> list[Path]:
    """Entries of a folder, sorted, without hidden ones (``.git``, editor files)."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


@dataclass
class Layout:
    """The program and locale folders of a workspace, and what is wrong with the others."""

    programs: dict[str, Path] = field(default_factory=dict)  # id -> folder
    locales: dict[str, Path] = field(default_factory=dict)  # POSIX locale -> folder
    links: set[str] = field(default_factory=set)  # program folders that are symbolic links
    problems: list[Problem] = field(default_factory=list)  # about folders of any program
    locale_problems: list[Problem] = field(default_factory=list)


def scan(root: Path) -> Layout:
    """List the program and locale folders of a workspace; note every odd entry."""
    layout = Layout()
    for entry in _visible(root / "programs"):
        rel = f"programs/{entry.name}"
        if entry.is_symlink():
            layout.links.add(entry.name)
            message = "program folder is a symbolic link and is ignored; move the real folder into programs/"
            layout.problems.append(_warning(rel, message, "symlink"))
        elif not entry.is_dir():
            if entry.name.endswith((".yaml", ".yml")):
                message = "files of a program belong in its folder, programs/<id>/; this file is ignored"
                layout.problems.append(_warning(rel, message, "stray-file"))
        elif not ID_PATTERN.match(entry.name):
            message = (
                f"program folder name '{entry.name}' is not a valid id; use lower-case letters, "
                "digits and '-', starting with a letter (e.g. 'leading-through-change')"
            )
            layout.problems.append(Problem(Location(rel), message, code="folder-name"))
        elif not (entry / "program.yaml").is_file():
            layout.problems.append(_warning(rel, _no_program_message(entry), "no-program"))
        else:
            layout.programs[entry.name] = entry
    locales = root / "locales"
    if locales.is_dir():
        _scan_locales(locales, layout)
    return layout


def _no_program_message(folder: Path) -> str:
    misnamed = [p.name for p in _visible(folder) if p.name.lower() in ("program.yml", "program.yaml")]
    hint = f"rename {misnamed[0]} to program.yaml" if misnamed else "add a program.yaml or remove the folder"
    return f"folder has no program.yaml and is ignored; {hint}"


def _scan_locales(locales: Path, layout: Layout) -> None:
    for entry in _visible(locales):
        rel = f"locales/{entry.name}"
        if entry.is_symlink():
            message = "locale folder is a symbolic link and is ignored; move the real folder into locales/"
            layout.locale_problems.append(_warning(rel, message, "symlink"))
            continue
        if not entry.is_dir():
            continue
        try:
            locale = parse_locale(entry.name)
        except Exception:  # noqa: BLE001 - any parse failure is one user-facing problem
            message = f"folder '{entry.name}' is not a locale; name locale folders like 'pt_BR', 'ja' or 'de'"
            layout.locale_problems.append(Problem(Location(rel), message, code="folder-name"))
            continue
        if locale in layout.locales:
            first = layout.locales[locale].name
            message = (
                f"folder '{entry.name}' is the same locale ({locale}) as 'locales/{first}'; "
                "merge the two folders into one"
            )
            layout.locale_problems.append(Problem(Location(rel), message, code="duplicate-locale"))
            continue
        layout.locales[locale] = entry


def stray_locale_files(layout: Layout) -> list[Problem]:
    """Files in locale folders that belong to no program (or are not named ``*.yaml``)."""
    problems = []
    for folder in layout.locales.values():
        for entry in _visible(folder):
            rel = f"locales/{folder.name}/{entry.name}"
            if entry.name == "profile.yaml" or not entry.is_file():
                continue
            stem, dot, ext = entry.name.rpartition(".")
            if ext == "yml" and dot:
                message = f"glocal reads only .yaml files, so this file is ignored; rename it to {stem}.yaml"
                problems.append(_warning(rel, message, "stray-file"))
            elif ext == "yaml" and dot and stem not in layout.programs:
                hint = suggest(stem, sorted(layout.programs)) or (
                    "; a variant file is named after its program folder, <program-id>.yaml "
                    f"(programs: {', '.join(sorted(layout.programs)) or 'none'})"
                )
                message = f"locale variant of unknown program '{stem}'{hint}"
                problems.append(Problem(Location(rel), message, code="orphan"))
    return problems


@dataclass(frozen=True)
class Target:
    """What a command works on: the workspace root and the programs to load (None: all)."""

    root: Path
    programs: list[str] | None


def resolve_target(program: str | None, workspace: Path | None) -> Target:
    """Turn ``PROGRAM`` and ``--workspace`` into a workspace root and program ids.

    PROGRAM is an id or a path to a program folder. With a path and no ``--workspace``, the
    workspace is the folder two levels up (``<workspace>/programs/<id>``).
    """
    root = workspace if workspace is not None else Path(".")
    if program is None:
        return Target(root, None)
    looks_like_path = "/" in program or "\\" in program or program in (".", "..")
    # An id-like word is a path only when it names a program folder and no program has that id.
    is_folder = (Path(program) / "program.yaml").is_file() and not (root / "programs" / program).is_dir()
    if not looks_like_path and ID_PATTERN.match(program) and not is_folder:
        return Target(root, [program])
    return _target_from_folder(program, workspace)


def _target_from_folder(program: str, workspace: Path | None) -> Target:
    folder = Path(program)
    if not folder.is_dir() or not (folder / "program.yaml").is_file():
        raise UsageError(
            f"'{program}' is neither a program id nor a program folder",
            "give an id like 'leading-through-change' or a path to programs/<id>",
        )
    resolved = folder.resolve()
    if workspace is None:
        root = resolved.parent.parent
        if resolved.parent.name != "programs":
            raise UsageError(
                f"program folder '{program}' is not inside a programs/ folder",
                "a workspace keeps programs in programs/<id>; pass --workspace DIR and the program id",
            )
    else:
        root = workspace
        if resolved.parent != (workspace / "programs").resolve():
            raise UsageError(
                f"program folder '{program}' is not inside {workspace}/programs",
                "pass the program id, or the --workspace that holds it",
            )
    if not ID_PATTERN.match(resolved.name):
        raise UsageError(
            f"program folder name '{resolved.name}' is not a valid id",
            "use lower-case letters, digits and '-', starting with a letter",
        )
    return Target(root, [resolved.name])
