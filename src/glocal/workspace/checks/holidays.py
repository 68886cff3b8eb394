"""Warnings where the public-holiday data does not cover the rollout window.

glocal plans around the holidays of each cohort's and each facilitator's country. When the
``holidays`` package has no (or only partial) data for a year of the window, the plan may put
a session on a holiday; this rule says so at the country, once per country and file.
"""

from __future__ import annotations

import datetime as dt

from glocal.errors import Problem
from glocal.model.holiday_data import coverage_note
from glocal.values import Country
from glocal.workspace.bundle import ProgramBundle, Workspace
from glocal.workspace.checks.base import Rule, problem_at


def _years(first: dt.date, last: dt.date) -> range:
    return range(first.year, last.year + 1)


def holiday_coverage(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """A warning per country (cohorts, then facilitators) whose holiday data misses a year."""
    window = bundle.rollout.window
    one = dt.timedelta(days=1)
    places: list[tuple[str, tuple[str | int, ...], Country]] = [
        ("rollout", ("cohorts", index, "country"), cohort.country)
        for index, cohort in enumerate(bundle.rollout.cohorts)
    ]
    places += [
        ("facilitators", ("facilitators", index, "country"), person.country)
        for index, person in enumerate(bundle.facilitators)
    ]
    problems: list[Problem] = []
    seen: set[tuple[str, Country]] = set()
    for doc_name, path, country in places:
        if (doc_name, country) in seen:
            continue
        seen.add((doc_name, country))
        # Facilitators' local dates reach a day either side of the window.
        notes = [note for year in _years(window.start - one, window.end + one)
                 if (note := coverage_note(country.code, country.subdivision, year))]
        if notes:
            message = (f"{'; '.join(notes)}; sessions may fall on public holidays there, so check "
                       "those dates yourself (leave goes in 'unavailable', or move the window)")
            problems.append(problem_at(bundle.docs[doc_name], path, message, code="holiday-data", warning=True))
    return problems


RULES: list[Rule] = [holiday_coverage]
