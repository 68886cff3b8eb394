"""A translator's broken PO file: every problem at its file:line:column, exit 2, nothing written.

Each case here was accepted (or crashed with exit 3) before the strict reader: babel alone
stores an unterminated ``msgstr "Feedback \\"das ankommt`` as ``Feedback "das ankomm``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.pohelp import export, replace_once, run_import, tree_digest, variant

FEEDBACK = b'msgstr "Feedback, das ankommt"'


def _line_of(data: bytes, needle: bytes) -> int:
    return data[: data.index(needle)].count(b"\n") + 1


def _refused(workspace: Path, data: bytes) -> str:
    po = workspace / "de.po"
    po.write_bytes(data)
    before = tree_digest(workspace)
    result = run_import(workspace, po)
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "nothing was written" in result.stderr
    assert tree_digest(workspace) == before
    return result.stderr


def test_unterminated_string_is_an_error_at_its_quote(workspace: Path) -> None:
    data = replace_once(export(workspace, "de"), FEEDBACK, b'msgstr "Feedback \\"das ankommt')
    stderr = _refused(workspace, data)
    line = _line_of(data, b'msgstr "Feedback \\"das')
    assert f"de.po:{line}:8: unterminated string" in stderr


def test_unknown_charset_is_an_error_at_the_charset_not_a_crash(workspace: Path) -> None:
    data = replace_once(export(workspace, "de"), b"charset=utf-8", b"charset=klingon-1")
    stderr = _refused(workspace, data)
    line = _line_of(data, b"charset=klingon-1")
    assert f"de.po:{line}:36: unknown charset 'klingon-1'" in stderr


def test_bytes_that_are_not_the_declared_charset_are_located(workspace: Path) -> None:
    data = replace_once(export(workspace, "de"), FEEDBACK, b'msgstr "Feedback, das ankommt \xff"')
    stderr = _refused(workspace, data)
    line = _line_of(data, b"\xff")
    column = data.index(b"\xff") - data.rfind(b"\n", 0, data.index(b"\xff"))
    assert f"de.po:{line}:{column}: byte 0xff is not valid utf-8" in stderr


def test_nul_byte_is_located(workspace: Path) -> None:
    data = replace_once(export(workspace, "de"), FEEDBACK, b'msgstr "Feedback,\x00 das ankommt"')
    stderr = _refused(workspace, data)
    assert f"de.po:{_line_of(data, bytes([0]))}:18: NUL byte" in stderr


@pytest.mark.parametrize(("bad", "column", "message"), [
    (b'msgstr "Feedback \\q"', 18, "unknown escape \\q"),
    (b'msgstr "Feedback" trailing', 19, "text after the closing quote"),
    (b'msgstr "Feedback \x1b[31m"', 18, "control character U+001B"),
    (b'msgstr "Feedback\\tdas"', 17, "control character \\t in a translation"),
    (b'msgstr "Feedback \xe2\x80\xa8das"', 18, "control character U+2028"),
    (b'msgstring "Feedback"', 1, "unknown keyword or text outside quotes"),
])
def test_malformed_lines_are_errors_with_their_column(workspace: Path, bad: bytes, column: int, message: str) -> None:
    data = replace_once(export(workspace, "de"), FEEDBACK, bad)
    stderr = _refused(workspace, data)
    assert f"de.po:{_line_of(data, bad)}:{column}: {message}" in stderr


def test_every_problem_is_reported_at_once(workspace: Path) -> None:
    data = replace_once(export(workspace, "de"), FEEDBACK, b'msgstr "Feedback \\q"')
    data = replace_once(data, b'msgstr "Mit Widerstand arbeiten"', b'msgstr "Mit Widerstand')
    stderr = _refused(workspace, data)
    assert "unknown escape" in stderr and "unterminated string" in stderr and "2 errors" in stderr


def test_a_title_with_a_line_break_is_refused(workspace: Path) -> None:
    data = replace_once(export(workspace, "de"), FEEDBACK, b'msgstr "Feedback,\\ndas ankommt"')
    stderr = _refused(workspace, data)
    assert "the translation of modules.feedback.title has a line break" in stderr


def test_plural_obsolete_and_duplicate_entries_are_warned_with_their_line(workspace: Path) -> None:
    data = export(workspace, "de")
    extra = (
        b'\nmsgctxt "modules.feedback.title"\nmsgid "Feedback that lands"\nmsgstr "Zweite Fassung"\n'
        b'\nmsgid "one session"\nmsgid_plural "%d sessions"\nmsgstr[0] "eine Sitzung"\nmsgstr[1] "%d Sitzungen"\n'
        b'\n#~ msgctxt "modules.gone.title"\n#~ msgid "Gone"\n#~ msgstr "Weg"\n'
    )
    po = workspace / "de.po"
    po.write_bytes(data + extra)
    start = data.count(b"\n") + 1
    before = variant(workspace, "de").read_bytes()
    result = run_import(workspace, po)
    assert result.exit_code == 0, result.stderr
    first = _line_of(data, b'msgctxt "modules.feedback.title"')
    assert f"de.po:{start + 1}:1: warning: duplicate entry for msgctxt 'modules.feedback.title' (first at line {first})" in result.stderr
    assert f"de.po:{start + 5}:1: warning: plural entry" in result.stderr
    assert f"de.po:{start + 10}:1: warning: obsolete entry" in result.stderr
    assert variant(workspace, "de").read_bytes() == before  # the first (unchanged) entry counts


def test_a_deeply_nested_variant_is_located_where_it_gets_too_deep(workspace: Path) -> None:
    po = workspace / "de.po"
    po.write_bytes(export(workspace, "de"))
    path = variant(workspace, "de")
    path.write_text(path.read_text(encoding="utf-8") + "acknowledged: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").count("\n")
    result = run_import(workspace, po)
    assert result.exit_code == 2
    assert f"locales/de/leading-through-change.yaml:{line}:115: document nests" in result.stderr


def test_a_po_file_saved_with_crlf_and_a_bom_is_read(workspace: Path) -> None:
    data = replace_once(export(workspace, "de"), FEEDBACK, b'msgstr "Feedback, das wirkt"')
    po = workspace / "de.po"
    po.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    result = run_import(workspace, po)
    assert result.exit_code == 0, result.stderr
    assert "    title: Feedback, das wirkt\n" in variant(workspace, "de").read_text(encoding="utf-8")


def test_a_nul_byte_in_the_variant_is_located(workspace: Path) -> None:
    po = workspace / "de.po"
    po.write_bytes(export(workspace, "de"))
    path = variant(workspace, "de")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    title: Feedback, das ankommt", "    title: Feedback,\0 das ankommt"), encoding="utf-8")
    line = text[: text.index("Feedback, das ankommt")].count("\n") + 1
    result = run_import(workspace, po)
    assert result.exit_code == 2
    assert f"locales/de/leading-through-change.yaml:{line}:21: control character U+0000 is not allowed" in result.stderr
