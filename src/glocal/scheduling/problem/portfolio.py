"""Several programs as one scheduling problem: the union of their sessions on one time axis,
with one party per facilitator shared by every program.

Sharing the facilitator parties is what makes a portfolio plan sound: the no-overlap rule
(with the buffer), the daily and weekly limits, continuity and load balance are then counted
over all programs by the very constraints that count them for one. Cohort ids are prefixed
with their program (``<program>/<cohort>``) so that two programs may use the same cohort id;
``split_key`` takes them apart again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from glocal.model import Facilitator
from glocal.scheduling.problem import timeaxis as ta
from glocal.scheduling.problem.build import Problem, _facilitator_party, _unit, build_problem
from glocal.workspace import ProgramBundle
from glocal.workspace.busy import BusyTime

SEPARATOR = "/"  # never in an id (ids are lower-case letters, digits and '-')


def split_key(cohort: str) -> tuple[str, str]:
    """``<program>/<cohort>`` -> (program, cohort)."""
    program, _, cohort_id = cohort.partition(SEPARATOR)
    return program, cohort_id


def team_of(bundles: list[ProgramBundle]) -> dict[str, Facilitator]:
    """Every facilitator of the programs by id (the same person in each program that has them)."""
    people: dict[str, Facilitator] = {}
    for bundle in bundles:
        for person in bundle.facilitators:
            people.setdefault(person.id, person)
    return people


def merge_problems(bundles: list[ProgramBundle]) -> Problem:
    """One problem over every session of ``bundles`` (sorted by id), facilitators shared.

    The buffer between two sessions of one facilitator is the largest of the programs'
    buffers (the rule of each program then holds for every pair); the objective weights are
    those of the first program (one objective needs one set of weights).
    """
    bundles = sorted(bundles, key=lambda b: b.id)
    first_day = min(b.rollout.window.start for b in bundles)
    last_day = max(b.rollout.window.end for b in bundles)
    axis = ta.make_axis(first_day, last_day)
    parts = [build_problem(bundle, axis) for bundle in bundles]
    busy: dict[str, set[BusyTime]] = {}
    for bundle in bundles:
        for person_id, times in bundle.busy.items():
            busy.setdefault(person_id, set()).update(times)
    margin = dt.timedelta(days=2)
    people = {
        person.id: _facilitator_party(person, axis, first_day - margin, last_day + margin, sorted(busy.get(person.id, ())))
        for person in sorted(team_of(bundles).values(), key=lambda f: f.id)
    }
    merged = Problem("+".join(b.id for b in bundles), axis, max(p.buffer for p in parts), parts[0].weights,
                     [], {}, {}, people)
    for bundle, part in zip(bundles, parts, strict=True):
        for cohort_id, party in part.cohorts.items():
            key = f"{bundle.id}{SEPARATOR}{cohort_id}"
            merged.cohorts[key] = dataclasses.replace(party, id=key)
        for session in part.sessions:
            number = len(merged.sessions)
            cohort = f"{bundle.id}{SEPARATOR}{session.cohort}"
            merged.sessions.append(dataclasses.replace(session, number=number, cohort=cohort))
            merged.options[number] = [dataclasses.replace(o, session=number) for o in part.options[session.number]]
            merged.excluded[number] = dict(part.excluded[session.number])
    merged.unit = _unit(merged)
    return merged
