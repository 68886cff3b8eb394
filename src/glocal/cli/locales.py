"""``glocal locales``: translation status, stamping, minor edits and PO round trips."""

from __future__ import annotations

import json
from pathlib import Path

import click

from glocal.cli import cli
from glocal.cli.common import print_problems, stderr_console, stdout_console, workspace_option
from glocal.errors import UsageError
from glocal.localization.edit import accept, stamp
from glocal.localization.po import export_po, import_po
from glocal.localization.status import LocaleStatus, program_status
from glocal.model.locales import normalize_locale
from glocal.workspace import ProgramBundle, Workspace, load_workspace, resolve_program_arg
from glocal.workspace.yamlio import write_atomic

COLUMNS = ("locale", "cohorts", "translated", "missing", "outdated", "orphaned", "cultural fit")


@cli.group("locales", short_help="Locale variants: status, stamps, PO export and import.")
def locales_group() -> None:
    """Locale variants: what is translated, outdated, missing or culturally off.

    \b
    Examples:
      glocal locales status leading-through-change
      glocal locales stamp pt_BR leading-through-change
      glocal locales export-po leading-through-change de -o de.po
      glocal locales import-po de.po
    """


def _locale_arg(text: str) -> str:
    try:
        return normalize_locale(text)
    except ValueError:
        raise UsageError(f"unknown locale '{text}'", "use a BCP 47 or POSIX locale such as 'pt-BR' or 'nb'") from None


def _outdated_cell(status: LocaleStatus) -> str:
    parts = [
        f"{v.locale}: based_on {v.based_on if v.based_on is not None else 'none'} < {v.version}"
        for v in status.state.outdated_variants
    ]
    if status.state.outdated_fields:
        parts.append(f"{len(status.state.outdated_fields)} field(s)")
    return "; ".join(parts) or "-"


def _row(status: LocaleStatus) -> tuple[str, ...]:
    state = status.state
    translated = f"{state.translated}/{state.total} {state.share:.0%}" if state.total else "source language"
    clashes = ", ".join(c.key + ("" if c.open else " (acknowledged)") for c in status.clashes)
    return (
        status.locale,
        ", ".join(status.cohorts) or "-",
        translated,
        str(len(state.missing)) if state.missing else "-",
        _outdated_cell(status),
        str(len(state.orphaned)) if state.orphaned else "-",
        clashes or "-",
    )


def render_table(program: str, statuses: list[LocaleStatus]) -> str:
    """The status as aligned text columns, one locale per line."""
    rows = [COLUMNS, *(_row(s) for s in statuses)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [f"{program}"]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return "\n".join(lines)


def _bundles(workspace: Path, program: str | None) -> tuple[Workspace, list[ProgramBundle]]:
    loaded = load_workspace(workspace, resolve_program_arg(workspace, program))
    return loaded, [loaded.programs[p] for p in sorted(loaded.programs)]


@locales_group.command("status", short_help="Per locale: translated, outdated, missing, orphaned, culture.")
@click.argument("program", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Exit 2 when anything is outdated, orphaned or an unacknowledged cultural clash.")
@workspace_option
def status_command(program: str | None, fmt: str, strict: bool, workspace: Path) -> None:
    """Per locale in use: translated share, missing, outdated, orphaned, cultural fit.

    A locale is in use when a cohort is taught in it or it has a variant folder. Problems are
    listed on stderr as path:line:column. Without --strict the exit status is 0.

    \b
    Examples:
      glocal locales status leading-through-change
      glocal locales status --format json --strict
    """
    loaded, bundles = _bundles(workspace, program)
    report: dict[str, list[LocaleStatus]] = {b.id: program_status(loaded, b) for b in bundles}
    if fmt == "json":
        payload = {pid: [s.to_json() for s in statuses] for pid, statuses in report.items()}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        console = stdout_console()
        for pid, statuses in report.items():
            console.print(render_table(pid, statuses), markup=False)
    problems = sorted({p for statuses in report.values() for s in statuses for p in s.problems()}, key=lambda p: p.sort_key())
    print_problems(problems)
    blocking = sorted({s.locale for statuses in report.values() for s in statuses if s.blocking})
    if strict and blocking:
        stderr_console().print(f"not current: {', '.join(blocking)}", style="red", markup=False)
        click.get_current_context().exit(2)


@locales_group.command("stamp", short_help="Record that a locale was reviewed against the current core.")
@click.argument("locale")
@click.argument("program", required=False)
@click.option("--field", "fields", multiple=True, metavar="PATH", help="Stamp only this field (repeatable), e.g. modules.foundations.title.")
@workspace_option
def stamp_command(locale: str, program: str | None, fields: tuple[str, ...], workspace: Path) -> None:
    """Record that LOCALE's translations were reviewed against today's core texts.

    Writes a short hash of each core text under 'sources' (and, without --field, sets
    based_on to the core version), keeping the file's comments and key order.

    \b
    Examples:
      glocal locales stamp pt_BR leading-through-change
      glocal locales stamp ja --field modules.feedback.title
    """
    posix = _locale_arg(locale)
    loaded, bundles = _bundles(workspace, program)
    targets = [b for b in bundles if posix in b.variants]
    if not targets:
        raise UsageError(f"no variant for locale '{posix}'", f"create locales/{posix}/<program>.yaml first")
    for bundle in targets:
        stamped = stamp(loaded.root, bundle, posix, list(fields) or None)
        stderr_console().print(f"stamped {len(stamped)} field(s) of locales/{posix}/{bundle.id}.yaml", markup=False)


@locales_group.command("accept", short_help="Mark core edits as minor so translations stay current.")
@click.argument("program")
@click.argument("fields", nargs=-1, required=True, metavar="FIELD...")
@workspace_option
def accept_command(program: str, fields: tuple[str, ...], workspace: Path) -> None:
    """Mark edits of core FIELDs as minor, so existing translations stay current.

    For core authors, after fixing a typo or rewording without changing the meaning. Every
    variant that translates a FIELD gets the new source hash.

    \b
    Example:
      glocal locales accept leading-through-change modules.feedback.description
    """
    loaded, bundles = _bundles(workspace, program)
    for bundle in bundles:
        changed = accept(loaded.root, bundle, list(fields))
        for locale, paths in changed.items():
            stderr_console().print(f"locales/{locale}/{bundle.id}.yaml: accepted {', '.join(paths)}", markup=False)
        if not changed:
            stderr_console().print("no variant translates these fields; nothing changed", markup=False)


@locales_group.command("export-po")
@click.argument("program")
@click.argument("locale")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the PO file here (default: stdout).")
@workspace_option
def export_po_command(program: str, locale: str, output: Path | None, workspace: Path) -> None:
    """Write a PO file for translating PROGRAM into LOCALE.

    msgctxt is the field path, msgid the core text, msgstr LOCALE's own translation;
    outdated translations are marked fuzzy, with the earlier core text when git knows it.

    \b
    Example:
      glocal locales export-po leading-through-change de -o de.po
    """
    posix = _locale_arg(locale)
    loaded, bundles = _bundles(workspace, program)
    data = export_po(loaded.root, bundles[0], posix)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_atomic(output, data)
    stderr_console().print(f"wrote {output}", markup=False)


@locales_group.command("import-po", short_help="Write a PO file's translations back into the locale variant.")
@click.argument("po_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--program", help="Refuse the file unless it is for this program.")
@click.option("--locale", help="Refuse the file unless it is for this locale.")
@workspace_option
def import_po_command(po_file: Path, program: str | None, locale: str | None, workspace: Path) -> None:
    """Write the translations of PO_FILE into locales/<locale>/<program>.yaml.

    The program and locale come from the PO header; comments, quotes, line endings, file
    mode, links and every value that did not change stay exactly as they were. A file with
    an error, or whose result 'glocal check' would reject, is refused and nothing is written.
    Plural, obsolete and duplicate entries are warned about and not imported.

    \b
    Example:
      glocal locales import-po de.po --locale de
    """
    loaded = load_workspace(workspace)
    result = import_po(loaded, po_file, program=program, locale=locale)
    print_problems(result.warnings)
    console = stderr_console()
    rel = f"locales/{result.locale}/{result.program}.yaml"
    console.print(f"{rel}: {len(result.changed)} translation(s) changed, {len(result.stamped)} stamped", markup=False)
    for path in result.stale:
        console.print(f"warning: {path} was translated from an older core text; it stays outdated until reviewed", style="yellow", markup=False)
    if result.outdated and result.changed:
        console.print(
            f"next: when the {result.locale} translation is reviewed against today's core, run "
            f"'glocal locales stamp {result.locale} {result.program}' (until then it stays outdated)",
            markup=False,
        )
