"""A participant agenda of the localized program: texts, durations, notes, script direction.

``build_agenda`` collects the lines (in the locale's language: curriculum texts from the
variant chain, glocal's own labels from its gettext catalogs, durations and dates from
babel); ``render_text`` and ``render_html`` lay them out. With a cohort and a schedule, each
module shows its session, local date and time and facilitator.
"""

from __future__ import annotations

import html
import zoneinfo
from dataclasses import dataclass, field
from gettext import NullTranslations

from babel import Locale

from glocal.localization.catalogs import N_
from glocal.localization.formatting import (
    format_date,
    format_duration,
    format_time_range,
    is_rtl,
    join_date_time,
    translator,
    zone_name,
)
from glocal.localization.resolve import LocalizedModule, resolve
from glocal.localization.textlayout import display_width, has_rtl, isolate
from glocal.model import Cohort, Delivery, Evaluation, Schedule, ScheduledSession
from glocal.model.locales import normalize_locale
from glocal.workspace import ProgramBundle

DELIVERY = {
    Delivery.VIRTUAL: N_("Virtual"),
    Delivery.IN_PERSON: N_("In person"),
    Delivery.HYBRID: N_("Hybrid"),
}


@dataclass(frozen=True)
class Line:
    """One agenda line; ``kind`` is title, subtitle, heading, text, item, detail or blank."""

    kind: str
    text: str = ""


@dataclass
class Agenda:
    """The lines of an agenda, its locale and its script direction."""

    locale: str
    rtl: bool
    lines: list[Line] = field(default_factory=list)

    def add(self, kind: str, text: str = "") -> None:
        """Append a line."""
        self.lines.append(Line(kind, text))


def _due(tr: NullTranslations, evaluation: Evaluation) -> str:
    days, anchor = evaluation.when.offset_days, evaluation.when.anchor
    if days == 0:
        plain = {
            "after-each-session": tr.gettext("After each session"),
            "after-first-session": tr.gettext("After the first session"),
            "after-last-session": tr.gettext("After the last session"),
        }
        return plain[anchor]
    if anchor == "after-first-session":
        text = tr.ngettext("{days} day after the first session", "{days} days after the first session", days)
    elif anchor == "after-last-session":
        text = tr.ngettext("{days} day after the last session", "{days} days after the last session", days)
    else:
        text = tr.ngettext("{days} day after each session", "{days} days after each session", days)
    return text.format(days=days)


def _session_lines(agenda: Agenda, tr: NullTranslations, session: ScheduledSession, cohort: Cohort, facilitator: str | None) -> None:
    locale = agenda.locale
    day = format_date(session.start.astimezone(zoneinfo.ZoneInfo(cohort.timezone)).date(), locale, "full")
    times = format_time_range(session.start, session.end, cohort.timezone, locale)
    agenda.add("detail", tr.gettext("Session {index} of {count}").format(index=session.index, count=session.count))
    when = f"{join_date_time(day, times, locale)} ({zone_name(cohort.timezone, locale)})"
    agenda.add("detail", tr.gettext("Local time: {when}").format(when=when))
    if facilitator:
        agenda.add("detail", tr.gettext("Facilitator: {name}").format(name=facilitator))


def _module_lines(agenda: Agenda, tr: NullTranslations, module: LocalizedModule, index: int, count: int) -> None:
    locale = agenda.locale
    agenda.add("heading", tr.gettext("Module {index} of {count}: {title}").format(index=index, count=count, title=module.title))
    agenda.add("detail", tr.gettext("Duration: {duration}").format(duration=format_duration(module.duration, locale)))
    agenda.add("detail", tr.gettext("Delivery: {delivery}").format(delivery=tr.gettext(DELIVERY[module.delivery])))
    if module.description:
        agenda.add("text", module.description)
    if module.activities:
        agenda.add("subheading", tr.gettext("Activities:"))
    for activity in module.activities:
        agenda.add("item", f"{activity.title} ({format_duration(activity.minutes, locale)})")
        if activity.description:
            agenda.add("note", activity.description)
        if activity.note:
            agenda.add("note", tr.gettext("Note: {note}").format(note=activity.note))


def build_agenda(
    bundle: ProgramBundle,
    locale: str,
    cohort: Cohort | None = None,
    schedule: Schedule | None = None,
) -> Agenda:
    """The agenda of ``bundle`` in ``locale`` (for ``cohort``, with its sessions if scheduled)."""
    locale = normalize_locale(locale)
    program = resolve(bundle, locale)
    tr = translator(locale)
    agenda = Agenda(locale, is_rtl(locale))
    agenda.add("title", program.title)
    if program.summary:
        agenda.add("subtitle", program.summary)
    if cohort is not None:
        size = tr.ngettext("{count} participant", "{count} participants", cohort.size).format(count=cohort.size)
        language = Locale.parse(normalize_locale(cohort.locale)).get_display_name(Locale.parse(locale)) or cohort.locale
        agenda.add("detail", tr.gettext("Cohort: {cohort} ({language}, {size})").format(cohort=cohort.id, language=language, size=size))
        if cohort.venue:
            agenda.add("detail", tr.gettext("Venue: {venue}").format(venue=cohort.venue))
        if cohort.join_url:
            agenda.add("detail", tr.gettext("Join online: {url}").format(url=cohort.join_url))
    sessions = {s.module: s for s in (schedule.sessions if schedule else []) if cohort is not None and s.cohort == cohort.id}
    names = {f.id: f.name for f in bundle.facilitators}
    for index, module in enumerate(program.modules, start=1):
        agenda.add("blank")
        _module_lines(agenda, tr, module, index, len(program.modules))
        session = sessions.get(module.id)
        if session is not None and cohort is not None:
            _session_lines(agenda, tr, session, cohort, names.get(session.facilitator))
    if bundle.program.evaluation:
        agenda.add("blank")
        agenda.add("heading", tr.gettext("Evaluation"))
        for evaluation in bundle.program.evaluation:
            label = tr.gettext("Level {level} evaluation: {instrument}").format(level=evaluation.level, instrument=evaluation.instrument)
            agenda.add("item", f"{label} ({_due(tr, evaluation)})")
    return agenda


_TEXT_PREFIX = {"item": "  • ", "note": "      ", "detail": "  ", "subheading": "  "}


def render_text(agenda: Agenda) -> str:
    """Plain text. In a right-to-left agenda every line, elsewhere every line with right-to-left
    letters, is a first-strong isolate (FSI ... PDI): a fallback line in English stays left to
    right. The title's underline is as wide as the title on a terminal (CJK letters take two)."""
    out = []
    for line in agenda.lines:
        if line.kind == "blank":
            out.append("")
            continue
        text = isolate(line.text) if agenda.rtl or has_rtl(line.text) else line.text
        out.append(_TEXT_PREFIX.get(line.kind, "") + text)
        if line.kind == "title":
            out.append("=" * max(display_width(line.text), 3))
    return "\n".join(out) + "\n"


_HTML_TAG = {"title": "h1", "subtitle": "p", "heading": "h2", "subheading": "h3", "text": "p", "detail": "p", "note": "p"}


def render_html(agenda: Agenda) -> str:
    """A standalone HTML page with ``lang`` and ``dir`` set for the locale."""
    lang = agenda.locale.replace("_", "-")
    direction = "rtl" if agenda.rtl else "ltr"
    body: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
            items.clear()

    for line in agenda.lines:
        text = html.escape(line.text)
        if line.kind == "item":
            items.append(f'<li dir="auto">{text}</li>')
        elif line.kind == "note" and items:
            items[-1] = items[-1].removesuffix("</li>") + f'<br><small>{text}</small></li>'
        elif line.kind != "blank":
            flush()
            tag = _HTML_TAG.get(line.kind, "p")
            # dir="auto": a core text shown as fallback keeps its own direction on the page.
            body.append(f'<{tag} class="{line.kind}" dir="auto">{text}</{tag}>')
    flush()
    title = html.escape(agenda.lines[0].text) if agenda.lines else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
