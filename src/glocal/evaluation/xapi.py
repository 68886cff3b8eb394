"""xAPI statements exported from a learning record store, as one more input shape.

A file named under ``xapi`` in evaluation.yaml holds a JSON array of statements, or an
LRS answer ``{"statements": [...], "more": ...}``. A statement counts when its verb is one of
``verbs`` and its ``object.id`` one of ``activities``; the rest of an LRS export (launched,
voided, other courses) is left alone. From a statement glocal takes:

* the participant: ``actor.account.name``, else ``actor.mbox_sha1sum``, else the SHA-1 of
  ``actor.mbox`` (so no e-mail address travels further);
* the cohort (and the module) from ``context.extensions`` under the configured keys;
* the value: ``result.score.raw`` (on ``score.min``-``score.max`` when both are given,
  rescaled to the level's scale), else ``result.score.scaled`` (on 0-1), else
  ``result.success`` (1 or 0);
* the date from ``timestamp``.

Statements become the same rows as CSV records, so the same checks apply; every problem
names the line the statement starts on.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from glocal.errors import Location, Problem
from glocal.evaluation.config import Question, Scale, XapiExport
from glocal.evaluation.rows import Cell, Context, Response, Row, check_rows, parse_dates

_STATEMENTS_KEY = re.compile(r'"statements"\s*:\s*\[')


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def statements(text: str, where: str, problems: list[Problem]) -> list[tuple[int, Any]]:
    """Each statement with the line it starts on; problems if the file is not such a list."""
    try:
        top = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(Location(where, exc.lineno), f"not JSON: {exc.msg}; export the statements as JSON from the LRS"))
        return []
    if isinstance(top, list):
        start = text.index("[")
    elif isinstance(top, dict) and isinstance(top.get("statements"), list):
        found = _STATEMENTS_KEY.search(text)
        if found is None:  # "statements" written with escapes: positions are not worth a parser
            return [(1, s) for s in top["statements"]]
        start = found.end() - 1
        if found.start() != text.find('"statements"'):  # the key also occurs earlier, nested
            return [(1, s) for s in top["statements"]]
    else:
        problems.append(Problem(Location(where, 1), 'expected a list of xAPI statements, or {"statements": [...]} as an LRS returns it'))
        return []
    decoder = json.JSONDecoder()
    out: list[tuple[int, Any]] = []
    index = start + 1
    while True:
        while text[index] in " \t\r\n,":
            index += 1
        if text[index] == "]":
            return out
        value, end = decoder.raw_decode(text, index)
        out.append((_line(text, index), value))
        index = end


def _participant(actor: Any) -> str:
    if not isinstance(actor, dict):
        return ""
    account = actor.get("account")
    if isinstance(account, dict) and isinstance(account.get("name"), str):
        return str(account["name"]).strip()
    if isinstance(actor.get("mbox_sha1sum"), str):
        return str(actor["mbox_sha1sum"]).strip()
    if isinstance(actor.get("mbox"), str):
        return hashlib.sha1(actor["mbox"].strip().lower().encode("utf-8"), usedforsecurity=False).hexdigest()
    return ""


def _value(result: Any) -> tuple[str, Scale | None]:
    """The answer as text and the scale it is on; ("", None) without a usable result."""
    if not isinstance(result, dict):
        return "", None
    score = result.get("score")
    if isinstance(score, dict):
        raw, low, high = score.get("raw"), score.get("min"), score.get("max")
        if raw is not None:
            usable = isinstance(low, int | float) and isinstance(high, int | float) and high > low
            return str(raw), Scale(min=low, max=high) if usable else None
        if score.get("scaled") is not None:
            return str(score["scaled"]), Scale(min=0, max=1)
    if isinstance(result.get("success"), bool):
        return ("1" if result["success"] else "0"), None
    return "", None


def _get(mapping: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def read_xapi(where: str, text: str, export: XapiExport, context: Context) -> list[Response]:
    """The responses in an xAPI statement file."""
    activities = {a.id: a for a in export.activities}
    verbs = set(export.verbs)
    rows: list[Row] = []
    for line, statement in statements(text, where, context.problems):
        verb, target = _get(statement, "verb", "id"), _get(statement, "object", "id")
        if verb not in verbs or target not in activities:
            continue
        activity = activities[target]
        value, scale = _value(_get(statement, "result"))
        if not value:
            message = "statement has no result.score.raw, result.score.scaled or result.success; nothing to count"
            context.problems.append(Problem(Location(where, line), message))
            continue
        extensions = _get(statement, "context", "extensions")
        cohort = _get(extensions, export.cohort_extension)
        module = _get(extensions, export.module_extension) if export.module_extension else None
        question = Question(column=f"activity {activity.id}", level=activity.level, measure=activity.measure, scale=scale)
        timestamp = _get(statement, "timestamp")
        rows.append(Row(
            where, line, str(cohort).strip() if cohort is not None else "", _participant(_get(statement, "actor")),
            str(module).strip() if module else None, str(timestamp) if timestamp else "",
            [Cell(str(activity.level), activity.measure, value, question)],
        ))
    return check_rows(rows, context, parse_dates([r.date for r in rows]))
