"""``glocal agenda``: the localized program as participants read it."""

from __future__ import annotations

from pathlib import Path

import click

from glocal.cli import cli
from glocal.cli.common import stderr_console, workspace_option
from glocal.errors import UsageError
from glocal.localization.agenda import build_agenda, render_html, render_text
from glocal.model import Cohort, Schedule
from glocal.model.locales import normalize_locale
from glocal.values import suggest
from glocal.workspace import load_workspace, resolve_program_arg
from glocal.workspace.schedule_file import load_schedule
from glocal.workspace.yamlio import write_atomic


def _cohort(cohorts: list[Cohort], cohort_id: str) -> Cohort:
    for cohort in cohorts:
        if cohort.id == cohort_id:
            return cohort
    known = [c.id for c in cohorts]
    raise UsageError(f"unknown cohort '{cohort_id}'", suggest(cohort_id, known).removeprefix("; ") or f"known cohorts: {', '.join(known)}")


@cli.command("agenda", short_help="Print a program as delivered in a locale or to a cohort.")
@click.argument("program")
@click.option("--locale", "locale", help="Language and region of the agenda, e.g. de, ja-JP, ar-AE (default: the cohort's).")
@click.option("--cohort", "cohort_id", help="A cohort: its size, venue and join link, and with --schedule its sessions.")
@click.option("--schedule", "schedule_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A schedule.json written by 'glocal plan' (needs --cohort).")
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True, help="Plain text, or an HTML page with lang and dir set.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@workspace_option
def agenda_command(program: str, locale: str | None, cohort_id: str | None, schedule_path: Path | None, fmt: str, output: Path | None, workspace: Path) -> None:
    """Print PROGRAM as delivered in a locale: titles, descriptions, durations, notes.

    Texts come from the locale's variant chain (ja_JP -> ja -> core), glocal's own labels
    from its catalogs; Arabic and Hebrew agendas are laid out right to left.

    \b
    Examples:
      glocal agenda leading-through-change --locale de
      glocal agenda leading-through-change --cohort tokyo-1 --schedule out/schedule.json
    """
    loaded = load_workspace(workspace, resolve_program_arg(workspace, program))
    bundle = next(iter(loaded.programs.values()))
    cohort = _cohort(bundle.rollout.cohorts, cohort_id) if cohort_id else None
    if locale is None and cohort is None:
        raise UsageError("no locale for the agenda", "give --locale (e.g. --locale de) or --cohort")
    if schedule_path is not None and cohort is None:
        raise UsageError("--schedule needs --cohort", "name the cohort whose sessions to show")
    try:
        chosen = normalize_locale(locale) if locale else normalize_locale(cohort.locale if cohort else "en")
    except ValueError:
        raise UsageError(f"unknown locale '{locale}'", "use a BCP 47 or POSIX locale such as 'pt-BR' or 'nb'") from None
    schedule: Schedule | None = load_schedule(schedule_path) if schedule_path else None
    if schedule is not None and schedule.program != bundle.id:
        raise UsageError(f"{schedule_path} is a schedule of '{schedule.program}', not '{bundle.id}'", "pass the schedule.json of this program")
    agenda = build_agenda(bundle, chosen, cohort, schedule)
    text = render_html(agenda) if fmt == "html" else render_text(agenda)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        stderr_console().print(f"wrote {output}", markup=False)
