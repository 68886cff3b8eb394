"""An import whose result ``glocal check`` would reject is refused, with the reason.

Before, a 6 MB msgstr or a translation of a locked field was written, and the next
``glocal check`` rejected the workspace.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli
from glocal.workspace import yamlio
from tests.hostile.pohelp import PROGRAM, export, replace_once, run_import, tree_digest, variant


def _lock(workspace: Path, entry: str) -> None:
    core = workspace / "programs" / PROGRAM / "program.yaml"
    text = core.read_text(encoding="utf-8")
    old = "  locked: [objectives, evaluation]\n"
    assert text.count(old) == 1
    core.write_text(text.replace(old, f"  locked: [objectives, evaluation, {entry}]\n"), encoding="utf-8")


def test_a_translation_of_a_locked_field_is_refused_at_its_po_line(workspace: Path) -> None:
    _lock(workspace, "modules.capstone.description")
    for locale, line in (("ja", "    description: 各チームが主導した変化を地域の経営層に発表します。\n"),
                         ("nb", "    description: Hver deltaker presenterer endringen de har ledet for ledelsen i sin region.\n")):
        path = variant(workspace, locale)
        path.write_text(path.read_text(encoding="utf-8").replace(line, "", 1), encoding="utf-8")
    data = export(workspace, "fr")
    msgid = b'"Each participant presents the change they led, to senior leaders of their"\n" region."\nmsgstr ""'
    data = replace_once(data, msgid, msgid[:-2] + b'"Les equipes presentent."')
    po = workspace / "fr.po"
    po.write_bytes(data)
    before = tree_digest(workspace)
    result = run_import(workspace, po)
    assert result.exit_code == 2, result.stderr
    line = data[: data.index(b'msgstr "Les equipes')].count(b"\n") + 1
    assert f"fr.po:{line}:1: import refused, the translation of modules.capstone.description would fail 'glocal check'" in result.stderr
    assert "is locked by the core program" in result.stderr
    assert tree_digest(workspace) == before and not variant(workspace, "fr").exists()


def test_a_result_over_the_file_size_limit_is_refused(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The file limit scaled down (5 MiB -> 64 KiB) so the test parses kilobytes, not
    # megabytes: 40 KiB already in the variant plus a 40 KiB translation, each allowed alone.
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 64 * 1024)
    path = variant(workspace, "de")
    path.write_text(path.read_text(encoding="utf-8").replace("title: Abschlusspräsentationen", "title: Abschluss\n    description: " + "y" * 40_000), encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", "--workspace", str(workspace)]).exit_code == 0
    po = workspace / "de.po"
    po.write_bytes(replace_once(export(workspace, "de"), b'msgstr "Feedback, das ankommt"', b'msgstr "' + b"x" * 40_000 + b'"'))
    before = tree_digest(workspace)
    result = run_import(workspace, po)
    assert result.exit_code == 2
    assert "import refused, after it 'glocal check' would say: file is" in result.stderr
    assert tree_digest(workspace) == before


def test_a_po_file_over_the_size_limit_is_refused_before_reading(workspace: Path) -> None:
    po = workspace / "de.po"
    po.write_bytes(replace_once(export(workspace, "de"), b'msgstr "Feedback, das ankommt"', b'msgstr "' + b"x" * (6 * 1000 * 1000) + b'"'))
    before = tree_digest(workspace)
    result = run_import(workspace, po)
    assert result.exit_code == 2 and "glocal reads PO files of at most 5 MiB" in result.stderr
    assert tree_digest(workspace) == before


def test_after_an_import_into_an_outdated_variant_stamp_is_named_as_next(workspace: Path) -> None:
    # pt_BR is based on core version 2 (the core is at 3): the import leaves it outdated.
    po = workspace / "pt_BR.po"
    po.write_bytes(replace_once(export(workspace, "pt_BR"), b'msgid "Coaching conversations"\nmsgstr ""', b'msgid "Coaching conversations"\nmsgstr "Conversas de coaching"'))
    result = run_import(workspace, po)
    assert result.exit_code == 0, result.stderr
    assert "next: when the pt_BR translation is reviewed against today's core, run 'glocal locales stamp pt_BR leading-through-change'" in result.stderr
    # Doing what it says makes the variant current, and the hint goes away.
    stamped = CliRunner().invoke(cli, ["locales", "stamp", "pt_BR", PROGRAM, "--workspace", str(workspace)])
    assert stamped.exit_code == 0, stamped.stderr
    assert "based_on: 3" in variant(workspace, "pt_BR").read_text(encoding="utf-8")
    po.write_bytes(replace_once(export(workspace, "pt_BR"), b'msgstr "Conversas de coaching"', b'msgstr "Conversas de coaching no Brasil"'))
    again = run_import(workspace, po)
    assert again.exit_code == 0 and "next:" not in again.stderr


def test_a_current_variant_gets_no_stamp_hint(workspace: Path) -> None:
    po = workspace / "de.po"
    po.write_bytes(replace_once(export(workspace, "de"), b'msgstr "Feedback, das ankommt"', b'msgstr "Feedback, das wirkt"'))
    result = run_import(workspace, po)
    assert result.exit_code == 0 and "1 translation(s) changed" in result.stderr and "next:" not in result.stderr
