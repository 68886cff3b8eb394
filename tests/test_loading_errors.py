"""One file's mistakes: each is reported at its position with what would be right.

Each case edits a private copy of the example workspace and asserts the exact
``path:line:column: message`` lines, all problems of the run at once, sorted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .checkhelp import PROGRAM, ROLLOUT, TEAM, edit, errors

JA = "locales/ja/leading-through-change.yaml"

CASES = [
    pytest.param(
        [(PROGRAM, 'title: Leading Through Change', 'titel: Leading Through Change')],
        'e',
        [
            "programs/leading-through-change/program.yaml:5:1: unknown key 'titel'; did you mean 'title'?",
        ],
        id='unknown key',
    ),
    pytest.param(
        [(ROLLOUT, '  session_buffer: 15m', '  session_bufer: 15m')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:8:3: unknown key 'session_bufer'; did you mean 'session_buffer'?",
        ],
        id='unknown nested key',
    ),
    pytest.param(
        [(ROLLOUT, 'timezone: Asia/Kolkata', 'timezone: Asia/Calcuta')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:65:15: unknown time zone 'Asia/Calcuta'; did you mean 'Asia/Calcutta' or 'Asia/Kolkata'?",
        ],
        id='tz',
    ),
    pytest.param(
        [(ROLLOUT, 'size: 14', 'size: many')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:74:11: expected a whole number, got 'many'",
        ],
        id='size',
    ),
    pytest.param(
        [(PROGRAM, 'delivery: in_person', 'delivery: in-person')],
        'e',
        [
            "programs/leading-through-change/program.yaml:106:15: invalid value 'in-person'; did you mean 'in_person'?",
        ],
        id='delivery',
    ),
    pytest.param(
        [(TEAM, 'email: lars.haugen@example.com', 'email: lars.haugen')],
        'e',
        [
            "facilitators.yaml:16:12: invalid email 'lars.haugen'; write an e-mail address like name@example.com",
        ],
        id='email',
    ),
    pytest.param(
        [(PROGRAM, 'title: Capstone presentations', 'title: 2027')],
        'e',
        [
            'programs/leading-through-change/program.yaml:103:12: expected text, got 2027; put it in quotes if it is meant as text',
        ],
        id='title number',
    ),
    pytest.param(
        [(TEAM, '    timezone: Asia/Dubai\n', '')],
        'e',
        [
            "facilitators.yaml:121:5: missing required key 'timezone'",
        ],
        id='missing',
    ),
    pytest.param(
        [(JA, '  capstone:\n', '  Capstone:\n')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:49:3: invalid id 'Capstone'; use lower-case letters, digits and '-', starting with a letter, at most 64 characters (e.g. 'tokyo-1')",
        ],
        id='variant key id',
    ),
    pytest.param(
        [(ROLLOUT, '    size: 14\n', '    size: 14\n    weekend: fri\n')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:75:14: expected a list (e.g. [a, b]), got 'fri'",
        ],
        id='weekend str',
    ),
    pytest.param(
        [(ROLLOUT, 'cohorts:\n', 'cohorts: []\nold:\n')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:10:10: 'cohorts' needs at least 1 entry",
            "programs/leading-through-change/rollout.yaml:11:1: unknown key 'old'; allowed keys: cohorts, defaults, granularity, objectives, organizer, program, window",
        ],
        id='empty cohorts',
    ),
    pytest.param(
        [(PROGRAM, '  locked: [objectives, evaluation]', '  locked: [objectives, evaluation')],
        'e',
        [
            "programs/leading-through-change/program.yaml:117:21: YAML syntax error: expected ',' or ']', but got ':'; is a closing ']' missing before this line?",
        ],
        id='syntax',
    ),
    pytest.param(
        [(TEAM, 'facilitators:\n', '- facilitators:\n')],
        'e',
        [
            "facilitators.yaml:1:1: expected a mapping of keys (like 'id: ...'), got a list",
        ],
        id='list root',
    ),
    pytest.param(
        [(TEAM, '      - 2027-02-22..2027-02-26', '      - 2027-02-26..2027-02-22')],
        'e',
        [
            "facilitators.yaml:12:9: date range '2027-02-26..2027-02-22' ends before it starts; write the earlier date first (2027-02-22..2027-02-26)",
        ],
        id='unavailable',
    ),
    pytest.param(
        [(PROGRAM, 'when: 60d after-last-session', 'when: 60 days later')],
        'e',
        [
            "programs/leading-through-change/program.yaml:28:11: invalid evaluation time '60 days later'; use after-each-session, after-last-session or '<n>d after-last-session' (e.g. '60d after-last-session')",
        ],
        id='when',
    ),
    pytest.param(
        [(ROLLOUT, 'granularity: 15m', 'granularity: 7m')],
        'e',
        [
            'programs/leading-through-change/rollout.yaml:4:14: granularity must divide a day into whole steps (e.g. 5m, 15m, 30m, 1h), not 7m',
        ],
        id='granularity',
    ),
    pytest.param(
        [(ROLLOUT, 'start_after: 2027-03-01', 'start_after: 2027-02-30')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:55:18: invalid date '2027-02-30'; write YYYY-MM-DD, e.g. 2027-03-01",
        ],
        id='impossible date at its position',
    ),
    pytest.param(
        [(ROLLOUT, 'start_after: 2027-03-01', 'start_after: 2027-03-01T09:00:00Z')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:55:18: invalid date '2027-03-01T09:00:00Z'; write YYYY-MM-DD, e.g. 2027-03-01",
        ],
        id='date and time where a date belongs',
    ),
]


@pytest.mark.parametrize(("edits", "kind", "expected"), CASES)
def test_file_problem(workspace: Path, edits: list[tuple[str, str, str]], kind: str, expected: list[str]) -> None:
    for rel, old, new in edits:
        edit(workspace, rel, old, new)
    assert errors(workspace) == expected


def test_every_problem_at_once_sorted_by_file_and_line(workspace: Path) -> None:
    edit(workspace, TEAM, "timezone: Asia/Dubai", "timezone: Asia/Dubay")
    edit(workspace, ROLLOUT, "size: 14", "size: -1")
    edit(workspace, ROLLOUT, "size: 16", "sise: 16")
    edit(workspace, PROGRAM, "duration: 2h\n    delivery: in_person", "duration: 2 hours\n    delivery: in_person")
    edit(workspace, JA, "based_on: 3", "based_on: three")
    assert errors(workspace) == [
        ("facilitators.yaml:124:15: unknown time zone 'Asia/Dubay'; "
        "did you mean 'Asia/Dubai'?"),
        "locales/ja/leading-through-change.yaml:3:11: expected a whole number, got 'three'",
        ("programs/leading-through-change/program.yaml:105:15: invalid duration '2 hours'; write "
        "minutes, hours or days like 90m, 1h30m, 2d or PT1H30M"),
        "programs/leading-through-change/rollout.yaml:15:5: unknown key 'sise'; did you mean 'size'?",
        "programs/leading-through-change/rollout.yaml:74:11: -1 is out of range; use a number at least 0",
    ]
