"""report.html from hand-made schedules: local times, shading, escaping, infeasible reasons."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markupsafe
import pytest

from glocal.model import Schedule
from glocal.report import render_html
from glocal.report.view_model import cohort_summaries, minutes_outside
from glocal.values import TimeRange
from glocal.workspace import ProgramBundle, Workspace, load_workspace

from .conftest import EXAMPLE_PROGRAM
from .report_factory import infeasible_schedule, weekly_schedule


@pytest.fixture(scope="module")
def example(example_root: Path) -> tuple[Workspace, ProgramBundle]:
    workspace = load_workspace(example_root, [EXAMPLE_PROGRAM])
    return workspace, workspace.bundle(EXAMPLE_PROGRAM)


def _row(page: str, session_key: str) -> str:
    match = re.search(rf'<tr id="session-{re.escape(session_key)}".*?</tr>', page, re.DOTALL)
    assert match, session_key
    return match.group(0)


def test_every_cohort_has_a_timeline_and_summary_row(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    page = render_html(workspace, bundle, weekly_schedule(bundle))
    for cohort in bundle.rollout.cohorts:
        assert f'id="cohort-{cohort.id}"' in page
        assert f'<tr class="cohort-row f" data-cohort="{cohort.id}" data-country="{cohort.country.code}"' in page
    assert page.count('class="block') == 54


def test_local_times_in_every_place(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    page = render_html(workspace, bundle, weekly_schedule(bundle, hour=10))
    # tokyo-1 at 10:00 in Tokyo on Tue 2 Feb 2027 is 01:00 UTC; aiko is in Tokyo too.
    row = _row(page, "tokyo-1/foundations")
    assert "Tue 2 Feb 2027, 10:00–11:30 GMT+09:00" in row
    assert "cohort tokyo-1, facilitator aiko" in row
    assert "2027-02-02 01:00 UTC" in row
    # new-york-1 with ingrid (first English speaker with the skills) in Oslo: two places.
    row = _row(page, "new-york-1/foundations")
    assert "Tue 2 Feb 2027, 10:00–11:30 GMT-05:00" in row and "cohort new-york-1" in row
    assert "Tue 2 Feb 2027, 16:00–17:30 GMT+01:00" in row and "facilitator ingrid" in row


def test_localized_titles_with_language_and_direction(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    page = render_html(workspace, bundle, weekly_schedule(bundle))
    row = _row(page, "dubai-1/foundations")
    assert '<span lang="ar" dir="rtl">أسس التغيير</span>' in row
    assert '<span lang="ja" dir="ltr">変化の基礎</span>' in _row(page, "tokyo-1/foundations")
    # en_SG has no variant: the core title, marked as the core's language.
    assert '<span lang="en" dir="ltr">Foundations of change</span>' in _row(page, "singapore-1/foundations")


def test_holidays_and_weekends_are_shaded(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    page = render_html(workspace, bundle, weekly_schedule(bundle))
    tokyo = page.split('id="cohort-tokyo-1"', 1)[1].split('id="cohort-tokyo-2"', 1)[0]
    assert '<td class="holiday" title="Thu 11 Feb: public holiday in JP: Foundation Day">' in tokyo
    assert '<td class="weekend" title="Sat 6 Feb: weekend">' in tokyo
    tokyo2 = page.split('id="cohort-tokyo-2"', 1)[1].split('id="cohort-singapore-1"', 1)[0]
    assert 'title="Tue 9 Feb: before start_after 2027-03-01"' in tokyo2
    frankfurt = page.split('id="cohort-frankfurt-1"', 1)[1].split('id="cohort-sao-paulo-1"', 1)[0]
    assert "public holiday in DE-HE: Good Friday" in frankfurt


def test_script_in_a_title_is_text(example_root: Path, workspace: Path) -> None:
    program = workspace / "programs" / EXAMPLE_PROGRAM / "program.yaml"
    text = program.read_text(encoding="utf-8")
    evil = '<script>alert("x")</script> & <b>bold</b>'
    program.write_text(text.replace("title: Foundations of change", f"title: '{evil}'"), encoding="utf-8")
    loaded = load_workspace(workspace, [EXAMPLE_PROGRAM])
    bundle = loaded.bundle(EXAMPLE_PROGRAM)
    page = render_html(loaded, bundle, weekly_schedule(bundle))
    assert evil not in page
    assert str(markupsafe.escape(evil)) in page
    assert page.count("<script>") == 1  # only the page's own filter script


def test_soft_costs_outside_preferred_hours_and_changes(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    schedule = weekly_schedule(bundle, hour=9)  # 09:00 starts lie before the preferred 10:00
    page = render_html(workspace, bundle, schedule)
    costs = page.split('id="costs"', 1)[1]
    assert "60 min outside the preferred hours of oslo-1" in costs  # 09:00-10:30, 1 hour before 10:00
    assert "every cohort keeps one facilitator" in costs  # the factory's first capable one


def test_facilitator_change_names_the_leave(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    schedule = weekly_schedule(bundle)
    # Give oslo-1's 4th session (Tue 23 Feb, during ingrid's leave 22-26 Feb) to lars.
    sessions = [
        s.model_copy(update={"facilitator": "lars"}) if (s.cohort, s.module) == ("oslo-1", "resistance") else s
        for s in schedule.sessions
    ]
    page = render_html(workspace, bundle, schedule.model_copy(update={"sessions": sessions}))
    assert "oslo-1/resistance</a>: lars instead of ingrid — ingrid is unavailable 2027-02-22..2027-02-26" in page


def test_summary_rows(example: tuple[Workspace, ProgramBundle]) -> None:
    _, bundle = example
    rows = {r.cohort: r for r in cohort_summaries(bundle, weekly_schedule(bundle, hour=14))}
    oslo = rows["oslo-1"]
    assert (oslo.locale, oslo.timezone, oslo.sessions) == ("nb_NO", "Europe/Oslo", 6)
    assert oslo.first == "Tue 2 Feb 2027, 14:00"
    assert oslo.last == "Tue 9 Mar 2027, 14:00"
    # From 14:00 only the 3-hour simulation ends after the preferred 16:00.
    assert oslo.preferred_text == "83% (5/6)"
    assert rows["oslo-1"].facilitators == ["ingrid"]


def test_minutes_outside_across_dst_and_midnight() -> None:
    hours = TimeRange(10 * 60, 16 * 60)
    start = dt.datetime(2027, 3, 29, 8, 0, tzinfo=dt.UTC)  # 10:00 in Oslo after the DST change
    assert minutes_outside(start, start + dt.timedelta(minutes=90), "Europe/Oslo", hours) == 0
    start = dt.datetime(2027, 3, 26, 8, 0, tzinfo=dt.UTC)  # 09:00 in Oslo before it
    assert minutes_outside(start, start + dt.timedelta(minutes=90), "Europe/Oslo", hours) == 60
    late = dt.datetime(2027, 3, 26, 22, 30, tzinfo=dt.UTC)
    assert minutes_outside(late, late + dt.timedelta(hours=1), "Europe/Oslo", hours) == 60


def test_infeasible_report_shows_reasons_not_timelines(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    page = render_html(workspace, bundle, infeasible_schedule(bundle))
    assert 'id="reasons"' in page and 'id="timelines"' not in page
    assert "no facilitator speaks ar and holds change-management and facilitation" in page
    assert "(cohort dubai-1, module team-simulation)" in page


def test_same_plan_same_bytes_and_no_network(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    first = render_html(workspace, bundle, weekly_schedule(bundle))
    second = render_html(workspace, bundle, weekly_schedule(bundle))
    assert first == second
    assert not re.search(r'(src|href)="(https?:)?//', first)
    assert "<link" not in first


def test_changes_since_the_previous_plan_name_what_to_send(example: tuple[Workspace, ProgramBundle]) -> None:
    import dataclasses

    from glocal.calendars import revise
    from glocal.model import Organizer

    workspace, plain = example
    bundle = dataclasses.replace(plain, rollout=plain.rollout.model_copy(
        update={"organizer": Organizer(name="L&D <office>", email="ld@example.com")}))
    first = revise(bundle, weekly_schedule(bundle), None)
    shift = dt.timedelta(days=1)
    sessions = [
        s.model_copy(update={"start": s.start + shift, "end": s.end + shift}) if (s.cohort, s.module) == ("oslo-1", "coaching") else s
        for s in first.sessions if (s.cohort, s.module) != ("oslo-1", "capstone")
    ]
    second = revise(bundle, first.model_copy(update={"sessions": sessions, "cancelled": [], "changes": []}), first)
    page = render_html(workspace, bundle, second)
    section = page[page.index('id="session-changes"'):]
    section = section[:section.index("</table>")]
    coaching = section[section.index("<td>oslo-1/coaching</td>"):]
    coaching = coaching[:coaching.index("</tr>")]
    assert "<td>moved</td>" in coaching and "(was " in coaching
    assert "REQUEST <code>calendars/invites/oslo-1/coaching.ics</code> to " in coaching
    assert "kari.nordmann@example.com" in coaching
    capstone = section[section.index("<td>oslo-1/capstone</td>"):]
    capstone = capstone[:capstone.index("</tr>")]
    assert "<td>cancelled</td>" in capstone and "CANCEL <code>calendars/cancel/oslo-1/capstone.ics</code>" in capstone
    assert section.count("<tr class=") == 2  # nothing else changed


def test_locale_status_and_cultural_fit(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    page = render_html(workspace, bundle, weekly_schedule(bundle))
    locales = page.split("<h2>Locales</h2>", 1)[1]
    pt_br = re.search(r'<tr class="locale-row" data-locale="pt_BR">.*?</tr>', locales, re.DOTALL)
    assert pt_br and "pt_BR is based on version 2, the core is at 3" in pt_br.group(0)
    ar_ae = re.search(r'<tr class="locale-row" data-locale="ar_AE">.*?</tr>', locales, re.DOTALL)
    assert ar_ae
    assert "clashes: feedback/hot-seat (public-individual-feedback)" in ar_ae.group(0)
    assert "clashes: resistance/fishbowl (confrontational)" in ar_ae.group(0)
    ja_jp = re.search(r'<tr class="locale-row" data-locale="ja_JP">.*?</tr>', locales, re.DOTALL)
    assert ja_jp and "clashes:" not in ja_jp.group(0) and "28/28 (100%)" in ja_jp.group(0)
    assert "<code>locales/pt_BR/leading-through-change.yaml:3:11</code>" in locales


def test_facilitator_view_in_their_own_time(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    page = render_html(workspace, bundle, weekly_schedule(bundle, hour=10))
    ingrid = page.split('id="facilitator-ingrid"', 1)[1].split('<div class="facilitator"', 1)[0]
    # new-york-1 at 10:00 New York is 16:00 in Oslo, where ingrid works.
    assert "Tue 2 Feb 2027, 16:00–17:30 GMT+01:00 <span class=\"muted\">(cohort: Tue 2 Feb 2027, 10:00–11:30 GMT-05:00)</span>" in ingrid
    assert "<th>2 Feb</th>" not in ingrid and "<th>1 Feb</th>" in ingrid  # weeks start on Mondays


def test_partial_unavailability_only_counts_when_the_hours_meet(example: tuple[Workspace, ProgramBundle]) -> None:
    workspace, bundle = example
    schedule = weekly_schedule(bundle)
    # priya is unavailable 2027-03-03 12:00-19:00 (Kolkata). Move bengaluru-1's capstone there.
    def moved(hour: int, minute: int) -> Schedule:
        start = dt.datetime(2027, 3, 3, hour, minute, tzinfo=dt.UTC)
        sessions = [
            s.model_copy(update={"facilitator": "emily", "start": start, "end": start + dt.timedelta(hours=2)})
            if (s.cohort, s.module) == ("bengaluru-1", "capstone")
            else s.model_copy(update={"facilitator": "priya"}) if s.cohort == "bengaluru-1" else s
            for s in schedule.sessions
        ]
        return schedule.model_copy(update={"sessions": sessions})

    afternoon = render_html(workspace, bundle, moved(7, 0))  # 12:30-14:30 in Kolkata: meets the hours
    assert "emily instead of priya — priya is unavailable 2027-03-03 12:00-19:00" in afternoon
    morning = render_html(workspace, bundle, moved(4, 0))  # 09:30-11:30 in Kolkata: priya was free
    assert "emily instead of priya — priya is unavailable" not in morning
    assert "emily instead of priya — no hard rule rules out priya" in morning
