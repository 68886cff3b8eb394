"""Why a partial plan left sessions out, in a coordinator's terms, one reason per cause.

A session nobody may deliver gets the reason shared by its cohort (a language nobody
speaks, skills nobody who speaks it holds, a room nobody can reach, no shared working
time); a session that has facilitators but no time left with them gets the reason of its
facilitator pool (who they are, and the limits that bind them). Never one line per week.
"""

from __future__ import annotations

from glocal.model import UnplacedSession
from glocal.scheduling.problem import Problem, Session


def unplaced_records(problem: Problem, numbers: list[int], known: dict[str, str] | None = None) -> list[UnplacedSession]:
    """One record per unplaced session, sorted by cohort and program order; ``known`` gives
    a cohort's own obstacle (pre-solve diagnostics), which explains a lack of time better
    than its facilitator pool does."""
    out = []
    for number in sorted(numbers, key=lambda n: (problem.sessions[n].cohort, problem.sessions[n].index)):
        session = problem.sessions[number]
        if not problem.options[number]:
            reason = _nobody(problem, session)
        else:
            reason = (known or {}).get(session.cohort) or _no_time(problem, session)
        out.append(UnplacedSession(cohort=session.cohort, module=session.module, reason=reason))
    return out


def _nobody(problem: Problem, session: Session) -> str:
    """Why no facilitator may deliver the session, from the first rule that excludes everyone."""
    why = problem.excluded.get(session.number, {})
    if not why:
        return "no facilitator is listed in facilitators.yaml"
    speaks = [person for person, text in why.items() if not text.startswith("does not speak")]
    if not speaks:
        language = next(iter(why.values())).removeprefix("does not speak ")
        return f"no facilitator speaks {language}, the cohort's language"
    skilled = [person for person in speaks if not why[person].startswith("lacks")]
    if not skilled:
        missing = sorted({skill for person in speaks for skill in why[person].removeprefix("lacks ").split(", ")})
        return (f"no facilitator who speaks the cohort's language ({_names(speaks)}) holds every skill "
                f"of the module (missing: {', '.join(missing)})")
    near = [person for person in skilled if not why[person].startswith("is in")]
    if not near:
        return (f"the module is delivered in the room and no qualified facilitator ({_names(skilled)}) "
                "lives in the cohort's country or travels")
    return (f"no qualified facilitator ({_names(near)}) shares working time with the cohort "
            "(working hours, working days, holidays, leave)")


def _no_time(problem: Problem, session: Session) -> str:
    """The facilitator pool's reason: who could deliver it and what limits them."""
    pool = sorted({option.facilitator for option in problem.options[session.number]})
    limits = []
    for person in pool:
        party = problem.facilitators[person]
        if party.max_per_week is not None:
            limits.append(f"{person} at most {party.max_per_week} a week")
        elif party.max_per_day is not None:
            limits.append(f"{person} at most {party.max_per_day} a day")
    bound = f"; limits: {', '.join(limits)}" if limits else ""
    who = "its only facilitator" if len(pool) == 1 else f"the {len(pool)} facilitators who can deliver it"
    have = "has" if len(pool) == 1 else "have"
    return (f"not enough facilitator time: {who} ({_names(pool)}) {have} no time left for it within "
            f"the window{bound}")


def _names(people: list[str], most: int = 6) -> str:
    shown = ", ".join(sorted(people)[:most])
    return shown if len(people) <= most else f"{shown} and {len(people) - most} more"
