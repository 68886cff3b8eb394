"""Property: whatever a workspace file holds, loading ends in a Workspace or a clean error.

Inputs are random text and bytes, and structured mutations of the example files (keys
dropped, scalars replaced by random text, random keys inserted, lists and mappings swapped).
No input may raise anything but ``InputError`` or ``UsageError``, and every problem must
point into the workspace.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from glocal.errors import InputError, UsageError
from glocal.workspace import Workspace, load_workspace
from glocal.workspace.yamlio import read_yaml

from .checkhelp import EXAMPLE, PROGRAM, ROLLOUT, TEAM
from .conftest import REPO, copy_example

FILES = [
    PROGRAM, ROLLOUT, TEAM,
    f"locales/ja/{EXAMPLE}.yaml", f"locales/pt_BR/{EXAMPLE}.yaml", "locales/ja_JP/profile.yaml",
]
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Values that sit on the edges of glocal's value syntax, mixed with random ones.
TRICKY = [
    "", "NO", "no", "yes", "~", "24:00-09:00", "09:00-24:00", "00:00-24:00", "1h", "PT0M", "P1W",
    "999999999d", "../..", "/etc/passwd", "en-US", "zh-Hant-TW", "xx", "Asia/Tokyo", "Asia/Calcuta",
    "2027-02-30", "2027-04-30..2027-02-01", "9999-12-31", "25%", "-5%", "1e309", "US-XX",
    "after-last-session", "99999d after-last-session", "in_person", "sat", "Saturday", "{", "[",
    "foundations", "coaching", "case-debate", "tokyo-1", "ingrid", "leading-through-change",
]
KEYS = [
    "id", "title", "modules", "activities", "duration", "minutes", "after", "gap", "min", "max",
    "skills", "languages", "locale", "timezone", "country", "working_hours", "preferred_hours",
    "weekend", "start_after", "window", "cohorts", "facilitators", "program", "based_on",
    "objectives", "evaluation", "adaptation", "locked", "duration_tolerance", "unavailable",
    "styles", "acknowledged", "sources", "<<", "titel",
]

scalars = st.one_of(
    st.sampled_from(TRICKY), st.text(max_size=20), st.integers(-10**12, 10**12), st.booleans(),
    st.none(), st.floats(allow_nan=True, allow_infinity=True), st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)

Path_ = tuple[Any, ...]


def originals() -> dict[str, Any]:
    data = {}
    for rel in FILES:
        doc, problems = read_yaml(REPO / rel, rel)
        assert doc is not None and not problems
        data[rel] = doc.data
    return data


ORIGINALS = originals()


def paths(value: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every path into a nested value (containers and leaves), parents first."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index))


def get(value: Any, path: Path_) -> Any:
    for part in path:
        value = value[part]
    return value


def swapped(value: Any) -> Any:
    """The same content in another shape: mapping <-> list, scalar -> list."""
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return {f"k{i}": item for i, item in enumerate(value)}
    return [value]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    rel = draw(st.sampled_from(FILES))
    data = copy.deepcopy(ORIGINALS[rel])
    for _ in range(draw(st.integers(1, 3))):
        targets = list(paths(data))
        path = draw(st.sampled_from(targets))
        operation = draw(st.sampled_from(["drop", "replace", "insert", "swap"]))
        if not path:
            data = draw(values) if operation == "replace" else swapped(data) if operation == "swap" else data
            continue
        parent, last = get(data, path[:-1]), path[-1]
        if operation == "drop":
            del parent[last]
        elif operation == "replace":
            parent[last] = draw(values)
        elif operation == "swap":
            parent[last] = swapped(parent[last])
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS) | st.text(min_size=1, max_size=8))] = draw(values)
        else:
            parent.insert(draw(st.integers(0, len(parent))), draw(values))
    return rel, data


def dump(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


@pytest.fixture(scope="module")
def shared_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("prop") / "ws"
    root.mkdir()
    copy_example(root)
    return root


def load_with(root: Path, rel: str, content: bytes) -> Workspace | InputError | UsageError:
    """Load the workspace with one file replaced; put the file back afterwards."""
    path = root / rel
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        return load_workspace(root)
    except (InputError, UsageError) as exc:
        return exc
    finally:
        path.write_bytes(original)


def assert_clean(outcome: Workspace | InputError | UsageError) -> None:
    if isinstance(outcome, InputError):
        assert outcome.errors, "an InputError carries at least one error"
        for problem in outcome.problems:
            assert problem.location.path.split("/")[0] in ("programs", "locales", "facilitators.yaml", "calendars")
            assert problem.message and not problem.message.startswith("Traceback")


@SETTINGS
@given(case=mutated())
def test_mutated_example_files_load_or_fail_cleanly(shared_workspace: Path, case: tuple[str, Any]) -> None:
    rel, data = case
    assert_clean(load_with(shared_workspace, rel, dump(data).encode("utf-8")))


@settings(SETTINGS, max_examples=100)
@given(
    rel=st.sampled_from(FILES),
    cut=st.integers(0, 4000), length=st.integers(0, 40),
    insert=st.one_of(st.text(max_size=30), st.sampled_from(["\t", ": ", "- ", "&a ", "*a", "!!", "{", "]", "\n  ", "\x00", "\ufeff"])),
)
def test_text_edits_of_example_files_load_or_fail_cleanly(
    shared_workspace: Path, rel: str, cut: int, length: int, insert: str,
) -> None:
    text = (REPO / rel).read_text(encoding="utf-8")
    cut = min(cut, len(text))
    edited = text[:cut] + insert + text[cut + length:]
    assert_clean(load_with(shared_workspace, rel, edited.encode("utf-8")))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rel=st.sampled_from(FILES), content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_content_loads_or_fails_cleanly(shared_workspace: Path, rel: str, content: bytes) -> None:
    assert_clean(load_with(shared_workspace, rel, content))

