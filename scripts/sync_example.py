"""Copy the example workspace (programs/, locales/, results/, calendars/, facilitators.yaml) into the package for ``glocal init``.

The repository root is the example workspace; ``src/glocal/example/`` is its copy shipped as
package data. Run this after editing the example; tests/test_init.py fails while they differ.

    python scripts/sync_example.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "src" / "glocal" / "example"
PARTS = ("programs", "locales", "results", "calendars", "facilitators.yaml")  # the shared team and its busy calendars


def main() -> None:
    """Replace the packaged copy by the current example."""
    for part in PARTS:
        if (REPO / part).is_dir():
            shutil.rmtree(TARGET / part, ignore_errors=True)
            shutil.copytree(REPO / part, TARGET / part)
        else:
            shutil.copyfile(REPO / part, TARGET / part)
    print(f"copied {', '.join(PARTS)} to {TARGET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
