"""Workspace shapes unlike the generator's defaults (issue 14: "Scale ... on ones unlike").

The defaults of ``bench/generate.py`` size every home pool for its cohorts, leave a third of
the facilitators without a weekly limit, use up to 28 places and give most people every
skill. A ``Shape`` changes one of those at a time, or several together:

* ``limits=(5, 8)``: every facilitator (home and regional) gets a ``max_sessions_per_week``
  drawn in 5..8, so the weekly limits bind everywhere, not just on some people;
* ``zones=20``: cohorts only in the first twenty places that have distinct time zones;
* ``per_zone=3``: every place's home pool has exactly three facilitators, whatever its cohorts
  need, and the team is just those pools unless ``--facilitators`` asks for regionals on top;
* ``skill_overlap=P``: every facilitator holds ``round(P * 3)`` of the three skills (at least
  one). Home pools rotate the sets so that pools overlap partially: with two skills each the
  rotation is {change-management, facilitation}, {change-management, coaching}, {coaching,
  facilitation}, so any two consecutive members of a pool can teach every module between them
  but no one can teach them all. With one skill each nobody can teach the module that needs two
  (team-simulation): an instance that is partial on purpose.

The changes are drawn from their own ``random.Random`` (seeded with the seed and the shape),
after the default draws, so a shaped workspace is the default one with only the named things
changed, and the default workspaces stay byte-identical.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from bench.places import PLACES, Place

ALL_SKILLS = ("change-management", "coaching", "facilitation")
# Rotations of the skill sets over a home pool, by number of skills held (see the docstring).
ROTATIONS: dict[int, tuple[tuple[str, ...], ...]] = {
    1: (("change-management",), ("coaching",), ("facilitation",)),
    2: (("change-management", "facilitation"), ("change-management", "coaching"), ("coaching", "facilitation")),
    3: (ALL_SKILLS,),
}


@dataclass(frozen=True)
class Shape:
    """What differs from the generator's defaults (all None: the defaults)."""

    limits: tuple[int, int] | None = None
    zones: int | None = None
    per_zone: int | None = None
    skill_overlap: float | None = None

    @property
    def is_default(self) -> bool:
        """True when nothing differs from the defaults."""
        return self == Shape()

    def flags(self) -> str:
        """The command-line options that produce this shape ('' for the defaults)."""
        parts: list[str] = []
        if self.limits is not None:
            parts.append(f"--limits {self.limits[0]}-{self.limits[1]}")
        if self.zones is not None:
            parts.append(f"--zones {self.zones}")
        if self.per_zone is not None:
            parts.append(f"--per-zone {self.per_zone}")
        if self.skill_overlap is not None:
            parts.append(f"--skill-overlap {self.skill_overlap:g}")
        return " ".join(parts)

    @property
    def skills_each(self) -> int | None:
        """How many of the three skills each facilitator holds (None: as the defaults draw)."""
        if self.skill_overlap is None:
            return None
        return max(1, min(len(ALL_SKILLS), round(self.skill_overlap * len(ALL_SKILLS))))


def parse_limits(text: str) -> tuple[int, int]:
    """``5-8`` -> (5, 8); a single number is both ends. Raises ValueError on anything else."""
    left, _, right = text.partition("-")
    low, high = int(left), int(right or left)
    if not 1 <= low <= high:
        raise ValueError(f"--limits {text}: want LOW-HIGH with 1 <= LOW <= HIGH, e.g. 5-8")
    return low, high


def zone_places(zones: int | None) -> list[Place]:
    """The places cohorts may use: all of them, or the first ``zones`` with distinct time zones."""
    if zones is None:
        return list(PLACES)
    out: list[Place] = []
    for place in PLACES:
        if place.timezone not in {p.timezone for p in out}:
            out.append(place)
    if not 1 <= zones <= len(out):
        raise ValueError(f"--zones {zones}: the places span 1..{len(out)} distinct time zones")
    return out[:zones]


def reshape_team(team: list[dict[str, Any]], shape: Shape, seed: int) -> None:
    """Apply the shape's limits and skill sets to the generated team, in place."""
    rng = random.Random(f"{seed}:{shape.flags()}")  # its own stream: the default draws stay as they were
    if shape.limits is not None:
        for facilitator in team:
            facilitator["max_sessions_per_week"] = rng.randint(*shape.limits)
    each = shape.skills_each
    if each is None:
        return
    rotation = ROTATIONS[each]
    members: dict[str, int] = defaultdict(int)  # place slug -> home members seen so far
    for facilitator in team:
        if facilitator.get("travels"):
            facilitator["skills"] = sorted(rng.sample(ALL_SKILLS, each))
            continue
        slug = facilitator["id"].rsplit("-trainer-", 1)[0]
        facilitator["skills"] = list(rotation[members[slug] % len(rotation)])
        members[slug] += 1
