"""Cross-file rules about who can deliver what to whom.

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
        [(ROLLOUT, 'locale: ar-AE', 'locale: ko-KR')],
        'w',
        [
            "programs/leading-through-change/rollout.yaml:71:13: warning: glocal has no translation of its own labels (Time, Facilitator, Venue, ...) for 'ko': cohort dubai-1's calendars mix them in English with its content; add src/glocal/locale/ko/LC_MESSAGES/messages.po (docs/localization.md)",
            "programs/leading-through-change/rollout.yaml:71:13: warning: nobody can teach cohort 'dubai-1': no facilitator speaks Korean (ko), the language of its locale ko_KR; 'glocal plan' leaves its sessions unplaced (a partial plan) until a facilitator in facilitators.yaml speaks ko or the cohort's locale changes",
        ],
        id='cohort language',
    ),
    pytest.param(
        [(PROGRAM, 'skills: [change-management, facilitation]', 'skills: [change-management, facilitaton]')],
        'e',
        [
            "programs/leading-through-change/program.yaml:94:33: no facilitator holds skill 'facilitaton' of module 'team-simulation'; did you mean 'facilitation'?",
        ],
        id='unknown skill',
    ),
    pytest.param(
        [(PROGRAM, '    delivery: in_person\n    skills: [change-management]', '    delivery: in_person\n    skills: [change-management, storytelling]'), (TEAM, 'skills: [coaching, facilitation]', 'skills: [coaching, facilitation, storytelling]')],
        'e',
        [
            "programs/leading-through-change/program.yaml:107:13: no facilitator holds all skills of module 'capstone' (change-management, storytelling); give one facilitator all of them in facilitators.yaml",
        ],
        id='no one holds all skills',
    ),
    pytest.param(
        [(TEAM, '    languages: [ja, en]\n    skills: [change-management, coaching, facilitation]', '    languages: [ja, en]\n    skills: [change-management, coaching]')],
        'w',
        [
            "programs/leading-through-change/rollout.yaml:40:9: warning: nobody can deliver module team-simulation to cohort 'tokyo-1': nobody who speaks Japanese (ja) holds change-management and facilitation for team-simulation (add the skills to a facilitator who speaks Japanese (ja), or add such a facilitator); 'glocal plan' leaves it unplaced (a partial plan)",
            "programs/leading-through-change/rollout.yaml:49:9: warning: nobody can deliver module team-simulation to cohort 'tokyo-2': nobody who speaks Japanese (ja) holds change-management and facilitation for team-simulation (add the skills to a facilitator who speaks Japanese (ja), or add such a facilitator); 'glocal plan' leaves it unplaced (a partial plan)",
        ],
        id='cohort x module',
    ),
    pytest.param(
        [(TEAM, '    country: SG\n', '    country: MY\n'), (TEAM, 'travels: true', 'travels: false')],
        'w',
        [
            "programs/leading-through-change/rollout.yaml:57:9: warning: nobody can deliver module capstone to cohort 'singapore-1': capstone is delivered in person and no facilitator who speaks English (en) and holds change-management lives in SG or travels (set travels: true for one of them or add a facilitator in SG); 'glocal plan' leaves it unplaced (a partial plan)",
        ],
        id='in person',
    ),
    pytest.param(
        [(TEAM, 'languages: [en]\n', 'languages: [fi]\n')],
        'w',
        [
            "facilitators.yaml:73:9: warning: facilitator 'marcus' can deliver nothing in any program: speaks none of the cohorts' languages (ar, de, en, ja, nb, pt); check their languages and skills",
        ],
        id='idle: languages',
    ),
    pytest.param(
        [(TEAM, '    languages: [en]\n    skills: [coaching, facilitation]', '    languages: [en]\n    skills: [facilitation]')],
        'w',
        [
            "facilitators.yaml:73:9: warning: facilitator 'marcus' can deliver nothing in any program: does not hold all skills of any module; check their languages and skills",
        ],
        id='idle: skills',
    ),
    pytest.param(
        [(PROGRAM, 'delivery: in_person', 'delivery: hybrid'), (TEAM, '    country: SG\n', '    country: MY\n'), (TEAM, 'travels: true', 'travels: false')],
        'w',
        [
            "programs/leading-through-change/rollout.yaml:57:9: warning: nobody can deliver module capstone to cohort 'singapore-1': capstone is delivered hybrid and no facilitator who speaks English (en) and holds change-management lives in SG or travels (set travels: true for one of them or add a facilitator in SG); 'glocal plan' leaves it unplaced (a partial plan)",
        ],
        id='hybrid needs the room too',
    ),
]


@pytest.mark.parametrize(("edits", "kind", "expected"), CASES)
def test_rule(workspace: Path, edits: list[tuple[str, str, str]], kind: str, expected: list[str]) -> None:
    assert outcome(workspace, edits, kind) == expected
