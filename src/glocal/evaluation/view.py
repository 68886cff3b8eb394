"""The report's evaluation section: tables and inline SVG charts from an evaluation document.

Reads only the document ``glocal evaluate`` writes (evaluation.json), never the results
themselves, so suppressed figures stay suppressed in the report. Charts are Vega-Lite specs
rendered to SVG by vl-convert (no script, nothing loaded from the network); suppressed groups
are left out of the charts and shown as "fewer than N" in the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

_LEVEL_NAMES = {1: "Reaction", 2: "Learning", 3: "Behaviour", 4: "Results"}
_SVG_ID = re.compile(r'id="([^"]+)"')


def own_ids(svg: str, prefix: str) -> str:
    """The SVG with its element ids (clip paths) renamed ``<prefix>-<n>``.

    Vega numbers clip paths with a counter that lives as long as the process: renamed per
    chart, the ids are the same on every run (same bytes) and unique within the page.
    """
    names = {old: f"{prefix}-{n}" for n, old in enumerate(dict.fromkeys(_SVG_ID.findall(svg)), start=1)}
    if not names:
        return svg
    pattern = re.compile(r'(id="|url\(#|href="#)(' + "|".join(re.escape(old) for old in names) + r')(?=[")])')
    return pattern.sub(lambda m: m.group(1) + names[m.group(2)], svg)


@dataclass(frozen=True)
class Chart:
    """One chart: a title and the SVG markup."""

    title: str
    svg: Markup


@dataclass(frozen=True)
class CohortRow:
    """One cohort's headline figures as table cells."""

    cohort: str
    locale: str
    variant: str
    cells: list[str]  # one per level of ``EvaluationView.levels``
    rates: list[str]


@dataclass(frozen=True)
class EvaluationView:
    """Everything the section template shows."""

    as_of: str
    min_group: int
    responses: int
    files: list[tuple[str, str]]
    levels: list[tuple[int, str]]  # (level, "L2 Learning")
    cohorts: list[CohortRow]
    findings: list[dict[str, Any]]
    followups: list[dict[str, Any]]  # the ones not done, most late first
    charts: list[Chart]


def _figure_text(figure: dict[str, Any] | None, min_group: int, key: str | None = None) -> str:
    """``4.2 (3.9-4.5, n=14)``, ``fewer than 5`` or a dash."""
    if figure is None:
        return "-"
    part = figure if key is None else figure.get(key)
    if not part:
        return "-"
    if part["suppressed"]:
        return f"fewer than {min_group}"
    ci = part.get("ci95")
    interval = f" ({ci[0]:.2f} to {ci[1]:.2f})" if ci else ""
    return f"{part['mean']:.2f}{interval}, n={part['n']}"


def _cell(level: int, figure: dict[str, Any] | None, min_group: int) -> str:
    if figure is None:
        return "-"
    if level == 2 and figure.get("gain") is not None:
        text = "gain " + _figure_text(figure, min_group, "gain")
        if figure.get("normalized_gain") is not None:
            text += f"; normalized {figure['normalized_gain']:.2f}"
        return text
    if level == 4 and figure.get("change") is not None:
        return "change " + _figure_text(figure, min_group, "change")
    return _figure_text(figure, min_group)


def interval_spec(rows: list[dict[str, Any]], axis: str, value_title: str, domain: list[float] | None) -> dict[str, Any]:
    """A Vega-Lite spec: one point per group with its 95 % interval as a rule."""
    scale: dict[str, Any] = {"zero": False}
    if domain is not None:
        scale = {"domain": domain}
    y = {"field": "group", "type": "nominal", "title": axis, "sort": None}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 360,
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "rule", "color": "#2f6fdf", "clip": True},
             "encoding": {"y": y, "x": {"field": "low", "type": "quantitative", "title": value_title, "scale": scale},
                          "x2": {"field": "high"}}},
            {"mark": {"type": "point", "filled": True, "color": "#1d2330", "clip": True},
             "encoding": {"y": y, "x": {"field": "mean", "type": "quantitative"}}},
        ],
        "config": {"font": "sans-serif", "view": {"stroke": None}},
    }


def _rows(document: dict[str, Any], grouping: str, level: int, key: str | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for group in document["groups"]:
        if group["grouping"] != grouping:
            continue
        figure = group["levels"].get(str(level))
        part = figure if key is None or figure is None else figure.get(key)
        if not part or part["suppressed"] or part["mean"] is None:
            continue
        ci = part["ci95"] or [part["mean"], part["mean"]]
        rows.append({"group": group["key"], "mean": part["mean"], "low": ci[0], "high": ci[1]})
    return rows


def charts(document: dict[str, Any]) -> list[Chart]:
    """The section's charts: L1 by cohort, L2 gain by variant, L3 share by cohort, L4 by cohort."""
    import vl_convert

    scales = document["settings"]["scales"]
    wanted = [
        (1, "cohort", None, "L1 reaction: mean with 95 % interval, by cohort", "mean answer"),
        (2, "variant", "gain", "L2 learning: gain from pre to post test, by variant", "gain (post - pre)"),
        (3, "cohort", None, "L3 behaviour: share of observed behaviours, by cohort", "share"),
        (4, "cohort", "change", "L4 results: KPI change against the baseline, by cohort", "change"),
    ]
    out: list[Chart] = []
    for n, (level, grouping, key, title, value_title) in enumerate(wanted, start=1):
        rows = _rows(document, grouping, level, key)
        if not rows:
            continue
        scale = scales.get(str(level)) if key is None else None
        domain = [scale["min"], scale["max"]] if scale else None
        spec = interval_spec(rows, grouping, value_title, domain)
        # vl-convert's SVG holds only our numbers and ids; text in it is XML-escaped by Vega.
        svg = own_ids(vl_convert.vegalite_to_svg(spec), f"evaluation-chart{n}")
        out.append(Chart(title, Markup(svg)))
    return out


def evaluation_view(document: dict[str, Any], with_charts: bool = True) -> EvaluationView:
    """The view of an evaluation document for the report section."""
    min_group = document["settings"]["min_group"]
    levels = sorted(int(level) for level in document["settings"]["scales"])
    by_cohort = {g["key"]: g for g in document["groups"] if g["grouping"] == "cohort"}
    rows = []
    for cohort in document["cohorts"]:
        figures = by_cohort.get(cohort["id"], {"levels": {}})["levels"]
        rates = []
        for level in levels:
            figure = figures.get(str(level))
            rate = figure.get("response_rate") if figure else None
            rates.append("-" if figure is None else f"{figure['respondents']}/{figure['invited']}" + (f" ({rate:.0%})" if rate is not None else ""))
        rows.append(CohortRow(
            cohort["id"], cohort["locale"], cohort["variant"],
            [_cell(level, figures.get(str(level)), min_group) for level in levels], rates,
        ))
    pending = [f for f in document["followups"] if f["status"] in ("overdue", "due")]
    pending.sort(key=lambda f: (-f["days_late"], f["cohort"], f["level"], f["module"] or ""))
    return EvaluationView(
        as_of=document["as_of"],
        min_group=min_group,
        responses=document["responses"],
        files=list(document["files"].items()),
        levels=[(level, f"L{level} {_LEVEL_NAMES[level]}") for level in levels],
        cohorts=rows,
        findings=document["findings"],
        followups=pending,
        charts=charts(document) if with_charts else [],
    )
