"""Figures of ``glocal evaluate`` against numbers computed by hand (see tests/evalgen.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from glocal.evaluation.run import evaluate
from glocal.evaluation.stats import Estimate, estimate, t975, welch
from glocal.workspace import load_workspace

from .evalgen import make_workspace, plan
from .wsgen import PROGRAM_ID


def test_t_quantiles_match_published_tables() -> None:
    assert t975(4) == pytest.approx(2.776445, abs=1e-6)
    assert t975(30) == pytest.approx(2.042272, abs=1e-6)
    assert t975(40) == pytest.approx(2.021075, abs=1e-5)  # Cornish-Fisher above the table
    assert t975(120) == pytest.approx(1.979930, abs=1e-5)
    assert t975(4.5) == pytest.approx((2.776445 + 2.570582) / 2, abs=1e-6)
    with pytest.raises(ValueError):
        t975(0.5)


def test_estimate_and_welch_by_hand() -> None:
    est = estimate([1, 2, 3, 4, 5])
    assert (est.n, est.mean) == (5, 3)
    assert est.sd == pytest.approx(1.581139, abs=1e-6)
    # 3 +- 2.776445 * 1.581139 / sqrt(5)
    assert (est.low, est.high) == (pytest.approx(1.036757, abs=1e-6), pytest.approx(4.963243, abs=1e-6))
    assert estimate([7]).low is None
    diff = welch(estimate([10, 20, 30, 40, 50]), estimate([2, 4, 6, 8, 10, 12]))
    assert diff is not None
    # se^2 = 250/5 + 14/6; Welch df = 52.333^2 / (50^2/4 + 2.333^2/5) = 4.3744
    assert diff.df == pytest.approx(4.374423, abs=1e-5)
    assert (diff.low, diff.high) == (pytest.approx(3.4723, abs=1e-3), pytest.approx(42.5277, abs=1e-3))
    assert diff.excludes_zero
    assert welch(Estimate(1, 3, None, None, None), est) is None


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = make_workspace(tmp_path_factory.mktemp("eval"))
    bundle = load_workspace(root, [PROGRAM_ID]).bundle(PROGRAM_ID)
    return evaluate(root, bundle, root / "results", plan(), dt.date(2027, 10, 1))[0]


def _group(document: dict[str, Any], grouping: str, key: str) -> dict[str, Any]:
    return next(g for g in document["groups"] if g["grouping"] == grouping and g["key"] == key)


def test_cohort_figures_by_hand(document: dict[str, Any]) -> None:
    levels = _group(document, "cohort", "berlin")["levels"]
    # L1: each participant's mean over two sessions: 4.5, 4, 4.5, 3, 4.5
    assert levels["1"] | {"measures": None, "distribution": None} == {
        "level": 1, "respondents": 5, "invited": 10, "response_rate": 0.5, "n": 5, "mean": 4.1,
        "sd": 0.6519, "ci95": [3.2905, 4.9095], "suppressed": False, "measures": None, "distribution": None,
    }
    assert levels["1"]["distribution"] == {"1": 0, "2": 0, "3": 2, "4": 5, "5": 3}
    # L2: post mean 80; gains 10..50: mean 30, sd 15.8114; normalized (80 - 50) / (100 - 50)
    l2 = levels["2"]
    assert (l2["mean"], l2["ci95"]) == (80, [55.1667, 104.8333])
    assert l2["gain"] == {"n": 5, "mean": 30, "sd": 15.8114, "ci95": [10.3676, 49.6324], "suppressed": False}
    assert l2["normalized_gain"] is None  # no scale for level 2 without evaluation.yaml
    assert l2["measures"]["pre"]["mean"] == 50
    # L3: shares 1, .5, 0, 1, .5
    assert (levels["3"]["mean"], levels["3"]["ci95"]) == (0.6, [0.0806, 1.1194])
    # L4: changes 3, 4, 2, 1, 5; baseline mean 60 -> current 63: +5 %
    assert levels["4"]["change"]["ci95"] == [1.0368, 4.9632]
    assert levels["4"]["relative_change"] == 0.05


def test_normalized_gain_with_a_scale(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    (root / "programs" / PROGRAM_ID / "evaluation.yaml").write_text("scales:\n  - {level: 2, min: 0, max: 100}\n", encoding="utf-8")
    bundle = load_workspace(root, [PROGRAM_ID]).bundle(PROGRAM_ID)
    doc, _ = evaluate(root, bundle, root / "results", plan(), dt.date(2027, 10, 1))
    assert _group(doc, "cohort", "berlin")["levels"]["2"]["normalized_gain"] == 0.6


def test_groups_under_five_are_suppressed(document: dict[str, Any]) -> None:
    tokyo = _group(document, "cohort", "tokyo")["levels"]["1"]
    assert tokyo["n"] == 4 and tokyo["suppressed"]
    assert tokyo["mean"] is None and tokyo["ci95"] is None and tokyo["sd"] is None
    assert tokyo["distribution"] is None
    assert tokyo["measures"]["relevance"]["mean"] is None
    assert tokyo["respondents"] == 4  # counts stay: they reveal no answer


def test_variant_locale_and_overall_groups(document: dict[str, Any]) -> None:
    assert [c["variant"] for c in document["cohorts"]] == ["de", "core", "core"]
    core = _group(document, "variant", "core")
    assert core["cohorts"] == ["tokyo", "nyc"] and core["invited"] == 10
    assert core["levels"]["2"]["gain"]["mean"] == 7  # nyc only: gains 2, 4, ..., 12
    overall = _group(document, "overall", "all")
    assert overall["levels"]["1"]["n"] == 9  # 5 in berlin + 4 in tokyo: not suppressed together
    assert overall["levels"]["2"]["gain"]["n"] == 11
    assert _group(document, "locale", "ja_JP")["cohorts"] == ["tokyo"]


def test_findings_carry_their_numbers(document: dict[str, Any]) -> None:
    kinds = [(f["kind"], f["key"], f["level"]) for f in document["findings"]]
    assert ("variant-differs", "de", 2) in kinds
    differs = next(f for f in document["findings"] if f["kind"] == "variant-differs")
    assert differs["numbers"]["difference"] == 23
    assert differs["numbers"]["ci95"] == [3.4723, 42.5277]
    assert "higher than the core's 7.00" in differs["text"]
    # berlin answered half of its surveys (5 of 10 people): under the 60 % threshold
    assert ("low-response", "berlin", 1) in kinds
    # tokyo's L3 (due 2027-05-17 local) and L4 are missing on 2027-10-01; nyc's L1 too
    assert ("overdue", "tokyo", 3) in kinds and ("overdue", "nyc", 1) in kinds
    # berlin's L1 mean 4.1 is 78 % of 1-5, its L3 share 0.6 is not under 0.5: no finding
    assert not any(k == "liked-not-applied" for k, _, _ in kinds)


def test_liked_not_applied(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    (root / "programs" / PROGRAM_ID / "evaluation.yaml").write_text("thresholds: {applied: 0.7}\n", encoding="utf-8")
    bundle = load_workspace(root, [PROGRAM_ID]).bundle(PROGRAM_ID)
    doc, _ = evaluate(root, bundle, root / "results", plan(), dt.date(2027, 10, 1))
    found = [f for f in doc["findings"] if f["kind"] == "liked-not-applied"]
    assert [(f["key"], f["numbers"]["l1"]["mean"], f["numbers"]["l3"]["mean"]) for f in found] == [("berlin", 4.1, 0.6)]
