"""A small portfolio planned with `glocal plan --all`: nobody double-booked, over a weekly limit
or in busy time (judged by the independent validator); a program planned alone around the
others' plans; the portfolio folder and its team view."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal import output
from glocal.cli import cli
from glocal.model import Status
from glocal.scheduling import solve, validate_portfolio
from glocal.workspace import load_workspace
from glocal.workspace.schedule_file import load_schedule
from tests.sched_factory import NO_WEIGHTS, QUICK
from tests.teamhelp import cohort, module, person, program_files, write_portfolio

TWO_WEEKS = "2027-03-01..2027-03-12"
BERLIN = ("Europe/Berlin", "DE-BE")
# ana works 09:00-11:00 and her calendar is busy 09:00-10:00 every weekday (Outlook's Windows
# zone name, no VTIMEZONE, an EXDATE that gives her one morning back, and a transparent
# all-day event that must not block anything): one free hour a day, at most two sessions a week.
ANA_ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
    "BEGIN:VEVENT\r\nUID:standup@test\r\nDTSTAMP:20270101T000000Z\r\n"
    "DTSTART;TZID=W. Europe Standard Time:20270301T090000\r\nDTEND;TZID=W. Europe Standard Time:20270301T100000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO,TU,WE,TH,FR\r\nEXDATE;TZID=W. Europe Standard Time:20270310T090000\r\n"
    "SUMMARY:client stand-up\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:offsite@test\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270302\r\n"
    "DTEND;VALUE=DATE:20270303\r\nTRANSP:TRANSPARENT\r\nSUMMARY:reminder\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)
# ... and a free/busy export blocks Monday and Tuesday of the second week.
ANA_FREEBUSY = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//freebusy//EN\r\nBEGIN:VFREEBUSY\r\nUID:fb@test\r\n"
    "DTSTAMP:20270101T000000Z\r\nFREEBUSY;FBTYPE=BUSY:20270307T230000Z/20270309T230000Z\r\n"
    "END:VFREEBUSY\r\nEND:VCALENDAR\r\n"
)
EARLY = {**NO_WEIGHTS, "early_finish": 1}  # alone, each program would take the first free days


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    """Two programs, one cohort each, two modules each, and one facilitator for all of it."""
    programs = {
        pid: program_files(pid, [module("a", "60m"), module("b", "60m", after="a")],
                           [cohort("berlin", *BERLIN, "de_DE", working_hours="09:00-17:00")], TWO_WEEKS,
                           objectives=EARLY)
        for pid in ("alpha", "beta")
    }
    team = [person("ana", *BERLIN, ["de"], "09:00-11:00", max_sessions_per_week=2,
                   busy=["calendars/ana.ics", "calendars/ana-freebusy.ics"])]
    calendars = {"calendars/ana.ics": ANA_ICS, "calendars/ana-freebusy.ics": ANA_FREEBUSY}
    return write_portfolio(tmp_path / "ws", programs, team, calendars)


def _plans(folder: Path, ids: list[str]) -> dict[str, object]:
    return {pid: load_schedule(folder / pid / "schedule.json") for pid in ids}


def test_planned_alone_the_programs_would_double_book(portfolio: Path) -> None:
    """The instance decides: the validator must catch what planning apart gets wrong."""
    loaded = load_workspace(portfolio)
    bundles = [loaded.bundle("alpha"), loaded.bundle("beta")]
    apart = {b.id: solve(b, QUICK) for b in bundles}
    rules = {v.rule for v in validate_portfolio(bundles, apart)}
    assert {"portfolio-overlap", "portfolio-per-week"} <= rules


def test_plan_all_books_nobody_twice_over_a_limit_or_in_busy_time(portfolio: Path, tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    result = CliRunner().invoke(cli, ["plan", "--all", "--out", str(out), "--time-limit", "10",
                                      "--workers", "1", "--workspace", str(portfolio)])
    assert result.exit_code == 0, result.output
    loaded = load_workspace(portfolio)
    bundles = [loaded.bundle("alpha"), loaded.bundle("beta")]
    plans = _plans(out, ["alpha", "beta"])
    assert all(p.status is not Status.INFEASIBLE for p in plans.values())
    assert validate_portfolio(bundles, plans) == []
    starts = sorted(s.start for p in plans.values() for s in p.sessions)
    assert len(starts) == 4 and len(set(starts)) == 4
    # the free hour 10:00-11:00 Berlin (09:00 UTC), never in the busy hour - except on 10 March,
    # the EXDATE, when 09:00 is free too - and never on the two days of the free/busy block
    assert all(s.hour == 9 or (s.date(), s.hour) == (dt.date(2027, 3, 10), 8) for s in starts), starts
    assert not {s.date() for s in starts} & {dt.date(2027, 3, 8), dt.date(2027, 3, 9)}
    for pid in ("alpha", "beta"):
        check = CliRunner().invoke(cli, ["validate", str(out / pid / "schedule.json"), "--workspace", str(portfolio)])
        assert check.exit_code == 0, check.output
    team = out / "team" / "calendars" / "ana.ics"
    assert team.read_bytes().count(b"BEGIN:VEVENT") == 4
    report = (out / "alpha" / "report.html").read_text(encoding="utf-8")
    assert "busy calendars took" in report and "% of their working time in the window" in report
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="alpha/report.html"' in page and 'href="team/calendars/ana.ics"' in page
    assert json.loads((out / "portfolio.json").read_text()) == {
        "programs": {"alpha": {"sessions": 2, "status": "optimal"}, "beta": {"sessions": 2, "status": "optimal"}}}


def test_the_same_portfolio_gives_the_same_bytes(portfolio: Path, tmp_path: Path) -> None:
    folders = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = CliRunner().invoke(cli, ["plan", "alpha", "beta", "--out", str(out), "--time-limit", "10",
                                          "--workers", "1", "--workspace", str(portfolio)])
        assert result.exit_code == 0, result.output
        folders.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert folders[0] == folders[1]


def test_a_program_planned_alone_keeps_clear_of_the_others_plans(portfolio: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(portfolio)  # the default output folders: out/<program>/
    runner = CliRunner()
    first = runner.invoke(cli, ["plan", "beta", "--time-limit", "10", "--workers", "1"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(cli, ["plan", "alpha", "--time-limit", "10", "--workers", "1"])
    assert second.exit_code == 0, second.output
    assert "sessions of out/beta/schedule.json are busy time for this plan" in second.output
    loaded = load_workspace(portfolio)
    bundles = [loaded.bundle("alpha"), loaded.bundle("beta")]
    plans = _plans(portfolio / "out", ["alpha", "beta"])
    # busy time only: the weekly limit is not counted across (documented); overlaps never happen
    assert [v for v in validate_portfolio(bundles, plans) if v.rule != "portfolio-per-week"] == []


def test_a_portfolio_replaces_a_folder_of_plans_and_keeps_the_others(portfolio: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(portfolio)
    runner = CliRunner()
    assert runner.invoke(cli, ["plan", "beta", "--time-limit", "10", "--workers", "1"]).exit_code == 0
    output.write_folder(portfolio / "out" / "gamma", {"schedule.json": b"{}"})  # another program's plan
    result = runner.invoke(cli, ["plan", "alpha", "beta", "--time-limit", "10", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert (portfolio / "out" / "gamma" / "schedule.json").read_text() == "{}"
    assert (portfolio / "out" / "alpha" / "report.html").is_file()


def test_previous_is_for_one_program(portfolio: Path) -> None:
    result = CliRunner().invoke(cli, ["plan", "--all", "--previous", "x.json", "--workspace", str(portfolio)])
    assert result.exit_code == 2
    assert "--previous names one program's plan" in result.output
    result = CliRunner().invoke(cli, ["plan", "--workspace", str(portfolio)])
    assert result.exit_code == 2 and "no program to plan" in result.output


def test_all_in_a_workspace_of_one_program(tmp_path: Path) -> None:
    files = program_files("alpha", [module("a", "60m")], [cohort("berlin", *BERLIN, "de_DE")], TWO_WEEKS)
    root = write_portfolio(tmp_path / "ws", {"alpha": files}, [person("ana", *BERLIN, ["de"], "09:00-17:00")])
    out = tmp_path / "OUT"
    result = CliRunner().invoke(cli, ["plan", "--all", "--out", str(out), "--time-limit", "5", "--workers", "1",
                                      "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    assert load_schedule(out / "alpha" / "schedule.json").status is Status.OPTIMAL
    assert (out / "team" / "calendars" / "ana.ics").is_file()


def test_a_portfolio_without_a_plan_exits_1_with_the_reasons(portfolio: Path, tmp_path: Path) -> None:
    team = portfolio / "facilitators.yaml"
    team.write_text(team.read_text(encoding="utf-8").replace('"max_sessions_per_week": 2', '"max_sessions_per_week": 1'),
                    encoding="utf-8")
    out = tmp_path / "OUT"
    result = CliRunner().invoke(cli, ["plan", "--all", "--out", str(out), "--time-limit", "5", "--workers", "1",
                                      "--workspace", str(portfolio)])
    assert result.exit_code == 1, result.output
    for pid in ("alpha", "beta"):
        plan = load_schedule(out / pid / "schedule.json")
        assert plan.status is Status.INFEASIBLE and plan.reasons
        assert f"no plan for {pid} satisfies every rule:" in result.output


def test_a_portfolio_replanned_keeps_its_plans_and_freezes_what_was_delivered(portfolio: Path, tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    args = ["plan", "--all", "--out", str(out), "--time-limit", "5", "--workers", "1", "--workspace", str(portfolio)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    first = _plans(out, ["alpha", "beta"])
    # a week later ana's calendar fills the free hour on every Friday: what was delivered stays
    team = portfolio / "calendars" / "ana.ics"
    team.write_text(team.read_text(encoding="utf-8").replace(
        "END:VCALENDAR", "BEGIN:VEVENT\r\nUID:fri@test\r\nDTSTAMP:20270101T000000Z\r\n"
        "DTSTART;TZID=Europe/Berlin:20270305T100000\r\nDTEND;TZID=Europe/Berlin:20270305T110000\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\nEND:VCALENDAR"), encoding="utf-8", newline="")
    result = CliRunner().invoke(cli, [*args, "--freeze-before", "2027-03-06"])
    assert result.exit_code == 0, result.output
    second = _plans(out, ["alpha", "beta"])
    for pid in ("alpha", "beta"):
        before = {(s.cohort, s.module): s.start for s in first[pid].sessions if s.start.date() < dt.date(2027, 3, 6)}
        after = {(s.cohort, s.module): s.start for s in second[pid].sessions}
        assert all(after[key] == start for key, start in before.items())
    loaded = load_workspace(portfolio)  # with the new Fridays: the validator checks busy time too
    assert validate_portfolio([loaded.bundle("alpha"), loaded.bundle("beta")], second) == []


def test_freeze_before_keeps_a_delivered_session_that_a_fresh_plan_would_move(portfolio: Path) -> None:
    from glocal.scheduling import SolveOptions, solve_portfolio

    loaded = load_workspace(portfolio)
    bundles = [loaded.bundle("alpha"), loaded.bundle("beta")]
    best = solve_portfolio(bundles, QUICK)
    assert validate_portfolio(bundles, best) == []
    # the earlier plan had alpha's first session on Thursday 4 March (valid, but later than best)
    thursday = dt.datetime(2027, 3, 4, 9, tzinfo=dt.UTC)
    taken = {s.start for plan in best.values() for s in plan.sessions}
    assert thursday not in taken
    first = next(s for s in best["alpha"].sessions if s.module == "a")
    moved = first.model_copy(update={"start": thursday, "end": thursday + dt.timedelta(hours=1)})
    earlier = {"alpha": best["alpha"].model_copy(update={"sessions": [moved]}), "beta": best["beta"]}
    kept = solve_portfolio(bundles, SolveOptions(time_limit=5, workers=1, freeze_before=dt.date(2027, 3, 6)), earlier)
    assert next(s for s in kept["alpha"].sessions if s.module == "a").start == thursday
    assert validate_portfolio(bundles, kept) == []
    fresh = solve_portfolio(bundles, QUICK, earlier)  # not frozen: early finish moves it
    assert next(s for s in fresh["alpha"].sessions if s.module == "a").start != thursday


def test_planned_alone_a_weekly_limit_over_both_programs_is_a_warning(portfolio: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # ana: two sessions a week at most; beta takes both of week 1, then alpha alone can only
    # avoid beta's hours, not her limit over both programs: it says so (planning together keeps it)
    monkeypatch.chdir(portfolio)
    runner = CliRunner()
    assert runner.invoke(cli, ["plan", "beta", "--time-limit", "5", "--workers", "1"]).exit_code == 0
    result = runner.invoke(cli, ["plan", "alpha", "--time-limit", "5", "--workers", "1"])
    assert result.exit_code == 0, result.output
    loaded = load_workspace(portfolio)
    plans = _plans(portfolio / "out", ["alpha", "beta"])
    over = [v for v in validate_portfolio([loaded.bundle("alpha"), loaded.bundle("beta")], plans)
            if v.rule == "portfolio-per-week"]
    assert over  # the instance decides: alone, alpha takes the first free days too
    warned = [line for line in result.output.splitlines() if line.startswith("warning: session alpha:berlin/")]
    assert len(warned) == len(over)
    assert all("over all programs; max_sessions_per_week is 2; plan the programs together (glocal plan --all) "
               "to keep it" in line for line in warned)


def test_a_folder_with_anything_but_plans_is_never_replaced(portfolio: Path, tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    (out / "alpha").mkdir(parents=True)
    (out / "alpha" / "schedule.json").write_text("{}", encoding="utf-8")
    (out / ".git").mkdir()  # not a plan: the portfolio would delete it
    result = CliRunner().invoke(cli, ["plan", "--all", "--out", str(out), "--time-limit", "5", "--workers", "1",
                                      "--workspace", str(portfolio)])
    assert result.exit_code == 2, result.output
    assert "is not a glocal plan folder" in result.output
    assert (out / ".git").is_dir()
