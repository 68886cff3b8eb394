"""Earlier core texts, from the workspace's git history (when there is one).

A variant records only a hash of the core text it translated; to show translators what
changed (the ``#|`` previous msgid of a fuzzy PO entry), glocal looks for that text in
earlier commits of ``program.yaml``. Without git or history, there is simply no previous text.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from glocal.localization.staleness import source_hash

MAX_COMMITS = 200  # enough history for any review cycle; bounds the work on big repos


@dataclass(frozen=True)
class CoreRevision:
    """One committed version of a program's core texts."""

    commit: str
    version: int | None
    texts: dict[str, str]  # field path -> text


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _texts(data: Any) -> dict[str, str]:
    """Field path -> text of a program.yaml read as plain data (shape checks are lenient)."""
    texts: dict[str, str] = {}
    if not isinstance(data, dict):
        return texts
    for name in ("title", "summary"):
        if isinstance(data.get(name), str):
            texts[name] = str(data[name])
    for module in data.get("modules") or []:
        if not isinstance(module, dict) or not isinstance(module.get("id"), str):
            continue
        for name in ("title", "description"):
            if isinstance(module.get(name), str):
                texts[f"modules.{module['id']}.{name}"] = str(module[name])
        for activity in module.get("activities") or []:
            if not isinstance(activity, dict) or not isinstance(activity.get("id"), str):
                continue
            for name in ("title", "description", "note"):
                if isinstance(activity.get(name), str):
                    texts[f"modules.{module['id']}.activities.{activity['id']}.{name}"] = str(activity[name])
    return texts


def core_history(root: Path, program_id: str) -> list[CoreRevision]:
    """Committed versions of ``programs/<id>/program.yaml``, newest first ([] without git)."""
    rel = f"programs/{program_id}/program.yaml"
    log = _git(root, "log", f"--max-count={MAX_COMMITS}", "--format=%H", "--", rel)
    if not log:
        return []
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    revisions = []
    yaml = YAML(typ="safe", pure=True)
    for commit in log.split():
        text = _git(root, "show", f"{commit}:{prefix}{rel}")
        if text is None:
            continue
        try:
            data = yaml.load(text)
        except YAMLError:
            continue
        version = data.get("version") if isinstance(data, dict) else None
        revisions.append(CoreRevision(commit, version if isinstance(version, int) else None, _texts(data)))
    return revisions


def previous_text(history: list[CoreRevision], path: str, *, recorded: str | None, based_on: int | None) -> str | None:
    """The core text a translation was made from: the one whose hash was recorded, else the
    text at the core version the variant is based on; ``None`` when history does not say.
    """
    for revision in history:
        text = revision.texts.get(path)
        if text is None:
            continue
        if recorded is not None and source_hash(text) == recorded:
            return text
        if recorded is None and based_on is not None and revision.version == based_on:
            return text
    return None
