"""PO round trip: export-po / import-po with babel.messages, checked by GNU msgfmt."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from glocal.cli import cli
from glocal.errors import InputError, UsageError
from glocal.localization import resolve
from glocal.localization.edit import stamp
from glocal.localization.po import export_po, import_po
from glocal.localization.staleness import staleness
from glocal.workspace import load_workspace

PROGRAM = "leading-through-change"


def _export(root: Path, locale: str) -> bytes:
    return export_po(root, load_workspace(root, [PROGRAM]).bundle(PROGRAM), locale)


def _entries(data: bytes) -> dict[str, object]:
    return {m.context: m for m in read_po(io.BytesIO(data)) if m.id}


def _replace(po: Path, old: str, new: str) -> None:
    text = po.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    po.write_text(text.replace(old, new), encoding="utf-8")


def test_export_has_context_core_text_and_own_translation(example_root: Path) -> None:
    data = _export(example_root, "pt_BR")
    text = data.decode("utf-8")
    assert '"Project-Id-Version: leading-through-change 3\\n"' in text
    assert '"Language: pt_BR\\n"' in text
    entries = _entries(data)
    assert len(entries) == 28  # 21 curriculum texts, 3 objectives, 4 evaluation instruments
    game = entries["modules.team-simulation.activities.merger-game.title"]
    assert game.id == "Merger simulation with a leaderboard"
    assert game.string.startswith("Simulação de fusão com times")
    assert game.fuzzy  # pt_BR is based on version 2 and git has no version-2 text
    # A text pt_BR inherits from pt is left empty, with what is used now as a comment.
    title = entries["title"]
    assert title.string == "" and "Used now, from pt: Liderando a mudança" in title.user_comments
    assert "Module 5 of 6: Change simulation (team-simulation)" in game.user_comments
    assert game.locations == [("programs/leading-through-change/program.yaml", 98)]


def test_export_is_deterministic_and_current_translations_are_not_fuzzy(example_root: Path) -> None:
    assert _export(example_root, "ja") == _export(example_root, "ja")
    entries = _entries(_export(example_root, "ja"))
    assert not any(m.fuzzy for m in entries.values())
    assert entries["modules.feedback.title"].string == "伝わるフィードバック"


@pytest.mark.parametrize("locale", ["pt_BR", "de", "ja", "ar", "nb", "en_US"])
def test_msgfmt_accepts_exported_files(example_root: Path, tmp_path: Path, locale: str) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext msgfmt is not installed (scripts/setup-test-deps.sh installs it)")
    po = tmp_path / f"{locale}.po"
    po.write_bytes(_export(example_root, locale))
    done = subprocess.run([msgfmt, "--check", "-o", str(tmp_path / "out.mo"), str(po)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_round_trip_changes_only_the_edited_value(workspace: Path, runner: CliRunner) -> None:
    variant = workspace / "locales" / "de" / f"{PROGRAM}.yaml"
    before = variant.read_bytes()
    po = workspace / "de.po"
    result = runner.invoke(cli, ["locales", "export-po", PROGRAM, "de", "-o", str(po), "--workspace", str(workspace)])
    assert result.exit_code == 0, result.stderr
    _replace(po, 'msgstr "Feedback, das ankommt"', 'msgstr "Feedback, das wirkt"')
    result = runner.invoke(cli, ["locales", "import-po", str(po), "--workspace", str(workspace)])
    assert result.exit_code == 0, result.stderr
    assert "1 translation(s) changed" in result.stderr
    after = variant.read_bytes()
    expected = before.replace(b"title: Feedback, das ankommt\n", b"title: Feedback, das wirkt\n")
    assert expected != before and after == expected


def test_round_trip_keeps_comments_and_adds_new_texts_in_place(workspace: Path) -> None:
    variant = workspace / "locales" / "ja" / f"{PROGRAM}.yaml"
    core = workspace / "programs" / PROGRAM / "program.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace(
        "        title: Hot-seat feedback in front of the group\n",
        "        title: Hot-seat feedback in front of the group\n        description: One person receives feedback from everyone.\n",
    ), encoding="utf-8")
    po = workspace / "ja.po"
    po.write_bytes(_export(workspace, "ja"))
    _replace(po, 'msgid "One person receives feedback from everyone."\nmsgstr ""', 'msgid "One person receives feedback from everyone."\nmsgstr "一人ずつ、ペアの相手からフィードバックを受けます。"')
    before = variant.read_text(encoding="utf-8")
    import_po(load_workspace(workspace, [PROGRAM]), po)
    after = variant.read_text(encoding="utf-8")
    assert after.startswith("# 日本語版 — maintained by the Japan L&D team.\n")
    assert after == before.replace(
        "        title: ペアでの非公開フィードバック演習\n",
        "        title: ペアでの非公開フィードバック演習\n        description: 一人ずつ、ペアの相手からフィードバックを受けます。\n",
    )
    hot_seat = resolve(load_workspace(workspace, [PROGRAM]).bundle(PROGRAM), "ja_JP").module("feedback").activity("hot-seat")
    assert hot_seat.description == "一人ずつ、ペアの相手からフィードバックを受けます。"


def test_import_refuses_a_po_for_another_program_or_locale(workspace: Path) -> None:
    po = workspace / "de.po"
    po.write_bytes(_export(workspace, "de"))
    loaded = load_workspace(workspace, [PROGRAM])
    with pytest.raises(UsageError, match="for locale 'de', not 'pt_BR'"):
        import_po(loaded, po, locale="pt-BR")
    with pytest.raises(UsageError, match="for program 'leading-through-change', not 'other-program'"):
        import_po(loaded, po, program="other-program")
    _replace(po, "Project-Id-Version: leading-through-change 3", "Project-Id-Version: onboarding 1")
    with pytest.raises(UsageError, match="which this workspace does not have"):
        import_po(loaded, po)


def test_import_reports_unknown_contexts_with_their_line(workspace: Path) -> None:
    po = workspace / "de.po"
    po.write_bytes(_export(workspace, "de"))
    _replace(po, 'msgctxt "modules.feedback.title"', 'msgctxt "modules.feedback.tittle"')
    with pytest.raises(InputError) as raised:
        import_po(load_workspace(workspace, [PROGRAM]), po)
    problem = raised.value.problems[0]
    assert problem.location.path == "de.po" and problem.location.line > 20
    assert "msgctxt 'modules.feedback.tittle' is not a text of leading-through-change" in problem.message


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com", *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_outdated_field_is_fuzzy_with_the_previous_core_text(workspace: Path) -> None:
    _git(workspace, "init", "-q")
    _git(workspace, "add", ".")
    _git(workspace, "commit", "-q", "-m", "v3")
    stamp(workspace, load_workspace(workspace, [PROGRAM]).bundle(PROGRAM), "ja")
    core = workspace / "programs" / PROGRAM / "program.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("title: Feedback that lands", "title: Feedback that changes behaviour"), encoding="utf-8")
    _git(workspace, "commit", "-q", "-am", "reword")
    data = _export(workspace, "ja")
    assert '#| msgid "Feedback that lands"\nmsgctxt "modules.feedback.title"\nmsgid "Feedback that changes behaviour"' in data.decode()
    entry = _entries(data)["modules.feedback.title"]
    assert entry.fuzzy and entry.string == "伝わるフィードバック"
    # The translator updates it and clears the fuzzy flag: importing stamps it current.
    po = workspace / "ja.po"
    po.write_bytes(data)
    _replace(po, '#, fuzzy\n#| msgid "Feedback that lands"\n', "")
    _replace(po, 'msgstr "伝わるフィードバック"', 'msgstr "行動を変えるフィードバック"')
    result = import_po(load_workspace(workspace, [PROGRAM]), po)
    assert result.changed == ["modules.feedback.title"]
    assert "modules.feedback.title" in result.stamped
    state = staleness(load_workspace(workspace, [PROGRAM]).bundle(PROGRAM), "ja_JP")
    assert state.outdated_fields == []


def test_import_into_a_new_locale_creates_the_variant_file(workspace: Path) -> None:
    po = workspace / "fr.po"
    po.write_bytes(_export(workspace, "fr"))
    _replace(po, 'msgctxt "title"\nmsgid "Leading Through Change"\nmsgstr ""', 'msgctxt "title"\nmsgid "Leading Through Change"\nmsgstr "Diriger dans le changement"')
    _replace(po, 'msgid "Feedback that lands"\nmsgstr ""', 'msgid "Feedback that lands"\nmsgstr "Un feedback qui porte"')
    result = import_po(load_workspace(workspace, [PROGRAM]), po, locale="fr")
    assert sorted(result.changed) == ["modules.feedback.title", "title"]
    variant = workspace / "locales" / "fr" / f"{PROGRAM}.yaml"
    assert variant.read_text(encoding="utf-8") == (
        "program: leading-through-change\nbased_on: 3\ntitle: Diriger dans le changement\n"
        "modules:\n  feedback:\n    title: Un feedback qui porte\n"
    )
    state = staleness(load_workspace(workspace, [PROGRAM]).bundle(PROGRAM), "fr_CA")
    assert state.translated == 2 and not state.outdated


def test_new_module_keys_are_inserted_in_core_order(workspace: Path) -> None:
    po = workspace / "pt_BR.po"
    po.write_bytes(_export(workspace, "pt_BR"))
    _replace(po, 'msgid "Coaching conversations"\nmsgstr ""', 'msgid "Coaching conversations"\nmsgstr "Conversas de coaching no Brasil"')
    variant = workspace / "locales" / "pt_BR" / f"{PROGRAM}.yaml"
    before = variant.read_text(encoding="utf-8")
    import_po(load_workspace(workspace, [PROGRAM]), po)
    assert variant.read_text(encoding="utf-8") == before.replace(
        "modules:\n  team-simulation:\n",
        "modules:\n  coaching:\n    title: Conversas de coaching no Brasil\n  team-simulation:\n",
    )
