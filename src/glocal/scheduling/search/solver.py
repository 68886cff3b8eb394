"""``solve``: build the problem, split it into independent components, solve each, merge.

Each component goes through ``pipeline.solve_component`` (starting plan, bounds,
neighbourhood search, final CP-SAT solve for components that are not too large). Several
workers solve independent components and relaxations side by side (``parallel.py``). A
single program whose sessions cannot all be placed gets its best partial plan
(``partial_solve``) and measured suggestions (``suggest``); a portfolio of programs
(``solve_problem``) is planned whole or not at all.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from glocal.errors import Reason
from glocal.model import ReasonRecord, Schedule, ScheduledSession, Status
from glocal.scheduling.diagnose.unplaced import unplaced_records
from glocal.scheduling.model.assemble import components
from glocal.scheduling.model.reschedule import match_previous
from glocal.scheduling.problem.build import Problem, build_problem
from glocal.scheduling.problem.options import SolveOptions
from glocal.scheduling.search.parallel import ProgressBoard, ordered_map
from glocal.scheduling.search.partial_solve import solve_partial
from glocal.scheduling.search.pipeline import Job, Solved, solve_component
from glocal.scheduling.search.suggest import suggest
from glocal.workspace import ProgramBundle

SUGGEST_SHARE = 0.15  # of the time limit, kept for measuring suggestions when the plan will be partial
EXPLAIN_SESSIONS = 100  # larger components' conflicts take too long to isolate


@dataclass
class _Totals:
    """What the components have produced so far."""

    sessions: list[ScheduledSession] = field(default_factory=list)
    costs: dict[str, int] = field(default_factory=dict)
    notes: list[ReasonRecord] = field(default_factory=list)
    objective: int = 0
    bound: int = 0
    optimal: bool = True
    unplaced: list[int] = field(default_factory=list)


def solve(bundle: ProgramBundle, options: SolveOptions | None = None) -> Schedule:
    """Plan every session of a program. When that is impossible (nobody may deliver some
    sessions, not enough facilitator time, or no complete plan in time) the best partial
    plan comes back (``partial``: whole cohorts first); when nothing at all can be placed,
    an infeasible plan with its reasons."""
    options = options or SolveOptions()
    started = time.monotonic()
    board = ProgressBoard(options, len(bundle.rollout.cohorts) * len(bundle.program.modules), started)
    board.phase("pre-solve")
    problem = build_problem(bundle)

    def diagnostics() -> list[Reason]:
        return pre_solve_findings(bundle)

    board, jobs = _jobs(problem, options, started, keep_for_suggestions=True)
    totals = _Totals()
    for outcome in ordered_map(_solve_group, jobs, options.workers):
        _collect(outcome, totals)
    if totals.unplaced:
        if not totals.sessions:  # nothing placeable at all: say why, as before
            return _infeasible(problem, options, started, diagnostics)
        partial = _partial(bundle, problem, options, started, totals)
        board.phase("suggestions")
        end = started + options.time_limit - options.spent
        measured = suggest(bundle, problem, partial, end - time.monotonic())
        return partial.model_copy(update={"suggestions": measured,
                                          "solve_seconds": round(time.monotonic() - started, 3)})
    return _schedule(problem.program, options, started, totals)


def solve_problem(problem: Problem, options: SolveOptions, started: float,
                  diagnostics: Callable[[], list[Reason]] = list) -> Schedule:
    """Plan every session of a built problem (several programs' together), whole or not at all.

    ``diagnostics`` gives the pre-solve findings that explain an infeasible problem best.
    """
    unplaceable = [s for s in problem.sessions if not problem.options[s.number]]
    if unplaceable:
        return _infeasible(problem, options, started, diagnostics)
    _, jobs = _jobs(problem, options, started, keep_for_suggestions=False)
    results = ordered_map(solve_component, jobs, options.workers)
    totals = _Totals()
    for outcome in results:
        if outcome == "infeasible":
            return _infeasible(problem, options, started, diagnostics)
        if outcome == "no-plan":
            return _no_plan_in_time(problem.program, options, started)
    for outcome in results:
        assert isinstance(outcome, Solved)
        _collect(outcome, totals)
    return _schedule(problem.program, options, started, totals)


def _jobs(problem: Problem, options: SolveOptions, started: float,
          keep_for_suggestions: bool) -> tuple[ProgressBoard, list[Job]]:
    previous = match_previous(problem, options.previous, options.freeze_before)
    groups = components(problem)
    board = ProgressBoard(options, len(problem.sessions), started, len(groups))
    board.phase("search")
    # One component: its relaxations use the workers; several: the components do.
    inner = options.workers if len(groups) == 1 else 1
    # Wall clock: only cuts solves that overrun it; what the run used before (and keeps for
    # writing) is taken off, so that the whole run ends near the time limit.
    deadline = started + options.time_limit - options.spent
    if keep_for_suggestions and any(not problem.options[s.number] for s in problem.sessions):
        deadline -= SUGGEST_SHARE * options.time_limit  # the plan will be partial: keep time to suggest
    return board, [Job(problem, sessions, previous, options, board, index, inner, deadline)
                   for index, sessions in enumerate(groups)]


def _solve_group(job: Job) -> Solved:
    """A component's complete plan, else its best partial plan."""
    if all(job.problem.options[s.number] for s in job.sessions):
        outcome = solve_component(job)
        if isinstance(outcome, Solved):
            return outcome
    return solve_partial(job)


def _collect(solved: Solved, totals: _Totals) -> None:
    totals.sessions += solved.sessions
    totals.notes += solved.notes
    for term, cost in solved.costs.items():
        totals.costs[term] = totals.costs.get(term, 0) + cost
    totals.unplaced += solved.unplaced
    totals.objective += solved.objective
    totals.bound += solved.bound
    totals.optimal = totals.optimal and solved.optimal


def _schedule(program: str, options: SolveOptions, started: float, totals: _Totals) -> Schedule:
    objective, bound = totals.objective, min(totals.bound, totals.objective)
    gap = 0.0 if objective == bound else round((objective - bound) / max(1, abs(objective)), 6)
    return Schedule(
        program=program, status=Status.OPTIMAL if totals.optimal else Status.FEASIBLE,
        objective=objective, best_bound=bound, gap=gap,
        solve_seconds=round(time.monotonic() - started, 3), seed=options.seed,
        costs=dict(sorted(totals.costs.items())),
        sessions=sorted(totals.sessions, key=lambda s: (s.cohort, s.index, s.module)),
        reasons=totals.notes,
    )


def _no_plan_in_time(program: str, options: SolveOptions, started: float) -> Schedule:
    text = (f"no plan was found within the time limit of {options.time_limit:g} s and none was proven "
            "impossible; allow more time (e.g. --time-limit 120)")
    return Schedule(program=program, status=Status.INFEASIBLE, seed=options.seed,
                    solve_seconds=round(time.monotonic() - started, 3),
                    reasons=[ReasonRecord(rule="time-limit", text=text)])


def _partial(bundle: ProgramBundle, problem: Problem, options: SolveOptions, started: float,
             totals: _Totals) -> Schedule:
    """A plan that leaves sessions out: sessions of cohorts not placed whole are tentative."""
    incomplete = {problem.sessions[number].cohort for number in totals.unplaced}
    # Why it is not complete: the pre-solve obstacles (those about missing people are in the
    # unplaced records, aggregated), else the conflicting rules of small short components.
    found = [r for r in pre_solve_findings(bundle) if r.rule not in ("no-facilitator", "in-person")]
    notes = list(totals.notes) + [_record(r) for r in found]
    own: dict[str, str] = {}
    for reason in found:
        if reason.cohort is not None:
            own.setdefault(reason.cohort, reason.text)
    if not found and time.monotonic() - started < options.time_limit - options.spent:
        notes += _capacity_reasons(problem, options, totals.unplaced)
    sessions = [s.model_copy(update={"tentative": True}) if s.cohort in incomplete else s for s in totals.sessions]
    return Schedule(
        program=bundle.id, status=Status.PARTIAL, objective=totals.objective,
        solve_seconds=round(time.monotonic() - started, 3), seed=options.seed,
        costs=dict(sorted(totals.costs.items())),
        sessions=sorted(sessions, key=lambda s: (s.cohort, s.index, s.module)),
        reasons=notes, unplaced=unplaced_records(problem, totals.unplaced, own),
    )


def _capacity_reasons(problem: Problem, options: SolveOptions, unplaced: list[int]) -> list[ReasonRecord]:
    """The conflicting rules of small components that lack time, not people (``explain``)."""
    from glocal.scheduling.diagnose.explain import explain_component

    short = {number for number in unplaced if problem.options[number]}
    out = []
    for sessions in components(problem):
        if len(sessions) > EXPLAIN_SESSIONS or not short & {s.number for s in sessions}:
            continue
        if not all(problem.options[s.number] for s in sessions):
            continue  # the unplaced records say who is missing; a core would only repeat it
        out += [_record(r) for r in explain_component(problem, sessions, options)]
    return out


def _record(reason: Reason) -> ReasonRecord:
    return ReasonRecord(rule=reason.rule, text=reason.text, cohort=reason.cohort, module=reason.module,
                        facilitator=reason.facilitator, date=reason.date)


def _infeasible(problem: Problem, options: SolveOptions, started: float,
                diagnostics: Callable[[], list[Reason]]) -> Schedule:
    from glocal.scheduling.diagnose.explain import explain

    reasons = diagnostics() or explain(problem, options)
    return Schedule(
        program=problem.program, status=Status.INFEASIBLE, seed=options.seed,
        solve_seconds=round(time.monotonic() - started, 3),
        reasons=[_record(r) for r in reasons],
    )


def pre_solve_findings(bundle: ProgramBundle) -> list[Reason]:
    """The pre-solve diagnostics (``glocal.scheduling.diagnose``), when that module exists."""
    try:
        diagnose = importlib.import_module("glocal.scheduling.diagnose")
    except ImportError:
        return []
    found: list[Reason] = diagnose.diagnose(bundle)
    return found
