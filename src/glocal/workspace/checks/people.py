"""Cross-file rules about people: can someone deliver every module to every cohort?

A facilitator can deliver a module to a cohort when they speak the cohort's language, hold
every skill the module lists and, for ``in_person`` and ``hybrid`` modules, live in the
cohort's country or travel. These are the static halves of the scheduler's hard rules. A
cohort nobody can teach is a finding about the plan, not an input error: one warning per
cohort names its modules and what is missing, and ``glocal plan`` places the rest (a partial
plan). A skill nobody in facilitators.yaml holds at all stays an error (usually a typo)."""

from __future__ import annotations

from functools import cache

from glocal.errors import Problem
from glocal.model import Cohort, Delivery, Facilitator, Module
from glocal.values import suggest
from glocal.workspace.bundle import ProgramBundle, Workspace
from glocal.workspace.checks.base import Rule, problem_at

# Hybrid sessions have participants in the room, so (like the scheduler) they need the
# facilitator there too.
IN_THE_ROOM = (Delivery.IN_PERSON, Delivery.HYBRID)


@cache
def language_of(locale: str) -> str:
    """The language part of a POSIX locale (``pt_BR`` -> ``pt``)."""
    from babel import Locale

    return str(Locale.parse(locale).language)


@cache
def language_name(language: str) -> str:
    """``Japanese (ja)``: the English name of a language with its code."""
    from babel import Locale

    try:
        name = Locale.parse(language).get_display_name("en")
    except (ValueError, TypeError, LookupError):
        name = None
    return f"{name} ({language})" if name else language


def can_deliver(person: Facilitator, module: Module, cohort: Cohort) -> bool:
    """True when ``person`` may deliver ``module`` to ``cohort`` (language, skills, place)."""
    if language_of(cohort.locale) not in person.languages:
        return False
    if not set(module.skills) <= set(person.skills):
        return False
    if module.delivery in IN_THE_ROOM and not person.travels:
        return person.country.code == cohort.country.code
    return True


def _someone_holds(bundle: ProgramBundle, module: Module) -> bool:
    """True when one facilitator holds every skill of ``module``."""
    return any(set(module.skills) <= set(p.skills) for p in bundle.facilitators)


def module_skills(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """Some facilitator holds every skill of each module."""
    held = sorted({skill for person in bundle.facilitators for skill in person.skills})
    doc = bundle.docs["program"]
    problems = []
    for index, module in enumerate(bundle.program.modules):
        unheld = [(j, s) for j, s in enumerate(module.skills) if s not in held]
        for j, skill in unheld:
            hint = suggest(skill, held) or "; add it to a facilitator's skills in facilitators.yaml"
            message = f"no facilitator holds skill '{skill}' of module '{module.id}'{hint}"
            problems.append(problem_at(doc, ("modules", index, "skills", j), message, code="skills"))
        if not unheld and not _someone_holds(bundle, module):
            message = (
                f"no facilitator holds all skills of module '{module.id}' "
                f"({', '.join(module.skills)}); give one facilitator all of them in facilitators.yaml"
            )
            problems.append(problem_at(doc, ("modules", index, "skills"), message, code="skills"))
    return problems


def cohort_module_coverage(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """A warning per cohort that some module cannot be delivered to (language, skills, room);
    modules whose skills nobody holds at all are left to ``module_skills``."""
    spoken = {language for person in bundle.facilitators for language in person.languages}
    problems = []
    for index, cohort in enumerate(bundle.rollout.cohorts):
        language = language_of(cohort.locale)
        blocked = [m for m in bundle.program.modules
                   if _someone_holds(bundle, m) and not any(can_deliver(p, m, cohort) for p in bundle.facilitators)]
        if language not in spoken:
            message = (
                f"nobody can teach cohort '{cohort.id}': no facilitator speaks {language_name(language)}, the "
                f"language of its locale {cohort.locale}; 'glocal plan' leaves its sessions unplaced (a partial "
                f"plan) until a facilitator in facilitators.yaml speaks {language} or the cohort's locale changes"
            )
            path: tuple[str | int, ...] = ("cohorts", index, "locale")
        elif blocked:
            names = ", ".join(m.id for m in blocked)
            message = (
                f"nobody can deliver module{'s' if len(blocked) > 1 else ''} {names} to cohort '{cohort.id}': "
                f"{'; '.join(_coverage_message(bundle, cohort, m) for m in blocked)}; 'glocal plan' leaves "
                f"{'them' if len(blocked) > 1 else 'it'} unplaced (a partial plan)"
            )
            path = ("cohorts", index, "id")
        else:
            continue
        problems.append(problem_at(bundle.docs["rollout"], path, message, code="coverage", warning=True))
    return problems


def _coverage_message(bundle: ProgramBundle, cohort: Cohort, module: Module) -> str:
    language = language_name(language_of(cohort.locale))
    skills = " and ".join(module.skills) or "no special skills"
    speakers = [p for p in bundle.facilitators if language_of(cohort.locale) in p.languages]
    if any(set(module.skills) <= set(p.skills) for p in speakers):
        delivery = module.delivery.value.replace("_", " ")
        country = cohort.country.code
        return (
            f"{module.id} is delivered {delivery} and no facilitator who speaks {language} and "
            f"holds {skills} lives in {country} or travels (set travels: true for one of them "
            f"or add a facilitator in {country})"
        )
    return (
        f"nobody who speaks {language} holds {skills} for {module.id} (add the skills to a "
        f"facilitator who speaks {language}, or add such a facilitator)"
    )


def idle_facilitators(workspace: Workspace, bundle: ProgramBundle) -> list[Problem]:
    """A facilitator who can deliver no module to any cohort is probably a mistake (warning).

    Someone of the workspace's shared team is idle only when no program can use them: judged
    once (with the first program), when every program of the workspace loaded.
    """
    problems = []
    for person in bundle.facilitators:
        doc, index = bundle.facilitator_source(person.id)
        shared = doc.path == "facilitators.yaml"  # the workspace's team, shared by every program
        programs = sorted(workspace.programs.values(), key=lambda b: b.id) if shared else [bundle]
        if shared and (not workspace.complete or programs[0] is not bundle):
            continue  # maybe useful in a program not loaded now; or judged with the first one
        if any(_useful(person, program) for program in programs):
            continue
        where = "any program" if shared and len(programs) > 1 else "this program"
        message = (
            f"facilitator '{person.id}' can deliver nothing in {where}: {_idle_reason(person, programs)}; "
            "check their languages and skills"
        )
        problems.append(problem_at(doc, ("facilitators", index, "id"), message, code="idle", warning=True))
    return problems


def _idle_reason(person: Facilitator, programs: list[ProgramBundle]) -> str:
    languages = sorted({language_of(c.locale) for b in programs for c in b.rollout.cohorts})
    modules = [m for b in programs for m in b.program.modules]
    if not set(person.languages) & set(languages):
        return f"speaks none of the cohorts' languages ({', '.join(languages)})"
    if not any(set(m.skills) <= set(person.skills) for m in modules):
        return "does not hold all skills of any module"
    return "holds no module's skills in a language of a cohort they could reach"


def _useful(person: Facilitator, bundle: ProgramBundle) -> bool:
    """True when ``person`` can deliver some module to some cohort of ``bundle``."""
    return any(can_deliver(person, m, c) for c in bundle.rollout.cohorts for m in bundle.program.modules)


RULES: list[Rule] = [module_skills, cohort_module_coverage, idle_facilitators]
