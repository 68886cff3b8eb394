"""docs/formats.md is the complete, current reference: its key tables are what the models
say, every key has a meaning, its examples load, and no link leaves the repository."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

import pytest
from ruamel.yaml import YAML

from glocal import model as m

from .conftest import REPO

DOC = REPO / "docs" / "formats.md"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_formats", REPO / "scripts" / "gen_formats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_key_tables_are_what_the_models_say() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert _generator().render(text) == text, "run: python scripts/gen_formats.py"


def test_every_key_has_a_meaning() -> None:
    assert _generator().missing_descriptions() == []


def test_a_new_key_would_be_caught() -> None:
    gen = _generator()
    gen.DESCRIPTIONS.pop("Cohort.venue")
    assert gen.missing_descriptions() == ["Cohort.venue"]
    text = DOC.read_text(encoding="utf-8")
    assert gen.render(text) != text


@pytest.mark.parametrize(("heading", "model"), [
    ("## program.yaml", m.Program),
    ("## rollout.yaml", m.Rollout),
    ("## facilitators.yaml", m.FacilitatorsFile),
    ("## locales/<locale>/<program-id>.yaml", m.Variant),
    ("## locales/<locale>/profile.yaml", m.Profile),
])
def test_each_example_is_a_valid_file(heading: str, model: type[m.Strict]) -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text.split(heading, 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    model.model_validate(YAML(typ="safe").load(block))


def test_no_document_links_outside_the_repository() -> None:
    outside = []
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\]\((\.\./|/|file:)", line) or "../shared" in line:
                outside.append(f"{path.name}:{number}: {line.strip()}")
    assert not outside
