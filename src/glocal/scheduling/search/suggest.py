"""Changes to the workspace that would place more of a partial plan, each one measured.

Candidates, from what the partial plan left out:

- ``add-facilitator``: for sessions nobody may deliver, a facilitator who speaks the
  cohort's language (and English), holds every skill of the program, lives in the cohort's
  country and time zone and works its hours; for sessions short of facilitator time, one
  more like the pool's busiest facilitator (same languages, skills, place and hours).
- ``extend-window``: the rollout window two and four weeks longer.
- ``raise-limit``: a facilitator of a short pool with ``max_sessions_per_week`` /
  ``_per_day`` raised (two more a week, one more a day).

Each candidate is applied to a copy of the bundle, and the components holding unplaced
sessions are planned again by the partial plan's construction (``partial.whole_cohorts``
and ``partial.fill``: no CP-SAT, deterministic). ``places`` is what that plan places there
beyond the current plan: measured, never estimated; a full re-plan starts from the same
construction, so it places at least that many in practice. Candidates are tried while the
budget lasts (the first one always on rollouts of up to 600 sessions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from typing import Any

from glocal.model import Facilitator, Schedule, Suggestion
from glocal.scheduling.model.assemble import components
from glocal.scheduling.problem import Problem, build_problem
from glocal.scheduling.search.partial import fill, relaxed, whole_cohorts
from glocal.values import DateRange
from glocal.workspace import ProgramBundle

MOST = 3  # suggestions kept
ALWAYS_FIRST_SESSIONS = 600  # up to this size the first candidate is measured even past the budget
EXTRA_WEEKS = (2, 4)
NEW_PERSON_WEEKLY = 8  # a new facilitator's weekly limit in a suggestion (a realistic hire)


@dataclasses.dataclass(frozen=True)
class Candidate:
    """A change, how to apply it to a bundle, and its words."""

    kind: str
    change: dict[str, Any]
    text: str


def suggest(bundle: ProgramBundle, problem: Problem, schedule: Schedule, seconds: float) -> list[Suggestion]:
    """The best measured suggestions (most sessions placed first), trying candidates for
    about ``seconds`` of wall time."""
    began = time.monotonic()
    placed = {(s.cohort, s.module) for s in schedule.sessions}
    missing = {(u.cohort, u.module) for u in schedule.unplaced}
    found: list[Suggestion] = []
    slowest = 0.0
    for candidate in candidates(bundle, problem, schedule):
        # The first candidate is always measured on small rollouts (a second or two); on
        # large ones only within the budget, which the time limit bounds.
        first_free = not found and len(problem.sessions) <= ALWAYS_FIRST_SESSIONS
        if not first_free and time.monotonic() - began + slowest > seconds:
            break
        tried = time.monotonic()
        gain = measure(apply(bundle, candidate), placed, missing)
        slowest = max(slowest, time.monotonic() - tried)
        if gain > 0:
            found.append(Suggestion(kind=candidate.kind, change=candidate.change, places=gain,
                                    text=f"{candidate.text}: {gain} more session{'s' if gain != 1 else ''} placed"))
    found.sort(key=lambda s: -s.places)  # stable: candidates' own order among equals
    return found[:MOST]


def measure(changed: ProgramBundle, placed: set[tuple[str, str]], missing: set[tuple[str, str]]) -> int:
    """Sessions the construction places with the change, beyond the current plan, in the
    components that hold unplaced sessions."""
    problem = relaxed(build_problem(changed))
    gain = 0
    for sessions in components(problem):
        keys = {(s.cohort, s.module) for s in sessions}
        if not keys & missing:
            continue
        mine = [problem.sessions[s.number] for s in sessions if problem.options[s.number]]
        plan = fill(problem, mine, whole_cohorts(problem, mine))
        gain += len(plan) - len(keys & placed)
    return gain


def apply(bundle: ProgramBundle, candidate: Candidate) -> ProgramBundle:
    """A copy of the bundle with the change applied, as the files would say it."""
    change = candidate.change
    if candidate.kind == "add-facilitator":
        person = Facilitator.model_validate(change["facilitator"])
        return dataclasses.replace(bundle, facilitators=[*bundle.facilitators, person])
    if candidate.kind == "extend-window":
        start, end = (dt.date.fromisoformat(part) for part in str(change["window"]).split(".."))
        rollout = bundle.rollout.model_copy(update={"window": DateRange(start, end)})
        return dataclasses.replace(bundle, rollout=rollout)
    people = [
        f.model_copy(update={key: change[key] for key in ("max_sessions_per_week", "max_sessions_per_day")
                             if key in change})
        if f.id == change["facilitator"] else f
        for f in bundle.facilitators
    ]
    return dataclasses.replace(bundle, facilitators=people)


def candidates(bundle: ProgramBundle, problem: Problem, schedule: Schedule) -> list[Candidate]:
    """Every candidate change, the most promising kinds first."""
    numbers = {(s.cohort, s.module): s.number for s in problem.sessions}
    unplaced = [numbers[(u.cohort, u.module)] for u in schedule.unplaced]
    nobody = [n for n in unplaced if not problem.options[n]]
    short = [n for n in unplaced if problem.options[n]]
    out = _new_people(bundle, problem, nobody)
    if short:
        out += _clones(bundle, problem, schedule, short)
        out += _limits(bundle, problem, short)
    out += _windows(bundle)
    return out


def _new_people(bundle: ProgramBundle, problem: Problem, nobody: list[int]) -> list[Candidate]:
    """A facilitator for each (language, country) whose cohorts nobody may teach, most sessions first."""
    cohorts = {c.id: c for c in bundle.rollout.cohorts}
    groups: dict[tuple[str, str], list[str]] = {}
    for number in nobody:
        cohort = cohorts[problem.sessions[number].cohort]
        key = (cohort.locale.split("_")[0], str(cohort.country))
        groups.setdefault(key, []).append(cohort.id)
    skills = sorted({skill for module in bundle.program.modules for skill in module.skills})
    taken = {f.id for f in bundle.facilitators}
    out = []
    for (language, country), names in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        first = cohorts[names[0]]
        hours = first.working_hours or bundle.rollout.defaults.working_hours
        person_id = _free_id(f"new-{language}-{country.lower()}".replace("_", "-"), taken)
        entry: dict[str, Any] = {
            "id": person_id, "name": f"New facilitator ({language}, {country})",
            "timezone": first.timezone, "country": str(first.country),
            "languages": sorted({language, "en"}), "skills": skills, "working_hours": str(hours),
            "max_sessions_per_week": NEW_PERSON_WEEKLY,
        }
        text = (f"add a facilitator who speaks {language} and holds {', '.join(skills) or 'no special skills'}, "
                f"in {country} ({first.timezone}, {hours}, up to {NEW_PERSON_WEEKLY} sessions a week) "
                f"for cohorts {', '.join(sorted(set(names)))}")
        out.append(Candidate("add-facilitator", {"facilitator": entry}, text))
    return out


def _clones(bundle: ProgramBundle, problem: Problem, schedule: Schedule, short: list[int]) -> list[Candidate]:
    """One more facilitator like the busiest of each short pool."""
    load: dict[str, int] = {}
    for session in schedule.sessions:
        load[session.facilitator] = load.get(session.facilitator, 0) + 1
    people = {f.id: f for f in bundle.facilitators}
    pools = sorted({tuple(sorted({o.facilitator for o in problem.options[n]})) for n in short})
    taken = set(people)
    out = []
    for pool in pools:
        busiest = max(pool, key=lambda p: (load.get(p, 0), p))
        model = people[busiest]
        person_id = _free_id(f"{busiest}-2", taken)
        entry = _entry(model, person_id)
        text = (f"add a facilitator like {busiest} ({', '.join(model.languages)}; {', '.join(model.skills)}; "
                f"{model.country}, {model.timezone}, {model.working_hours})")
        out.append(Candidate("add-facilitator", {"facilitator": entry}, text))
    return out


def _entry(model: Facilitator, person_id: str) -> dict[str, Any]:
    """A facilitators.yaml entry like ``model`` (no leave, no e-mail), in the file's syntax."""
    entry: dict[str, Any] = {
        "id": person_id, "name": f"New facilitator like {model.name}", "timezone": model.timezone,
        "country": str(model.country), "languages": list(model.languages), "skills": list(model.skills),
        "working_hours": str(model.working_hours),
    }
    if model.max_sessions_per_week is not None:
        entry["max_sessions_per_week"] = model.max_sessions_per_week
    if model.max_sessions_per_day is not None:
        entry["max_sessions_per_day"] = model.max_sessions_per_day
    if model.travels:
        entry["travels"] = True
    return entry


def _limits(bundle: ProgramBundle, problem: Problem, short: list[int]) -> list[Candidate]:
    """Raised limits for the limited facilitators of short pools."""
    pool = sorted({o.facilitator for n in short for o in problem.options[n]})
    people = {f.id: f for f in bundle.facilitators}
    out = []
    for person_id in pool:
        person = people[person_id]
        change: dict[str, Any] = {"facilitator": person_id}
        words = []
        if person.max_sessions_per_week is not None:
            change["max_sessions_per_week"] = person.max_sessions_per_week + 2
            words.append(f"{person.max_sessions_per_week + 2} sessions a week (now {person.max_sessions_per_week})")
        if person.max_sessions_per_day is not None:
            change["max_sessions_per_day"] = person.max_sessions_per_day + 1
            words.append(f"{person.max_sessions_per_day + 1} a day (now {person.max_sessions_per_day})")
        if words:
            out.append(Candidate("raise-limit", change, f"let {person_id} deliver up to {' and '.join(words)}"))
    return out


def _windows(bundle: ProgramBundle) -> list[Candidate]:
    window = bundle.rollout.window
    out = []
    for weeks in EXTRA_WEEKS:
        longer = DateRange(window.start, window.end + dt.timedelta(weeks=weeks))
        out.append(Candidate("extend-window", {"window": str(longer)},
                             f"extend the rollout window by {weeks} weeks to {longer} (rollout.yaml window)"))
    return out


def _free_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or with a number added when a facilitator has that id already."""
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    taken.add(candidate)
    return candidate
