"""In-place YAML edits hold any text, and change nothing else (hypothesis)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from glocal.localization.yaml_splice import set_values
from glocal.values.text import bad_character
from glocal.workspace.yamlio import read_yaml_text

REPO = Path(__file__).resolve().parents[2]
DE = (REPO / "locales" / "de" / "leading-through-change.yaml").read_text(encoding="utf-8")
PATHS = [
    ("title",),  # plain
    ("summary",),  # folded block
    ("modules", "feedback", "title"),
    ("modules", "feedback", "description"),  # a new key
    ("modules", "capstone", "activities", "presentations", "note"),  # new mappings
    ("sources", "title"),  # a new top-level mapping
]


def _order(path: tuple[str, ...]) -> list[str]:
    return ["program", "based_on", "title", "summary", "modules", "sources"] if path == () else []


def _set(data: dict[str, Any], path: tuple[str, ...], value: str) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


@settings(max_examples=150, deadline=None)
# any text glocal accepts at all (control characters are refused before an edit: tests/hostile/test_text.py)
@given(st.sampled_from(PATHS), st.text(max_size=80).filter(lambda v: bad_character(v) is None), st.booleans())
def test_a_set_value_reads_back_and_nothing_else_moves(path: tuple[str, ...], value: str, crlf: bool) -> None:
    original = DE.replace("\n", "\r\n") if crlf else DE
    before, problems = read_yaml_text(original, "de.yaml")
    assert before is not None and not problems
    text, changed = set_values(original, [(path, value)], _order)
    after, problems = read_yaml_text(text, "de.yaml")
    assert after is not None and not problems, text
    expected = copy.deepcopy(before.data)
    _set(expected, path, value)
    assert after.data == expected
    assert changed == ([] if before.data == expected else [path])
    if crlf:
        assert text.count("\n") == text.count("\r\n")
    # Lines before the edited value are untouched.
    head = original[: original.index(path[0] + ":")] if path[0] + ":" in original else original
    assert text.startswith(head)


def test_anchors_and_aliases_are_edited_where_they_stand() -> None:
    text = "program: p\ntitle: &t Foo\nsummary:  *t  # same\nmodules:\n  a:\n    title: *t\n"
    assert set_values(text, [(("title",), "Bar")], _order)[0] == text.replace("&t Foo", "&t Bar")
    assert set_values(text, [(("summary",), "Bar")], _order)[0] == text.replace("summary:  *t", "summary:  Bar")
    added, _ = set_values(text, [(("modules", "a", "description"), "D")], _order)
    assert added == text + "    description: D\n"
