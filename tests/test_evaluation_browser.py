"""The report's evaluation section in headless Chromium: no console errors, charts, escaped text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from glocal.evaluation.run import evaluate
from glocal.evaluation.view import evaluation_view
from glocal.report import render_html
from glocal.workspace import load_workspace

from .evalgen import make_workspace, plan
from .test_browser import Opened, browser  # noqa: F401 - the module's browser fixture
from .wsgen import PROGRAM_ID

pytestmark = pytest.mark.external

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_evaluation_section_in_chromium(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    root = make_workspace(tmp_path / "ws")
    program = root / "programs" / PROGRAM_ID / "program.yaml"
    data = json.loads(program.read_text(encoding="utf-8"))
    data["evaluation"][2]["instrument"] = HOSTILE  # L3, overdue for tokyo: shown in findings and tables
    program.write_text(json.dumps(data), encoding="utf-8")
    workspace = load_workspace(root, [PROGRAM_ID])
    bundle = workspace.bundle(PROGRAM_ID)
    document, _ = evaluate(root, bundle, root / "results", plan(), dt.date(2027, 10, 1))
    page = tmp_path / "report.html"
    page.write_text(render_html(workspace, bundle, plan(), evaluation=evaluation_view(document)), encoding="utf-8")
    opened = Opened(browser, page, 1280)
    dom = opened.page.content()
    assert opened.errors == []
    opened.close()
    section = dom.split('<section id="evaluation">')[1].split("</section>")[0]
    assert section.count("<svg") == 4  # L1 (berlin), L2 gain by variant, L3 and L4 (berlin)
    assert "<script" not in section and "<img" not in section
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in section
    assert 'id="evaluation-findings"' in section and "variant-differs" in section
    assert "fewer than 5" in section  # tokyo's L1
