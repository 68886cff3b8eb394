"""Name a small set of conflicting rules when no plan exists (assumption-based core).

The hard rules are rebuilt with one enforcement literal per rule group (the working time of
one session with one facilitator, the gap before one module, one facilitator's overlaps or
limits, one cohort's overlaps). A feasibility-only solve with those literals as assumptions,
one worker and presolve off (cores are unreliable otherwise in OR-Tools 9.15, issue 5141)
returns a sufficient set; deletion then shrinks it while the time allows.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from ortools.sat.python import cp_model

from glocal.errors import Reason
from glocal.scheduling.model.assemble import components
from glocal.scheduling.model.constraints import GroupKey, add_hard_rules
from glocal.scheduling.model.variables import build_variables
from glocal.scheduling.problem.build import Problem, Session
from glocal.scheduling.problem.options import SolveOptions
from glocal.values import format_duration

CHECK_SECONDS = 5.0  # deterministic budget per feasibility check
MAX_SHRINK_CHECKS = 40


def explain(problem: Problem, options: SolveOptions) -> list[Reason]:
    """Reasons in user terms for an infeasible problem (first infeasible component)."""
    reasons = _unplaceable(problem)
    if reasons:
        return reasons
    for sessions in components(problem):
        found = explain_component(problem, sessions, options)
        if found:
            return found
    return [Reason("unknown", "the solver proved that no plan exists but could not isolate the conflicting rules")]


def explain_component(problem: Problem, sessions: list[Session], options: SolveOptions) -> list[Reason]:
    """The conflicting rule groups of one component whose sessions all have a facilitator
    (empty when none were isolated, e.g. it is feasible after all or out of time)."""
    core = _core(problem, sessions, options)
    if core is None:
        return []
    reasons = [_reason(problem, key) for key in core]
    gaps = sorted({key.cohort for key in core if key.rule == "gap" and key.cohort is not None})
    return reasons + [_available_days(problem, cohort) for cohort in gaps]


def _unplaceable(problem: Problem) -> list[Reason]:
    reasons = []
    for session in problem.sessions:
        if problem.options[session.number]:
            continue
        why = "; ".join(f"{person} {text}" for person, text in sorted(problem.excluded[session.number].items()))
        reasons.append(Reason(
            "no-facilitator",
            f"cohort {session.cohort}, module {session.module}: no facilitator can deliver it ({why})",
            cohort=session.cohort, module=session.module,
        ))
    return reasons


class _Guards:
    """Creates one assumption literal per rule group."""

    def __init__(self, model: cp_model.CpModel) -> None:
        self.model = model
        self.literals: dict[GroupKey, cp_model.IntVar] = {}

    def __call__(self, key: GroupKey) -> list[cp_model.IntVar]:
        if key not in self.literals:
            self.literals[key] = self.model.new_bool_var(f"rule[{'/'.join(str(k) for k in key if k)}]")
        return [self.literals[key]]


def _feasible(model: cp_model.CpModel, assumptions: list[cp_model.IntVar], seed: int) -> tuple[object, list[int]]:
    model.clear_assumptions()
    model.add_assumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.cp_model_presolve = False
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = CHECK_SECONDS
    status = solver.solve(model)
    core = list(solver.sufficient_assumptions_for_infeasibility()) if status == cp_model.INFEASIBLE else []
    return status, core


def _core(problem: Problem, sessions: list[Session], options: SolveOptions) -> list[GroupKey] | None:
    model = cp_model.CpModel()
    found = build_variables(model, problem, sessions, relaxed=True)
    guards = _Guards(model)
    add_hard_rules(model, problem, found, guards)
    by_index = {literal.index: key for key, literal in guards.literals.items()}
    status, core = _feasible(model, list(guards.literals.values()), options.seed)
    if status != cp_model.INFEASIBLE:
        return None
    keys = sorted({by_index[i] for i in core if i in by_index}, key=lambda k: tuple(str(x) for x in k))
    # Deletion filter: drop a group if the others still conflict without it.
    for checks, key in enumerate(list(keys)):
        if checks >= MAX_SHRINK_CHECKS or len(keys) == 1:
            break
        rest = [guards.literals[k] for k in keys if k != key]
        if _feasible(model, rest, options.seed)[0] == cp_model.INFEASIBLE:
            keys.remove(key)
    return keys


def _reason(problem: Problem, key: GroupKey) -> Reason:
    if key.rule == "gap":
        text = _gap_text(problem, key)
    elif key.rule == "working-hours":
        text = (f"cohort {key.cohort}, module {key.module}: with {key.facilitator} it must lie in both "
                "their working hours, on working days of both, inside the rollout window")
    elif key.rule == "facilitator-overlap":
        text = (f"facilitator {key.facilitator} cannot fit the sessions only they can deliver without "
                f"overlapping (with {format_duration(problem.buffer)} of rest between sessions)")
    elif key.rule == "cohort-overlap":
        text = f"cohort {key.cohort} would have to attend two sessions at once"
    else:
        text = (f"facilitator {key.facilitator}: max_sessions_per_day / max_sessions_per_week leave too "
                "few sessions for what only they can deliver")
    return Reason(key.rule, text, cohort=key.cohort, module=key.module, facilitator=key.facilitator)


def _available_days(problem: Problem, cohort: str) -> Reason:
    """Context for a gap conflict: between which dates each module can start at all."""
    zone = ZoneInfo(problem.cohorts[cohort].zone)
    spans = []
    for session in problem.sessions:
        if session.cohort != cohort:
            continue
        starts = [m for option in problem.options[session.number] for pair in option.starts for m in pair]
        first, last = (problem.axis.instant(m).astimezone(zone).date() for m in (min(starts), max(starts)))
        spans.append(f"{session.module} {first}..{last}")
    return Reason(
        "available-days",
        f"cohort {cohort}: with the working days it shares with its facilitators (after leave, "
        f"holidays and start_after), each module can start only in: {', '.join(spans)}",
        cohort=cohort,
    )


def _gap_text(problem: Problem, key: GroupKey) -> str:
    assert key.cohort is not None and key.module is not None
    session = problem.session_of(key.cohort, key.module)
    low = format_duration(session.gap_min)
    bound = f"{low} to {format_duration(session.gap_max)}" if session.gap_max is not None else f"at least {low}"
    return (f"cohort {key.cohort}, module {key.module} must start {bound} after {session.predecessor} ends")
