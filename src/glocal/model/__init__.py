"""The pydantic domain model of a glocal workspace and of the schedule glocal produces.

Models validate the *shape* and *values* of one file each (``extra="forbid"``, so a typo in a
key is an error). Rules that need more than one file live in ``glocal.workspace.loading``.
"""

from glocal.model.base import Strict
from glocal.model.people import (
    Facilitator,
    FacilitatorsFile,
    Unavailability,
    parse_unavailable,
)
from glocal.model.program import (
    _WHEN,
    Activity,
    Adaptation,
    Delivery,
    Evaluation,
    EvaluationTiming,
    Gap,
    Module,
    Objective,
    Program,
    parse_when,
)
from glocal.model.rollout import (
    Cohort,
    CohortDefaults,
    ObjectiveWeights,
    Organizer,
    Participant,
    Rollout,
)
from glocal.model.schedule import (
    Attendee,
    CancelledSession,
    ReasonRecord,
    Schedule,
    ScheduledSession,
    SessionChange,
    Status,
    Suggestion,
    UnplacedSession,
)
from glocal.model.variants import (
    ActivityVariant,
    EvaluationVariant,
    ModuleVariant,
    ObjectiveVariant,
    Profile,
    Variant,
)

__all__ = [
    "_WHEN",
    "Activity",
    "ActivityVariant",
    "Adaptation",
    "Attendee",
    "CancelledSession",
    "Cohort",
    "CohortDefaults",
    "Delivery",
    "Evaluation",
    "EvaluationTiming",
    "EvaluationVariant",
    "Facilitator",
    "FacilitatorsFile",
    "Gap",
    "Module",
    "ModuleVariant",
    "Objective",
    "ObjectiveVariant",
    "ObjectiveWeights",
    "Organizer",
    "Participant",
    "Profile",
    "Program",
    "ReasonRecord",
    "Rollout",
    "Schedule",
    "ScheduledSession",
    "SessionChange",
    "Status",
    "Strict",
    "Suggestion",
    "Unavailability",
    "UnplacedSession",
    "Variant",
    "parse_unavailable",
    "parse_when",
]
