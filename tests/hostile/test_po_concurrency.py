"""Two imports into one locale at the same time: neither update is lost.

Before, each process read the variant, then wrote its own version: the later write dropped
the other's translation every time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glocal.localization import safe_edit
from tests.hostile.pohelp import export, replace_once, run_import, variant

MAIN = "import sys; from glocal.cli import main; main(sys.argv[1:])"


def _po(workspace: Path, name: str, old: bytes, new: bytes) -> Path:
    po = workspace / name
    po.write_bytes(replace_once(export(workspace, "de"), old, new))
    return po


def test_two_concurrent_imports_keep_both_updates(workspace: Path) -> None:
    # Two translators export the same file, each edits one text, both import at once.
    for round_ in range(2):
        first = _po(workspace, "a.po", b'msgstr "Feedback, das ankommt"' if round_ == 0 else b'msgstr "Feedback A0"', f'msgstr "Feedback A{round_}"'.encode())
        second = _po(workspace, "b.po", b'msgstr "Mit Widerstand arbeiten"' if round_ == 0 else b'msgstr "Widerstand B0"', f'msgstr "Widerstand B{round_}"'.encode())
        runs = [
            subprocess.Popen([sys.executable, "-c", MAIN, "locales", "import-po", str(po), "--workspace", str(workspace)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for po in (first, second)
        ]
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert run.returncode == 0, err
        text = variant(workspace, "de").read_text(encoding="utf-8")
        assert f"title: Feedback A{round_}\n" in text and f"title: Widerstand B{round_}\n" in text


def test_an_import_waits_for_the_lock_and_then_says_who_holds_it(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    po = _po(workspace, "a.po", b'msgstr "Feedback, das ankommt"', b'msgstr "Feedback, das wirkt"')
    before = variant(workspace, "de").read_bytes()
    monkeypatch.setattr(safe_edit, "LOCK_TIMEOUT", 0.3)
    with safe_edit.folder_lock(workspace, "this workspace"):
        result = run_import(workspace, po)
    assert result.exit_code == 2
    assert "another glocal command has been editing this workspace for 0 s" in result.stderr
    assert variant(workspace, "de").read_bytes() == before
    assert run_import(workspace, po).exit_code == 0  # the lock is free again


def test_an_edit_over_a_text_changed_since_export_is_a_conflict_not_an_overwrite(workspace: Path) -> None:
    data = export(workspace, "de")
    mine = workspace / "mine.po"
    mine.write_bytes(replace_once(data, b'msgstr "Feedback, das ankommt"', b'msgstr "Feedback, das wirkt"'))
    theirs = workspace / "theirs.po"
    theirs.write_bytes(replace_once(data, b'msgstr "Feedback, das ankommt"', b'msgstr "Feedback mit Wirkung"'))
    assert run_import(workspace, theirs).exit_code == 0
    before = variant(workspace, "de").read_bytes()
    result = run_import(workspace, mine)
    assert result.exit_code == 2
    line = data[: data.index(b'msgstr "Feedback, das ankommt"')].count(b"\n") + 1
    assert f"mine.po:{line}:1: modules.feedback.title was changed in locales/de/leading-through-change.yaml since this PO file was exported (it is now 'Feedback mit Wirkung')" in result.stderr
    assert variant(workspace, "de").read_bytes() == before


def test_a_review_stamps_only_the_text_it_showed(workspace: Path) -> None:
    from glocal.localization.edit import stamp
    from glocal.localization.staleness import staleness
    from glocal.workspace.loading import load_workspace
    from tests.hostile.pohelp import PROGRAM

    stamp(workspace, load_workspace(workspace, [PROGRAM]).bundle(PROGRAM), "ja")
    core = workspace / "programs" / PROGRAM / "program.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("title: Feedback that lands", "title: Feedback that changes behaviour"), encoding="utf-8")
    data = export(workspace, "ja")
    entry = b'#, fuzzy\nmsgctxt "modules.feedback.title"'
    reviewed = workspace / "reviewed.po"  # reviewer: the old translation still fits
    reviewed.write_bytes(replace_once(data, entry, b'msgctxt "modules.feedback.title"'))
    rewritten = workspace / "rewritten.po"  # meanwhile a colleague rewrites it, still fuzzy
    rewritten.write_bytes(replace_once(data, "msgstr \"伝わるフィードバック\"".encode(), "msgstr \"行動を変えるフィードバック\"".encode()))
    assert run_import(workspace, rewritten).exit_code == 0
    result = run_import(workspace, reviewed)
    assert result.exit_code == 0, result.stderr
    state = staleness(load_workspace(workspace, [PROGRAM]).bundle(PROGRAM), "ja_JP")
    assert [f.path for f in state.outdated_fields] == ["modules.feedback.title"]  # the new text was not reviewed
