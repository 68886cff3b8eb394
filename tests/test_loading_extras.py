"""What glocal accepts beyond FORMATS.md (docs/formats.md) loads, with the values meant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from glocal.values import TimeRange
from glocal.workspace import load_workspace

from .checkhelp import EXAMPLE, PROGRAM, ROLLOUT, TEAM, edit

JA = f"locales/ja/{EXAMPLE}.yaml"


def test_extras_beyond_the_contract_load(workspace: Path) -> None:
    edit(workspace, PROGRAM, "when: 180d after-last-session", "when: 8w after-last-session")
    edit(workspace, PROGRAM, "duration: 3h\n", "duration: PT3H\n")
    edit(workspace, PROGRAM, "gap: {min: 7d, max: 28d}", "gap: {min: P1W, max: P4W}")
    edit(workspace, PROGRAM, "locked: [objectives, evaluation]",
         "locked: [objectives, evaluation, modules.capstone.activities.presentations.minutes]")
    edit(workspace, PROGRAM, "duration_tolerance: 25%", "duration_tolerance: 0.25")
    edit(workspace, ROLLOUT, "granularity: 15m\n", (
        "granularity: 15m\n"
        "organizer: {name: Global L&D, email: ld@example.com}\n"
        "objectives: {load_balance: 50, early_finish: 0}\n"
    ))
    edit(workspace, ROLLOUT, "    country: AE\n    size: 14\n", (
        "    country: ae\n    size: 14\n"
        "    weekend: [Friday, SA]\n"
        '    working_hours: "9:00 - 24:00"\n'
        '    preferred_hours: "10:00-16:00"\n'
        "    join_url: https://meet.example.com/dubai-1\n"
        "    venue: Dubai office, floor 12\n"
    ))
    edit(workspace, TEAM, '    working_hours: "08:30-16:30"\n',
         '    working_hours: "08:30-16:30"\n    preferred_hours: "09:00-12:00"\n    weekend: [sun.]\n')
    edit(workspace, JA, "based_on: 3\n", (
        "based_on: 3\n"
        "sources: {modules.foundations.title: 3f2a9c}\n"
        "acknowledged: {feedback/hot-seat: Private pairs are agreed with the Tokyo office.}\n"
    ))
    workspace_ = load_workspace(workspace)
    assert workspace_.warnings == []
    bundle = workspace_.bundle(EXAMPLE)
    program, rollout = bundle.program, bundle.rollout
    assert program.evaluation[3].when.offset_days == 56
    assert program.module("team-simulation").duration == 180
    assert (program.module("capstone").gap.min, program.module("capstone").gap.max) == (7 * 1440, 28 * 1440)
    assert program.adaptation.duration_tolerance == 0.25
    assert rollout.organizer is not None and rollout.organizer.email == "ld@example.com"
    assert (rollout.objectives.load_balance, rollout.objectives.early_finish) == (50, 0)
    dubai = rollout.cohorts[-1]
    assert dubai.weekend == ["fri", "sat"] and str(dubai.country) == "AE"
    assert dubai.working_hours == TimeRange(9 * 60, 24 * 60)
    assert (dubai.join_url, dubai.venue) == ("https://meet.example.com/dubai-1", "Dubai office, floor 12")
    lars = bundle.facilitators[1]
    assert (lars.preferred_hours, lars.weekend) == (TimeRange(540, 720), ["sun"])
    variant = bundle.variants["ja"]
    assert variant.sources == {"modules.foundations.title": "3f2a9c"}
    assert list(variant.acknowledged) == ["feedback/hot-seat"]


def test_dates_quoted_or_not_and_single_day_leave(workspace: Path) -> None:
    edit(workspace, ROLLOUT, "start_after: 2027-03-01", 'start_after: "2027-03-01"')
    edit(workspace, TEAM, "      - 2027-02-08..2027-02-10", "      - 2027-02-08\n      - {date: 2027-02-09..2027-02-10}")
    bundle = load_workspace(workspace).bundle(EXAMPLE)
    assert bundle.rollout.cohorts[5].start_after == dt.date(2027, 3, 1)
    rafael = next(f for f in bundle.facilitators if f.id == "rafael")
    assert [str(u.date) for u in rafael.unavailable] == ["2027-02-08", "2027-02-09..2027-02-10"]
