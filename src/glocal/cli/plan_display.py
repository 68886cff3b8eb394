"""What ``glocal plan`` shows while and after solving: progress, the summary table, warnings.

On a terminal, progress is a rich live display; otherwise one parseable line per improving
solution (``progress elapsed=1.2 placed=54/54 objective=310 bound=290``, with ``phase=...``
outside the search), on stderr so stdout stays the result. Given the run's start, elapsed is
the run's wall clock and the last state is repeated every second while the solver is quiet
(pre-solve, construction), so progress shows from the first second.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from glocal.report.view_model import CohortSummary

PLAIN_EVERY = 1.0  # seconds between two plain progress lines


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class _Start:
    """The state shown before the solver's first report."""

    total: int
    elapsed: float = 0.0
    placed: int = 0
    objective: int | None = None
    bound: int | None = None
    phase: str = "starting"


class SolveProgress:
    """A context manager whose ``update`` is the solver's ``on_progress`` callback."""

    def __init__(self, console: Console, total: int, started: float | None = None) -> None:
        self.console = console
        self.total = total
        self.started = started  # time.monotonic() at the start of the run: heartbeat and run-clock elapsed
        self.live = console.is_terminal
        self._latest: Any = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._lock = threading.Lock()  # the solver may call back from its own threads
        self._progress: Progress | None = None
        self._task: Any = None
        self._printed_at = -PLAIN_EVERY  # elapsed time of the last plain line
        self._pending: Any = None  # the latest report not yet printed as a plain line

    def __enter__(self) -> Self:
        if self.live:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("solving"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[info]}"),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            # No bar: the time limit is solver-deterministic time, not wall-clock seconds.
            self._task = self._progress.add_task("solve", total=None, info=f"placed 0/{self.total}")
        elif self.started is not None:
            self._ticker = threading.Thread(target=self._tick, name="glocal-progress", daemon=True)
            self._ticker.start()
        return self

    def _tick(self) -> None:
        """Repeat the latest state each second while no new report came (plain output only)."""
        while not self._stop.wait(PLAIN_EVERY / 4):
            with self._lock:
                now = self._elapsed(None)
                if now - self._printed_at >= PLAIN_EVERY:
                    self._print_plain(self._pending or self._latest or _Start(self.total))

    def update(self, progress: Any) -> None:
        """Show one solver progress report (``glocal.scheduling.Progress``)."""
        placed = f"{progress.placed}/{progress.total}"
        with self._lock:
            self._latest = progress
            if self._progress is not None:
                info = f"placed {placed}  objective {_number(progress.objective)}  bound {_number(progress.bound)}"
                phase = getattr(progress, "phase", "search")
                self._progress.update(self._task, info=info if phase == "search" else f"{phase}  {info}")
            elif self._elapsed(progress) - self._printed_at >= PLAIN_EVERY:
                self._print_plain(progress)
            else:
                self._pending = progress  # the solver improves many times a second: thin out

    def _elapsed(self, progress: Any) -> float:
        """The run's wall clock when its start is known, else the solver's own elapsed time."""
        if self.started is not None:
            return time.monotonic() - self.started
        return float(progress.elapsed)

    def _print_plain(self, progress: Any) -> None:
        elapsed = self._elapsed(progress)
        phase = getattr(progress, "phase", "search")
        self.console.print(
            f"progress elapsed={elapsed:.1f} placed={progress.placed}/{progress.total or self.total} "
            f"objective={_number(progress.objective)} bound={_number(progress.bound)}"
            + ("" if phase == "search" else f" phase={phase}"),
            markup=False, highlight=False,
        )
        self._printed_at = elapsed
        self._pending = None

    def close(self) -> None:
        """Stop the live display (restores the cursor) and the heartbeat; safe to call twice."""
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self._progress is not None:
            self._progress.stop()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self._progress is not None:
            self.close()
        elif self._pending is not None and kind is None:
            self._print_plain(self._pending)  # the final state is always shown


def summary_table(rows: list[CohortSummary]) -> Table:
    """The per-cohort summary printed at the end of a plan."""
    table = Table(title="plan per cohort (local times)", title_justify="left")
    # On a narrow terminal dates and names wrap inside their cells instead of being cut off.
    for name in ("cohort", "locale", "time zone", "first session", "last session", "facilitators", "in preferred hours"):
        table.add_column(name, no_wrap=name in ("cohort", "locale"), overflow="fold")
    for row in rows:
        cells = (row.cohort, row.locale, row.timezone, row.first or "-", row.last or "-",
                 ", ".join(row.facilitators) or "-", row.preferred_text)
        table.add_row(*(Text(cell) for cell in cells))  # Text: never read as rich markup
    return table
