"""One team, many programs: the shared facilitators.yaml, busy calendars as a hard rule (builder
and validator), hostile busy paths and files, and what `glocal check` says about the team."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli
from glocal.errors import InputError, Location
from glocal.model import Schedule, Status
from glocal.scheduling import solve, validate_schedule
from glocal.scheduling.problem import build_problem
from glocal.workspace import load_workspace
from glocal.workspace.busy import BusyTime
from tests.sched_factory import QUICK
from tests.teamhelp import cohort, module, person, program_files, write_portfolio

WEEK = "2027-03-01..2027-03-05"  # Monday to Friday
BERLIN = ("Europe/Berlin", "DE-BE")


def ics(*events: str) -> str:
    """A calendar of VEVENT bodies, CRLF like every exporter."""
    body = "".join(f"BEGIN:VEVENT\r\nUID:e{i}@test\r\nDTSTAMP:20270101T000000Z\r\n{e}END:VEVENT\r\n"
                   for i, e in enumerate(events))
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n{body}END:VCALENDAR\r\n"


# Mornings busy every working day of the week: 09:00-11:00 Berlin (TZID without VTIMEZONE).
MORNINGS = ics("DTSTART;TZID=Europe/Berlin:20270301T090000\r\nDTEND;TZID=Europe/Berlin:20270301T110000\r\n"
               "RRULE:FREQ=DAILY;COUNT=5\r\n")


def _workspace(root: Path, busy: list[str] | None = None, calendars: dict[str, str] | None = None,
               hours: str = "09:00-12:00") -> Path:
    files = program_files("alpha", [module("a", "60m")], [cohort("berlin", *BERLIN, "de_DE")], WEEK)
    ana = person("ana", *BERLIN, ["de"], hours, busy=busy or [])
    return write_portfolio(root, {"alpha": files}, [ana], calendars)


def _errors(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_workspace(root)
    return [str(p) for p in caught.value.problems if p.is_error]


# ---------------------------------------------------------------- the shared team


def test_a_program_without_its_own_file_uses_the_workspace_team(tmp_path: Path) -> None:
    bundle = load_workspace(_workspace(tmp_path)).bundle("alpha")
    assert [f.id for f in bundle.facilitators] == ["ana"]
    assert [doc.path for doc, _ in bundle.team_files] == ["facilitators.yaml"]


def test_a_program_file_adds_people_but_may_not_redefine_them(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    own = {"facilitators": [person("bo", *BERLIN, ["de"], "09:00-17:00"), person("ana", *BERLIN, ["de"], "09:00-17:00")]}
    (root / "programs/alpha/facilitators.yaml").write_text(json.dumps(own, indent=1), encoding="utf-8")
    assert _errors(root) == [
        ("programs/alpha/facilitators.yaml:14:10: facilitator id 'ana' is already defined in the workspace's "
        "team at facilitators.yaml:4:10; a program's facilitators.yaml may add people but not redefine them: "
        "remove this entry (the team's applies) or give it its own id"),
    ]
    own["facilitators"].pop()
    (root / "programs/alpha/facilitators.yaml").write_text(json.dumps(own, indent=1), encoding="utf-8")
    assert [f.id for f in load_workspace(root).bundle("alpha").facilitators] == ["ana", "bo"]


def test_without_any_team_file_the_program_file_is_missing(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    (root / "facilitators.yaml").unlink()
    assert _errors(root) == [
        ("programs/alpha/facilitators.yaml: missing file facilitators.yaml; every program folder needs program.yaml, "
        "rollout.yaml and facilitators.yaml (or put one facilitators.yaml, shared by every program, at the workspace root)"),
    ]


# ---------------------------------------------------------------- hostile busy paths and files


@pytest.mark.parametrize("entry, message", [
    ("/etc/passwd", ("busy calendar '/etc/passwd' is not a path inside the workspace; write it relative to the "
                    "workspace folder, e.g. calendars/ingrid.ics")),
    ("../outside.ics", "busy calendar '../outside.ics' may not contain '..'; keep the calendars inside the workspace"),
    ("calendars/link.ics", ("busy calendar 'calendars/link.ics' leads outside the workspace (a symbolic link?); "
                           "copy the exported file into the workspace")),
    ("calendars", "busy calendar 'calendars' is not a file; name the exported .ics file itself"),
    ("calendars/none.ics", ("busy calendar 'calendars/none.ics' does not exist; export the facilitator's calendar "
                           "as .ics to that path")),
])
def test_busy_paths_stay_inside_the_workspace(tmp_path: Path, entry: str, message: str) -> None:
    outside = tmp_path / "outside.ics"
    outside.write_text(MORNINGS, encoding="utf-8")
    root = _workspace(tmp_path / "ws", busy=[entry])
    (root / "calendars").mkdir()
    (root / "calendars/link.ics").symlink_to(outside)
    assert _errors(root) == [f"facilitators.yaml:13:5: {message}"]


def test_a_bad_busy_file_is_an_input_error_at_its_line(tmp_path: Path) -> None:
    broken = MORNINGS.replace("DTEND;TZID=Europe/Berlin:20270301T110000", "DTEND;TZID=Europe/Berlin:tomorrow")
    root = _workspace(tmp_path, busy=["calendars/ana.ics"], calendars={"calendars/ana.ics": broken})
    result = CliRunner().invoke(cli, ["check", "--workspace", str(root)])
    assert result.exit_code == 2
    assert "calendars/ana.ics:8:1: DTEND" in result.output
    assert "Traceback" not in result.output


def test_an_endless_rule_is_read_only_over_the_window(tmp_path: Path) -> None:
    forever = ics("DTSTART;TZID=Europe/Berlin:20200101T090000\r\nDTEND;TZID=Europe/Berlin:20200101T093000\r\n"
                  "RRULE:FREQ=DAILY\r\n")
    root = _workspace(tmp_path, busy=["calendars/ana.ics"], calendars={"calendars/ana.ics": forever})
    started = time.monotonic()
    bundle = load_workspace(root).bundle("alpha")
    assert time.monotonic() - started < 10
    days = sorted({b.start.date() for b in bundle.busy["ana"]})
    # the window and the margin the loader reads around it (+-2 days for far zones, +-1 in the reader)
    assert days[0] >= dt.date(2027, 2, 26) and days[-1] <= dt.date(2027, 3, 8)
    assert dt.date(2027, 3, 1) in days and dt.date(2027, 3, 5) in days


def test_a_huge_rule_without_end_is_refused_not_expanded_forever(tmp_path: Path) -> None:
    every_minute = ics("DTSTART:20270101T000000Z\r\nDTEND:20270101T000001Z\r\nRRULE:FREQ=SECONDLY\r\n")
    root = _workspace(tmp_path, busy=["calendars/ana.ics"], calendars={"calendars/ana.ics": every_minute})
    started = time.monotonic()
    errors = _errors(root)
    assert time.monotonic() - started < 5  # refused before the library walks a step
    assert errors == [("calendars/ana.ics:4:1: a recurring event repeats more than 50000 times up to the rollout's "
                      "end (its RRULE is too frequent or starts too long ago); export the calendar for the "
                      "rollout's dates only")]


# ---------------------------------------------------------------- busy time: a hard rule


def test_busy_time_leaves_the_facilitator_only_the_free_hour(tmp_path: Path) -> None:
    root = _workspace(tmp_path, busy=["calendars/ana.ics"], calendars={"calendars/ana.ics": MORNINGS})
    bundle = load_workspace(root).bundle("alpha")
    problem = build_problem(bundle)
    session = problem.sessions[0]
    starts = [p for o in problem.options[session.number] for p in o.starts]
    # 11:00 Berlin (10:00 UTC) is the only start on each day: the busy time ends at 11, work at 12.
    assert {problem.axis.instant(low).astimezone(dt.UTC).time() for low, _ in starts} == {dt.time(10, 0)}
    schedule = solve(bundle, QUICK)
    assert schedule.status is Status.OPTIMAL
    assert schedule.sessions[0].start.astimezone(dt.UTC).time() == dt.time(10, 0)
    assert validate_schedule(bundle, schedule) == []


def test_busy_time_over_all_working_time_makes_the_plan_impossible(tmp_path: Path) -> None:
    root = _workspace(tmp_path, busy=["calendars/ana.ics"], calendars={"calendars/ana.ics": MORNINGS}, hours="09:00-11:00")
    schedule = solve(load_workspace(root).bundle("alpha"), QUICK)
    assert schedule.status is Status.INFEASIBLE
    assert [r.text for r in schedule.reasons] == [
        "cohort berlin and ana have no working day in common in the window (busy calendar time included)"]


def test_the_validator_rejects_a_session_in_busy_time(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    bundle = load_workspace(root).bundle("alpha")
    schedule = solve(bundle, QUICK)
    assert validate_schedule(bundle, schedule) == []
    placed = schedule.sessions[0]
    bundle.busy = {"ana": [BusyTime(placed.start + dt.timedelta(minutes=59), placed.end + dt.timedelta(hours=1),
                                    Location("calendars/ana.ics", 7, 1))]}
    found = validate_schedule(bundle, schedule)
    assert [v.rule for v in found] == ["busy"]
    assert "calendars/ana.ics:7:1" in found[0].text
    # touching is not overlapping: the busy time may start when the session ends
    bundle.busy = {"ana": [BusyTime(placed.end, placed.end + dt.timedelta(hours=1), Location("x.ics", 1, 1))]}
    assert validate_schedule(bundle, schedule) == []


def test_check_reports_what_the_programs_ask_of_each_facilitator(tmp_path: Path) -> None:
    root = _workspace(tmp_path, busy=["calendars/ana.ics"], calendars={"calendars/ana.ics": MORNINGS})
    result = CliRunner().invoke(cli, ["check", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "ana" in line)
    assert row.split("│")[1:-1] == [" ana         ", "        1 ", "           1 ", "         1 ",
                                    "                   - ", "       10.0 "]


def test_schedule_model_unchanged_by_busy(tmp_path: Path) -> None:
    """Busy intervals never reach schedule.json (client work stays private)."""
    root = _workspace(tmp_path, busy=["calendars/ana.ics"], calendars={"calendars/ana.ics": MORNINGS})
    schedule = solve(load_workspace(root).bundle("alpha"), QUICK)
    assert set(Schedule.model_fields) >= set(json.loads(schedule.model_dump_json()))
    assert "busy" not in schedule.model_dump_json()


def test_the_report_shows_how_much_working_time_busy_calendars_took(example_root: Path) -> None:
    from glocal.report.busy import busy_share

    bundle = load_workspace(example_root).bundle("leading-through-change")
    layla = next(f for f in bundle.facilitators if f.id == "layla")
    share = busy_share(bundle, layla)
    assert share is not None
    # Tuesdays 09:00-13:00 London on 2, 16, 30 March and 6 April (9 March lies inside the
    # VFREEBUSY week and counts once; 23 March is an EXDATE): 16 h, plus 8-12 March, five
    # working days of 10 h: 66 h; the transparent half-term note takes nothing.
    assert share.busy == 66 * 60
    assert round(share.percent, 1) == round(100 * 66 * 60 / share.working, 1)
    assert busy_share(bundle, next(f for f in bundle.facilitators if f.id == "omar")) is None
