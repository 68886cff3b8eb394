"""The calendars as real clients read them: Mozilla's ical.js (node), and ics-check (ical.js,
libical and khal side by side). Absolute instants must equal the schedule across the 2027
DST changes of Adelaide, Santiago and New York and Kathmandu's +05:45; re-plans must update
and cancel, never duplicate.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

from glocal.calendars import build_calendars, session_uid, with_sequences
from glocal.model import Schedule, ScheduledSession, Status
from glocal.workspace import ProgramBundle
from glocal.workspace.schedule_file import dump_schedule

from .conftest import EXAMPLE_PROGRAM
from .test_calendars_common import (
    DST_DATES,
    ICS_CHECK,
    dst_schedule,
    icaljs_dump,
    load_bundle,
    make_workspace,
    need_node,
    utc_text,
    write_files,
)

pytestmark = pytest.mark.external


@pytest.fixture(scope="module")
def dst_bundle(tmp_path_factory: pytest.TempPathFactory) -> ProgramBundle:
    return load_bundle(make_workspace(tmp_path_factory.mktemp("dst") / "ws"))


@pytest.fixture(scope="module")
def dst_plan(dst_bundle: ProgramBundle) -> Schedule:
    return with_sequences(dst_schedule(dst_bundle), None)


@pytest.fixture(scope="module")
def dst_files(dst_bundle: ProgramBundle, dst_plan: Schedule, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dst-out")
    write_files(build_calendars(dst_bundle, dst_plan), out)
    return out


def _schedule_json(schedule: Schedule) -> dict[str, dict[str, Any]]:
    """The sessions as ``schedule.json`` writes them, by UID."""
    data = json.loads(dump_schedule(schedule))
    return {session_uid(data["program"], s["cohort"], s["module"]): s for s in data["sessions"]}


def _assert_instants_match(dump: dict[str, Any], schedule: Schedule, kind: str, where: str) -> int:
    """Every timed VEVENT starts and ends at the instants of ``schedule.json``; how many."""
    sessions = _schedule_json(schedule)
    checked = 0
    for event in dump["events"]:
        if "evaluation" in event["uid"]:
            assert event["start"]["kind"] == "date", where
            continue
        session = sessions[event["uid"]]
        assert event["start"]["kind"] == kind, (where, event["uid"], event["start"])
        assert event["start"]["utc"].replace(".000Z", "Z") == session["start"], (where, event["uid"])
        assert event["end"]["utc"].replace(".000Z", "Z") == session["end"], (where, event["uid"])
        assert event["sequence"] == session["sequence"], (where, event["uid"])
        checked += 1
    return checked


# ---------------------------------------------------------------- ical.js: instants across DST


def test_icaljs_reads_the_scheduled_instants_across_dst(dst_files: Path, dst_plan: Schedule) -> None:
    need_node()
    checked = 0
    for path in sorted(dst_files.rglob("*.ics")):
        dump = icaljs_dump(path)
        kind = "utc" if path.name == "coordinator.ics" else "vtimezone"
        checked += _assert_instants_match(dump, dst_plan, kind, str(path))
    # cohort + facilitator + coordinator calendars hold every session; invites go to the
    # facilitator of every session (and participants where they have e-mails): 4 cohorts' worth.
    assert checked == 3 * len(dst_plan.sessions) + 4 * 6


@pytest.mark.parametrize("cohort", sorted(DST_DATES))
def test_icaljs_local_wall_clock_is_ten_in_the_cohort_zone(dst_files: Path, cohort: str) -> None:
    """10:00 local before and after each transition: the UTC hour shifts, the wall clock not."""
    need_node()
    dump = icaljs_dump(dst_files / "calendars" / "cohorts" / f"{cohort}.ics")
    timed = [e for e in dump["events"] if e["start"]["kind"] != "date"]
    assert [e["start"]["local"][:10] for e in timed] == DST_DATES[cohort]
    assert {e["start"]["local"][11:] for e in timed} == {"10:00:00"}
    offsets = {
        dt.datetime.fromisoformat(e["start"]["utc"]).astimezone(
            zoneinfo.ZoneInfo(e["start"]["tzid"])
        ).utcoffset()
        for e in timed
    }
    assert len(offsets) == (1 if cohort == "kathmandu-1" else 2)


def test_followups_are_all_day_on_cohort_local_dates(dst_files: Path) -> None:
    need_node()
    dump = icaljs_dump(dst_files / "calendars" / "cohorts" / "adelaide-1.ics")
    dates = {e["uid"]: e["start"]["date"] for e in dump["events"] if e["start"]["kind"] == "date"}
    last = dt.date.fromisoformat(DST_DATES["adelaide-1"][-1])
    assert dates[f"{EXAMPLE_PROGRAM}.adelaide-1.evaluation-3@glocal"] == (last + dt.timedelta(days=60)).isoformat()
    assert dates[f"{EXAMPLE_PROGRAM}.adelaide-1.evaluation-4@glocal"] == (last + dt.timedelta(days=180)).isoformat()


# ---------------------------------------------------------------- text round trip


TRICKY = {
    "foundations": 'Plan, do; check\nthen "re-plan" 🚀 \\ 50% off',
    "coaching": "خطة العمل، الجزء ١؛ مراجعة\u200f — שיחות אימון; 2",
}


def _tricky_bundle(bundle: ProgramBundle) -> ProgramBundle:
    modules = [
        m.model_copy(update={"title": TRICKY[m.id], "description": f"{TRICKY[m.id]}\n\nLine; two, three"})
        if m.id in TRICKY else m
        for m in bundle.program.modules
    ]
    return ProgramBundle(
        program=bundle.program.model_copy(update={"modules": modules}),
        rollout=bundle.rollout,
        facilitators=bundle.facilitators,
        variants=bundle.variants,
        docs=bundle.docs,
    )


def test_titles_round_trip_through_icaljs(dst_bundle: ProgramBundle, dst_plan: Schedule, tmp_path: Path) -> None:
    need_node()
    tricky = _tricky_bundle(dst_bundle)
    write_files(build_calendars(tricky, dst_plan), tmp_path)
    for relative in ("cohorts/new-york-1.ics", "invites/kathmandu-1/coaching.ics", "coordinator.ics"):
        dump = icaljs_dump(tmp_path / "calendars" / relative)
        for event in dump["events"]:
            module = event["uid"].split("@")[0].split(".")[-1]
            if module not in TRICKY or not event["uid"].split(".")[1].endswith(("york-1", "mandu-1")):
                continue
            if relative == "coordinator.ics":
                assert TRICKY[module] in event["summary"]
            else:
                assert event["summary"] == TRICKY[module]
                assert f"{TRICKY[module]}\n\nLine; two, three" in event["description"]
    # The Arabic variant's own titles (right-to-left) come back unchanged too.
    session = ScheduledSession(
        cohort="dubai-1", module="feedback", facilitator="omar",
        start=dt.datetime(2027, 3, 9, 6, tzinfo=dt.UTC),
        end=dt.datetime(2027, 3, 9, 7, 30, tzinfo=dt.UTC), index=3, count=6,
    )
    files = build_calendars(dst_bundle, Schedule(program=dst_bundle.id, status=Status.FEASIBLE, sessions=[session]))
    write_files(files, tmp_path / "ar")
    dump = icaljs_dump(tmp_path / "ar" / "calendars" / "cohorts" / "dubai-1.ics")
    event = next(e for e in dump["events"] if e["uid"].endswith(".feedback@glocal"))
    assert event["summary"] == "ملاحظات فعّالة"
    assert event["summary_language"] == "ar-AE"


# ---------------------------------------------------------------- reschedule (hand-made plans)


def test_reschedule_bumps_sequences_cancels_and_keeps_uids(
    dst_bundle: ProgramBundle, dst_plan: Schedule, tmp_path: Path
) -> None:
    need_node()
    shift = dt.timedelta(days=1)
    moved_key = ("new-york-1", "feedback")
    dropped_key = ("santiago-1", "capstone")
    sessions = [
        s.model_copy(update={"start": s.start + shift, "end": s.end + shift}) if (s.cohort, s.module) == moved_key else s
        for s in dst_plan.sessions
        if (s.cohort, s.module) != dropped_key
    ]
    second = with_sequences(dst_plan.model_copy(update={"sessions": sessions, "cancelled": []}), dst_plan)
    first_files = build_calendars(dst_bundle, dst_plan)
    files = build_calendars(dst_bundle, second)
    write_files(files, tmp_path)
    moved = icaljs_dump(tmp_path / "calendars" / "invites" / "new-york-1" / "feedback.ics")["events"][0]
    assert moved["sequence"] == 1
    assert moved["uid"] == f"{EXAMPLE_PROGRAM}.new-york-1.feedback@glocal"
    kept = icaljs_dump(tmp_path / "calendars" / "invites" / "new-york-1" / "coaching.ics")["events"][0]
    assert kept["sequence"] == 0
    assert files["calendars/invites/new-york-1/coaching.ics"] == first_files["calendars/invites/new-york-1/coaching.ics"]
    cancel = icaljs_dump(tmp_path / "calendars" / "cancel" / "santiago-1" / "capstone.ics")
    assert cancel["method"] == "CANCEL"
    [event] = cancel["events"]
    assert (event["uid"], event["status"], event["sequence"]) == (
        f"{EXAMPLE_PROGRAM}.santiago-1.capstone@glocal", "CANCELLED", 1,
    )
    assert event["organizer"]["value"] == "mailto:programme.office@example.com"
    assert {a["value"] for a in event["attendees"]} == {
        "mailto:catalina.rojas@example.com", "mailto:beatriz.souza@example.com",
    }
    dropped = next(s for s in dst_plan.sessions if (s.cohort, s.module) == dropped_key)
    assert event["start"]["utc"] == utc_text(dropped.start)
    uids_before = set(_uids(first_files))
    assert set(_uids(files)) == uids_before  # the cancelled UID lives on in its CANCEL file


def _uids(files: dict[str, bytes]) -> list[str]:
    return [m.decode() for data in files.values() for m in re.findall(rb"^UID:(.*)\r$", data, re.MULTILINE)]


# ---------------------------------------------------------------- ics-check (three clients)


def _ics_check(path: Path, zone: str) -> None:
    if not ICS_CHECK.exists():
        pytest.skip(f"ics-check is not at {ICS_CHECK}")
    done = subprocess.run(
        [str(ICS_CHECK), str(path), "--tz", zone],
        capture_output=True, text=True, timeout=120, check=False,
    )
    verdict = [line for line in done.stdout.splitlines() if line.startswith(("VERDICT", "FAIL", "WARN"))]
    assert done.returncode == 0, f"{path} --tz {zone}:\n" + "\n".join(verdict) + done.stderr[-2000:]


def _check_all(out: Path, bundle: ProgramBundle) -> int:
    zones = {c.id: c.timezone for c in bundle.rollout.cohorts}
    runs = 0
    for path in sorted(out.rglob("*.ics")):
        parts = path.relative_to(out / "calendars").parts
        if parts[0] in ("cohorts", "invites", "cancel"):
            cohort = parts[1].removesuffix(".ics")
            _ics_check(path, zones[cohort])
            runs += 1
        elif parts[0] == "facilitators":
            _ics_check(path, "UTC")  # not their zone: a missing VTIMEZONE would show
            runs += 1
        else:  # the coordinator calendar (UTC times): read from both ends of the day
            for zone in ("Asia/Tokyo", "America/New_York"):
                _ics_check(path, zone)
                runs += 1
    return runs


def test_ics_check_passes_on_dst_calendars(dst_files: Path, dst_bundle: ProgramBundle) -> None:
    zones = {c.id: c.timezone for c in dst_bundle.rollout.cohorts}
    for cohort in sorted(DST_DATES):
        # Its own zone, and UTC, where a missing or wrong VTIMEZONE would shift the times.
        for zone in (zones[cohort], "UTC"):
            _ics_check(dst_files / "calendars" / "cohorts" / f"{cohort}.ics", zone)
    for path in sorted((dst_files / "calendars" / "invites").rglob("*.ics"))[::6]:
        _ics_check(path, "UTC")


# ---------------------------------------------------------------- a real solve of the example


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ProgramBundle, Schedule]:
    from glocal.scheduling import SolveOptions, solve

    root = tmp_path_factory.mktemp("solve") / "ws"
    make_workspace(root, rollout_extra="organizer: {name: Global L&D, email: learning@example.com}\n")
    bundle = load_bundle(root)
    schedule = solve(bundle, SolveOptions(time_limit=20, seed=0, workers=1))
    assert schedule.status in (Status.OPTIMAL, Status.FEASIBLE), schedule.reasons
    return root, bundle, with_sequences(schedule, None)


@pytest.mark.slow
@pytest.mark.xdist_group("calendars-solve")
def test_example_calendars_pass_ics_check_and_icaljs(
    solved: tuple[Path, ProgramBundle, Schedule], tmp_path: Path
) -> None:
    need_node()
    _, bundle, schedule = solved
    write_files(build_calendars(bundle, schedule), tmp_path)
    coordinator = icaljs_dump(tmp_path / "calendars" / "coordinator.ics")
    assert _assert_instants_match(coordinator, schedule, "utc", "coordinator") == len(schedule.sessions)
    for cohort in bundle.rollout.cohorts:
        dump = icaljs_dump(tmp_path / "calendars" / "cohorts" / f"{cohort.id}.ics")
        _assert_instants_match(dump, schedule, "vtimezone", cohort.id)
    assert _check_all(tmp_path, bundle) > len(bundle.rollout.cohorts)


@pytest.mark.slow
@pytest.mark.xdist_group("calendars-solve")
def test_real_replan_after_leave_and_a_dropped_cohort(
    solved: tuple[Path, ProgramBundle, Schedule], tmp_path: Path
) -> None:
    """Leave on the day of a session and a cohort taken out: re-plan with the previous plan."""
    from glocal.scheduling import SolveOptions, solve

    root, bundle, first = solved
    people = {f.id: f for f in bundle.facilitators}
    target = next(s for s in sorted(first.sessions, key=lambda s: (s.start, s.cohort))
                  if not people[s.facilitator].unavailable and s.cohort != "tokyo-2")
    leave_day = target.start.astimezone(zoneinfo.ZoneInfo(people[target.facilitator].timezone)).date()
    people_file = root / "facilitators.yaml"
    text = people_file.read_text(encoding="utf-8")
    text = text.replace(
        f"  - id: {target.facilitator}\n",
        f"  - id: {target.facilitator}\n    unavailable:\n      - {leave_day.isoformat()}\n",
    )
    people_file.write_text(text, encoding="utf-8")
    rollout = root / "programs" / EXAMPLE_PROGRAM / "rollout.yaml"
    rollout.write_text(
        re.sub(r"\n  - id: tokyo-2\n(?:    .*\n)+", "\n", rollout.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    changed = load_bundle(root)
    second = solve(changed, SolveOptions(time_limit=20, seed=0, workers=1, previous=first))
    assert second.status in (Status.OPTIMAL, Status.FEASIBLE), second.reasons
    second = with_sequences(second, first)
    before = {(s.cohort, s.module): s for s in first.sessions}
    after = {(s.cohort, s.module): s for s in second.sessions}
    key = (target.cohort, target.module)
    assert (after[key].start, after[key].facilitator) != (target.start, target.facilitator)
    assert after[key].sequence == 1
    for k, session in after.items():
        same = (session.start, session.end, session.facilitator) == (
            before[k].start, before[k].end, before[k].facilitator,
        )
        assert session.sequence == (0 if same else 1), k
    assert {(c.cohort, c.sequence) for c in second.cancelled} == {("tokyo-2", 1)}
    files = build_calendars(changed, second)
    cancels = sorted(p for p in files if p.startswith("calendars/cancel/"))
    assert cancels == sorted(f"calendars/cancel/tokyo-2/{m.id}.ics" for m in changed.program.modules)
    write_files(files, tmp_path)
    need_node()
    for path in cancels:
        dump = icaljs_dump(tmp_path / path)
        assert dump["method"] == "CANCEL" and dump["events"][0]["status"] == "CANCELLED"
        assert dump["events"][0]["sequence"] == 1
    moved_invite = tmp_path / "calendars" / "invites" / target.cohort / f"{target.module}.ics"
    if moved_invite.exists():
        event = icaljs_dump(moved_invite)["events"][0]
        assert (event["uid"], event["sequence"]) == (session_uid(changed.id, *key), 1)
    _ics_check(tmp_path / cancels[0], "Asia/Tokyo")
