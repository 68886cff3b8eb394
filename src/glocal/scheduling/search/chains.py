"""Cohort-by-cohort construction: each cohort's whole chain of sessions at once, by its cost.

The objective rewards a cohort that keeps one facilitator (continuity) and one weekday and
local time (rhythm), inside preferred hours, finishing early. A session-by-session greedy
cannot see that; this one plans a cohort at a time: for each facilitator who may deliver
all of its sessions and each of a few cheap first starts, it lays the later sessions on the
same local weekday and time at the earliest week the gaps allow (else at the cheapest start
any facilitator has), scores the whole chain with the model's own formulas
(``plan_costs.py``) plus what it adds to the most-loaded facilitator, and books the best.
The least flexible cohorts go first. Every booking keeps every hard rule; a cohort that
cannot be placed whole is left out (``repair.py`` completes the plan).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from glocal.scheduling.model.costs import DayIndex, Placement, cohort_costs, outside_preferred
from glocal.scheduling.model.objectives import WEEKDAY_CHANGE_QUARTERS
from glocal.scheduling.problem.build import Option, Party, Problem, Session
from glocal.scheduling.search.bounds import least_peak_load
from glocal.scheduling.search.greedy import topological

FIRST_DAYS = 3  # first-session days tried per facilitator
STARTS_PER_DAY = 2  # cheapest first starts tried per day
PEOPLE_TRIED = 4  # facilitators (least loaded first) whose chains are compared per cohort


@dataclass
class Bookings:
    """Facilitators' booked time (sorted, buffer included), daily and weekly counts, loads."""

    busy: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    per_day: dict[tuple[str, int], int] = field(default_factory=dict)
    per_week: dict[tuple[str, int], int] = field(default_factory=dict)
    load: dict[str, int] = field(default_factory=dict)

    def book(self, problem: Problem, days: DayIndex, person: str, start: int, duration: int) -> None:
        """Record a session of ``person``."""
        bisect.insort(self.busy.setdefault(person, []), (start, start + duration + problem.buffer))
        day, week = _day_week(problem, days, problem.facilitators[person], start)
        self.per_day[(person, day)] = self.per_day.get((person, day), 0) + 1
        self.per_week[(person, week)] = self.per_week.get((person, week), 0) + 1
        self.load[person] = self.load.get(person, 0) + 1

    def free(self, problem: Problem, days: DayIndex, person: str, start: int, duration: int,
             extra: list[tuple[int, int]]) -> bool:
        """Whether ``person`` may take [start, start + duration) besides ``extra`` (tentative)."""
        end = start + duration + problem.buffer
        booked = self.busy.get(person, [])
        index = bisect.bisect_left(booked, (end, end))
        if index and booked[index - 1][1] > start:
            return False
        if any(low < end and start < high for low, high in extra):
            return False
        party = problem.facilitators[person]
        if party.max_per_day is None and party.max_per_week is None:
            return True
        day, week = _day_week(problem, days, party, start)
        mine = [_day_week(problem, days, party, low) for low, _ in extra]
        day_full = party.max_per_day is not None and \
            self.per_day.get((person, day), 0) + sum(d == day for d, _ in mine) >= party.max_per_day
        week_full = party.max_per_week is not None and \
            self.per_week.get((person, week), 0) + sum(w == week for _, w in mine) >= party.max_per_week
        return not (day_full or week_full)


def _overlaps(plan: dict[int, Placement], problem: Problem, start: int, duration: int) -> bool:
    """Whether [start, start + duration) overlaps a session already in the cohort's chain."""
    return any(low < start + duration and start < low + problem.sessions[number].duration
               for number, (_, low) in plan.items())


def _day_week(problem: Problem, days: DayIndex, party: Party, start: int) -> tuple[int, int]:
    """The party-local date number and Monday-based week number of a start (as ``clock.py``)."""
    _, _, position = days.local(party, start)
    number = (party.days[position].date - problem.axis.epoch.date()).days
    return number, (number + problem.axis.epoch.date().weekday()) // 7


@dataclass
class _Chain:
    plan: dict[int, Placement]
    cost: int


class ChainBuilder:
    """Builds cohort chains against the bookings made so far."""

    def __init__(self, problem: Problem, target_load: int = 0) -> None:
        self.problem = problem
        self.target_load = target_load
        self.days = DayIndex()
        self.bookings = Bookings()
        self.options = {number: {o.facilitator: o for o in options} for number, options in problem.options.items()}

    def place_cohort(self, sessions: list[Session]) -> dict[int, Placement] | None:
        """Book the cheapest chain found for one cohort's sessions (program order), if any."""
        ordered = topological(sessions)
        best: _Chain | None = None
        tried = 0
        for person in self._candidates(ordered):
            found = False
            for first in self._first_starts(ordered[0], person):
                chain = self._chain(ordered, person, first, None if best is None else best.cost)
                found = found or chain is not None
                if chain is not None and (best is None or chain.cost < best.cost):
                    best = chain
            tried += found
            if tried == PEOPLE_TRIED:
                break
        if best is None:
            return None
        for session in ordered:
            person, start = best.plan[session.number]
            self.bookings.book(self.problem, self.days, person, start, session.duration)
        return best.plan

    def _candidates(self, ordered: list[Session]) -> list[str]:
        """Facilitators of every session first (least loaded first), then those of the first."""
        everyone = set.intersection(*(set(self.options[s.number]) for s in ordered))
        firsts = set(self.options[ordered[0].number])
        key = self.bookings.load.get
        whole = sorted(everyone, key=lambda p: (key(p, 0), p))
        return whole + sorted(firsts - everyone, key=lambda p: (key(p, 0), p))

    def _first_starts(self, session: Session, person: str) -> list[int]:
        """A few cheap starts on the first days ``person`` can take the first session."""
        option = self.options[session.number][person]
        cohort = self.problem.cohorts[session.cohort]
        party = self.problem.facilitators[person]
        by_day: dict[int, list[tuple[int, int]]] = {}
        for start in self._points(option, session, -10**9, 10**9):
            _, _, position = self.days.local(cohort, start)
            if position not in by_day and len(by_day) == FIRST_DAYS:
                break
            if not self.bookings.free(self.problem, self.days, person, start, session.duration, []):
                continue
            by_day.setdefault(position, []).append((self._static(session, cohort, party, start), start))
        return [start for found in by_day.values() for _, start in sorted(found)[:STARTS_PER_DAY]]

    def _static(self, session: Session, cohort: Party, party: Party, start: int) -> int:
        """Preferred-hours cost of a start for both sides."""
        weights = self.problem.weights
        minute, _, _ = self.days.local(cohort, start)
        own, _, _ = self.days.local(party, start)
        return (weights.cohort_preferred_hours * outside_preferred(cohort, minute, session.duration)
                + weights.facilitator_preferred_hours * outside_preferred(party, own, session.duration))

    @staticmethod
    def _points(option: Option, session: Session, low: int, high: int) -> Iterator[int]:
        """Grid starts of an option within [low, high], in order."""
        for first, last in option.starts:
            if last < low or first > high:
                continue
            start = first if first >= low else first + -(-(low - first) // session.grid) * session.grid
            yield from range(start, min(last, high) + 1, session.grid)

    def _chain(self, ordered: list[Session], person: str, first: int, beat: int | None) -> _Chain | None:
        """The chain that starts with ``person`` at ``first`` and keeps that weekly slot; None
        when it cannot be completed or already costs ``beat`` or more (every term only grows
        as sessions are added)."""
        cohort = self.problem.cohorts[ordered[0].cohort]
        anchor_minute, anchor_weekday, _ = self.days.local(cohort, first)
        plan: dict[int, Placement] = {ordered[0].number: (person, first)}
        held: dict[str, list[tuple[int, int]]] = {person: [(first, first + ordered[0].duration + self.problem.buffer)]}
        by_module = {s.module: s for s in ordered}
        for session in ordered[1:]:
            low, high = self._window(session, by_module, plan)
            placement = self._next(session, person, low, high, (anchor_minute, anchor_weekday), plan, held)
            if placement is None:
                return None
            plan[session.number] = placement
            if beat is not None and sum(cohort_costs(self.problem, ordered[:len(plan)], plan, self.days).values()) >= beat:
                return None
            who, start = placement
            held.setdefault(who, []).append((start, start + session.duration + self.problem.buffer))
        return _Chain(plan, self._cost(ordered, plan))

    def _next(self, session: Session, person: str, low: int, high: int, anchor: tuple[int, int],
              plan: dict[int, Placement], held: dict[str, list[tuple[int, int]]]) -> Placement | None:
        """The next session's placement: the anchor weekday and time, else the anchor time on
        another day, else the cheapest start; by ``person`` if they have any (another
        facilitator costs more than a weekday change), else by anyone."""
        minute, weekday = anchor
        options = self.options[session.number]
        mine = {person: options[person]} if person in options else {}
        others = {who: option for who, option in options.items() if who != person}
        return (self._weekly(session, person, low, high, minute, weekday, plan, held)
                or self._same_time_by(session, person, mine, low, high, minute, weekday, plan, held)
                or self._cheapest(session, person, mine, low, high, plan, minute, held)
                or self._same_time_by(session, person, others, low, high, minute, weekday, plan, held)
                or self._cheapest(session, person, others, low, high, plan, minute, held))

    def _window(self, session: Session, by_module: dict[str, Session], plan: dict[int, Placement]) -> tuple[int, int]:
        low, high = -10**9, 10**9
        previous = by_module.get(session.predecessor or "")
        if previous is not None:
            end = plan[previous.number][1] + previous.duration
            low = end + session.gap_min
            high = end + session.gap_max if session.gap_max is not None else high
        return low, high

    def _weekly(self, session: Session, person: str, low: int, high: int, minute: int, weekday: int,
                plan: dict[int, Placement], held: dict[str, list[tuple[int, int]]]) -> Placement | None:
        """The earliest start in [low, high] on the anchor weekday at the anchor local time."""
        option = self.options[session.number].get(person)
        if option is None:
            return None
        cohort = self.problem.cohorts[session.cohort]
        _, _, position = self.days.local(cohort, max(low, cohort.days[0].span[0]))
        for day in cohort.days[position:]:
            start = day.base + minute
            if start > high or day.span[0] > high:
                return None
            if day.date.weekday() != weekday or start < low:
                continue
            if self._allowed(option, session, start) and not _overlaps(plan, self.problem, start, session.duration) \
                    and self.bookings.free(self.problem, self.days, person, start, session.duration, held.get(person, [])):
                return person, start
        return None

    @staticmethod
    def _allowed(option: Option, session: Session, start: int) -> bool:
        """Whether ``start`` is one of the option's grid starts."""
        index = bisect.bisect_right(option.starts, (start, start)) - 1
        if index < 0:
            return False
        low, high = option.starts[index]
        return low <= start <= high and (start - low) % session.grid == 0

    def _same_time_by(self, session: Session, person: str, options: dict[str, Option], low: int, high: int,
                      minute: int, weekday: int, plan: dict[int, Placement],
                      held: dict[str, list[tuple[int, int]]]) -> Placement | None:
        cohort = self.problem.cohorts[session.cohort]
        weights = self.problem.weights
        best: tuple[int, int, str] | None = None
        _, _, position = self.days.local(cohort, max(low, cohort.days[0].span[0]))
        for day in cohort.days[position:]:
            start = day.base + minute
            if start > high or day.span[0] > high:
                break
            if start < low or _overlaps(plan, self.problem, start, session.duration):
                continue
            for who, option in options.items():
                if not self._allowed(option, session, start) or not self.bookings.free(
                        self.problem, self.days, who, start, session.duration, held.get(who, [])):
                    continue
                cost = (self._static(session, cohort, self.problem.facilitators[who], start)
                        + weights.weekly_rhythm * WEEKDAY_CHANGE_QUARTERS * (day.date.weekday() != weekday)
                        + weights.early_finish * (start // 1440)
                        + (0 if who == person else weights.facilitator_continuity))
                if best is None or (cost, start, who) < best:
                    best = (cost, start, who)
        return None if best is None else (best[2], best[1])

    def _cheapest(self, session: Session, person: str, options: dict[str, Option], low: int, high: int,
                  plan: dict[int, Placement], minute: int, held: dict[str, list[tuple[int, int]]]) -> Placement | None:
        """The cheapest start one of ``options`` has in [low, high]: per stretch of allowed
        starts, the grid points nearest to the anchor local time."""
        cohort = self.problem.cohorts[session.cohort]
        weights = self.problem.weights
        best: tuple[int, int, str] | None = None
        for who, option in sorted(options.items()):
            party = self.problem.facilitators[who]
            for start in self._near(option, session, low, high, cohort, minute):
                if not self.bookings.free(self.problem, self.days, who, start, session.duration, held.get(who, [])) \
                        or _overlaps(plan, self.problem, start, session.duration):
                    continue
                local, _, _ = self.days.local(cohort, start)
                cost = (self._static(session, cohort, party, start)
                        + weights.weekly_rhythm * (-(-abs(local - minute) // 15) + WEEKDAY_CHANGE_QUARTERS)
                        + weights.early_finish * (start // 1440)
                        + (0 if who == person else weights.facilitator_continuity))
                if best is None or (cost, start, who) < best:
                    best = (cost, start, who)
        return None if best is None else (best[2], best[1])

    def _near(self, option: Option, session: Session, low: int, high: int, cohort: Party, minute: int) -> Iterator[int]:
        """Per stretch of an option's starts within [low, high]: its ends and the grid points
        around the anchor local time of that day."""
        index = max(bisect.bisect_right(option.starts, (low, low)) - 1, 0)
        for first, last in option.starts[index:]:
            if first > high:
                return
            lo = max(first, first + -(-(low - first) // session.grid) * session.grid)
            hi = min(last, first + (high - first) // session.grid * session.grid)
            if lo > hi:
                continue
            _, _, position = self.days.local(cohort, lo)
            target = cohort.days[position].base + minute
            below = first + (min(max(target, lo), hi) - first) // session.grid * session.grid
            yield from sorted({lo, hi, max(below, lo), min(below + session.grid, hi)})

    def _cost(self, ordered: list[Session], plan: dict[int, Placement]) -> int:
        """The chain's own cost, plus what it adds to the most-loaded facilitator's sessions."""
        total = sum(cohort_costs(self.problem, ordered, plan, self.days).values())
        added: dict[str, int] = {}
        for person, _ in plan.values():
            added[person] = added.get(person, 0) + 1
        # Loads up to the least possible peak (``bounds.least_peak_load``) are free; each
        # session past it costs as if it raised the peak, even when someone is already
        # there: otherwise one busy facilitator lets every other one fill up to the same peak.
        most = self.target_load or max(self.bookings.load.values(), default=0)
        peak = max(self.bookings.load.get(p, 0) + n for p, n in added.items())
        return total + self.problem.weights.load_balance * max(0, peak - most)


def chain_plan(problem: Problem, sessions: list[Session]) -> dict[int, Placement]:
    """A plan built cohort by cohort, least flexible cohorts first (see the module text)."""
    by_cohort: dict[str, list[Session]] = {}
    for session in sessions:
        by_cohort.setdefault(session.cohort, []).append(session)

    def flexibility(name: str) -> tuple[int, int, str]:
        mine = by_cohort[name]
        people = set.union(*({o.facilitator for o in problem.options[s.number]} for s in mine))
        earliest = min((o.starts[0][0] for s in mine for o in problem.options[s.number] if o.starts), default=0)
        return len(people), earliest, name

    builder = ChainBuilder(problem, least_peak_load(problem, sessions))
    plan: dict[int, Placement] = {}
    for name in sorted(by_cohort, key=flexibility):
        placed = builder.place_cohort(by_cohort[name])
        if placed is not None:
            plan.update(placed)
    return plan
