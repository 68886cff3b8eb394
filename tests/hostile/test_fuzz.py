"""Fuzzing the YAML and JSON readers under a memory cap: a value or a clean error, never a crash.

Each hypothesis run happens in one forked child whose address space is capped
(``capped.run_capped``), so an input that would blow up memory fails the test instead of
the machine; ``MemoryError``, ``RecursionError`` or any other exception is a failure.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from glocal.errors import InputError, Problem
from glocal.model import Schedule
from glocal.workspace.schedule_file import load_schedule
from glocal.workspace.yamlio import read_yaml

from .capped import Crashed, run_capped

RUNS = settings(max_examples=100, deadline=None, database=None, derandomize=True)

YAML_PIECES = [
    "a: ", "b: ", "- ", "&x ", "*x", "&y ", "*y", "[", "]", "{", "}", ", ", "\n", "  ", "'", '"', "\\", "!!str ",
    "!!python/object:os.system ", "!custom ", "<<: ", "? ", ": ", "# c", "|\n", ">-\n", "%YAML 1.2\n", "---\n",
    "...\n", "\x00", "\x1b[2J", "\u2028", "\u202e", "\ud800", "\t", "\r\n", "9999-12-31", "2027-02-30", "1e999",
    "0x" + "f" * 30, "9" * 5000, "~", "null", "yes", "NO", "x" * 1000,
]


def _yaml_never_crashes(texts: list[str]) -> str:
    folder = Path(tempfile.mkdtemp())

    @RUNS
    @given(st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=8), max_size=60).map("".join))
    def run(text: str) -> None:
        path = folder / "f.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        doc, problems = read_yaml(path, "f.yaml")
        assert (doc is None) == bool(problems)
        assert all(isinstance(p, Problem) and p.location.path == "f.yaml" for p in problems)

    @settings(max_examples=25, deadline=None, database=None, derandomize=True)
    @given(st.integers(1, 200_000), st.integers(1, 2_000), st.integers(1, 3))
    def amplified(size: int, aliases: int, levels: int) -> None:
        # Anchors of large text and of lists of aliases, repeated by alias: expanded lazily or refused.
        lines = [f"a0: &a0 {'x' * size}"]
        for level in range(1, levels + 1):
            lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * (aliases // levels + 1)) + "]")
        path = folder / "f.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        doc, problems = read_yaml(path, "f.yaml")
        assert (doc is None) == bool(problems)

    run()
    amplified()
    return "ok"


def _json_never_crashes(texts: list[str]) -> str:
    folder = Path(tempfile.mkdtemp())
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                          max_leaves=30)
    session = st.fixed_dictionaries({
        "cohort": st.text(max_size=5), "module": st.text(max_size=5), "facilitator": st.text(max_size=5),
        "start": st.sampled_from(["9999-12-31T23:00:00Z", "0001-01-01T00:00:00Z", "2027-02-09T08:00:00Z", "2027-02-09T08:00:00", "x"]),
        "end": st.sampled_from(["9999-12-31T23:59:00+14:00", "2027-02-09T09:00:00Z"]),
        "index": st.integers(), "count": st.integers(),
    })
    schedules = st.fixed_dictionaries({"program": st.text(max_size=5), "status": st.sampled_from(["optimal", "x"]),
                                       "sessions": st.lists(session | values, max_size=3)})

    @RUNS
    @given(schedules | values, st.integers(0, 200), st.sampled_from(["", "[", "{", "]", '"', "[" * 5000, "\x00"]))
    def run(data: object, cut: int, noise: str) -> None:
        text = json.dumps(data)
        text = text[: len(text) - cut] + noise if cut else text
        path = folder / "s.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            assert isinstance(load_schedule(path, "s.json"), Schedule)
        except InputError as exc:
            assert exc.problems and all(p.location.path == "s.json" for p in exc.problems)

    run()
    return "ok"


def test_yaml_reader_under_a_memory_cap() -> None:
    outcome = run_capped(_yaml_never_crashes, [])
    assert not isinstance(outcome, Crashed), outcome.error if isinstance(outcome, Crashed) else ""
    assert outcome == "ok"


def test_json_reader_under_a_memory_cap() -> None:
    outcome = run_capped(_json_never_crashes, [])
    assert not isinstance(outcome, Crashed), outcome.error if isinstance(outcome, Crashed) else ""
    assert outcome == "ok"


ICS_PIECES = [
    "BEGIN:VCALENDAR\r\n", "END:VCALENDAR\r\n", "BEGIN:VEVENT\r\n", "END:VEVENT\r\n", "BEGIN:VFREEBUSY\r\n",
    "END:VFREEBUSY\r\n", "VERSION:2.0\r\n", "UID:u\r\n", "DTSTART:20270201T090000Z\r\n", "DTEND:20270201T100000Z\r\n",
    "DTSTART;TZID=Romance Standard Time:20270203T090000\r\n", "DTSTART;TZID=Mars/Olympus:20270203T090000\r\n",
    "DTSTART;VALUE=DATE:20270205\r\n", "DTSTART:99991231T235959Z\r\n", "DTSTART:2027-02-01\r\n",
    "RRULE:FREQ=SECONDLY\r\n", "RRULE:FREQ=MINUTELY;INTERVAL=1\r\n", "RRULE:FREQ=DAILY;COUNT=99999999\r\n",
    "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU\r\n", "RRULE:garbage\r\n", "EXDATE:20270202T090000Z\r\n",
    "RDATE:20270210T090000Z\r\n", "RECURRENCE-ID:20270208T090000Z\r\n", "FREEBUSY;FBTYPE=BUSY:20270301T000000Z/PT2H\r\n",
    "FREEBUSY:20270301T000000Z/20260101T000000Z\r\n", "FREEBUSY:nonsense\r\n", "TRANSP:TRANSPARENT\r\n",
    "STATUS:CANCELLED\r\n", "SUMMARY:Canceled: x\r\n", " folded\r\n", "X-WR-TIMEZONE:Asia/Kathmandu\r\n",
    "\x00", "\ud800", "\u202e", ":\r\n", ";\r\n", "A" * 2000 + "\r\n",
]


def _ics_never_crashes(texts: list[str]) -> str:
    import datetime as dt

    from glocal.workspace.busy import read_busy

    folder = Path(tempfile.mkdtemp())

    piece = st.sampled_from(ICS_PIECES) | st.text(max_size=8)
    # mostly well-formed shells around hostile properties, so the parser and the recurrence
    # expansion are reached, not only the syntax check
    event = st.lists(st.sampled_from(ICS_PIECES[6:30]), max_size=8).map(
        lambda props: "BEGIN:VEVENT\r\nUID:u\r\n" + "".join(props) + "END:VEVENT\r\n")
    shell = st.lists(event, max_size=4).map(lambda events: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(events)
                                                               + "END:VCALENDAR\r\n")

    @settings(max_examples=150, deadline=None, database=None, derandomize=True)
    @given(shell | st.lists(piece, max_size=40).map("".join))
    def run(text: str) -> None:
        path = folder / "busy.ics"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        busy, problems = read_busy(path, "calendars/busy.ics", "Europe/Berlin", dt.date(2027, 2, 1), dt.date(2027, 4, 30))
        assert all(isinstance(p, Problem) and p.location.path == "calendars/busy.ics" for p in problems)
        assert all(b.end > b.start and b.start.tzinfo is not None for b in busy)

    run()
    return "ok"


def test_busy_calendar_reader_under_a_memory_cap() -> None:
    outcome = run_capped(_ics_never_crashes, [])
    assert not isinstance(outcome, Crashed), outcome.error if isinstance(outcome, Crashed) else ""
    assert outcome == "ok"
