"""``glocal agenda``: localized texts, durations, notes, labels and script direction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from glocal.cli import cli
from glocal.localization.agenda import build_agenda, render_html, render_text
from glocal.localization.textlayout import FSI, PDI
from glocal.model import Schedule, ScheduledSession, Status
from glocal.workspace import load_workspace
from glocal.workspace.schedule_file import dump_schedule

PROGRAM = "leading-through-change"


def _agenda(runner: CliRunner, root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["agenda", PROGRAM, *args, "--workspace", str(root)])
    return result.exit_code, result.stdout, result.stderr


def test_german_agenda(runner: CliRunner, example_root: Path) -> None:
    code, out, _ = _agenda(runner, example_root, "--locale", "de-DE")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Führen im Wandel"
    assert "Modul 1 von 6: Grundlagen der Veränderung" in lines
    assert "  Dauer: 1 Stunde, 30 Minuten" in lines
    assert "  Format: Virtuell" in lines
    assert "  • Evaluation Stufe 3: Manager observation checklist (60 Tage nach der letzten Sitzung)" in lines
    assert FSI not in out and PDI not in out


def test_japanese_cohort_agenda_has_adapted_activities_and_notes(runner: CliRunner, example_root: Path) -> None:
    code, out, _ = _agenda(runner, example_root, "--cohort", "tokyo-1")
    assert code == 0
    assert "モジュール1（全6回）：変化の基礎" in out
    assert "所要時間：105分" in out  # the ja adaptation of the duration
    assert "停滞した組織再編の事例に基づく合意形成 (45分)" in out
    assert "備考：Open debate replaced by small-group consensus building with a shared summary." in out
    assert "クラス：tokyo-1（日本語 (日本)、15名）" in out


def test_arabic_agenda_is_right_to_left(runner: CliRunner, example_root: Path) -> None:
    code, out, _ = _agenda(runner, example_root, "--locale", "ar-AE", "--format", "html")
    assert code == 0
    assert '<html lang="ar-AE" dir="rtl">' in out
    assert "الوحدة 1 من 6: أسس التغيير" in out
    code, text, _ = _agenda(runner, example_root, "--locale", "he")
    assert code == 0 and text.splitlines()[0].startswith(FSI)


def test_agenda_with_schedule_shows_local_times(example_root: Path, tmp_path: Path, runner: CliRunner) -> None:
    bundle = load_workspace(example_root, [PROGRAM]).bundle(PROGRAM)
    facilitator = bundle.facilitators[0]
    start = dt.datetime(2027, 2, 9, 4, 30, tzinfo=dt.UTC)
    schedule = Schedule(program=PROGRAM, status=Status.OPTIMAL, sessions=[
        ScheduledSession(cohort="bengaluru-1", module="foundations", facilitator=facilitator.id,
                         start=start, end=start + dt.timedelta(minutes=90), index=1, count=6),
    ])
    agenda = render_text(build_agenda(bundle, "en_IN", bundle.rollout.cohorts[7], schedule))
    assert "  Session 1 of 6" in agenda
    assert "  Local time: Tuesday, 9 February 2027, 10:00\u2009–\u200911:30\u202fam (India Standard Time)" in agenda
    assert f"  Facilitator: {facilitator.name}" in agenda
    path = tmp_path / "schedule.json"
    path.write_text(dump_schedule(schedule), encoding="utf-8")
    code, out, err = _agenda(runner, example_root, "--cohort", "bengaluru-1", "--schedule", str(path))
    assert code == 0, err
    assert out == agenda


def test_agenda_usage_errors(runner: CliRunner, example_root: Path) -> None:
    code, _, err = _agenda(runner, example_root)
    assert code == 2 and "give --locale" in err
    code, _, err = _agenda(runner, example_root, "--cohort", "tokio-1")
    assert code == 2 and "unknown cohort 'tokio-1'; did you mean 'tokyo-1'" in err
    code, _, err = _agenda(runner, example_root, "--locale", "xx-nope")
    assert code == 2 and "unknown locale 'xx-nope'" in err


def test_html_escapes_texts(example_root: Path) -> None:
    bundle = load_workspace(example_root, [PROGRAM]).bundle(PROGRAM)
    page = render_html(build_agenda(bundle, "en"))
    assert "<li dir=\"auto\">Case debate on a stalled reorganisation (30 minutes)</li>" in page
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">")
