"""The words in the calendars: SUMMARY, DESCRIPTION and calendar names, localized.

Curriculum text (titles, descriptions, activities) comes from the locale variant chain via
``glocal.localization.resolve``; glocal's own phrases ("Session 2 of 6") from its gettext
catalogs via ``formatting.translator``; dates, times, zone names and durations from babel.
Nothing here knows about iCalendar syntax: escaping and folding happen when the files are
written, so any text (commas, semicolons, newlines, emoji, right-to-left scripts) is safe.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field
from functools import lru_cache
from gettext import NullTranslations

from babel import Locale

from glocal.localization import (
    LocalizedModule,
    LocalizedProgram,
    formatting,
    normalize_locale,
    resolve,
)
from glocal.localization.fields import activity_path, evaluation_path, module_path
from glocal.model import Cohort, Evaluation, Facilitator, Module, ScheduledSession
from glocal.workspace import ProgramBundle


@dataclass(frozen=True)
class EventText:
    """The localized words of one event; ``language`` is the BCP 47 tag of the SUMMARY for
    ``LANGUAGE=``, ``description_language`` the DESCRIPTION's when it differs (see ``text_language``)."""

    summary: str
    description: str
    language: str
    description_language: str | None = None


MULTIPLE = "mul"  # BCP 47 / ISO 639-2: "multiple languages", for a text that mixes them


def text_language(*parts: str) -> str:
    """The tag of a text made of parts in these languages: the first part's tag when every
    part is in its language (``ja-JP`` content with ``ja`` labels is ``ja-JP``), else ``mul``.

    A description can mix them: a Spanish cohort without a Spanish variant reads the core's
    English curriculum between Spanish labels and dates. Tagging it ``en`` (or ``es``) would
    claim one language for text that is two, so it says what it is: several.
    """
    primary = {tag.split("-")[0].lower() for tag in parts}
    return parts[0] if len(primary) == 1 else MULTIPLE


def label_language(locale: str) -> str:
    """The tag of glocal's own words (labels) as written for ``locale`` (its catalog's language)."""
    return language_tag(formatting.label_locale(locale))


@dataclass(frozen=True)
class Place:
    """Where a session happens: a join link, a venue, both (hybrid) or neither."""

    join_url: str | None
    venue: str | None


def language_tag(locale: str) -> str:
    """BCP 47 tag of a POSIX locale (``pt_BR`` -> ``pt-BR``), as ``LANGUAGE=`` wants."""
    return locale.replace("_", "-")


def facilitator_locale(facilitator: Facilitator) -> str:
    """The language a facilitator's calendar is written in: their first listed one."""
    return facilitator.languages[0]


def locale_name(locale: str, in_locale: str) -> str:
    """The display name of ``locale`` in the language of ``in_locale`` (``日本語 (日本)``)."""
    name = Locale.parse(locale).get_display_name(Locale.parse(in_locale))
    return name or locale


@lru_cache(maxsize=8192)  # a session's times appear in several calendars: its cohort's, its invite, ...
def when_text(start: dt.datetime, end: dt.datetime, zone: str, locale: str) -> str:
    """``Tuesday, February 9, 2027, 10:00 – 11:45 AM (Japan Time)`` in ``locale``: the
    date and the time range joined by the locale's own date-time pattern (``{1}، {0}`` in
    Arabic, ``{1} {0}`` in Japanese), then the zone's generic name."""
    day = start.astimezone(zoneinfo.ZoneInfo(zone)).date()
    date_text = formatting.format_date(day, locale, "full")
    times = formatting.format_time_range(start, end, zone, locale)
    pattern = str(Locale.parse(normalize_locale(locale)).datetime_formats["medium"])
    # CLDR quotes literal text ('at'); drop the quotes, keep the text.
    pattern = re.sub(r"'([^']*)'", lambda m: m.group(1) or "'", pattern)
    joined = pattern.replace("{1}", "\x00").replace("{0}", times).replace("\x00", date_text)
    return f"{joined} ({formatting.zone_name(zone, locale)})"


@dataclass(frozen=True)
class Lookups:
    """Cohorts, facilitators and modules of a bundle by id."""

    cohorts: dict[str, Cohort]
    facilitators: dict[str, Facilitator]
    modules: dict[str, Module]


@dataclass
class Wording:
    """Localized texts of one program; resolves each locale once per calendar build."""

    bundle: ProgramBundle
    _programs: dict[str, LocalizedProgram] = field(default_factory=dict)
    _lookups: Lookups | None = None

    def lookups(self) -> Lookups:
        """The bundle's cohorts, facilitators and modules by id (built once)."""
        if self._lookups is None:
            self._lookups = Lookups({c.id: c for c in self.bundle.rollout.cohorts},
                                    {f.id: f for f in self.bundle.facilitators},
                                    {m.id: m for m in self.bundle.program.modules})
        return self._lookups

    def program(self, locale: str) -> LocalizedProgram:
        """The program as seen in ``locale`` (variant chain, then core)."""
        if locale not in self._programs:
            self._programs[locale] = resolve(self.bundle, locale)
        return self._programs[locale]

    def calendar_name(self, locale: str, whose: str) -> tuple[str, str]:
        """``<program title> – <whose>`` for NAME / X-WR-CALNAME, and its language tag."""
        program = self.program(locale)
        return f"{program.title} – {whose}", self.language_of(program, "title")

    def language_of(self, program: LocalizedProgram, path: str) -> str:
        """The BCP 47 tag of the text at ``path``: the resolved locale when a variant in its
        chain supplied it, the program's source language when it fell back to the core
        (an ``es_CL`` cohort without a Spanish variant reads English, tagged ``en``)."""
        if program.sources.get(path, "core") == "core":
            return language_tag(self.bundle.program.source_locale)
        return language_tag(program.locale)

    def _module_language(self, program: LocalizedProgram, module: LocalizedModule) -> str:
        return self.language_of(program, module_path(module.id, "title"))

    def _content_languages(
        self, program: LocalizedProgram, module: LocalizedModule, evaluation: list[Evaluation] | None = None
    ) -> list[str]:
        """The languages of the curriculum words a session description shows."""
        paths = ["title"]
        if module.description:
            paths.append(module_path(module.id, "description"))
        paths += [activity_path(module.id, a.id, "title") for a in module.activities]
        paths += [evaluation_path(e.level) for e in evaluation or []]
        return [self.language_of(program, path) for path in paths]

    def module_title(self, locale: str, module_id: str) -> tuple[str, str]:
        """A module's title in ``locale`` and the language tag of that text."""
        program = self.program(locale)
        module = program.module(module_id)
        return module.title, self._module_language(program, module)

    def cohort_event(
        self, cohort: Cohort, session: ScheduledSession, facilitator: Facilitator | None, place: Place
    ) -> EventText:
        """What a participant of ``cohort`` reads, in the cohort's language and time zone."""
        locale = cohort.locale
        program = self.program(locale)
        module = program.module(session.module)
        tr = formatting.translator(locale)
        lines = _heading(program, module) + [
            _session_of(tr, session),
            tr.gettext("Time: {when}").format(
                when=when_text(session.start, session.end, cohort.timezone, locale)
            ),
        ]
        if facilitator is not None:
            lines.append(tr.gettext("Facilitator: {name}").format(name=facilitator.name))
        lines += _place_lines(tr, place) + _activities(tr, module, locale)
        after = [e for e in self.bundle.program.evaluation
                 if e.when.anchor == "after-each-session" and not e.when.offset_days]
        lines += [
            tr.gettext("After this session: {instrument}").format(instrument=program.instrument(e))
            for e in after
        ]
        language = self._module_language(program, module)
        described = text_language(
            language, *self._content_languages(program, module, after), label_language(locale), language_tag(locale)
        )
        return EventText(module.title, "\n".join(lines), language, described)

    def facilitator_event(
        self, cohort: Cohort, session: ScheduledSession, facilitator: Facilitator, place: Place
    ) -> EventText:
        """What the facilitator reads: the cohort, its language and size, both local times."""
        locale = facilitator_locale(facilitator)
        program = self.program(locale)
        module = program.module(session.module)
        tr = formatting.translator(locale)
        lines = _heading(program, module) + [
            _session_of(tr, session),
            _cohort_line(tr, cohort, locale),
            tr.gettext("Your time: {when}").format(
                when=when_text(session.start, session.end, facilitator.timezone, locale)
            ),
            tr.gettext("Cohort time: {when}").format(
                when=when_text(session.start, session.end, cohort.timezone, locale)
            ),
        ]
        lines += _place_lines(tr, place) + _activities(tr, module, locale)
        summary = f"{module.title} · {cohort.id}"
        language = self._module_language(program, module)
        described = text_language(language, *self._content_languages(program, module),
                                  label_language(locale), language_tag(locale))
        return EventText(summary, "\n".join(lines), language, described)

    def coordinator_event(
        self,
        cohort: Cohort,
        session: ScheduledSession,
        facilitator: Facilitator | None,
        place: Place,
    ) -> EventText:
        """The coordinator's view, in the program's source language: who, where, all clocks."""
        locale = self.bundle.program.source_locale
        program = self.program(locale)
        module = program.module(session.module)
        tr = formatting.translator(locale)
        lines = [
            _session_of(tr, session),
            _cohort_line(tr, cohort, locale),
            tr.gettext("Cohort time: {when}").format(
                when=when_text(session.start, session.end, cohort.timezone, locale)
            ),
        ]
        if facilitator is not None:
            lines += [
                tr.gettext("Facilitator: {name}").format(name=facilitator.name),
                tr.gettext("Facilitator time: {when}").format(
                    when=when_text(session.start, session.end, facilitator.timezone, locale)
                ),
            ]
        lines += _place_lines(tr, place)
        summary = f"{cohort.id}: {module.title} ({session.index}/{session.count})"
        language = self._module_language(program, module)
        described = text_language(label_language(locale), language_tag(locale))  # labels and dates only
        return EventText(summary, "\n".join(lines), language, described)

    def followup(self, evaluation: Evaluation, locale: str, cohort_id: str) -> EventText:
        """An evaluation follow-up: ``Evaluation (level 3): Manager observation checklist``."""
        tr = formatting.translator(locale)
        program = self.program(locale)
        summary = tr.gettext("Evaluation (level {level}): {instrument}").format(
            level=evaluation.level, instrument=program.instrument(evaluation)
        )
        lines = [
            program.title,
            tr.gettext("Cohort: {cohort}").format(cohort=cohort_id),
            _due(tr, evaluation),
        ]
        labels = label_language(locale)
        summary_language = text_language(self.language_of(program, evaluation_path(evaluation.level)), labels)
        described = text_language(self.language_of(program, "title"), labels)
        return EventText(summary, "\n".join(lines), summary_language, described)


def _heading(program: LocalizedProgram, module: LocalizedModule) -> list[str]:
    lines = [program.title]
    if module.description:
        lines += ["", module.description]
    return lines + [""]


def _session_of(tr: NullTranslations, session: ScheduledSession) -> str:
    return tr.gettext("Session {index} of {count}").format(index=session.index, count=session.count)


def _cohort_line(tr: NullTranslations, cohort: Cohort, locale: str) -> str:
    size = tr.ngettext("{count} participant", "{count} participants", cohort.size)
    return tr.gettext("Cohort: {cohort} ({language}, {size})").format(
        cohort=cohort.id,
        language=locale_name(cohort.locale, locale),
        size=size.format(count=cohort.size),
    )


def _place_lines(tr: NullTranslations, place: Place) -> list[str]:
    lines = []
    if place.venue:
        lines.append(tr.gettext("Venue: {venue}").format(venue=place.venue))
    if place.join_url:
        lines.append(tr.gettext("Join: {url}").format(url=place.join_url))
    return lines


def _activities(tr: NullTranslations, module: LocalizedModule, locale: str) -> list[str]:
    if not module.activities:
        return []
    return ["", tr.gettext("Activities:")] + [
        f"• {activity.title} ({formatting.format_duration(activity.minutes, locale)})"
        for activity in module.activities
    ]


def _due(tr: NullTranslations, evaluation: Evaluation) -> str:
    days = evaluation.when.offset_days
    anchor = evaluation.when.anchor
    if not days:  # "0 days after the last session" reads oddly: "After the last session"
        same_day = {"after-first-session": "After the first session", "after-last-session": "After the last session"}
        return tr.gettext(same_day.get(anchor, "After each session"))
    if anchor == "after-first-session":
        text = tr.ngettext(
            "{days} day after the first session", "{days} days after the first session", days
        )
    elif anchor == "after-last-session":
        text = tr.ngettext(
            "{days} day after the last session", "{days} days after the last session", days
        )
    else:
        text = tr.ngettext("{days} day after each session", "{days} days after each session", days)
    return text.format(days=days)
