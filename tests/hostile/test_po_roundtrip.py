"""export-po -> import-po changes nothing but the edited value, byte for byte.

Before, a no-op round trip rewrote the variant: quotes stripped, comments realigned, CRLF
turned into LF, mode 0644 into 0600 and a symbolic link replaced by a file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.hostile.pohelp import export, replace_once, run_import, tree_digest, variant

FEEDBACK = b'msgstr "Feedback, das ankommt"'


def _styled(workspace: Path, *, crlf: bool = False) -> bytes:
    """The de variant with quotes, aligned comments and (optionally) CRLF line ends."""
    path = variant(workspace, "de")
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Führen im Wandel\n", "title: 'Führen im Wandel'        # Titel der Marke\n")
    text = text.replace("    title: Mit Widerstand arbeiten\n", '    title: "Mit Widerstand arbeiten"  # abgestimmt\n')
    text = text.replace("  feedback:\n", "  # Modul 3\n  feedback:     # kurz\n")
    data = text.encode("utf-8")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    path.write_bytes(data)
    path.chmod(0o644)
    return data


def _round_trip(workspace: Path, edit: tuple[bytes, bytes] | None = None) -> None:
    po = workspace / "de.po"
    data = export(workspace, "de")
    if edit is not None:
        data = replace_once(data, *edit)
    po.write_bytes(data)
    result = run_import(workspace, po)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("crlf", [False, True])
def test_no_op_round_trip_changes_no_byte_mode_or_time(workspace: Path, crlf: bool) -> None:
    _styled(workspace, crlf=crlf)
    path = variant(workspace, "de")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = tree_digest(workspace)
    _round_trip(workspace)
    assert tree_digest(workspace) == before
    assert path.stat().st_mtime == 1_000_000_000  # not even rewritten with the same bytes


@pytest.mark.parametrize("crlf", [False, True])
def test_an_edit_changes_only_the_edited_value(workspace: Path, crlf: bool) -> None:
    before = _styled(workspace, crlf=crlf)
    _round_trip(workspace, (FEEDBACK, b'msgstr "Feedback, das \\"wirkt\\""'))
    after = variant(workspace, "de").read_bytes()
    assert after == before.replace(b"    title: Feedback, das ankommt", b'    title: Feedback, das "wirkt"')
    assert stat.S_IMODE(variant(workspace, "de").stat().st_mode) == 0o644


def test_a_quoted_value_keeps_its_quotes_and_comment_when_edited(workspace: Path) -> None:
    before = _styled(workspace)
    _round_trip(workspace, (b'msgstr "F\xc3\xbchren im Wandel"', b'msgstr "F\xc3\xbchren im Umbruch"'))
    after = variant(workspace, "de").read_bytes()
    assert after == before.replace("'Führen im Wandel'".encode(), "'Führen im Umbruch'".encode())


def test_a_folded_block_stays_folded(workspace: Path) -> None:
    before = variant(workspace, "de").read_text(encoding="utf-8")
    data = export(workspace, "de").decode("utf-8")
    start = data.index('msgctxt "summary"')
    end = data.index("\n\n", start)
    entry = data[start:end]
    msgstr = entry[entry.index("msgstr"):]
    po = workspace / "de.po"
    po.write_text(data.replace(msgstr, 'msgstr "Ein kurzes Programm."'), encoding="utf-8")
    assert run_import(workspace, po).exit_code == 0
    after = variant(workspace, "de").read_text(encoding="utf-8")
    head, tail = before.split("summary: >-\n", 1)
    rest = tail[tail.index("modules:"):]
    assert after == head + "summary: >-\n  Ein kurzes Programm.\n" + rest


def test_a_symlinked_variant_stays_a_link_and_its_target_is_edited(workspace: Path) -> None:
    path = variant(workspace, "de")
    shared = workspace / "shared" / "de.yaml"
    shared.parent.mkdir()
    path.rename(shared)
    path.symlink_to(Path("../../shared/de.yaml"))
    before = shared.read_bytes()
    _round_trip(workspace)
    assert path.is_symlink() and shared.read_bytes() == before
    _round_trip(workspace, (FEEDBACK, b'msgstr "Feedback, das wirkt"'))
    assert path.is_symlink() and str(path.readlink()) == "../../shared/de.yaml"
    assert shared.read_bytes() == before.replace(b"das ankommt", b"das wirkt")


def test_a_link_to_outside_the_workspace_is_refused(workspace: Path, tmp_path: Path) -> None:
    po = workspace / "de.po"
    po.write_bytes(replace_once(export(workspace, "de"), FEEDBACK, b'msgstr "Feedback, das wirkt"'))
    path = variant(workspace, "de")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    before = outside.read_bytes()
    result = run_import(workspace, po)
    assert result.exit_code == 2
    assert "outside the workspace" in result.stderr
    assert outside.read_bytes() == before and path.is_symlink()


def test_a_new_variant_file_gets_the_usual_mode(workspace: Path) -> None:
    po = workspace / "fr.po"
    po.write_bytes(replace_once(export(workspace, "fr"), b'msgid "Feedback that lands"\nmsgstr ""', b'msgid "Feedback that lands"\nmsgstr "Un feedback qui porte"'))
    old = os.umask(0o022)
    try:
        assert run_import(workspace, po).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(variant(workspace, "fr").stat().st_mode) == 0o644
    leftovers = [p.name for p in (workspace / "locales" / "fr").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_the_writer_refuses_a_link_out_of_the_workspace_itself(workspace: Path, tmp_path: Path) -> None:
    # The loader refuses such links first; the writer does not rely on it.
    from glocal.errors import UsageError
    from glocal.localization.safe_edit import edit_file

    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("program: x\n", encoding="utf-8")
    link = workspace / "locales" / "de" / "other.yaml"
    link.symlink_to(outside)
    with pytest.raises(UsageError, match="outside the workspace"):
        edit_file(workspace, link, lambda text: "program: y\n")
    assert outside.read_text(encoding="utf-8") == "program: x\n"
