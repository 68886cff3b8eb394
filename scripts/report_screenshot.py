"""Take docs/report.png: the example's report.html as a new user sees it (Playwright + system Chromium).

Usage (after ``make demo``, which writes out/leading-through-change/report.html):

    .venv/bin/python scripts/report_screenshot.py [REPORT_HTML] [PNG]

The picture is the top of the page at 1280 x 1560 px: the overview a coordinator sees first, then the timeline.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Screenshot a report; exit 1 when Chromium is missing."""
    report = Path(argv[0]) if argv else ROOT / "out" / "leading-through-change" / "report.html"
    target = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "report.png"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed; run make test-deps", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1560})
        page.goto(report.resolve().as_uri())
        page.screenshot(path=str(target))
        browser.close()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
