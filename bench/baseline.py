"""A greedy earliest-fit list scheduler, written for the benchmark as a point of comparison.

Sessions become *ready* when their predecessor module is placed (release = its end + the
gap minimum); the ready session with the earliest release is placed next, at the earliest
start any eligible facilitator can take: on the cohort's local granularity grid, inside both
working days and hours, clear of the facilitator's other sessions by the session buffer,
within the daily and weekly limits (facilitator-local, ISO weeks) and before the gap maximum.
Ties go to a facilitator the cohort already has, then to the least loaded. Nothing is ever
moved once placed, so the baseline can fail to place sessions a solver would place.

It shares no code with the solver: only ``glocal.workspace.loading``/``glocal.model`` and its own
``bench.availability``. ``python bench/baseline.py WORKSPACE`` prints its metrics.
"""

from __future__ import annotations

import bisect
import heapq
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.availability import (
    Slot,
    cohort_slots,
    durations,
    facilitator_slots,
    from_minute,
    local_day,
    local_text,
)
from bench.metrics import Metrics, measure
from glocal.model import (
    Cohort,
    Delivery,
    Facilitator,
    Module,
    ReasonRecord,
    Schedule,
    ScheduledSession,
    Status,
)
from glocal.workspace import ProgramBundle


@dataclass
class Diary:
    """What a facilitator already does: busy intervals and counts per local day and ISO week."""

    facilitator: Facilitator
    slots: list[Slot]
    busy: list[tuple[int, int]] = field(default_factory=list)  # sorted [start, end)
    per_day: dict[object, int] = field(default_factory=lambda: defaultdict(int))
    per_week: dict[object, int] = field(default_factory=lambda: defaultdict(int))

    def clash_end(self, start: int, end: int, buffer: int) -> int | None:
        """The end (plus buffer) of a busy interval too close to [start, end), if any."""
        index = bisect.bisect_left(self.busy, (start - buffer - 24 * 60, 0))
        for b_start, b_end in self.busy[index:]:
            if b_start >= end + buffer:
                break
            if b_end + buffer > start:
                return b_end + buffer
        return None

    def has_room(self, start: int) -> bool:
        """Daily and weekly limits allow one more session starting at ``start``."""
        fac = self.facilitator
        day = local_day(start, fac.timezone)
        week = day.isocalendar()[:2]
        if fac.max_sessions_per_day is not None and self.per_day[day] >= fac.max_sessions_per_day:
            return False
        return fac.max_sessions_per_week is None or self.per_week[week] < fac.max_sessions_per_week

    def book(self, start: int, end: int) -> None:
        """Record a session."""
        bisect.insort(self.busy, (start, end))
        day = local_day(start, self.facilitator.timezone)
        self.per_day[day] += 1
        self.per_week[day.isocalendar()[:2]] += 1


@dataclass(frozen=True)
class BaselineResult:
    """The baseline's plan (placed sessions only), what it could not place, and its metrics."""

    schedule: Schedule
    unplaced: list[tuple[str, str]]
    metrics: Metrics


def _eligible(cohort: Cohort, module: Module, fac: Facilitator) -> bool:
    language = cohort.locale.split("_")[0]
    present = module.delivery is Delivery.VIRTUAL or fac.travels or fac.country.code == cohort.country.code
    return language in fac.languages and set(module.skills) <= set(fac.skills) and present


def _on_grid(minute: int, anchor: int, step: int) -> int:
    return anchor + -(-(minute - anchor) // step) * step


def earliest_start(cohort_free: list[Slot], diary: Diary, release: int, deadline: int | None,
                   length: int, step: int, buffer: int) -> int | None:
    """The earliest grid start >= release (and <= deadline) that fits cohort and facilitator."""
    fac_slots = diary.slots
    first = bisect.bisect_left([s.end for s in cohort_free], release + length)
    for slot in cohort_free[first:]:
        if deadline is not None and slot.start > deadline:
            return None
        lo = bisect.bisect_left([s.end for s in fac_slots], slot.start)
        for fslot in fac_slots[lo:]:
            if fslot.start >= slot.end:
                break
            a, b = max(slot.start, fslot.start), min(slot.end, fslot.end)
            start = _on_grid(max(a, release), slot.anchor, step)
            while start + length <= b:
                if deadline is not None and start > deadline:
                    return None
                clash = diary.clash_end(start, start + length, buffer)
                if clash is not None:
                    start = _on_grid(clash, slot.anchor, step)
                    continue
                if not diary.has_room(start):
                    break  # this local day (or week) is full: try the next slot
                return start
    return None


def _successors(bundle: ProgramBundle) -> dict[str | None, list[Module]]:
    after: dict[str | None, list[Module]] = defaultdict(list)
    for module in bundle.program.modules:
        after[bundle.program.predecessor(module.id)].append(module)
    return after


def schedule_greedy(bundle: ProgramBundle) -> BaselineResult:
    """Place every session it can, earliest first; see the module docstring."""
    rollout = bundle.rollout
    step, buffer = rollout.granularity, rollout.defaults.session_buffer
    minutes = durations(bundle)
    successors = _successors(bundle)
    diaries = {f.id: Diary(f, facilitator_slots(bundle, f)) for f in bundle.facilitators}
    cohorts = {c.id: c for c in rollout.cohorts}
    free = {c.id: cohort_slots(bundle, c) for c in rollout.cohorts}
    positions = {m.id: i + 1 for i, m in enumerate(bundle.program.modules)}
    ready: list[tuple[int, str, int, str, int | None]] = []  # (release, cohort, position, module, deadline)
    for cohort in rollout.cohorts:
        for module in successors[None]:
            heapq.heappush(ready, (-10**9, cohort.id, positions[module.id], module.id, None))
    placed: list[ScheduledSession] = []
    used: dict[str, set[str]] = defaultdict(set)
    load: dict[str, int] = defaultdict(int)
    done: set[tuple[str, str]] = set()
    while ready:
        release, cohort_id, _, module_id, deadline = heapq.heappop(ready)
        cohort, module = cohorts[cohort_id], bundle.program.module(module_id)
        length = minutes[(cohort_id, module_id)]
        best: tuple[int, int, int, str] | None = None
        for fac_id in sorted(diaries):
            diary = diaries[fac_id]
            if not _eligible(cohort, module, diary.facilitator):
                continue
            start = earliest_start(free[cohort_id], diary, release, deadline, length, step, buffer)
            if start is not None:
                rank = (start, 0 if fac_id in used[cohort_id] else 1, load[fac_id], fac_id)
                best = rank if best is None or rank < best else best
        if best is None:
            continue  # unplaced; so are the modules that follow it
        start, _, _, fac_id = best
        end = start + length
        diaries[fac_id].book(start, end)
        used[cohort_id].add(fac_id)
        load[fac_id] += 1
        done.add((cohort_id, module_id))
        placed.append(_session(cohort, module_id, diaries[fac_id].facilitator, start, end, positions))
        for nxt in successors[module_id]:
            gap = nxt.gap
            heapq.heappush(ready, (end + gap.min, cohort_id, positions[nxt.id], nxt.id,
                                   None if gap.max is None else end + gap.max))
    unplaced = sorted((c.id, m.id) for c in rollout.cohorts for m in bundle.program.modules if (c.id, m.id) not in done)
    schedule = Schedule(
        program=bundle.program.id,
        status=Status.FEASIBLE if not unplaced else Status.INFEASIBLE,
        sessions=sorted(placed, key=lambda s: (s.cohort, s.index)),
        reasons=[ReasonRecord(rule="baseline", text=f"the greedy baseline could not place {c}/{m}", cohort=c, module=m) for c, m in unplaced],
    )
    return BaselineResult(schedule, unplaced, measure(bundle, schedule))


def _session(cohort: Cohort, module_id: str, fac: Facilitator, start: int, end: int, positions: dict[str, int]) -> ScheduledSession:
    return ScheduledSession(
        cohort=cohort.id, module=module_id, facilitator=fac.id,
        start=from_minute(start), end=from_minute(end),
        index=positions[module_id], count=len(positions),
        cohort_local_start=local_text(start, cohort.timezone), cohort_local_end=local_text(end, cohort.timezone),
        facilitator_local_start=local_text(start, fac.timezone), facilitator_local_end=local_text(end, fac.timezone),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python bench/baseline.py WORKSPACE [PROGRAM]``: plan greedily and print the metrics."""
    from glocal.workspace import load_workspace

    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python bench/baseline.py WORKSPACE [PROGRAM]", file=sys.stderr)
        return 2
    workspace = load_workspace(Path(args[0]))
    program = args[1] if len(args) > 1 else min(workspace.programs)
    result = schedule_greedy(workspace.bundle(program))
    print(f"placed {result.metrics.placed}, unplaced {len(result.unplaced)}")
    for name, value in result.metrics.as_dict().items():
        print(f"  {name}: {value}")
    return 0 if not result.unplaced else 1


if __name__ == "__main__":
    raise SystemExit(main())
