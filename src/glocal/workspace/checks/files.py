"""The rules of one file each: program.yaml, rollout.yaml and facilitators.yaml.

They need nothing but their own file (and its folder's name), so they run even when another
file of the program is invalid: one run reports every problem it can find.
"""

from __future__ import annotations

from glocal.errors import Problem
from glocal.model import Facilitator, Program, Rollout
from glocal.values import WEEKDAYS, TimeRange, format_duration, suggest
from glocal.workspace.checks.base import problem_at
from glocal.workspace.yamlio import KeyPath, YamlDocument


def folder_of(doc: YamlDocument) -> str:
    """The program folder a file of ``programs/<id>/`` lies in."""
    return doc.path.split("/")[1]


def program_id_matches_folder(program: Program, doc: YamlDocument) -> list[Problem]:
    """``id`` in program.yaml must equal the program's folder name."""
    folder = folder_of(doc)
    if program.id == folder:
        return []
    message = (
        f"program id '{program.id}' differs from its folder '{folder}'; "
        f"write id: {folder} (or rename the folder)"
    )
    return [problem_at(doc, ("id",), message, code="program-id")]


def _duplicates(doc: YamlDocument, base: KeyPath, ids: list[str], what: str) -> list[Problem]:
    """One problem for every repeat of an id in the list at ``base``."""
    problems = []
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id not in first:
            first[item_id] = index
            continue
        line = doc.location((*base, first[item_id], "id")).line
        message = (
            f"duplicate {what} id '{item_id}' (first used at line {line}); "
            f"give each {what} its own id"
        )
        problems.append(problem_at(doc, (*base, index, "id"), message, code="duplicate-id"))
    return problems


def unique_program_ids(program: Program, doc: YamlDocument) -> list[Problem]:
    """Objective, module and activity (per module) ids are unique."""
    problems = _duplicates(doc, ("objectives",), [o.id for o in program.objectives], "objective")
    problems += _duplicates(doc, ("modules",), [m.id for m in program.modules], "module")
    for index, module in enumerate(program.modules):
        activity_ids = [a.id for a in module.activities]
        problems += _duplicates(doc, ("modules", index, "activities"), activity_ids, "activity")
    return problems


def unique_cohort_ids(rollout: Rollout, doc: YamlDocument) -> list[Problem]:
    """Cohort ids are unique."""
    return _duplicates(doc, ("cohorts",), [c.id for c in rollout.cohorts], "cohort")


def unique_facilitator_ids(people: list[Facilitator], doc: YamlDocument) -> list[Problem]:
    """Facilitator ids are unique."""
    return _duplicates(doc, ("facilitators",), [f.id for f in people], "facilitator")


def module_order(program: Program, doc: YamlDocument) -> list[Problem]:
    """``after`` names a known module, and the order of modules has no cycle."""
    ids = [m.id for m in program.modules]
    problems = []
    for index, module in enumerate(program.modules):
        if module.after is not None and module.after not in ids:
            hint = suggest(module.after, ids) or f"; the modules are {', '.join(ids)}"
            message = f"module '{module.id}' comes after unknown module '{module.after}'{hint}"
            problems.append(problem_at(doc, ("modules", index, "after"), message, code="after"))
    if problems:
        return problems
    cycle = _first_cycle(program)
    if cycle:
        # A cycle always holds an explicit `after`: listing order alone only points back.
        index = next(i for i, m in enumerate(program.modules) if m.id in cycle and m.after)
        message = (
            f"the order of modules forms a cycle: {' -> '.join([*cycle, cycle[0]])} (each comes "
            "after the next); point one 'after' at a module outside the cycle or remove it"
        )
        problems.append(problem_at(doc, ("modules", index, "after"), message, code="after-cycle"))
    return problems


def _first_cycle(program: Program) -> list[str]:
    """The first cycle of "comes after" links, in listing order, or ``[]``."""
    follows = {m.id: program.predecessor(m.id) for m in program.modules}
    for start in follows:
        path: list[str] = []
        current: str | None = start
        while current is not None and current not in path:
            path.append(current)
            current = follows.get(current)
        if current == start:
            return path
    return []


def gaps(program: Program, doc: YamlDocument) -> list[Problem]:
    """``gap.min`` is at most ``gap.max``; a gap on the first module is noted as ignored."""
    problems = []
    for index, module in enumerate(program.modules):
        gap = module.gap
        if gap.max is not None and gap.min > gap.max:
            message = (
                f"gap min {format_duration(gap.min)} of module '{module.id}' is longer than its "
                f"max {format_duration(gap.max)}; make min at most max"
            )
            problems.append(problem_at(doc, ("modules", index, "gap", "min"), message, code="gap"))
        if "gap" in module.model_fields_set and program.predecessor(module.id) is None:
            message = (
                f"module '{module.id}' comes after no other module, so its gap is ignored; "
                "remove the gap or add 'after'"
            )
            path = ("modules", index, "gap")
            problems.append(problem_at(doc, path, message, code="gap", warning=True))
    return problems


def activity_minutes(program: Program, doc: YamlDocument) -> list[Problem]:
    """The activities of a module fit in its duration."""
    problems = []
    for index, module in enumerate(program.modules):
        total = sum(a.minutes for a in module.activities)
        if total <= module.duration:
            continue
        message = (
            f"the activities of module '{module.id}' take {total} minutes, more than its "
            f"duration {format_duration(module.duration)}; shorten the activities or make the "
            f"duration at least {format_duration(total)}"
        )
        path = ("modules", index, "duration")
        problems.append(problem_at(doc, path, message, code="activity-minutes"))
    return problems


# ---------------------------------------------------------------- rollout.yaml


def rollout_program(rollout: Rollout, doc: YamlDocument) -> list[Problem]:
    """``program`` in rollout.yaml names the program of its folder."""
    folder = folder_of(doc)
    if rollout.program == folder:
        return []
    message = (
        f"rollout is for program '{rollout.program}' but lies in the folder of "
        f"'{folder}'; write program: {folder}"
    )
    return [problem_at(doc, ("program",), message, code="rollout-program")]


def _within(inner: TimeRange, outer: TimeRange) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _no_working_day(who: str) -> str:
    return (
        f"the weekend of {who} is every day of the week, which leaves no working days; "
        "list the days off only (e.g. [sat, sun])"
    )


def _not_within(preferred: TimeRange, working: TimeRange, owner: str, possessive: str) -> str:
    return (
        f"preferred hours {preferred}{owner} are not inside {possessive} working hours {working}; "
        "sessions only happen in working hours, so choose preferred hours inside them"
    )


def cohort_calendar(rollout: Rollout, doc: YamlDocument) -> list[Problem]:
    """Cohort weekends leave working days and ``start_after`` lies in the window."""
    problems = []
    for index, cohort in enumerate(rollout.cohorts):
        if cohort.weekend is not None and set(cohort.weekend) >= set(WEEKDAYS):
            message = _no_working_day(f"cohort '{cohort.id}'")
            problems.append(problem_at(doc, ("cohorts", index, "weekend"), message, code="weekend"))
        if cohort.start_after is not None and cohort.start_after not in rollout.window:
            message = (
                f"start_after {cohort.start_after} of cohort '{cohort.id}' is outside the window "
                f"{rollout.window}; use a date inside the window or remove it"
            )
            path = ("cohorts", index, "start_after")
            problems.append(problem_at(doc, path, message, code="start-after"))
    return problems


def cohort_preferred_hours(rollout: Rollout, doc: YamlDocument) -> list[Problem]:
    """Preferred hours (default or a cohort's) lie within the working hours (warning)."""
    defaults = rollout.defaults
    problems = []
    preferred = defaults.preferred_hours
    if preferred is not None and not _within(preferred, defaults.working_hours):
        message = "default " + _not_within(preferred, defaults.working_hours, "", "the default")
        path: KeyPath = ("defaults", "preferred_hours")
        problems.append(problem_at(doc, path, message, code="preferred-hours", warning=True))
    for index, cohort in enumerate(rollout.cohorts):
        if cohort.preferred_hours is None and cohort.working_hours is None:
            continue  # only the defaults apply: reported once above
        working = cohort.working_hours or defaults.working_hours
        preferred = cohort.preferred_hours or defaults.preferred_hours
        if preferred is None or _within(preferred, working):
            continue
        name = "preferred_hours" if cohort.preferred_hours is not None else "working_hours"
        message = _not_within(preferred, working, f" of cohort '{cohort.id}'", "its")
        path = ("cohorts", index, name)
        problems.append(problem_at(doc, path, message, code="preferred-hours", warning=True))
    return problems


def facilitator_calendar(people: list[Facilitator], doc: YamlDocument) -> list[Problem]:
    """Facilitator weekends leave working days; their preferred hours lie in working hours."""
    problems = []
    for index, person in enumerate(people):
        if person.weekend is not None and set(person.weekend) >= set(WEEKDAYS):
            message = _no_working_day(f"facilitator '{person.id}'")
            path = ("facilitators", index, "weekend")
            problems.append(problem_at(doc, path, message, code="weekend"))
        preferred = person.preferred_hours
        if preferred is not None and not _within(preferred, person.working_hours):
            message = _not_within(preferred, person.working_hours, f" of facilitator '{person.id}'", "their")
            path = ("facilitators", index, "preferred_hours")
            problems.append(problem_at(doc, path, message, code="preferred-hours", warning=True))
    return problems


def check_program(program: Program, doc: YamlDocument) -> list[Problem]:
    """Every rule of program.yaml alone."""
    rules = (program_id_matches_folder, unique_program_ids, module_order, gaps, activity_minutes)
    return [problem for rule in rules for problem in rule(program, doc)]


def check_rollout(rollout: Rollout, doc: YamlDocument) -> list[Problem]:
    """Every rule of rollout.yaml alone."""
    rules = (rollout_program, unique_cohort_ids, cohort_calendar, cohort_preferred_hours)
    return [problem for rule in rules for problem in rule(rollout, doc)]


def check_facilitators(people: list[Facilitator], doc: YamlDocument) -> list[Problem]:
    """Every rule of facilitators.yaml alone."""
    return unique_facilitator_ids(people, doc) + facilitator_calendar(people, doc)
