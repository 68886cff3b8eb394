"""``glocal check``: exit status 0/2, problems on stderr, and never a Python traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from glocal.cli import cli

from .checkhelp import EXAMPLE, PROGRAM, ROLLOUT, edit

GLOCAL = Path(sys.executable).parent / "glocal"


# The example's two open cultural-fit clashes (ar_AE avoids styles that no ar variant adapts).
CULTURAL_FIT = [
    ("locales/ar_AE/profile.yaml:2:16: warning: ar_AE: activity resistance/fishbowl "
     "(programs/leading-through-change/program.yaml:87:17) has avoided style(s) confrontational and no "
     "variant in ar_AE -> ar adapts it; adapt modules.resistance.activities.fishbowl.styles in "
     "locales/ar_AE/leading-through-change.yaml or locales/ar/leading-through-change.yaml, or acknowledge "
     "it there with 'acknowledged: {resistance/fishbowl: <reason>}'"),
    ("locales/ar_AE/profile.yaml:2:33: warning: ar_AE: activity feedback/hot-seat "
     "(programs/leading-through-change/program.yaml:74:17) has avoided style(s) public-individual-feedback "
     "and no variant in ar_AE -> ar adapts it; adapt modules.feedback.activities.hot-seat.styles in "
     "locales/ar_AE/leading-through-change.yaml or locales/ar/leading-through-change.yaml, or acknowledge "
     "it there with 'acknowledged: {feedback/hot-seat: <reason>}'"),
]
# The example's pt_BR variant was reviewed against version 2 of the core (now 3): 'glocal plan' and
# 'glocal locales status' say so, and so does 'glocal check'.
OUTDATED = [
    ("locales/pt_BR/leading-through-change.yaml:3:11: warning: pt_BR variant is based on version 2, the core is "
     "at version 3; review it, then run 'glocal locales stamp pt_BR leading-through-change'"),
]
# A program without an organizer although its people have addresses (checks_itip).
NO_ORGANIZER = (
    "programs/leading-through-change/rollout.yaml:1:1: warning: no organizer: invites and cancellations "
    "(METHOD:REQUEST/CANCEL) are not written and 'glocal send' has nothing to send; add 'organizer: "
    "{name: ..., email: ...}' (the coordinator's mailbox, the same for every re-plan) here or in program.yaml"
)
EXAMPLE_OK = "\n".join([*CULTURAL_FIT, *OUTDATED, f"ok: {EXAMPLE} (3 warnings)"]) + "\n"
COPY_OK = "\n".join([*CULTURAL_FIT, *OUTDATED, f"ok: {EXAMPLE} (3 warnings)"]) + "\n"


def check(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(cli, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_example_is_valid(runner: CliRunner, example_root: Path) -> None:
    result = check(runner, EXAMPLE, "--workspace", str(example_root))
    assert result.exit_code == 0
    assert result.stderr == EXAMPLE_OK


def test_all_programs_by_default(runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workspace)
    result = check(runner)
    # the ``workspace`` copy names an organizer for both programs
    assert (result.exit_code, result.stderr) == (
        0, "\n".join([*CULTURAL_FIT, *OUTDATED, f"ok: feedback-that-lands, {EXAMPLE} (3 warnings)"]) + "\n")


def test_errors_exit_2_with_positions(runner: CliRunner, workspace: Path) -> None:
    edit(workspace, PROGRAM, "gap: {min: 2d, max: 21d}", "gap: {min: 22d, max: 21d}")
    edit(workspace, ROLLOUT, "timezone: Asia/Kolkata", "timezone: Asia/Calcuta")
    result = check(runner, "--workspace", str(workspace))
    assert result.exit_code == 2
    # The rules of program.yaml run although rollout.yaml is invalid.
    assert result.stderr.splitlines() == [
        f"{PROGRAM}:95:16: gap min 22d of module 'team-simulation' is longer than its max 21d; make min at most max",
        f"{ROLLOUT}:65:15: unknown time zone 'Asia/Calcuta'; did you mean 'Asia/Calcutta' or 'Asia/Kolkata'?",
        "2 errors; nothing was written",
    ]


def test_variant_and_cross_file_problems_in_one_run(runner: CliRunner, workspace: Path) -> None:
    edit(workspace, PROGRAM, "gap: {min: 2d, max: 21d}", "gap: {min: 22d, max: 21d}")
    edit(workspace, "locales/de/leading-through-change.yaml", "based_on: 3", "based_on: drei")
    result = check(runner, "--workspace", str(workspace))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "locales/de/leading-through-change.yaml:2:11: expected a whole number, got 'drei'",
        f"{PROGRAM}:95:16: gap min 22d of module 'team-simulation' is longer than its max 21d; make min at most max",
        "2 errors; nothing was written",
    ]


def test_warnings_exit_0(runner: CliRunner, workspace: Path) -> None:
    edit(workspace, ROLLOUT, "    size: 14\n", '    size: 14\n    preferred_hours: "07:00-10:00"\n')
    result = check(runner, "-w", str(workspace))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        *CULTURAL_FIT,
        *OUTDATED,
        (f"{ROLLOUT}:75:22: warning: preferred hours 07:00-10:00 of cohort 'dubai-1' are not inside its "
        "working hours 09:00-17:00; sessions only happen in working hours, so choose preferred hours inside them"),
        f"ok: feedback-that-lands, {EXAMPLE} (4 warnings)",
    ]


def test_program_as_path_finds_its_workspace(runner: CliRunner, workspace: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = check(runner, str(workspace / "programs" / EXAMPLE))
    assert (result.exit_code, result.stderr) == (0, COPY_OK)
    result = check(runner, f"ws/programs/{EXAMPLE}")
    assert (result.exit_code, result.stderr) == (0, COPY_OK)


@pytest.mark.parametrize(("args", "message"), [
    (["../../etc"], ("glocal: '../../etc' is neither a program id nor a program folder; give an id like "
                    "'leading-through-change' or a path to programs/<id>")),
    (["../"], ("glocal: '../' is neither a program id nor a program folder; give an id like "
              "'leading-through-change' or a path to programs/<id>")),
    (["leading-through-chang"], "glocal: unknown program 'leading-through-chang'; did you mean 'leading-through-change'?"),
])
def test_bad_program_arguments(runner: CliRunner, workspace: Path, args: list[str], message: str) -> None:
    result = check(runner, *args, "--workspace", str(workspace))
    assert (result.exit_code, result.stderr) == (2, message + "\n")


def test_not_a_workspace(runner: CliRunner, tmp_path: Path) -> None:
    result = check(runner, "--workspace", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"glocal: {tmp_path.resolve()} is not a glocal workspace")


@pytest.mark.parametrize("args", [["a\x00b"], ["x" * 5000], ["--workspace", "a\x00b"], ["--workspace", "y" * 5000]])
def test_hostile_arguments_are_usage_errors(runner: CliRunner, args: list[str]) -> None:
    result = check(runner, *args)
    assert result.exit_code == 2
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("glocal: ") or "Error: Invalid value for '--workspace'" in result.stderr


def test_control_characters_in_files_are_escaped(runner: CliRunner, workspace: Path) -> None:
    edit(workspace, ROLLOUT, "timezone: Asia/Kolkata", 'timezone: "Asia/\\e[2J\\nKolkata"')
    result = check(runner, "--workspace", str(workspace))
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert f"{ROLLOUT}:65:15: text holds U+001B ESC (terminal escape) at character 6; control, " in result.stderr


def run_glocal(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(GLOCAL), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(("rel", "content", "expected"), [
    (PROGRAM, 'id: !!python/object/apply:os.system ["echo pwned"]\n',
     f"{PROGRAM}:1:5: YAML tag '!!python/object/apply:os.system' is not allowed; glocal files hold plain values only (remove the tag)"),
    (ROLLOUT, b"program: \xff\xfe\n", f"{ROLLOUT}:1:10: file is not UTF-8 text (byte 0xff at offset 9); save it as UTF-8"),
    (PROGRAM, "a: 1\na: 2\n", f"{PROGRAM}:2:1: duplicate key 'a' (first at line 1); a key may appear once per mapping, so keep one of them"),
])
def test_real_process_reports_without_traceback(workspace: Path, rel: str, content: str | bytes, expected: str) -> None:
    path = workspace / rel
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    done = run_glocal("check", EXAMPLE, cwd=workspace)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "pwned" not in done.stdout + done.stderr
    assert done.stderr.splitlines() == [expected, "1 error; nothing was written"]


def test_a_program_without_organizer_is_warned_about(runner: CliRunner, workspace: Path) -> None:
    path = workspace / PROGRAM
    path.write_text(path.read_text(encoding="utf-8").replace("organizer: ", "# organizer: "), encoding="utf-8")
    result = check(runner, "-w", str(workspace))
    assert (result.exit_code, result.stderr) == (
        0, "\n".join([*CULTURAL_FIT, *OUTDATED, NO_ORGANIZER, f"ok: feedback-that-lands, {EXAMPLE} (4 warnings)"]) + "\n")


def test_a_cohort_language_without_label_translations_is_warned_about(runner: CliRunner, workspace: Path) -> None:
    edit(workspace, ROLLOUT, "    locale: ar-AE\n", "    locale: sw-KE\n")  # Swahili: no catalog
    result = check(runner, "-w", str(workspace))
    lines = [line for line in result.stderr.splitlines() if "labels" in line]
    assert lines == [
        (f"{ROLLOUT}:71:13: warning: glocal has no translation of its own labels (Time, Facilitator, Venue, ...) "
         "for 'sw': cohort dubai-1's calendars mix them in English with its content; add "
         "src/glocal/locale/sw/LC_MESSAGES/messages.po (docs/localization.md)"),
    ]


def test_real_process_on_the_example(example_root: Path) -> None:
    done = run_glocal("check", EXAMPLE, cwd=example_root)
    assert (done.returncode, done.stderr) == (0, EXAMPLE_OK)
    # the shared team: what this program asks of each facilitator (stdout, a table)
    assert done.stdout.startswith("what the programs ask of each facilitator\n")
    layla = next(line for line in done.stdout.splitlines() if " layla " in line)
    assert layla.split("│")[-2].strip() == "140.0"  # busy hours from her two calendars
