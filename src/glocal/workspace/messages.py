"""pydantic validation errors -> the short, helpful sentences glocal shows users.

pydantic's own messages ("Input should be a valid list") say what is wrong but not what was
written nor what would be right; ``error_message`` adds both.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import ErrorDetails

from glocal.values import suggest

_QUOTED = re.compile(r"'([^']*)'")
_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (e.g. [a, b])",
    "dict_type": "a mapping of keys (e.g. 'title: ...')",
    "model_type": "a mapping of keys (e.g. 'title: ...')",
    "model_attributes_type": "a mapping of keys (e.g. 'title: ...')",
    "date_type": "a date like 2027-03-01",
    "datetime_type": "a date and time like 2027-03-01T09:00:00Z",
}
_EXAMPLES = {
    "email": "an e-mail address like name@example.com",
    "join_url": "a web address starting with https://",
}


def shown(value: Any) -> str:
    """A short, quoted rendering of what the user wrote."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'" if isinstance(value, str) else text


def error_message(error: ErrorDetails) -> str:
    """One user-facing sentence for one pydantic error: what is wrong; what would be right."""
    kind = error["type"]
    loc = error["loc"]
    field = str(loc[-1]) if loc else ""
    value = error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "missing":
        return f"missing required key '{field}'"
    if kind == "extra_forbidden":
        return f"unknown key '{field}'"
    if kind == "glocal":
        return str(error["msg"])
    if kind in _TYPE_WORDS:
        hint = ""
        if kind == "string_type" and isinstance(value, (int, float, bool)):
            hint = "; put it in quotes if it is meant as text"
        return f"expected {_TYPE_WORDS[kind]}, got {shown(value)}{hint}"
    if kind in ("enum", "literal_error"):
        choices = _QUOTED.findall(str(ctx.get("expected", "")))
        if not isinstance(value, str):
            return f"expected one of {', '.join(choices)}, got {shown(value)}"
        return f"invalid value {shown(value)}{suggest(value, choices) or '; use one of ' + ', '.join(choices)}"
    if kind == "string_pattern_mismatch":
        example = _EXAMPLES.get(field, "text of the expected form")
        return f"invalid {field.replace('_', ' ')} {shown(value)}; write {example}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "?")
        relation = {
            "greater_than_equal": "at least", "greater_than": "more than",
            "less_than_equal": "at most", "less_than": "less than",
        }[kind]
        return f"{shown(value)} is out of range; use a number {relation} {bound}"
    if kind in ("too_short", "too_long"):
        least = ctx.get("min_length")
        if kind == "too_short" and least:
            return f"'{field}' needs at least {least} entr{'y' if least == 1 else 'ies'}"
        return f"'{field}' has too many entries; at most {ctx.get('max_length')}"
    msg = str(error["msg"])
    return (msg[:1].lower() + msg[1:]) if msg else kind.replace("_", " ")
