"""The report's charts as inline SVG, rendered from Vega-Lite specifications by vl-convert.

Three pictures of a plan: a Gantt-style timeline (cohorts x weeks, a mark per session on its
local weekday), each facilitator's load per week (a heat map), and a world view of local times
(each cohort's and facilitator's sessions on a 24-hour local clock, preferred hours shaded).
The functions take plain data, so nothing here knows the workspace or the solver.

Every value reaches Vega-Lite as data (never inside an expression), labels are pre-formatted
(Vega's own date formatting would follow the machine's time zone), and the SVG keeps text as
``<text>`` so the browser draws Japanese or Arabic with the page's fonts. vl-convert gives the
same bytes for the same specification; its first call starts a JavaScript runtime (~1.5 s),
which ``glocal plan`` does while the solver works (``prepare_charts``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

INK, MUTED, GRID, MOVED, PREFERRED = "#1d2330", "#5b6472", "#d9dee6", "#a15c00", "#dff3e4"
FONT = "sans-serif"  # for vl-convert's text measurement (a font list costs ~0.2 s a chart); the page's CSS draws the text
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier; nothing is fetched
# Colour-blind-safe palette (Okabe-Ito, then Tol's muted) for facilitators, in a fixed order.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
    "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
)


@dataclass(frozen=True)
class GanttBar:
    """One session on the timeline: its cohort-local week and weekday, and who gives it."""

    week: str  # the label of its week's column
    weekday: int  # 0 = Monday
    facilitator: str  # the facilitator's name
    moved: bool
    tooltip: str


@dataclass(frozen=True)
class ClockRow:
    """One place's row of the world view: local start and end minutes of its sessions."""

    label: str
    spans: list[tuple[int, int]]  # minutes after local midnight; an end past 1440 wraps
    preferred: tuple[int, int] | None
    facilitator: bool  # a facilitator's row (drawn lighter than a cohort's)


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelColor": INK, "titleColor": MUTED, "domainColor": GRID, "tickColor": GRID,
                 "gridColor": GRID, "labelFontSize": 11, "titleFontSize": 11, "labelLimit": 260},
        "legend": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 200},
        "background": None,
    }


def to_svg(spec: dict[str, Any], title: str) -> str:
    """A Vega-Lite spec as an inline ``<svg>``: scalable (sized by CSS), titled for screen readers."""
    svg = _render(json.dumps({"$schema": SCHEMA, "config": _config(), **spec}, sort_keys=True, ensure_ascii=False))
    svg = re.sub(r'^<svg ([^>]*?)width="([\d.]+)" height="([\d.]+)"',
                 r'<svg \1data-width="\2" data-height="\3" role="img"', svg, count=1)
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return svg.replace(">", f"><title>{escaped}</title>", 1).strip() + "\n"


@lru_cache(maxsize=32)
def _render(spec: str) -> str:
    """vl-convert's SVG for a spec (JSON text); cached, as a report is often rendered twice
    for the same plan (``glocal plan`` then a re-render, tests), and a chart takes 0.1-0.3 s."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(json.loads(spec)))


def colours(names: list[str]) -> dict[str, str]:
    """A colour per facilitator name, by position."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def gantt_svg(
    rows: list[tuple[str, list[GanttBar]]], weeks: list[str], facilitators: list[str],
    texts: dict[str, str],
) -> str:
    """Cohorts x weeks, each week split into its seven days: a mark per session on its local
    weekday, coloured by facilitator (outlined when moved since the previous plan)."""
    values = [
        {"cohort": label, "week": bar.week, "day": bar.weekday, "who": bar.facilitator,
         "moved": texts["moved"] if bar.moved else "", "tip": bar.tooltip}
        for label, bars in rows for bar in bars
    ]
    palette = colours(facilitators)
    spec = {
        "width": max(420, 52 * len(weeks)),
        "height": {"step": 22},
        "data": {"values": values},
        "mark": {"type": "rect", "cornerRadius": 2, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "week", "type": "ordinal", "sort": weeks, "scale": {"domain": weeks, "paddingInner": 0.15},
                  "axis": {"title": None, "orient": "top", "labelAngle": 0, "grid": True, "bandPosition": 0,
                           "labelAlign": "left", "ticks": False}},  # lines between weeks, labels at Mondays
            "xOffset": {"field": "day", "type": "ordinal", "scale": {"domain": list(range(7))}},
            "y": {"field": "cohort", "type": "nominal", "sort": [label for label, _ in rows],
                  "scale": {"domain": [label for label, _ in rows], "paddingInner": 0.25},
                  "axis": {"title": None, "ticks": False}},
            "color": {"field": "who", "type": "nominal", "title": texts["facilitator"],
                      "scale": {"domain": list(palette), "range": list(palette.values())},
                      "legend": {"orient": "bottom", "columns": 4}},
            "stroke": {"condition": {"test": "datum.moved", "value": MOVED}, "value": None},
            "tooltip": {"field": "tip", "type": "nominal"},
        },
    }
    return to_svg(spec, texts["timeline"])


def load_svg(facilitators: list[str], weeks: list[str], counts: list[list[int]], texts: dict[str, str]) -> str:
    """Facilitators x weeks: sessions given that week (their local calendar), as a heat map."""
    values = [
        {"who": who, "week": week, "count": count, "label": str(count) if count else ""}
        for who, row in zip(facilitators, counts, strict=True) for week, count in zip(weeks, row, strict=True)
    ]
    peak = max((c for row in counts for c in row), default=0)
    axes = {
        "x": {"field": "week", "type": "ordinal", "sort": weeks, "scale": {"domain": weeks},
              "axis": {"title": None, "orient": "top", "labelAngle": 0}},
        "y": {"field": "who", "type": "nominal", "sort": facilitators, "scale": {"domain": facilitators},
              "axis": {"title": None}},
    }
    spec = {
        "width": max(360, 46 * len(weeks)),
        "height": {"step": 22},
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "rect", "stroke": "#ffffff", "strokeWidth": 1},
             "encoding": {**axes, "color": {
                 "condition": {"test": "datum.count == 0", "value": "#f6f8fb"},  # a free week stays blank
                 "field": "count", "type": "quantitative", "title": texts["sessions"],
                 "scale": {"scheme": "blues", "domain": [0, max(peak, 1) * 1.3]}, "legend": None}}},
            {"mark": {"type": "text", "fontSize": 11},
             "encoding": {**axes, "text": {"field": "label"},
                          "color": {"condition": {"test": f"datum.count > {peak * 0.6}", "value": "#ffffff"},
                                    "value": INK}}},
        ],
    }
    return to_svg(spec, texts["load"])


def clock_svg(rows: list[ClockRow], texts: dict[str, str]) -> str:
    """Each place on a 24-hour local clock: its sessions' local times, preferred hours shaded."""
    labels = [row.label for row in rows]
    spans, preferred = [], []
    for row in rows:
        for start, end in sorted(set(row.spans)):
            pieces = [(start, min(end, 1440))] + ([(0, end - 1440)] if end > 1440 else [])
            spans += [{"place": row.label, "from": a / 60, "to": b / 60, "kind": "f" if row.facilitator else "c"}
                      for a, b in pieces]
        if row.preferred is not None:
            preferred.append({"place": row.label, "from": row.preferred[0] / 60, "to": row.preferred[1] / 60})
    y = {"field": "place", "type": "nominal", "sort": labels, "scale": {"domain": labels}, "axis": {"title": None}}
    x = {"field": "from", "type": "quantitative", "scale": {"domain": [0, 24], "nice": False},
         "axis": {"values": list(range(0, 25, 3)), "title": texts["local_hours"],
                  "labelExpr": "(datum.value < 10 ? '0' : '') + datum.value + ':00'"}}
    spec = {
        "width": 560,
        "height": {"step": 18},
        "layer": [
            {"data": {"values": preferred}, "mark": {"type": "bar", "color": PREFERRED, "height": {"band": 1}},
             "encoding": {"y": y, "x": x, "x2": {"field": "to"}}},
            {"data": {"values": spans}, "mark": {"type": "bar", "opacity": 0.6, "height": {"band": 0.6}},
             "encoding": {"y": y, "x": x, "x2": {"field": "to"},
                          "color": {"field": "kind", "type": "nominal", "legend": None,
                                    "scale": {"domain": ["c", "f"], "range": ["#2f6fdf", "#8fb3ea"]}}}},
        ],
    }
    return to_svg(spec, texts["world"])


def prepare_charts() -> None:
    """Start vl-convert's JavaScript runtime (``glocal plan`` does it while the solver works)."""
    to_svg({"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}},
           "")
