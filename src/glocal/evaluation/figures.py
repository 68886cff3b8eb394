"""Figures per group of cohorts (overall, cohort, locale, variant) and Kirkpatrick level.

Every figure is computed over *participants*, not answers: a participant's answers at a level
(several L1 surveys, several L3 behaviours) are averaged first, so each person counts once
and the t-intervals rest on independent values. Groups with fewer than ``min_group``
participants keep their counts but lose every figure computed from answers (``suppressed``),
so no answer can be traced back to a person.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from glocal.evaluation.config import EvaluationConfig
from glocal.evaluation.rows import PAIRS, Response
from glocal.evaluation.stats import Estimate, estimate

GROUPINGS = ("overall", "variant", "locale", "cohort")


@dataclass(frozen=True)
class CohortInfo:
    """What figures need of a cohort: its locale, the variant it is taught in, how many take it."""

    id: str
    locale: str
    variant: str  # the first variant in the locale's chain, or "core"
    invited: int


def rounded(value: float | None) -> float | None:
    """Numbers in evaluation.json carry 4 decimals: stable bytes, more than enough precision."""
    return None if value is None or math.isnan(value) else round(value, 4) + 0.0


def stat_json(est: Estimate | None, min_group: int) -> dict[str, Any] | None:
    """``{n, mean, sd, ci95, suppressed}`` of an estimate (figures withheld under min_group)."""
    if est is None:
        return None
    hidden = est.n < min_group
    return {
        "n": est.n,
        "mean": None if hidden else rounded(est.mean),
        "sd": None if hidden else rounded(est.sd),
        "ci95": None if hidden or est.low is None else [rounded(est.low), rounded(est.high)],
        "suppressed": hidden,
    }


def _per_person(frame: Any, measures: tuple[str, ...] | None = None) -> list[float]:
    """Each participant's mean answer (of the given measures), sorted by participant."""
    part = frame if measures is None else frame[frame["measure"].isin(measures)]
    if part.empty:
        return []
    means = part.groupby("who", sort=True)["value"].mean()
    return [float(v) for v in means]


def _paired(frame: Any, before: str, after: str) -> tuple[list[float], float | None, float | None]:
    """Differences ``after - before`` of participants with both, and the two means over them."""
    wide = frame[frame["measure"].isin((before, after))].pivot_table(
        index="who", columns="measure", values="value", aggfunc="mean"
    )
    if before not in wide.columns or after not in wide.columns:
        return [], None, None
    both = wide.dropna(subset=[before, after]).sort_index()
    if both.empty:
        return [], None, None
    diffs = [float(v) for v in both[after] - both[before]]
    return diffs, float(both[before].mean()), float(both[after].mean())


def response_rate(frame: Any, invited: dict[str, int]) -> float | None:
    """Respondents per participant invited. For a level answered per session (answers name
    a module) it is answered surveys per survey sent: each cohort's participants times the
    sessions it has answers about (a survey never sent is an overdue follow-up instead)."""
    total = sum(invited.values())
    if not total:
        return None
    if not (frame["module"] != "").any():
        return int(frame["who"].nunique()) / total
    answered = frame[frame["module"] != ""]
    sent = sum(invited.get(str(cohort), 0) * int(part["module"].nunique()) for cohort, part in answered.groupby("cohort"))
    pairs = len(answered[["who", "module"]].drop_duplicates())
    return pairs / sent if sent else None


def level_figures(frame: Any, level: int, invited: dict[str, int], config: EvaluationConfig) -> dict[str, Any]:
    """The figures of one level in one group (``frame`` holds that group's answers at it;
    ``invited`` the participants of each cohort in the group)."""
    min_group = config.min_group
    respondents = int(frame["who"].nunique())
    pair = PAIRS.get(level)
    scored = _per_person(frame, (pair[1],)) if pair else []
    scores = scored or _per_person(frame)
    main = estimate(scores) if scores else None
    out: dict[str, Any] = {
        "level": level,
        "respondents": respondents,
        "invited": sum(invited.values()),
        "response_rate": rounded(response_rate(frame, invited)),
        **(stat_json(main, min_group) or {"n": 0, "mean": None, "sd": None, "ci95": None, "suppressed": True}),
    }
    out["measures"] = {
        str(name): stat_json(estimate(_per_person(part)), min_group)
        for name, part in sorted(frame.groupby("measure", sort=True), key=lambda item: str(item[0]))
    }
    scale = config.scale(level)
    if level == 1 and scale is not None:
        out["distribution"] = None if out["suppressed"] else _distribution(frame, scale.min, scale.max)
    if pair:
        diffs, before, after = _paired(frame, *pair)
        change = stat_json(estimate(diffs), min_group) if diffs else None
        key = "gain" if level == 2 else "change"
        out[key] = change
        hidden = change is None or change["suppressed"]
        if level == 2:
            usable = scale is not None and before is not None and after is not None and scale.max > before
            out["normalized_gain"] = None if hidden or not usable else rounded(
                (after - before) / (scale.max - before)  # type: ignore[operator,union-attr]
            )
        else:
            usable = before is not None and after is not None and before != 0
            out["relative_change"] = None if hidden or not usable else rounded(
                (after - before) / abs(before)  # type: ignore[operator,arg-type]
            )
    return out


def _distribution(frame: Any, low: float, high: float) -> dict[str, int]:
    """How many answers fell on each point of the scale (answers rounded to a point)."""
    points = range(math.ceil(low), math.floor(high) + 1)
    counts = {str(p): 0 for p in points}
    for value in frame["value"]:
        point = str(min(max(round(float(value)), points.start), points.stop - 1))
        counts[point] += 1
    return counts


def to_frame(responses: list[Response]) -> Any:
    """The responses as a pandas frame with a participant key unique across cohorts."""
    import pandas as pd

    columns = ["cohort", "participant", "level", "measure", "module", "value", "date"]
    frame = pd.DataFrame(
        [(r.cohort, r.participant, r.level, r.measure, r.module or "", r.value, r.date or "") for r in responses],
        columns=columns,
    )
    frame["who"] = frame["cohort"] + "\x1f" + frame["participant"]
    return frame


def group_members(cohorts: list[CohortInfo]) -> list[tuple[str, str, list[CohortInfo]]]:
    """Every group as ``(grouping, key, cohorts)``: overall, then variants, locales, cohorts."""
    groups: list[tuple[str, str, list[CohortInfo]]] = [("overall", "all", list(cohorts))]
    for grouping in GROUPINGS[1:]:
        # cohorts in rollout order (as every other table shows them), the rest sorted
        keys = [c.id for c in cohorts] if grouping == "cohort" else sorted({getattr(c, grouping) for c in cohorts})
        for key in keys:
            members = [c for c in cohorts if getattr(c, "id" if grouping == "cohort" else grouping) == key]
            groups.append((grouping, key, members))
    return groups


def all_figures(frame: Any, cohorts: list[CohortInfo], levels: list[int], config: EvaluationConfig) -> list[dict[str, Any]]:
    """Figures of every group and every level that has answers in it."""
    out: list[dict[str, Any]] = []
    for grouping, key, members in group_members(cohorts):
        ids = [c.id for c in members]
        part = frame[frame["cohort"].isin(ids)]
        invited = {c.id: c.invited for c in members}
        figures = {
            str(level): level_figures(part[part["level"] == level], level, invited, config)
            for level in levels
            if (part["level"] == level).any()
        }
        out.append({"grouping": grouping, "key": key, "cohorts": ids, "invited": sum(invited.values()), "levels": figures})
    return out
