"""Words of follow-ups: an evaluation due on the day of its anchor session reads naturally
("After the last session", not "0 days after the last session"), in every catalog language."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.calendars.texts import Wording
from glocal.model import Evaluation

from .conftest import copy_example
from .test_calendars_common import load_bundle


@pytest.fixture(scope="module")
def wording(tmp_path_factory: pytest.TempPathFactory) -> Wording:
    root = tmp_path_factory.mktemp("words") / "ws"
    copy_example(Path(root))
    return Wording(load_bundle(root))


@pytest.mark.parametrize(("when", "locale", "expected"), [
    ("after-last-session", "en", "After the last session"),
    ("after-first-session", "de", "Nach der ersten Sitzung"),
    ("after-last-session", "ja", "最後のセッションの後"),
    ("60d after-last-session", "en", "60 days after the last session"),
    ("1d after-first-session", "en", "1 day after the first session"),
])
def test_due_text(wording: Wording, when: str, locale: str, expected: str) -> None:
    level = Evaluation.model_validate({"level": 3, "instrument": "Checklist", "when": when})
    description = wording.followup(level, locale, "oslo-1").description
    assert description.splitlines()[-1] == expected
    assert not description.splitlines()[-1].startswith("0 ")
