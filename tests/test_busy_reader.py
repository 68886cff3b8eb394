"""Busy times read from calendars in the shapes real exporters write, and hostile ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from glocal.errors import Severity
from glocal.workspace.busy import MAX_OCCURRENCES, MAX_RULE_STEPS, read_busy

UTC = dt.UTC
FIRST, LAST = dt.date(2027, 2, 1), dt.date(2027, 4, 30)


def _ics(*body: str, head: str = "") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//busy//EN", *([head] if head else []), *body,
             "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def _event(uid: str, *props: str) -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20270101T000000Z", *props, "END:VEVENT"]


def _read(tmp_path: Path, text: str | bytes, zone: str = "Europe/Berlin",
          first: dt.date = FIRST, last: dt.date = LAST):  # type: ignore[no-untyped-def]
    path = tmp_path / "busy.ics"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return read_busy(path, "calendars/busy.ics", zone, first, last)


def _utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_outlook_weekly_block_with_windows_zone_count_and_exdate(tmp_path: Path) -> None:
    text = _ics(*_event(
        "weekly", "SUMMARY:Client work",
        "DTSTART;TZID=Romance Standard Time:20270203T090000",
        "DTEND;TZID=Romance Standard Time:20270203T120000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "EXDATE;TZID=Romance Standard Time:20270210T090000",
    ))
    busy, problems = _read(tmp_path, text)
    assert problems == []
    # Paris is UTC+1 in February: 09:00-12:00 local is 08:00-11:00 UTC; the 10th is excluded
    assert [(b.start, b.end) for b in busy] == [
        (_utc(2027, 2, 3, 8), _utc(2027, 2, 3, 11)),
        (_utc(2027, 2, 17, 8), _utc(2027, 2, 17, 11)),
        (_utc(2027, 2, 24, 8), _utc(2027, 2, 24, 11)),
    ]
    assert busy[0].source.line == 4  # the BEGIN:VEVENT line, for messages


def test_a_moved_occurrence_replaces_the_original(tmp_path: Path) -> None:
    text = _ics(
        *_event("w", "DTSTART;TZID=Europe/Berlin:20270203T090000", "DTEND;TZID=Europe/Berlin:20270203T100000",
                "RRULE:FREQ=WEEKLY;COUNT=2"),
        *_event("w", "RECURRENCE-ID;TZID=Europe/Berlin:20270210T090000",
                "DTSTART;TZID=Europe/Berlin:20270211T140000", "DTEND;TZID=Europe/Berlin:20270211T150000"),
    )
    busy, problems = _read(tmp_path, text)
    assert problems == []
    assert [(b.start, b.end) for b in busy] == [
        (_utc(2027, 2, 3, 8), _utc(2027, 2, 3, 9)),
        (_utc(2027, 2, 11, 13), _utc(2027, 2, 11, 14)),
    ]
    assert busy[1].source.line == 11  # the override's own VEVENT


def test_a_weekly_block_keeps_local_time_across_the_dst_change(tmp_path: Path) -> None:
    text = _ics(*_event("ny", "DTSTART;TZID=America/New_York:20270308T090000",
                        "DTEND;TZID=America/New_York:20270308T100000", "RRULE:FREQ=WEEKLY;COUNT=2"))
    busy, _ = _read(tmp_path, text, zone="America/New_York")
    # 09:00 EST is 14:00 UTC; after the change on 14 March, 09:00 EDT is 13:00 UTC
    assert [b.start for b in busy] == [_utc(2027, 3, 8, 14), _utc(2027, 3, 15, 13)]


def test_google_utc_times_transparent_and_all_day_events(tmp_path: Path) -> None:
    text = _ics(
        *_event("u", "DTSTART:20270205T130000Z", "DTEND:20270205T143000Z"),
        *_event("holiday-free", "DTSTART;VALUE=DATE:20270206", "DTEND;VALUE=DATE:20270207", "TRANSP:TRANSPARENT"),
        *_event("offsite", "DTSTART;VALUE=DATE:20270208", "DTEND;VALUE=DATE:20270210"),
        head="X-WR-TIMEZONE:Asia/Tokyo",
    )
    busy, problems = _read(tmp_path, text, zone="Asia/Tokyo")
    assert problems == []
    assert [(b.start, b.end) for b in busy] == [
        (_utc(2027, 2, 5, 13), _utc(2027, 2, 5, 14, 30)),
        # two whole days in Tokyo: from 8 Feb 00:00 JST to 10 Feb 00:00 JST
        (_utc(2027, 2, 7, 15), _utc(2027, 2, 9, 15)),
    ]


def test_floating_times_are_in_the_facilitator_zone(tmp_path: Path) -> None:
    text = _ics(*_event("f", "DTSTART:20270205T090000", "DTEND:20270205T100000"))
    busy, _ = _read(tmp_path, text, zone="Asia/Kathmandu")
    assert busy[0].start == _utc(2027, 2, 5, 3, 15)  # Kathmandu is UTC+05:45


def test_cancelled_and_free_events_are_not_busy_a_canceled_title_is_kept_with_a_warning(tmp_path: Path) -> None:
    text = _ics(
        *_event("c", "DTSTART:20270205T130000Z", "DTEND:20270205T140000Z", "STATUS:CANCELLED"),
        *_event("f", "DTSTART:20270205T150000Z", "DTEND:20270205T160000Z", "X-MICROSOFT-CDO-BUSYSTATUS:FREE"),
        *_event("o", "DTSTART:20270206T090000Z", "DTEND:20270206T100000Z", "SUMMARY:Canceled: Steering group",
                "STATUS:CONFIRMED"),
    )
    busy, problems = _read(tmp_path, text)
    assert [b.start for b in busy] == [_utc(2027, 2, 6, 9)]
    assert [(p.severity, p.location.line) for p in problems] == [(Severity.WARNING, 18)]
    assert "kept as busy" in problems[0].message


def test_freebusy_periods_busy_kinds_only(tmp_path: Path) -> None:
    text = _ics(
        "BEGIN:VFREEBUSY", "UID:fb", "DTSTAMP:20270101T000000Z",
        "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20270301T000000Z/20270315T000000Z",
        "FREEBUSY;FBTYPE=FREE:20270320T000000Z/20270321T000000Z",
        "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20270401T090000Z/PT2H",
        "END:VFREEBUSY",
    )
    busy, problems = _read(tmp_path, text)
    assert problems == []
    assert [(b.start, b.end) for b in busy] == [
        (_utc(2027, 3, 1), _utc(2027, 3, 15)),
        (_utc(2027, 4, 1, 9), _utc(2027, 4, 1, 11)),
    ]


def test_only_the_asked_days_are_expanded_and_an_endless_rule_is_fine(tmp_path: Path) -> None:
    text = _ics(*_event("d", "DTSTART:20200101T090000Z", "DTEND:20200101T093000Z", "RRULE:FREQ=DAILY"))
    busy, problems = _read(tmp_path, text, first=dt.date(2027, 2, 1), last=dt.date(2027, 2, 7))
    assert problems == []
    # the asked days plus a day of margin each side, never the years before
    assert _utc(2027, 1, 31, 9) <= busy[0].start and busy[-1].start <= _utc(2027, 2, 9, 9)
    assert 7 <= len(busy) <= 10


def test_a_minutely_rule_is_cut_with_a_clear_error(tmp_path: Path) -> None:
    # every 3 minutes from the first day: within MAX_RULE_STEPS, but too many busy events
    text = _ics(*_event("m", "DTSTART:20270201T000000Z", "DTEND:20270201T000030Z", "RRULE:FREQ=MINUTELY;INTERVAL=3"))
    busy, problems = _read(tmp_path, text, first=dt.date(2027, 2, 1), last=dt.date(2027, 3, 31))
    assert len(busy) <= MAX_OCCURRENCES
    assert any(str(MAX_OCCURRENCES) in p.message for p in problems)


def test_a_rule_the_library_would_walk_for_minutes_is_refused_at_once(tmp_path: Path) -> None:
    # endless and every second: expanding it took 95 s; its estimate refuses it before any step
    text = _ics(*_event("s", "DTSTART:20260101T000000Z", "DTEND:20260101T000001Z", "RRULE:FREQ=SECONDLY"))
    busy, problems = _read(tmp_path, text, first=dt.date(2027, 2, 1), last=dt.date(2027, 2, 7))
    assert busy == []
    assert [p.message for p in problems] == [
        (f"a recurring event repeats more than {MAX_RULE_STEPS} times up to the rollout's end (its RRULE is too "
        "frequent or starts too long ago); export the calendar for the rollout's dates only")]


def test_broken_files_say_where(tmp_path: Path) -> None:
    text = _ics(*_event("b", "DTSTART:20270205T130000Z", "this is not a property", "DTEND:20270205T140000Z"))
    busy, problems = _read(tmp_path, text)
    assert busy == []
    assert [(p.location.path, p.location.line) for p in problems] == [("calendars/busy.ics", 8)]
    assert "NAME[;PARAM=VALUE]:VALUE" in problems[0].message

    _, problems = _read(tmp_path, "hello: world\n")
    assert "BEGIN:VCALENDAR" in problems[0].message

    _, problems = _read(tmp_path, _ics("X-NOTE:caf\xe9").encode("utf-8").replace("é".encode(), b"\xe9"))
    assert problems[0].location.line == 4 and "UTF-8" in problems[0].message


def test_bad_value_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = _ics(*_event("v", "DTSTART:2027-02-05 13:00", "DTEND:20270205T140000Z"))
    busy, problems = _read(tmp_path, text)
    assert busy == [] and problems and problems[0].location.line == 7



def test_this_and_future_moves_every_later_occurrence(tmp_path: Path) -> None:
    # Apple and Google write RANGE=THISANDFUTURE when "all future events" of a series move
    text = _ics(
        *_event("t", "DTSTART;TZID=Europe/Berlin:20270203T090000", "DTEND;TZID=Europe/Berlin:20270203T100000",
                "RRULE:FREQ=WEEKLY;COUNT=4"),
        *_event("t", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20270217T090000",
                "DTSTART;TZID=Europe/Berlin:20270217T140000", "DTEND;TZID=Europe/Berlin:20270217T150000"),
    )
    busy, problems = _read(tmp_path, text)
    assert problems == []
    assert [(b.start, b.end) for b in busy] == [
        (_utc(2027, 2, 3, 8), _utc(2027, 2, 3, 9)),
        (_utc(2027, 2, 10, 8), _utc(2027, 2, 10, 9)),
        (_utc(2027, 2, 17, 13), _utc(2027, 2, 17, 14)),
        (_utc(2027, 2, 24, 13), _utc(2027, 2, 24, 14)),
    ]


def test_a_property_given_twice_in_one_event_is_an_error_not_a_crash(tmp_path: Path) -> None:
    # found by the fuzzer (tests/hostile/test_fuzz.py): two DTSTARTs made icalendar hand back a list
    text = _ics(*_event("twice", "DTSTART:20270201T090000Z", "DTSTART:20270201T100000Z", "RRULE:FREQ=DAILY;COUNT=2"))
    busy, problems = _read(tmp_path, text)
    assert busy == [] and problems and "DTSTART appears more than once" in problems[0].message
    assert problems[0].location.line == 4
