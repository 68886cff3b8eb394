"""Checking the rows of a result file: cohorts, levels, numbers, scales and duplicates.

Both file kinds (tidy and wide exports) are turned into ``Row`` objects first, so one set of
rules decides what a valid answer is and every problem reads the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from glocal.errors import Location, Problem
from glocal.evaluation.config import EvaluationConfig, Question, Scale
from glocal.values import suggest

PAIRS = {2: ("pre", "post"), 4: ("baseline", "current")}  # measures compared within a level


@dataclass(frozen=True)
class Response:
    """One answer of one participant, on its level's scale."""

    file: str
    line: int
    cohort: str
    participant: str
    level: int
    measure: str
    module: str | None
    value: float
    date: str | None  # ISO date, when the export has one


@dataclass(frozen=True)
class Cell:
    """One answer as text: its level and measure, and the question it came from (wide files)."""

    level: str
    measure: str
    text: str
    question: Question | None  # None in tidy files


@dataclass(frozen=True)
class Row:
    """One record of a result file before checking."""

    file: str
    line: int
    cohort: str
    participant: str
    module: str | None
    date: str
    cells: list[Cell]


@dataclass
class Context:
    """What rows are checked against, and where problems and seen answers are collected."""

    program: str
    cohorts: list[str]
    modules: dict[str, str]  # module id and lower-cased core title -> module id
    levels: list[int]  # the levels program.yaml evaluates
    config: EvaluationConfig
    problems: list[Problem] = field(default_factory=list)
    seen: dict[tuple[str, str, int, str, str], str] = field(default_factory=dict)


def parse_dates(texts: list[str]) -> list[str | None]:
    """ISO dates of date or timestamp texts as the tools write them; None if empty or unreadable.

    Each text is read on its own (pandas' parser, month first as the tools' US exports
    write it): a file may mix UTC offsets, and a timestamp's date is the date it was
    written with, not the UTC one.
    """
    import pandas as pd

    seen: dict[str, str | None] = {}
    for text in dict.fromkeys(texts):
        try:
            stamp = pd.Timestamp(text) if text else None
        except (ValueError, TypeError, OverflowError):
            stamp = None
        seen[text] = None if stamp is None or pd.isna(stamp) else stamp.date().isoformat()
    return [seen[text] for text in texts]


def _number(cell: Cell, scale: Scale | None) -> tuple[float | None, str]:
    """The number of an answer on its question's scale, or why it is not one."""
    question = cell.question
    if question is not None and question.labels:
        labels = {k.strip().lower(): v for k, v in question.labels.items()}
        if cell.text.lower() in labels:
            return labels[cell.text.lower()], ""
        known = ", ".join(repr(k) for k in question.labels)
        return None, f"answer {cell.text!r} to '{question.column}' is not one of its labels ({known}); add it under labels in evaluation.yaml"
    try:
        value = float(cell.text)
    except ValueError:
        what = f"answer {cell.text!r} to '{question.column}'" if question else f"value {cell.text!r}"
        return None, f"{what} is not a number; write a number such as 4 or 3.5"
    if not math.isfinite(value):
        return None, f"value {cell.text!r} is not a finite number; write a number such as 4 or 3.5"
    if scale is not None and not scale.min <= value <= scale.max:
        return None, f"value {value:g} is outside the scale {scale.min:g}-{scale.max:g}; check the answer or the scale in evaluation.yaml"
    return value, ""


def _level(cell: Cell, context: Context) -> tuple[int | None, str]:
    try:
        level = int(cell.level)
    except ValueError:
        return None, f"level {cell.level!r} is not a number; Kirkpatrick levels are 1, 2, 3 and 4"
    if level not in context.levels:
        declared = ", ".join(str(n) for n in context.levels) or "none"
        return None, f"level {level} is not evaluated by {context.program} (its program.yaml declares levels {declared}); fix the level or add it to program.yaml"
    return level, ""


def _value(cell: Cell, level: int, context: Context) -> tuple[float | None, str]:
    """The answer on the level's scale: labels, range, reverse coding, rescaling."""
    level_scale = context.config.scale(level)
    question = cell.question
    own = question.scale if question is not None and question.scale is not None else level_scale
    value, why = _number(cell, own)
    if value is None:
        return None, why
    if question is not None and question.reverse:
        if own is None:
            return None, f"'{question.column}' is reverse-coded but has no scale; give it a scale in evaluation.yaml"
        value = own.min + own.max - value
    if own is not None and level_scale is not None and own != level_scale:
        share = (value - own.min) / (own.max - own.min)
        value = level_scale.min + share * (level_scale.max - level_scale.min)
    return value, ""


def _row_keys(row: Row, context: Context) -> tuple[str | None, str | None, list[Problem]]:
    """The row's cohort and module ids, or the problems with them."""
    where = Location(row.file, row.line)
    problems: list[Problem] = []
    cohort: str | None = row.cohort
    if not row.cohort:
        problems.append(Problem(where, "no cohort; every response names its cohort id (as in rollout.yaml)"))
        cohort = None
    elif row.cohort not in context.cohorts:
        hint = suggest(row.cohort, context.cohorts).removeprefix("; ") or f"known cohorts: {', '.join(context.cohorts)}"
        problems.append(Problem(where, f"unknown cohort '{row.cohort}'; {hint}"))
        cohort = None
    if not row.participant:
        problems.append(Problem(where, "no participant id; every response needs the participant's pseudonymous id"))
    module = None
    if row.module:
        module = context.modules.get(row.module) or context.modules.get(row.module.lower())
        if module is None:
            ids = sorted({v for v in context.modules.values()})
            hint = suggest(row.module, ids).removeprefix("; ") or f"modules: {', '.join(ids)}"
            problems.append(Problem(where, f"unknown module '{row.module}'; {hint}"))
    return cohort, module, problems


def check_rows(rows: list[Row], context: Context, dates: list[str | None]) -> list[Response]:
    """Valid responses of ``rows``; every problem is added to ``context.problems``."""
    out: list[Response] = []
    for row, date in zip(rows, dates, strict=True):
        cohort, module, problems = _row_keys(row, context)
        where = Location(row.file, row.line)
        if row.date and date is None:
            problems.append(Problem(where, f"date {row.date!r} is not a date; write it as 2027-03-16 or as the tool exported it"))
        context.problems += problems
        if problems:
            continue
        assert cohort is not None
        for cell in row.cells:
            if not cell.text and cell.question is not None:
                continue  # a question left unanswered
            level, why = _level(cell, context)
            value, why = _value(cell, level, context) if level is not None else (None, why)
            if not cell.text:
                why = "no value; every row of a tidy file holds one answer"
            measure = cell.measure.strip().lower()
            if not measure:
                why = why or "no measure; name what was measured (e.g. relevance, pre, post)"
            if why or level is None or value is None:
                context.problems.append(Problem(where, why))
                continue
            key = (cohort, row.participant, level, measure, module or "")
            first = context.seen.setdefault(key, f"{row.file}:{row.line}")
            if first != f"{row.file}:{row.line}":
                session = f" about module '{module}'" if module else ""
                context.problems.append(Problem(where, f"duplicate response: participant '{row.participant}' of cohort '{cohort}' answered level {level} measure '{measure}'{session} already at {first}; keep one of them"))
                continue
            out.append(Response(row.file, row.line, cohort, row.participant, level, measure, module, value, date))
    return out
