"""Helpers of the PO hostile tests: export, edit and import through the real CLI."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner, Result

from glocal.cli import cli
from glocal.localization.po import export_po
from glocal.workspace import load_workspace

PROGRAM = "leading-through-change"


def variant(root: Path, locale: str) -> Path:
    """The variant file of ``locale``."""
    return root / "locales" / locale / f"{PROGRAM}.yaml"


def export(root: Path, locale: str) -> bytes:
    """The PO file export-po writes for ``locale``."""
    return export_po(root, load_workspace(root, [PROGRAM]).bundle(PROGRAM), locale)


def replace_once(data: bytes, old: bytes, new: bytes) -> bytes:
    """``data`` with the one occurrence of ``old`` replaced."""
    assert data.count(old) == 1, old
    return data.replace(old, new)


def run_import(root: Path, po: Path, *extra: str) -> Result:
    """``glocal locales import-po`` in-process; stderr kept apart."""
    return CliRunner().invoke(cli, ["locales", "import-po", str(po), "--workspace", str(root), *extra])


def tree_digest(root: Path) -> str:
    """A digest of every file, link and mode under locales/ (what an import may touch)."""
    digest = hashlib.sha256()
    for path in sorted((root / "locales").rglob("*")):
        stat = path.lstat()
        digest.update(f"{path.relative_to(root)}|{stat.st_mode:o}|".encode())
        if path.is_symlink():
            digest.update(str(path.readlink()).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()
