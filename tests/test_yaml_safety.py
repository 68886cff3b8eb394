"""Reading YAML can never build objects, blow up memory or crash: every bad file is one problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.workspace.yamlio import MAX_FILE_BYTES, read_yaml

from .checkhelp import PROGRAM, edit, errors


def read(tmp_path: Path, content: str | bytes) -> tuple[object, list[str]]:
    path = tmp_path / "f.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    doc, problems = read_yaml(path, "f.yaml")
    return (doc.data if doc else None), [str(p) for p in problems]


def test_python_object_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    data, problems = read(tmp_path, f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert data is None
    assert problems == [
        ("f.yaml:1:4: YAML tag '!!python/object/apply:os.system' is not allowed; glocal files hold "
        "plain values only (remove the tag)"),
    ]
    assert not marker.exists()


@pytest.mark.parametrize(("text", "tag"), [
    ("a: !!python/name:os.system\n", "!!python/name:os.system"),
    ("a: !custom x\n", "!custom"),
    ("a: !!binary aGVsbG8=\n", "!!binary"),
    ("a: !!set {x, y}\n", "!!set"),
    ("a: !<tag:example.com,2000:app/foo> x\n", "tag:example.com,2000:app/foo"),
])
def test_other_tags_are_refused(tmp_path: Path, text: str, tag: str) -> None:
    _, problems = read(tmp_path, text)
    assert problems == [f"f.yaml:1:4: YAML tag '{tag}' is not allowed; glocal files hold plain values only (remove the tag)"]


def test_billion_laughs_is_a_clean_error(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    data, problems = read(tmp_path, "\n".join(lines) + "\n")
    assert data is None
    assert problems == [
        "f.yaml:1:1: document expands to more than 200000 values (recursive or nested aliases); write the values out",
    ]


def test_small_aliases_and_merge_keys_are_fine(tmp_path: Path) -> None:
    data, problems = read(tmp_path, "base: &b {a: 1, b: 2}\nc:\n  <<: *b\n  d: 3\ne: *b\n")
    assert problems == []
    assert data == {"base": {"a": 1, "b": 2}, "c": {"d": 3, "a": 1, "b": 2}, "e": {"a": 1, "b": 2}}


@pytest.mark.parametrize(("text", "where"), [
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", "1:104"),  # the 101st bracket
    ("a: " + "{b: " * 3000 + "1" + "}" * 3000 + "\n", "1:404"),
    ("- " * 5000 + "x\n", "1:201"),  # past 100 levels of "- "
    ("".join(" " * i + f"k{i}:\n" for i in range(250)) + " " * 250 + "v\n", "202:201"),
])
def test_deep_nesting_is_a_clean_error_where_it_gets_too_deep(tmp_path: Path, text: str, where: str) -> None:
    data, problems = read(tmp_path, text)
    assert data is None
    assert problems == [f"f.yaml:{where}: document nests lists and mappings more than 100 levels deep; flatten it"]


def test_quoted_brackets_are_not_nesting(tmp_path: Path) -> None:
    data, _ = read(tmp_path, "a: '" + "[" * 500 + "'\nb: \"{{{" + "{" * 500 + "\"\n")
    assert data == {"a": "[" * 500, "b": "{" * 503}


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert problems == [
        "f.yaml:4:3: duplicate key 'c' (first at line 3); a key may appear once per mapping, so keep one of them",
        "f.yaml:5:1: duplicate key 'a' (first at line 1); a key may appear once per mapping, so keep one of them",
    ]


def test_duplicate_key_in_a_workspace_file(workspace: Path) -> None:
    edit(workspace, PROGRAM, "version: 3\n", "version: 3\nversion: 4\n")
    assert errors(workspace) == [
        f"{PROGRAM}:5:1: duplicate key 'version' (first at line 4); a key may appear once per mapping, so keep one of them",
    ]


def test_files_over_5_mib_are_refused_unread(tmp_path: Path) -> None:
    data, problems = read(tmp_path, b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    assert data is None
    assert problems == [
        ("f.yaml: file is 5242883 bytes (5.0 MiB); glocal reads files of at most 5 MiB (5242880 bytes), "
        "split it or remove what is not needed"),
    ]


def test_non_utf8_is_named_with_its_position(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "id: x\ntitle: Führen\n".encode("latin-1"))
    assert problems == ["f.yaml:2:9: file is not UTF-8 text (byte 0xfc at offset 14); save it as UTF-8"]


def test_utf8_bom_and_yaml_1_2_scalars(tmp_path: Path) -> None:
    data, problems = read(tmp_path, "\ufeffcountry: NO\non: yes\nday: 2027-03-01\n")
    assert problems == []
    assert isinstance(data, dict)
    # YAML 1.2: NO, on and yes stay strings (YAML 1.1 would make them booleans).
    assert data["country"] == "NO" and data["on"] == "yes"
    assert str(data["day"]) == "2027-03-01"


@pytest.mark.parametrize(("text", "expected"), [
    ("a: [1, 2\n", "f.yaml:2:1: YAML syntax error: expected ',' or ']', but got '<stream end>'"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: YAML syntax error: expected a single document in the stream, but found another document"),
    ("\t- a\n", "f.yaml:1:1: YAML syntax error: found character '\\t' that cannot start any token"),
    ("a: *nowhere\n", "f.yaml:1:4: YAML syntax error: found undefined alias 'nowhere'"),
])
def test_syntax_errors_have_positions(tmp_path: Path, text: str, expected: str) -> None:
    assert read(tmp_path, text)[1] == [expected]


def test_unusual_keys_become_text(tmp_path: Path) -> None:
    data, problems = read(tmp_path, "1: a\nnull: b\nfalse: c\n? [x, y]\n: d\n")
    assert problems == []
    assert data == {"1": "a", "null": "b", "false": "c", "[x, y]": "d"}
