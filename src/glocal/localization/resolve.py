"""Resolve a program for one locale, field by field along its CLDR chain, with provenance.

Each field takes the value of the most specific variant in the chain that sets it
(``pt_BR`` before ``pt``), else the core's. ``provenance`` records, per field path, the file
and line the value came from, so agendas and reports can say where a text or an adaptation
was made. Variant keys whose core counterpart is gone (orphans) are ignored here; the
staleness report names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from glocal.errors import Location
from glocal.localization.fields import (
    activity_path,
    core_key_path,
    evaluation_path,
    module_path,
    objective_path,
    translatable_levels,
    variant_key_path,
)
from glocal.model import (
    Activity,
    Delivery,
    Evaluation,
    EvaluationTiming,
    Gap,
    Module,
    Objective,
    Variant,
)
from glocal.model.locales import locale_chain
from glocal.workspace import ProgramBundle


@dataclass(frozen=True)
class LocalizedActivity:
    """An activity as delivered in one locale."""

    id: str
    title: str
    description: str | None
    minutes: int
    styles: list[str]
    note: str | None
    adapted: bool = False  # True when a variant in the chain changed its styles or minutes


@dataclass(frozen=True)
class LocalizedObjective:
    """A core objective in one locale's words (its meaning is the core's)."""

    id: str
    text: str


@dataclass(frozen=True)
class LocalizedEvaluation:
    """A core evaluation level with its instrument in one locale's words."""

    level: int
    instrument: str
    when: EvaluationTiming


@dataclass(frozen=True)
class LocalizedModule:
    """A module as delivered in one locale; ``duration`` is what the scheduler books."""

    id: str
    title: str
    description: str | None
    duration: int
    delivery: Delivery
    skills: list[str]
    after: str | None
    gap: Gap
    activities: list[LocalizedActivity]

    def activity(self, activity_id: str) -> LocalizedActivity:
        """The activity with this id (KeyError if none)."""
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise KeyError(activity_id)


@dataclass(frozen=True)
class LocalizedProgram:
    """A program resolved for one locale (see ``resolve``)."""

    id: str
    locale: str
    chain: list[str]  # the locale chain that was searched, most specific first
    title: str
    summary: str | None
    modules: list[LocalizedModule]
    provenance: dict[str, Location] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # field path -> locale or "core"
    objectives: list[LocalizedObjective] = field(default_factory=list)
    evaluation: list[LocalizedEvaluation] = field(default_factory=list)  # in core order

    def instrument(self, evaluation: Evaluation) -> str:
        """The instrument of a core evaluation level in this locale's words."""
        for entry in self.evaluation:
            if entry.level == evaluation.level and entry.when == evaluation.when:
                return entry.instrument
        return evaluation.instrument

    def module(self, module_id: str) -> LocalizedModule:
        """The module with this id (KeyError if none)."""
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)


class _Resolver:
    """Looks fields up along the chain and records where each value came from."""

    def __init__(self, bundle: ProgramBundle, chain: list[str]) -> None:
        self.bundle = bundle
        self.layers: list[tuple[str, Variant]] = [
            (loc, bundle.variants[loc]) for loc in chain if loc in bundle.variants
        ]
        self.provenance: dict[str, Location] = {}
        self.sources: dict[str, str] = {}

    def pick(self, path: str, core_value: Any, variant_value: Any) -> Any:
        """The value of ``path``: the first layer's that sets it, else the core's."""
        for locale, variant in self.layers:
            value = variant_value(variant)
            if value is not None:
                doc = self.bundle.docs[f"variant:{locale}"]
                self.provenance[path] = doc.location(variant_key_path(path))
                self.sources[path] = locale
                return value
        if core_value is not None:
            self.provenance[path] = self.bundle.docs["program"].location(
                core_key_path(self.bundle.program, path)
            )
            self.sources[path] = "core"
        return core_value

    def activity(self, module: Module, activity: Activity) -> LocalizedActivity:
        def part(name: str) -> Any:
            def get(variant: Variant) -> Any:
                mv = variant.modules.get(module.id)
                av = mv.activities.get(activity.id) if mv is not None else None
                return getattr(av, name) if av is not None else None

            return self.pick(activity_path(module.id, activity.id, name), getattr(activity, name), get)

        styles = part("styles")
        minutes = part("minutes")
        adapted = any(
            self.sources.get(activity_path(module.id, activity.id, n), "core") != "core"
            for n in ("styles", "minutes")
        )
        return LocalizedActivity(
            activity.id, part("title"), part("description"), minutes, list(styles), part("note"), adapted
        )

    def objective(self, objective: Objective) -> LocalizedObjective:
        def get(variant: Variant) -> Any:
            translated = variant.objectives.get(objective.id)
            return translated.text if translated is not None else None

        return LocalizedObjective(objective.id, self.pick(objective_path(objective.id), objective.text, get))

    def evaluation(self, entry: Evaluation, addressable: bool) -> LocalizedEvaluation:
        if not addressable:  # a level listed twice in the core: no variant can say which it means
            return LocalizedEvaluation(entry.level, entry.instrument, entry.when)

        def get(variant: Variant) -> Any:
            translated = variant.evaluation.get(str(entry.level))
            return translated.instrument if translated is not None else None

        instrument = self.pick(evaluation_path(entry.level), entry.instrument, get)
        return LocalizedEvaluation(entry.level, instrument, entry.when)

    def module(self, module: Module) -> LocalizedModule:
        def part(name: str) -> Any:
            def get(variant: Variant) -> Any:
                mv = variant.modules.get(module.id)
                return getattr(mv, name) if mv is not None else None

            return self.pick(module_path(module.id, name), getattr(module, name), get)

        return LocalizedModule(
            id=module.id,
            title=part("title"),
            description=part("description"),
            duration=part("duration"),
            delivery=module.delivery,
            skills=list(module.skills),
            after=module.after,
            gap=module.gap,
            activities=[self.activity(module, a) for a in module.activities],
        )


def resolve(bundle: ProgramBundle, locale: str) -> LocalizedProgram:
    """The program as delivered in ``locale``: every field from its most specific source.

    ``locale`` may be BCP 47 or POSIX (``nb-NO``, ``nb_NO``); a cohort in ``nb_NO`` uses the
    ``nb`` variant folder, and ``en_US`` with no variant gets the core texts.
    """
    chain = locale_chain(locale)
    resolver = _Resolver(bundle, chain)
    program = bundle.program
    title = resolver.pick("title", program.title, lambda v: v.title)
    summary = resolver.pick("summary", program.summary, lambda v: v.summary)
    modules = [resolver.module(m) for m in program.modules]
    seen: set[str] = set()
    objectives = []
    for objective in program.objectives:
        if objective.id not in seen:  # a repeated id is a check error; its first text counts
            seen.add(objective.id)
            objectives.append(resolver.objective(objective))
    levels = translatable_levels(program)
    evaluation = [resolver.evaluation(e, e.level in levels) for e in program.evaluation]
    return LocalizedProgram(
        id=program.id,
        locale=chain[0],
        chain=chain,
        title=title,
        summary=summary,
        modules=modules,
        provenance=resolver.provenance,
        sources=resolver.sources,
        objectives=objectives,
        evaluation=evaluation,
    )



class LocalizedPrograms(dict[str, LocalizedProgram]):
    """The program per locale for one run: each locale resolved once, on first use, and shared
    by every output (revisions, calendars, the report) instead of each resolving it again."""

    def __init__(self, bundle: ProgramBundle) -> None:
        super().__init__()
        self.bundle = bundle

    def __missing__(self, locale: str) -> LocalizedProgram:
        program = resolve(self.bundle, locale)
        self[locale] = program
        return program


def resolve_cohorts(bundle: ProgramBundle) -> LocalizedPrograms:
    """The shared programs of one run, with every locale its cohorts use already resolved."""
    programs = LocalizedPrograms(bundle)
    for locale in sorted({c.locale for c in bundle.rollout.cohorts}):
        programs[locale] = resolve(bundle, locale)
    return programs
