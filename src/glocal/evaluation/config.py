"""``programs/<id>/evaluation.yaml``: how result exports map onto Kirkpatrick levels.

The file is optional. Without it every CSV in the results folder must be in the tidy long
format (``cohort, participant, level, measure, value``) and the defaults below apply. With
it, wide survey exports (Microsoft Forms, Google Forms, Qualtrics) are named under
``exports`` with the columns that hold the cohort, the participant and each question.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from pydantic import Field, model_validator

from glocal.errors import Location, Problem
from glocal.model import Strict
from glocal.values import Id, fail
from glocal.workspace.loading import validate_document
from glocal.workspace.yamlio import YamlDocument, read_yaml

CONFIG_NAME = "evaluation.yaml"


class Scale(Strict):
    """The range answers are given in; ``max`` makes a normalized gain possible."""

    min: float = 0
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.max <= self.min:
            raise fail(f"a scale's max must be above its min (min {self.min:g}, max {self.max:g})")
        return self


class LevelScale(Scale):
    """The scale of one level's measures (after any per-question rescaling)."""

    level: int = Field(ge=1, le=4)


# Defaults a coordinator rarely changes: a 5-point L1 survey, L3 behaviours observed yes/no.
DEFAULT_SCALES = {1: Scale(min=1, max=5), 3: Scale(min=0, max=1)}


class Thresholds(Strict):
    """When a figure becomes a finding."""

    response_rate: float = Field(default=0.6, ge=0, le=1, description="below: low response rate")
    liked: float = Field(default=0.75, ge=0, le=1, description="L1 mean at or above this share of its scale")
    applied: float = Field(default=0.5, ge=0, le=1, description="L3 share of behaviours below this")


class ExportFormat(str, Enum):
    """The tool a wide export comes from; decides where the header and the data start."""

    MICROSOFT_FORMS = "microsoft-forms"
    GOOGLE_FORMS = "google-forms"
    QUALTRICS = "qualtrics"


class Question(Strict):
    """One column of a wide export feeding one measure of one level."""

    column: str = Field(min_length=1)
    level: int = Field(ge=1, le=4)
    measure: Id
    scale: Scale | None = None  # the question's own scale, rescaled to the level's
    reverse: bool = False  # reverse-coded item: min + max - answer
    labels: dict[str, float] = Field(default_factory=dict)  # answer text -> number


class Export(Strict):
    """A wide survey export in the results folder and what its columns mean."""

    file: str = Field(min_length=1)
    format: ExportFormat
    cohort_column: str | None = None
    cohort: Id | None = None  # every row is of this cohort (a form per cohort)
    participant_column: str
    module_column: str | None = None  # the session an answer is about (level 1 after each session)
    module: Id | None = None
    date_column: str | None = None
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_cohort_source(self) -> Export:
        if (self.cohort_column is None) == (self.cohort is None):
            raise fail("give either cohort_column (the column naming the cohort) or cohort (one cohort id for the whole file)")
        if self.module_column is not None and self.module is not None:
            raise fail("give module_column or module, not both")
        return self


class XapiActivity(Strict):
    """An xAPI activity (statement ``object.id``) that feeds one measure of one level."""

    id: str = Field(min_length=1)
    level: int = Field(ge=1, le=4)
    measure: Id


XAPI_VERBS = [
    f"http://adlnet.gov/expapi/verbs/{verb}" for verb in ("answered", "completed", "passed", "failed", "scored")
]


class XapiExport(Strict):
    """Statements exported from a learning record store (a JSON array, or ``{"statements": [...]}``)."""

    file: str = Field(min_length=1)
    cohort_extension: str = Field(min_length=1)  # context.extensions key holding the cohort id
    module_extension: str | None = None  # context.extensions key holding the module
    verbs: list[str] = Field(default_factory=lambda: list(XAPI_VERBS))
    activities: list[XapiActivity] = Field(min_length=1)


class EvaluationConfig(Strict):
    """The whole ``evaluation.yaml``."""

    min_group: int = Field(default=5, ge=1, description="smaller groups are suppressed")
    grace_days: int = Field(default=14, ge=0, description="days after its due date a follow-up becomes overdue")
    thresholds: Thresholds = Thresholds()
    scales: list[LevelScale] = Field(default_factory=list)
    exports: list[Export] = Field(default_factory=list)
    xapi: list[XapiExport] = Field(default_factory=list)

    def scale(self, level: int) -> Scale | None:
        """The scale of a level: declared here, else the default (L1 1-5, L3 0-1), else none."""
        for scale in self.scales:
            if scale.level == level:
                return Scale(min=scale.min, max=scale.max)
        return DEFAULT_SCALES.get(level)


def load_config(root: Path, program: str) -> tuple[EvaluationConfig, YamlDocument | None, list[Problem]]:
    """Read ``programs/<program>/evaluation.yaml`` if there is one; defaults otherwise."""
    rel = f"programs/{program}/{CONFIG_NAME}"
    path = root / rel
    if not path.is_file():
        return EvaluationConfig(), None, []
    if not path.resolve().is_relative_to(root.resolve()):
        message = "file is a link to outside the workspace; glocal reads only files inside it (copy the file here)"
        return EvaluationConfig(), None, [Problem(Location(rel), message, code="symlink")]
    doc, problems = read_yaml(path, rel)
    if doc is None:
        return EvaluationConfig(), None, problems
    config, problems = validate_document(EvaluationConfig, doc)
    if config is None:
        return EvaluationConfig(), doc, problems
    seen: dict[int, int] = {}
    for index, scale in enumerate(config.scales):
        if scale.level in seen:
            message = f"level {scale.level} has a scale already (scales[{seen[scale.level]}]); give one scale per level"
            problems.append(Problem(doc.location(("scales", index)), message))
        seen[scale.level] = index
    return config, doc, problems
