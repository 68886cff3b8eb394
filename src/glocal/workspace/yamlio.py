"""Safe YAML 1.2 reading with positions, and atomic writes.

Reading: ruamel.yaml's round-trip loader (YAML 1.2, so ``NO`` stays a string) turned into
plain Python values, with a table of ``key path -> (line, column)``. Any tag that is not a
plain YAML type is refused before anything is built, so a file can never create objects.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from glocal.errors import Location, Problem
from glocal.values.text import bad_character
from glocal.workspace.yaml_hints import syntax_problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 100  # nesting levels; real workspace files use fewer than ten
MAX_NODES = 200_000  # alias bombs expand here; real workspace files have a few thousand nodes
# Aliases repeat text without repeating its bytes; counting the characters of every value as
# expanded keeps a small file from standing for gigabytes of text (and of error messages) later.
# A file without aliases holds at most MAX_FILE_BYTES characters, so it never reaches this.
MAX_TEXT_CHARS = MAX_FILE_BYTES
# Parsing costs ruamel ~80 us per alias even when each is tiny; real files use a handful.
MAX_ALIASES = 5_000
_CORE_PREFIX = "tag:yaml.org,2002:"
_PLAIN_TAGS = {
    f"{_CORE_PREFIX}{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
}

_BRACKETS = re.compile(r""""(?:[^"\\]|\\.)*"|'[^']*'|[\[\]{}]""")  # quoted text is skipped whole
_BLOCK_PREFIX = re.compile(r"^(?:[ ]|[-?:][ ])*", re.MULTILINE)

KeyPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A YAML file read into plain values, with where each key and item stands."""

    path: str  # relative to the workspace, with forward slashes
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def location(self, key_path: KeyPath, *, key: bool = False) -> Location:
        """The location of a value (or of its key) at ``key_path``, or of its nearest parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(key_path)
        while probe:
            if probe in table:
                line, column = table[probe]
                return Location(self.path, line, column)
            if probe in self.positions:
                line, column = self.positions[probe]
                return Location(self.path, line, column)
            probe = probe[:-1]
        line, column = self.positions.get((), (1, 1))
        return Location(self.path, line, column)


class _TooBig(Exception):
    pass


class _TooMuchText(Exception):
    """The aliases of a document expand to more than ``MAX_TEXT_CHARS``; ``where`` is the value."""

    def __init__(self, where: tuple[int, int]) -> None:
        super().__init__(where)
        self.where = where


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    return yaml


class _TextDates(RoundTripConstructor):
    """Keeps timestamps as the text written, for reading only.

    The value parsers turn the text into dates with a message at the value's position;
    ruamel's own conversion would fail on ``2027-02-30`` for the whole file, at line 1.
    """


_TextDates.add_constructor(f"{_CORE_PREFIX}timestamp", _TextDates.construct_scalar)


class _CountingComposer(Composer):
    """Stops at the alias after ``MAX_ALIASES``, before parsing the rest of the file."""

    aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.parser.peek_event().start_mark
                raise _TooManyAliases((mark.line + 1, mark.column + 1))
        return super().compose_node(parent, index)


class _TooManyAliases(_TooMuchText):
    """More than ``MAX_ALIASES`` aliases; ``where`` is the first one past the limit."""


def _reading_yaml() -> YAML:
    yaml = _yaml()
    yaml.Constructor = _TextDates
    yaml.Composer = _CountingComposer
    return yaml


def _walk_nodes(node: Node, seen: set[int]) -> Iterator[Node]:
    if id(node) in seen:
        return
    seen.add(id(node))
    yield node
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _walk_nodes(key, seen)
            yield from _walk_nodes(value, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _walk_nodes(item, seen)


def _tag_name(tag: str) -> str:
    """A tag as users write it (``!!python/object``), not ruamel's long form."""
    return "!!" + tag.removeprefix(_CORE_PREFIX) if tag.startswith(_CORE_PREFIX) else tag


class _TooDeep(Exception):
    """Nesting deeper than ``MAX_DEPTH``, at a 1-based line and column."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.line, self.column = line, column


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where collections first nest deeper than ``MAX_DEPTH`` (line, column), or None.

    ruamel's composer recurses once per level and takes seconds to fail on a few kilobytes
    of ``[[[[...``; counting brackets and measuring indentation first is cheap.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _position(text, match.start())
        elif char in "]}":
            depth -= 1
    # A nested block node starts in a later column than its parent, so block nesting is at
    # most the width of a line's indentation and leading "- ", "? ", ": " indicators.
    for match in _BLOCK_PREFIX.finditer(text):
        if match.end() - match.start() > 2 * MAX_DEPTH:
            return _position(text, match.start() + 2 * MAX_DEPTH)
    return None


def _node_problems(root: Node | None, rel: str) -> list[Problem]:
    """Tags that would build objects and duplicate keys, found before anything is built."""
    if root is None:
        return []
    problems = []
    for node in _walk_nodes(root, set()):
        tag = node.tag if isinstance(node.tag, str) else getattr(node.tag, "value", None)
        mark = node.start_mark
        if tag and tag not in _PLAIN_TAGS:
            problems.append(Problem(
                Location(rel, mark.line + 1, mark.column + 1),
                f"YAML tag '{_tag_name(tag)}' is not allowed; glocal files hold plain values only "
                "(remove the tag)",
                code="yaml-tag",
            ))
        if isinstance(node, MappingNode):
            problems += _duplicate_keys(node, rel)
    return problems


def _duplicate_keys(node: MappingNode, rel: str) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or key.value == "<<":
            continue
        mark = key.start_mark
        if key.value in first:
            problems.append(Problem(
                Location(rel, mark.line + 1, mark.column + 1),
                f"duplicate key '{key.value}' (first at line {first[key.value]}); a key may "
                "appear once per mapping, so keep one of them",
                code="duplicate-key",
            ))
        else:
            first[key.value] = mark.line + 1
    return problems


def _key_text(key: Any) -> str:
    """Mapping keys as text, spelled as YAML writes them (``null``, ``true``, ``3``)."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, (tuple, list)):
        return "[" + ", ".join(_key_text(k) for k in key) + "]"
    return str(key)


def _text_value(text: str, where: tuple[int, int], doc: YamlDocument, budget: list[int], found: list[Problem]) -> str:
    """A string as plain ``str``, counted against the text budget and checked for controls."""
    budget[1] -= len(text)
    if budget[1] < 0:
        raise _TooMuchText(where)
    why = bad_character(text)
    if why is not None:
        found.append(Problem(Location(doc.path, *where), why, code="control-character"))
    return str(text)  # ruamel's scalar string subclasses become plain str


def _plain(value: Any, path: KeyPath, doc: YamlDocument, budget: list[int], stack: set[int],
           found: list[Problem]) -> Any:
    """Plain values from ruamel's, with positions; ``budget`` is [values left, characters left]."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    parent = (doc.positions.get(path, (1, 1))[0] - 1, doc.positions.get(path, (1, 1))[1] - 1)
    if isinstance(value, CommentedMap):
        if id(value) in stack:
            raise _TooBig
        stack.add(id(value))
        out: dict[Any, Any] = {}
        for key in value:
            child = (*path, _key_text(key))
            # Keys brought in by a merge (``<<: *base``) have no position of their own.
            line, column, vline, vcolumn = value.lc.data.get(key, (*parent, *parent))
            doc.key_positions[child] = (line + 1, column + 1)
            doc.positions[child] = (vline + 1, vcolumn + 1)
            name = _text_value(_key_text(key), (line + 1, column + 1), doc, budget, found)
            out[name] = _plain(value[key], child, doc, budget, stack, found)
        stack.discard(id(value))
        return out
    if isinstance(value, CommentedSeq):
        if id(value) in stack:
            raise _TooBig
        stack.add(id(value))
        items = []
        for index, item in enumerate(value):
            line, column = value.lc.item(index)
            doc.positions[(*path, index)] = (line + 1, column + 1)
            items.append(_plain(item, (*path, index), doc, budget, stack, found))
        stack.discard(id(value))
        return items
    if isinstance(value, str):
        return _text_value(value, doc.positions.get(path, (1, 1)), doc, budget, found)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    return str(value)


def read_yaml(path: Path, rel: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read one YAML file safely; return the document or the problems that stopped it."""
    text, problems = _read_text(path, rel)
    if text is None:
        return None, problems
    return read_yaml_text(text, rel)


def read_yaml_text(text: str, rel: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read YAML text (of the file ``rel``) safely; the document or what stopped it."""
    doc = YamlDocument(rel, None)
    try:
        problems = _parse_into(doc, text)
    except MarkedYAMLError as exc:
        problems = [syntax_problem(exc, rel, text)]
    except _TooManyAliases as exc:
        message = f"more than {MAX_ALIASES} aliases in one document; write the values out"
        problems = [Problem(Location(rel, *exc.where), message, code="too-big")]
    except _TooMuchText as exc:
        message = (
            f"aliases of this value make the document expand to more than {MAX_TEXT_CHARS} "
            "characters of text; write the values out, or repeat short values only"
        )
        problems = [Problem(Location(rel, *exc.where), message, code="too-big")]
    except _TooBig:
        message = f"document expands to more than {MAX_NODES} values (recursive or nested aliases); write the values out"
        problems = [Problem(Location(rel, 1, 1), message, code="too-big")]
    except _TooDeep as exc:
        message = f"document nests lists and mappings more than {MAX_DEPTH} levels deep; flatten it"
        problems = [Problem(Location(rel, exc.line, exc.column), message, code="too-deep")]
    except RecursionError:
        message = f"document nests lists and mappings more than {MAX_DEPTH} levels deep; flatten it"
        problems = [Problem(Location(rel, 1, 1), message, code="too-deep")]
    except ReaderError as exc:  # a NUL or other control character, at its real position
        line, column = _position(text, int(exc.position))
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        message = f"control character U+{char:04X} is not allowed in a YAML file; remove it"
        problems = [Problem(Location(rel, line, column), message, code="control-character")]
    except (YAMLError, ValueError, TypeError, KeyError, AttributeError) as exc:
        message = f"YAML syntax error: {exc}".splitlines()[0]
        problems = [Problem(Location(rel, 1, 1), message, code="yaml-syntax")]
    return (None, problems) if problems else (doc, [])


def _read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The text of a file, or why it cannot be read (too big, unreadable, not UTF-8)."""
    whole = Location(rel, 0, 0)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = (
                f"file is {size} bytes ({size / 1048576:.1f} MiB); glocal reads files of at most "
                f"5 MiB ({MAX_FILE_BYTES} bytes), split it or remove what is not needed"
            )
            return None, [Problem(whole, message, code="too-big")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(whole, f"cannot read file: {exc.strerror or exc}", code="unreadable")]
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)  # 1-based, in bytes
        message = f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        return None, [Problem(Location(rel, line, column), message, code="encoding")]


def _parse_into(doc: YamlDocument, text: str) -> list[Problem]:
    """Fill ``doc`` from ``text``, or return the tags and duplicate keys that forbid it."""
    deep = _too_deep(text)
    if deep is not None:
        raise _TooDeep(*deep)
    # Parse once: check the node tree, then build plain values from that same tree.
    yaml = _reading_yaml()
    root = yaml.compose(text)
    problems = _node_problems(root, doc.path)
    if problems:
        return sorted(problems, key=Problem.sort_key)
    loaded = yaml.constructor.construct_document(root) if root is not None else None
    doc.positions[()] = (1, 1)
    found: list[Problem] = []
    doc.data = _plain(loaded, (), doc, [MAX_NODES, MAX_TEXT_CHARS], set(), found)
    return sorted(found, key=Problem.sort_key)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write a file by writing a temporary file beside it and renaming it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
