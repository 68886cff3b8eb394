"""Result exports -> one list of responses (tidy rows), with every problem found.

Two kinds of CSV files are read from the results folder:

* the tidy long format, needing no mapping: ``cohort, participant, level, measure, value``
  and optionally ``module`` and ``date``; one row per answer;
* wide survey exports named in ``evaluation.yaml`` (Microsoft Forms with its byte-order mark,
  Google Forms with its ``Timestamp`` column, Qualtrics with its two extra header rows), one
  row per respondent and one column per question.

Records are read with the standard ``csv`` module so every problem names its file and line
(quoted answers may span lines); the numbers go to pandas in ``glocal.evaluation.figures``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from glocal.errors import Location, Problem
from glocal.evaluation.config import EvaluationConfig, Export, ExportFormat
from glocal.evaluation.rows import Cell, Context, Response, Row, check_rows, parse_dates

MAX_BYTES = 50 * 1024 * 1024
TIDY_COLUMNS = ("cohort", "participant", "level", "measure", "value")
TIDY_OPTIONAL = ("module", "date")
_DATA_START = {ExportFormat.QUALTRICS: 4}  # Qualtrics: ids, question texts, ImportId JSON
_DEFAULT_DATE = {
    ExportFormat.MICROSOFT_FORMS: "Completion time",
    ExportFormat.GOOGLE_FORMS: "Timestamp",
    ExportFormat.QUALTRICS: "RecordedDate",
}


@dataclass
class Ingested:
    """Everything read from a results folder."""

    responses: list[Response] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # shown path -> format
    problems: list[Problem] = field(default_factory=list)


def _records(text: str, where: str, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    """CSV records with the line each starts on; blank records dropped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                out.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(Location(where, reader.line_num or 1), f"not readable as CSV: {exc}; save the file as CSV (comma-separated, UTF-8)"))
    return out


def _read_text(path: Path, where: str, problems: list[Problem]) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.append(Problem(Location(where), f"file is {size} bytes; glocal reads result files of at most 50 MiB, split it"))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(Location(where), f"cannot read file: {exc.strerror or exc}"))
        return None
    try:
        return raw.decode("utf-8-sig")  # Microsoft Forms and Excel write a byte-order mark
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(Location(where, line), f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); export or save it as 'CSV UTF-8'"))
        return None


def _header_index(header: list[str], extra: list[str] | None = None) -> dict[str, int]:
    """Column name -> position; Qualtrics columns are found by id or by question text."""
    index: dict[str, int] = {}
    for rows in (header, extra or []):
        for position, name in enumerate(rows):
            index.setdefault(name.strip(), position)
    return index


def _missing(where: str, line: int, name: str, header: list[str], hint: str) -> Problem:
    shown = ", ".join(repr(h) for h in header[:12]) + (", ..." if len(header) > 12 else "")
    return Problem(Location(where, line), f"missing column '{name}'; {hint} (the header has {shown})")


def read_tidy(where: str, text: str, context: Context) -> list[Response]:
    """Read a tidy long file; problems go to ``context.problems``."""
    records = _records(text, where, context.problems)
    if not records:
        context.problems.append(Problem(Location(where), "file is empty; a tidy file starts with the header cohort,participant,level,measure,value"))
        return []
    header_line, header = records[0]
    index = _header_index([h.lower() for h in header])
    missing = [name for name in TIDY_COLUMNS if name not in index]
    for name in missing:
        context.problems.append(_missing(
            where, header_line, name, header,
            "a tidy file needs columns cohort, participant, level, measure, value (module, date optional); "
            "a survey export needs an entry under 'exports' in evaluation.yaml",
        ))
    if missing:
        return []
    rows: list[Row] = []
    for line, record in records[1:]:
        if len(record) != len(header):
            context.problems.append(Problem(Location(where, line), f"row has {len(record)} fields, the header has {len(header)}; quote values that contain commas"))
            continue

        def cell(name: str, record: list[str] = record) -> str:
            return record[index[name]].strip() if name in index else ""

        rows.append(Row(where, line, cell("cohort"), cell("participant"), cell("module") or None, cell("date"),
                        [Cell(cell("level"), cell("measure"), cell("value"), None)]))
    return check_rows(rows, context, parse_dates([r.date for r in rows]))


def read_export(where: str, text: str, export: Export, context: Context) -> list[Response]:
    """Read one wide survey export through its mapping."""
    records = _records(text, where, context.problems)
    start = _DATA_START.get(export.format, 2)
    if len(records) < start - 1 or not records:
        context.problems.append(Problem(Location(where), f"file has no header; expected a {export.format.value} export"))
        return []
    header_line, header = records[0]
    texts = records[1][1] if export.format is ExportFormat.QUALTRICS and len(records) > 1 else None
    if export.format is ExportFormat.QUALTRICS and (len(records) < 3 or not any("ImportId" in c for c in records[2][1])):
        line = records[2][0] if len(records) > 2 else header_line
        context.problems.append(Problem(Location(where, line), "not a Qualtrics export: its third row holds {\"ImportId\": ...} cells; export the responses as CSV from Qualtrics, or set the right format"))
        return []
    index = _header_index(header, texts)
    hint = f"name it as in the export's header in evaluation.yaml (exports: {export.file})"
    date_column = export.date_column or (_DEFAULT_DATE[export.format] if _DEFAULT_DATE[export.format] in index else None)
    wanted = [export.cohort_column, export.participant_column, export.module_column, date_column]
    wanted += [q.column for q in export.questions]
    missing = [name for name in dict.fromkeys(wanted) if name is not None and name not in index]
    for name in missing:
        context.problems.append(_missing(where, header_line, name, header, hint))
    if missing:
        return []
    rows: list[Row] = []
    for line, record in records[start - 1:]:
        record = record + [""] * (len(header) - len(record))  # trailing empty answers may be cut

        def cell(name: str | None, record: list[str] = record) -> str:
            return record[index[name]].strip() if name is not None else ""

        cells = [Cell(str(q.level), q.measure, cell(q.column), q) for q in export.questions]
        rows.append(Row(where, line, export.cohort or cell(export.cohort_column), cell(export.participant_column),
                        export.module or cell(export.module_column) or None, cell(date_column), cells))
    return check_rows(rows, context, parse_dates([r.date for r in rows]))


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def ingest(results: Path, root: Path, config: EvaluationConfig, context: Context) -> Ingested:
    """Read every CSV in ``results`` (tidy unless ``config.exports`` names it) and the xAPI
    statement files ``config.xapi`` names."""
    from glocal.evaluation.xapi import read_xapi

    out = Ingested(problems=context.problems)
    exports = {export.file: export for export in config.exports}
    statements = {export.file: export for export in config.xapi}
    files = sorted(p for p in results.rglob("*") if p.is_file())
    named = {
        p.relative_to(results).as_posix(): p for p in files
        if p.suffix.lower() == ".csv" or p.relative_to(results).as_posix() in statements
    }
    for name, path in named.items():
        where = _shown(path, root)
        if not path.resolve().is_relative_to(results.resolve()):
            context.problems.append(Problem(Location(where), "file is a link to outside the results folder; copy the file here"))
            continue
        text = _read_text(path, where, context.problems)
        if text is None:
            continue
        export = exports.get(name)
        if name in statements:
            out.files[where] = "xapi"
            out.responses += read_xapi(where, text, statements[name], context)
        elif export is None:
            out.files[where] = "tidy"
            out.responses += read_tidy(where, text, context)
        else:
            out.files[where] = export.format.value
            out.responses += read_export(where, text, export, context)
    return out
