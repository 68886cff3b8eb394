"""pydantic errors become one sentence: what was written, what is wrong, what would be right."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from glocal.model import Cohort, Facilitator, Module, Participant, Rollout
from glocal.workspace.messages import error_message


def first_message(model: type[BaseModel], data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return error_message(caught.value.errors()[0])


MODULE = {"id": "a", "title": "A", "duration": "1h"}
COHORT = {"id": "c", "locale": "de", "timezone": "Europe/Berlin", "country": "DE"}


@pytest.mark.parametrize(("model", "data", "expected"), [
    (Module, {**MODULE, "delivery": "virtul"}, "invalid value 'virtul'; did you mean 'virtual'?"),
    (Module, {**MODULE, "delivery": "remote"}, "invalid value 'remote'; use one of virtual, in_person, hybrid"),
    (Module, {**MODULE, "delivery": {"a": 1}}, "expected one of virtual, in_person, hybrid, got a mapping"),
    (Module, {**MODULE, "title": 1984}, "expected text, got 1984; put it in quotes if it is meant as text"),
    (Module, {**MODULE, "skills": "coaching"}, "expected a list (e.g. [a, b]), got 'coaching'"),
    (Module, {"id": "a", "title": "A"}, "missing required key 'duration'"),
    (Module, {**MODULE, "titel": "x"}, "unknown key 'titel'"),
    (Cohort, {**COHORT, "size": "many"}, "expected a whole number, got 'many'"),
    (Cohort, {**COHORT, "size": -1}, "-1 is out of range; use a number at least 0"),
    (Cohort, {**COHORT, "join_url": "meet.example.com"},
     "invalid join url 'meet.example.com'; write a web address starting with https://"),
    (Participant, {"name": "A", "email": "a.example.com"},
     "invalid email 'a.example.com'; write an e-mail address like name@example.com"),
    (Facilitator, {"id": "f", "name": "F", "timezone": "UTC", "country": "NO", "languages": [],
                   "working_hours": "09:00-17:00"}, "'languages' needs at least 1 entry"),
    (Rollout, {"program": "p", "window": "2027-01-01", "cohorts": [COHORT], "granularity": "7m"},
     "granularity must divide a day into whole steps (e.g. 5m, 15m, 30m, 1h), not 7m"),
])
def test_messages(model: type[BaseModel], data: dict[str, Any], expected: str) -> None:
    assert first_message(model, data) == expected


def test_long_values_are_cut() -> None:
    message = first_message(Cohort, {**COHORT, "size": "x" * 200})
    assert message == "expected a whole number, got '" + "x" * 57 + "...'"
