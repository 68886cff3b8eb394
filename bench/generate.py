"""Seeded generator of realistic glocal workspaces for the scheduler benchmarks.

    python bench/generate.py --cohorts 400 --facilitators 64 --seed 1 --out /tmp/ws-2400

writes ``programs/<id>/{program,rollout,facilitators}.yaml`` and ``locales/`` in the
FORMATS.md contract. The curriculum and its locale variants are the shipped example's (six
modules with skills and gaps; Japanese and Brazilian variants that change durations); the
rollout and the team are generated:

* cohorts go round-robin over the real places of ``bench.places`` (28 locale / time zone /
  country combinations on every continent), with staggered ``start_after`` dates;
* every place gets a pool of *home* facilitators: same time zone and country, the cohort's
  language, working hours that contain the cohort's, enough weekly capacity for the pool's
  cohorts. That pool alone can deliver every session of its cohorts, which is what makes
  every generated workspace feasible by construction (``bench/baseline.py`` places every
  session of every size, which checks it);
* facilitators beyond the pools' minimum are multilingual regional trainers who travel,
  with partial skill sets: they add choice (and interaction between pools) for the solver.

Same arguments, same bytes: everything is drawn from ``random.Random(seed)``.

``--limits``, ``--zones``, ``--per-zone`` and ``--skill-overlap`` make workspaces unlike these
defaults (``bench/shapes.py``); those are not feasible by construction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.places import Place
from bench.shapes import ALL_SKILLS, Shape, parse_limits, reshape_team, zone_places

REPO = Path(__file__).resolve().parent.parent
PROGRAM_ID = "leading-through-change"
WINDOW_START = dt.date(2027, 2, 1)  # a Monday
SESSIONS_PER_COHORT = 6

# Sessions a home facilitator is assumed to deliver per week when sizing a pool: below the
# weekly limits written (5 or 6, or none), so pools keep slack for holidays and leave.
POOL_RATE_PER_WEEK = 3.5
# A cohort needs about four weeks from its first to its last module (gaps of 2-7 days
# minimum); its start_after lies in the window minus these weeks, so it can always finish.
COHORT_SPAN_WEEKS = 7


@dataclass(frozen=True)
class Sizing:
    """What to generate."""

    cohorts: int
    facilitators: int | None = None  # None: the minimum the pools need, plus 10 %
    seed: int = 0
    weeks: int = 17
    short: bool = False  # allow a team below the pools' minimum: the last places lose their pools
    shape: Shape = field(default_factory=Shape)  # what differs from the defaults (bench/shapes.py)

    @property
    def window_end(self) -> dt.date:
        """The last day of the rollout window."""
        return WINDOW_START + dt.timedelta(days=7 * self.weeks - 1)


def places_used(cohorts: int, zones: int | None = None) -> list[Place]:
    """The places that get cohorts (round-robin, so at most one per cohort; ``zones``: only
    the first places with that many distinct time zones)."""
    places = zone_places(zones)
    return places[: min(cohorts, len(places))]


def cohorts_per_place(cohorts: int, zones: int | None = None) -> list[int]:
    """How many cohorts each used place gets."""
    used = len(places_used(cohorts, zones))
    return [cohorts // used + (1 if index < cohorts % used else 0) for index in range(used)]


def pool_sizes(cohorts: int, weeks: int, zones: int | None = None) -> list[int]:
    """Home facilitators each used place needs to deliver all of its cohorts' sessions."""
    effective_weeks = max(weeks - 4, 1)
    return [
        max(1, math.ceil(SESSIONS_PER_COHORT * count / (POOL_RATE_PER_WEEK * effective_weeks)))
        for count in cohorts_per_place(cohorts, zones)
    ]


def minimum_facilitators(cohorts: int, weeks: int = 17) -> int:
    """The smallest team the generator accepts for this many cohorts."""
    return sum(pool_sizes(cohorts, weeks))


# ---------------------------------------------------------------- rollout.yaml


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hours(text: str) -> tuple[int, int]:
    left, right = text.split("-")
    return tuple(int(part[:2]) * 60 + int(part[3:]) for part in (left, right))  # type: ignore[return-value]


def make_cohorts(sizing: Sizing, rng: random.Random) -> list[dict[str, Any]]:
    """Cohorts round-robin over the places, start dates staggered within each place."""
    used = places_used(sizing.cohorts, sizing.shape.zones)
    counts = cohorts_per_place(sizing.cohorts, sizing.shape.zones)
    span_days = max(7 * (sizing.weeks - COHORT_SPAN_WEEKS), 0)
    cohorts: list[dict[str, Any]] = []
    for index in range(sizing.cohorts):
        slot, number = index % len(used), index // len(used)
        place = used[slot]
        cohort: dict[str, Any] = {
            "id": f"{place.slug}-{number + 1}",
            "locale": place.locale,
            "timezone": place.timezone,
            "country": place.country,
            "size": rng.randint(12, 24),
        }
        if place.working_hours != "09:00-17:00":
            cohort["working_hours"] = place.working_hours
        # Spread a place's cohorts evenly over the start span; offset places against each other.
        share = (number + slot / len(used)) / counts[slot]
        offset = int(span_days * share) + rng.randint(0, 2)
        if 0 < offset <= span_days:
            cohort["start_after"] = (WINDOW_START + dt.timedelta(days=offset)).isoformat()
        cohorts.append(cohort)
    return cohorts


def rollout_document(sizing: Sizing, rng: random.Random) -> dict[str, Any]:
    """The content of rollout.yaml."""
    return {
        "program": PROGRAM_ID,
        "window": f"{WINDOW_START.isoformat()}..{sizing.window_end.isoformat()}",
        "granularity": "15m",
        "defaults": {
            "working_hours": "09:00-17:00",
            "preferred_hours": "10:00-16:00",
            "session_buffer": "15m",
        },
        "cohorts": make_cohorts(sizing, rng),
    }


# ---------------------------------------------------------------- facilitators.yaml


def _person(place: Place, rng: random.Random) -> str:
    given, family = rng.choice(place.given_names), rng.choice(place.family_names)
    if place.language in ("ja", "zh", "ko"):
        return f"{family}{given}" if place.language != "ja" else f"{family} {given}"
    return f"{given} {family}"


def _leave(sizing: Sizing, rng: random.Random) -> list[Any]:
    """A week of leave for some, an afternoon off for others (facilitator-local)."""
    unavailable: list[Any] = []
    if rng.random() < 0.4:
        first = WINDOW_START + dt.timedelta(days=7 * rng.randrange(sizing.weeks) + rng.randrange(3))
        last = first + dt.timedelta(days=4)
        unavailable.append(f"{first.isoformat()}..{last.isoformat()}")
    if rng.random() < 0.3:
        day = WINDOW_START + dt.timedelta(days=rng.randrange(7 * sizing.weeks))
        unavailable.append({"date": day.isoformat(), "hours": "12:00-17:00"})
    return unavailable


def home_facilitator(place: Place, number: int, sizing: Sizing, rng: random.Random) -> dict[str, Any]:
    """A facilitator of a place's pool: same zone and country, hours containing the cohort's."""
    start, end = _hours(place.working_hours)
    start = max(start - rng.choice((0, 30, 60)), 6 * 60)
    end = min(end + rng.choice((0, 30, 60)), 20 * 60)
    skills = list(ALL_SKILLS) if number <= 2 or rng.random() < 0.7 else list(
        rng.choice((ALL_SKILLS[:2], ALL_SKILLS[1:]))
    )
    facilitator: dict[str, Any] = {
        "id": f"{place.slug}-trainer-{number}",
        "name": _person(place, rng),
        "email": f"{place.slug}-trainer-{number}@example.com",
        "timezone": place.timezone,
        "country": place.country,
        "languages": sorted({place.language, "en"}),
        "skills": skills,
        "working_hours": f"{_clock(start)}-{_clock(end)}",
        "weekend": list(place.weekend),
    }
    if rng.random() < 0.3:
        facilitator["preferred_hours"] = f"{_clock(start + 60)}-{_clock(end - 60)}"
    weekly = rng.choice((None, 5, 6))
    if weekly is not None:
        facilitator["max_sessions_per_week"] = weekly
    if rng.random() < 0.5:
        facilitator["max_sessions_per_day"] = 2
    unavailable = _leave(sizing, rng)
    if unavailable:
        facilitator["unavailable"] = unavailable
    return facilitator


def regional_facilitator(place: Place, neighbour: Place, number: int, sizing: Sizing, rng: random.Random) -> dict[str, Any]:
    """A multilingual trainer who travels and holds part of the skills."""
    skills = sorted(rng.sample(ALL_SKILLS, rng.choice((1, 2, 2, 3))))
    facilitator: dict[str, Any] = {
        "id": f"{place.slug}-regional-{number}",
        "name": _person(place, rng),
        "email": f"{place.slug}-regional-{number}@example.com",
        "timezone": place.timezone,
        "country": place.country,
        "languages": sorted({place.language, neighbour.language, "en"}),
        "skills": skills,
        "working_hours": rng.choice(("07:00-19:00", "08:00-18:00", "10:00-20:00")),
        "weekend": list(place.weekend),
        "max_sessions_per_week": rng.choice((3, 4, 5)),
        "travels": True,
    }
    unavailable = _leave(sizing, rng)
    if unavailable:
        facilitator["unavailable"] = unavailable
    return facilitator


def make_facilitators(sizing: Sizing, rng: random.Random) -> list[dict[str, Any]]:
    """Home pools sized for their cohorts, then regional trainers up to the team size."""
    used = places_used(sizing.cohorts, sizing.shape.zones)
    pools = pool_sizes(sizing.cohorts, sizing.weeks, sizing.shape.zones)
    default = math.ceil(sum(pools) * 1.1)
    if sizing.shape.per_zone is not None:  # pools of a fixed size, whatever the cohorts need
        pools = [sizing.shape.per_zone] * len(used)
        default = sum(pools)
    wanted = sizing.facilitators if sizing.facilitators is not None else default
    if wanted < sum(pools) and sizing.short:
        pools = _short_pools(pools, wanted)
    elif wanted < sum(pools):
        raise ValueError(
            f"{sizing.cohorts} cohorts need at least {sum(pools)} facilitators "
            f"(a home pool per place); got {wanted}"
        )
    team = [
        home_facilitator(place, number, sizing, rng)
        for place, size in zip(used, pools, strict=True)
        for number in range(1, size + 1)
    ]
    for extra in range(wanted - len(team)):
        place = used[extra % len(used)]
        neighbour = used[(extra + 1) % len(used)]
        team.append(regional_facilitator(place, neighbour, extra // len(used) + 1, sizing, rng))
    if not sizing.shape.is_default:
        reshape_team(team, sizing.shape, sizing.seed)
    return team


def _short_pools(pools: list[int], wanted: int) -> list[int]:
    """Pools cut to a team of ``wanted``: first the last places' pools are thinned to one
    facilitator each (too little time for their cohorts), then emptied from the last place on
    (their cohorts keep only trainers who speak their language, if any)."""
    out = list(pools)
    for floor in (1, 0):
        for index in reversed(range(len(out))):
            if sum(out) <= wanted:
                return out
            out[index] = max(floor, out[index] - (sum(out) - wanted))
    return out


# ---------------------------------------------------------------- writing


_PLAIN = re.compile(r"^[^\W\d_][\w\- ./]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def _scalar(value: Any) -> str:
    # Words stay plain as people write them; anything else (times like 09:00-17:00, dates,
    # words YAML 1.1 reads as booleans) is a JSON string, which is also a YAML scalar.
    if isinstance(value, str) and _PLAIN.match(value) and value.lower() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML for dicts, flow lists of scalars, block lists of dicts."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict) or isinstance(item, list) and any(isinstance(x, dict) for x in item):
                lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 2)}")
            elif isinstance(item, list):
                lines.append(f"{pad}{key}: [{', '.join(_scalar(x) for x in item)}]")
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict):
                body = to_yaml(item, indent + 2)
                lines.append(f"{pad}- {body[indent + 2:]}")
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)


def build_workspace(sizing: Sizing) -> dict[str, str]:
    """Relative path -> file text of the whole generated workspace."""
    rng = random.Random(sizing.seed)
    rollout = rollout_document(sizing, rng)
    team = {"facilitators": make_facilitators(sizing, rng)}
    sessions = sizing.cohorts * SESSIONS_PER_COHORT
    header = (
        f"# Generated by bench/generate.py --cohorts {sizing.cohorts} --facilitators "
        f"{len(team['facilitators'])} --seed {sizing.seed} --weeks {sizing.weeks} "
        + (f"{sizing.shape.flags()} " if not sizing.shape.is_default else "")
        + f"({sessions} sessions)\n"
    )
    base = f"programs/{PROGRAM_ID}"
    files = {
        f"{base}/program.yaml": (REPO / base / "program.yaml").read_text(encoding="utf-8"),
        f"{base}/rollout.yaml": header + to_yaml(rollout) + "\n",
        f"{base}/facilitators.yaml": header + to_yaml(team) + "\n",
    }
    for path in sorted((REPO / "locales").rglob("*.yaml")):
        files[path.relative_to(REPO).as_posix()] = path.read_text(encoding="utf-8")
    return files


def write_workspace(sizing: Sizing, out: Path) -> Path:
    """Write the generated workspace into ``out`` (created; existing files overwritten)."""
    for relative, text in build_workspace(sizing).items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cohorts", type=int, required=True, help="cohorts (sessions = 6 x cohorts)")
    parser.add_argument("--facilitators", type=int, default=None, help="team size (default: pools' minimum + 10%%)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weeks", type=int, default=17, help="length of the rollout window")
    parser.add_argument("--out", type=Path, required=True, help="workspace folder to write")
    parser.add_argument("--short-staffed", action="store_true",
                        help="allow a team below the pools' minimum (the last places lose their home pools)")
    parser.add_argument("--limits", default=None, metavar="LOW-HIGH",
                        help="every facilitator gets a weekly limit drawn in LOW..HIGH (e.g. 5-8)")
    parser.add_argument("--zones", type=int, default=None, help="cohorts only in the first N places with distinct time zones")
    parser.add_argument("--per-zone", type=int, default=None,
                        help="exactly N home facilitators per place (team: just the pools unless --facilitators)")
    parser.add_argument("--skill-overlap", type=float, default=None, metavar="P",
                        help="every facilitator holds round(P x 3) of the 3 skills, rotated over each pool")
    args = parser.parse_args(argv)
    if args.cohorts < 1 or args.weeks < COHORT_SPAN_WEEKS:
        parser.error(f"need at least 1 cohort and {COHORT_SPAN_WEEKS} weeks")
    if args.per_zone is not None and args.per_zone < 1 or args.skill_overlap is not None and not 0 < args.skill_overlap <= 1:
        parser.error("--per-zone wants at least 1; --skill-overlap a share in (0, 1]")
    try:
        limits = parse_limits(args.limits) if args.limits is not None else None
        shape = Shape(limits, args.zones, args.per_zone, args.skill_overlap)
        sizing = Sizing(args.cohorts, args.facilitators, args.seed, args.weeks, args.short_staffed, shape)
        write_workspace(sizing, args.out)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"wrote {args.out} ({args.cohorts * SESSIONS_PER_COHORT} sessions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
