"""report.html in a real browser: Playwright driving the system Chromium.

The example's solved plan is opened at 1280 and 390 px with English, Arabic and Japanese
labels (its titles are English, Arabic, Japanese, German, Portuguese, Norwegian anyway). Each
page must load without console errors, never scroll sideways, and draw every character with a
real glyph (no "tofu" boxes: fonts-noto-cjk and fonts-noto-core come from
scripts/setup-test-deps.sh). Screenshots are kept under ``test-artifacts/browser/`` (ignored
by git) for a person to look at.

Playwright's own browser download is never used: it launches ``/usr/bin/chromium``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glocal.model import Schedule
from glocal.report import render_html
from glocal.workspace import ProgramBundle, Workspace, load_workspace

from .conftest import EXAMPLE_PROGRAM
from .report_factory import infeasible_schedule, weekly_schedule

pytestmark = [pytest.mark.external, pytest.mark.xdist_group(name="browser")]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "browser"

# Characters drawn with the .notdef glyph (tofu) look exactly like an unassigned code point
# (U+0378) drawn in the same font: compare the canvas pixels of each distinct character.
TOFU_JS = """
(extra) => {
  const canvas = document.createElement("canvas");
  canvas.width = 48; canvas.height = 48;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  ctx.font = "24px " + getComputedStyle(document.body).fontFamily;
  ctx.textBaseline = "middle";
  const draw = (ch) => {
    ctx.clearRect(0, 0, 48, 48);
    ctx.fillText(ch, 4, 24);
    return new Uint32Array(ctx.getImageData(0, 0, 48, 48).data.buffer).slice();
  };
  const tofu = draw("\\u0378");
  const same = (a, b) => a.every((v, i) => v === b[i]);
  const svgText = Array.from(document.querySelectorAll("svg text")).map((t) => t.textContent).join("");
  const chars = new Set(Array.from(document.body.innerText + svgText + extra));
  const skip = /[\\p{Z}\\p{M}\\p{Cc}\\p{Cf}]/u;  // spaces, combining marks, bidi and control characters
  return Array.from(chars).filter((ch) => !skip.test(ch) && ch !== "\\u0378" && same(draw(ch), tofu));
}
"""


@pytest.fixture(scope="module")
def example(example_root: Path) -> tuple[Workspace, ProgramBundle]:
    workspace = load_workspace(example_root, [EXAMPLE_PROGRAM])
    return workspace, workspace.bundle(EXAMPLE_PROGRAM)


@pytest.fixture(scope="module")
def solved(example: tuple[Workspace, ProgramBundle]) -> Schedule:
    """The example planned by the real solver (as ``glocal plan`` does, without the CLI)."""
    from glocal.scheduling import SolveOptions, solve

    return solve(example[1], SolveOptions(time_limit=10, workers=1))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.fail("chromium is not installed; run make test-deps (scripts/setup-test-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


class Opened:
    """A page opened from a file, with the console errors it produced."""

    def __init__(self, browser: Any, path: Path, width: int, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.errors.append(f"request {r.url}") if r.url != path.as_uri() else None)
        self.page.goto(path.as_uri())

    def overflow(self) -> tuple[int, int]:
        width, inner = self.page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        return int(width), int(inner)

    def tofu(self, extra: str = "") -> list[str]:
        return list(self.page.evaluate(TOFU_JS, extra))

    def visible_rows(self, selector: str) -> list[str]:
        return list(self.page.eval_on_selector_all(selector, "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id)"))

    def close(self) -> None:
        self.context.close()


def _write(tmp_path: Path, html: str, name: str = "report.html") -> Path:
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    return page


@pytest.mark.parametrize("lang", ["en", "ar", "ja"])
@pytest.mark.parametrize("width", [1280, 390])
def test_example_plan_fits_the_screen_with_every_glyph(
    browser: Any, example: tuple[Workspace, ProgramBundle], solved: Schedule, tmp_path: Path, lang: str, width: int
) -> None:
    workspace, bundle = example
    opened = Opened(browser, _write(tmp_path, render_html(workspace, bundle, solved, lang=lang)), width)
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        opened.page.screenshot(path=str(ARTIFACTS / f"report-{lang}-{width}.png"), full_page=True)
        assert opened.errors == []
        scroll, inner = opened.overflow()
        assert scroll <= inner, f"the page scrolls sideways at {width} px: {scroll} > {inner}"
        assert opened.tofu() == []
        direction = opened.page.evaluate("getComputedStyle(document.body).direction")
        assert direction == ("rtl" if lang == "ar" else "ltr")
        heading = opened.page.inner_text("#overview h2")
        assert heading == {"en": "Overview", "ar": "نظرة عامة", "ja": "概要"}[lang]
        # The charts are there, drawn as SVG inside the page.
        for chart in ("#timeline-chart svg", "#load-chart svg", "#world-chart svg"):
            assert opened.page.locator(chart).bounding_box()["width"] > 300, chart
    finally:
        opened.close()


def test_the_tofu_check_finds_missing_glyphs(browser: Any, example: tuple[Workspace, ProgramBundle], tmp_path: Path) -> None:
    workspace, bundle = example
    opened = Opened(browser, _write(tmp_path, render_html(workspace, bundle, weekly_schedule(bundle))), 1280)
    try:
        # U+0379 is unassigned (no font has it); U+4E00 and U+0645 are CJK and Arabic letters.
        assert opened.tofu("\u0379\u4e00\u0645A") == ["\u0379"]
    finally:
        opened.close()


def test_filters_hide_what_does_not_match(browser: Any, example: tuple[Workspace, ProgramBundle], solved: Schedule, tmp_path: Path) -> None:
    workspace, bundle = example
    opened = Opened(browser, _write(tmp_path, render_html(workspace, bundle, solved)), 390)
    try:
        every = opened.visible_rows("#session-table tbody tr")
        assert len(every) == len(solved.sessions)
        opened.page.select_option("#filters select[name=cohort]", "tokyo-1")
        shown = opened.visible_rows("#session-table tbody tr")
        assert shown and all(row.startswith("session-tokyo-1/") for row in shown)
        assert opened.page.is_visible("#cohort-tokyo-1") and not opened.page.is_visible("#cohort-oslo-1")
        opened.page.select_option("#filters select[name=cohort]", "")
        opened.page.select_option("#filters select[name=country]", "JP")
        shown = opened.visible_rows("#session-table tbody tr")
        assert {row.split("/")[0] for row in shown} == {"session-tokyo-1", "session-tokyo-2"}
        opened.page.select_option("#filters select[name=country]", "")
        aiko = [s for s in solved.sessions if s.facilitator == "aiko"]
        opened.page.select_option("#filters select[name=facilitator]", "aiko")
        assert len(opened.visible_rows("#session-table tbody tr")) == len(aiko)
        assert opened.page.is_visible("#facilitator-aiko") and not opened.page.is_visible("#facilitator-ingrid")
        opened.page.fill("#filter", "capstone")
        assert len(opened.visible_rows("#session-table tbody tr")) == sum(1 for s in aiko if s.module == "capstone")
        assert opened.errors == []
    finally:
        opened.close()


def test_without_javascript_everything_is_shown(browser: Any, example: tuple[Workspace, ProgramBundle], solved: Schedule, tmp_path: Path) -> None:
    workspace, bundle = example
    opened = Opened(browser, _write(tmp_path, render_html(workspace, bundle, solved)), 390, javascript=False)
    try:
        assert not opened.page.is_visible("#filters")  # useless without the script, so hidden
        assert len(opened.visible_rows("#session-table tbody tr")) == len(solved.sessions)
        scroll, inner = opened.overflow()
        assert scroll <= inner
    finally:
        opened.close()


def test_printed_report_has_no_navigation(browser: Any, example: tuple[Workspace, ProgramBundle], solved: Schedule, tmp_path: Path) -> None:
    workspace, bundle = example
    opened = Opened(browser, _write(tmp_path, render_html(workspace, bundle, solved)), 1280)
    try:
        opened.page.emulate_media(media="print")
        assert not opened.page.is_visible("nav") and not opened.page.is_visible("#filters")
        assert opened.page.is_visible("#timeline-chart svg")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pdf = ARTIFACTS / "report-en.pdf"
        opened.page.pdf(path=str(pdf), format="A4")
        assert pdf.read_bytes().startswith(b"%PDF")
    finally:
        opened.close()


def test_script_in_a_module_title_is_shown_as_text(browser: Any, workspace: Path, tmp_path: Path) -> None:
    program = workspace / "programs" / EXAMPLE_PROGRAM / "program.yaml"
    evil = "<script>document.title='pwned';console.error('injected')</script>"
    source = program.read_text(encoding="utf-8")
    program.write_text(source.replace("title: Coaching conversations", f'title: "{evil}"'), encoding="utf-8")
    loaded = load_workspace(workspace, [EXAMPLE_PROGRAM])
    bundle = loaded.bundle(EXAMPLE_PROGRAM)
    opened = Opened(browser, _write(tmp_path, render_html(loaded, bundle, weekly_schedule(bundle))), 1280)
    try:
        assert opened.errors == []  # the injected script never ran
        assert opened.page.title() == "Leading Through Change — glocal plan"
        assert opened.page.locator("script").count() == 1
        assert evil in opened.page.inner_text("#session-table")  # e.g. new-york-1, whose locale has no variant
    finally:
        opened.close()


def test_infeasible_report_in_the_browser(browser: Any, example: tuple[Workspace, ProgramBundle], tmp_path: Path) -> None:
    workspace, bundle = example
    opened = Opened(browser, _write(tmp_path, render_html(workspace, bundle, infeasible_schedule(bundle))), 390)
    try:
        assert opened.errors == []
        text = opened.page.inner_text("main")
        assert "Why no plan satisfies every rule" in text
        assert "no facilitator speaks ar and holds change-management and facilitation" in text
        assert opened.page.inner_text("#unplaced .value") == str(len(bundle.rollout.cohorts) * len(bundle.program.modules))
        scroll, inner = opened.overflow()
        assert scroll <= inner
    finally:
        opened.close()
