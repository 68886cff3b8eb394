"""Bounded JSON reading with ``path:line:column`` errors (schedule.json read back).

``json.loads`` recurses once per nesting level (a few kilobytes of ``[[[[`` raise
RecursionError), turns a 100,000-digit number into a slow big integer and reports nothing
better than a character offset. ``read_json`` checks size, nesting depth and number length
in one linear scan first, so every bad file becomes one clear problem at its position, and
``locator`` finds where a value stands for the messages of later validation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from glocal.errors import InputError, Location, Problem
from glocal.values.limits import MAX_JSON_BYTES, MAX_JSON_DEPTH

MAX_NUMBER_CHARS = 40  # int64 has 19 digits; a float with exponent needs fewer than 40
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:,]|[^\s\[\]{}:,"]+')
JsonPath = tuple[str | int, ...]


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def _problem(where: str, text: str, offset: int, message: str, code: str) -> InputError:
    return InputError([Problem(Location(where, *line_column(text, offset)), message, code=code)])


def _read_text(path: Path, where: str, kind: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise InputError([Problem(Location(where), (
                f"file is {size} bytes; glocal reads JSON files of at most {MAX_JSON_BYTES} bytes "
                f"({MAX_JSON_BYTES // 1048576} MiB), so this is not a schedule glocal wrote"), code="too-big")])
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(Location(where), f"cannot read {kind}: {exc.strerror or exc}", code="unreadable")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        message = f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); glocal writes UTF-8"
        raise InputError([Problem(Location(where, line, column), message, code="encoding")]) from None


def _check_shape(text: str, where: str) -> None:
    """Refuse nesting deeper than ``MAX_JSON_DEPTH`` and over-long numbers, before parsing."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise _problem(where, text, match.start(), (
                    f"lists and objects nest more than {MAX_JSON_DEPTH} levels deep here; "
                    "a glocal schedule nests four levels, so this is not one"), "too-deep")
        elif token in "]}":
            depth -= 1
        elif token[0] != '"' and len(token) > MAX_NUMBER_CHARS:
            raise _problem(where, text, match.start(), (
                f"value of {len(token)} characters where a number or true/false/null belongs; "
                f"numbers in a schedule have at most {MAX_NUMBER_CHARS} characters"), "too-big")


def read_json(path: Path, where: str, kind: str = "file") -> tuple[Any, str]:
    """The value in a JSON file and its text; ``InputError`` at the position of what is wrong.

    ``kind`` names the file in messages (``cannot read schedule: ...``).
    """
    text = _read_text(path, where, kind)
    _check_shape(text, where)
    try:
        return json.loads(text, parse_constant=_no_constant), text
    except json.JSONDecodeError as exc:
        raise _problem(where, text, exc.pos, f"not a JSON {kind}: {exc.msg}", "json-syntax") from None
    except (ValueError, RecursionError) as exc:  # the scan above should make these unreachable
        raise InputError([Problem(Location(where, 1, 1), f"not a JSON {kind}: {exc}", code="json-syntax")]) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number; write a number")


def _positions(text: str) -> dict[JsonPath, int]:
    """The offset where each value starts, keyed by its path of keys and list indices."""
    found: dict[JsonPath, int] = {(): 0}
    frames: list[list[Any]] = []  # [kind, key or index, expecting a key]
    for match in _TOKEN.finditer(text):
        token = match.group()
        top = frames[-1] if frames else None
        if token in ",:":
            if top is not None and token == ",":
                if top[0] == "[":
                    top[1] += 1
                else:
                    top[2] = True
            elif top is not None:
                top[2] = False
            continue
        if token in "]}":
            if frames:
                frames.pop()
            continue
        if top is not None and top[0] == "{" and top[2]:
            try:
                top[1] = json.loads(token)
            except ValueError:
                top[1] = token
            continue
        found[tuple(frame[1] for frame in frames)] = match.start()
        if token == "{":
            frames.append(["{", None, True])
        elif token == "[":
            frames.append(["[", 0, False])
    return found


def locator(text: str, where: str) -> Callable[[JsonPath], Location]:
    """A function giving where the value at a path (or its nearest parent) stands in ``text``."""
    found = _positions(text)

    def location(path: JsonPath) -> Location:
        probe = tuple(path)
        while probe and probe not in found:
            probe = probe[:-1]
        return Location(where, *line_column(text, found.get(probe, 0)))

    return location
