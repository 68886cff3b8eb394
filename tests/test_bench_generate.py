"""The benchmark generator writes loadable, deterministic, feasible workspaces; the baseline is valid."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bench.baseline import schedule_greedy
from bench.generate import (
    PROGRAM_ID,
    Sizing,
    build_workspace,
    minimum_facilitators,
    write_workspace,
)
from bench.places import PLACES

from glocal.model import Status
from glocal.values import parse_country
from glocal.workspace import ProgramBundle, load_workspace


def _bundle(root: Path, sizing: Sizing) -> ProgramBundle:
    write_workspace(sizing, root)
    return load_workspace(root).bundle(PROGRAM_ID)


def test_small_workspace_loads_with_its_sizes(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, Sizing(cohorts=9, facilitators=12, seed=3))
    assert len(bundle.rollout.cohorts) == 9
    assert len(bundle.facilitators) == 12
    assert len(bundle.program.modules) == 6
    assert bundle.rollout.window.end - bundle.rollout.window.start == dt.timedelta(days=17 * 7 - 1)
    zones = {c.timezone for c in bundle.rollout.cohorts}
    # the first nine places already hold +05:30, +05:45, southern DST and a Fri-Sat weekend
    assert {"Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney", "America/Santiago", "Asia/Jerusalem"} <= zones
    assert {"ja", "pt_BR"} <= set(bundle.variants)


def test_same_seed_same_bytes_other_seed_other_team() -> None:
    first = build_workspace(Sizing(cohorts=12, seed=7))
    assert first == build_workspace(Sizing(cohorts=12, seed=7))
    other = build_workspace(Sizing(cohorts=12, seed=8))
    team = f"programs/{PROGRAM_ID}/facilitators.yaml"
    assert first[team] != other[team]


def test_places_are_real_and_span_every_continent() -> None:
    assert len(PLACES) >= 20
    continents = {place.timezone.split("/")[0] for place in PLACES}
    assert {"America", "Europe", "Asia", "Africa", "Australia", "Pacific"} <= continents
    for place in PLACES:
        assert parse_country(place.country).code == place.country_code  # known to `holidays`
    offsets = {
        dt.datetime(2027, 1, 15, tzinfo=ZoneInfo(p.timezone)).utcoffset()
        for p in PLACES
    }
    assert dt.timedelta(hours=5, minutes=45) in offsets and dt.timedelta(hours=5, minutes=30) in offsets


def test_too_small_a_team_is_refused() -> None:
    with pytest.raises(ValueError, match="need at least"):
        build_workspace(Sizing(cohorts=60, facilitators=minimum_facilitators(60) - 1))


@pytest.mark.parametrize(("cohorts", "seed"), [(9, 0), (40, 5)])
def test_baseline_places_every_session_at_the_minimum_team(tmp_path: Path, cohorts: int, seed: int) -> None:
    bundle = _bundle(tmp_path, Sizing(cohorts, minimum_facilitators(cohorts), seed))
    result = schedule_greedy(bundle)
    assert result.unplaced == []
    assert result.schedule.status is Status.FEASIBLE
    assert result.metrics.placed == cohorts * 6
    # every cohort's sessions are placed once each, in module order
    per_cohort = Counter(s.cohort for s in result.schedule.sessions)
    assert set(per_cohort.values()) == {6}
    for cohort in bundle.rollout.cohorts:
        starts = [s.start for s in sorted(result.schedule.sessions, key=lambda s: s.index) if s.cohort == cohort.id]
        assert starts == sorted(starts)


def test_validator_accepts_the_baseline_and_catches_a_moved_session(tmp_path: Path) -> None:
    validate = pytest.importorskip("glocal.scheduling.validate")
    bundle = _bundle(tmp_path, Sizing(cohorts=9, seed=2))
    schedule = schedule_greedy(bundle).schedule
    assert validate.validate_schedule(bundle, schedule) == []
    # Move one session to 03:00 UTC on a Sunday: outside someone's working day, so a violation.
    first = schedule.sessions[0]
    sunday = dt.datetime(2027, 2, 7, 3, 0, tzinfo=dt.UTC)
    moved = first.model_copy(update={"start": sunday, "end": sunday + (first.end - first.start)})
    broken = schedule.model_copy(update={"sessions": [moved, *schedule.sessions[1:]]})
    assert validate.validate_schedule(bundle, broken) != []


def test_a_short_staffed_team_thins_the_last_pools_then_empties_them() -> None:
    from bench.generate import _short_pools

    assert _short_pools([2, 2, 2, 2], 6) == [2, 2, 1, 1]
    assert _short_pools([2, 2, 2, 2], 3) == [1, 1, 1, 0]
    assert _short_pools([1, 1, 1], 3) == [1, 1, 1]
