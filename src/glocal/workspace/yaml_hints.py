"""YAML syntax errors in words a coordinator acts on: where, what, and the quoting that fixes it.

A ``: `` inside a plain value starts a second key (``title: Leading change: a primer``); the
message spells the value out quoted, ready to paste back.
"""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError

from glocal.errors import Location, Problem


def syntax_problem(exc: MarkedYAMLError, rel: str, text: str) -> Problem:
    """A YAML syntax error at its position, with a hint where the usual mistake is clear."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = (exc.problem or exc.context or "invalid YAML").strip()
    if exc.context and what.startswith("but "):
        what = f"{exc.context.strip()}, {what}"  # "expected a single document ..., but found ..."
    if what.startswith("mapping values are not allowed") and mark:
        what += _colon_hint(text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else "", mark.column)
    elif what.endswith("but got ':'") and mark:
        what += _flow_colon_hint(text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else "",
                                 mark.column, "]" if "']'" in what else "}")
    return Problem(Location(rel, line, column), f"YAML syntax error: {what}", code="yaml-syntax")


_KEY_PREFIX = re.compile(r"^\s*(?:-\s+)*[^\s#\"'][^:#]*?:\s+")  # "  - key: " before a plain value
_COMMENT = re.compile(r"\s+#.*$")


def _flow_colon_hint(line: str, column: int, closing: str) -> str:
    """A ':' where ``{...}`` or ``[...]`` expected ',': a colon inside a value on this line, or a
    bracket left open on an earlier line (the next line's ``key:`` is then the surprise)."""
    before = line[:column]
    if sum(before.count(c) for c in "[{") > sum(before.count(c) for c in "]}"):
        return "; a ': ' inside a value starts a new key: quote the value (\"...\")"
    return f"; is a closing '{closing}' missing before this line?"


def _colon_hint(line: str, column: int) -> str:
    """How to fix ``key: text: more``: a ': ' inside a plain value starts a second key, so the
    value must be quoted; the quoted value is spelled out so it can be pasted back."""
    prefix = _KEY_PREFIX.match(line)
    if prefix is None or prefix.end() > column:
        # The ': ' is on a continuation line of a longer value: the key is on an earlier line.
        return "; a ': ' inside a value starts a new key: quote the whole value (\"...\") or write it as a block after '>-'"
    value = _COMMENT.sub("", line[prefix.end():]).strip()
    if '"' in value or "\\" in value:
        quoted = "'" + value.replace("'", "''") + "'"  # single quotes take backslashes and '"' as written
    else:
        quoted = f'"{value}"'
    return f"; a ': ' inside a value starts a new key, so quote the value: {quoted}"
