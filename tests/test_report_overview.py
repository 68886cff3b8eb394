"""The report's cockpit: overview, trade-offs in plain words, follow-ups, charts, --lang."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli
from glocal.model import Schedule
from glocal.report import render_html
from glocal.report.charts import _render
from glocal.report.labels import labels
from glocal.report.overview import day_text, overview
from glocal.report.views import session_views
from glocal.workspace import ProgramBundle, Workspace, load_workspace

from .conftest import EXAMPLE_PROGRAM
from .report_factory import infeasible_schedule, weekly_schedule

INTERNAL_TERMS = ("cohort_preferred_hours", "facilitator_preferred_hours", "facilitator_continuity",
                  "load_balance", "weekly_rhythm", "early_finish", "moved_session")


@pytest.fixture(scope="module")
def example(example_root: Path) -> tuple[Workspace, ProgramBundle]:
    workspace = load_workspace(example_root, [EXAMPLE_PROGRAM])
    return workspace, workspace.bundle(EXAMPLE_PROGRAM)


def _section(page: str, section: str) -> str:
    match = re.search(rf'<section id="{section}">.*?</section>', page, re.DOTALL)
    assert match, section
    return match.group(0)


def _views(bundle: ProgramBundle, schedule: Schedule) -> list:  # type: ignore[type-arg]
    titles = {(c.id, m.id): _plain(m.title) for c in bundle.rollout.cohorts for m in bundle.program.modules}
    return session_views(bundle, schedule, titles)


def _plain(text: str):  # type: ignore[no-untyped-def]
    from glocal.report.views import Text

    return Text(text, "en", "ltr")


def test_overview_counts_and_no_previous_plan(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    page = render_html(workspace, bundle, weekly_schedule(bundle))
    top = _section(page, "overview")
    assert page.index('id="overview"') < page.index('id="timelines"') < page.index('id="summary"')
    assert '<div class="value">54 / 54</div>' in top
    assert re.search(r'id="unplaced"><div class="label">Not placed</div><div class="value">0</div>', top)
    assert "No previous plan given (glocal plan --previous)" in top


def test_changes_since_the_previous_plan(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    before = weekly_schedule(bundle)
    moved = {("oslo-1", "coaching"), ("tokyo-1", "capstone")}
    after = before.model_copy(update={"sessions": [
        s.model_copy(update={"moved": True}) if (s.cohort, s.module) in moved else s for s in before.sessions
    ]})
    top = _section(render_html(workspace, bundle, after, previous=before), "overview")
    assert "Moved 2 · Cancelled 0 · Unchanged 52" in top
    assert "Sessions moved from the previous plan: 2" in top


def test_unplaced_sessions_are_counted(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    page = render_html(workspace, bundle, infeasible_schedule(bundle))
    top = _section(page, "overview")
    assert "infeasible: no plan satisfies every rule" in top
    assert '<div class="value">0 / 54</div>' in top
    assert re.search(r'Not placed</div><div class="value bad">54</div>', top)
    assert 'id="timeline-chart"' not in page


def test_tradeoffs_in_plain_words_never_internal_names(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    schedule = weekly_schedule(bundle, hour=9)  # 09:00 starts lie before the preferred 10:00 (60 min each)
    views = _views(bundle, schedule)
    early = [v for v in views if v.outside_cohort_preferred]
    assert early  # the factory's plan starts before some cohorts' preferred hours
    summary = overview(bundle, schedule, views, None, labels("en"), "en")
    minutes = sum(v.outside_cohort_preferred for v in early)
    assert summary.tradeoffs[0] == f"Sessions outside the cohorts' preferred hours: {len(early)}, {minutes} min"
    assert summary.tradeoffs[2] == "Cohorts with more than one facilitator: 0"
    last = max(s.end for s in schedule.sessions)
    assert summary.tradeoffs[5].startswith("Last session of the rollout: ") and str(last.year) in summary.tradeoffs[5]
    costed = [s.model_copy(update={"costs": {"cohort_preferred_hours": 600, "moved_session": 1000}})
              for s in schedule.sessions]
    page = render_html(workspace, bundle, schedule.model_copy(
        update={"costs": {t: 7 for t in INTERNAL_TERMS}, "sessions": costed}))
    assert "60 min outside the preferred hours of oslo-1" in page
    for term in INTERNAL_TERMS:
        assert term not in page, term


def test_follow_ups_due_by_day_with_their_cohorts(example: tuple[Workspace, ProgramBundle]) -> None:
    _, bundle = example
    schedule = weekly_schedule(bundle)
    summary = overview(bundle, schedule, _views(bundle, schedule), None, labels("en"), "en")
    rows = summary.followups
    levels = {e.level for e in bundle.program.evaluation if e.when.anchor != "after-each-session" or e.when.offset_days}
    assert {r.level for r in rows} == levels
    assert {c for r in rows for c in r.cohorts} == {c.id for c in bundle.rollout.cohorts}
    days = [dt.datetime.strptime(r.day, "%d %b %Y").date() for r in rows]
    assert days == sorted(days)


def test_report_in_japanese_arabic_and_hebrew(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    schedule = weekly_schedule(bundle)
    ja = render_html(workspace, bundle, schedule, lang="ja")
    assert '<html lang="ja" dir="ltr">' in ja and "<h2>概要</h2>" in ja
    assert "コホートの希望時間帯外のセッション：" in ja
    ar = render_html(workspace, bundle, schedule, lang="ar")
    assert '<html lang="ar" dir="rtl">' in ar and "<h2>نظرة عامة</h2>" in ar
    assert '<html lang="he" dir="rtl">' in render_html(workspace, bundle, schedule, lang="he")
    assert '<html lang="pt-BR" dir="ltr">' in render_html(workspace, bundle, schedule, lang="pt_BR")
    # Dates follow CLDR's pattern for the language.
    assert day_text(dt.date(2027, 3, 15), "ja", year=True) == "2027年3月15日"
    assert day_text(dt.date(2027, 3, 15), "de", year=True) == "15. März 2027"
    assert day_text(dt.date(2027, 3, 15), "en", year=True) == "15 Mar 2027"


def test_charts_are_inline_svg_and_deterministic(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    schedule = weekly_schedule(bundle)
    first = render_html(workspace, bundle, schedule)
    _render.cache_clear()  # the second page comes from a fresh vl-convert run, not the cache
    second = render_html(workspace, bundle, schedule)
    assert first == second
    for chart in ("timeline-chart", "load-chart", "world-chart"):
        figure = re.search(rf'<figure class="chart" id="{chart}"><svg [^>]*role="img"[^>]*><title>[^<]+</title>', first)
        assert figure, chart
    timeline = _section(first, "timelines")
    for cohort in bundle.rollout.cohorts:
        assert f">{cohort.id} ({cohort.country.code})</text>" in timeline
    assert not re.search(r'(src|href)="(https?:)?//', first)
    assert first.count("<script") == 1


def test_facilitator_names_in_charts_are_escaped(workspace: Path) -> None:
    path = workspace / "facilitators.yaml"  # the team the programs share
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Ingrid Solberg", "name: \"Ingrid <b>&amp; $x$\""), encoding="utf-8")
    loaded = load_workspace(workspace, [EXAMPLE_PROGRAM])
    bundle = loaded.bundle(EXAMPLE_PROGRAM)
    page = render_html(loaded, bundle, weekly_schedule(bundle))
    assert "<b>" not in page.replace("<b>bold</b>", "")
    assert "Ingrid &lt;b&gt;&amp;amp; $x$" in _section(page, "facilitators")


def test_plan_lang_option(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    bad = runner.invoke(cli, ["plan", EXAMPLE_PROGRAM, "--workspace", str(workspace), "--lang", "xx_QQ_bad",
                              "--out", str(tmp_path / "bad")])
    assert bad.exit_code == 2 and "--lang xx_QQ_bad: not a language CLDR knows" in bad.output
    assert not (tmp_path / "bad").exists()
    out = tmp_path / "plan"
    done = runner.invoke(cli, ["plan", EXAMPLE_PROGRAM, "--workspace", str(workspace), "--lang", "ja",
                               "--time-limit", "5", "--workers", "1", "--out", str(out)])
    assert done.exit_code == 0, done.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="ja" dir="ltr">' in page and "計画の状態" in page


def test_every_label_is_in_every_catalog() -> None:
    english = labels("en")
    for lang in ("ar", "de", "es", "fr", "he", "hi", "ja", "nb", "pt", "zh"):
        translated = labels(lang)
        assert translated.keys() == english.keys()
        same = [key for key in english if translated[key] == english[key]]
        assert same == (["date", "module"] if lang == "fr" else []), (lang, same)  # "Date" and "Module" are French too


def test_extra_sections_are_included_after_the_overview(example: tuple[Workspace, ProgramBundle]) -> None:
    import jinja2

    from glocal.report import render as report

    workspace, bundle = example
    environment = report._environment()
    packaged = environment.loader
    assert packaged is not None
    partial = '<section id="itip"><h2>Invitations</h2>{% for x in extra.sent %}<p>{{ x }}</p>{% endfor %}</section>'
    environment.loader = jinja2.ChoiceLoader([jinja2.DictLoader({"sections/itip.html.j2": partial}), packaged])
    try:
        page = render_html(workspace, bundle, weekly_schedule(bundle), sections=["itip"],
                           extra={"sent": ["oslo-1 <update>"]})
    finally:
        environment.loader = packaged
    assert page.index('id="overview"') < page.index('<section id="itip">') < page.index('id="timelines"')
    assert "<p>oslo-1 &lt;update&gt;</p>" in page  # autoescaped like every other value


def test_follow_up_instruments_in_each_cohorts_words(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    schedule = weekly_schedule(bundle)
    page = render_html(workspace, bundle, schedule)
    # tokyo-1 and tokyo-2 read the ja variant's instrument; the other cohorts the core's.
    assert '<span lang="ja-JP" dir="ltr">マネージャーによる行動観察チェックリスト</span>' in page
    assert '<span lang="en" dir="ltr">Manager observation checklist</span>' in page
