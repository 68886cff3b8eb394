"""Which folders and files glocal reads: ids and locales cannot escape their folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glocal.errors import UsageError
from glocal.workspace import load_workspace
from glocal.workspace.discovery import Target, resolve_target

from .checkhelp import EXAMPLE, errors, warnings

PROGRAM_DIR = f"programs/{EXAMPLE}"


def test_program_folder_name_must_be_an_id(workspace: Path) -> None:
    (workspace / "programs/Bad_Name").mkdir()
    (workspace / "programs/Bad_Name/program.yaml").write_text("id: bad\n")
    assert errors(workspace) == [
        ("programs/Bad_Name: program folder name 'Bad_Name' is not a valid id; use lower-case letters, "
        "digits and '-', starting with a letter (e.g. 'leading-through-change')"),
    ]
    # Checking one program is not blocked by another folder's problem.
    assert warnings(workspace, [EXAMPLE]) == []


def test_folder_without_program_yaml_is_named(workspace: Path) -> None:
    (workspace / "programs/draft").mkdir()
    (workspace / "programs/draft/program.yml").write_text("id: draft\n")
    assert warnings(workspace) == [
        "programs/draft: warning: folder has no program.yaml and is ignored; rename program.yml to program.yaml",
    ]


def test_yaml_file_directly_in_programs_is_named(workspace: Path) -> None:
    (workspace / "programs/rollout.yaml").write_text("program: x\n")
    assert warnings(workspace) == [
        "programs/rollout.yaml: warning: files of a program belong in its folder, programs/<id>/; this file is ignored",
    ]


def test_hidden_folders_are_ignored(workspace: Path) -> None:
    (workspace / "programs/.git").mkdir()
    (workspace / "locales/.cache").mkdir()
    assert warnings(workspace) == []


def test_yml_variant_is_named(workspace: Path) -> None:
    (workspace / f"locales/ja/{EXAMPLE}.yaml").rename(workspace / f"locales/ja/{EXAMPLE}.yml")
    assert warnings(workspace) == [
        (f"locales/ja/{EXAMPLE}.yml: warning: glocal reads only .yaml files, so this file is ignored; "
        f"rename it to {EXAMPLE}.yaml"),
    ]


def test_variant_of_unknown_program(workspace: Path) -> None:
    (workspace / "locales/de/leading-thru-change.yaml").write_text("program: leading-thru-change\n")
    assert errors(workspace) == [
        ("locales/de/leading-thru-change.yaml: locale variant of unknown program 'leading-thru-change'; "
        "did you mean 'leading-through-change'?"),
    ]
    assert warnings(workspace, [EXAMPLE]) == []


def test_two_folders_of_one_locale(workspace: Path) -> None:
    (workspace / "locales/pt-BR").mkdir()
    (workspace / "locales/pt-BR/profile.yaml").write_text("locale: pt-BR\n")
    assert errors(workspace) == [
        "locales/pt_BR: folder 'pt_BR' is the same locale (pt_BR) as 'locales/pt-BR'; merge the two folders into one",
    ]


@pytest.mark.parametrize("name", ["klingon", "en US", "pt_XX_Q"])
def test_locale_folder_must_be_a_locale(workspace: Path, name: str) -> None:
    (workspace / "locales" / name).mkdir()
    (workspace / "locales" / name / f"{EXAMPLE}.yaml").write_text(f"program: {EXAMPLE}\n")
    assert errors(workspace, [EXAMPLE]) == [
        f"locales/{name}: folder '{name}' is not a locale; name locale folders like 'pt_BR', 'ja' or 'de'",
    ]


def test_symlinked_program_folder_is_ignored_or_refused(workspace: Path, tmp_path: Path) -> None:
    os.symlink(workspace / PROGRAM_DIR, workspace / "programs/alias")
    assert warnings(workspace) == [
        "programs/alias: warning: program folder is a symbolic link and is ignored; move the real folder into programs/",
    ]
    with pytest.raises(UsageError) as caught:
        load_workspace(workspace, ["alias"])
    assert str(caught.value) == (
        "programs/alias is a symbolic link; glocal reads only real folders inside the workspace; "
        "move the folder into programs/"
    )


def test_file_linked_from_outside_is_refused(workspace: Path) -> None:
    outside = workspace.parent / "outside.yaml"
    outside.write_text("locale: de\n")
    os.symlink(outside, workspace / "locales/de/profile.yaml")
    assert errors(workspace) == [
        ("locales/de/profile.yaml: file is a link to outside the workspace; glocal reads only files "
        "inside it (copy the file here)"),
    ]


def test_file_linked_inside_the_workspace_is_read(workspace: Path) -> None:
    os.symlink(workspace / "locales/ja_JP/profile.yaml", workspace / "locales/ja/profile.yaml")
    assert errors(workspace) == [
        ("locales/ja/profile.yaml:1:9: profile is for locale ja_JP but lies in the folder of ja; "
        "write locale: ja (or move the file)"),
    ]


def test_missing_program_file(workspace: Path) -> None:
    (workspace / PROGRAM_DIR / "rollout.yaml").unlink()
    assert errors(workspace) == [
        (f"{PROGRAM_DIR}/rollout.yaml: missing file rollout.yaml; every program folder needs "
        "program.yaml, rollout.yaml and facilitators.yaml"),
    ]


def test_unknown_program_and_missing_workspace(workspace: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        load_workspace(workspace, ["leading-through-chang"])
    assert str(caught.value) == "unknown program 'leading-through-chang'; did you mean 'leading-through-change'?"
    with pytest.raises(UsageError) as caught:
        load_workspace(tmp_path / "nowhere")
    assert "is not a glocal workspace (it has no programs/ folder)" in str(caught.value)


# ---------------------------------------------------------------- PROGRAM arguments


def test_program_argument_as_id(workspace: Path) -> None:
    assert resolve_target(EXAMPLE, workspace) == Target(workspace, [EXAMPLE])
    assert resolve_target(None, None) == Target(Path("."), None)


def test_program_argument_as_path_finds_the_workspace(workspace: Path) -> None:
    target = resolve_target(str(workspace / PROGRAM_DIR), None)
    assert target == Target(workspace.resolve(), [EXAMPLE])
    assert sorted(load_workspace(target.root, target.programs).programs) == [EXAMPLE]


def test_program_argument_relative_path(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workspace / "programs")
    assert resolve_target(f"./{EXAMPLE}", None) == Target(workspace.resolve(), [EXAMPLE])
    assert resolve_target(EXAMPLE, None).programs == [EXAMPLE]


@pytest.mark.parametrize("argument", ["../../etc", "../", "..", "/", "programs/../../x", "No Such"])
def test_program_argument_cannot_escape(workspace: Path, argument: str) -> None:
    with pytest.raises(UsageError) as caught:
        resolve_target(argument, workspace)
    assert str(caught.value).startswith(f"'{argument}' is neither a program id nor a program folder")


def test_program_path_outside_the_given_workspace(workspace: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    (other / "programs").mkdir(parents=True)
    with pytest.raises(UsageError) as caught:
        resolve_target(str(workspace / PROGRAM_DIR), other)
    assert "is not inside" in str(caught.value)


def test_program_path_outside_any_programs_folder(tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "program.yaml").write_text("id: loose\n")
    with pytest.raises(UsageError) as caught:
        resolve_target(str(loose), None)
    assert str(caught.value).startswith(f"program folder '{loose}' is not inside a programs/ folder")
