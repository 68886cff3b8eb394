"""The terminal agenda's layout with real CLDR and Unicode data: first-strong isolates, display
widths of wide characters, and the locale's own date-time pattern."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from glocal.cli import cli
from glocal.localization.agenda import build_agenda, render_text
from glocal.localization.formatting import format_date, join_date_time
from glocal.localization.textlayout import FSI, PDI, display_width
from glocal.model import Schedule, ScheduledSession, Status
from glocal.workspace import ProgramBundle, load_workspace

PROGRAM = "leading-through-change"
RLI = "\u2067"


@pytest.fixture(scope="module")
def bundle(example_root: Path) -> ProgramBundle:
    return load_workspace(example_root, [PROGRAM]).bundle(PROGRAM)


def _agenda(runner: CliRunner, root: Path, *args: str) -> str:
    result = runner.invoke(cli, ["agenda", PROGRAM, *args, "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _session(cohort: str, facilitator: str, start: dt.datetime) -> Schedule:
    return Schedule(program=PROGRAM, status=Status.OPTIMAL, sessions=[
        ScheduledSession(cohort=cohort, module="foundations", facilitator=facilitator,
                         start=start, end=start + dt.timedelta(minutes=90), index=1, count=6),
    ])


# ---------------------------------------------------------------- isolates


def test_right_to_left_agenda_isolates_each_line_by_its_first_strong_letter(
    runner: CliRunner, example_root: Path
) -> None:
    out = _agenda(runner, example_root, "--locale", "ar-AE")
    assert RLI not in out
    lines = [line.strip() for line in out.splitlines() if line.strip() and not line.startswith("=")]
    assert all(line.lstrip("• ").startswith(FSI) and line.endswith(PDI) for line in lines)
    # The core's English description, shown as fallback, stays left to right under FSI.
    assert f"{FSI}Why most change efforts stall, and what a first-line manager can do about it.{PDI}" in out.splitlines()
    # Hebrew has no variant: the English title is isolated, not forced right to left.
    assert _agenda(runner, example_root, "--locale", "he").splitlines()[0] == f"{FSI}Leading Through Change{PDI}"


def test_left_to_right_agenda_isolates_only_lines_with_right_to_left_letters(bundle: ProgramBundle) -> None:
    omar = next(f for f in bundle.facilitators if f.id == "omar")
    arabic_name = bundle.facilitators.copy()
    arabic_name[arabic_name.index(omar)] = omar.model_copy(update={"name": "عمر حداد"})
    renamed = ProgramBundle(bundle.program, bundle.rollout, arabic_name, bundle.variants, bundle.docs)
    dubai = next(c for c in bundle.rollout.cohorts if c.id == "dubai-1")
    schedule = _session("dubai-1", "omar", dt.datetime(2027, 2, 1, 6, 0, tzinfo=dt.UTC))
    lines = render_text(build_agenda(renamed, "en", dubai, schedule)).splitlines()
    assert f"  Facilitator: {FSI}عمر حداد{PDI}" not in lines  # the whole line is isolated, label included
    assert f"  {FSI}Facilitator: عمر حداد{PDI}" in lines
    assert lines[0] == "Leading Through Change"


# ---------------------------------------------------------------- widths


@pytest.mark.parametrize(("text", "width"), [
    ("Leading Through Change", 22),
    ("変化を導くリーダーシップ", 24),  # katakana and kanji: two columns each
    ("ＡＢ", 4),  # fullwidth Latin
    ("한국어", 6),
    ("\u1112\u1161\u11ab", 2),  # the syllable 한 written as three jamo
    ("e\u0301te\u0301", 3),  # combining acute accents take no column
    (f"{FSI}أسس{PDI}", 3),  # isolates take no column
    ("👍", 2),
])
def test_display_width_counts_terminal_columns(text: str, width: int) -> None:
    assert display_width(text) == width
    assert display_width(text) == cell_len(text)  # rich's own table agrees


def test_japanese_title_underline_is_as_wide_as_the_title(runner: CliRunner, example_root: Path) -> None:
    lines = _agenda(runner, example_root, "--locale", "ja-JP").splitlines()
    assert lines[0] == "変化を導くリーダーシップ"
    assert lines[1] == "=" * 24


# ---------------------------------------------------------------- date and time


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", "Monday, February 1, 2027, 10:00"),
    ("ja", "2027年2月1日月曜日 10:00"),  # CLDR: "{1} {0}", no comma
    ("ar", "الاثنين، 1 فبراير 2027، 10:00"),  # Arabic comma
    ("an_ES", "2027 a las 10:00"),  # quoted literals of the pattern, unquoted
])
def test_date_and_time_joined_by_the_locale_pattern(locale: str, expected: str) -> None:
    day = format_date(dt.date(2027, 2, 1), locale, "full")
    joined = join_date_time(day, "10:00", locale)
    assert joined.endswith(expected) if locale == "an_ES" else joined == expected
    assert joined.startswith(day)


def test_japanese_session_time_has_no_ascii_comma(bundle: ProgramBundle) -> None:
    tokyo = next(c for c in bundle.rollout.cohorts if c.id == "tokyo-1")
    schedule = _session("tokyo-1", "aiko", dt.datetime(2027, 2, 1, 1, 0, tzinfo=dt.UTC))
    text = render_text(build_agenda(bundle, "ja_JP", tokyo, schedule))
    line = next(line for line in text.splitlines() if "2027年2月1日月曜日" in line)
    assert "月曜日 10" in line and "月曜日," not in line
