"""The generator's shapes unlike its defaults produce what their options say (bench/shapes.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bench.baseline import schedule_greedy
from bench.generate import PROGRAM_ID, Sizing, build_workspace, main, write_workspace
from bench.shapes import ALL_SKILLS, Shape, parse_limits, zone_places

from glocal.workspace import ProgramBundle, load_workspace

TEAM = f"programs/{PROGRAM_ID}/facilitators.yaml"
ROLLOUT = f"programs/{PROGRAM_ID}/rollout.yaml"


def _bundle(root: Path, sizing: Sizing) -> ProgramBundle:
    write_workspace(sizing, root)
    return load_workspace(root).bundle(PROGRAM_ID)


def test_limits_give_everyone_a_weekly_limit_in_range_and_change_nothing_else(tmp_path: Path) -> None:
    shaped = Sizing(cohorts=30, seed=4, shape=Shape(limits=(5, 8)))
    bundle = _bundle(tmp_path, shaped)
    weekly = [f.max_sessions_per_week for f in bundle.facilitators]
    assert all(limit is not None and 5 <= limit <= 8 for limit in weekly)
    assert len(set(weekly)) > 1  # drawn, not one value for all
    default, files = build_workspace(Sizing(cohorts=30, seed=4)), build_workspace(shaped)
    assert files[ROLLOUT] != default[ROLLOUT]  # only the header line names the shape
    assert files[ROLLOUT].splitlines()[1:] == default[ROLLOUT].splitlines()[1:]
    assert "--limits 5-8" in files[TEAM].splitlines()[0]
    # same people, same everything but the weekly limit
    default_ids = [line for line in default[TEAM].splitlines() if "- id:" in line]
    assert default_ids == [line for line in files[TEAM].splitlines() if "- id:" in line]


def test_twenty_zones_with_three_facilitators_each(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, Sizing(cohorts=40, seed=2, shape=Shape(zones=20, per_zone=3)))
    zones = Counter(c.timezone for c in bundle.rollout.cohorts)
    assert len(zones) == 20 and set(zones.values()) == {2}
    assert len(bundle.facilitators) == 60
    homes = Counter(str(f.timezone) for f in bundle.facilitators)
    assert set(homes) == set(zones) and set(homes.values()) == {3}
    assert not any(f.travels for f in bundle.facilitators)


def test_per_zone_with_a_larger_team_adds_regionals(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, Sizing(cohorts=10, facilitators=25, shape=Shape(zones=10, per_zone=2)))
    assert len(bundle.facilitators) == 25
    assert sum(1 for f in bundle.facilitators if f.travels) == 5


def test_skill_overlap_is_partial_and_every_pool_can_teach_every_module(tmp_path: Path) -> None:
    shape = Shape(zones=6, per_zone=2, skill_overlap=0.67)
    bundle = _bundle(tmp_path, Sizing(cohorts=12, facilitators=15, seed=1, shape=shape))
    assert all(len(f.skills) == 2 for f in bundle.facilitators)  # nobody holds all three
    needs = [set(module.skills) for module in bundle.program.modules]
    pools: dict[str, list[set[str]]] = {}
    for facilitator in bundle.facilitators:
        if not facilitator.travels:
            pools.setdefault(str(facilitator.timezone), []).append(set(facilitator.skills))
    assert len(pools) == 6
    for members in pools.values():
        # each module has someone in the pool, but no one member covers every module
        assert all(any(need <= held for held in members) for need in needs)
        assert not any(all(need <= held for need in needs) for held in members)
    # the greedy places every session: the shape is feasible, just harder
    assert schedule_greedy(bundle).unplaced == []


def test_one_skill_each_leaves_the_two_skill_module_to_nobody() -> None:
    files = build_workspace(Sizing(cohorts=3, facilitators=5, shape=Shape(skill_overlap=0.3)))
    team = files[TEAM]
    assert "skills: [change-management, facilitation]" not in team
    assert all(f"skills: [{skill}]" in team for skill in ALL_SKILLS)


def test_bad_shape_options_are_refused() -> None:
    assert parse_limits("5-8") == (5, 8) and parse_limits("6") == (6, 6)
    for bad in ("8-5", "0-3", "five"):
        with pytest.raises(ValueError):
            parse_limits(bad)
    assert len(zone_places(27)) == 27  # 28 places, two share Asia/Kolkata
    with pytest.raises(ValueError, match="distinct time zones"):
        zone_places(28)
    with pytest.raises(SystemExit):
        main(["--cohorts", "3", "--limits", "8-5", "--out", "/nonexistent/never-written"])


def test_the_command_line_writes_the_shape(tmp_path: Path) -> None:
    argv = ["--cohorts", "6", "--zones", "3", "--per-zone", "3", "--limits", "5-8",
            "--skill-overlap", "0.67", "--seed", "1", "--out", str(tmp_path)]
    assert main(argv) == 0
    header = (tmp_path / TEAM).read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("--limits 5-8 --zones 3 --per-zone 3 --skill-overlap 0.67 (36 sessions)")
    assert (tmp_path / TEAM).read_text(encoding="utf-8") == build_workspace(
        Sizing(6, None, 1, shape=Shape((5, 8), 3, 3, 0.67)))[TEAM]
