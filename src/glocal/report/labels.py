"""The report's own words, translated with glocal's gettext catalogs (``glocal plan --lang``).

Each label is marked with ``N_`` so ``python -m glocal.localization.catalogs update`` extracts
it; ``labels(lang)`` looks every one up along the language's CLDR chain (English when no
catalog has it), once per language.
"""

from __future__ import annotations

from functools import cache

from glocal.localization.catalogs import N_
from glocal.localization.formatting import translator

# Keys are what the template and the overview use; values are the English msgids.
LABELS = {
    "overview": N_("Overview"),
    "plan_status": N_("Plan status"),
    "status_optimal": N_("optimal: every session placed, proven best"),
    "status_feasible": N_("feasible: every session placed, not proven best"),
    "status_infeasible": N_("infeasible: no plan satisfies every rule"),
    "status_partial": N_("partial: some sessions could not be placed; whole cohorts are booked"),
    "placed": N_("Sessions placed"),
    "unplaced": N_("Not placed"),
    "cohorts": N_("Cohorts"),
    "changes": N_("Changes since the previous plan"),
    "moved": N_("Moved"),
    "cancelled": N_("Cancelled"),
    "kept": N_("Unchanged"),
    "no_previous": N_("No previous plan given (glocal plan --previous)"),
    "followups": N_("Follow-ups due"),
    "no_followups": N_("No dated follow-ups"),
    "tradeoffs": N_("Trade-offs of this plan"),
    "timeline": N_("Timeline: cohorts by week"),
    "load": N_("Facilitator load: sessions per week"),
    "world": N_("Local times around the world"),
    "local_hours": N_("Local time of day (shaded: preferred hours)"),
    "filters": N_("Filters"),
    "all_cohorts": N_("All cohorts"),
    "all_facilitators": N_("All facilitators"),
    "all_countries": N_("All countries"),
    "country": N_("Country"),
    "cohort": N_("Cohort"),
    "facilitator": N_("Facilitator"),
    "date": N_("Date"),
    "timelines": N_("Timelines"),
    "facilitators": N_("Facilitators"),
    "sessions": N_("Sessions"),
    "locales": N_("Locales"),
    "why_no_plan": N_("Why no plan satisfies every rule"),
    # Headings, legends and table headers of the detailed sections.
    "per_cohort": N_("Each cohort in its local time"),
    "weekend": N_("weekend"),
    "holiday": N_("public holiday"),
    "outside_window": N_("outside the window or before the cohort's start"),
    "hover": N_("Hover a shaded day for its reason."),
    "per_facilitator": N_("Load per week in each facilitator's local calendar"),
    "week_of": N_("week of"),
    "hours": N_("hours"),
    "no_sessions": N_("no sessions in this plan"),
    "every_place": N_("Local time in every place that takes part."),
    "module": N_("Module"),
    "local_times": N_("Local times"),
    "notes": N_("Notes"),
    "outside_heading": N_("Sessions outside preferred hours"),
    "all_inside": N_("every session lies inside the preferred hours"),
    "changes_heading": N_("Facilitator changes within a cohort"),
    "one_facilitator": N_("every cohort keeps one facilitator"),
    "previous_heading": N_("Changes from the previous plan"),
    "locale": N_("Locale"),
    "program_title": N_("Program title"),
    "time_zone": N_("Time zone"),
    "first_session": N_("First session (local)"),
    "last_session": N_("Last session (local)"),
    "in_preferred": N_("In preferred hours"),
    "chain": N_("Fallback chain"),
    "translated": N_("Translated"),
    "missing": N_("Missing"),
    "outdated": N_("Outdated"),
    "cultural_fit": N_("Cultural fit"),
    "adapted": N_("Adapted activities"),
    "warnings": N_("Warnings"),
    "no_warnings": N_("no warnings"),
    "search": N_("Search sessions: cohort, module, facilitator"),
}

# Trade-off lines: what each soft objective cost, in the coordinator's words.
TRADEOFFS = {
    "cost_cohort_hours": N_("Sessions outside the cohorts' preferred hours: {count}, {minutes} min"),
    "cost_facilitator_hours": N_("Sessions outside the facilitators' preferred hours: {count}, {minutes} min"),
    "cost_continuity": N_("Cohorts with more than one facilitator: {count}"),
    "cost_load": N_("Most sessions given by one facilitator: {count} ({name})"),
    "cost_rhythm": N_("Cohorts whose start time or weekday varies: {count}"),
    "cost_finish": N_("Last session of the rollout: {date}"),
    "cost_moved": N_("Sessions moved from the previous plan: {count}"),
    "outside_cohort": N_("{minutes} min outside the preferred hours of {who}"),
    "outside_facilitator": N_("{minutes} min outside the preferred hours of facilitator {who}"),
}


@cache
def labels(lang: str) -> dict[str, str]:
    """Every label and trade-off sentence in ``lang`` (keys of ``LABELS`` and ``TRADEOFFS``)."""
    tr = translator(lang)
    return {key: tr.gettext(text) for key, text in {**LABELS, **TRADEOFFS}.items()}
