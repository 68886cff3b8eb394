"""Files built to exhaust memory end in one clear ``path:line:column`` error, in a capped child."""

from __future__ import annotations

from pathlib import Path

from glocal.errors import InputError
from glocal.workspace import load_workspace
from glocal.workspace.yamlio import MAX_ALIASES, MAX_TEXT_CHARS

from ..checkhelp import TEAM
from .capped import Crashed, run_capped

BIG = "x" * 100_000


def _bomb(aliases: int) -> str:
    """facilitators.yaml whose ``unavailable`` repeats a 100 KB string by alias."""
    return (
        "facilitators:\n"
        "  - id: ingrid\n"
        "    name: Ingrid Solberg\n"
        "    timezone: Europe/Oslo\n"
        "    country: NO\n"
        "    languages: [nb, en]\n"
        "    working_hours: 08:00-16:00\n"
        f"    unavailable: [&s {BIG}, " + ", ".join(["*s"] * aliases) + "]\n"
    )


def _problems(root: Path) -> list[str]:
    try:
        load_workspace(root)
    except InputError as exc:
        return [str(p) for p in exc.problems if p.is_error]
    return []


def test_alias_amplification_is_refused_quickly_with_little_memory(workspace: Path) -> None:
    # 143 KB on disk, 1 GB of text once expanded: took 3 GB and 8 s in 'glocal check' before.
    text = _bomb(10_000)
    assert 130_000 < len(text) < 150_000
    (workspace / TEAM).write_text(text, encoding="utf-8")
    found = run_capped(_problems, workspace, extra=300 * 1024 * 1024)
    assert not isinstance(found, Crashed), found
    # Parsing stops at the first alias past the limit, before the rest of the line is read.
    column = len(f"    unavailable: [&s {BIG}, ") + 1 + 4 * MAX_ALIASES
    assert found == [f"{TEAM}:8:{column}: more than {MAX_ALIASES} aliases in one document; write the values out"]


def test_alias_amplification_is_refused_by_bytes(workspace: Path) -> None:
    # 200 aliases are few, but of 100 KB each they stand for 20 MB of text (and of error messages).
    (workspace / TEAM).write_text(_bomb(200), encoding="utf-8")
    found = run_capped(_problems, workspace, extra=300 * 1024 * 1024)
    assert not isinstance(found, Crashed), found
    # Aliases share the anchor's position, so the error points at the anchored value.
    assert found == [
        (f"{TEAM}:8:19: aliases of this value make the document expand to more than {MAX_TEXT_CHARS} "
        "characters of text; write the values out, or repeat short values only"),
    ]


def test_a_few_aliases_of_large_text_are_fine(workspace: Path) -> None:
    # Ten copies of 100 KB is 1 MB of text: below the limit, so the values are read (and then
    # refused as dates, which shows they reached validation).
    (workspace / TEAM).write_text(_bomb(10), encoding="utf-8")
    found = _problems(workspace)
    assert found and all("invalid date" in p for p in found)
