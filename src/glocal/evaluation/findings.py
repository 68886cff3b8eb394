"""Findings a coordinator can act on, each with the numbers behind it.

* ``variant-differs``: a locale variant whose L2 gain or L3 share of behaviours differs from
  the core's beyond the 95 % interval of the difference (Welch);
* ``liked-not-applied``: a cohort with a high L1 mean but a low L3 share (liked it, did not
  apply it);
* ``overdue``: a measurement past its due date (plus the grace days) with no results;
* ``low-response``: a cohort whose response rate at a level is under the threshold.

Suppressed groups (fewer than ``min_group`` participants) never produce a finding about
their answers.
"""

from __future__ import annotations

from typing import Any

from glocal.evaluation.config import EvaluationConfig
from glocal.evaluation.figures import rounded
from glocal.evaluation.followups import FollowUpStatus
from glocal.evaluation.stats import Estimate, welch

_ORDER = {"overdue": 0, "variant-differs": 1, "liked-not-applied": 2, "low-response": 3}
_WHAT = {2: ("gain", "L2 gain"), 3: (None, "L3 share of observed behaviours")}


def _estimate(figure: dict[str, Any] | None) -> Estimate | None:
    if not figure or figure.get("suppressed") or figure.get("sd") is None:
        return None
    return Estimate(figure["n"], figure["mean"], figure["sd"], None, None)


def _pick(level: dict[str, Any], key: str | None) -> dict[str, Any] | None:
    return level if key is None else level.get(key)


def _fmt(figure: dict[str, Any]) -> str:
    ci = figure.get("ci95")
    interval = f", 95 % CI {ci[0]:.2f} to {ci[1]:.2f}" if ci else ""
    return f"{figure['mean']:.2f} (n={figure['n']}{interval})"


def variant_findings(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Variants whose L2 gain or L3 share differs from the core's beyond the interval."""
    variants = {g["key"]: g for g in figures if g["grouping"] == "variant"}
    core = variants.get("core")
    if core is None:
        return []
    out: list[dict[str, Any]] = []
    for name, group in sorted(variants.items()):
        if name == "core":
            continue
        for level, (key, label) in _WHAT.items():
            mine = group["levels"].get(str(level))
            base = core["levels"].get(str(level))
            if mine is None or base is None:
                continue
            a, b = _pick(mine, key), _pick(base, key)
            ea, eb = _estimate(a), _estimate(b)
            diff = welch(ea, eb) if ea and eb else None
            if diff is None or not diff.excludes_zero or a is None or b is None:
                continue
            way = "higher" if diff.diff > 0 else "lower"
            text = (
                f"variant {name}: {label} {_fmt(a)} is {way} than the core's {_fmt(b)} by "
                f"{abs(diff.diff):.2f} (95 % CI of the difference {diff.low:.2f} to {diff.high:.2f}); "
                f"cohorts {', '.join(group['cohorts'])}"
            )
            out.append({
                "kind": "variant-differs", "grouping": "variant", "key": name, "level": level, "text": text,
                "numbers": {"variant": a, "core": b, "difference": rounded(diff.diff),
                            "ci95": [rounded(diff.low), rounded(diff.high)], "df": rounded(diff.df)},
            })
    return out


def liked_not_applied(figures: list[dict[str, Any]], config: EvaluationConfig) -> list[dict[str, Any]]:
    """Cohorts with a high L1 mean and a low L3 share."""
    l1, l3 = config.scale(1), config.scale(3)
    if l1 is None or l3 is None:
        return []
    out: list[dict[str, Any]] = []
    for group in figures:
        if group["grouping"] != "cohort":
            continue
        liked, applied = group["levels"].get("1"), group["levels"].get("3")
        if not liked or not applied or liked["suppressed"] or applied["suppressed"]:
            continue
        liked_share = (liked["mean"] - l1.min) / (l1.max - l1.min)
        applied_share = (applied["mean"] - l3.min) / (l3.max - l3.min)
        if liked_share >= config.thresholds.liked and applied_share < config.thresholds.applied:
            text = (
                f"cohort {group['key']}: liked it but did not apply it: L1 mean {_fmt(liked)} on "
                f"{l1.min:g}-{l1.max:g}, L3 share of observed behaviours {_fmt(applied)} "
                f"(below {config.thresholds.applied:g}); look at the drivers of behaviour (manager support, "
                "practice, reminders)"
            )
            out.append({
                "kind": "liked-not-applied", "grouping": "cohort", "key": group["key"], "level": 3, "text": text,
                "numbers": {"l1": liked, "l3": applied},
            })
    return out


def overdue_findings(follow: list[FollowUpStatus], grace_days: int) -> list[dict[str, Any]]:
    """One finding per cohort and level with overdue measurements."""
    grouped: dict[tuple[str, int], list[FollowUpStatus]] = {}
    for item in follow:
        if item.status == "overdue":
            grouped.setdefault((item.cohort, item.level), []).append(item)
    out: list[dict[str, Any]] = []
    for (cohort, level), items in grouped.items():
        first = items[0]
        which = ", ".join(f"{i.module} (due {i.due})" for i in items) if first.module else f"due {first.due}"
        text = (
            f"cohort {cohort}: L{level} {first.instrument} is overdue: {which}, no results "
            f"{max(i.days_late for i in items)} days after its due date (grace {grace_days} days); collect and add them"
        )
        out.append({
            "kind": "overdue", "grouping": "cohort", "key": cohort, "level": level, "text": text,
            "numbers": {"due": [i.due.isoformat() for i in items], "days_late": max(i.days_late for i in items),
                        "modules": [i.module for i in items if i.module]},
        })
    return out


def low_response(figures: list[dict[str, Any]], config: EvaluationConfig) -> list[dict[str, Any]]:
    """Cohorts whose response rate at a level with results is under the threshold."""
    out: list[dict[str, Any]] = []
    limit = config.thresholds.response_rate
    for group in figures:
        if group["grouping"] != "cohort":
            continue
        for level, figure in sorted(group["levels"].items()):
            rate = figure["response_rate"]
            if rate is not None and rate < limit:
                text = (
                    f"cohort {group['key']}: low L{level} response rate {rate:.0%} (threshold {limit:.0%}; "
                    f"{figure['respondents']} of {figure['invited']} participants answered at least once); "
                    "remind the participants or their managers"
                )
                out.append({
                    "kind": "low-response", "grouping": "cohort", "key": group["key"], "level": int(level), "text": text,
                    "numbers": {"respondents": figure["respondents"], "invited": figure["invited"], "response_rate": rate},
                })
    return out


def all_findings(
    figures: list[dict[str, Any]], follow: list[FollowUpStatus], config: EvaluationConfig, cohort_order: list[str]
) -> list[dict[str, Any]]:
    """Every finding, most urgent kind first, then in rollout order of cohorts."""
    found = [
        *overdue_findings(follow, config.grace_days),
        *variant_findings(figures),
        *liked_not_applied(figures, config),
        *low_response(figures, config),
    ]
    rank = {cohort: i for i, cohort in enumerate(cohort_order)}
    return sorted(found, key=lambda f: (_ORDER[f["kind"]], rank.get(f["key"], -1), f["key"], f["level"]))
