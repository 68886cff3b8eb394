"""Progress while solving: plain, parseable, thinned lines when not on a terminal; a live bar on one."""

from __future__ import annotations

import io
import time

from rich.console import Console

from glocal.cli.plan_display import SolveProgress, summary_table
from glocal.report.view_model import CohortSummary
from glocal.scheduling import Progress


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=200, color_system=None), buffer


def test_plain_lines_are_thinned_and_the_last_state_is_always_shown() -> None:
    console, buffer = _console(terminal=False)
    reports = [Progress(0.2, 54, 54, 900, 300), Progress(0.5, 54, 54, 880, 300),
               Progress(1.3, 54, 54, 870, 320), Progress(1.4, 54, 54, 865, 865)]
    with SolveProgress(console, 54) as progress:
        for report in reports:
            progress.update(report)
    assert buffer.getvalue().splitlines() == [
        "progress elapsed=0.2 placed=54/54 objective=900 bound=300",
        "progress elapsed=1.3 placed=54/54 objective=870 bound=320",
        "progress elapsed=1.4 placed=54/54 objective=865 bound=865",
    ]


def test_plain_line_without_objective_yet() -> None:
    console, buffer = _console(terminal=False)
    with SolveProgress(console, 54) as progress:
        progress.update(Progress(3.0, 12, 54, None, None))
    assert buffer.getvalue() == "progress elapsed=3.0 placed=12/54 objective=- bound=-\n"


def test_terminal_shows_a_live_display_not_plain_lines() -> None:
    console, buffer = _console(terminal=True)
    with SolveProgress(console, 54) as progress:
        progress.update(Progress(1.0, 54, 54, 900, 300))
    assert "progress elapsed=" not in buffer.getvalue()
    assert "placed 54/54  objective 900  bound 300" in buffer.getvalue()


def test_summary_table_cells_are_text_not_markup() -> None:
    console, buffer = _console(terminal=False)
    row = CohortSummary("oslo-1", "nb_NO", "Europe/Oslo", 6, "Mon 1 Feb 2027, 10:30", "Mon 22 Mar 2027, 10:30",
                        ["ingrid", "[bold]lars[/bold]"], 5, 6)
    console.print(summary_table([row]))
    text = buffer.getvalue()
    assert "oslo-1" in text and "Mon 22 Mar 2027, 10:30" in text and "83% (5/6)" in text
    assert "[bold]lars[/bold]" in text


def test_a_quiet_solver_still_shows_progress_every_second() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False, width=200)
    with SolveProgress(console, 600, time.monotonic()) as progress:
        progress.update(Progress(0.0, 0, 0, None, None, "pre-solve"))
        time.sleep(2.3)  # nothing new from the solver meanwhile: the heartbeat repeats the state
    lines = buffer.getvalue().splitlines()
    assert len(lines) >= 2
    assert all(line.startswith("progress elapsed=") and "placed=0/600" in line and line.endswith("phase=pre-solve")
               for line in lines)
    elapsed = [float(line.split()[1].removeprefix("elapsed=")) for line in lines]
    assert elapsed == sorted(elapsed) and elapsed[-1] >= 1.0  # the run's wall clock, not the solver's
