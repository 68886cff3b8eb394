"""``build_calendars``: every calendar file of one schedule, as bytes keyed by path.

Paths (under the output folder):

* ``calendars/cohorts/<cohort>.ics``: METHOD:PUBLISH, the cohort's sessions in its language
  and zone, its evaluation follow-ups, no attendees (e-mail addresses stay private);
* ``calendars/facilitators/<id>.ics``: METHOD:PUBLISH, the facilitator's sessions in their
  first language and their zone (facilitators without sessions get no file);
* ``calendars/invites/<cohort>/<module>.ics``: METHOD:REQUEST from the program's organizer
  to the session's attendees (facilitator as CHAIR, participants with an e-mail address), one
  VEVENT (one UID) per file; written only with an organizer and at least one attendee;
* ``calendars/cancel/<cohort>/<module>.ics``: METHOD:CANCEL, STATUS:CANCELLED, for each
  cancelled session, to everybody who was invited to it;
* ``calendars/uninvite/<cohort>/<module>.ics``: METHOD:CANCEL without STATUS to the people
  taken off a session that goes on (RFC 5546 3.2.5), listing only them;
* ``calendars/coordinator.ics``: every session in UTC and every follow-up, in the program's
  source language, without alarms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from icalendar import Calendar

from glocal.calendars.events import (
    all_day_event,
    followup_uid,
    new_calendar,
    place_of,
    plan_stamp,
    session_event,
    session_uid,
    to_bytes,
)
from glocal.calendars.invites import (
    add_people,
    attendees_of,
    mark_cancelled,
    organizer_of,
)
from glocal.calendars.texts import (
    EventText,
    Wording,
    facilitator_locale,
    label_language,
    language_tag,
    text_language,
    when_text,
)
from glocal.calendars.timezones import vtimezone_bytes
from glocal.localization import LocalizedProgram, formatting
from glocal.model import (
    Attendee,
    CancelledSession,
    Cohort,
    Facilitator,
    Module,
    Schedule,
    ScheduledSession,
    Status,
)
from glocal.model.followups import FollowUp, cohort_followups
from glocal.workspace import ProgramBundle


@dataclass
class _Plan:
    """The schedule with its bundle looked up once: cohorts, facilitators, modules by id."""

    bundle: ProgramBundle
    schedule: Schedule
    localized: dict[str, LocalizedProgram] = field(default_factory=dict)
    wording: Wording = field(init=False)
    stamp: dt.datetime = field(init=False)
    cohorts: dict[str, Cohort] = field(init=False)
    facilitators: dict[str, Facilitator] = field(init=False)
    modules: dict[str, Module] = field(init=False)
    sessions: list[ScheduledSession] = field(init=False)

    def __post_init__(self) -> None:
        self.wording = Wording(self.bundle, self.localized)
        self.stamp = plan_stamp(self.schedule)
        self.cohorts = {c.id: c for c in self.bundle.rollout.cohorts}
        self.facilitators = {f.id: f for f in self.bundle.facilitators}
        self.modules = {m.id: m for m in self.bundle.program.modules}
        self.sessions = sorted(self.schedule.sessions, key=lambda s: (s.start, s.cohort, s.module))

    def uid(self, cohort: str, module: str) -> str:
        return session_uid(self.bundle.id, cohort, module)

    def followups(self, cohort: Cohort) -> list[FollowUp]:
        mine = [s for s in self.sessions if s.cohort == cohort.id]
        return cohort_followups(cohort, mine, self.bundle.program.evaluation)

    def stamp_of(self, session: ScheduledSession | CancelledSession) -> dt.datetime:
        """DTSTAMP of a session's SEQUENCE (plans numbered by ``revise``), else the plan's."""
        return session.stamp or self.stamp

    def attendees(self, session: ScheduledSession) -> list[Attendee]:
        """Who is invited: as ``revise`` recorded it, else as the workspace says now."""
        if session.attendees:
            return list(session.attendees)
        return attendees_of(organizer_of(self.bundle), self.cohorts.get(session.cohort),
                            self.facilitators.get(session.facilitator))


def prepare_calendars(bundle: ProgramBundle) -> None:
    """Load what ``build_calendars`` needs whatever the plan: the CLDR data, zone names and
    message catalogs of every cohort's and facilitator's locale and zone, and their VTIMEZONEs
    over the rollout window's years. ``glocal plan`` calls it while the solver works; the files do not change
    (the caches are keyed by their inputs)."""
    window = bundle.rollout.window
    noon = dt.datetime.combine(window.start, dt.time(12), tzinfo=dt.UTC)
    places = {(c.timezone, c.locale) for c in bundle.rollout.cohorts}
    places |= {(f.timezone, facilitator_locale(f)) for f in bundle.facilitators}
    places |= {(zone, bundle.program.source_locale) for zone, _ in places}  # the coordinator's
    for zone, locale in sorted(places):
        vtimezone_bytes(zone, [window.start, window.end])
        when_text(noon, noon + dt.timedelta(hours=1), zone, locale)  # loads dates, patterns, zone names
    for locale in sorted({locale for _, locale in places}):
        formatting.translator(locale)  # reads the locale's message catalogs


def build_calendars(bundle: ProgramBundle, schedule: Schedule,
                    localized: dict[str, LocalizedProgram] | None = None) -> dict[str, bytes]:
    """Every calendar file of ``schedule`` (run ``revise`` first), sorted by path.

    ``localized`` is the run's shared programs per locale (``resolve_cohorts``), so no
    locale is resolved twice; without it each locale is resolved here. An infeasible schedule has no
    sessions and gets no calendars.
    """
    if schedule.status is Status.INFEASIBLE:
        return {}
    plan = _Plan(bundle, schedule, localized or {})
    files: dict[str, bytes] = {}
    for cohort in bundle.rollout.cohorts:
        calendar = _cohort_calendar(plan, cohort)
        if calendar is not None:
            files[f"calendars/cohorts/{cohort.id}.ics"] = to_bytes(calendar)
        files.update(_invites(plan, cohort))
        files.update(_uninvites(plan, cohort))
    for facilitator in bundle.facilitators:
        calendar = _facilitator_calendar(plan, facilitator)
        if calendar is not None:
            files[f"calendars/facilitators/{facilitator.id}.ics"] = to_bytes(calendar)
    for cancelled in schedule.cancelled:
        calendar = _cancel_calendar(plan, cancelled)
        if calendar is not None:
            files[f"calendars/cancel/{cancelled.cohort}/{cancelled.module}.ics"] = to_bytes(calendar)
    if plan.sessions:
        files["calendars/coordinator.ics"] = to_bytes(_coordinator_calendar(plan))
    return dict(sorted(files.items()))


def _add_followups(plan: _Plan, calendar: Calendar, cohort: Cohort, locale: str) -> None:
    for followup in plan.followups(cohort):
        level = followup.evaluation
        calendar.add_component(
            all_day_event(
                followup_uid(plan.bundle.id, cohort.id, level.level, followup.module),
                followup.day,
                text=plan.wording.followup(level, locale, cohort.id),
                sequence=followup.sequence,
                stamp=plan.stamp,
            )
        )


def _cohort_calendar(plan: _Plan, cohort: Cohort) -> Calendar | None:
    sessions = [s for s in plan.sessions if s.cohort == cohort.id]
    if not sessions:
        return None
    calendar = new_calendar("PUBLISH", *plan.wording.calendar_name(cohort.locale, cohort.id))
    for session in sessions:
        place = place_of(cohort, plan.modules.get(session.module))
        text = plan.wording.cohort_event(cohort, session, plan.facilitators.get(session.facilitator), place)
        calendar.add_component(
            session_event(
                plan.uid(cohort.id, session.module), session.start, session.end, cohort.timezone,
                text=text, sequence=session.sequence, stamp=plan.stamp_of(session), place=place,
            )
        )
    _add_followups(plan, calendar, cohort, cohort.locale)
    return calendar


def _facilitator_calendar(plan: _Plan, facilitator: Facilitator) -> Calendar | None:
    sessions = [s for s in plan.sessions if s.facilitator == facilitator.id and s.cohort in plan.cohorts]
    if not sessions:
        return None
    locale = facilitator_locale(facilitator)
    calendar = new_calendar("PUBLISH", *plan.wording.calendar_name(locale, facilitator.name))
    for session in sessions:
        cohort = plan.cohorts[session.cohort]
        place = place_of(cohort, plan.modules.get(session.module))
        calendar.add_component(
            session_event(
                plan.uid(cohort.id, session.module), session.start, session.end, facilitator.timezone,
                text=plan.wording.facilitator_event(cohort, session, facilitator, place),
                sequence=session.sequence, stamp=plan.stamp_of(session), place=place,
            )
        )
    return calendar


def _invites(plan: _Plan, cohort: Cohort) -> dict[str, bytes]:
    organizer = organizer_of(plan.bundle)
    if organizer is None:
        return {}
    files: dict[str, bytes] = {}
    for session in (s for s in plan.sessions if s.cohort == cohort.id):
        attendees = plan.attendees(session)
        if not attendees:
            continue
        facilitator = plan.facilitators.get(session.facilitator)
        place = place_of(cohort, plan.modules.get(session.module))
        event = session_event(
            plan.uid(cohort.id, session.module), session.start, session.end, cohort.timezone,
            text=plan.wording.cohort_event(cohort, session, facilitator, place),
            sequence=session.sequence, stamp=plan.stamp_of(session), place=place,
        )
        add_people(event, organizer, attendees)
        calendar = new_calendar("REQUEST")
        calendar.add_component(event)
        files[f"calendars/invites/{cohort.id}/{session.module}.ics"] = to_bytes(calendar)
    return files


def _uninvites(plan: _Plan, cohort: Cohort) -> dict[str, bytes]:
    """CANCEL to the people taken off a session that goes on: the session as it is now (its
    SEQUENCE outranks their last invite), only them as ATTENDEE, no STATUS (RFC 5546 3.2.5)."""
    organizer = organizer_of(plan.bundle)
    if organizer is None:
        return {}
    files: dict[str, bytes] = {}
    for session in (s for s in plan.sessions if s.cohort == cohort.id and s.removed):
        place = place_of(cohort, plan.modules.get(session.module))
        event = session_event(
            plan.uid(cohort.id, session.module), session.start, session.end, cohort.timezone,
            text=_cancel_text(plan, session, cohort), sequence=session.sequence,
            stamp=plan.stamp_of(session), place=place, alarm=False,
        )
        mark_cancelled(event)
        event.pop("STATUS", None)  # the event goes on; only these people are taken off it
        add_people(event, organizer, list(session.removed))
        calendar = new_calendar("CANCEL")
        calendar.add_component(event)
        files[f"calendars/uninvite/{cohort.id}/{session.module}.ics"] = to_bytes(calendar)
    return files


def _cancel_text(plan: _Plan, cancelled: CancelledSession | ScheduledSession, cohort: Cohort | None) -> EventText:
    """Module title in the cohort's language if both still exist, else the module id."""
    locale = cohort.locale if cohort is not None else plan.bundle.program.source_locale
    title, language = cancelled.module, language_tag(locale)
    if cancelled.module in plan.modules:
        title, language = plan.wording.module_title(locale, cancelled.module)
    tr = formatting.translator(locale)
    # The time too: the e-mail `glocal send` makes of this file says which session it was.
    zone = cohort.timezone if cohort is not None else "UTC"
    when = tr.gettext("Time: {when}").format(when=when_text(cancelled.start, cancelled.end, zone, locale))
    note = tr.gettext("This session has been cancelled.")  # a plain call, so the catalogs see it
    # The description is glocal's words and a date only: tagged by those, not by the title.
    described = text_language(language_tag(locale), label_language(locale))
    return EventText(title, f"{note}\n{when}", language, described)


def _cancel_calendar(plan: _Plan, cancelled: CancelledSession) -> Calendar | None:
    """The whole event is gone: CANCEL to everybody who was invited (their addresses are in
    the previous plan, so a dropped cohort's participants are reached too); no file when
    there is no organizer or nobody to tell."""
    cohort = plan.cohorts.get(cancelled.cohort)
    facilitator = plan.facilitators.get(cancelled.facilitator or "")
    organizer = organizer_of(plan.bundle)
    attendees = list(cancelled.attendees) or attendees_of(organizer, cohort, facilitator)
    if organizer is None or not attendees:
        return None
    event = session_event(
        plan.uid(cancelled.cohort, cancelled.module), cancelled.start, cancelled.end,
        cohort.timezone if cohort is not None else None,
        text=_cancel_text(plan, cancelled, cohort), sequence=cancelled.sequence,
        stamp=plan.stamp_of(cancelled), place=place_of(cohort, plan.modules.get(cancelled.module)), alarm=False,
    )
    mark_cancelled(event)
    add_people(event, organizer, attendees)
    calendar = new_calendar("CANCEL")
    calendar.add_component(event)
    return calendar


def _coordinator_calendar(plan: _Plan) -> Calendar:
    locale = plan.bundle.program.source_locale
    whose = formatting.translator(locale).gettext("Coordinator")
    calendar = new_calendar("PUBLISH", *plan.wording.calendar_name(locale, whose))
    for session in plan.sessions:
        cohort = plan.cohorts.get(session.cohort)
        if cohort is None:
            continue
        place = place_of(cohort, plan.modules.get(session.module))
        text = plan.wording.coordinator_event(cohort, session, plan.facilitators.get(session.facilitator), place)
        calendar.add_component(
            session_event(
                plan.uid(cohort.id, session.module), session.start, session.end, None,
                text=text, sequence=session.sequence, stamp=plan.stamp_of(session), place=place, alarm=False,
            )
        )
    for cohort in plan.bundle.rollout.cohorts:
        _add_followups(plan, calendar, cohort, locale)
    return calendar
