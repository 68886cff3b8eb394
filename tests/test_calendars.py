"""Calendar files without external clients: identity, sequences, RFC 5545 syntax, invites,
follow-ups, places, determinism and golden files (see test_calendars_clients.py for ical.js,
libical and khal).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from glocal.calendars import build_calendars, with_sequences
from glocal.calendars.timezones import vtimezone
from glocal.model import Organizer, Schedule, ScheduledSession, Status
from glocal.workspace import ProgramBundle

from .test_calendars_common import (
    DST_DATES,
    dst_schedule,
    load_bundle,
    local_session,
    make_workspace,
)

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("GLOCAL_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> ProgramBundle:
    return load_bundle(make_workspace(tmp_path_factory.mktemp("cal") / "ws"))


@pytest.fixture(scope="module")
def schedule(bundle: ProgramBundle) -> Schedule:
    return with_sequences(dst_schedule(bundle), None)


@pytest.fixture(scope="module")
def files(bundle: ProgramBundle, schedule: Schedule) -> dict[str, bytes]:
    return build_calendars(bundle, schedule)


def parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    assert isinstance(calendar, Calendar)
    return calendar


def events(data: bytes) -> list[Calendar]:
    return list(parse(data).walk("VEVENT"))


# ---------------------------------------------------------------- sequences


def _moved(session: ScheduledSession, hours: int) -> ScheduledSession:
    shift = dt.timedelta(hours=hours)
    return session.model_copy(update={"start": session.start + shift, "end": session.end + shift})


def test_first_plan_numbers_every_session_zero(schedule: Schedule) -> None:
    assert {s.sequence for s in schedule.sessions} == {0}
    assert schedule.cancelled == []


def test_sequences_keep_bump_add_and_cancel(schedule: Schedule) -> None:
    first = schedule.model_copy(
        update={"sessions": [s.model_copy(update={"sequence": 3}) for s in schedule.sessions]}
    )
    kept, moved, reassigned, dropped = first.sessions[:4]
    new = dropped.model_copy(update={"module": "brand-new"})
    second = Schedule(
        program=first.program,
        status=Status.FEASIBLE,
        sessions=[kept, _moved(moved, 2), reassigned.model_copy(update={"facilitator": "marcus"}), new]
        + first.sessions[4:],
    )
    result = with_sequences(second, first)
    by_key = {(s.cohort, s.module): s.sequence for s in result.sessions}
    assert by_key[(kept.cohort, kept.module)] == 3
    assert by_key[(moved.cohort, moved.module)] == 4
    assert by_key[(reassigned.cohort, reassigned.module)] == 4
    assert by_key[(new.cohort, new.module)] == 0
    assert [(c.cohort, c.module, c.sequence, c.start, c.facilitator) for c in result.cancelled] == [
        (dropped.cohort, dropped.module, 4, dropped.start, dropped.facilitator)
    ]


def test_cancellations_carry_over_and_a_returning_session_outranks_its_cancel(schedule: Schedule) -> None:
    dropped = schedule.sessions[0]
    second = with_sequences(schedule.model_copy(update={"sessions": schedule.sessions[1:]}), schedule)
    assert [(c.module, c.sequence) for c in second.cancelled] == [(dropped.module, 1)]
    third = with_sequences(second, second)
    assert [(c.module, c.sequence) for c in third.cancelled] == [(dropped.module, 1)]
    back = with_sequences(schedule, third)
    assert back.cancelled == []
    returned = next(s for s in back.sessions if (s.cohort, s.module) == (dropped.cohort, dropped.module))
    assert returned.sequence == 2


def test_infeasible_schedule_cancels_nothing(bundle: ProgramBundle, schedule: Schedule) -> None:
    infeasible = Schedule(program=schedule.program, status=Status.INFEASIBLE)
    assert with_sequences(infeasible, schedule).cancelled == []
    assert build_calendars(bundle, infeasible) == {}


# ---------------------------------------------------------------- file layout and syntax


def test_paths(files: dict[str, bytes], bundle: ProgramBundle) -> None:
    cohorts = {f"calendars/cohorts/{c}.ics" for c in DST_DATES}
    facilitators = {"calendars/facilitators/emily.ics", "calendars/facilitators/priya.ics",
                    "calendars/facilitators/wei.ics", "calendars/facilitators/beatriz.ics"}
    modules = [m.id for m in bundle.program.modules]
    # Every session with somebody to invite: the facilitator (CHAIR) is invited everywhere.
    invites = {f"calendars/invites/{c}/{m}.ics" for c in DST_DATES for m in modules}
    assert set(files) == cohorts | facilitators | invites | {"calendars/coordinator.ics"}
    assert list(files) == sorted(files)


def test_rfc5545_syntax(files: dict[str, bytes]) -> None:
    for path, data in files.items():
        assert not data.startswith(b"\xef\xbb\xbf"), path
        assert data.endswith(b"\r\n"), path
        assert b"\n" not in data.replace(b"\r\n", b""), f"{path}: bare LF"
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, f"{path}: {len(line)} octets: {line[:40]!r}"
            line.decode("utf-8")  # folding never splits a UTF-8 sequence
        calendar = parse(data)
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"], path
        assert calendar.get_missing_tzids() == set(), path
        for event in calendar.walk("VEVENT"):
            assert event["DTSTAMP"].dt.tzinfo is not None and event["DTSTAMP"].to_ical().endswith(b"Z")


def test_tzids_are_iana_and_vtimezones_cover_every_date(files: dict[str, bytes]) -> None:
    import zoneinfo

    for path, data in files.items():
        calendar = parse(data)
        zones = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
        for event in calendar.walk("VEVENT"):
            start = event["DTSTART"]
            tzid = start.params.get("TZID")
            if tzid is None:
                continue
            zoneinfo.ZoneInfo(tzid)  # an IANA name
            first_onset = min(sub["DTSTART"].dt for sub in zones[tzid].subcomponents)
            assert first_onset <= start.dt.replace(tzinfo=None), (path, tzid)


def test_vtimezone_onsets_follow_rfc5545() -> None:
    """DST onsets are written in the offset before the change (RFC 5545 3.6.5)."""
    text = vtimezone("America/New_York", [dt.date(2027, 3, 1)]).to_ical().decode()
    assert "DTSTART:20270314T020000\r\nTZNAME:EDT\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400" in text
    assert "DTSTART:20271107T020000\r\nTZNAME:EST\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500" in text
    adelaide = vtimezone("Australia/Adelaide", [dt.date(2027, 3, 1)]).to_ical().decode()
    assert "DTSTART:20270404T030000\r\nTZNAME:ACST\r\nTZOFFSETFROM:+1030\r\nTZOFFSETTO:+0930" in adelaide
    assert "DTSTART:20271003T020000\r\nTZNAME:ACDT\r\nTZOFFSETFROM:+0930\r\nTZOFFSETTO:+1030" in adelaide
    kathmandu = vtimezone("Asia/Kathmandu", [dt.date(2027, 3, 1)]).to_ical().decode()
    assert "TZOFFSETTO:+0545" in kathmandu and "DAYLIGHT" not in kathmandu


def test_cohort_calendar_content(files: dict[str, bytes], schedule: Schedule) -> None:
    data = files["calendars/cohorts/new-york-1.ics"]
    calendar = parse(data)
    assert calendar["METHOD"] == "PUBLISH"
    assert "Leading Through Change" in str(calendar["X-WR-CALNAME"])
    sessions = [e for e in calendar.walk("VEVENT") if "evaluation" not in str(e["UID"])]
    assert len(sessions) == 6
    for event in sessions:
        assert "ATTENDEE" not in event and "ORGANIZER" not in event
        assert event["DTSTART"].params["TZID"] == "America/New_York"
        # No English variant: the core text, tagged with the program's source language.
        assert event["SUMMARY"].params["LANGUAGE"] == "en"
        assert event["DESCRIPTION"].params["LANGUAGE"] == "en"
        assert str(event["UID"]) == f"leading-through-change.new-york-1.{_module_of(event)}@glocal"
        [alarm] = event.walk("VALARM")
        assert alarm["TRIGGER"].dt == -dt.timedelta(minutes=15)
    foundations = next(e for e in sessions if _module_of(e) == "foundations")
    description = str(foundations["DESCRIPTION"])
    assert "Session 1 of 6" in description
    assert "Emily Carter" in description
    assert "March 8, 2027" in description  # the local date written out by babel
    assert "Case debate on a stalled reorganisation" in description


def _module_of(event: Calendar) -> str:
    return str(event["UID"]).split("@")[0].split(".")[-1]


def test_cohort_calendar_is_in_the_cohort_language(bundle: ProgramBundle) -> None:
    session = local_session(bundle, "tokyo-1", "foundations", "2027-03-08", "10:00", "aiko")
    files = build_calendars(bundle, Schedule(program=bundle.id, status=Status.FEASIBLE, sessions=[session]))
    [event] = [e for e in events(files["calendars/cohorts/tokyo-1.ics"]) if "evaluation" not in str(e["UID"])]
    assert str(event["SUMMARY"]) == "変化の基礎"
    assert event["SUMMARY"].params["LANGUAGE"] == "ja-JP"  # from the ja variant, for ja_JP
    assert "2027年3月8日" in str(event["DESCRIPTION"])
    facilitator = events(files["calendars/facilitators/aiko.ics"])[0]
    assert facilitator["DTSTART"].params["TZID"] == "Asia/Tokyo"


def test_facilitator_calendar(files: dict[str, bytes]) -> None:
    calendar = parse(files["calendars/facilitators/priya.ics"])
    assert calendar["METHOD"] == "PUBLISH"
    for event in calendar.walk("VEVENT"):
        assert event["DTSTART"].params["TZID"] == "Asia/Kolkata"
        assert str(event["UID"]).startswith("leading-through-change.kathmandu-1.")
        description = str(event["DESCRIPTION"])
        assert "kathmandu-1" in description and "12 participants" in description
        assert "India" in description and "Nepal" in description  # both local times, named


def test_invite(files: dict[str, bytes]) -> None:
    calendar = parse(files["calendars/invites/kathmandu-1/coaching.ics"])
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:programme.office@example.com"
    assert event["ORGANIZER"].params["CN"] == "Programme Office, Global L&D"
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    # Bikash Thapa has no e-mail address: not invited.
    assert set(attendees) == {"mailto:sita.sharma@example.com", "mailto:priya.raman@example.com"}
    assert attendees["mailto:priya.raman@example.com"]["ROLE"] == "CHAIR"
    sita = attendees["mailto:sita.sharma@example.com"]
    assert (sita["ROLE"], sita["PARTSTAT"], sita["RSVP"], sita["CN"]) == (
        "REQ-PARTICIPANT", "NEEDS-ACTION", "TRUE", "Sharma, Sita",
    )
    assert str(event["LOCATION"]) == "https://meet.example.com/ktm-1?pass=a,b;c"
    assert str(event["URL"]) == "https://meet.example.com/ktm-1?pass=a,b;c"
    assert "https://meet.example.com/ktm-1?pass=a,b;c" in str(event["DESCRIPTION"])


def _with_organizer(bundle: ProgramBundle, rollout: object, program: object) -> ProgramBundle:
    return ProgramBundle(
        program=bundle.program.model_copy(update={"organizer": program}),
        rollout=bundle.rollout.model_copy(update={"organizer": rollout}),
        facilitators=bundle.facilitators,
        variants=bundle.variants,
        docs=bundle.docs,
    )


def test_without_organizer_no_request_or_cancel_is_written(bundle: ProgramBundle) -> None:
    plain = _with_organizer(bundle, None, None)
    session = local_session(plain, "oslo-1", "coaching", "2027-03-09", "10:00", "lars")
    files = build_calendars(plain, Schedule(program=plain.id, status=Status.FEASIBLE, sessions=[session]))
    assert not [p for p in files if p.startswith(("calendars/invites/", "calendars/cancel/"))]
    assert "calendars/cohorts/oslo-1.ics" in files  # the PUBLISH calendars are still written


def test_program_organizer_is_used_and_never_invited(bundle: ProgramBundle) -> None:
    """issue 18: an organizer who also facilitates is not their own NEEDS-ACTION attendee."""
    lars = next(f for f in bundle.facilitators if f.id == "lars")
    assert lars.email is not None
    plain = _with_organizer(bundle, None, Organizer(name=lars.name, email=lars.email.upper()))
    session = local_session(plain, "oslo-1", "coaching", "2027-03-09", "10:00", "lars")
    files = build_calendars(plain, Schedule(program=plain.id, status=Status.FEASIBLE, sessions=[session]))
    [event] = events(files["calendars/invites/oslo-1/coaching.ics"])
    assert str(event["ORGANIZER"]) == f"mailto:{lars.email.upper()}"
    attendees = [str(a).lower() for a in event["ATTENDEE"]]
    assert f"mailto:{lars.email.lower()}" not in attendees
    assert attendees == ["mailto:kari.nordmann@example.com", "mailto:ola.nordmann@example.com"]


def test_in_person_session_has_the_venue(files: dict[str, bytes]) -> None:
    capstone = next(
        e for e in events(files["calendars/cohorts/adelaide-1.ics"]) if _module_of(e) == "capstone"
    )
    assert str(capstone["LOCATION"]) == "Level 3, 25 Grenfell St; Adelaide SA 5000"
    assert "URL" not in capstone
    virtual = next(e for e in events(files["calendars/cohorts/adelaide-1.ics"]) if _module_of(e) == "coaching")
    assert "LOCATION" not in virtual  # virtual, and adelaide-1 has no join link


def test_followups(files: dict[str, bytes], schedule: Schedule) -> None:
    calendar = parse(files["calendars/cohorts/santiago-1.ics"])
    followups = {str(e["UID"]): e for e in calendar.walk("VEVENT") if "evaluation" in str(e["UID"])}
    # Level 1 is due after each session (named in each description), levels 2-4 are dated.
    assert sorted(followups) == [
        f"leading-through-change.santiago-1.evaluation-{level}@glocal" for level in (2, 3, 4)
    ]
    last_local_day = dt.date.fromisoformat(DST_DATES["santiago-1"][-1])
    level3 = followups["leading-through-change.santiago-1.evaluation-3@glocal"]
    assert level3["DTSTART"].dt == last_local_day + dt.timedelta(days=60)
    assert level3["DTEND"].dt == last_local_day + dt.timedelta(days=61)
    assert level3["TRANSP"] == "TRANSPARENT"
    assert "Manager observation checklist" in str(level3["SUMMARY"])
    coordinator = {str(e["UID"]) for e in events(files["calendars/coordinator.ics"])}
    assert set(followups) <= coordinator


def test_coordinator_calendar_is_utc(files: dict[str, bytes], schedule: Schedule) -> None:
    calendar = parse(files["calendars/coordinator.ics"])
    assert calendar.walk("VTIMEZONE") == []
    timed = [e for e in calendar.walk("VEVENT") if "evaluation" not in str(e["UID"])]
    assert len(timed) == len(schedule.sessions)
    for event in timed:
        assert event["DTSTART"].to_ical().endswith(b"Z")
        assert event.walk("VALARM") == []


# ---------------------------------------------------------------- determinism and golden files


def test_byte_identical_for_identical_input(bundle: ProgramBundle, schedule: Schedule, files: dict[str, bytes]) -> None:
    again = build_calendars(bundle, Schedule.model_validate(schedule.model_dump()))
    assert again == files
    stamps = {line for data in files.values() for line in data.split(b"\r\n") if line.startswith(b"DTSTAMP")}
    assert stamps == {b"DTSTAMP:20270208T000000Z"}  # midnight UTC of the earliest plan date


def normalize(data: bytes) -> str:
    """Golden form: unfolded lines, LF, one property per line (diffs read well in git)."""
    text = data.decode("utf-8").replace("\r\n ", "")
    return text.replace("\r\n", "\n")


@pytest.mark.parametrize(
    "path",
    [
        "calendars/cohorts/new-york-1.ics",
        "calendars/facilitators/beatriz.ics",
        "calendars/invites/santiago-1/feedback.ics",
    ],
)
def test_golden(files: dict[str, bytes], path: str) -> None:
    golden = GOLDEN / (path.replace("calendars/", "").replace("/", "__"))
    actual = normalize(files[path])
    if UPDATE or not golden.exists():
        if not UPDATE:
            pytest.fail(f"{golden} missing; run with GLOCAL_UPDATE_GOLDEN=1 to write it")
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
    assert re.search(r"^UID:", actual, re.MULTILINE)


# ---------------------------------------------------------------- revise: what bumps SEQUENCE


def _revised(bundle: ProgramBundle, schedule: Schedule) -> Schedule:
    from glocal.calendars import revise

    return revise(bundle, schedule.model_copy(update={"cancelled": [], "changes": []}), None)


def test_revise_names_each_visible_change_once(bundle: ProgramBundle, schedule: Schedule) -> None:
    import dataclasses

    from glocal.calendars import revise

    first = _revised(bundle, schedule)
    same = revise(bundle, first.model_copy(update={"changes": []}), first)
    assert same.changes == [] and [s.sequence for s in same.sessions] == [0] * len(first.sessions)
    # A new module title (text), a new venue for adelaide-1 (its in-person capstone).
    program = bundle.program.model_copy(update={"modules": [
        m.model_copy(update={"title": "Coaching, revised"}) if m.id == "coaching" else m for m in bundle.program.modules
    ]})
    rollout = bundle.rollout.model_copy(update={"cohorts": [
        c.model_copy(update={"venue": "Level 5, 1 King William St"}) if c.id == "adelaide-1" else c
        for c in bundle.rollout.cohorts
    ]})
    edited = dataclasses.replace(bundle, program=program, rollout=rollout)
    second = revise(edited, first.model_copy(update={"changes": []}), first)
    what = {(c.cohort, c.module): c.what for c in second.changes}
    assert what == {
        **{(c, "coaching"): ["text"] for c in DST_DATES},
        ("adelaide-1", "capstone"): ["venue"],
    }
    before = {(s.cohort, s.module): s for s in first.sessions}
    for session in second.sessions:
        old = before[(session.cohort, session.module)]
        bumped = (session.cohort, session.module) in what
        assert session.sequence == old.sequence + bumped
        assert session.stamp is not None and old.stamp is not None
        assert (session.stamp > old.stamp) == bumped


def test_revise_against_an_older_schedule_compares_time_and_facilitator(bundle: ProgramBundle, schedule: Schedule) -> None:
    from glocal.calendars import revise

    legacy = schedule  # numbered by with_sequences: no digests, attendees or stamps
    moved = [_moved(s, 1) if (s.cohort, s.module) == ("kathmandu-1", "feedback") else s for s in schedule.sessions]
    second = revise(bundle, schedule.model_copy(update={"sessions": moved}), legacy)
    assert [(c.cohort, c.module, c.what) for c in second.changes] == [("kathmandu-1", "feedback", ["moved"])]
