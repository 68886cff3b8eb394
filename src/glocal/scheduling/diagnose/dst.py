"""Working hours that a DST change removes or doubles, named as such.

On the day clocks go forward an hour of local wall time does not exist (02:00-03:00 in New
York on 2027-03-14); on the day they go back an hour happens twice, and sessions never start
at a time that happens twice (an invitation could not say which one is meant). A cohort
whose every working day is such a day, with working hours inside that hour, cannot have a
session at all; this check says so in those words instead of "only 1 working day".

Like every pre-solve check it is a relaxation: a start minute counts as usable when it
exists, happens once, and leaves the session's length of real time before the end of the
working hours (the later instant, where the end itself is doubled or skipped).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from glocal.errors import Reason
from glocal.model import Cohort
from glocal.scheduling.diagnose.windows import cohort_days
from glocal.scheduling.validate.calendar import cohort_hours, module_durations, zone
from glocal.values import TimeRange, format_duration
from glocal.workspace import ProgramBundle

UTC = dt.UTC


def _wall(day: dt.date, minute: int, fold: int, tz: ZoneInfo) -> dt.datetime:
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
    return naive.replace(tzinfo=tz, fold=fold)


def _exists(local: dt.datetime) -> bool:
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def _twice(local: dt.datetime) -> bool:
    return local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset()


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _changes(day: dt.date, tz: ZoneInfo) -> bool:
    """True when the zone's offset changes during the local ``day``."""
    one = dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(), tz)
    return start.utcoffset() != dt.datetime.combine(day + one, dt.time(), tz).utcoffset()


def dst_day(day: dt.date, tz_name: str) -> str | None:
    """``02:00-03:00 does not exist on 2027-03-14 in America/New_York (clocks go forward)``."""
    tz = zone(tz_name)
    if not _changes(day, tz):
        return None
    skipped = [m for m in range(1440) if not _exists(_wall(day, m, 0, tz))]
    if skipped:
        span = f"{_clock(skipped[0])}-{_clock(skipped[-1] + 1)}"
        return f"{span} does not exist on {day.isoformat()} in {tz_name} (clocks go forward)"
    doubled = [m for m in range(1440) if _twice(_wall(day, m, 0, tz))]
    if doubled:
        span = f"{_clock(doubled[0])}-{_clock(doubled[-1] + 1)}"
        return f"{span} happens twice on {day.isoformat()} in {tz_name} (clocks go back)"
    return None


def _usable(day: dt.date, hours: TimeRange, minutes: int, tz: ZoneInfo) -> bool:
    """True if a session of ``minutes`` can start within ``hours`` on this local day."""
    end = max(_wall(day, hours.end, fold, tz).astimezone(UTC) for fold in (0, 1))
    for minute in range(hours.start, hours.end):
        local = _wall(day, minute, 0, tz)
        if _exists(local) and not _twice(local) and end - local.astimezone(UTC) >= dt.timedelta(minutes=minutes):
            return True
    return False


def dst_hours(bundle: ProgramBundle) -> Iterator[Reason]:
    """Cohorts whose working hours exist (once) on none of their working days, because of DST."""
    durations = module_durations(bundle)
    for cohort in bundle.rollout.cohorts:
        reason = _cohort_dst(bundle, cohort, min(durations[(cohort.id, m.id)] for m in bundle.program.modules))
        if reason is not None:
            yield reason


def _cohort_dst(bundle: ProgramBundle, cohort: Cohort, shortest: int) -> Reason | None:
    hours = cohort_hours(bundle, cohort)
    if shortest > hours.minutes:
        return None  # too short on every day: reported as session-too-long
    tz = zone(cohort.timezone)
    days = cohort_days(bundle, cohort)
    notes = []
    for day in days:
        if not _changes(day, tz) or _usable(day, hours, shortest, tz):
            return None  # a day the session fits: DST is not what blocks this cohort
        notes.append(dst_day(day, cohort.timezone))
    if not notes:
        return None
    what = "; ".join(note for note in notes if note)
    if "happens twice" in what:
        what += " and a session never starts at a time that happens twice"
    rest = "that is its only working day" if len(days) == 1 else "those are all its working days"
    return Reason(
        "dst-hours",
        f"cohort {cohort.id}: its working hours {hours} leave no start for a {format_duration(shortest)} "
        f"session: {what}, and {rest} in the rollout window; move its working hours or widen the window",
        cohort.id,
    )
