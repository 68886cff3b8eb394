"""report.html in headless Chromium: loads without console errors, shows every cohort, escapes titles.

Needs Debian's ``chromium`` (``make test-deps`` / scripts/setup-test-deps.sh installs it).
Console messages (errors, CSP violations from any attempt to load from the network) are read
from Chromium's log on stderr; the DOM after the page's scripts ran comes from --dump-dom.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glocal.report import render_html
from glocal.workspace import load_workspace

from .conftest import EXAMPLE_PROGRAM
from .report_factory import infeasible_schedule, weekly_schedule

pytestmark = pytest.mark.external

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def open_in_chromium(page: Path, profile: Path) -> tuple[str, list[str]]:
    """The DOM after load and the console messages of a page in headless Chromium."""
    if CHROMIUM is None:
        pytest.fail("chromium is not installed; run make test-deps (scripts/setup-test-deps.sh)")
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri(),
    ]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, console


class _Text(HTMLParser):
    """Visible text of elements with a given id prefix, and every script element."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.scripts += tag == "script"
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _visible(dom: str) -> tuple[str, int]:
    parser = _Text()
    parser.feed(dom)
    return " ".join(" ".join(parser.text).split()), parser.scripts


def test_report_loads_without_console_errors_and_shows_every_cohort(example_root: Path, tmp_path: Path) -> None:
    workspace = load_workspace(example_root, [EXAMPLE_PROGRAM])
    bundle = workspace.bundle(EXAMPLE_PROGRAM)
    page = tmp_path / "report.html"
    page.write_text(render_html(workspace, bundle, weekly_schedule(bundle)), encoding="utf-8")
    dom, console = open_in_chromium(page, tmp_path / "profile")
    assert console == []
    text, scripts = _visible(dom)
    assert scripts == 1
    for cohort in bundle.rollout.cohorts:
        assert re.search(rf'<div class="cohort" id="cohort-{cohort.id}"', dom), cohort.id
        assert f"{cohort.id} · {cohort.locale} · {cohort.timezone}" in text
    assert "القيادة خلال التغيير" in text  # the Arabic program title of dubai-1
    assert '<span lang="ar" dir="rtl">أسس التغيير</span>' in dom


def test_script_in_a_module_title_is_shown_as_text(workspace: Path, tmp_path: Path) -> None:
    program = workspace / "programs" / EXAMPLE_PROGRAM / "program.yaml"
    evil = "<script>document.title='pwned';console.error('injected')</script>"
    source = program.read_text(encoding="utf-8")
    program.write_text(source.replace("title: Coaching conversations", f'title: "{evil}"'), encoding="utf-8")
    loaded = load_workspace(workspace, [EXAMPLE_PROGRAM])
    bundle = loaded.bundle(EXAMPLE_PROGRAM)
    page = tmp_path / "report.html"
    page.write_text(render_html(loaded, bundle, weekly_schedule(bundle)), encoding="utf-8")
    dom, console = open_in_chromium(page, tmp_path / "profile")
    assert console == []  # the injected script never ran
    assert "<title>Leading Through Change — glocal plan</title>" in dom
    text, scripts = _visible(dom)
    assert scripts == 1
    assert evil in text  # shown literally, e.g. for new-york-1 whose locale has no variant


def test_infeasible_report_in_the_browser(example_root: Path, tmp_path: Path) -> None:
    workspace = load_workspace(example_root, [EXAMPLE_PROGRAM])
    bundle = workspace.bundle(EXAMPLE_PROGRAM)
    page = tmp_path / "report.html"
    page.write_text(render_html(workspace, bundle, infeasible_schedule(bundle)), encoding="utf-8")
    dom, console = open_in_chromium(page, tmp_path / "profile")
    assert console == []
    text, _ = _visible(dom)
    assert "Why no plan satisfies every rule" in text
    assert "no facilitator speaks ar and holds change-management and facilitation" in text
