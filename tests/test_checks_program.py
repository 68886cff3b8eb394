"""Cross-file rules of program.yaml, rollout.yaml and facilitators.yaml.

Each case edits a private copy of the example workspace so that it breaks one rule, and
asserts the exact ``path:line:column: message`` lines glocal reports (all problems of the
run, sorted). ``'e'`` cases must fail to load; ``'w'`` cases load with these warnings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .checkhelp import PROGRAM, ROLLOUT, TEAM, outcome

CASES = [
    pytest.param(
        [(PROGRAM, 'id: leading-through-change', 'id: leading-thru-change')],
        'e',
        [
            "programs/leading-through-change/program.yaml:3:5: program id 'leading-thru-change' differs from its folder 'leading-through-change'; write id: leading-through-change (or rename the folder)",
        ],
        id='id folder',
    ),
    pytest.param(
        [(PROGRAM, '  - id: feedback\n    title: Feedback that lands', '  - id: coaching\n    title: Feedback that lands')],
        'e',
        [
            "locales/ar/leading-through-change.yaml:13:3: unknown module 'feedback' (not in the core program); the core modules are foundations, coaching, resistance, team-simulation, capstone",
            "locales/de/leading-through-change.yaml:14:3: unknown module 'feedback' (not in the core program); the core modules are foundations, coaching, resistance, team-simulation, capstone",
            "locales/ja/leading-through-change.yaml:26:3: unknown module 'feedback' (not in the core program); the core modules are foundations, coaching, resistance, team-simulation, capstone",
            "locales/nb/leading-through-change.yaml:19:3: unknown module 'feedback' (not in the core program); the core modules are foundations, coaching, resistance, team-simulation, capstone",
            "locales/pt/leading-through-change.yaml:13:3: unknown module 'feedback' (not in the core program); the core modules are foundations, coaching, resistance, team-simulation, capstone",
            "programs/leading-through-change/program.yaml:63:9: duplicate module id 'coaching' (first used at line 50); give each module its own id",
        ],
        id='dup module',
    ),
    pytest.param(
        [(PROGRAM, '      - id: reflection', '      - id: case-debate')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:18:7: unknown activity 'reflection' in module 'foundations'; its activities are case-debate",
            "locales/nb/leading-through-change.yaml:14:7: unknown activity 'reflection' in module 'foundations'; its activities are case-debate",
            "programs/leading-through-change/program.yaml:45:13: duplicate activity id 'case-debate' (first used at line 41); give each activity its own id",
        ],
        id='dup activity',
    ),
    pytest.param(
        [(PROGRAM, '  - id: coach\n', '  - id: lead-change\n')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:62:3: unknown objective 'coach' (not in the core program); the core objectives are lead-change, feedback",
            "programs/leading-through-change/program.yaml:14:9: duplicate objective id 'lead-change' (first used at line 12); give each objective its own id",
        ],
        id='dup objective',
    ),
    pytest.param(
        [(ROLLOUT, '  - id: tokyo-2', '  - id: tokyo-1')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:49:9: duplicate cohort id 'tokyo-1' (first used at line 40); give each cohort its own id",
        ],
        id='dup cohort',
    ),
    pytest.param(
        [(TEAM, '  - id: lars', '  - id: ingrid')],
        'e',
        [
            "facilitators.yaml:14:9: duplicate facilitator id 'ingrid' (first used at line 2); give each facilitator its own id",
        ],
        id='dup facilitator',
    ),
    pytest.param(
        [(PROGRAM, '    skills: [coaching]\n    gap: {min: 2d, max: 14d}\n    activities:\n      - id: coaching-triads', '    skills: [coaching]\n    after: foundation\n    gap: {min: 2d, max: 14d}\n    activities:\n      - id: coaching-triads')],
        'e',
        [
            "programs/leading-through-change/program.yaml:56:12: module 'coaching' comes after unknown module 'foundation'; did you mean 'foundations'?",
        ],
        id='after unknown',
    ),
    pytest.param(
        [(PROGRAM, '    skills: [coaching]\n    gap: {min: 2d, max: 14d}\n    activities:\n      - id: coaching-triads', '    skills: [coaching]\n    after: feedback\n    gap: {min: 2d, max: 14d}\n    activities:\n      - id: coaching-triads')],
        'e',
        [
            "programs/leading-through-change/program.yaml:56:12: the order of modules forms a cycle: coaching -> feedback -> coaching (each comes after the next); point one 'after' at a module outside the cycle or remove it",
        ],
        id='after cycle',
    ),
    pytest.param(
        [(PROGRAM, '    duration: 90m\n    delivery: virtual\n    skills: [change-management]\n    activities:', '    duration: 90m\n    delivery: virtual\n    after: foundations\n    skills: [change-management]\n    activities:')],
        'e',
        [
            "programs/leading-through-change/program.yaml:39:12: the order of modules forms a cycle: foundations -> foundations (each comes after the next); point one 'after' at a module outside the cycle or remove it",
        ],
        id='after self',
    ),
    pytest.param(
        [(PROGRAM, 'gap: {min: 2d, max: 21d}', 'gap: {min: 22d, max: 21d}')],
        'e',
        [
            "programs/leading-through-change/program.yaml:95:16: gap min 22d of module 'team-simulation' is longer than its max 21d; make min at most max",
        ],
        id='gap',
    ),
    pytest.param(
        [(PROGRAM, '        minutes: 150', '        minutes: 190')],
        'e',
        [
            "programs/leading-through-change/program.yaml:92:15: the activities of module 'team-simulation' take 190 minutes, more than its duration 3h; shorten the activities or make the duration at least 3h10m",
        ],
        id='minutes',
    ),
    pytest.param(
        [(ROLLOUT, 'program: leading-through-change', 'program: leading-through-chaos')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:2:10: rollout is for program 'leading-through-chaos' but lies in the folder of 'leading-through-change'; write program: leading-through-change",
        ],
        id='rollout program',
    ),
    pytest.param(
        [(ROLLOUT, 'working_hours: "09:30-18:30"', 'working_hours: "19:30-03:00"')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:68:20: time range '19:30-03:00' ends before it starts; a range lies within one day, so write the earlier time first (e.g. '03:00-19:30'), or end at midnight with '19:30-24:00'",
        ],
        id='working hours',
    ),
    pytest.param(
        [(ROLLOUT, 'window: 2027-02-01..2027-04-30', 'window: 2027-04-30..2027-02-01')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:3:9: date range '2027-04-30..2027-02-01' ends before it starts; write the earlier date first (2027-02-01..2027-04-30)",
        ],
        id='window',
    ),
    pytest.param(
        [(ROLLOUT, 'start_after: 2027-03-01', 'start_after: 2027-05-03')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:55:18: start_after 2027-05-03 of cohort 'tokyo-2' is outside the window 2027-02-01..2027-04-30; use a date inside the window or remove it",
        ],
        id='start_after',
    ),
    pytest.param(
        [(ROLLOUT, '    size: 14\n', '    size: 14\n    weekend: [mon, tue, wed, thu, fri, sat, sun]\n')],
        'e',
        [
            "programs/leading-through-change/rollout.yaml:75:14: the weekend of cohort 'dubai-1' is every day of the week, which leaves no working days; list the days off only (e.g. [sat, sun])",
        ],
        id='weekend',
    ),
    pytest.param(
        [(ROLLOUT, '    size: 14\n', '    size: 14\n    preferred_hours: "07:00-10:00"\n')],
        'w',
        [
            "programs/leading-through-change/rollout.yaml:75:22: warning: preferred hours 07:00-10:00 of cohort 'dubai-1' are not inside its working hours 09:00-17:00; sessions only happen in working hours, so choose preferred hours inside them",
        ],
        id='preferred',
    ),
    pytest.param(
        [(ROLLOUT, 'working_hours: "09:30-18:30"', 'working_hours: "11:00-18:30"')],
        'w',
        [
            "programs/leading-through-change/rollout.yaml:68:20: warning: preferred hours 10:00-16:00 of cohort 'bengaluru-1' are not inside its working hours 11:00-18:30; sessions only happen in working hours, so choose preferred hours inside them",
        ],
        id='preferred via working',
    ),
    pytest.param(
        [(ROLLOUT, 'preferred_hours: "10:00-16:00"', 'preferred_hours: "08:00-16:00"')],
        'w',
        [
            'programs/leading-through-change/rollout.yaml:7:20: warning: default preferred hours 08:00-16:00 are not inside the default working hours 09:00-17:00; sessions only happen in working hours, so choose preferred hours inside them',
            "programs/leading-through-change/rollout.yaml:45:20: warning: preferred hours 08:00-16:00 of cohort 'tokyo-1' are not inside its working hours 09:30-18:00; sessions only happen in working hours, so choose preferred hours inside them",
            "programs/leading-through-change/rollout.yaml:54:20: warning: preferred hours 08:00-16:00 of cohort 'tokyo-2' are not inside its working hours 09:30-18:00; sessions only happen in working hours, so choose preferred hours inside them",
            "programs/leading-through-change/rollout.yaml:68:20: warning: preferred hours 08:00-16:00 of cohort 'bengaluru-1' are not inside its working hours 09:30-18:30; sessions only happen in working hours, so choose preferred hours inside them",
        ],
        id='defaults preferred',
    ),
    pytest.param(
        [(TEAM, '    working_hours: "08:30-16:30"\n', '    working_hours: "08:30-16:30"\n    preferred_hours: "15:00-17:00"\n')],
        'w',
        [
            "facilitators.yaml:22:22: warning: preferred hours 15:00-17:00 of facilitator 'lars' are not inside their working hours 08:30-16:30; sessions only happen in working hours, so choose preferred hours inside them",
        ],
        id='fac preferred',
    ),
    pytest.param(
        [(TEAM, '    working_hours: "08:30-16:30"\n', '    working_hours: "08:30-16:30"\n    weekend: [mon, tue, wed, thu, fri, sat, sun]\n')],
        'e',
        [
            "facilitators.yaml:22:14: the weekend of facilitator 'lars' is every day of the week, which leaves no working days; list the days off only (e.g. [sat, sun])",
        ],
        id='fac weekend',
    ),
]


@pytest.mark.parametrize(("edits", "kind", "expected"), CASES)
def test_rule(workspace: Path, edits: list[tuple[str, str, str]], kind: str, expected: list[str]) -> None:
    assert outcome(workspace, edits, kind) == expected
